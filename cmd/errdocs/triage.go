package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/engine/triage"
)

// failing reports whether --fail-on level fails the run for v: "error" on any failed exchange
// (an error status or a problem of severity error), "warning" also on any warning.
func failing(v *engine.Verdict, level string) bool {
	if level == "" {
		return false
	}
	failed := triage.Failed(v)
	if v.Exchanges != nil {
		failed = v.Exchanges.Failed > 0
	}
	worst := triage.Worst(v)
	return failed || worst == "error" || level == "warning" && worst == "warning"
}

// reportGroups prints the report of a paste of many exchanges: a summary, the groups most
// frequent first (each with its lines and times), then the full report of the most frequent
// group's first exchange.
func reportGroups(w io.Writer, v *engine.Verdict, color bool) {
	st := styler(color)
	x := v.Exchanges
	fmt.Fprintln(w, st.bold(fmt.Sprintf("%d exchanges, %d failed, in %d %s", x.Total, x.Failed, len(x.Groups), plural(len(x.Groups), "group", "groups"))))
	for i, g := range x.Groups {
		fmt.Fprintf(w, "\n%s %s\n", st.bold(fmt.Sprintf("%d×", g.Count)), st.bold(groupTitle(&g)))
		facts := []string{"API " + orUnknown(g.API)}
		if g.Operation != "" {
			facts = append(facts, "operation "+g.Operation)
		}
		if g.First != "" {
			when := g.First
			if g.Last != g.First {
				when += " … " + g.Last
			}
			facts = append(facts, when)
		}
		fmt.Fprintln(w, "  "+st.dim(strings.Join(facts, " · ")))
		fmt.Fprintln(w, wrap("lines "+joinInts(g.Lines, 20), "  ", 96))
		gv := g.Verdict
		if p := firstError(gv); p != "" && gv.Status < 400 {
			fmt.Fprintln(w, wrap(p, "  ", 96))
		} else if gv.Cause != "" {
			fmt.Fprintln(w, wrap(gv.Cause, "  ", 96))
		} else if gv.Message != "" {
			fmt.Fprintln(w, wrap(gv.Message, "  ", 96))
		}
		if len(gv.Fix) > 0 {
			fmt.Fprintln(w, wrap("Fix: "+gv.Fix[0], "  ", 96))
		}
		if gv.Retry.Plan != "" && gv.Input == "response" {
			fmt.Fprintln(w, "  "+st.dim(gv.Retry.Plan))
		}
		if gv.Docs != "" {
			fmt.Fprintln(w, "  "+st.dim(gv.Docs))
		}
		if i == len(x.Groups)-1 {
			break
		}
	}
	if len(x.Groups) > 0 {
		fmt.Fprintf(w, "\n%s\n\n", st.dim("── The most frequent failure, in full (its first exchange) ──"))
		report(w, x.Groups[0].Verdict, color)
	}
	if len(v.Redacted) > 0 {
		fmt.Fprintf(w, "\n%s\n", st.bold("Masked in this report"))
		for _, r := range v.Redacted {
			fmt.Fprintln(w, "  "+r)
		}
	}
}

// firstError is the message of v's first problem of severity error; "" when none.
func firstError(v *engine.Verdict) string {
	for _, p := range v.Problems {
		if p.Severity == "error" {
			return p.Message
		}
	}
	return ""
}

// groupTitle names a group: its status, code and the title of its page.
func groupTitle(g *engine.Group) string {
	var parts []string
	if g.Status != 0 {
		parts = append(parts, fmt.Sprint(g.Status))
	} else {
		parts = append(parts, "no status")
	}
	if g.Code != "" {
		parts = append(parts, g.Code)
	}
	t := strings.Join(parts, " ")
	if g.Verdict != nil && g.Verdict.Title != "" && g.Verdict.Title != g.Code {
		t += " · " + g.Verdict.Title
	}
	return t
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// joinInts lists at most max numbers, then how many more.
func joinInts(ns []int, max int) string {
	var b strings.Builder
	for i, n := range ns {
		if i == max {
			fmt.Fprintf(&b, " and %d more", len(ns)-max)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, n)
	}
	return b.String()
}

// annotate prints GitHub Actions workflow commands: an ::error for each failed group (or for a
// failed single verdict) at its first line, and a ::warning for each warning. file is the
// paste's file name ("-" for standard input: the annotations then carry no file).
// See https://docs.github.com/actions/reference/workflow-commands-for-github-actions.
func annotate(w io.Writer, v *engine.Verdict, file string) {
	emit := func(level string, line int, title, msg string) {
		var props []string
		if file != "-" {
			props = append(props, "file="+escapeProperty(file))
			if line > 0 {
				props = append(props, fmt.Sprintf("line=%d", line))
			}
		}
		if title != "" {
			props = append(props, "title="+escapeProperty(title))
		}
		cmd := "::" + level
		if len(props) > 0 {
			cmd += " " + strings.Join(props, ",")
		}
		fmt.Fprintln(w, cmd+"::"+escapeData(msg))
	}
	summary := func(v *engine.Verdict) string {
		msg := v.Title
		if p := firstError(v); p != "" && v.Status < 400 {
			msg += ": " + p
		} else if v.Cause != "" {
			msg += ": " + v.Cause
		} else if v.Message != "" {
			msg += ": " + v.Message
		}
		if v.Docs != "" {
			msg += " (" + v.Docs + ")"
		}
		return msg
	}
	warnings := func(v *engine.Verdict) {
		for _, p := range v.Problems {
			if p.Severity == "warning" {
				emit("warning", p.Line, "errdocs", p.Message)
			}
		}
	}
	if v.Exchanges == nil {
		if triage.Failed(v) {
			line := 1
			if v.Status == 0 && len(v.Problems) > 0 {
				line = v.Problems[0].Line
			}
			emit("error", line, "errdocs: "+groupTitle(&engine.Group{Status: v.Status, Code: v.Code, Verdict: v}), summary(v))
		}
		warnings(v)
		return
	}
	for _, g := range v.Exchanges.Groups {
		msg := fmt.Sprintf("%d× %s (lines %s)", g.Count, summary(g.Verdict), joinInts(g.Lines, 20))
		emit("error", g.Lines[0], "errdocs: "+groupTitle(&g), msg)
	}
	warnings(v)
}

// escapeData escapes a workflow command's message, as the Actions toolkit does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value, as the Actions toolkit does.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
