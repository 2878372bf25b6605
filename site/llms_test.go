package site

import (
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/internal/testkit"
)

// The site for agents: llms.txt, llms-full.txt and each page's Markdown twin (twin.go, llms.go).

var (
	llmsLinkRE  = regexp.MustCompile(`^- \[([^\]]+)\]\(([^)\s]+)\)(?:: (.+))?$`)
	mdLinkRE    = regexp.MustCompile(`\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)`)
	alternateRE = regexp.MustCompile(`<link rel="alternate" type="text/markdown" href="([^"]+)">`)
)

// siteFile maps a URL of a build served at base (a full URL or a path) to the file it serves,
// or "" when the build has none.
func siteFile(mem *MemOutput, base, u string) string {
	rel, ok := strings.CutPrefix(u, base)
	if !ok {
		return ""
	}
	rel, _, _ = strings.Cut(rel, "#")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if _, ok := mem.File(rel); ok {
		return rel
	}
	return ""
}

// checkAgentFiles checks a build's llms.txt, llms-full.txt, Markdown twins and alternate links,
// with every link under base (a full URL, or the base path when the build has none).
func checkAgentFiles(t *testing.T, mem *MemOutput, base, basePath string, cat *catalog.Catalog) {
	t.Helper()
	llms := file(t, mem, "llms.txt")
	lines := strings.Split(llms, "\n")
	if !strings.HasPrefix(lines[0], "# ") || lines[1] != "" || !strings.HasPrefix(lines[2], "> ") {
		t.Fatalf("llms.txt does not start with an H1 and a one-line summary:\n%s", strings.Join(lines[:3], "\n"))
	}
	var twins []string // in llms.txt's order
	sections := 0
	for i, ln := range lines {
		if strings.HasPrefix(ln, "## ") {
			sections++
		}
		if !strings.HasPrefix(ln, "- ") {
			continue
		}
		m := llmsLinkRE.FindStringSubmatch(ln)
		if m == nil {
			t.Errorf("llms.txt line %d is not \"- [name](url): description\": %s", i+1, ln)
			continue
		}
		if m[3] == "" {
			t.Errorf("llms.txt line %d has no description: %s", i+1, ln)
		}
		f := siteFile(mem, base, m[2])
		if f == "" || !strings.HasSuffix(f, "index.md") {
			t.Errorf("llms.txt line %d: %s is not a Markdown twin of the build", i+1, m[2])
			continue
		}
		twins = append(twins, f)
	}
	if sections < 3 {
		t.Errorf("llms.txt has %d sections", sections)
	}
	// Every code of the catalog, with its status and title.
	for _, a := range cat.APIs {
		for _, e := range a.Errors {
			twin := strings.TrimPrefix(e.Docs, "/") + "index.md"
			if !slices.Contains(twins, twin) {
				t.Errorf("llms.txt does not list %s", twin)
			}
			want := catalog.StatusText(e.Status)
			line := ""
			for _, ln := range lines {
				if strings.Contains(ln, "("+base+twin+")") {
					line = ln
				}
			}
			if !strings.Contains(line, want) || (e.Code != "" && !strings.Contains(line, "["+e.Code+"]")) || !strings.Contains(line, e.Title) {
				t.Errorf("llms.txt's line for %s does not give its code, %q and its title: %s", e.Docs, want, line)
			}
		}
	}
	// llms-full.txt: every twin llms.txt lists, whole, in its order.
	full := file(t, mem, "llms-full.txt")
	at := 0
	for _, tw := range twins {
		md := file(t, mem, tw)
		i := strings.Index(full[at:], md)
		if i < 0 {
			t.Errorf("llms-full.txt does not hold %s after the twins before it", tw)
			continue
		}
		at += i + len(md)
	}
	// Every page has a twin, named by its alternate link, and every link of a twin leads to a
	// file of the build.
	pages := 0
	for _, name := range mem.Names() {
		if !strings.HasSuffix(name, "index.html") {
			continue
		}
		page := file(t, mem, name)
		if strings.Contains(page, `http-equiv="refresh"`) {
			continue // an alias: a redirect, not a page
		}
		pages++
		twin := strings.TrimSuffix(name, "index.html") + "index.md"
		m := alternateRE.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s has no alternate link to its Markdown", name)
			continue
		}
		if got := html.UnescapeString(m[1]); got != basePath+twin {
			t.Errorf("%s: alternate link %s, want %s", name, got, basePath+twin)
		}
		if !strings.Contains(page, `data-md="`+basePath+twin+`"`) {
			t.Errorf("%s has no Copy as Markdown button for %s", name, twin)
		}
		md := file(t, mem, twin)
		if strings.HasPrefix(md, "---") || !strings.HasPrefix(md, "# ") {
			t.Errorf("%s does not start with its title:\n%.200s", twin, md)
		}
		for _, l := range mdLinkRE.FindAllStringSubmatch(md, -1) {
			u := l[1]
			if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, basePath) {
				t.Errorf("%s: link %s is outside %s", twin, u, basePath)
			}
			if strings.HasPrefix(u, base) && siteFile(mem, base, u) == "" {
				t.Errorf("%s: broken link %s", twin, u)
			}
		}
	}
	if _, ok := mem.File(".nojekyll"); !ok {
		t.Error("no .nojekyll: GitHub Pages would turn the twins into HTML pages")
	}
	if _, ok := mem.File("404.md"); ok {
		t.Error("the 404 page has a twin")
	}
	if pages < 10 {
		t.Errorf("only %d pages", pages)
	}
}

func TestAgentFilesShipped(t *testing.T) {
	cat := testkit.ShippedCatalog(t)
	for _, base := range []struct{ url, path string }{
		{"", "/"},
		{"/docs/", "/docs/"},
		{"https://example.test/docs/", "/docs/"},
	} {
		t.Run(base.url, func(t *testing.T) {
			mem := NewMemOutput()
			if _, err := BuildReport(Options{Content: content.FS, Output: mem, BaseURL: base.url}); err != nil {
				t.Fatal(err)
			}
			linkBase := base.path
			if strings.HasPrefix(base.url, "https://") {
				linkBase = base.url
			}
			checkAgentFiles(t, mem, linkBase, base.path, cat)
		})
	}
}

// TestErrorTwin checks what an error page's twin holds: its title, the code's facts as the
// catalog words them, then the page's prose without front matter, links rewritten.
func TestErrorTwin(t *testing.T) {
	cat := testkit.ShippedCatalog(t)
	mem := NewMemOutput()
	if _, err := BuildReport(Options{Content: content.FS, Output: mem, BaseURL: "/docs/"}); err != nil {
		t.Fatal(err)
	}
	for _, a := range cat.APIs {
		for _, e := range a.Errors {
			md := file(t, mem, strings.TrimPrefix(e.Docs, "/")+"index.md")
			want := []string{"# " + e.Title + "\n", "- HTTP status: ", catalog.StatusText(e.Status),
				"- Retry: " + e.Retry.Answer() + ": " + e.Retry.Short(a) + "\n", "## What it means\n"}
			if e.Code != "" {
				want = append(want, "- Code: `"+e.Code+"`\n")
			}
			if ws := e.Retry.Schedule(); len(ws) > 0 {
				want = append(want, "- Schedule: "+catalog.ScheduleText(ws)+"\n")
			}
			for _, w := range want {
				if !strings.Contains(md, w) {
					t.Errorf("%s: the twin does not say %q", e.Docs, w)
				}
			}
			if strings.Contains(md, "\nretry:\n") || strings.Contains(md, "\ntitle: ") {
				t.Errorf("%s: the twin holds front matter", e.Docs)
			}
			if strings.Contains(md, "](/"+a.ID+"/") {
				t.Errorf("%s: the twin has a link outside /docs/", e.Docs)
			}
		}
	}
}

// TestTwinGolden compares twins and llms.txt of the test sites with testdata/golden (go test
// -run TestTwinGolden -update rewrites them).
func TestTwinGolden(t *testing.T) {
	mem, _, err := buildTxtar(t, readTestSite(t), Options{BaseURL: "https://docs.acme.test/"})
	if err != nil {
		t.Fatal(err)
	}
	emem, _, err := buildTxtar(t, endpointSite(t), Options{BaseURL: "/repo/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		mem          *MemOutput
		file, golden string
	}{
		{mem, "llms.txt", "llms.txt"},
		{mem, "acme/errors/busy/index.md", "error-page.md"},
		{mem, "acme/index.md", "api-page.md"},
		{mem, "acme/errors/index.md", "error-index.md"},
		{emem, "acme/api/post-v1-widgets/index.md", "endpoint-page.md"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			testkit.CompareWithGolden(t, file(t, tc.mem, tc.file), filepath.Join("testdata", "golden", tc.golden))
		})
	}
}

// TestCodePages checks that the code pages errdocs mcp serves are the build's twins, byte for
// byte, with the URLs the build links.
func TestCodePages(t *testing.T) {
	opts := Options{Content: content.FS, BaseURL: "https://example.test/docs/"}
	cat, pages, err := CodePages(opts)
	if err != nil {
		t.Fatal(err)
	}
	mem := NewMemOutput()
	opts.Output = mem
	if _, err := BuildReport(opts); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range cat.APIs {
		n += len(a.Errors)
	}
	if len(pages) != n {
		t.Fatalf("%d code pages for %d entries", len(pages), n)
	}
	for _, p := range pages {
		if want := "https://example.test/docs/" + strings.TrimPrefix(p.Entry.Docs, "/"); p.URL != want {
			t.Errorf("%s: URL %s, want %s", p.Entry.Docs, p.URL, want)
		}
		if got, want := p.Markdown, file(t, mem, strings.TrimPrefix(p.Entry.Docs, "/")+"index.md"); got != want {
			t.Errorf("%s: the code page's Markdown is not the build's twin", p.Entry.Docs)
		}
		if p.Entry.Code != "" && p.Terms.Weight(strings.ToLower(p.Entry.Code)) == 0 {
			t.Errorf("%s: no search term for its code", p.Entry.Docs)
		}
	}
}
