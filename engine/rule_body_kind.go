package engine

import (
	"github.com/errdocs/errdocs/internal/printf"
)

// ruleBodyKind: the body is not what the API sends: an HTML page (a proxy's), no body where
// the API always sends one, text with no status, JSON of no known shape, or problem+json from
// an API that does not document it.
func ruleBodyKind(e *explainer) {
	v, b, resp := e.v, e.b, e.p.resp
	apiName := e.apiName()
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
		// A shape that fits the headers alone (RFC 6750's WWW-Authenticate) needs no body.
		if v.Status >= 400 && e.api != nil && len(e.api.Shapes) > 0 && e.shape == nil {
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
}
