// Package apiref draws the API reference: the page of each operation of an API's openapi.yaml
// (catalog.API.Operations, read by package catalog/load), at /<api>/api/<method>-<path>/, e.g.
// /plunk/api/post-v1-track/ for POST /v1/track, and each API's index of them at /<api>/api/.
//
// An operation's page shows the method and path, the key or scope it needs, its parameters and
// request body as tables (nested objects flattened to dotted paths, a union's forms each under a
// heading of its own, every constraint worded as a rule), the Idempotency-Key rule, the success
// status, the example requests as curl commands and the documented answers with their examples,
// each linked to its error's page. NewPage makes all that, as data, for the templ components of
// package site to draw; text that holds code spans is a Rich.
//
// The examples are checked at build time (Check, in check.go): each example request must pass
// reqcheck.Check, and each error example must decode, through engine.Explain, to an error
// of the API that the catalog documents. A failure is a build error at its line in openapi.yaml.
//
// Package apiref may import catalog, engine, package site/highlight and the standard library; it
// knows nothing of the site's other pages, and asks about them through functions it is given.
package apiref

import (
	"github.com/errdocs/errdocs/catalog"
)

// IndexURL is the site path of an API's endpoint index.
func IndexURL(a *catalog.API) string { return "/" + a.ID + "/api/" }

// Slug is an operation's URL segment: its method and path template, lower case, with
// every run of other characters a dash: "POST /contacts/{id}" is "post-contacts-id".
func Slug(op *catalog.Operation) string { return catalog.Slug(op.Method + " " + op.Path) }

// PageURL is the site path of an operation's page.
func PageURL(a *catalog.API, op *catalog.Operation) string {
	return IndexURL(a) + Slug(op) + "/"
}

// OpenAPIFile is the content file an API's operations come from.
func OpenAPIFile(a *catalog.API) string { return a.ID + "/openapi.yaml" }

// entryFor finds an API's catalog entry for a code sent with a status: the entry whose
// condition on the message holds, else the one without a condition, else any.
func entryFor(a *catalog.API, code string, status int, message string) *catalog.Entry {
	var plain, other *catalog.Entry
	for _, e := range a.Errors {
		if e.Code != code || (status != 0 && !e.HasStatus(status)) {
			continue
		}
		switch {
		case e.When != "" && message != "" && e.WhenMatches(message):
			return e
		case e.When == "" && plain == nil:
			plain = e
		case other == nil:
			other = e
		}
	}
	if plain != nil {
		return plain
	}
	return other
}

// StatusText is a status with its reason phrase: "429 Too Many Requests" (catalog.StatusText).
func StatusText(status int) string { return catalog.StatusText(status) }
