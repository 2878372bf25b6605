package site

import (
	"errors"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/site/highlight"
	"github.com/errdocs/errdocs/site/markdown"
	"github.com/errdocs/errdocs/site/search"
)

// A CodePage is an error code's page as an agent reads it (errdocs mcp): its entry, its URL and
// its Markdown twin exactly as the build writes it, and the terms the site's search finds it by.
type CodePage struct {
	Entry *catalog.Entry
	// URL is the page's URL: a full URL when Options.BaseURL is one, else its path under the
	// base ("/plunk/errors/rate-limit-exceeded/").
	URL string
	// Markdown is the page's Markdown twin (twin.go).
	Markdown string
	// Terms are the page's search terms, field by field (package site/search).
	Terms search.Terms
}

// CodePages reads a content tree (opts.Content, with opts.BaseURL for the URLs) and returns its
// catalog and one CodePage for each error code's page, in the order of the site's pages. It
// renders only those pages' Markdown, and writes nothing: it does not run the engine over the
// examples or draw HTML, so it takes a fraction of a build. Content errors come back as
// load.Errors, as from Build.
func CodePages(opts Options) (*catalog.Catalog, []CodePage, error) {
	if opts.Content == nil {
		return nil, nil, errors.New("site: no content")
	}
	s, err := load.Content(opts.Content)
	if err != nil {
		return nil, nil, err
	}
	b, err := newBuilder(opts, s)
	if err != nil {
		return nil, nil, err
	}
	h, err := highlight.New()
	if err != nil {
		return nil, nil, err
	}
	w := &worker{b: b, md: markdown.New(h), h: h}
	var out []CodePage
	for _, p := range b.pages {
		if p.kind != kindError || p.entry == nil {
			continue
		}
		v := &view{b: b, p: p, nav: b.navFor(p), crumbs: b.crumbs(p)}
		var md *markdown.Doc
		var dests map[string]string
		var src []byte
		if p.src != nil && len(p.src.Body) > 0 {
			src = p.src.Body
			if md, _, dests, err = w.renderMarkdown(p); err != nil {
				return nil, nil, err
			}
		}
		_, terms := b.pageTerms(v, md)
		out = append(out, CodePage{Entry: p.entry, URL: b.mdURL(p.url), Markdown: string(b.twin(v, src, dests)), Terms: terms})
	}
	if len(b.errs) > 0 {
		return nil, nil, b.sortedErrs()
	}
	return s.Catalog, out, nil
}
