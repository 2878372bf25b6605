//go:build !js

package browsertest

// The playground across a deploy: the service worker must never run one build's page with
// another build's files (TestRedeployOffline), and a worker that cannot start must be tried a
// few times, then given up on with a way out (TestWorkerCannotStart).

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/site"
	"github.com/errdocs/errdocs/wasm/internal/playsite"
)

// markerSection names the custom section each test build's module carries: the build's name,
// so a test can tell which module the browser was served.
const markerSection = "errdocs-test-build"

// version is one build of the site.
type version struct {
	name  string // the module's marker
	build string // the build id on its playground page (data-build)
	out   *site.MemOutput
}

// buildVersion builds the site with the test module marked with name, from the shipped content
// changed by edit (when not nil).
func buildVersion(t *testing.T, name string, edit func(fstest.MapFS)) version {
	t.Helper()
	dir := t.TempDir()
	mod, err := os.ReadFile(filepath.Join(moduleDir, "errdocs.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	exec, err := os.ReadFile(filepath.Join(moduleDir, "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "errdocs.wasm"), customSection(mod, markerSection, name), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "wasm_exec.js"), exec, 0o644); err != nil {
		t.Fatal(err)
	}
	tree := fstest.MapFS{}
	err = fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(content.FS, p)
		tree[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(tree)
	}
	out, _ := playsite.Build(playsite.Options{Root: root, ModuleDir: dir, Gzip: true, Content: tree})
	if out == nil {
		t.Fatalf("build %s: the site did not build", name)
	}
	page, _ := out.File("playground/index.html")
	m := regexp.MustCompile(`data-build="([0-9a-f]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("build %s: the playground names no build id", name)
	}
	return version{name: name, build: string(m[1]), out: out}
}

// customSection appends a WebAssembly custom section to a module: it changes the module's
// fingerprint, not what it does.
func customSection(mod []byte, name, payload string) []byte {
	body := binary.AppendUvarint(nil, uint64(len(name)))
	body = append(body, name...)
	body = append(body, payload...)
	out := append(mod[:len(mod):len(mod)], 0)
	out = binary.AppendUvarint(out, uint64(len(body)))
	return append(out, body...)
}

// host serves one build of the site at a time, as a static host does across a deploy. Like
// GitHub Pages, it lets browsers cache HTML for ten minutes. It counts the requests for each
// path, answers 404 for the paths missing matches, and drops every connection while down.
type host struct {
	mu      sync.Mutex
	site    http.Handler
	missing *regexp.Regexp
	down    bool
	hits    map[string]int
}

func newHost(v version) *host {
	return &host{site: playsite.Handler(v.out), hits: map[string]int{}}
}

func (h *host) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.hits[r.URL.Path]++
	site, missing, down := h.site, h.missing, h.down
	h.mu.Unlock()
	if down {
		if c, _, err := http.NewResponseController(w).Hijack(); err == nil {
			c.Close()
		}
		return
	}
	if missing != nil && missing.MatchString(r.URL.Path) {
		http.NotFound(w, r)
		return
	}
	if strings.HasSuffix(r.URL.Path, "/") || strings.HasSuffix(r.URL.Path, ".html") {
		w.Header().Set("Cache-Control", "max-age=600")
	}
	site.ServeHTTP(w, r)
}

// httptestServer serves h until the test ends and returns its URL.
func httptestServer(t *testing.T, h http.Handler) string {
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s.URL
}

// deploy switches the host to another build.
func (h *host) deploy(v version) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.site = playsite.Handler(v.out)
}

func (h *host) setDown(down bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.down = down
}

func (h *host) setMissing(re *regexp.Regexp) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.missing = re
}

// count is the number of requests for the paths that match re.
func (h *host) count(re *regexp.Regexp) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for p, c := range h.hits {
		if re.MatchString(p) {
			n += c
		}
	}
	return n
}

// engineStateJS waits up to 30 s for the playground's engine to be ready or to give up, and
// returns its state ("ready", "failed", or "none" with the status line).
const engineStateJS = `(async () => {
  for (let i = 0; i < 3000; i++) {
    const r = document.getElementById("playground");
    if (r && r.dataset.engine) return r.dataset.engine;
    await new Promise(x => setTimeout(x, 10));
  }
  const s = document.getElementById("pg-status");
  return "none: " + (s ? s.textContent : document.title);
})()`

// offlineStateJS waits up to 30 s for the service worker's answer: "ready" once the page's build
// is cached whole.
const offlineStateJS = `(async () => {
  const r = document.getElementById("playground");
  for (let i = 0; i < 3000 && !r.dataset.offline; i++) await new Promise(x => setTimeout(x, 10));
  return r.dataset.offline || "no answer";
})()`

// networkErrors lets through the console's reports of requests that failed on purpose.
func networkErrors(m chromedp.ConsoleMessage) bool {
	return strings.Contains(m.Text, "Failed to load resource") || strings.Contains(m.Text, "net::ERR_") ||
		strings.Contains(m.Text, "A bad HTTP response code (404) was received when fetching the script")
}

// TestRedeployOffline deploys a second build while the first is cached, visits again (the
// browser still holds the first build's page) and takes the host down. The second build differs
// in its catalog (a title) and its module (a marker section, so a new fingerprint). Offline, the
// playground must start and explain a paste with the page, module and catalog of one build.
// Then it caches the second build too, and checks the first build's set goes only once no page
// of it is open.
func TestRedeployOffline(t *testing.T) {
	need(t)
	paste, title := "", ""
	for _, e := range cat.APIs[0].Errors {
		if e.Code == "RATE_LIMIT_EXCEEDED" && len(e.Examples) > 0 {
			paste, title = e.Examples[0].Text, e.Title
		}
	}
	if paste == "" {
		t.Fatal("no example for RATE_LIMIT_EXCEEDED")
	}
	v1 := buildVersion(t, "one", nil)
	v2 := buildVersion(t, "two", func(tree fstest.MapFS) {
		f := tree["plunk/errors/rate-limit-exceeded.md"]
		edited := strings.Replace(string(f.Data), "\ntitle: "+title+"\n", "\ntitle: "+title+" (build two)\n", 1)
		if edited == string(f.Data) {
			t.Fatalf("rate-limit-exceeded.md has no line \"title: %s\" to change", title)
		}
		f.Data = []byte(edited)
	})
	if v1.build == v2.build {
		t.Fatal("the two builds have one build id")
	}
	titles := map[string]string{v1.build: title, v2.build: title + " (build two)"}
	markers := map[string]string{v1.build: v1.name, v2.build: v2.name}

	h := newHost(v1)
	s := httptestServer(t, h)
	page := s + "/playground/"

	// A visit to build one caches it.
	first := tabAllowing(t, networkErrors)
	do(t, first, chromedp.Navigate(page))
	if st := eval[string](t, first, engineStateJS); st != "ready" {
		t.Fatalf("build one: engine %s", st)
	}
	if st := eval[string](t, first, offlineStateJS); st != "ready" {
		t.Fatalf("build one: the service worker answered %q", st)
	}

	// Build two is deployed. The browser still holds build one's page (max-age=600), so the
	// next visit gets it, and asks the service worker to cache build one again.
	h.deploy(v2)
	stale := tabAllowing(t, networkErrors)
	do(t, stale, chromedp.Navigate(page))
	if st := eval[string](t, stale, engineStateJS); st != "ready" {
		t.Fatalf("second visit: engine %s", st)
	}
	if got := eval[string](t, stale, `document.getElementById("playground").dataset.build`); got != v1.build {
		t.Fatalf("the second visit got build %s, not build one's page from the HTTP cache (%s)", got, v1.build)
	}
	if st := eval[string](t, stale, offlineStateJS); st == "no answer" {
		t.Fatalf("second visit: the service worker did not answer")
	}

	// Offline, with the HTTP cache gone (evicted, or days later): only the service worker can
	// answer, and it must give one build whole.
	offline := func() {
		t.Helper()
		if _, err := chromedp.Call(stale, network.ClearBrowserCache, cdp.Empty{}); err != nil {
			t.Fatal(err)
		}
		h.setDown(true)
	}
	check := func(ctx context.Context, what string) string {
		t.Helper()
		if st := eval[string](t, ctx, engineStateJS); st != "ready" {
			t.Fatalf("%s: offline, engine %s", what, st)
		}
		build := eval[string](t, ctx, `document.getElementById("playground").dataset.build`)
		if titles[build] == "" {
			t.Fatalf("%s: offline, the page names build %q, neither %s nor %s", what, build, v1.build, v2.build)
		}
		got := eval[string](t, ctx, `errdocs.explain(`+jsString(paste)+`).then(v => v.title)`)
		if got != titles[build] {
			t.Errorf("%s: offline, the page of build %s explains with the catalog titled %q, want %q", what, build, got, titles[build])
		}
		marker := eval[string](t, ctx, `(async () => {
  const r = await fetch(document.getElementById("playground").dataset.wasm);
  const m = await WebAssembly.compile(await r.arrayBuffer());
  const s = WebAssembly.Module.customSections(m, `+jsString(markerSection)+`);
  return s.length ? new TextDecoder().decode(s[0]) : "";
})()`)
		if marker != markers[build] {
			t.Errorf("%s: offline, the page of build %s gets the module of build %q", what, build, marker)
		}
		eval[string](t, ctx, playsite.PasteJS+"("+jsString(paste)+")")
		var shown shown
		json.Unmarshal(eval[[]byte](t, ctx, readVerdictJS), &shown)
		if shown.Title != titles[build] {
			t.Errorf("%s: offline, the verdict drawn is titled %q, want %q", what, shown.Title, titles[build])
		}
		return build
	}
	offline()
	do(t, stale, chromedp.Reload())
	check(stale, "second visit, reloaded offline")

	// Back online, a visitor gets build two and the service worker caches it. Offline again, a
	// new tab gets build two, the last build cached whole.
	h.setDown(false)
	fresh := tabAllowing(t, networkErrors)
	do(t, fresh, chromedp.Navigate(page+"?after-deploy"))
	if st := eval[string](t, fresh, engineStateJS); st != "ready" {
		t.Fatalf("build two: engine %s", st)
	}
	if got := eval[string](t, fresh, `document.getElementById("playground").dataset.build`); got != v2.build {
		t.Fatalf("after the deploy the page is build %s, want %s", got, v2.build)
	}
	if st := eval[string](t, fresh, offlineStateJS); st != "ready" {
		t.Fatalf("build two: the service worker answered %q", st)
	}
	sets := eval[[]string](t, fresh, `caches.keys().then(k => k.filter(n => n.startsWith("errdocs-set-")).sort())`)
	if want := setNames(v1.build, v2.build); strings.Join(sets, " ") != strings.Join(want, " ") {
		t.Errorf("with pages of both builds open, the sets are %q, want %q", sets, want)
	}
	offline()
	newTab := tabAllowing(t, networkErrors)
	do(t, newTab, chromedp.Navigate(page))
	if got := check(newTab, "new tab"); got != v2.build {
		t.Errorf("offline, a new tab got build %s, want the last build cached, %s", got, v2.build)
	}

	// Once no page of build one is open, its set goes at the next clean-up (each page's request
	// to cache its build runs one).
	closeTab(t, first)
	closeTab(t, stale)
	do(t, newTab, chromedp.Reload())
	check(newTab, "new tab, reloaded")
	if st := eval[string](t, newTab, offlineStateJS); st != "ready" {
		t.Fatalf("offline reload: the service worker answered %q", st)
	}
	var left []string
	for i := 0; i < 100; i++ {
		left = eval[[]string](t, newTab, `caches.keys().then(k => k.filter(n => n.startsWith("errdocs-set-")).sort())`)
		if len(left) == 1 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if want := setNames(v2.build); strings.Join(left, " ") != strings.Join(want, " ") {
		t.Errorf("with no page of build one open, the sets are %q, want %q", left, want)
	}
}

func setNames(builds ...string) []string {
	var names []string
	for _, b := range builds {
		names = append(names, "errdocs-set-"+b)
	}
	if len(names) == 2 && names[0] > names[1] {
		names[0], names[1] = names[1], names[0]
	}
	return names
}

// closeTab closes a tab before its test ends.
func closeTab(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Cancel(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestWorkerCannotStart serves a site whose worker script is gone (404), as after a deploy that
// replaced it: the page must try a bounded number of times, with waits between, then say the
// engine could not start and offer a reload, which works once the site is whole again.
func TestWorkerCannotStart(t *testing.T) {
	need(t)
	v := buildVersion(t, "one", nil)
	workerJS := regexp.MustCompile(`^/assets/worker\.[0-9a-f]+\.js$`)
	gone := regexp.MustCompile(`^/assets/(worker|wasm_exec)\.[0-9a-f]+\.js$|^/sw\.js$`)
	// 1 start and 4 more after 0.5, 1, 2 and 4 s.
	const attempts, waited = 5, 7 * time.Second

	t.Run("cold", func(t *testing.T) {
		h := newHost(v)
		h.setMissing(gone)
		s := httptestServer(t, h)
		ctx := tabAllowing(t, networkErrors)
		t0 := time.Now()
		do(t, ctx, chromedp.Navigate(s+"/playground/"))
		if st := eval[string](t, ctx, engineStateJS); st != "failed" {
			t.Fatalf("engine %s, want failed", st)
		}
		took := time.Since(t0)
		checkGaveUp(t, ctx, h, workerJS, attempts, took, waited)
		png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#playground")))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(screenshotDir(t), "playground-engine-failed.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}

		h.setMissing(regexp.MustCompile(`^/sw\.js$`))
		eval[bool](t, ctx, `window.__beforeReload = true`)
		do(t, ctx, chromedp.Click(chromedp.CSS("button.pg-reload")))
		st := "old page"
		for i := 0; i < 100 && st == "old page"; i++ {
			time.Sleep(50 * time.Millisecond)
			// While the page is replaced, the evaluation may fail: try again.
			st, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`window.__beforeReload ? "old page" : `+engineStateJS, chromedp.EvalAwaitPromise))
		}
		if st != "ready" {
			t.Fatalf("after Reload with the site whole again: engine %q", st)
		}
	})

	t.Run("after it ran", func(t *testing.T) {
		h := newHost(v)
		h.setMissing(regexp.MustCompile(`^/sw\.js$`))
		s := httptestServer(t, h)
		ctx := tabAllowing(t, networkErrors)
		do(t, ctx, chromedp.Navigate(s+"/playground/"))
		if st := eval[string](t, ctx, engineStateJS); st != "ready" {
			t.Fatalf("engine %s, want ready", st)
		}
		// A deploy removes the files, and the browser no longer has them; then the Go program
		// exits, so the page needs a new worker.
		h.setMissing(gone)
		if _, err := chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
			t.Fatal(err)
		}
		before := h.count(workerJS)
		t0 := time.Now()
		eval[string](t, ctx, `errdocs.explain("errdocs-test: exit\n").then(() => "")`)
		if st := eval[string](t, ctx, `(async () => {
  const r = document.getElementById("playground");
  for (let i = 0; i < 3000 && r.dataset.engine !== "failed"; i++) await new Promise(x => setTimeout(x, 10));
  return r.dataset.engine;
})()`); st != "failed" {
			t.Fatalf("engine %s after %d requests for the worker, want failed", st, h.count(workerJS)-before)
		}
		checkGaveUp(t, ctx, h, workerJS, before+attempts, time.Since(t0), waited)
		msg := eval[string](t, ctx, `errdocs.explain("HTTP/1.1 502 Bad Gateway\n\n").then(() => "answered", e => e.message)`)
		if !strings.Contains(msg, "the engine could not start") {
			t.Errorf("a paste after the engine gave up: %q", msg)
		}
	})
}

// checkGaveUp checks the page asked for the worker script want times in all, waited between
// tries, asks no more, and says the engine could not start, with a Reload button.
func checkGaveUp(t *testing.T, ctx context.Context, h *host, workerJS *regexp.Regexp, want int, took, waited time.Duration) {
	t.Helper()
	if n := h.count(workerJS); n != want {
		t.Errorf("the worker script was requested %d times, want %d", n, want)
	}
	// A lower bound only: the page's own timers make it, and a slow machine only adds to it.
	t.Logf("the page gave up after %v (its waits add up to %v)", took, waited)
	if took < waited {
		t.Errorf("the page gave up after %v: it did not wait between tries", took)
	}
	time.Sleep(2 * time.Second)
	if n := h.count(workerJS); n != want {
		t.Errorf("%d requests for the worker script after the page gave up", n-want)
	}
	status := eval[string](t, ctx, `document.getElementById("pg-status").textContent`)
	if !strings.HasPrefix(status, "The engine could not start: ") {
		t.Errorf("status %q", status)
	}
	button := eval[string](t, ctx, `(() => { const b = document.querySelector("#playground button.pg-reload"); return b && b.offsetParent ? b.textContent : ""; })()`)
	if button != "Reload" {
		t.Errorf("no Reload button shown (found %q)", button)
	}
}
