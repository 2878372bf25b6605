package site

import (
	"fmt"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/site/apiref"
	"github.com/errdocs/errdocs/site/markdown"
)

// The API reference's pages (package site/apiref) in the site: one page per operation of each
// API's openapi.yaml, and an index of them per API.

// endpointPages adds the endpoint index and one page per operation of every API.
func (b *builder) endpointPages() {
	for _, a := range b.site.Catalog.APIs {
		if len(a.Operations) == 0 {
			continue
		}
		u := apiref.IndexURL(a)
		if b.byURL[u] == nil {
			b.add(&page{kind: kindEndpointIndex, url: u, title: a.Name + " endpoints", section: a.ID, api: a,
				desc: fmt.Sprintf("Every endpoint of the %s API: its method and path, the key it needs and what it does.", a.Name)})
		}
		seen := map[string]*catalog.Operation{}
		for i, op := range a.Operations {
			pu := apiref.PageURL(a, op)
			if prev := seen[pu]; prev != nil {
				b.fail(apiref.OpenAPIFile(a), op.Line, "%s: its page URL %s is also %s's", op.Name(), pu, prev.Name())
				continue
			}
			seen[pu] = op
			if prev := b.byURL[pu]; prev != nil {
				other := "a generated page"
				if prev.src != nil {
					other = prev.src.File
				}
				b.fail(apiref.OpenAPIFile(a), op.Line, "%s: its page URL %s is also %s", op.Name(), pu, other)
				continue
			}
			title := op.Summary
			if title == "" {
				title = op.Name()
			}
			desc := op.Name()
			if op.Summary != "" {
				desc += ": " + strings.TrimSuffix(op.Summary, ".") + "."
			}
			if k := apiref.KeyPhrase(a, op); k != "" {
				desc += " " + k
			}
			b.add(&page{kind: kindEndpoint, url: pu, title: title, desc: desc, section: a.ID, api: a, op: op,
				weight: i})
		}
	}
}

// checkEndpoints checks every operation's examples (apiref.Check) and keeps them for its page.
func (b *builder) checkEndpoints() {
	entryPage := func(u string) *catalog.Entry {
		if p := b.byURL[u]; p != nil && p.kind == kindError {
			return p.entry
		}
		return nil
	}
	b.endpoints = apiref.Check(b.site.Catalog, entryPage, func(file string, line int, msg string) {
		b.fail(file, line, "%s", msg)
	})
}

// endpointView prepares an endpoint page for its templates.
func (w *worker) endpointView(p *page) *apiref.Page {
	return apiref.NewPage(p.api, p.op, w.b.endpoints[p.op], w.h, func(u string) bool { return w.b.byURL[u] != nil })
}

// endpointTOC is an endpoint page's table of contents, its sections as endpointPage draws them.
func endpointTOC(ev *apiref.Page) []markdown.TOCItem {
	var toc []markdown.TOCItem
	h2 := func(id, text string) { toc = append(toc, markdown.TOCItem{ID: id, Text: text, Level: 2}) }
	if len(ev.Params) > 0 {
		h2("parameters", "Parameters")
	}
	if ev.Op.Body != nil {
		h2("request-body", "Request body")
	}
	if ev.Idem != nil {
		h2("idempotency", "Idempotency")
	}
	if len(ev.Requests) > 0 {
		h2("example-requests", "Example requests")
	}
	if len(ev.Success) > 0 {
		h2("success", "Success")
	}
	if len(ev.Errors) > 0 {
		h2("errors", "Errors")
		for _, s := range ev.Errors {
			toc = append(toc, markdown.TOCItem{ID: s.ID, Text: s.Title, Level: 3})
		}
	}
	return toc
}

// endpointPage returns the page of an operation, or nil.
func (v *view) endpointPage(op *catalog.Operation) *page {
	return v.b.byURL[apiref.PageURL(v.p.api, op)]
}
