package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/engine/triage"
	"github.com/errdocs/errdocs/internal/instant"
	"github.com/errdocs/errdocs/internal/mcpserver"
)

const explainUsage = "usage: errdocs explain [--json | --format text|json|github] [--fail-on error|warning] [--content DIR] [FILE|-]"

func runExplain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("explain", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	asJSON := fl.Bool("json", false, "print the verdict as one JSON object (--format json)")
	format := fl.String("format", "text", "text, json, or github (GitHub Actions annotations)")
	failOn := fl.String("fail-on", "", "exit 1 when a failure is found (error), or also a warning (warning)")
	contentDir := fl.String("content", "", "content folder (default: ./content when it exists, else the built-in demo catalog)")
	if err := fl.Parse(args); err != nil {
		fmt.Fprintf(stderr, "errdocs explain: %v\n%s\n", err, explainUsage)
		return 2
	}
	if *asJSON {
		*format = "json"
	}
	switch {
	case *format != "text" && *format != "json" && *format != "github":
		fmt.Fprintf(stderr, "errdocs explain: --format %q: want text, json or github\n%s\n", *format, explainUsage)
		return 2
	case *failOn != "" && *failOn != "error" && *failOn != "warning":
		fmt.Fprintf(stderr, "errdocs explain: --fail-on %q: want error or warning\n%s\n", *failOn, explainUsage)
		return 2
	case fl.NArg() > 1:
		fmt.Fprintln(stderr, "errdocs explain: give at most one FILE (or - for standard input)")
		return 2
	}
	name := "-"
	if fl.NArg() == 1 {
		name = fl.Arg(0)
	}
	in := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "errdocs explain: %v\n", err)
			return 2
		}
		defer f.Close()
		in = f
	}
	data, err := io.ReadAll(io.LimitReader(in, triage.MaxInput+1))
	if err != nil {
		fmt.Fprintf(stderr, "errdocs explain: read %s: %v\n", name, err)
		return 2
	}
	cat, err := loadCatalog(*contentDir, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "errdocs explain: %v\n", err)
		return 2
	}
	v := triage.Explain(cat, string(data), engine.Options{Now: func() instant.Time { return instant.Unix(0, time.Now().UnixNano()) }})
	switch *format {
	case "json":
		// The same bytes as errdocs mcp's explain tool gives as text.
		out, err := mcpserver.VerdictJSON(v)
		if err == nil {
			_, err = stdout.Write(out)
		}
		if err != nil {
			fmt.Fprintf(stderr, "errdocs explain: %v\n", err)
			return 2
		}
	case "github":
		annotate(stdout, v, name)
	default:
		if v.Exchanges != nil {
			reportGroups(stdout, v, useColor(stdout))
		} else {
			report(stdout, v, useColor(stdout))
		}
	}
	if failing(v, *failOn) {
		return 1
	}
	return 0
}

// loadCatalog reads the catalog from dir, else ./content, else the built-in demo catalog
// (see contentFS).
func loadCatalog(dir string, stderr io.Writer) (*catalog.Catalog, error) {
	fsys, note, err := contentFS("explain", dir)
	if err != nil {
		return nil, err
	}
	io.WriteString(stderr, note)
	s, err := load.Content(fsys)
	if err != nil {
		var es load.Errors
		if errors.As(err, &es) && len(es) > 1 {
			return nil, fmt.Errorf("the content has %d errors:\n%v", len(es), err)
		}
		return nil, err
	}
	return s.Catalog, nil
}

// useColor reports whether w is a terminal and NO_COLOR is unset (https://no-color.org).
func useColor(w io.Writer) bool {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	return isTerminal(w)
}

// report prints a verdict for a person.
func report(w io.Writer, v *engine.Verdict, color bool) {
	st := styler(color)
	head := []string{}
	if v.Status != 0 {
		head = append(head, fmt.Sprint(v.Status))
	}
	if v.Code != "" {
		head = append(head, v.Code)
	}
	title := strings.Join(head, " ")
	if v.Title != "" && v.Title != title {
		if title != "" {
			title += " · "
		}
		title += v.Title
	}
	fmt.Fprintln(w, st.bold(title))
	var facts []string
	if v.API != "" {
		facts = append(facts, "API "+v.API)
	} else {
		facts = append(facts, "API unknown")
	}
	if v.Dialect != "" {
		facts = append(facts, "shape "+v.Dialect)
	}
	facts = append(facts, "confidence "+v.Confidence)
	if v.Code != "" && !v.Known {
		facts = append(facts, "code not in the catalog")
	}
	fmt.Fprintln(w, st.dim(strings.Join(facts, " · ")))
	var codes []string
	if v.Category != "" {
		codes = append(codes, "category "+v.Category)
	}
	if v.SubCode != "" {
		codes = append(codes, "sub-code "+v.SubCode)
	}
	if len(codes) > 0 {
		fmt.Fprintln(w, st.dim(strings.Join(codes, " · ")))
	}
	section := func(name string) { fmt.Fprintf(w, "\n%s\n", st.bold(name)) }
	para := func(text string) {
		for _, p := range strings.Split(text, "\n\n") {
			fmt.Fprintln(w, wrap(p, "  ", 96))
		}
	}
	if v.Operation != "" {
		fmt.Fprintln(w, st.dim("operation "+v.Operation))
	}
	if v.Predicted != nil && v.Predicted.Text != "" {
		section(fmt.Sprintf("Predicted answer: %d %s", v.Predicted.Status, v.Predicted.Code))
		fmt.Fprintln(w, "  "+v.Predicted.Text)
	}
	if v.Meaning != "" {
		section("What it means")
		para(v.Meaning)
	}
	if v.Cause != "" {
		section("Likely cause")
		para(v.Cause)
	}
	if len(v.Fix) > 0 {
		section("How to fix")
		for i, f := range v.Fix {
			fmt.Fprintln(w, wrap(fmt.Sprintf("%d. %s", i+1, f), "  ", 96))
		}
	}
	if v.Input == "response" || v.Retry.Detail != "" {
		section("Retry")
		verdict := st.red("do not retry")
		if v.Retry.Strategy == "conditional" {
			verdict = st.yellow("not as it is: only after a change")
		}
		if v.Retry.Retryable {
			verdict = st.green("retry: " + v.Retry.Strategy)
		}
		fmt.Fprintln(w, "  "+verdict)
		if v.Retry.Detail != "" {
			fmt.Fprintln(w, wrap(v.Retry.Detail, "  ", 96))
		}
	}
	if v.RequestID != "" {
		section("Request id (quote it to support)")
		fmt.Fprintln(w, "  "+v.RequestID)
	}
	if len(v.Fields) > 0 {
		section("Fields")
		for _, f := range v.Fields {
			line := fmt.Sprintf("%s: %s", st.bold(orDash(f.Path)), f.Message)
			if f.Line > 0 {
				line += st.dim(fmt.Sprintf(" (line %d)", f.Line))
			}
			fmt.Fprintln(w, "  "+line)
			if f.Hint != "" {
				fmt.Fprintln(w, wrap(f.Hint, "    ", 96))
			}
		}
	}
	if len(v.Problems) > 0 {
		section("Problems")
		for _, p := range v.Problems {
			tag := p.Severity
			switch p.Severity {
			case "error":
				tag = st.red(tag)
			case "warning":
				tag = st.yellow(tag)
			default:
				tag = st.dim(tag)
			}
			where := ""
			if p.Line > 0 {
				where = fmt.Sprintf("line %d: ", p.Line)
			}
			fmt.Fprintf(w, "  %s %s\n", tag, strings.TrimLeft(wrap(where+p.Message, "    ", 96), " "))
		}
	}
	if v.FixedRequest != "" {
		section("Corrected request")
		for _, ln := range strings.Split(v.FixedRequest, "\n") {
			fmt.Fprintln(w, "  "+ln)
		}
	}
	if len(v.Redacted) > 0 {
		section("Masked in this report")
		for _, r := range v.Redacted {
			fmt.Fprintln(w, "  "+r)
		}
	}
	if v.Docs != "" || v.DocURL != "" {
		section("Docs")
		if v.Docs != "" {
			fmt.Fprintln(w, "  "+v.Docs)
		}
		if v.DocURL != "" {
			fmt.Fprintln(w, "  "+v.DocURL+st.dim(" (the API's own)"))
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "(body)"
	}
	return s
}

// wrap wraps text at width, indenting every line.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(text) {
		if i == 0 {
			b.WriteString(indent)
			col = len(indent)
		} else if col+1+len(word) > width {
			b.WriteString("\n" + indent)
			col = len(indent)
		} else {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += len(word)
	}
	return b.String()
}

type styler bool

func (s styler) wrap(code, text string) string {
	if !s || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s styler) bold(t string) string   { return s.wrap("1", t) }
func (s styler) dim(t string) string    { return s.wrap("2", t) }
func (s styler) red(t string) string    { return s.wrap("31", t) }
func (s styler) green(t string) string  { return s.wrap("32", t) }
func (s styler) yellow(t string) string { return s.wrap("33", t) }
