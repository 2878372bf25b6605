package site

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/internal/testkit"
)

// The browser tests open the shipped content, built under a sub-path and served on loopback
// with its _headers (so the Content-Security-Policy applies), in headless Debian Chromium
// (testkit.Browser: one browser, a tab per test). A console error or warning in a tab fails its
// test. They skip when Chromium is missing, except in CI (CI set), where they fail.

const basePath = "/docs/"

var browser testkit.Browser

// shipped is the shipped content's site, built and served once for the browser tests.
var shipped struct {
	once   sync.Once
	err    error
	site   *MemOutput
	cat    *catalog.Catalog
	origin string // http://127.0.0.1:PORT
	srv    *http.Server
}

func TestMain(m *testing.M) {
	code := m.Run()
	browser.Close()
	if shipped.srv != nil {
		shipped.srv.Close()
	}
	os.Exit(code)
}

// openSite opens a tab for t, with the shipped site built and served.
func openSite(t *testing.T) context.Context {
	t.Helper()
	ctx := browser.TabWith(t, testkit.TabOptions{Warnings: true})
	shipped.once.Do(func() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			shipped.err = err
			return
		}
		shipped.origin = "http://" + ln.Addr().String()
		mem := NewMemOutput()
		if _, err := BuildReport(Options{Content: content.FS, Output: mem, BaseURL: shipped.origin + basePath}); err != nil {
			var les load.Errors
			if !errors.As(err, &les) {
				shipped.err = fmt.Errorf("build: %w", err)
				return
			}
			// Content errors are TestShippedContent's to report; the site is still written.
		}
		shipped.site = mem
		data, _ := mem.File("catalog.json")
		if shipped.cat, err = load.Decode(data); err != nil {
			shipped.err = err
			return
		}
		shipped.srv = &http.Server{Handler: Handler(mem, basePath)}
		go shipped.srv.Serve(ln)
	})
	if shipped.err != nil {
		t.Fatal(shipped.err)
	}
	return ctx
}

func siteURL(sitePath string) string {
	return shipped.origin + basePath + strings.TrimPrefix(sitePath, "/")
}

// fileFor maps a URL path of the site to the built file it serves, or "".
func fileFor(p string) string {
	rel, ok := strings.CutPrefix(p, basePath)
	if !ok {
		return ""
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if _, ok := shipped.site.File(rel); ok {
		return rel
	}
	return ""
}

// settle waits for the page to load and a moment more, for deferred scripts and console output.
func settle() chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.WaitReady("body"), chromedp.Sleep(60*time.Millisecond))
}

func TestBrowserWalkEveryPage(t *testing.T) {
	ctx := openSite(t)
	var pages []string
	for _, n := range shipped.site.Names() {
		if strings.HasSuffix(n, "index.html") {
			if data, _ := shipped.site.File(n); strings.Contains(string(data), `http-equiv="refresh"`) {
				continue // alias redirects; one is followed below
			}
			pages = append(pages, path.Dir("/"+n))
		}
	}
	pages = append(pages, "/404.html")
	if len(pages) < 10 {
		t.Fatalf("only %d pages: %v", len(pages), pages)
	}
	type linkInfo struct {
		Href string `json:"href"`
		Tag  string `json:"tag"`
	}
	for _, p := range pages {
		u := siteURL(strings.TrimSuffix(p, "/") + "/")
		if p == "/404.html" {
			u = siteURL("/404.html")
		} else if p == "/" || p == "." {
			u = siteURL("/")
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(u), settle()); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		links, err := chromedp.Run(ctx, chromedp.Evaluate[[]linkInfo](`[...document.querySelectorAll("a[href], link[href], script[src], img[src], form[action]")].map(e => ({tag: e.tagName, href: e.href || e.src || e.action}))`))
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		for _, l := range links {
			lu, err := url.Parse(l.Href)
			if err != nil || lu.Scheme+"://"+lu.Host != shipped.origin {
				if err == nil && (lu.Scheme == "http" || lu.Scheme == "https") && l.Tag != "A" {
					t.Errorf("%s loads %s from another host", u, l.Href)
				}
				continue
			}
			f := fileFor(lu.Path)
			if f == "" {
				t.Errorf("%s: broken link %s (%s)", u, l.Href, l.Tag)
				continue
			}
			if lu.Fragment != "" && strings.HasSuffix(f, ".html") {
				data, _ := shipped.site.File(f)
				if !strings.Contains(string(data), `id="`+lu.Fragment+`"`) {
					t.Errorf("%s: broken anchor %s", u, l.Href)
				}
			}
		}
		if strings.Contains(p, "/errors/") {
			// A code page loads no WebAssembly (the playground's paste box may, once used).
			res, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map(r => r.name).filter(n => n.endsWith(".wasm"))`))
			if len(res) > 0 {
				t.Errorf("%s loaded %v", u, res)
			}
		}
	}
	t.Logf("walked %d pages", len(pages))

	// An error code as the API spells it leads to its page.
	for _, a := range shipped.cat.APIs {
		for _, e := range a.Errors {
			if e.Code == "" || catalog.Slug(e.Code) == e.Code {
				continue
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(siteURL("/"+a.ID+"/errors/"+e.Code+"/")), chromedp.Sleep(300*time.Millisecond), settle()); err != nil {
				t.Fatal(err)
			}
			loc, _ := chromedp.Run(ctx, chromedp.Location())
			if !strings.Contains(loc, "/"+a.ID+"/errors/") || strings.Contains(loc, e.Code) {
				t.Errorf("code URL %s ended at %s", e.Code, loc)
			}
			return
		}
	}
}

func TestBrowserSearch(t *testing.T) {
	ctx := openSite(t)
	var first string
	for _, a := range shipped.cat.APIs {
		for _, e := range a.Errors {
			if e.Status == 429 && first == "" {
				first = e.Docs
			}
		}
	}
	if first == "" {
		t.Skip("the shipped content has no 429 page")
	}
	// Type 429 into the search box: results list the 429 pages, reachable by keyboard.
	err := chromedp.Do(ctx,
		chromedp.Navigate(siteURL("/")), settle(),
		chromedp.Click("#q"),
		chromedp.SendKeys("#q", "429"),
		chromedp.WaitVisible("#search-results li[role=option]"),
	)
	if err != nil {
		t.Fatal(err)
	}
	hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results li[role=option] > a:not(.r-sub)")].map(a => new URL(a.href).pathname)`))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, a := range shipped.cat.APIs {
		for _, e := range a.Errors {
			if e.HasStatus(429) {
				want = append(want, basePath+strings.TrimPrefix(e.Docs, "/"))
			}
		}
	}
	top := hrefs[:min(len(hrefs), len(want)+1)]
	for _, w := range want {
		if !slices.Contains(top, w) {
			t.Errorf("searching 429: %s is not in the top results %v", w, top)
		}
	}
	err = chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.Sleep(50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	active, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("q").getAttribute("aria-activedescendant") || ""`))
	if active == "" {
		t.Error("ArrowDown selects no result")
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.Sleep(300*time.Millisecond), settle()); err != nil {
		t.Fatal(err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if lu, _ := url.Parse(loc); lu == nil || lu.Path != hrefs[0] {
		t.Errorf("Enter on the first result went to %s, want %s", loc, hrefs[0])
	}

	// The same ranking, through the script's own entry point, for the other queries.
	for _, tc := range []struct {
		q    string
		want func(e *catalog.Entry) bool
	}{
		{"429", func(e *catalog.Entry) bool { return e.HasStatus(429) }},
		{"INVALID_API_KEY", func(e *catalog.Entry) bool { return strings.EqualFold(e.Code, "INVALID_API_KEY") }},
		{"rate limit", func(e *catalog.Entry) bool {
			return strings.Contains(strings.ToLower(e.Title), "rate limit") || strings.Contains(strings.ToLower(e.Code), "rate_limit")
		}},
	} {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`window.errdocsSearch.search(%q)`, tc.q), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, a := range shipped.cat.APIs {
			for _, e := range a.Errors {
				if tc.want(e) {
					want = append(want, strings.TrimPrefix(e.Docs, "/"))
				}
			}
		}
		if len(want) == 0 {
			continue
		}
		top := got[:min(len(got), len(want)+2)]
		for _, w := range want {
			if !slices.Contains(top, w) {
				t.Errorf("search %q: %s not in the top %d: %v", tc.q, w, len(top), top)
			}
		}
		t.Logf("search %q: %v", tc.q, top)
	}
}

func setColorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

func TestBrowserThemeToggle(t *testing.T) {
	ctx := openSite(t)
	err := chromedp.Do(ctx, setColorScheme("light"), chromedp.Navigate(siteURL("/")), settle(),
		chromedp.Evaluate[chromedp.Void](`localStorage.removeItem("errdocs-theme")`), chromedp.Reload(), settle())
	if err != nil {
		t.Fatal(err)
	}
	bg := func() string {
		s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
		return s
	}
	light := bg()
	if err := chromedp.Do(ctx, chromedp.Click(".theme-toggle"), chromedp.Sleep(50*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	theme, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.getAttribute("data-theme") + "/" + localStorage.getItem("errdocs-theme")`))
	if theme != "dark/dark" {
		t.Errorf("after the toggle: %s, want dark/dark", theme)
	}
	if dark := bg(); dark == light {
		t.Errorf("the toggle left the background at %s", dark)
	}
	// Remembered across pages.
	if err := chromedp.Do(ctx, chromedp.Navigate(siteURL("/playground/")), settle()); err != nil {
		t.Fatal(err)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.getAttribute("data-theme") || ""`)); got != "dark" {
		t.Errorf("theme on the next page = %q, want dark", got)
	}
	chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`localStorage.removeItem("errdocs-theme")`))
}

// TestBrowserScreenshots saves screenshots at desktop and 375 px width in light and dark, and
// checks that nothing overflows sideways or shifts after load.
func TestBrowserScreenshots(t *testing.T) {
	ctx := openSite(t)
	dir := os.Getenv("ERRDOCS_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("testdata", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	for _, f := range old {
		os.Remove(f)
	}
	pages := map[string]string{"home": "/", "search": "/search/?q=429"}
	for i, a := range shipped.cat.APIs {
		for _, e := range a.Errors {
			if e.Status == 429 && e.When == "" {
				pages["code-"+a.ID] = e.Docs
			}
		}
		if i == 0 {
			pages["api-"+a.ID] = a.Docs
			pages["errors-"+a.ID] = a.Docs + "errors/"
		}
	}
	defer chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), setColorScheme("light"))
	for _, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 900}, {"375", 375, 812}, {"360", 360, 740}} {
		for _, scheme := range []string{"light", "dark"} {
			for name, p := range pages {
				if size.name == "360" && scheme == "dark" {
					continue
				}
				err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h), setColorScheme(scheme),
					chromedp.Navigate(siteURL(p)), settle())
				if err != nil {
					t.Fatal(err)
				}
				overflow, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
				if overflow > 0 {
					t.Errorf("%s at %d px: %d px overflow sideways", p, size.w, overflow)
				}
				// The shift's sum, and what moved (to explain a failure).
				type shift struct {
					Sum   float64  `json:"sum"`
					Moved []string `json:"moved"`
				}
				cls, err := chromedp.Run(ctx, chromedp.Evaluate[shift](`new Promise(r => {
					let s = 0; const moved = [];
					new PerformanceObserver(l => {
						for (const e of l.getEntries()) {
							if (e.hadRecentInput) continue;
							s += e.value;
							for (const src of e.sources || []) {
								const n = src.node;
								moved.push((n && n.nodeName ? n.nodeName.toLowerCase() + (n.className ? "." + String(n.className).split(" ").join(".") : "") : "?") +
									" at " + Math.round(e.startTime) + " ms: " + JSON.stringify(src.previousRect) + " -> " + JSON.stringify(src.currentRect));
							}
						}
					}).observe({type: "layout-shift", buffered: true});
					setTimeout(() => r({sum: s, moved: moved}), 100);
				})`, chromedp.EvalAwaitPromise))
				if err == nil && cls.Sum > 0.01 {
					t.Errorf("%s at %d px, %s: layout shift %.3f; moved: %s", p, size.w, scheme, cls.Sum, strings.Join(cls.Moved, "; "))
				}
				if size.name == "360" {
					continue // checked, not kept
				}
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				f := filepath.Join(dir, fmt.Sprintf("%s-%s-%s.png", name, size.name, scheme))
				if err := os.WriteFile(f, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	t.Logf("screenshots in %s", dir)
}
