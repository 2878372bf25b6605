package engine

import (
	"github.com/errdocs/errdocs/internal/printf"
	"slices"
)

// ruleFieldsOnly: the body has field issues on a status the docs say never carries them.
func ruleFieldsOnly(e *explainer) {
	v := e.v
	if e.shape == nil || len(e.shape.FieldsOnly) == 0 || e.f.issuesNode == nil || v.Status == 0 {
		return
	}
	if !slices.Contains(e.shape.FieldsOnly, v.Status) {
		e.problem("warning", printf.Sprintf("The body has %q on a %d, but %s's docs say it appears only on %s.",
			e.shape.Fields, v.Status, e.apiName(), statusList(e.shape.FieldsOnly)), e.p.resp.at(e.f.issuesNode.Off))
	}
}
