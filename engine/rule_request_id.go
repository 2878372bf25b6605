package engine

import (
	"github.com/errdocs/errdocs/internal/printf"
)

// ruleRequestID: the body's request id and the request-id header differ.
func ruleRequestID(e *explainer) {
	if e.api == nil || e.api.Headers.RequestID == "" || e.f.requestID == "" {
		return
	}
	if h, ok := e.p.resp.header(e.api.Headers.RequestID); ok && h != e.f.requestID {
		e.problem("warning", printf.Sprintf("The body's request id %q differs from the %s header %q: the body may come from another response, or a proxy set its own id. Quote both to support.",
			e.f.requestID, e.api.Headers.RequestID, h), e.headerOff(e.api.Headers.RequestID))
	}
}
