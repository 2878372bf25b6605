package site

import (
	"strconv"
	"strings"
)

// Navigation: each top-level section (an API, or any other folder) has one sidebar, made once per
// build; pages at the root share the root sidebar. Previous and next links follow the sidebar's
// order, so reading straight through a section visits every page once.

// navLink is a link in a sidebar or pager.
type navLink struct {
	URL   string // site path
	Title string
	Badge string // an error page's status
}

// navGroup is a titled list of links.
type navGroup struct {
	Title string
	URL   string // the page that lists the whole group, if any
	Links []navLink
}

// sidebarMax is the longest group a sidebar shows whole; a longer one shows the pages around the
// current one and a link to the full list, so a section of hundreds of pages does not put
// hundreds of links on every page.
const sidebarMax = 60

// groupLinks returns the links of g to show on the page at u, and the link to the whole group
// when some are left out.
func groupLinks(g navGroup, u string) ([]navLink, *navLink) {
	if len(g.Links) <= sidebarMax || g.URL == "" {
		return g.Links, nil
	}
	at := 0
	for i, l := range g.Links {
		if l.URL == u {
			at = i
			break
		}
	}
	lo := max(0, at-sidebarMax/4)
	hi := min(len(g.Links), lo+sidebarMax/2)
	return g.Links[lo:hi], &navLink{URL: g.URL, Title: "All " + strconv.Itoa(len(g.Links)) + " pages"}
}

// nav is a section's sidebar.
type nav struct {
	Label  string
	Groups []navGroup
	flat   []navLink
	at     map[string]int
}

func (n *nav) finish() {
	n.at = map[string]int{}
	for _, g := range n.Groups {
		for _, l := range g.Links {
			if _, dup := n.at[l.URL]; !dup {
				n.at[l.URL] = len(n.flat)
				n.flat = append(n.flat, l)
			}
		}
	}
}

// prevNext returns the neighbours of the page at u.
func (n *nav) prevNext(u string) (prev, next *navLink) {
	i, ok := n.at[u]
	if !ok {
		return nil, nil
	}
	if i > 0 {
		prev = &n.flat[i-1]
	}
	if i+1 < len(n.flat) {
		next = &n.flat[i+1]
	}
	return prev, next
}

func linkTo(p *page) navLink {
	l := navLink{URL: p.url, Title: p.title}
	if p.entry != nil {
		l.Badge = strconv.Itoa(p.entry.Status)
	}
	if p.op != nil {
		l.Badge = p.op.Method
	}
	return l
}

// buildNav makes the top navigation and every section's sidebar.
func (b *builder) buildNav() {
	home := b.byURL["/"]
	root := &nav{Label: "Site"}
	docs := navGroup{Title: "Start here", Links: []navLink{{URL: "/", Title: "Home"}}}
	for _, k := range home.kids {
		if k.section == "" && k.kind != kindList && !(k.kind == kindPlayground && b.opts.NoPlayground) {
			docs.Links = append(docs.Links, linkTo(k))
		}
	}
	root.Groups = append(root.Groups, docs)
	var sections []*page
	for _, k := range home.kids {
		if k.section != "" {
			sections = append(sections, k)
		}
	}
	if len(sections) > 0 {
		g := navGroup{Title: "Sections"}
		if len(b.site.Catalog.APIs) == len(sections) {
			g.Title = "APIs"
		}
		for _, s := range sections {
			g.Links = append(g.Links, linkTo(s))
			b.topNav = append(b.topNav, navLink{URL: s.url, Title: shortName(s)})
		}
		root.Groups = append(root.Groups, g)
	}
	root.finish()
	b.navs[""] = root
	if !b.opts.NoPlayground {
		b.topNav = append(b.topNav, navLink{URL: "/playground/", Title: "Playground"})
	}

	for _, s := range sections {
		n := &nav{Label: shortName(s)}
		top := navGroup{Title: shortName(s), URL: s.url, Links: []navLink{{URL: s.url, Title: "Overview"}}}
		var groups []navGroup
		for _, k := range s.kids {
			if len(k.kids) == 0 && k.kind != kindErrorIndex && k.kind != kindEndpointIndex {
				top.Links = append(top.Links, linkTo(k))
				continue
			}
			g := navGroup{Title: k.title, URL: k.url}
			if k.kind == kindErrorIndex {
				g.Title = "Errors"
				g.Links = append(g.Links, navLink{URL: k.url, Title: "All errors"})
			} else if k.kind == kindEndpointIndex {
				g.Title = "Endpoints"
				g.Links = append(g.Links, navLink{URL: k.url, Title: "All endpoints"})
			} else if k.kind == kindList {
				g.Title = k.title
			} else {
				g.Links = append(g.Links, navLink{URL: k.url, Title: "Overview"})
			}
			addTree(&g, k)
			groups = append(groups, g)
		}
		// Guides before the long list of errors.
		for i, g := range groups {
			if g.Title == "Guides" && i > 0 {
				copy(groups[1:i+1], groups[0:i])
				groups[0] = g
			}
		}
		n.Groups = append([]navGroup{top}, groups...)
		n.finish()
		b.navs[s.section] = n
	}
}

// addTree adds p's pages, and theirs, to g.
func addTree(g *navGroup, p *page) {
	for _, k := range p.kids {
		g.Links = append(g.Links, linkTo(k))
		if len(k.kids) > 0 {
			addTree(g, k)
		}
	}
}

// shortName is an API's or section's name for menus: "Plunk", not "Plunk API".
func shortName(p *page) string {
	if p.api != nil && p.api.Name != "" {
		return p.api.Name
	}
	return strings.TrimSuffix(p.title, " API")
}

// navFor is the sidebar of p's section.
func (b *builder) navFor(p *page) *nav {
	if n := b.navs[p.section]; n != nil {
		return n
	}
	return b.navs[""]
}

// crumbs are p's ancestors, from the home page down, without p.
func (b *builder) crumbs(p *page) []navLink {
	var out []navLink
	for q := p.parent; q != nil; q = q.parent {
		t := q.title
		if q.url == "/" {
			t = "Home"
		} else if q.kind == kindAPI || (q.kind == kindList && q.parent != nil && q.parent.url == "/") {
			t = shortName(q)
		} else if q.kind == kindErrorIndex {
			t = "Errors"
		} else if q.kind == kindEndpointIndex {
			t = "Endpoints"
		}
		out = append(out, navLink{URL: q.url, Title: t})
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}
