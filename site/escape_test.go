package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHostileContent builds a content tree whose every string that can reach HTML carries markup
// or a script URL (testdata/hostile.txtar), and reads each page as a browser would: no script
// element without src, no event-handler attribute, no script URL in a link, and each hostile
// string that a page shows is there as text.
func TestHostileContent(t *testing.T) {
	archive, err := os.ReadFile(filepath.Join("testdata", "hostile.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	mem, _, err := buildTxtar(t, archive, Options{BaseURL: "https://docs.evil.test/"})
	if err != nil {
		t.Fatal(err)
	}
	var pages int
	for _, name := range mem.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		t.Run(name, func(t *testing.T) {
			for _, p := range markupProblems(file(t, mem, name)) {
				t.Error(p)
			}
		})
	}
	if pages == 0 {
		t.Fatal("no pages built")
	}

	// The hostile strings are shown, as text, where a reader expects them.
	for _, tc := range []struct {
		name, file, text string
	}{
		{"fence info string as the block's label", "index.html", `"><script>alert('fence')</script>`},
		{"tilde fence info string", "index.html", `<img/src=x/onerror=alert('tilde')>`},
		{"page title", "index.html", `Home <script>alert('title')</script>`},
		{"heading", "index.html", `<script>alert('heading')</script>`},
		{"table cell", "index.html", `<script>alert('cell')</script>`},
		{"API name", "evil/index.html", `Evil <script>alert('api-name')</script>`},
		{"error title", "evil/errors/bad/index.html", `Bad <script>alert('error-title')</script>`},
		{"error title on the API's page", "evil/errors/index.html", `Bad <script>alert('error-title')</script>`},
		{"example body", "evil/errors/bad/index.html", `<script>alert('example')</script>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !hasText(file(t, mem, tc.file), tc.text) {
				t.Errorf("%s does not show %q as text", tc.file, tc.text)
			}
		})
	}
}

// markupProblems reads a page with the HTML5 tokenizer and lists what a browser would run or
// follow that the site never writes: inline scripts, event-handler attributes, script URLs, and
// elements a hostile string would add.
func markupProblems(page string) []string {
	var out []string
	z := html.NewTokenizer(strings.NewReader(page))
	inScript := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.TextToken:
			if text := bytes.TrimSpace(z.Text()); inScript && len(text) > 0 {
				out = append(out, "inline script: "+string(text))
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "script" {
				inScript = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" {
				inScript = tt == html.StartTagToken
				if attr(tok, "src") == "" {
					out = append(out, "script without src: "+tok.String())
				}
			}
			switch tok.Data {
			case "b", "i", "iframe", "object", "embed", "base":
				// The site writes none of these; a hostile string would.
				out = append(out, "unexpected element: "+tok.String())
			case "img":
				if strings.HasPrefix(attr(tok, "src"), "x") {
					out = append(out, "injected image: "+tok.String())
				}
			}
			for _, a := range tok.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") || strings.ContainsAny(k, "()'") {
					out = append(out, "event handler: "+tok.String())
				}
				switch k {
				case "href", "src", "action", "formaction", "xlink:href":
					if scriptURL(a.Val) {
						out = append(out, "script URL: "+tok.String())
					}
				}
			}
		}
	}
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// scriptURL reports whether a browser would run u, or render it as a document, when followed.
func scriptURL(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1 // a browser drops spaces, tabs and newlines from a URL
		}
		return r
	}, strings.ToLower(u))
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") ||
		strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "data:image/")
}

// hasText reports whether page holds want within one text node, after entities are decoded.
func hasText(page, want string) bool {
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.TextToken:
			if strings.Contains(html.UnescapeString(string(z.Raw())), want) {
				return true
			}
		}
	}
}
