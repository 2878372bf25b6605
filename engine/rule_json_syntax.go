package engine

import (
	"github.com/errdocs/errdocs/internal/printf"
)

// ruleJSONSyntax: the body is not valid JSON (the problem names the line and column where it
// breaks), or it was cut off before the JSON ended.
func ruleJSONSyntax(e *explainer) {
	p, b := e.p, e.b
	if b.jerr != nil {
		line, col := p.pos(p.resp.at(b.jerr.Off))
		msg := "The body is not valid JSON: " + b.jerr.Msg + printf.Sprintf(" (line %d, column %d).", line, col)
		if b.root != nil {
			msg += " What came before it was read."
		}
		e.v.Problems = append(e.v.Problems, Problem{Severity: "error", Message: msg, Line: line, Column: col})
	} else if b.cut {
		line, _ := p.pos(len(p.text))
		e.v.Problems = append(e.v.Problems, Problem{Severity: "warning", Line: line,
			Message: "The body was cut off before the JSON ended; errdocs read what is there. Paste the whole body for a full check."})
	}
}
