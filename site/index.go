package site

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/errdocs/errdocs/site/markdown"
	"github.com/errdocs/errdocs/site/search"
)

// What search finds a page by: the render workers hand each page to the index (package
// site/search) with its terms, field by field.

// index adds a page to the search index.
func (w *worker) index(v *view, md *markdown.Doc) {
	doc, dt := w.b.pageTerms(v, md)
	w.b.index.Add(doc, dt)
}

// pageTerms is what search shows of a page and the terms it finds the page by.
func (b *builder) pageTerms(v *view, md *markdown.Doc) (search.Doc, search.Terms) {
	p := v.p
	var crumb []string
	for _, c := range v.crumbs {
		if c.URL != "/" {
			crumb = append(crumb, c.Title)
		}
	}
	doc := search.Doc{Path: strings.TrimPrefix(p.url, "/"), Title: p.title, Crumb: strings.Join(crumb, " › ")}
	if doc.Crumb == "" {
		doc.Crumb = b.name
	}
	dt := search.Terms{}
	dt.Add(p.title, search.FieldTitle)
	if e := p.entry; e != nil {
		doc.Code = e.Code
		doc.Status = e.Status
		dt.Add(e.Code, search.FieldCode)
		f := search.FieldStatus
		if e.When != "" {
			f = search.FieldStatusCase
		}
		for _, s := range e.Statuses {
			dt.Add(strconv.Itoa(s), f)
		}
		if e.API != nil {
			dt.Add(e.API.Name, search.FieldExcerpt)
		}
	}
	if p.api != nil && p.kind == kindAPI {
		dt.Add(p.api.Name, search.FieldTitle)
	}
	doc.Excerpt = p.desc
	if md != nil {
		if doc.Excerpt == "" {
			doc.Excerpt = md.FirstPara
		}
		for _, h := range md.TOC {
			doc.Heads = append(doc.Heads, [2]string{h.ID, h.Text})
			dt.Add(h.Text, search.FieldHeading)
		}
		dt.Add(md.Text, search.FieldBody)
	}
	if p.kind == kindErrorIndex {
		for _, e := range v.errorRows() {
			dt.Add(e.Code+" "+e.Title, search.FieldBody)
		}
	}
	indexEndpoint(p, &doc, dt)
	doc.Excerpt = excerpt(doc.Excerpt, 160)
	dt.Add(doc.Excerpt, search.FieldExcerpt)
	return doc, dt
}

var versionRE = regexp.MustCompile(`^v[0-9]+$`)

// indexEndpoint adds what search should find an endpoint page by: its method and path weigh
// like an error's code, so "/v1/track" finds POST /v1/track first.
func indexEndpoint(p *page, doc *search.Doc, dt search.Terms) {
	switch p.kind {
	case kindEndpoint:
		doc.Code = p.op.Name()
		dt.Add(p.op.Name(), search.FieldCode)
		dt.Add(p.op.Summary, search.FieldTitle)
		if p.api != nil {
			dt.Add(p.api.Name, search.FieldExcerpt)
		}
		for _, pr := range p.op.Params {
			dt.Add(pr.Name, search.FieldBody)
		}
		// A path that is one word, besides its version and parameters (/v1/send, /contacts),
		// is named by that word: "send" finds POST /v1/send before /campaigns/{id}/send.
		var words []string
		for _, seg := range strings.Split(p.op.Path, "/") {
			if seg != "" && !strings.HasPrefix(seg, "{") && !versionRE.MatchString(seg) {
				words = append(words, seg)
			}
		}
		if len(words) == 1 {
			dt.Add(words[0], search.FieldHeading)
		}
		if p.op.Scope != "" && p.op.Scope != "none" {
			dt.Add(p.op.Scope, search.FieldExcerpt)
		}
	case kindEndpointIndex:
		if p.api != nil {
			for _, op := range p.api.Operations {
				dt.Add(op.Name()+" "+op.Summary, search.FieldBody)
			}
		}
	}
}

// excerpt shortens text to about n bytes at a word boundary.
func excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], " ,;:.") + "…"
}
