package site

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/site/apiref"
	"github.com/errdocs/errdocs/site/markdown"
)

// view is everything a page's templates read.
type view struct {
	b      *builder
	p      *page
	body   *markdown.Body // the page's Markdown, nil when it has none
	nav    *nav
	crumbs []navLink
	prev   *navLink
	next   *navLink
	toc    []markdown.TOCItem
	// retryID is the id of an error page's generated retry section.
	retryID string
	// ep is an endpoint page's operation, ready to draw (package site/apiref).
	ep *apiref.Page
}

func (v *view) href(sitePath string) templ.SafeURL { return templ.SafeURL(v.b.href(sitePath)) }

func (v *view) asset(name string) string { return v.b.assets[name] }

// playground reports whether the site ships the playground (see Options.NoPlayground).
func (v *view) playground() bool { return !v.b.opts.NoPlayground }

// modules lists the URLs of the static modules the script name imports, directly or not.
func (v *view) modules(name string) []string {
	var out []string
	for _, m := range v.b.modules[name] {
		out = append(out, v.b.assets[m])
	}
	return out
}

// headTitle is the page's <title>. A code page's leads with its codeName, as people search
// for it: "Plunk RATE_LIMIT_EXCEEDED: Rate limit exceeded · errdocs".
func (v *view) headTitle() string {
	if v.p.url == "/" {
		return v.b.name
	}
	return v.p.fullTitle() + " · " + v.b.name
}

// fullTitle is the page's title, after its codeName on a code page.
func (p *page) fullTitle() string {
	if p.entry != nil {
		return codeName(p.entry) + ": " + p.title
	}
	return p.title
}

// codeName names an error code as people search for it: the API's name, then the code exactly
// as the API spells it ("Plunk RATE_LIMIT_EXCEEDED", "Puck insufficient_scope"). A codeless
// entry is named by its statuses ("Puck 500").
func codeName(e *catalog.Entry) string {
	name := e.Code
	if name == "" {
		name = statusList(e)
	}
	if e.API != nil && e.API.Name != "" {
		name = e.API.Name + " " + name
	}
	return name
}

func (v *view) canonical() string {
	if v.p.kind == kindNotFound {
		return ""
	}
	return v.b.absURL(v.p.url)
}

func (v *view) ogType() string {
	if v.p.url == "/" {
		return "website"
	}
	return "article"
}

// current reports whether u is this page.
func (v *view) current(u string) bool { return u == v.p.url }

var (
	ariaPage = templ.Attributes{"aria-current": "page"}
	ariaTrue = templ.Attributes{"aria-current": "true"}
	noAttrs  = templ.Attributes{}
)

// pageCurrent marks a link to this page.
func (v *view) pageCurrent(u string) templ.Attributes {
	if v.current(u) {
		return ariaPage
	}
	return noAttrs
}

// topCurrent marks a top navigation link to this page or its section.
func (v *view) topCurrent(u string) templ.Attributes {
	switch {
	case v.current(u):
		return ariaPage
	case v.inSection(u):
		return ariaTrue
	}
	return noAttrs
}

// inSection reports whether u is this page's section, for the top navigation.
func (v *view) inSection(u string) bool { return u != "/" && strings.HasPrefix(v.p.url, u) }

func (v *view) editURL() string {
	r := v.b.opts.RepoURL
	if r == "" || v.p.src == nil {
		return ""
	}
	r = strings.TrimSuffix(r, "/")
	if strings.Contains(r, "/edit/") || strings.Contains(r, "/blob/") || strings.Contains(r, "/tree/") {
		return r + "/" + v.p.src.File
	}
	return r + "/edit/main/content/" + v.p.src.File
}

// errorPart is one part of an error page's body, in order.
type errorPart struct {
	sec   *markdown.Section
	drift bool
	retry bool
}

// errorParts orders an error page's sections, putting the generated retry advice before the
// examples (or last) and the docs drift note in a callout.
func (v *view) errorParts() []errorPart {
	var out []errorPart
	done := false
	if v.body != nil {
		for i := range v.body.Sections {
			s := &v.body.Sections[i]
			if s.Title == "Examples" && !done {
				out = append(out, errorPart{retry: true})
				done = true
			}
			out = append(out, errorPart{sec: s, drift: s.Title == "Docs drift"})
		}
	}
	if !done {
		out = append(out, errorPart{retry: true})
	}
	return out
}

// siblings are the other pages for the same code (the same code sent with other statuses).
func (v *view) siblings() []*page {
	e := v.p.entry
	if e == nil || e.Code == "" || e.API == nil {
		return nil
	}
	var out []*page
	for _, o := range e.API.Errors {
		if o != e && o.Code == e.Code {
			if p := v.b.byURL[o.Docs]; p != nil {
				out = append(out, p)
			}
		}
	}
	return out
}

// errorRows are an API's entries for its error index, by status then code.
func (v *view) errorRows() []*catalog.Entry {
	a := v.p.api
	if a == nil {
		return nil
	}
	rows := slices.Clone(a.Errors)
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Status != rows[j].Status {
			return rows[i].Status < rows[j].Status
		}
		return rows[i].Code < rows[j].Code
	})
	return rows
}

func statusList(e *catalog.Entry) string {
	parts := make([]string, len(e.Statuses))
	for i, s := range e.Statuses {
		parts[i] = strconv.Itoa(s)
	}
	return strings.Join(parts, ", ")
}

// retryRows are an API's retry policies, in a readable order: exact statuses, classes, default.
func retryRows(a *catalog.API) []string {
	keys := make([]string, 0, len(a.Retry))
	for k := range a.Retry {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		switch {
		case k == "default":
			return 2
		case strings.HasSuffix(k, "xx"):
			return 1
		}
		return 0
	}
	sort.Slice(keys, func(i, j int) bool {
		if rank(keys[i]) != rank(keys[j]) {
			return rank(keys[i]) < rank(keys[j])
		}
		return keys[i] < keys[j]
	})
	return keys
}

func retryKeyLabel(k string) string {
	if k == "default" {
		return "Any other status"
	}
	return k
}

// apiPages are the pages of the APIs and other sections, for the home page.
func (v *view) sections() []*page {
	var out []*page
	for _, k := range v.b.byURL["/"].kids {
		if k.section != "" {
			out = append(out, k)
		}
	}
	return out
}

// errorCount is the number of error pages of a section.
func (v *view) errorCount(p *page) int {
	if p.api == nil {
		return 0
	}
	return len(p.api.Errors)
}

// guides are a section's guide pages.
func (v *view) guides(p *page) []*page {
	var out []*page
	var walk func(*page)
	walk = func(q *page) {
		for _, k := range q.kids {
			if k.kind == kindGuide {
				out = append(out, k)
			}
			walk(k)
		}
	}
	walk(p)
	return out
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderPage renders one page and queues it for writing, adding it to the search index.
func (w *worker) renderPage(p *page, wr *writer) error {
	b := w.b
	v := &view{b: b, p: p, nav: b.navFor(p), crumbs: b.crumbs(p)}
	if p.kind != kindNotFound {
		v.prev, v.next = v.nav.prevNext(p.url)
	}
	var md *markdown.Doc
	var links []link
	var dests map[string]string
	var src []byte
	if p.src != nil && len(bytes.TrimSpace(p.src.Body)) > 0 {
		var err error
		src = p.src.Body
		md, links, dests, err = w.renderMarkdown(p)
		if err != nil {
			return err
		}
		v.body = &md.Body
		v.toc = md.TOC
	}
	switch p.kind {
	case kindError:
		v.retryID = "when-to-retry"
		item := markdown.TOCItem{ID: v.retryID, Text: "When to retry", Level: 2}
		at := len(v.toc)
		for i, t := range v.toc {
			if t.Text == "Examples" && t.Level == 2 {
				at = i
				break
			}
		}
		v.toc = slices.Insert(slices.Clone(v.toc), at, item)
	case kindAPI:
		if p.api != nil {
			v.toc = append(slices.Clone(v.toc), markdown.TOCItem{ID: "at-a-glance", Text: "At a glance", Level: 2})
			if len(p.api.Operations) > 0 {
				v.toc = append(v.toc, markdown.TOCItem{ID: "endpoint-list", Text: "Endpoints", Level: 2})
			}
			v.toc = append(v.toc, markdown.TOCItem{ID: "error-codes", Text: "Errors", Level: 2})
		}
	case kindEndpoint:
		v.ep = w.endpointView(p)
		v.toc = append(slices.Clone(v.toc), endpointTOC(v.ep)...)
	}
	if len(v.toc) < 2 {
		v.toc = nil
	}
	if f := p.twinFile(); f != "" {
		md := b.twin(v, src, dests)
		b.full.add(p, md)
		wr.write(f, md)
	}
	if p.src != nil {
		// The page is rendered: let its source go, so a big site does not hold all of it.
		p.src.Body = nil
	}

	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	if err := pageHTML(v).Render(context.Background(), buf); err != nil {
		return fmt.Errorf("render %s: %w", p.url, err)
	}
	ids, dup := collectIDs(buf.Bytes())
	if dup != "" {
		file := "content"
		if p.src != nil {
			file = p.src.File
		}
		b.fail(file, 1, "the page has two elements with id %q (a heading that repeats one the page generates?)", dup)
	}
	b.mu.Lock()
	b.ids[p.url] = ids
	b.links = append(b.links, links...)
	b.mu.Unlock()
	if p.kind != kindNotFound && p.kind != kindSearch {
		w.index(v, md)
	}
	wr.writeRecycle(p.outFile(), buf.Bytes(), func() { bufPool.Put(buf) })
	return nil
}
