package site

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/site/apiref"
)

// The site's pages: one per Markdown file, the generated ones (indexes, lists, the playground,
// search and 404), and the aliases an error code's own spelling leads to.

// pageKind says how a page is drawn.
type pageKind int

const (
	kindHome pageKind = iota
	kindAPI
	kindError
	kindGuide
	kindPage
	kindErrorIndex // an API's table of codes
	kindList       // a folder without index.md
	kindPlayground
	kindSearch
	kindNotFound
	kindEndpointIndex // an API's table of operations (package site/apiref)
	kindEndpoint      // one operation of an API's openapi.yaml (package site/apiref)
)

// page is one HTML page of the site.
type page struct {
	src     *load.Page // nil for a generated page
	kind    pageKind
	url     string // site path, e.g. "/plunk/errors/conflict/"
	title   string
	desc    string
	section string
	weight  int
	api     *catalog.API       // the API the page belongs to, if any
	entry   *catalog.Entry     // error pages
	op      *catalog.Operation // endpoint pages
	parent  *page
	kids    []*page
}

// outFile is the file a page is written to.
func (p *page) outFile() string {
	if p.kind == kindNotFound {
		return "404.html"
	}
	return strings.TrimPrefix(p.url, "/") + "index.html"
}

// add registers a page, failing on a URL that two pages claim.
func (b *builder) add(p *page) {
	if prev := b.byURL[p.url]; prev != nil {
		file, other := "content", "a generated page"
		if p.src != nil {
			file = p.src.File
		}
		if prev.src != nil {
			other = prev.src.File
		}
		b.fail(file, 1, "page URL %s is also %s", p.url, other)
		return
	}
	b.byURL[p.url] = p
	b.pages = append(b.pages, p)
	if p.src != nil {
		b.byFile[p.src.File] = p
	}
}

// pagesFromContent makes the site's pages: one per Markdown file, then the generated ones.
func (b *builder) pagesFromContent() {
	apis := map[string]*catalog.API{}
	for _, a := range b.site.Catalog.APIs {
		apis[a.ID] = a
	}
	for _, lp := range b.site.Pages {
		p := &page{src: lp, url: lp.URL, title: lp.Title, desc: lp.Description, section: lp.Section,
			weight: lp.Weight, api: apis[lp.Section], entry: lp.Entry}
		switch lp.Kind {
		case load.KindHome:
			p.kind = kindHome
			b.name = lp.Title
		case load.KindAPI:
			p.kind = kindAPI
		case load.KindError:
			p.kind = kindError
			if p.desc == "" && lp.Entry != nil {
				p.desc = excerpt(strings.ReplaceAll(lp.Entry.Meaning, "`", ""), 200)
			}
		case load.KindGuide:
			p.kind = kindGuide
		default:
			p.kind = kindPage
			if p.api != nil && p.url == "/"+p.api.ID+"/errors/" {
				p.kind = kindErrorIndex
			}
			if p.api != nil && p.url == apiref.IndexURL(p.api) {
				p.kind = kindEndpointIndex
			}
		}
		if p.url == "/playground/" {
			p.kind = kindPlayground
		}
		if p.url == "/search/" {
			p.kind = kindSearch
		}
		b.add(p)
	}
	if b.name == "" {
		b.name = "Error reference"
	}
	// Generated pages.
	if b.byURL["/"] == nil {
		b.add(&page{kind: kindHome, url: "/", title: b.name,
			desc: "What every error means, why it happens and how to fix it."})
	}
	for _, a := range b.site.Catalog.APIs {
		u := "/" + a.ID + "/errors/"
		if b.byURL[u] == nil {
			b.add(&page{kind: kindErrorIndex, url: u, title: a.Name + " errors", section: a.ID, api: a,
				desc: fmt.Sprintf("Every error code the %s API sends, with its HTTP status and whether to retry.", a.Name)})
		}
	}
	b.endpointPages()
	if b.byURL["/playground/"] == nil {
		desc := "Paste an error response and errdocs explains it: what it means, why, how to fix it and whether to retry."
		if b.opts.NoPlayground {
			desc = "This site was built without the playground."
		}
		b.add(&page{kind: kindPlayground, url: "/playground/", title: "Playground", desc: desc})
	}
	if b.byURL["/search/"] == nil {
		b.add(&page{kind: kindSearch, url: "/search/", title: "Search", desc: "Search the error codes, statuses and pages."})
	}
	b.add(&page{kind: kindNotFound, url: "/404/", title: "Page not found"})
	// A list page for every folder that has pages but no index.md.
	for i := 0; i < len(b.pages); i++ {
		p := b.pages[i]
		if p.url == "/" || p.kind == kindNotFound {
			continue
		}
		parentURL := path.Dir(strings.TrimSuffix(p.url, "/"))
		if parentURL != "/" {
			parentURL += "/"
		}
		parent := b.byURL[parentURL]
		if parent == nil {
			seg := path.Base(parentURL)
			parent = &page{kind: kindList, url: parentURL, title: folderTitle(seg), section: p.section, api: p.api}
			if p.api != nil && parentURL == "/"+p.api.ID+"/" {
				parent.title = p.api.Name
			}
			b.add(parent)
		}
		p.parent = parent
		parent.kids = append(parent.kids, p)
	}
	for _, p := range b.pages {
		slices.SortStableFunc(p.kids, comparePages)
	}
	// Aliases: the code as the API spells it.
	for _, a := range b.site.Catalog.APIs {
		byCode := map[string][]*catalog.Entry{}
		for _, e := range a.Errors {
			if e.Code != "" {
				byCode[e.Code] = append(byCode[e.Code], e)
			}
		}
		for code, es := range byCode {
			target := primaryEntry(es)
			tp := b.byURL[target.Docs]
			if tp == nil {
				continue
			}
			u := "/" + a.ID + "/errors/" + url.PathEscape(code) + "/"
			// A code that differs from its page's URL only in case gets no alias: on a
			// case-insensitive disk the alias would overwrite the page. The 404 page sends such
			// URLs on (static/site.js), and links in the content resolve them (bySlug).
			if strings.EqualFold(u, tp.url) || b.byURL[u] != nil || strings.ContainsAny(code, "/\\") {
				continue
			}
			b.aliases[u] = tp
		}
	}
}

// bySlug finds the error page a code URL means in any spelling ("/acme/errors/Bad_Key/" is
// /acme/errors/bad-key/), or nil.
func (b *builder) bySlug(u string) *page {
	dir, code := path.Split(strings.TrimSuffix(u, "/"))
	if path.Base(dir) != "errors" || code == "" {
		return nil
	}
	if p := b.byURL[dir+catalog.Slug(code)+"/"]; p != nil && p.kind == kindError {
		return p
	}
	for au, p := range b.aliases {
		if strings.EqualFold(au, u) || strings.EqualFold(au, u+"/") {
			return p
		}
	}
	return nil
}

// primaryEntry picks the page an error code's alias leads to: the entry that applies with no
// condition on the message, and among those the first in catalog order (by status).
func primaryEntry(es []*catalog.Entry) *catalog.Entry {
	for _, e := range es {
		if e.When == "" {
			return e
		}
	}
	return es[0]
}

func comparePages(x, y *page) int {
	rank := func(p *page) int {
		switch p.kind {
		case kindAPI, kindHome:
			return 0
		case kindEndpointIndex:
			return 3
		case kindErrorIndex:
			return 4
		case kindError, kindEndpoint:
			return 5
		case kindList:
			return 2
		}
		return 1
	}
	if c := cmp.Compare(rank(x), rank(y)); c != 0 {
		return c
	}
	if x.entry != nil && y.entry != nil {
		if c := cmp.Compare(x.entry.Status, y.entry.Status); c != 0 {
			return c
		}
		if c := cmp.Compare(x.entry.Code, y.entry.Code); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(x.weight, y.weight); c != 0 {
		return c
	}
	if c := cmp.Compare(strings.ToLower(x.title), strings.ToLower(y.title)); c != 0 {
		return c
	}
	return cmp.Compare(x.url, y.url)
}

func folderTitle(seg string) string {
	switch seg {
	case "errors":
		return "Errors"
	case "guides":
		return "Guides"
	}
	seg = strings.ReplaceAll(strings.ReplaceAll(seg, "-", " "), "_", " ")
	if seg == "" {
		return seg
	}
	return strings.ToUpper(seg[:1]) + seg[1:]
}
