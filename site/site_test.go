package site

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/internal/testkit"
	"github.com/errdocs/errdocs/site/search"
	"golang.org/x/tools/txtar"
)

// txtarFS reads a txtar archive into a file system.
func txtarFS(t testing.TB, archive []byte) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse(archive).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// buildTxtar builds a txtar content tree into memory.
func buildTxtar(t testing.TB, archive []byte, opts Options) (*MemOutput, *Report, error) {
	t.Helper()
	mem := NewMemOutput()
	opts.Content = txtarFS(t, archive)
	opts.Output = mem
	rep, err := BuildReport(opts)
	return mem, rep, err
}

func readTestSite(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// readIndex reads the search index a build wrote, every shard and page chunk of it.
func readIndex(t *testing.T, mem *MemOutput) *search.Whole {
	t.Helper()
	idx, err := search.ReadFiles(func(name string) ([]byte, error) {
		data, ok := mem.File(name)
		if !ok {
			return nil, fmt.Errorf("no file %s", name)
		}
		return data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

func file(t *testing.T, mem *MemOutput, name string) string {
	t.Helper()
	data, ok := mem.File(name)
	if !ok {
		t.Fatalf("no file %s; have %v", name, mem.Names())
	}
	return string(data)
}

func TestBuildSite(t *testing.T) {
	mem, rep, err := buildTxtar(t, readTestSite(t), Options{BaseURL: "https://docs.acme.test/", RepoURL: "https://github.com/acme/docs"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages, %d files in %v", rep.Pages, rep.Files, rep.Duration)

	for _, tc := range []struct {
		name string
		file string
		want []string // substrings of the file
		not  []string
	}{
		{"home links APIs and playground", "index.html",
			[]string{`<h1>Acme errors</h1>`, `href="/acme/"`, `href="/playground/"`, `All 3 error codes`,
				`<link rel="canonical" href="https://docs.acme.test/">`, `property="og:title" content="Acme errors"`,
				`href="/acme/guides/retries/#backoff"`}, nil},
		{"API overview has the facts", "acme/index.html",
			[]string{`<h1>Acme API</h1>`, `id="at-a-glance"`, `<code>ak_live_…</code>`, `Retry-After`,
				`1 s, 2 s, 4 s, 8 s, 16 s, then stop`, `href="/acme/errors/bad-key/"`}, nil},
		{"error index table", "acme/errors/index.html",
			[]string{`<th scope="col" role="columnheader">Code</th>`, `<a href="/acme/errors/bad-key/"><code>BAD_KEY</code></a>`,
				`>401</td>`, `>Bad API key</td>`, `>No</td>`, `>Yes</td>`}, nil},
		{"error page", "acme/errors/busy/index.html",
			[]string{`<h1><span class="code-name"><span>Acme</span> <code>SERVER_BUSY</code> <span class="visually-hidden">:</span></span> Acme is busy</h1>`,
				`<title>Acme SERVER_BUSY: Acme is busy · Acme errors</title>`, `property="og:title" content="Acme SERVER_BUSY: Acme is busy"`,
				`<a class="brand" href="/" aria-label="Acme errors home">`, `503 Service Unavailable`,
				`id="when-to-retry"`, `<span class="schedule">1 s, 2 s, 4 s, 8 s, 16 s, then stop</span>`,
				`<section class="callout" aria-labelledby="docs-drift">`, `class="chroma"`, `<button type="button" class="copy">Copy</button>`,
				`Same code, other cases`, `href="/acme/errors/busy-quota/"`,
				`href="https://github.com/acme/docs/edit/main/content/acme/errors/busy.md"`,
				`<nav class="breadcrumbs" aria-label="Breadcrumb">`, `rel="prev"`, `aria-current="page"`},
			[]string{`style="`, `src="/assets/errdocs`, `rel="preload"`}},
		{"alias redirects to the primary entry", "acme/errors/SERVER_BUSY/index.html",
			[]string{`<meta http-equiv="refresh" content="0; url=/acme/errors/busy/">`,
				`<link rel="canonical" href="https://docs.acme.test/acme/errors/busy/">`, `<a href="/acme/errors/busy/">Acme is busy</a>`}, nil},
		{"guide links rewritten", "acme/guides/retries/index.html",
			[]string{`href="/acme/errors/busy/"`, `<div class="table-wrap" role="region" tabindex="0"`,
				`<span class="s2">&#34;Authorization: Bearer </span>`, `id="backoff"`, `class="anchor" href="#backoff"`}, nil},
		{"list page for guides folder", "acme/guides/index.html", []string{`href="/acme/guides/retries/"`, `When and how to retry.`}, nil},
		{"playground placeholder", "playground/index.html", []string{`id="playground"`, `<noscript>`}, nil},
		{"404", "404.html", []string{`Page not found`, `<meta name="robots" content="noindex">`}, []string{`rel="canonical"`}},
		{"sitemap", "sitemap.xml", []string{`<loc>https://docs.acme.test/acme/errors/busy/</loc>`}, []string{`404`, `/SERVER_BUSY/`}},
		{"robots", "robots.txt", []string{"Sitemap: https://docs.acme.test/sitemap.xml"}, nil},
		{"headers", "_headers", []string{"Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'",
			"/assets/*\n  Cache-Control: public, max-age=31536000, immutable", "/*.wasm\n  Content-Type: application/wasm"},
			[]string{"http://", "https://"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := file(t, mem, tc.file)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s lacks %s", tc.file, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(got, w) {
					t.Errorf("%s has %s", tc.file, w)
				}
			}
		})
	}

	t.Run("catalog.json is the catalog", func(t *testing.T) {
		cat, err := load.Decode([]byte(file(t, mem, "catalog.json")))
		if err != nil {
			t.Fatal(err)
		}
		a := cat.API("acme")
		if a == nil || len(a.Errors) != 3 {
			t.Fatalf("catalog.json: %+v", cat)
		}
	})
	t.Run("the playground reads its own build's catalog", func(t *testing.T) {
		page := file(t, mem, "playground/index.html")
		m := regexp.MustCompile(`data-build="([0-9a-f]{10})" data-catalog="/(assets/catalog\.[0-9a-f]{10}\.json)"`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("the playground names no build id and fingerprinted catalog")
		}
		// It is catalog.json in the worker's layout.
		cat, err := load.Decode([]byte(file(t, mem, "catalog.json")))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(cat.ForWorker())
		if got := file(t, mem, m[2]); got != string(want) {
			t.Errorf("%s is not catalog.json in the worker's layout", m[2])
		}
	})
	t.Run("assets are fingerprinted", func(t *testing.T) {
		re := regexp.MustCompile(`^assets/(site\.[0-9a-f]{10}\.css|theme\.[0-9a-f]{10}\.js|site\.[0-9a-f]{10}\.js|search\.[0-9a-f]{10}\.js|favicon\.[0-9a-f]{10}\.svg)$`)
		n := 0
		for _, name := range mem.Names() {
			if re.MatchString(name) {
				n++
			}
		}
		if n != 5 {
			t.Errorf("%d fingerprinted assets, want 5: %v", n, mem.Names())
		}
		css := ""
		for _, name := range mem.Names() {
			if strings.HasPrefix(name, "assets/site.") && strings.HasSuffix(name, ".css") {
				css = file(t, mem, name)
			}
		}
		for _, w := range []string{".chroma .nt {", `:root[data-theme="dark"] .chroma`, "@media (prefers-color-scheme: dark)"} {
			if !strings.Contains(css, w) {
				t.Errorf("site.css lacks %q", w)
			}
		}
	})
	t.Run("search index", func(t *testing.T) {
		idx := readIndex(t, mem)
		for _, term := range []string{"bad_key", "bad", "key", "401", "busy", "retry", "acme"} {
			if len(idx.Terms[term]) == 0 {
				t.Errorf("no postings for %q", term)
			}
		}
		for _, d := range idx.Docs {
			if d[0] == "404/" || d[0] == "search/" {
				t.Errorf("index has %v", d[0])
			}
		}
	})
}

func TestSubPath(t *testing.T) {
	mem, _, err := buildTxtar(t, readTestSite(t), Options{BaseURL: "https://user.github.io/repo/"})
	if err != nil {
		t.Fatal(err)
	}
	hrefRE := regexp.MustCompile(`(?:href|src|action|data-index)="([^"#][^"]*)"`)
	for _, name := range mem.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range hrefRE.FindAllStringSubmatch(file(t, mem, name), -1) {
			u := m[1]
			if !strings.HasPrefix(u, "/repo/") && !strings.HasPrefix(u, "https://") {
				t.Errorf("%s: link %s is outside /repo/", name, u)
			}
		}
	}
	if got := file(t, mem, "_headers"); !strings.Contains(got, "/repo/assets/*") {
		t.Errorf("_headers does not use the base path:\n%s", got)
	}
}

func TestBuildErrors(t *testing.T) {
	base := string(readTestSite(t))
	for _, tc := range []struct {
		name  string
		extra string // txtar sections added to the test site
		want  []string
	}{
		{"broken link", "-- acme/guides/bad.md --\n---\ntitle: Bad\n---\n\nSee [nothing](../errors/nothing.md).\n",
			[]string{`acme/guides/bad.md:5: broken link "../errors/nothing.md": no page acme/errors/nothing.md`}},
		{"broken URL link", "-- acme/guides/bad.md --\n---\ntitle: Bad\n---\n\nText.\n\nSee [nowhere](/acme/nowhere/).\n",
			[]string{`acme/guides/bad.md:7: broken link "/acme/nowhere/": no page at /acme/nowhere/`}},
		{"broken anchor", "-- acme/guides/bad.md --\n---\ntitle: Bad\n---\n\nSee [fix](../errors/bad-key.md#how-to-fixx).\n",
			[]string{`acme/guides/bad.md:5: broken anchor #how-to-fixx: /acme/errors/bad-key/ has no such heading or id`}},
		{"broken anchor on the same page", "-- acme/guides/bad.md --\n---\ntitle: Bad\n---\n\n## One\n\nSee [two](#two).\n",
			[]string{`acme/guides/bad.md:7: broken anchor #two: /acme/guides/bad/ has no such heading or id`}},
		{"raw HTML", "-- acme/guides/bad.md --\n---\ntitle: Bad\n---\n\nSend `Bearer` and <key>.\n",
			[]string{`acme/guides/bad.md:5: raw HTML is not rendered`}},
		{"two pages, one URL", "-- about/index.md --\n---\ntitle: About too\n---\n\nHi.\n",
			[]string{`page URL /about/ is also`}},
		{"a code in another case links to its page", "-- acme/guides/case.md --\n---\ntitle: Case\n---\n\nSee [it](/acme/errors/bad_key/) and [this](/acme/errors/nope/).\n",
			[]string{`acme/guides/case.md:5: broken link "/acme/errors/nope/"`}},
		{"bad front matter", "-- acme/guides/bad.md --\n---\ntitle: [\n---\n\nHi.\n", []string{`acme/guides/bad.md:`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := buildTxtar(t, []byte(base+tc.extra), Options{})
			var les load.Errors
			if !errors.As(err, &les) {
				t.Fatalf("err = %v, want load.Errors", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("errors:\n%v\nwant one containing %q", err, w)
				}
			}
		})
	}
}

// TestExampleCheck checks the build-time engine check: an error page whose example decodes to
// another code, and a guide's response block that decodes to nothing known, fail the build at
// their fence's line.
func TestExampleCheck(t *testing.T) {
	wrong := "-- acme/errors/wrong.md --\n---\ncode: WRONG_CODE\nstatus: 400\ntitle: Wrong\nretry: {strategy: never}\n---\n\n" +
		"## What it means\nIt is wrong.\n\n## Common causes\n- A cause.\n\n## How to fix\n1. A fix.\n\n## Examples\n" +
		"```json response\n{\"error\": {\"code\": \"OTHER\", \"message\": \"x\"}}\n```\n"
	extra := "-- acme/guides/resp.md --\n---\ntitle: Resp\n---\n\n```json response\nnonsense\n```\n"
	_, _, err := buildTxtar(t, append(readTestSite(t), (wrong+extra)...), Options{})
	for _, w := range []string{
		`acme/errors/wrong.md:18: example response decodes to code "OTHER"`,
		`acme/guides/resp.md:5: response block does not decode to a known error`,
	} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("errors:\n%v\nwant %q", err, w)
		}
	}
	if err != nil && (strings.Contains(err.Error(), "bad-key.md") || strings.Contains(err.Error(), "busy.md")) {
		t.Errorf("the test site's own examples are right, but: %v", err)
	}
}

// TestShippedContent builds the content errdocs ships: it must build without errors (every
// example decodes to its page's code, every link and anchor resolves).
func TestShippedContent(t *testing.T) {
	mem := NewMemOutput()
	rep, err := BuildReport(Options{Content: content.FS, Output: mem})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("shipped content: %d pages, %d files, %.0f KB in %v", rep.Pages, rep.Files, float64(rep.Bytes)/1e3, rep.Duration)
}

// TestCodePageBudget checks that a code page and everything it loads before any interaction is
// at most 30 KB compressed, and loads no WebAssembly.
func TestCodePageBudget(t *testing.T) {
	mem := NewMemOutput()
	BuildReport(Options{Content: content.FS, Output: mem}) // content errors are TestShippedContent's
	for _, name := range []string{"plunk/errors/rate-limit-exceeded/index.html", "puck/errors/rate-limit-exceeded/index.html"} {
		data, ok := mem.File(name)
		if !ok {
			continue
		}
		page := string(data)
		if regexp.MustCompile(`(?:src|href)="[^"]*\.wasm`).MatchString(page) {
			t.Errorf("%s loads WebAssembly", name)
		}
		total := gz(t, []byte(page))
		for _, m := range regexp.MustCompile(`(?:href|src)="/(assets/[^"]+\.(?:css|js|svg))"`).FindAllStringSubmatch(page, -1) {
			total += gz(t, []byte(file(t, mem, m[1])))
		}
		t.Logf("%s: %.1f KB gzip with its CSS, JS and icon", name, float64(total)/1024)
		if total > 30*1024 {
			t.Errorf("%s transfers %d bytes compressed, budget 30 KB", name, total)
		}
	}
}

func gz(t *testing.T, data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// TestFactsAgree holds the site and the engine to one answer for every code of the shipped
// catalog: the status and the retry schedule a code page states are the ones the engine gives
// when it explains that page's examples (both come from the catalog package's facts).
func TestFactsAgree(t *testing.T) {
	mem := NewMemOutput()
	if _, err := BuildReport(Options{Content: content.FS, Output: mem}); err != nil {
		t.Fatal(err)
	}
	loaded, err := load.Content(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	cat := loaded.Catalog
	n := 0
	for _, a := range cat.APIs {
		for _, e := range a.Errors {
			page := file(t, mem, strings.TrimPrefix(e.Docs, "/")+"index.html")
			if e.Status != 0 && !strings.Contains(page, catalog.StatusText(e.Status)) {
				t.Errorf("%s: the page does not say %q", e.Docs, catalog.StatusText(e.Status))
			}
			if ws := e.Retry.Schedule(); len(ws) > 0 && !strings.Contains(page, catalog.ScheduleText(ws)) {
				t.Errorf("%s: the page does not give the schedule %q", e.Docs, catalog.ScheduleText(ws))
			}
			for _, ex := range e.Examples {
				v := engine.Explain(cat, ex.Text)
				if v.Docs != e.Docs || strings.Contains(ex.Text, "Retry-After") {
					continue
				}
				n++
				if ws := e.Retry.Schedule(); len(ws) > 0 && catalog.ScheduleText(v.Retry.Schedule) != catalog.ScheduleText(ws) {
					t.Errorf("%s line %d: the engine's schedule %v, the page's %v", e.Docs, ex.Line, v.Retry.Schedule, ws)
				}
				if v.Retry.Plan != catalog.RetryPlan(v.Retry.Strategy, v.Retry.Retryable, v.Retry.AfterSeconds, v.Retry.Schedule) {
					t.Errorf("%s line %d: plan %q", e.Docs, ex.Line, v.Retry.Plan)
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d examples compared", n)
	}
}

// normalize makes HTML comparable: one tag per line, no runs of whitespace, and asset
// fingerprints and the build id replaced by HASH and BUILD.
func normalize(html string) string {
	html = regexp.MustCompile(`\.[0-9a-f]{10}\.`).ReplaceAllString(html, ".HASH.")
	html = regexp.MustCompile(`data-build="[0-9a-f]+"`).ReplaceAllString(html, `data-build="BUILD"`)
	html = regexp.MustCompile(`\s+`).ReplaceAllString(html, " ")
	html = strings.ReplaceAll(html, "> <", "><")
	html = strings.ReplaceAll(html, "><", ">\n<")
	return strings.TrimSpace(html) + "\n"
}

// TestGolden compares pages of the test site with testdata/golden (go test -run TestGolden
// -update rewrites them).
func TestGolden(t *testing.T) {
	mem, _, err := buildTxtar(t, readTestSite(t), Options{BaseURL: "https://docs.acme.test/", RepoURL: "https://github.com/acme/docs"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ page, golden string }{
		{"index.html", "home.html"},
		{"acme/errors/busy/index.html", "error-page.html"},
		{"acme/errors/index.html", "error-index.html"},
		{"acme/guides/retries/index.html", "guide.html"},
		{"acme/errors/SERVER_BUSY/index.html", "alias.html"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			testkit.CompareWithGolden(t, normalize(file(t, mem, tc.page)), filepath.Join("testdata", "golden", tc.golden))
		})
	}
}

func TestPrecompressedAssets(t *testing.T) {
	static := fstest.MapFS{}
	for _, name := range []string{"site.css", "theme.js", "site.js", "search.js", "favicon.svg", "errdocs.wasm", "errdocs.wasm.br", "errdocs.wasm.gz"} {
		static[name] = &fstest.MapFile{Data: []byte("/* " + name + " */")}
	}
	mem, _, err := buildTxtar(t, readTestSite(t), Options{Static: static})
	if err != nil {
		t.Fatal(err)
	}
	wasm := moduleAsset(mem)
	if wasm == "" {
		t.Fatalf("no fingerprinted wasm in %v", mem.Names())
	}
	for _, suffix := range []string{".br", ".gz"} {
		if _, ok := mem.File(wasm + suffix); !ok {
			t.Errorf("no %s beside %s: %v", suffix, wasm, mem.Names())
		}
	}
	if page := file(t, mem, "playground/index.html"); !strings.Contains(page, `data-wasm="/`+wasm+`"`) {
		t.Errorf("the playground page does not name %s", wasm)
	}
}

// moduleAsset is the fingerprinted playground module a build wrote, or "".
func moduleAsset(mem *MemOutput) string {
	for _, n := range mem.Names() {
		if strings.HasPrefix(n, "assets/errdocs.") && strings.HasSuffix(n, ".wasm") {
			return n
		}
	}
	return ""
}

// TestBuildID checks the build id changes with any asset's URL, and only with them.
func TestBuildID(t *testing.T) {
	base := map[string]string{"errdocs.wasm": "/assets/errdocs.0123456789.wasm", "catalog.json": "/assets/catalog.aaaaaaaaaa.json"}
	id := buildID(base)
	for _, tc := range []struct {
		name   string
		assets map[string]string
		same   bool
	}{
		{"same assets", map[string]string{"catalog.json": "/assets/catalog.aaaaaaaaaa.json", "errdocs.wasm": "/assets/errdocs.0123456789.wasm"}, true},
		{"new catalog", map[string]string{"errdocs.wasm": "/assets/errdocs.0123456789.wasm", "catalog.json": "/assets/catalog.bbbbbbbbbb.json"}, false},
		{"new module", map[string]string{"errdocs.wasm": "/assets/errdocs.9876543210.wasm", "catalog.json": "/assets/catalog.aaaaaaaaaa.json"}, false},
		{"one more asset", map[string]string{"errdocs.wasm": "/assets/errdocs.0123456789.wasm", "catalog.json": "/assets/catalog.aaaaaaaaaa.json", "x.js": "/assets/x.0000000000.js"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := buildID(tc.assets); (got == id) != tc.same {
				t.Errorf("buildID = %s, base %s, want same=%v", got, id, tc.same)
			}
		})
	}
}
