package site

import "strings"

// The site's Content-Security-Policy. It travels two ways: in the _headers file, for the hosts
// that read one (Netlify, Cloudflare Pages, errdocs serve), and in a <meta http-equiv> tag at
// the top of every page's <head>, for the hosts that set no headers of a site's choosing
// (GitHub Pages, S3, a plain static file server). Both are written from sitePolicy.
//
// A policy in a <meta> tag applies only to what follows it, so the tag comes before any script
// or stylesheet. It covers the page, not the workers it starts: a worker takes its policy from
// its own script's response headers, so on a host without _headers the playground's worker
// runs without one (it runs only our own script and module). Browsers ignore frame-ancestors,
// report-uri and sandbox in a <meta> policy; those directives go in _headers only.

// cspDirective is one directive of a policy: its name and its value.
type cspDirective struct{ name, value string }

// sitePolicy allows nothing from another host. 'wasm-unsafe-eval' lets the playground compile
// its WebAssembly module; nothing else needs more than 'self'.
var sitePolicy = []cspDirective{
	{"default-src", "'self'"},
	{"script-src", "'self' 'wasm-unsafe-eval'"},
	{"style-src", "'self'"},
	{"img-src", "'self' data:"},
	{"font-src", "'self'"},
	{"connect-src", "'self'"},
	{"worker-src", "'self'"},
	{"manifest-src", "'self'"},
	{"object-src", "'none'"},
	{"base-uri", "'self'"},
	{"form-action", "'self'"},
	{"frame-ancestors", "'none'"},
}

// headerOnly are the directives a browser ignores in a <meta> policy (CSP Level 3, §3.3).
var headerOnly = map[string]bool{"frame-ancestors": true, "report-uri": true, "sandbox": true}

// headerPolicy is the policy as the Content-Security-Policy header of _headers states it.
func headerPolicy() string { return joinPolicy(sitePolicy, false) }

// metaPolicy is the policy as every page's <meta http-equiv> tag states it: the header's,
// less the directives only a header can carry.
func metaPolicy() string { return joinPolicy(sitePolicy, true) }

func joinPolicy(p []cspDirective, meta bool) string {
	var b strings.Builder
	for _, d := range p {
		if meta && headerOnly[d.name] {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(d.name + " " + d.value)
	}
	return b.String()
}
