package site

import (
	"strings"
	"testing"

	"github.com/errdocs/errdocs/content"
	"golang.org/x/net/html"
)

// TestMetaPolicy checks that every HTML page the build writes carries the Content-Security-Policy
// of _headers in a <meta http-equiv> tag, less the directives browsers ignore there, and that the
// tag comes before anything it governs: a policy in <meta> applies only to what follows it.
func TestMetaPolicy(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		base string
	}{
		{"test site", Options{Content: txtarFS(t, readTestSite(t))}, "/"},
		{"test site under a path", Options{Content: txtarFS(t, readTestSite(t)), BaseURL: "https://user.github.io/repo/"}, "/repo/"},
		{"shipped content", Options{Content: content.FS}, "/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem := NewMemOutput()
			tc.opts.Output = mem
			if _, err := BuildReport(tc.opts); err != nil && tc.name != "shipped content" {
				t.Fatal(err) // the shipped content's own errors are TestShippedContent's
			}
			header := ""
			for _, r := range parseHeaders(file(t, mem, "_headers")) {
				if r.pattern != tc.base+"*" {
					continue
				}
				for _, kv := range r.headers {
					if kv[0] == "Content-Security-Policy" {
						header = kv[1]
					}
				}
			}
			if !strings.Contains(header, "frame-ancestors 'none'") {
				t.Fatalf("_headers policy for %s* is %q; want one with frame-ancestors 'none'", tc.base, header)
			}
			// CSP Level 3, §3.3: these are ignored in a <meta> policy, so _headers alone carries
			// them.
			var want []string
			for _, d := range strings.Split(header, ";") {
				d = strings.TrimSpace(d)
				name, _, _ := strings.Cut(d, " ")
				if name != "frame-ancestors" && name != "report-uri" && name != "sandbox" {
					want = append(want, d)
				}
			}
			wantMeta := strings.Join(want, "; ")
			pages := 0
			for _, name := range mem.Names() {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				pages++
				got, err := headPolicy(file(t, mem, name))
				if err != "" {
					t.Errorf("%s: %s", name, err)
				} else if got != wantMeta {
					t.Errorf("%s: meta policy\n%q\nwant (from _headers)\n%q", name, got, wantMeta)
				}
			}
			if pages < 5 {
				t.Errorf("only %d pages", pages)
			}
		})
	}
}

// headPolicy returns the policy of a page's <meta http-equiv="Content-Security-Policy">, or
// what is wrong: no such tag, two of them, or a script, stylesheet or link before it.
func headPolicy(page string) (policy, problem string) {
	z := html.NewTokenizer(strings.NewReader(page))
	found := false
	var before []string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			if tt == html.EndTagToken {
				if n, _ := z.TagName(); string(n) == "head" {
					break
				}
			}
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "meta":
			if strings.EqualFold(attr(tok, "http-equiv"), "Content-Security-Policy") {
				if found {
					return "", "two policy tags"
				}
				found = true
				policy = attr(tok, "content")
				if len(before) > 0 {
					return "", "the policy tag comes after " + strings.Join(before, ", ")
				}
			}
		case "script", "style", "link", "base":
			before = append(before, tok.String())
		}
	}
	if !found {
		return "", "no <meta http-equiv=\"Content-Security-Policy\"> in <head>"
	}
	return policy, ""
}
