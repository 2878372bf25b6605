package site

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// TestHandlerPrecompressed checks that serve sends the build's precompressed copy a browser
// accepts, as static hosts do, and the plain file otherwise.
func TestHandlerPrecompressed(t *testing.T) {
	m := NewMemOutput()
	for name, data := range map[string]string{
		"index.html": "<p>home</p>", "404.html": "missing",
		"assets/a.js": "plain", "assets/a.js.br": "BROTLI", "assets/a.js.gz": "GZIP",
	} {
		if err := m.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	h := Handler(m, "/")
	for _, tc := range []struct{ accept, body, encoding string }{
		{"gzip, deflate, br, zstd", "BROTLI", "br"},
		{"gzip", "GZIP", "gzip"},
		{"br;q=0, gzip", "GZIP", "gzip"},
		{"", "plain", ""},
		{"identity", "plain", ""},
	} {
		t.Run(tc.accept, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/assets/a.js", nil)
			req.Header.Set("Accept-Encoding", tc.accept)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Body.String() != tc.body || rec.Header().Get("Content-Encoding") != tc.encoding {
				t.Errorf("body %q, Content-Encoding %q; want %q, %q", rec.Body.String(), rec.Header().Get("Content-Encoding"), tc.body, tc.encoding)
			}
			if rec.Header().Get("Vary") != "Accept-Encoding" {
				t.Errorf("Vary = %q", rec.Header().Get("Vary"))
			}
		})
	}
}

// handlerScript is what Handler answers, one request a line: method, path, then after "→" the
// status and text the body must hold. Every 405 must also say "Allow: GET, HEAD".
const handlerScript = `
GET     /                      → 200 <p>home</p>
HEAD    /                      → 200
GET     /assets/a.js           → 200 plain
POST    /                      → 405 method not allowed
PUT     /assets/a.js           → 405
DELETE  /assets/a.js           → 405
OPTIONS /                      → 405
PATCH   /                      → 405
GET     /.errdocs-files        → 404 missing
HEAD    /.errdocs-files        → 404
GET     /_headers              → 404 missing
GET     /.env                  → 404 missing
GET     /assets/.secret        → 404 missing
GET     /.git/config           → 404 missing
GET     /assets/../.errdocs-files → 404 missing
`

// TestHandlerScript runs handlerScript against a site that holds the files a build writes for
// itself and for its host beside the pages.
func TestHandlerScript(t *testing.T) {
	m := NewMemOutput()
	for name, data := range map[string]string{
		"index.html": "<p>home</p>", "404.html": "missing", "assets/a.js": "plain",
		manifestName: "index.html\n", "_headers": "/*\n  X-Test: 1\n", ".env": "SECRET=1",
		"assets/.secret": "s", ".git/config": "[core]",
	} {
		if err := m.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	runScript(t, Handler(m, "/"), handlerScript)
}

// runScript runs an HTTP script (see handlerScript) against h. A third field before the arrow,
// when there is one, is the request's Host header.
func runScript(t *testing.T, h http.Handler, script string) {
	t.Helper()
	for _, line := range strings.Split(script, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		req, want, ok := strings.Cut(line, "→")
		if !ok {
			t.Fatalf("bad script line %q", line)
		}
		f := strings.Fields(req)
		code, body, _ := strings.Cut(strings.TrimSpace(want), " ")
		t.Run(strings.Join(f, " "), func(t *testing.T) {
			r := httptest.NewRequest(f[0], f[1], nil)
			if len(f) > 2 {
				r.Host = f[2]
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if got := strconv.Itoa(rec.Code); got != code {
				t.Errorf("status %s, want %s (body %q)", got, code, rec.Body.String())
			}
			if !strings.Contains(rec.Body.String(), strings.TrimSpace(body)) {
				t.Errorf("body %q lacks %q", rec.Body.String(), body)
			}
			if rec.Code == http.StatusMethodNotAllowed && rec.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow = %q, want GET, HEAD", rec.Header().Get("Allow"))
			}
		})
	}
}
