package engine

import (
	"github.com/errdocs/errdocs/internal/printf"
	"strings"
)

// ruleContentType: a JSON body whose Content-Type does not say JSON.
func ruleContentType(e *explainer) {
	if ct, ok := e.p.resp.header("Content-Type"); ok && e.b.root != nil && !strings.Contains(strings.ToLower(ct), "json") {
		e.problem("info", printf.Sprintf("The body is JSON but Content-Type is %q; some clients will not parse it.", ct), e.headerOff("Content-Type"))
	}
}
