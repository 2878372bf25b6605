package apiref

import (
	"strings"

	"github.com/errdocs/errdocs/catalog"
)

// idempotencyHeader is the name of the API's idempotency header.
func idempotencyHeader(a *catalog.API) string {
	if a.Headers.IdempotencyKey != "" {
		return a.Headers.IdempotencyKey
	}
	return "Idempotency-Key"
}

// Idempotency says what an operation makes of the idempotency header: the rules of the header
// parameter, or that it refuses it. Nil when the operation says nothing of it. A refusal links to
// its error's page when hasPage reports the site has it.
func Idempotency(a *catalog.API, op *catalog.Operation, hasPage func(path string) bool) *IdemRule {
	name := idempotencyHeader(a)
	for _, h := range op.RefusedHeaders {
		if strings.EqualFold(h.Name, name) {
			r := &IdemRule{Header: h.Name, Refused: true, Status: h.Status, Code: h.Code}
			if e := entryFor(a, h.Code, h.Status, ""); e != nil && hasPage(e.Docs) {
				r.Docs = e.Docs
			}
			return r
		}
	}
	for _, p := range op.Params {
		if p.In == "header" && strings.EqualFold(p.Name, name) {
			f := &flattener{api: a}
			return &IdemRule{Header: p.Name, Required: p.Required, Rules: f.rules(f.merge(p.Schema))}
		}
	}
	return nil
}

// IdemRule is an operation's idempotency header rule.
type IdemRule struct {
	Header   string
	Required bool
	Rules    []Rich
	// Refused says the operation refuses the header, answering Status and Code.
	Refused bool
	Status  int
	Code    string
	Docs    string // the page of the refusal's error, if any
}

// Sentence words an idempotency rule.
func (r *IdemRule) Sentence() Rich {
	if r.Refused {
		s := Rich{}.text("This endpoint refuses the ").code(r.Header).text(" header: sending it is a " + StatusText(r.Status))
		if r.Code != "" {
			s = s.text(" ").code(r.Code)
		}
		return s.text(".")
	}
	s := Rich{}.text("The ").code(r.Header).text(" request header is optional")
	if r.Required {
		s = Rich{}.text("The ").code(r.Header).text(" request header is required")
	}
	for i, x := range r.Rules {
		if i == 0 {
			s = s.text(": ")
		} else {
			s = s.text("; ")
		}
		s = append(s, x...)
	}
	return s.text(".")
}
