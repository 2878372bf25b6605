package site

import (
	"fmt"
	"path"
	"strings"

	"github.com/errdocs/errdocs/site/markdown"
)

// A page's Markdown is rendered by package site/markdown; this file is the site's side of it:
// where each link leads, where a problem is reported, and what the build read in each example.

// link is an internal link found in a page, checked once every page is rendered.
type link struct {
	from     *page
	line     int
	path     string // site path of the target page, or "" for the page itself
	fragment string
}

// renderMarkdown renders one page's body, and returns its links that have fragments, for the
// anchor check, and the URL each link destination became, for the page's Markdown twin.
func (w *worker) renderMarkdown(p *page) (*markdown.Doc, []link, map[string]string, error) {
	var links []link
	dests := map[string]string{}
	file := p.src.File
	doc, err := w.md.Render(&markdown.Page{
		Source: p.src.Body,
		Line:   p.src.BodyLine,
		Link: func(dest string, line int) string {
			out := w.rewriteLink(p, dest, line, &links)
			dests[dest] = out
			return out
		},
		Fail: func(line int, msg string) { w.fail(file, line, "%s", msg) },
		Block: func(fence int) (string, bool) {
			key := blockKey{file, fence}
			return w.b.verdicts[key], w.b.responses[key]
		},
	})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("render %s: %w", file, err)
	}
	return doc, links, dests, nil
}

// rewriteLink turns a Markdown link into the site URL it means, and checks that the page it
// points to exists. Links to .md files resolve from the file's folder; other relative links
// resolve from the page's URL, as a browser would. Links to an error code's alias go straight to
// its page. Fragments are checked once every page is rendered.
func (w *worker) rewriteLink(p *page, d string, line int, links *[]link) string {
	if d == "" || strings.HasPrefix(d, "//") || hasScheme(d) {
		return d
	}
	pth, frag, _ := strings.Cut(d, "#")
	pth, query, _ := strings.Cut(pth, "?")
	if pth == "" {
		if frag != "" {
			*links = append(*links, link{from: p, line: line, fragment: frag})
		}
		return d
	}
	var target string
	if strings.HasSuffix(pth, ".md") || strings.Contains(pth, ".md/") {
		file := strings.TrimSuffix(pth, "/")
		if !strings.HasPrefix(file, "/") {
			file = path.Join(path.Dir(p.src.File), file)
		}
		file = strings.TrimPrefix(path.Clean("/"+file), "/")
		tp := w.b.byFile[file]
		if tp == nil {
			w.fail(p.src.File, line, "broken link %q: no page %s", d, file)
			return d
		}
		target = tp.url
	} else {
		target = pth
		if !strings.HasPrefix(target, "/") {
			target = path.Join(p.url, target)
		}
		target = path.Clean(target)
		if target != "/" && (strings.HasSuffix(pth, "/") || path.Ext(target) == "") {
			target += "/"
		}
		switch {
		case w.b.byURL[target] != nil:
		case w.b.aliases[target] != nil:
			target = w.b.aliases[target].url
		case w.b.files[strings.TrimPrefix(path.Clean(pth), "/")] || w.b.files[strings.TrimPrefix(path.Clean(target), "/")]:
			target = strings.TrimSuffix(target, "/")
		case w.b.byURL[strings.TrimSuffix(target, "/")+"/"] != nil:
			target = strings.TrimSuffix(target, "/") + "/"
		case w.b.bySlug(target) != nil:
			// A code in another spelling: /plunk/errors/rate_limit_exceeded/.
			target = w.b.bySlug(target).url
		default:
			w.fail(p.src.File, line, "broken link %q: no page at %s", d, target)
			return d
		}
	}
	if frag != "" {
		*links = append(*links, link{from: p, line: line, path: target, fragment: frag})
	}
	out := w.b.href(target)
	if query != "" {
		out += "?" + query
	}
	if frag != "" {
		out += "#" + frag
	}
	return out
}

// hasScheme reports whether a link starts with a URL scheme ("https:", "mailto:").
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':':
			return i > 0
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}
