package site

import (
	"strings"
	"sync"

	"github.com/errdocs/errdocs/catalog"
)

// llms.txt (https://llmstxt.org) and llms-full.txt: the site for agents. llms.txt is an H1 with
// the site's name, a one-line summary in a block quote, then H2 sections of links to Markdown
// twins (twin.go), each with a short description: for each API its overview and guides, every
// error code (code, status, title) and the endpoints, then the pages that belong to no API.
// llms-full.txt holds the same pages' twins, whole, in the same order.

// llmsSection is one H2 section of llms.txt.
type llmsSection struct {
	title string
	items []llmsItem
}

// llmsItem is one link of llms.txt.
type llmsItem struct {
	p    *page
	name string
	desc string
}

// llmsSections orders the pages llms.txt lists.
func (b *builder) llmsSections() []llmsSection {
	var out []llmsSection
	listed := map[*page]bool{}
	add := func(s *llmsSection, p *page, name, desc string) {
		if p == nil || listed[p] || p.twinFile() == "" {
			return
		}
		listed[p] = true
		s.items = append(s.items, llmsItem{p: p, name: name, desc: oneLine(desc)})
	}
	home := b.byURL["/"]
	for _, k := range home.kids {
		if k.section == "" {
			continue
		}
		sec := llmsSection{title: shortName(k)}
		add(&sec, k, k.title, k.desc)
		v := &view{b: b, p: k}
		for _, g := range v.guides(k) {
			add(&sec, g, g.title, g.desc)
		}
		if len(sec.items) > 0 {
			out = append(out, sec)
		}
		if a := k.api; a != nil {
			errs := llmsSection{title: shortName(k) + " errors"}
			add(&errs, b.byURL["/"+a.ID+"/errors/"], "All "+a.Name+" errors", "every code with its status and whether to retry")
			for _, e := range (&view{b: b, p: &page{api: a}}).errorRows() {
				st := make([]string, len(e.Statuses))
				for i, s := range e.Statuses {
					st[i] = catalog.StatusText(s)
				}
				name, desc := e.Code, strings.Join(st, ", ")+": "+e.Title+". "+e.Retry.Short(a)+"."
				if name == "" {
					name, desc = e.Title, strings.Join(st, ", ")+", no code. "+e.Retry.Short(a)+"."
				}
				add(&errs, b.byURL[e.Docs], name, desc)
			}
			if len(errs.items) > 0 {
				out = append(out, errs)
			}
			eps := llmsSection{title: shortName(k) + " endpoints"}
			for _, p := range b.pages {
				if p.api == a && p.kind == kindEndpointIndex {
					add(&eps, p, p.title, p.desc)
				}
			}
			for _, p := range b.pages {
				if p.api == a && p.kind == kindEndpoint {
					add(&eps, p, p.op.Name(), p.op.Summary)
				}
			}
			if len(eps.items) > 0 {
				out = append(out, eps)
			}
		}
	}
	// Every other page with Markdown of its own: the home page, the guides and pages outside
	// an API. Generated pages (lists, search, the playground) are left out.
	other := llmsSection{title: "Other pages"}
	for _, p := range b.pages {
		if p.src != nil || p.kind == kindHome {
			add(&other, p, p.title, p.desc)
		}
	}
	if len(other.items) > 0 {
		out = append(out, other)
	}
	return out
}

// llmsSummary is the one-line summary under llms.txt's title.
func (b *builder) llmsSummary() string {
	if h := b.byURL["/"]; h != nil && h.desc != "" {
		return oneLine(h.desc)
	}
	return "What every error means, why it happens and how to fix it."
}

// llmsTxt writes llms.txt.
func (b *builder) llmsTxt(secs []llmsSection) []byte {
	var w mdWriter
	w.line("# " + oneLine(b.name))
	w.blank()
	w.line("> " + b.llmsSummary())
	w.blank()
	w.para("Every page is Markdown at its URL plus index.md, as linked below. " +
		mdLink("llms-full.txt", b.mdURL("/llms-full.txt")) + " holds them all in one file, in this order. " +
		"The catalog as data is " + mdLink("catalog.json", b.mdURL("/catalog.json")) + ".")
	for _, s := range secs {
		w.line("## " + s.title)
		w.blank()
		for _, it := range s.items {
			item := "- " + mdLink(it.name, b.mdURL("/"+it.p.twinFile()))
			if it.desc != "" {
				item += ": " + it.desc
			}
			w.line(item)
		}
		w.blank()
	}
	return w.bytes()
}

// fullText streams llms-full.txt out as the render workers finish twins, in llms.txt's order: a
// twin goes to the writer as soon as every twin before it has, so only the twins that arrive
// early wait in memory, never the whole file. (Measured on 10,000 generated pages, holding every
// twin until the end raised the build's peak memory by about half, and holding llms-full.txt
// whole until the end cost about as much again.)
type fullText struct {
	mu      sync.Mutex
	at      map[*page]int // a listed page → its place in llms.txt
	pages   []*page       // the listed pages, in order
	pending map[int][]byte
	next    int
	n       int
	wrote   bool // a twin has gone out
	url     func(*page) string
	// emit takes the next piece of the file; it must not keep the slice (writer.appendPiece
	// copies nothing, so each piece is a fresh slice).
	emit func([]byte)
}

func newFullText(b *builder, secs []llmsSection, emit func([]byte)) *fullText {
	f := &fullText{at: map[*page]int{}, pending: map[int][]byte{}, url: func(p *page) string { return b.mdURL(p.url) }, emit: emit}
	for _, sec := range secs {
		for _, it := range sec.items {
			f.at[it.p] = f.n
			f.pages = append(f.pages, it.p)
			f.n++
		}
	}
	return f
}

// add takes a page's twin; a page llms.txt does not list is left out.
func (f *fullText) add(p *page, md []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i, ok := f.at[p]
	if !ok {
		return
	}
	f.pending[i] = md
	for f.next < f.n {
		md, ok := f.pending[f.next]
		if !ok {
			break
		}
		delete(f.pending, f.next)
		f.append(f.next, md)
		f.next++
	}
}

func (f *fullText) append(i int, md []byte) {
	var head string
	if f.wrote {
		head = "\n---\n\n"
	}
	f.wrote = true
	head += "Source: " + f.url(f.pages[i]) + "\n\n"
	piece := make([]byte, 0, len(head)+len(md))
	f.emit(append(append(piece, head...), md...))
}

// finish sends the twins still waiting, once every page is rendered (a listed page that has no
// twin is skipped), and makes sure the file exists even when no page has a twin.
func (f *fullText) finish() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ; f.next < f.n; f.next++ {
		if md, ok := f.pending[f.next]; ok {
			f.append(f.next, md)
		}
	}
	f.pending = nil
	if !f.wrote {
		f.emit(nil)
	}
}
