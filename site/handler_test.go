package site

import (
	"net/http"
	"net/http/httptest"
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
