package site

import (
	"strings"

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

// llmsFull writes llms-full.txt: each listed page's twin, with its URL, in llms.txt's order.
func (b *builder) llmsFull(secs []llmsSection) []byte {
	var s strings.Builder
	for _, sec := range secs {
		for _, it := range sec.items {
			md := b.twins[it.p]
			if md == nil {
				continue
			}
			if s.Len() > 0 {
				s.WriteString("\n---\n\n")
			}
			s.WriteString("Source: " + b.mdURL(it.p.url) + "\n\n")
			s.Write(md)
		}
	}
	return []byte(s.String())
}
