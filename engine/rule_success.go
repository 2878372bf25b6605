package engine

import (
	"github.com/errdocs/errdocs/internal/printf"
)

// ruleSuccess: the response reports success, not an error.
func ruleSuccess(e *explainer) {
	v := e.v
	if v.Status >= 200 && v.Status < 300 && v.Code == "" && e.b.dialect != "html" &&
		!(e.shape != nil && e.shape.Allow2xx && v.Message != "") {
		e.problem("info", printf.Sprintf("The status is %d: this response reports success, not an error.", v.Status), e.statusOff())
	}
}
