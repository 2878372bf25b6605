package site

import (
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// Handler serves a built site the way a static host does: index.html for a folder, a redirect
// to add a folder's trailing slash, 404.html with status 404, and the headers of the site's
// _headers file, so the Content-Security-Policy holds in errdocs serve and in the browser tests
// as it will in production. base is the site's base path ("/" or "/repo/").
//
// It answers GET and HEAD only (405 otherwise, with an Allow header), and never serves a file
// that is not for visitors (see Private): those get the 404 page, as if absent.
func Handler(m *MemOutput, base string) http.Handler {
	if !strings.HasPrefix(base, "/") {
		base = "/" + base
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	var rules []headerRule
	if h, ok := m.File("_headers"); ok {
		rules = parseHeaders(string(h))
	}
	return &handler{m: m, base: base, rules: rules}
}

type handler struct {
	m     *MemOutput
	base  string
	rules []headerRule
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		MethodNotAllowed(w)
		return
	}
	p := r.URL.Path
	if p+"/" == h.base {
		http.Redirect(w, r, h.base, http.StatusMovedPermanently)
		return
	}
	rel, ok := strings.CutPrefix(p, h.base)
	if !ok {
		h.notFound(w)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+rel), "/")
	if strings.HasSuffix(p, "/") {
		name = strings.TrimPrefix(name+"/index.html", "/")
	}
	if Private(name) {
		h.notFound(w)
		return
	}
	data, ok := h.m.File(name)
	if !ok {
		if _, dir := h.m.File(name + "/index.html"); dir && !strings.HasSuffix(p, "/") {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		h.notFound(w)
		return
	}
	h.apply(w, "/"+name)
	if ct := contentType(name); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Add("Vary", "Accept-Encoding")
	// A precompressed copy the build wrote (NAME.br, NAME.gz) goes out as static hosts send it,
	// so what serve transfers is what a visitor gets.
	for _, enc := range [...]struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		z, ok := h.m.File(name + enc.ext)
		if !ok || !accepts(r.Header.Get("Accept-Encoding"), enc.token) || r.Header.Get("Range") != "" {
			continue
		}
		w.Header().Set("Content-Encoding", enc.token)
		w.Header().Set("Content-Length", strconv.Itoa(len(z)))
		if r.Method != http.MethodHead {
			w.Write(z)
		}
		return
	}
	http.ServeContent(w, r, name, time.Time{}, strings.NewReader(string(data)))
}

// MethodNotAllowed answers a request whose method is not GET or HEAD, the only ones a static
// site has.
func MethodNotAllowed(w http.ResponseWriter) {
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "method not allowed: a static site answers GET and HEAD", http.StatusMethodNotAllowed)
}

// Private reports whether a file of a built site (a slash-separated path from the site's root)
// is for the build or the host rather than for visitors: the build's manifest (.errdocs-files)
// and any other name that starts with a dot, in any folder, and _headers, which the hosts that
// read it do not serve either.
func Private(name string) bool {
	if name == "_headers" || name == manifestName {
		return true
	}
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	return false
}

// accepts reports whether an Accept-Encoding header accepts the coding token (and not with
// q=0).
func accepts(header, token string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), token) {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

func (h *handler) notFound(w http.ResponseWriter) {
	h.apply(w, "/404.html")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	nf, _ := h.m.File("404.html")
	w.Write(nf)
}

// apply sets the headers of every _headers rule that matches the site path p.
func (h *handler) apply(w http.ResponseWriter, p string) {
	full := h.base + strings.TrimPrefix(p, "/")
	for _, r := range h.rules {
		if matchPattern(r.pattern, full) {
			for _, kv := range r.headers {
				w.Header().Set(kv[0], kv[1])
			}
		}
	}
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".wasm":
		return "application/wasm"
	case ".xml":
		return "application/xml"
	case ".br":
		return "application/octet-stream"
	case ".md":
		return "text/markdown; charset=utf-8"
	case ".txt", "":
		return "text/plain; charset=utf-8"
	}
	return ""
}

// headerRule is one path pattern of a _headers file and its headers.
type headerRule struct {
	pattern string
	headers [][2]string
}

func parseHeaders(text string) []headerRule {
	var rules []headerRule
	for _, ln := range strings.Split(text, "\n") {
		t := strings.TrimSpace(ln)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if !strings.HasPrefix(ln, " ") && !strings.HasPrefix(ln, "\t") {
			rules = append(rules, headerRule{pattern: t})
			continue
		}
		if len(rules) == 0 {
			continue
		}
		if k, v, ok := strings.Cut(t, ":"); ok {
			r := &rules[len(rules)-1]
			r.headers = append(r.headers, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
		}
	}
	return rules
}

// matchPattern matches a _headers path with at most one "*" splat.
func matchPattern(pattern, p string) bool {
	before, after, star := strings.Cut(pattern, "*")
	if !star {
		return pattern == p
	}
	return len(p) >= len(before)+len(after) && strings.HasPrefix(p, before) && strings.HasSuffix(p, after)
}
