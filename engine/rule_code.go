package engine

import (
	"github.com/errdocs/errdocs/internal/printf"
)

// ruleCode checks the code against the catalog: a body with no code where the shape has one,
// a code the catalog does not list (with a near miss in case or separators), and a known code
// sent with a status it is not documented with.
func ruleCode(e *explainer) {
	v, b := e.v, e.b
	if e.api == nil || e.shape == nil || e.shape.Code == "" {
		return
	}
	apiName := e.apiName()
	switch {
	case v.Code == "" && b.root != nil && !b.cut && !e.shape.CodeOptional():
		e.problem("warning", printf.Sprintf("The body has no error code where %s puts one (%s).", apiName, e.shape.Code), e.p.resp.bodyOff)
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
