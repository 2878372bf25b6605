package engine

import (
	"github.com/errdocs/errdocs/engine/reqcheck"
	"github.com/errdocs/errdocs/internal/printf"
)

// A pasted request in the verdict: a request pasted alone is checked against its operation
// (package reqcheck) and explained by the answer it would get; a request pasted with its
// response is checked too, and what the checks find joins the verdict.

// explainRequest handles a paste that holds a request and no response: it checks the request
// against its operation and explains the answer the API would send.
func (e *explainer) explainRequest() {
	v, req := e.v, e.p.req
	v.Input = "request"
	if req == nil {
		v.Input = "unknown"
		v.Title = "Nothing recognised"
		v.Meaning = "The paste holds no HTTP response, JSON body or request that errdocs could read."
		v.Fix = []string{"Paste the whole response, for example the output of curl -i, or the JSON body your HTTP client received."}
		return
	}
	e.p.resp = &response{}
	e.b = &body{dialect: ""}
	e.chooseAPI()
	rc := e.checkRequest()
	if e.api != nil {
		v.Docs = e.api.Docs
	}
	var pr *Predicted
	if rc.Predicted != nil {
		p := Predicted(*rc.Predicted)
		pr = &p
	}
	if pr == nil || pr.Check == reqcheck.CheckOK {
		v.Title = printf.Sprintf("%s %s", req.Method, req.Path)
		switch {
		case e.api == nil:
			v.Meaning = "A request to an API errdocs has no catalog for, so it cannot check it."
		case len(e.api.Operations) == 0:
			v.Meaning = printf.Sprintf("A request to the %s API. errdocs has no operations for %s (its content has no openapi.yaml), so it cannot check the request; paste the response too, and errdocs explains it.", e.api.Name, e.api.Name)
		case pr != nil:
			v.Title = "The request looks right"
			v.Meaning = printf.Sprintf("errdocs found nothing %s would refuse in this request; it should answer %d.", e.api.Name, pr.Status)
		default:
			v.Meaning = printf.Sprintf("A request to the %s API. errdocs could not tell which operation it calls; paste the response too, and errdocs explains it.", e.api.Name)
		}
		if pr != nil {
			v.Predicted = pr
		}
		return
	}
	// Explain the predicted answer as if it had come back: its entry's meaning and fix.
	v.Predicted = pr
	v.Status, v.Code = pr.Status, pr.Code
	shape := ""
	if e.api != nil && len(e.api.Shapes) > 0 {
		shape = e.api.Shapes[0].Name
		e.shape = e.api.Shapes[0]
	}
	v.Dialect = shape
	e.lookup()
	e.describe()
	e.advise()
	if e.entry != nil {
		v.Title = "The API would answer: " + e.entry.Title
	}
	v.Cause = e.requestCause(rc)
}

// checkRequest runs the request checks (package reqcheck) and copies what they find into the
// verdict, moving their places from the request to the paste.
func (e *explainer) checkRequest() *reqcheck.Result {
	v, p := e.v, e.p
	rc := reqcheck.Check(e.cat, e.api, p.req, p.reqText, reqcheck.Options{NoPredict: v.Input == "response", KeyExplained: e.ph != nil})
	v.Operation = rc.Operation
	v.FixedRequest = rc.FixedRequest
	// A request on another API's path, sent to this API's host: this API answered it.
	for _, a := range e.cat.APIs {
		if host, _ := splitURL(p.req.URL); v.Input == "response" && e.api != nil && a != e.api && len(a.Hosts) > 0 && hasPrefixIn(p.req.Path, a.PathPrefixes) && !hasPrefixIn(p.req.Path, e.api.PathPrefixes) {
			v.Cause = printf.Sprintf("%s %s is a %s path, but the request went to %s (%s's host), so %s answered it with its own error.", p.req.Method, p.req.Path, a.Name, host, e.api.Name, e.api.Name)
			v.Fix = append([]string{printf.Sprintf("Send the request to %s's host: https://%s%s.", a.Name, a.Hosts[0], p.req.Path)}, v.Fix...)
			e.problem("error", v.Cause+" Send it to "+a.Hosts[0]+".", -1)
		}
	}
	for _, rp := range rc.Problems {
		line, col := rp.Line, rp.Column
		if line > 0 {
			line += p.reqLine0
			col += p.reqCol0
		}
		v.Problems = append(v.Problems, Problem{Severity: rp.Severity, Message: rp.Message,
			Line: line, Column: col, Pointer: rp.Pointer})
	}
	if v.Input == "request" {
		for _, f := range rc.Fields {
			if f.Line > 0 {
				f.Line += p.reqLine0
			}
			if f.Hint == "" {
				f.Hint = fieldHint(issue{path: f.Path, message: f.Message, code: f.Code})
			}
			v.Fields = append(v.Fields, Field(f))
		}
	}
	return rc
}

// requestCause names the first thing the API would refuse.
func (e *explainer) requestCause(rc *reqcheck.Result) string {
	for _, rp := range rc.Problems {
		if rp.Severity == "error" {
			return rp.Message
		}
	}
	return ""
}
