package engine

import (
	"github.com/errdocs/errdocs/internal/printf"
)

// ruleErrorOnSuccess: a 2xx status line over an error body, unless its shape's errors come
// with 2xx (GraphQL).
func ruleErrorOnSuccess(e *explainer) {
	if e.wireStatus >= 200 && e.wireStatus < 300 && e.v.Code != "" && e.shape != nil && !e.shape.Allow2xx {
		e.problem("warning", printf.Sprintf("The status is %d, yet the body is an error: a client or proxy may have changed the status.", e.wireStatus), e.statusOff())
	}
}
