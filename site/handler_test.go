package site

import (
	"strings"
	"testing"

	"github.com/errdocs/errdocs/internal/testkit"
)

// Handler's behaviour is written as HTTP scripts in testdata/http (see testkit.RunScripts):
// redirects, 404s, methods, headers, the Content-Security-Policy, precompressed assets and
// what is never served.

// TestHandlerFiles runs testdata/http/files.txt against a site of a few files: a page, a 404
// page, an asset with its precompressed copies, and the files a build writes for itself and
// for its host, with some dot files.
func TestHandlerFiles(t *testing.T) {
	m := NewMemOutput()
	for name, data := range map[string]string{
		"index.html": "<p>home</p>", "404.html": "missing",
		"assets/a.js": "plain", "assets/a.js.br": "BROTLI", "assets/a.js.gz": "GZIP",
		manifestName: "index.html\n", "_headers": "/*\n  X-Test: 1\n", ".env": "SECRET=1",
		"assets/.secret": "s", ".git/config": "[core]",
	} {
		if err := m.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	testkit.RunScripts(t, Handler(m, "/"), "testdata/http/files.txt", nil)
}

// TestHandlerSite runs testdata/http/site.txt against the test site built under a sub-path.
func TestHandlerSite(t *testing.T) {
	mem, _, err := buildTxtar(t, readTestSite(t), Options{BaseURL: "https://user.github.io/repo/"})
	if err != nil {
		t.Fatal(err)
	}
	var css string
	for _, n := range mem.Names() {
		if strings.HasPrefix(n, "assets/site.") && strings.HasSuffix(n, ".css") {
			css = "/repo/" + n
		}
	}
	testkit.RunScripts(t, Handler(mem, "/repo/"), "testdata/http/site.txt", map[string]string{"css": css})
}
