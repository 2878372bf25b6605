package site

import (
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/site/apiref"
)

// Markdown twins: every page but the 404 page has its Markdown at its URL plus "index.md"
// (/plunk/errors/rate-limit-exceeded/index.md), for agents and for the "Copy as Markdown"
// button, and the page names it in <link rel="alternate" type="text/markdown">. A twin is the
// page's title, its machine facts (an error page's code, status and retry policy, worded by
// package catalog as the HTML words them), then the page's Markdown as written in content/,
// front matter stripped and links rewritten to the URLs they lead to. What the HTML generates
// (tables of codes, an API's facts, an endpoint's reference) is written as Markdown from the
// same data. llms.go gathers the twins into llms.txt and llms-full.txt.

// twinFile is the file of a page's Markdown twin, or "" when the page has none.
func (p *page) twinFile() string {
	if p.kind == kindNotFound {
		return ""
	}
	return strings.TrimPrefix(p.url, "/") + "index.md"
}

// twinHref is the URL path of a page's Markdown twin under the base, or "".
func (b *builder) twinHref(p *page) string {
	if f := p.twinFile(); f != "" {
		return b.href("/" + f)
	}
	return ""
}

// mdURL is the URL a Markdown twin or llms.txt links a site path with: the full URL when the
// build has an absolute base URL, the path under the base otherwise.
func (b *builder) mdURL(sitePath string) string {
	if u := b.absURL(sitePath); u != "" {
		return u
	}
	return b.href(sitePath)
}

// twin is a page's Markdown twin. src is the page's Markdown body (nil when it has none), and
// dests maps each link destination in it to the URL the page's HTML links it to.
func (b *builder) twin(v *view, src []byte, dests map[string]string) []byte {
	p := v.p
	var w mdWriter
	w.line("# " + oneLine(p.title))
	w.blank()
	if p.desc != "" && p.kind != kindError {
		w.line("> " + oneLine(p.desc))
		w.blank()
	}
	if p.kind == kindError && p.entry != nil {
		b.errorFacts(&w, p.entry)
	}
	if p.kind == kindEndpoint && v.ep != nil {
		b.endpointFacts(&w, v.ep)
	}
	if len(src) > 0 {
		w.para(string(b.rewriteMarkdownLinks(src, dests)))
	}
	switch p.kind {
	case kindHome:
		b.homeTwin(&w, v)
	case kindAPI:
		b.apiTwin(&w, p.api)
	case kindError:
		for _, s := range v.siblings() {
			if w.first("## Same code, other cases") {
				w.blank()
			}
			w.line("- " + mdLink(s.title, b.mdURL(s.url)) + " (" + statusList(s.entry) + ")")
		}
		w.blank()
	case kindErrorIndex:
		b.codeTable(&w, v.errorRows())
	case kindList:
		for _, k := range p.kids {
			item := "- " + mdLink(k.title, b.mdURL(k.url))
			if k.desc != "" {
				item += ": " + oneLine(k.desc)
			}
			w.line(item)
		}
		w.blank()
	case kindEndpointIndex:
		b.endpointTable(&w, p.api)
	case kindEndpoint:
		if v.ep != nil {
			b.endpointTwin(&w, v.ep)
		}
	case kindSearch:
		for _, a := range b.site.Catalog.APIs {
			w.line("## " + a.Name + " error codes")
			w.blank()
			b.codeTable(&w, a.Errors)
		}
	}
	return w.bytes()
}

// errorFacts writes an error page's machine facts, as its HTML states them.
func (b *builder) errorFacts(w *mdWriter, e *catalog.Entry) {
	if e.API != nil {
		w.line("- API: " + mdLink(e.API.Name, b.mdURL(e.API.Docs)))
	}
	if e.Code != "" {
		w.line("- Code: " + mdCode(e.Code))
	} else {
		w.line("- Code: none (the body carries no code)")
	}
	st := make([]string, len(e.Statuses))
	for i, s := range e.Statuses {
		st[i] = catalog.StatusText(s)
	}
	w.line("- HTTP status: " + strings.Join(st, ", "))
	if e.Shape != "" {
		w.line("- Body shape: " + mdCode(e.Shape))
	}
	w.line("- Retry: " + e.Retry.Answer() + ": " + e.Retry.Short(e.API))
	when := e.Retry.Detail
	if when == "" {
		when = e.Retry.Summary(e.API)
	}
	w.line("- When to retry: " + oneLine(when))
	if ws := e.Retry.Schedule(); len(ws) > 0 {
		w.line("- Schedule: " + catalog.ScheduleText(ws))
	}
	if e.Drift != "" {
		w.line("- Docs drift: see the section below")
	}
	w.blank()
}

// homeTwin lists the sections the home page's cards link to.
func (b *builder) homeTwin(w *mdWriter, v *view) {
	w.line("## Sections")
	w.blank()
	for _, s := range v.sections() {
		item := "- " + mdLink(s.title, b.mdURL(s.url))
		if s.desc != "" {
			item += ": " + oneLine(s.desc)
		}
		w.line(item)
		if s.api != nil {
			if len(s.api.Operations) > 0 {
				w.line("  - " + mdLink("All "+strconv.Itoa(len(s.api.Operations))+" endpoints", b.mdURL(apiref.IndexURL(s.api))))
			}
			w.line("  - " + mdLink("All "+strconv.Itoa(v.errorCount(s))+" error codes", b.mdURL("/"+s.api.ID+"/errors/")))
		}
		for _, g := range v.guides(s) {
			w.line("  - " + mdLink(g.title, b.mdURL(g.url)))
		}
	}
	w.line("- " + mdLink("Playground", b.mdURL("/playground/")) + ": paste an error response, a curl transcript or a log line and errdocs explains it.")
	w.blank()
}

// apiTwin writes what an API page's HTML adds under its Markdown: the facts at a glance, its
// keys, its retry policy, its endpoints and a link to its errors.
func (b *builder) apiTwin(w *mdWriter, a *catalog.API) {
	if a == nil {
		return
	}
	w.line("## At a glance")
	w.blank()
	if len(a.Hosts) > 0 {
		w.line("- Hosts: " + joinCode(a.Hosts))
	}
	if h := a.Headers.RequestID; h != "" {
		w.line("- Request id: " + mdCode(h) + " (quote it to support)")
	}
	if h := a.Headers.RetryAfter; h != "" {
		w.line("- Wait header: " + mdCode(h))
	}
	if len(a.Headers.RateLimit) > 0 {
		w.line("- Rate-limit headers: " + joinCode(a.Headers.RateLimit))
	}
	if h := a.Headers.IdempotencyKey; h != "" {
		w.line("- Idempotency: " + mdCode(h) + " request header")
	}
	if len(a.Shapes) > 0 {
		names := make([]string, len(a.Shapes))
		for i, s := range a.Shapes {
			names[i] = s.Name
		}
		w.line("- Error shapes: " + joinCode(names))
	}
	w.blank()
	if len(a.Keys) > 0 {
		w.line("### API keys")
		w.blank()
		w.line("| Prefix | Kind | Secret | Note |")
		w.line("|---|---|---|---|")
		for _, k := range a.Keys {
			secret := "No"
			if k.Secret {
				secret = "Yes"
			}
			w.row(mdCode(k.Prefix+"…"), cell(k.Kind), secret, cell(k.Note))
		}
		w.blank()
	}
	if len(a.Retry) > 0 {
		w.line("### Retry policy")
		w.blank()
		w.line("| Status | Retry | How |")
		w.line("|---|---|---|")
		for _, k := range retryRows(a) {
			r := a.Retry[k]
			how := r.Summary(a)
			if r.Detail != "" {
				how += " " + r.Detail
			}
			w.row(cell(retryKeyLabel(k)), r.Answer(), cell(how))
		}
		w.blank()
	}
	if len(a.Operations) > 0 {
		w.line("## Endpoints")
		w.blank()
		w.line(a.Name + " has " + strconv.Itoa(len(a.Operations)) + " endpoints (" + mdLink("all of them, with the key each needs", b.mdURL(apiref.IndexURL(a))) + "):")
		w.blank()
		for _, op := range a.Operations {
			u := apiref.PageURL(a, op)
			if b.byURL[u] == nil {
				continue
			}
			item := "- " + mdLink(op.Method+" "+op.Path, b.mdURL(u))
			if op.Summary != "" {
				item += ": " + oneLine(op.Summary)
			}
			w.line(item)
		}
		w.blank()
	}
	w.line("## Errors")
	w.blank()
	w.line(a.Name + " documents " + strconv.Itoa(len(a.Errors)) + " errors: " + mdLink("see them all, with status and retry advice", b.mdURL("/"+a.ID+"/errors/")) + ".")
	w.blank()
}

// codeTable writes a table of error codes: code (linked to its page), status, title, retry.
func (b *builder) codeTable(w *mdWriter, es []*catalog.Entry) {
	w.line("| Code | Status | Title | Retry |")
	w.line("|---|---|---|---|")
	for _, e := range es {
		name := "(no code)"
		if e.Code != "" {
			name = e.Code
		}
		w.row(mdLink(cell(name), b.mdURL(e.Docs)), statusList(e), cell(e.Title), e.Retry.Answer())
	}
	w.blank()
}

// endpointTable writes an API's endpoint index as a table.
func (b *builder) endpointTable(w *mdWriter, a *catalog.API) {
	if a == nil {
		return
	}
	w.line("| Method | Path | Key or scope | Summary |")
	w.line("|---|---|---|---|")
	for _, op := range a.Operations {
		path := mdCode(op.Path)
		if u := apiref.PageURL(a, op); b.byURL[u] != nil {
			path = mdLink(cell(op.Path), b.mdURL(u))
		}
		sum := op.Summary
		if op.Inferred {
			sum += " (inferred)"
		}
		w.row(mdCode(op.Method), path, cell(richMarkdown(apiref.KeyText(a, op))), cell(sum))
	}
	w.blank()
}

// endpointFacts writes an endpoint page's facts, as its HTML states them.
func (b *builder) endpointFacts(w *mdWriter, ev *apiref.Page) {
	op := ev.Op
	if op.Inferred {
		w.line("Inferred: this endpoint is reasoned out from what " + ev.API.Name + " does, not read in its code or docs, so treat the details with care.")
		w.blank()
	}
	w.line("- API: " + mdLink(ev.API.Name, b.mdURL(ev.API.Docs)))
	w.line("- Request: " + mdCode(op.Method+" "+op.Path))
	key := "Key"
	if op.Scope != "" && op.Scope != "none" {
		key = "Scope"
	}
	fact := richMarkdown(apiref.KeyFact(ev.API, op))
	if n := apiref.KeyNote(ev.API, op); n != "" {
		fact += " (" + n + ")"
	}
	w.line("- " + key + ": " + fact)
	if op.Body != nil {
		w.line("- Body: " + richMarkdown(apiref.BodyText(op)))
	}
	if op.Success != 0 {
		w.line("- Success: " + catalog.StatusText(op.Success))
	} else {
		w.line("- Success: none: this endpoint always answers with an error")
	}
	w.blank()
}

// endpointTwin writes an endpoint page's reference: parameters, body, idempotency, examples and
// answers, from the apiref.Page its HTML is drawn from.
func (b *builder) endpointTwin(w *mdWriter, ev *apiref.Page) {
	if len(ev.Params) > 0 {
		w.line("## Parameters")
		w.blank()
		fieldTableMarkdown(w, ev.Params, true)
	}
	if ev.Op.Body != nil {
		w.line("## Request body")
		w.blank()
		if len(ev.BodyDesc) > 0 {
			w.para(richMarkdown(ev.BodyDesc))
		}
		if len(ev.Body) > 0 {
			fieldTableMarkdown(w, ev.Body, false)
			if apiref.HasNested(ev.Body) {
				w.para("A field inside an object is required when the object is sent.")
			}
		}
		for _, n := range ev.Notes {
			w.line("- " + richMarkdown(n))
		}
		if len(ev.Notes) > 0 {
			w.blank()
		}
	}
	if r := ev.Idem; r != nil {
		w.line("## Idempotency")
		w.blank()
		s := richMarkdown(r.Sentence())
		if r.Docs != "" {
			s += " " + mdLink("What it means", b.mdURL(r.Docs)) + "."
		}
		w.para(s)
	}
	if len(ev.Requests) > 0 {
		w.line("## Example requests")
		w.blank()
		for _, ex := range ev.Requests {
			if len(ex.Title) > 0 {
				w.para(richMarkdown(ex.Title))
			}
			w.fence(ex.Lang, ex.Text)
			w.checked(ex, ev.API.Name)
		}
	} else if ev.NoRequest != "" {
		w.para("No example request: " + ev.NoRequest + ".")
	}
	if len(ev.Success) > 0 {
		w.line("## Success")
		w.blank()
		for _, s := range ev.Success {
			w.para(richMarkdown(s.Line()))
			for _, ex := range s.Examples {
				w.fence(ex.Lang, ex.Text)
			}
		}
	}
	if len(ev.Errors) > 0 {
		w.line("## Errors")
		w.blank()
		for _, s := range ev.Errors {
			w.line("### " + s.Title)
			w.blank()
			if len(s.Desc) > 0 {
				w.para(richMarkdown(s.Desc))
			}
			for _, ex := range s.Examples {
				t := richMarkdown(ex.Title)
				if e := ex.Entry; e != nil && b.byURL[e.Docs] != nil {
					name := e.Title
					if e.Code != "" {
						name = mdCode(e.Code) + " · " + e.Title
					}
					t += ": " + mdLink(name, b.mdURL(e.Docs))
				}
				if t != "" {
					w.para(t)
				}
				w.fence(ex.Lang, ex.Text)
				w.checked(ex, ev.API.Name)
			}
		}
	}
}

// fieldTableMarkdown writes a parameter (withIn) or request body table.
func fieldTableMarkdown(w *mdWriter, rows []apiref.FieldRow, withIn bool) {
	head := []string{apiref.FirstColumn(withIn)}
	if withIn {
		head = append(head, "In")
	}
	head = append(head, "Type", "Required", "Rules")
	w.row(head...)
	w.line(strings.Repeat("|---", len(head)) + "|")
	for _, g := range apiref.GroupRows(rows) {
		if g.Label != nil {
			cells := make([]string, len(head))
			cells[0] = "**" + cell(richMarkdown(g.Label)) + "**"
			w.row(cells...)
		}
		for _, r := range g.Rows {
			cells := []string{mdCode(r.Path)}
			if withIn {
				cells = append(cells, r.In)
			}
			rules := richMarkdown(apiref.JoinRich(r.Rules, "; "))
			if len(r.Desc) > 0 {
				if rules != "" && !strings.HasSuffix(rules, ".") {
					rules += "."
				}
				if rules != "" {
					rules += " "
				}
				rules += richMarkdown(r.Desc)
			}
			cells = append(cells, cell(r.Type), r.RequiredText(), cell(rules))
			w.row(cells...)
		}
	}
	w.blank()
}

// rewriteMarkdownLinks rewrites the link destinations of a page's Markdown to the URLs its
// HTML links to (dests, from the render), as full URLs when the build has an absolute base URL.
// It replaces inline destinations, "](dest)" and "](dest "title")", and reference definitions,
// "]: dest" at the start of a line; a destination the render did not change stays as written.
func (b *builder) rewriteMarkdownLinks(src []byte, dests map[string]string) []byte {
	s := string(src)
	var pairs []string
	for d, out := range dests {
		if rel, ok := strings.CutPrefix(out, b.base); ok && b.abs != "" {
			out = b.abs + rel
		}
		if out == d || d == "" {
			continue
		}
		pairs = append(pairs, "]("+d+")", "]("+out+")", "]("+d+" ", "]("+out+" ", "](<"+d+">)", "](<"+out+">)")
		if !strings.Contains(s, "]: "+d) {
			continue
		}
		lines := strings.Split(s, "\n")
		for i, ln := range lines {
			t := strings.TrimLeft(ln, " ")
			j := strings.Index(ln, "]: "+d)
			if strings.HasPrefix(t, "[") && j >= 0 && (len(ln) == j+3+len(d) || ln[j+3+len(d)] == ' ') {
				lines[i] = ln[:j+3] + out + ln[j+3+len(d):]
			}
		}
		s = strings.Join(lines, "\n")
	}
	if len(pairs) == 0 {
		return []byte(s)
	}
	return []byte(strings.NewReplacer(pairs...).Replace(s))
}

// mdWriter builds a Markdown document.
type mdWriter struct {
	b    strings.Builder
	seen map[string]bool
}

func (w *mdWriter) line(s string) { w.b.WriteString(s + "\n") }

// blank ends a block with an empty line, unless there is one.
func (w *mdWriter) blank() {
	if s := w.b.String(); w.b.Len() > 0 && !strings.HasSuffix(s, "\n\n") {
		w.b.WriteString("\n")
	}
}

// para writes a block of text and the empty line after it.
func (w *mdWriter) para(s string) {
	s = strings.Trim(s, "\n")
	if s == "" {
		return
	}
	w.line(s)
	w.blank()
}

// first writes s the first time it is asked to, and reports whether it did.
func (w *mdWriter) first(s string) bool {
	if w.seen[s] {
		return false
	}
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	w.seen[s] = true
	w.line(s)
	return true
}

// row writes a table row.
func (w *mdWriter) row(cells ...string) { w.line("| " + strings.Join(cells, " | ") + " |") }

// fence writes a fenced code block, with a fence longer than any run of backticks in text.
func (w *mdWriter) fence(lang, text string) {
	f := "```"
	for strings.Contains(text, f) {
		f += "`"
	}
	w.line(f + lang)
	w.line(strings.TrimRight(text, "\n"))
	w.line(f)
	w.blank()
}

// checked says what the build's check found in an endpoint's example, as checkedLine does.
func (w *mdWriter) checked(ex apiref.Example, api string) {
	if !ex.Checked {
		return
	}
	switch {
	case ex.Predicted != 0:
		w.para("Checked at build time: errdocs predicts " + catalog.StatusText(ex.Predicted) + ".")
	case ex.Code != "":
		w.para("Checked at build time: errdocs reads this as " + mdCode(ex.Code) + ", " + strconv.Itoa(ex.Status) + " from " + api + ".")
	default:
		w.para("Checked at build time: errdocs reads this as no code, " + strconv.Itoa(ex.Status) + " from " + api + ".")
	}
}

func (w *mdWriter) bytes() []byte { return []byte(w.b.String()) }

// mdLink is a Markdown link; text is taken as Markdown.
func mdLink(text, url string) string {
	if strings.ContainsAny(url, " ()<>") {
		url = "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(url) + ">"
	}
	return "[" + strings.NewReplacer("[", `\[`, "]", `\]`).Replace(text) + "](" + url + ")"
}

// mdCode is a code span around s, with more backticks than any run in s.
func mdCode(s string) string {
	s = oneLine(s)
	f := "`"
	for strings.Contains(s, f) {
		f += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return f + " " + s + " " + f
	}
	return f + s + f
}

func joinCode(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = mdCode(s)
	}
	return strings.Join(out, ", ")
}

// richMarkdown writes apiref's rich text as Markdown.
func richMarkdown(r apiref.Rich) string {
	var s strings.Builder
	for _, p := range r {
		switch {
		case p.Code:
			s.WriteString(mdCode(p.Text))
		case p.Strong:
			s.WriteString("**" + p.Text + "**")
		default:
			s.WriteString(p.Text)
		}
	}
	return s.String()
}

// oneLine folds whitespace, so a value stays on its line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// cell is text for a table cell: on one line, with its pipes escaped.
func cell(s string) string { return strings.ReplaceAll(oneLine(s), "|", `\|`) }
