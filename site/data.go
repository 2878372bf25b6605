package site

import (
	"html"
	"sort"
	"strings"
)

// The files beside the pages: alias redirects, sitemap.xml, robots.txt and _headers.

// redirectPage is the page at an error code's alias URL: a meta refresh to the code's page, a
// canonical link to it, and a plain link for anyone whose browser does not follow the refresh.
func (b *builder) redirectPage(to *page) []byte {
	target := html.EscapeString(b.href(to.url))
	canonical := target
	if u := b.absURL(to.url); u != "" {
		canonical = html.EscapeString(u)
	}
	title := html.EscapeString(to.title)
	var s strings.Builder
	s.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	s.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"" + html.EscapeString(metaPolicy()) + "\">\n")
	s.WriteString("<title>" + html.EscapeString(to.fullTitle()) + "</title>\n")
	s.WriteString("<meta name=\"robots\" content=\"noindex\">\n")
	s.WriteString("<link rel=\"canonical\" href=\"" + canonical + "\">\n")
	s.WriteString("<meta http-equiv=\"refresh\" content=\"0; url=" + target + "\">\n")
	s.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	if css := b.assets["site.css"]; css != "" {
		s.WriteString("<link rel=\"stylesheet\" href=\"" + html.EscapeString(css) + "\">\n")
	}
	// The icon, as on every page: without one the browser asks for /favicon.ico, which the
	// site does not have.
	if icon := b.assets["favicon.svg"]; icon != "" {
		s.WriteString("<link rel=\"icon\" href=\"" + html.EscapeString(icon) + "\" type=\"image/svg+xml\">\n")
	}
	s.WriteString("</head>\n<body>\n<main id=\"main\" class=\"layout bare\"><p>This page is now <a href=\"" + target + "\">" + title + "</a>.</p></main>\n</body>\n</html>\n")
	return []byte(s.String())
}

// sitemap lists every page but the 404 page. Its locations are full URLs when the build has an
// absolute base URL, and paths otherwise.
func (b *builder) sitemap() []byte {
	var urls []string
	for _, p := range b.pages {
		if p.kind == kindNotFound {
			continue
		}
		u := b.absURL(p.url)
		if u == "" {
			u = b.href(p.url)
		}
		urls = append(urls, u)
	}
	sort.Strings(urls)
	var s strings.Builder
	s.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	s.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		s.WriteString("<url><loc>" + html.EscapeString(u) + "</loc></url>\n")
	}
	s.WriteString("</urlset>\n")
	return []byte(s.String())
}

func (b *builder) robots() []byte {
	s := "User-agent: *\nAllow: /\n"
	if u := b.absURL("/sitemap.xml"); u != "" {
		s += "Sitemap: " + u + "\n"
	}
	return []byte(s)
}

// headers is the _headers file Netlify and Cloudflare Pages read: security headers on every
// path, a year's immutable cache on fingerprinted assets (the hosts revalidate everything else by
// default), and
// the WebAssembly MIME type.
func (b *builder) headers() []byte {
	base := b.base
	var s strings.Builder
	s.WriteString("# Written by errdocs build. Netlify and Cloudflare Pages read this file.\n")
	s.WriteString(base + "*\n")
	s.WriteString("  Content-Security-Policy: " + headerPolicy() + "\n")
	s.WriteString("  X-Content-Type-Options: nosniff\n")
	s.WriteString("  Referrer-Policy: strict-origin-when-cross-origin\n")
	s.WriteString("  Cross-Origin-Opener-Policy: same-origin\n")
	s.WriteString(base + "assets/*\n")
	s.WriteString("  Cache-Control: public, max-age=31536000, immutable\n")
	s.WriteString(base + "*.wasm\n")
	s.WriteString("  Content-Type: application/wasm\n")
	s.WriteString(base + "catalog.json\n")
	s.WriteString("  Access-Control-Allow-Origin: *\n")
	return []byte(s.String())
}
