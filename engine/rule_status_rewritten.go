package engine

import (
	"github.com/errdocs/errdocs/internal/printf"
)

// ruleStatusRewritten: the status line and the body's own status differ, so something between
// the API and the reader rewrote the status.
func ruleStatusRewritten(e *explainer) {
	if e.wireStatus != 0 && e.bodyStatus != 0 && e.wireStatus != e.bodyStatus {
		e.problem("warning", printf.Sprintf("The status line says %d but the body says %d: something between the API and you (a proxy, gateway or SDK) rewrote the status. The body's %d is the API's own answer.",
			e.wireStatus, e.bodyStatus, e.bodyStatus), e.statusOff())
	}
}
