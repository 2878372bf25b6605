package engine

import (
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/internal/printf"
)

// Step 5: check the paste against what its API documents. Each departure is a problem: it may be
// the very clue to the error (a proxy that rewrote the status), or a sign the docs are wrong.

func (e *explainer) check() {
	v, p, b := e.v, e.p, e.b
	resp := p.resp
	apiName := "the API"
	if e.api != nil {
		apiName = e.api.Name
	}

	// The body as JSON: syntax and truncation.
	if b.jerr != nil {
		line, col := p.pos(resp.bodyOff + b.jerr.Off)
		msg := "The body is not valid JSON: " + b.jerr.Msg + printf.Sprintf(" (line %d, column %d).", line, col)
		if b.root != nil {
			msg += " What came before it was read."
		}
		v.Problems = append(v.Problems, Problem{Severity: "error", Message: msg, Line: line, Column: col})
	} else if b.cut {
		line, _ := p.pos(len(p.text))
		v.Problems = append(v.Problems, Problem{Severity: "warning", Line: line,
			Message: "The body was cut off before the JSON ended; errdocs read what is there. Paste the whole body for a full check."})
	}

	switch b.dialect {
	case "html":
		msg := "The body is an HTML page, not JSON"
		if b.htmlServer != "" {
			msg += ", from " + b.htmlServer
		}
		if e.api != nil {
			msg += printf.Sprintf(": %s answers errors with JSON, so something in between (a proxy, load balancer or CDN) sent this.", apiName)
		} else {
			msg += ": it most likely came from a proxy, load balancer or CDN rather than the API."
		}
		e.problem("warning", msg, resp.bodyOff)
	case "empty":
		if v.Status >= 400 && e.api != nil && len(e.api.Shapes) > 0 {
			e.problem("warning", printf.Sprintf("%s sends a JSON body with every error; this %d has none, so something in between may have answered, or the body was not pasted.", apiName, v.Status), -1)
		} else if v.Status == 0 && resp.statusLine == 0 {
			e.problem("info", "No status and no body were found.", -1)
		}
	case "text":
		if v.Status == 0 {
			e.problem("warning", "errdocs found no HTTP status, JSON body or HTML page in the paste.", -1)
		}
	case "json":
		if e.api == nil && b.root != nil && v.Code == "" && v.Message == "" {
			e.problem("info", "The JSON fits none of the error shapes errdocs knows.", resp.bodyOff)
		}
	}
	if e.api != nil && b.dialect == "problem+json" && e.shape == nil {
		e.problem("warning", printf.Sprintf("%s does not document problem+json bodies; a gateway or proxy may have produced this one.", apiName), resp.bodyOff)
	}

	// The status on the wire against the status in the body.
	if e.wireStatus != 0 && e.bodyStatus != 0 && e.wireStatus != e.bodyStatus {
		e.problem("warning", printf.Sprintf("The status line says %d but the body says %d: something between the API and you (a proxy, gateway or SDK) rewrote the status. The body's %d is the API's own answer.",
			e.wireStatus, e.bodyStatus, e.bodyStatus), e.statusOff())
	}
	if e.wireStatus >= 200 && e.wireStatus < 300 && (v.Code != "" && e.shape != nil) {
		e.problem("warning", printf.Sprintf("The status is %d, yet the body is an error: a client or proxy may have changed the status.", e.wireStatus), e.statusOff())
	}

	// The code against the catalog.
	if e.api != nil && e.shape != nil && e.shape.Code != "" {
		switch {
		case v.Code == "" && b.root != nil && !b.cut:
			e.problem("warning", printf.Sprintf("The body has no error code where %s puts one (%s).", apiName, e.shape.Code), resp.bodyOff)
		case v.Code != "" && !v.Known:
			sev := "warning"
			msg := printf.Sprintf("The code %q is not in %s's catalog.", v.Code, apiName)
			if e.entry != nil {
				sev = "info"
				msg += printf.Sprintf(" %s does not document the string it sends with a %d; this verdict explains the status.", apiName, v.Status)
			}
			if alt := e.codeCaseMatch(v.Code); alt != "" {
				msg += printf.Sprintf(" Did you mean %s? Codes are case-sensitive.", alt)
			}
			e.problem(sev, msg, e.codeOff())
		case v.Known && e.entry != nil && v.Status != 0 && !e.entry.HasStatus(v.Status):
			e.problem("warning", printf.Sprintf("%s is documented with %s, not %d.", v.Code, statusList(e.entry.Statuses), v.Status), e.codeOff())
		}
	}

	// The request id in the body against the header.
	if e.api != nil && e.api.Headers.RequestID != "" && e.f.requestID != "" {
		if h, ok := resp.header(e.api.Headers.RequestID); ok && h != e.f.requestID {
			e.problem("warning", printf.Sprintf("The body's request id %q differs from the %s header %q: the body may come from another response, or a proxy set its own id. Quote both to support.",
				e.f.requestID, e.api.Headers.RequestID, h), e.headerOff(e.api.Headers.RequestID))
		}
	}

	// Keys the docs promise in every body of this shape.
	if e.shape != nil && b.root != nil && !b.cut && b.jerr == nil {
		var missing []string
		for _, path := range e.shape.Promised {
			if b.root.Get(path) == nil {
				missing = append(missing, path)
			}
		}
		if len(missing) > 0 {
			e.problem("warning", printf.Sprintf("The docs promise %s in every %s error body; this one has no %s.",
				plural(len(missing), "this key", "these keys"), apiName, joinAnd(quoteAll(missing))), resp.bodyOff)
		}
	}

	// Field issues where the docs say there are none.
	if e.shape != nil && len(e.shape.FieldsOnly) > 0 && e.f.issuesNode != nil && v.Status != 0 {
		allowed := false
		for _, s := range e.shape.FieldsOnly {
			allowed = allowed || s == v.Status
		}
		if !allowed {
			e.problem("warning", printf.Sprintf("The body has %q on a %d, but %s's docs say it appears only on %s.",
				e.shape.Fields, v.Status, apiName, statusList(e.shape.FieldsOnly)), resp.bodyOff+e.f.issuesNode.Off)
		}
	}

	// A JSON error that says it is JSON, and a content type that says otherwise.
	if ct, ok := resp.header("Content-Type"); ok && b.root != nil {
		low := strings.ToLower(ct)
		if !strings.Contains(low, "json") {
			e.problem("info", printf.Sprintf("The body is JSON but Content-Type is %q; some clients will not parse it.", ct), e.headerOff("Content-Type"))
		}
	}
	if v.Status >= 200 && v.Status < 300 && v.Code == "" && b.dialect != "html" {
		e.problem("info", printf.Sprintf("The status is %d: this response reports success, not an error.", v.Status), e.statusOff())
	}
}

func (e *explainer) statusOff() int {
	if r := e.p.resp; r != nil && r.statusLine > 0 {
		return e.p.lines[r.statusLine-1]
	}
	return -1
}

func (e *explainer) headerOff(name string) int {
	for _, h := range e.p.resp.headers {
		if strings.EqualFold(h.name, name) && h.line > 0 {
			return e.p.lines[h.line-1]
		}
	}
	return -1
}

func (e *explainer) codeOff() int {
	if e.shape == nil || e.b.root == nil {
		return -1
	}
	if n := e.b.root.Get(e.shape.Code); n != nil {
		return e.p.resp.bodyOff + n.Off
	}
	return -1
}

// codeCaseMatch finds a catalog code that differs from code only in case or separators.
func (e *explainer) codeCaseMatch(code string) string {
	norm := func(s string) string { return strings.ToLower(strings.NewReplacer("-", "_", " ", "_").Replace(s)) }
	for _, c := range e.api.Codes() {
		if c != code && norm(c) == norm(code) {
			return c
		}
	}
	return ""
}

func statusList(ss []int) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = strconv.Itoa(s)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = "`" + s + "`"
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
