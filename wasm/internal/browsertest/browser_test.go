//go:build !js

// Package browsertest tests the playground in a real browser: Debian's chromium, headless, driven
// by chromedp through testkit.Browser. One browser serves every test; each test opens its own tab. The module is built
// with the errdocs_testhooks tag, so one magic paste makes the engine's caller panic.
//
// The tests skip only when chromium is missing and CI is unset. Screenshots go to
// $ERRDOCS_SCREENSHOTS, or to testdata/screenshots (not committed).
package browsertest

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/internal/testkit"
	"github.com/errdocs/errdocs/wasm/internal/playsite"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var (
	root      string
	srv       *httptest.Server
	browser   testkit.Browser
	cat       *catalog.Catalog
	moduleDir string // the test build of the module
)

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	var err error
	if root, err = playsite.Root(); err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	if testkit.ChromiumPath() == "" {
		// Without a browser, building the module and the site is wasted: the tests that need
		// them skip, or fail when CI is set (testkit.NeedChromium).
		return m.Run()
	}
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	s, err := load.Content(content.FS)
	if err != nil {
		return fail(err)
	}
	cat = s.Catalog
	dir, err := os.MkdirTemp("", "errdocs-browsertest-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(dir)
	modDir := filepath.Join(dir, "module")
	os.Mkdir(modDir, 0o755)
	if _, err := playsite.BuildModule(root, modDir, "errdocs_testhooks"); err != nil {
		return fail(err)
	}
	moduleDir = modDir
	out, err := playsite.Build(playsite.Options{Root: root, ModuleDir: modDir, Gzip: true})
	if out == nil {
		return fail(fmt.Errorf("build the site: %w", err))
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "browsertest: the site has content errors (the site's tests report them); testing the playground anyway:\n%v\n", err)
	}
	srv = httptest.NewServer(playsite.Handler(out))
	defer srv.Close()
	defer browser.Close()
	return m.Run()
}

// need skips t when chromium is missing (and fails it in CI): for a test that needs the
// browser and the built site before it opens a tab.
func need(t *testing.T) {
	t.Helper()
	testkit.NeedChromium(t)
}

// tab opens a new tab and fails the test on any console error or uncaught exception in it.
func tab(t *testing.T) context.Context {
	t.Helper()
	return browser.Tab(t)
}

// tabAllowing is tab, except that console errors for which allowed returns true pass (a test of a
// failing host expects its failed requests in the log). Uncaught exceptions always fail.
func tabAllowing(t *testing.T, allowed func(chromedp.ConsoleMessage) bool) context.Context {
	t.Helper()
	return browser.TabWith(t, testkit.TabOptions{Allow: allowed})
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %.120s: %v", expr, err)
	}
	return v
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// browserText is the text a browser holds for s: each byte of invalid UTF-8 becomes U+FFFD, as
// JSON encoding on the way in does.
func browserText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r)
		i += n
	}
	return b.String()
}

// openPlayground navigates to the playground (with an optional #fragment) and waits for the
// engine.
func openPlayground(t *testing.T, ctx context.Context, frag string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(srv.URL+"/playground/"+frag))
	if !eval[bool](t, ctx, `window.errdocs.ready.then(() => true)`) {
		t.Fatal("engine not ready")
	}
}

// cli is the JSON "errdocs explain --json" prints for v.
func cli(t *testing.T, v *engine.Verdict) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

type golden struct{ name, paste string }

func goldens(t *testing.T) []golden {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, "engine", "testdata", "explain", "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	var out []golden
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range ar.Files {
			if file.Name == "paste" {
				out = append(out, golden{strings.TrimSuffix(filepath.Base(f), ".txtar"), string(file.Data)})
			}
		}
	}
	// The presets' cases too, which the shipped catalog reads through the presets alone: they
	// show a category, a sub-code and the API's own doc link.
	presets, _ := filepath.Glob(filepath.Join(root, "engine", "testdata", "apis", "*", "cases.txtar"))
	for _, f := range presets {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range ar.Files {
			if name, ok := strings.CutSuffix(file.Name, ".paste"); ok {
				out = append(out, golden{filepath.Base(filepath.Dir(f)) + "-" + name, string(file.Data)})
			}
		}
	}
	return out
}

// shown is what the verdict panel shows, read off the page.
type shown struct {
	Status      *string  `json:"status"`
	Code        *string  `json:"code"`
	CodeHref    *string  `json:"codeHref"`
	Title       string   `json:"title"`
	API         string   `json:"api"`
	Dialect     string   `json:"dialect"`
	Confidence  string   `json:"confidence"`
	Category    *string  `json:"category"`
	SubCode     *string  `json:"subCode"`
	DocURL      *string  `json:"docURL"`
	Message     *string  `json:"message"`
	Meaning     []string `json:"meaning"`
	Cause       *string  `json:"cause"`
	Fix         []string `json:"fix"`
	RetryPlan   *string  `json:"retryPlan"`
	RetryDetail *string  `json:"retryDetail"`
	RequestID   *string  `json:"requestID"`
	Fields      []field  `json:"fields"`
	Problems    []string `json:"problems"`
	Docs        *string  `json:"docs"`
	Banner      []string `json:"banner"`
	Operation   *string  `json:"operation"`
	Predicted   *string  `json:"predicted"`
	Fixed       *string  `json:"fixed"`
	Elements    []string `json:"elements"`
}

type field struct {
	Path    string  `json:"path"`
	Message string  `json:"message"`
	Line    int     `json:"line"`
	Hint    *string `json:"hint"`
}

const readVerdictJS = `(() => {
  const out = document.querySelector("#pg-verdict, .paste-box-out");
  const one = (k) => { const e = out.querySelector('[data-v="' + k + '"]'); return e ? e.textContent : null; };
  const attr = (k, a) => { const e = out.querySelector('[data-v="' + k + '"]'); return e && e.hasAttribute(a) ? e.getAttribute(a) : null; };
  const texts = (sel) => Array.from(out.querySelectorAll(sel), e => e.textContent);
  return {
    status: one("status"), code: one("code"), codeHref: attr("code", "href"), title: one("title") || "",
    api: one("api") || "", dialect: one("dialect") || "", confidence: one("confidence") || "", message: one("message"),
    category: one("category"), subCode: one("sub-code"), docURL: (e => e ? e.getAttribute("href") : null)(out.querySelector('[data-v="doc-url"] a')),
    meaning: texts('[data-v="meaning"] p'), cause: one("cause"), fix: texts('[data-v="fix"] li'),
    retryPlan: one("retry-plan"), retryDetail: one("retry-detail"), requestID: one("request_id"),
    fields: Array.from(out.querySelectorAll('[data-v="fields"] > li'), li => {
      const h = li.querySelector('[data-v="field-hint"]'), b = li.querySelector("[data-line]");
      return {path: li.querySelector('[data-v="field-path"]').textContent, message: li.querySelector('[data-v="field-message"]').textContent,
        line: b ? +b.dataset.line : 0, hint: h ? h.textContent : null};
    }),
    problems: texts('[data-v="problem"]'), docs: attr("docs", "href"),
    operation: one("operation"),
    predicted: out.querySelector('[data-v="predicted"]') ? [one("predicted-status"), one("predicted-code") || "", one("predicted-text") || ""].join("|") : null,
    fixed: one("fixed-request"),
    banner: Array.from(document.querySelectorAll("#pg-banner:not([hidden]) #pg-banner-list li"), e => e.textContent),
    elements: Array.from(new Set(Array.from(out.querySelectorAll("*"), e => e.localName))).sort(),
  };
})()`

var ticks = regexp.MustCompile("`([^`\n]+)`")

// plain is text as the panel shows it: `code` spans lose their backticks.
func plain(s string) string { return ticks.ReplaceAllString(s, "$1") }

func paragraphs(s string) []string {
	var out []string
	for _, p := range regexp.MustCompile(`\n\s*\n`).Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, plain(p))
		}
	}
	return out
}

func ptr(s string) *string { return &s }

// expect is what the panel must show for v.
func expect(v *engine.Verdict) shown {
	s := shown{Title: v.Title, Dialect: v.Dialect, Confidence: v.Confidence, Fix: []string{}, Meaning: []string{}, Banner: []string{},
		Fields: []field{}, Problems: []string{}}
	if v.Status != 0 {
		s.Status = ptr(catalog.StatusText(v.Status))
	}
	if v.Code != "" {
		s.Code = ptr(v.Code)
		if v.Known && strings.HasPrefix(v.Docs, "/") {
			s.CodeHref = ptr(v.Docs)
		}
	}
	if s.Title == "" {
		s.Title = "No error recognised"
		if v.Input == "request" {
			s.Title = "A request"
		}
	}
	if v.Category != "" {
		s.Category = ptr(v.Category)
	}
	if v.SubCode != "" {
		s.SubCode = ptr(v.SubCode)
	}
	if v.DocURL != "" {
		s.DocURL = ptr(v.DocURL)
	}
	s.API = "Not recognised"
	if a := cat.API(v.API); a != nil {
		s.API = a.Name
	} else if v.API != "" {
		s.API = v.API
	}
	if s.Dialect == "" {
		s.Dialect = "none"
	}
	if v.Message != "" {
		s.Message = ptr(v.Message)
	}
	s.Meaning = append(s.Meaning, paragraphs(v.Meaning)...)
	if v.Cause != "" {
		s.Cause = ptr(plain(v.Cause))
	}
	for _, f := range v.Fix {
		s.Fix = append(s.Fix, plain(f))
	}
	if v.Input == "response" || v.Retry.Detail != "" {
		s.RetryPlan = ptr(v.Retry.Plan)
		if v.Retry.Detail != "" {
			s.RetryDetail = ptr(plain(v.Retry.Detail))
		}
	}
	if v.RequestID != "" {
		s.RequestID = ptr(v.RequestID)
	}
	for _, f := range v.Fields {
		sf := field{Path: f.Path, Message: f.Message, Line: f.Line}
		if sf.Path == "" {
			sf.Path = "(body)"
		}
		if f.Hint != "" {
			sf.Hint = ptr(plain(f.Hint))
		}
		s.Fields = append(s.Fields, sf)
	}
	for _, p := range v.Problems {
		s.Problems = append(s.Problems, plain(p.Message))
	}
	if strings.HasPrefix(v.Docs, "/") {
		s.Docs = ptr(v.Docs)
	}
	if v.Operation != "" {
		s.Operation = ptr(v.Operation)
	}
	if p := v.Predicted; p != nil {
		s.Predicted = ptr(catalog.StatusText(p.Status) + "|" + p.Code + "|" + p.Text)
	}
	if v.FixedRequest != "" {
		s.Fixed = ptr(v.FixedRequest)
	}
	seen := map[string]bool{}
	for _, r := range v.Redacted {
		if !seen[r] {
			seen[r] = true
			s.Banner = append(s.Banner, r)
		}
	}
	return s
}

// TestGolden pastes every golden case of the engine into the playground. The page must draw
// the verdict the CLI gives for the same text, and window.errdocs must return the CLI's JSON.
func TestGolden(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	for _, g := range goldens(t) {
		t.Run(g.name, func(t *testing.T) {
			text := browserText(g.paste)
			// The API: exactly the CLI's bytes. A wait computed from an HTTP date can tick
			// between calls, so the engine runs before and after.
			before := cli(t, engine.Explain(cat, text))
			got := eval[string](t, ctx, "errdocs.explainJSON("+jsString(text)+")")
			after := cli(t, engine.Explain(cat, text))
			if got != before && got != after {
				t.Fatalf("errdocs.explainJSON differs from the CLI (-cli +browser):\n%s", cmp.Diff(before, got))
			}
			var val, want any
			json.Unmarshal([]byte(eval[[]byte](t, ctx, "errdocs.explain("+jsString(text)+")")), &val)
			json.Unmarshal([]byte(before), &want)
			if !cmp.Equal(val, want) {
				json.Unmarshal([]byte(after), &want)
				if diff := cmp.Diff(want, val); diff != "" {
					t.Fatalf("errdocs.explain differs from the CLI (-cli +browser):\n%s", diff)
				}
			}

			// The page: paste it and read the panel.
			sent := eval[string](t, ctx, playsite.PasteJS+"("+jsString(text)+")")
			v := engine.Explain(cat, sent)
			var page shown
			if err := json.Unmarshal(eval[[]byte](t, ctx, readVerdictJS), &page); err != nil {
				t.Fatal(err)
			}
			want2 := expect(v)
			want2.Elements = page.Elements
			if diff := cmp.Diff(want2, page); diff != "" {
				v2 := engine.Explain(cat, sent) // the clock may have ticked
				want3 := expect(v2)
				want3.Elements = page.Elements
				if cmp.Diff(want3, page) != "" {
					t.Fatalf("the panel differs from the verdict (-want +page):\n%s", diff)
				}
			}
			// The paste area shows the masked paste.
			masked, _ := engine.Redact(cat, sent)
			if area := eval[string](t, ctx, `document.getElementById("pg-paste").value`); area != masked {
				t.Fatalf("the paste area holds %q, want the masked paste %q", clip(area), clip(masked))
			}
		})
	}
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// decodeFragment undoes base64url and raw DEFLATE.
func decodeFragment(t *testing.T, frag string) string {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(frag)
	if err != nil {
		t.Fatalf("fragment is not base64url: %v", err)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(flate.NewReader(bytes.NewReader(raw))); err != nil {
		t.Fatalf("fragment is not raw DEFLATE: %v", err)
	}
	return b.String()
}

// encodeFragment makes a #share= fragment from a state, as a hostile link could.
func encodeFragment(t *testing.T, state any) string {
	t.Helper()
	data, _ := json.Marshal(state)
	return encodeRaw(t, data)
}

// TestXSS puts script, img and javascript: payloads in messages, field paths, codes and share
// links: every one must show as text, and nothing may run.
func TestXSS(t *testing.T) {
	ctx := tab(t)
	var dialogs sync.Map
	if err := chromedp.Listen(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs.Store(d.Message, true)
		}
	}); err != nil {
		t.Fatal(err)
	}
	openPlayground(t, ctx, "")
	payloads := []string{
		`<script>window.__xss=1</script>`,
		`<img src=x onerror="window.__xss=2">`,
		`javascript:window.__xss=3`,
		`"><svg onload="window.__xss=4">`,
	}
	body := fmt.Sprintf(`{"success":false,"error":{"code":"VALIDATION_ERROR","message":%s,"statusCode":422,"requestId":%s,"errors":[{"field":%s,"message":%s,"code":"x"},{"field":%s,"message":"m","code":"y"}]}}`,
		jsString(payloads[1]), jsString(payloads[3]), jsString(payloads[0]), jsString(payloads[2]), jsString(payloads[2]))
	paste := "HTTP/1.1 422 Unprocessable Entity\nContent-Type: application/json\n\n" + body + "\n"
	eval[string](t, ctx, playsite.PasteJS+"("+jsString(paste)+")")
	var got shown
	json.Unmarshal(eval[[]byte](t, ctx, readVerdictJS), &got)
	checkInert(t, ctx, got)
	text := eval[string](t, ctx, `document.getElementById("pg-verdict").textContent`)
	for _, p := range payloads[:3] {
		if !strings.Contains(text, p) {
			t.Errorf("payload %q is not shown as text", p)
		}
	}

	// A hostile verdict-only share link: payloads in every string it can hold. The engine
	// rebuilds the verdict from the catalog, and the payloads show as text.
	share := map[string]any{"input": "response", "api": "<b>plunk</b>", "dialect": payloads[0], "status": 422,
		"code": payloads[1], "operation": payloads[3], "fields": []any{payloads[0], payloads[2]}}
	frag := encodeFragment(t, map[string]any{"v": 2, "mode": "verdict", "verdict": share})
	do(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/playground/#share="+frag))
	waitRun(t, ctx)
	json.Unmarshal(eval[[]byte](t, ctx, readVerdictJS), &got)
	checkInert(t, ctx, got)
	if got.Code == nil || *got.Code != payloads[1] {
		t.Errorf("the shared code is not shown as text: %v", got.Code)
	}
	dialogs.Range(func(k, _ any) bool {
		t.Errorf("a dialog opened: %v", k)
		return true
	})
}

// checkInert fails when the panel holds an element the renderer never makes, an attribute
// that runs code, or a link that leaves the site, or when a payload ran.
func checkInert(t *testing.T, ctx context.Context, got shown) {
	t.Helper()
	allowed := map[string]bool{"a": true, "button": true, "code": true, "dd": true, "div": true, "dl": true, "dt": true,
		"h3": true, "h4": true, "li": true, "ol": true, "p": true, "section": true, "span": true, "ul": true}
	for _, e := range got.Elements {
		if !allowed[e] {
			t.Errorf("the panel holds a <%s> element", e)
		}
	}
	bad := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#playground *"), e =>
  Array.from(e.attributes).filter(a => /^on/i.test(a.name) || (a.name === "href" && !/^\/(?!\/)/.test(a.value))).map(a => e.localName + " " + a.name + "=" + a.value)).flat()`)
	for _, b := range bad {
		t.Errorf("unsafe attribute: %s", b)
	}
	if x := eval[any](t, ctx, `window.__xss === undefined ? null : window.__xss`); x != nil {
		t.Errorf("a payload ran: window.__xss = %v", x)
	}
}

// TestPanic sends the magic paste that makes the module panic (test builds only): the page
// shows an error verdict and the next paste gets its verdict.
func TestPanic(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	var v engine.Verdict
	json.Unmarshal(eval[[]byte](t, ctx, `errdocs.explain("errdocs-test: panic\n")`), &v)
	if len(v.Problems) != 1 || !strings.Contains(v.Problems[0].Message, "deliberate panic") || v.Problems[0].Severity != "error" {
		t.Fatalf("verdict for the panic: %+v", v)
	}
	eval[string](t, ctx, playsite.PasteJS+`("errdocs-test: panic\n")`)
	var got shown
	json.Unmarshal(eval[[]byte](t, ctx, readVerdictJS), &got)
	if len(got.Problems) != 1 || !strings.Contains(got.Problems[0], "errdocs failed on this paste") {
		t.Fatalf("the panel after a panic shows problems %q", got.Problems)
	}
	paste := "HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n\n"
	sent := eval[string](t, ctx, playsite.PasteJS+"("+jsString(paste)+")")
	json.Unmarshal(eval[[]byte](t, ctx, readVerdictJS), &got)
	want := expect(engine.Explain(cat, sent))
	want.Elements = got.Elements
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("the paste after the panic (-want +page):\n%s", diff)
	}
	if got.RetryPlan == nil || *got.RetryPlan != "Retry in 30 s" {
		t.Fatalf("retry plan %v, want Retry in 30 s", got.RetryPlan)
	}
}

// TestCSP checks the playground and an error page are served with a policy that allows nothing
// beyond 'self' and 'wasm-unsafe-eval', and hold nothing that policy would block: no inline
// script, event handler or style attribute. (Every browser test runs under this policy, so a
// violation would also show as a console error.)
func TestCSP(t *testing.T) {
	need(t)
	var errPage string
	for _, e := range cat.APIs[0].Errors {
		errPage = e.Docs
		break
	}
	for _, p := range []string{"/playground/", errPage} {
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		csp := res.Header.Get("Content-Security-Policy")
		for _, want := range []string{"script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: policy %q lacks %q", p, csp, want)
			}
		}
		if strings.Contains(csp, "'unsafe-eval'") || strings.Contains(csp, "'unsafe-inline'") {
			t.Errorf("%s: policy %q allows unsafe code", p, csp)
		}
		html := string(body)
		for _, m := range regexp.MustCompile(`(?i)<script\b[^>]*>`).FindAllString(html, -1) {
			if !strings.Contains(m, " src=") {
				t.Errorf("%s: inline script %s", p, m)
			}
		}
		if m := regexp.MustCompile(`(?i)\s(on[a-z]+|style)=`).FindString(html); m != "" {
			t.Errorf("%s: attribute %q would be blocked", p, m)
		}
	}
}

// TestEngineExit stops the Go program inside the worker (test builds only): the page answers that
// paste with an error verdict, starts a new worker and answers the next paste.
func TestEngineExit(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	var v engine.Verdict
	json.Unmarshal(eval[[]byte](t, ctx, `errdocs.explain("errdocs-test: exit\n")`), &v)
	if len(v.Problems) != 1 || !strings.Contains(v.Problems[0].Message, "the engine stopped") {
		t.Fatalf("verdict when the engine exits: %+v", v)
	}
	eval[string](t, ctx, playsite.PasteJS+`("errdocs-test: exit\n")`)
	sent := eval[string](t, ctx, playsite.PasteJS+`("HTTP/1.1 502 Bad Gateway\n\n")`)
	var got shown
	json.Unmarshal(eval[[]byte](t, ctx, readVerdictJS), &got)
	want := expect(engine.Explain(cat, sent))
	want.Elements = got.Elements
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("the paste after the engine exited (-want +page):\n%s", diff)
	}
}

// TestLargePaste pastes 10 MB: the page must say it is working and stay responsive, and a
// newer paste must cancel the run and get its own verdict quickly.
func TestLargePaste(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	res := eval[map[string]any](t, ctx, `(async () => {
  const root = document.getElementById("playground");
  const ta = document.getElementById("pg-paste");
  const runs = () => +(root.dataset.runId || 0);
  const row = '{"email":"user@example.com","name":"Customer","data":{"plan":"pro","seats":7}},';
  const big = "HTTP/1.1 422 Unprocessable Entity\nContent-Type: application/json\n\n" +
    '{"success":false,"error":{"code":"VALIDATION_ERROR","message":"Request validation failed","statusCode":422,"errors":[{"field":"to","message":"Invalid email","code":"invalid_string"}],"details":{"received":[' +
    row.repeat(Math.ceil(10 * 1048576 / row.length)) + '{}]}}}\n';
  // paste pastes as a person does: a paste event with the text on the clipboard.
  const paste = (text) => {
    ta.focus();
    ta.select();
    const dt = new DataTransfer();
    dt.setData("text/plain", text);
    const ev = new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true});
    ta.dispatchEvent(ev);
    if (!ev.defaultPrevented) { // a small paste: the browser would insert it
      ta.dispatchEvent(new InputEvent("beforeinput", {inputType: "insertFromPaste", bubbles: true, cancelable: true}));
      ta.value = text;
      ta.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste", bubbles: true}));
    }
  };
  // watch runs a timer every 10 ms until done() and reports the longest stall.
  const watch = async (done, limit) => {
    let maxLag = 0, last = performance.now(), busy = false;
    const t0 = performance.now();
    while (!done() && performance.now() - t0 < limit) {
      await new Promise(r => setTimeout(r, 10));
      const now = performance.now();
      maxLag = Math.max(maxLag, now - last - 10);
      last = now;
      if (root.classList.contains("busy") && document.getElementById("pg-status").classList.contains("busy")) busy = true;
    }
    return {maxLag, busy, ms: performance.now() - t0};
  };
  // 1. The 10 MB paste alone.
  let before = runs();
  const tp = performance.now();
  paste(big);
  const pasteMs = performance.now() - tp;
  const preview = ta.value.length, note = !document.getElementById("pg-large").hidden;
  const alone = await watch(() => runs() > before && root.dataset.run === "done", 30000);
  const bigStatus = document.querySelector('#pg-verdict [data-v="status"]').textContent;
  // 2. The 10 MB paste again, and a small one 150 ms later: the small one wins.
  paste("HTTP/1.1 200 OK\n\n");
  await new Promise(r => setTimeout(r, 300));
  paste(big);
  await new Promise(r => setTimeout(r, 150));
  before = runs();
  const t1 = performance.now();
  paste("HTTP/1.1 503 Service Unavailable\n\n");
  const small = await watch(() => runs() > before && root.dataset.run === "done", 30000);
  await new Promise(r => setTimeout(r, 2500)); // long enough for the big run to have ended
  return {bytes: big.length, pasteMs, preview, note, bigMs: alone.ms, bigMaxLag: alone.maxLag, busy: alone.busy, bigStatus,
    smallMs: performance.now() - t1 - 2500, smallMaxLag: small.maxLag,
    status: document.querySelector('#pg-verdict [data-v="status"]').textContent};
})()`)
	t.Logf("10 MB paste: %v", res)
	if res["note"] != true || res["preview"].(float64) > 70<<10 {
		t.Errorf("the paste area holds %v characters of the 10 MB paste, and the note shows: %v", res["preview"], res["note"])
	}
	if ms := res["pasteMs"].(float64); ms > 250 {
		t.Errorf("handling the paste event took %.0f ms", ms)
	}
	if res["busy"] != true {
		t.Error("no busy state while the 10 MB paste ran")
	}
	if st := res["bigStatus"].(string); !strings.HasPrefix(st, "422") {
		t.Errorf("the 10 MB paste shows %q, want 422", st)
	}
	for _, k := range []string{"bigMaxLag", "smallMaxLag"} {
		if lag := res[k].(float64); lag > 250 {
			t.Errorf("%s: the page froze for %.0f ms", k, lag)
		}
	}
	if ms := res["smallMs"].(float64); ms > 3000 {
		t.Errorf("the newer paste took %.0f ms to answer", ms)
	}
	if st := res["status"].(string); !strings.HasPrefix(st, "503") {
		t.Errorf("after the newer paste the panel shows %q, want 503", st)
	}
}

// TestFieldHighlight clicks a field issue with the keyboard and checks its line is selected
// and marked in the paste area.
func TestFieldHighlight(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	paste := "HTTP/1.1 422 Unprocessable Entity\nContent-Type: application/json\n\n{\n  \"success\": false,\n  \"error\": {\n    \"code\": \"VALIDATION_ERROR\",\n    \"message\": \"Request validation failed\",\n    \"statusCode\": 422,\n    \"errors\": [\n      {\"field\": \"to\", \"message\": \"Invalid email\", \"code\": \"invalid_string\"}\n    ]\n  }\n}\n"
	sent := eval[string](t, ctx, playsite.PasteJS+"("+jsString(paste)+")")
	v := engine.Explain(cat, sent)
	if len(v.Fields) == 0 || v.Fields[0].Line == 0 {
		t.Fatalf("the engine found no field line: %+v", v.Fields)
	}
	eval[bool](t, ctx, `(document.querySelector('#pg-verdict [data-line]').focus(), true)`)
	do(t, ctx, chromedp.KeyEvent("\r"))
	line := eval[string](t, ctx, `document.getElementById("playground").dataset.markLine || ""`)
	if line != strconv.Itoa(v.Fields[0].Line) {
		t.Fatalf("marked line %q, want %d", line, v.Fields[0].Line)
	}
	sel := eval[string](t, ctx, `(() => { const ta = document.getElementById("pg-paste"); return ta.value.slice(ta.selectionStart, ta.selectionEnd); })()`)
	if want := strings.Split(sent, "\n")[v.Fields[0].Line-1]; sel != want {
		t.Fatalf("selected %q, want line %d %q", sel, v.Fields[0].Line, want)
	}
	if !eval[bool](t, ctx, `document.activeElement === document.getElementById("pg-paste")`) {
		t.Fatal("focus did not move to the paste area")
	}
}

// TestMaskKeepsPlace types into a long paste that holds a secret: masking the paste area for
// display leaves the caret and the scroll where the person left them.
func TestMaskKeepsPlace(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	var b strings.Builder
	b.WriteString("$ curl -i https://next-api.useplunk.com/v1/track \\\n  -H 'Authorization: Bearer sk_4f1a9c0b2e7d4a6f8b1c3d5e7f9a0b2c4d6e8f0a' \\\n  -d '{}'\nHTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n")
	for i := 0; i < 80; i++ {
		b.WriteString("\n")
	}
	b.WriteString(`{"success":false,"error":{"code":"INVALID_CREDENTIALS","message":"Invalid API key","statusCode":401}}` + "\n")
	text := b.String()
	got := eval[[]float64](t, ctx, `(async (text) => {
  const root = document.getElementById("playground"), ta = document.getElementById("pg-paste");
  const before = +(root.dataset.runId || 0);
  ta.focus();
  ta.value = text;
  const at = text.indexOf("HTTP/1.1");
  ta.setSelectionRange(at, at);
  ta.scrollTop = ta.scrollHeight;
  const top = ta.scrollTop;
  ta.dispatchEvent(new InputEvent("input", {inputType: "insertText", bubbles: true}));
  while (!(+(root.dataset.runId || 0) > before && root.dataset.run === "done")) await new Promise(r => setTimeout(r, 5));
  return [top, ta.scrollTop, ta.selectionStart, ta.value.indexOf("HTTP/1.1"), ta.value === text ? 1 : 0];
})(`+jsString(text)+`)`)
	if got[4] == 1 {
		t.Fatal("the paste area was not masked")
	}
	if got[0] == 0 || got[1] != got[0] {
		t.Errorf("scrollTop %v before masking, %v after", got[0], got[1])
	}
	if got[2] != got[3] {
		t.Errorf("the caret moved to %v; it was before HTTP/1.1, now at %v", got[2], got[3])
	}
}

// TestBadRequest pastes a request alone whose body breaks the schema: the page shows the
// predicted answer the CLI predicts, and clicking the field issue marks the request's line
// that holds the bad value.
func TestBadRequest(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	paste := "curl -X POST https://next-api.useplunk.com/v1/track \\\n" +
		"  -H 'Authorization: Bearer pk_0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071' \\\n" +
		"  -H 'Content-Type: application/json' \\\n" +
		"  -d '{\"event\": \"signed-up\",\n       \"email\": \"ada@example\"}'\n"
	sent := eval[string](t, ctx, playsite.PasteJS+"("+jsString(paste)+")")
	v := engine.Explain(cat, sent)
	if v.Input != "request" || v.Predicted == nil || len(v.Fields) == 0 || v.Fields[0].Line != 5 {
		t.Fatalf("the CLI's verdict is not the one this test is about: input %q, predicted %v, fields %+v", v.Input, v.Predicted, v.Fields)
	}
	shown := eval[string](t, ctx, `(() => { const e = document.querySelector('#pg-verdict [data-v="predicted-text"]'); return e ? e.textContent : ""; })()`)
	if shown != v.Predicted.Text {
		t.Errorf("predicted answer shown:\n%s\nCLI:\n%s", shown, v.Predicted.Text)
	}
	eval[bool](t, ctx, `(document.querySelector('#pg-verdict [data-line]').focus(), true)`)
	do(t, ctx, chromedp.KeyEvent("\r"))
	line := eval[string](t, ctx, `document.getElementById("playground").dataset.markLine || ""`)
	if line != strconv.Itoa(v.Fields[0].Line) {
		t.Fatalf("marked line %q, want the CLI's %d", line, v.Fields[0].Line)
	}
}

// TestExamplesAndDrop loads an example from the menu and drops a file on the editor.
func TestExamplesAndDrop(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	n := eval[int](t, ctx, `(async () => { const s = document.getElementById("pg-examples");
  for (let i = 0; i < 500 && s.disabled; i++) await new Promise(r => setTimeout(r, 10)); return s.options.length - 1; })()`)
	total := 0
	for _, a := range cat.APIs {
		for _, e := range a.Errors {
			total += len(e.Examples)
		}
	}
	if n != total {
		t.Fatalf("the menu has %d examples, the catalog %d", n, total)
	}
	code := eval[string](t, ctx, `(async () => { const root = document.getElementById("playground"), s = document.getElementById("pg-examples");
  const before = +(root.dataset.runId || 0);
  s.value = "3"; s.dispatchEvent(new Event("change", {bubbles: true}));
  while (!(+(root.dataset.runId || 0) > before && root.dataset.run === "done")) await new Promise(r => setTimeout(r, 5));
  const c = document.querySelector('#pg-verdict [data-v="code"]'); return c ? c.textContent : ""; })()`)
	var ex []catalog.Entry
	for _, a := range cat.APIs {
		for _, e := range a.Errors {
			for range e.Examples {
				ex = append(ex, *e)
			}
		}
	}
	if code != ex[3].Code {
		t.Fatalf("example 3 shows code %q, want %q", code, ex[3].Code)
	}
	status := eval[string](t, ctx, `(async () => { const root = document.getElementById("playground");
  const before = +(root.dataset.runId || 0);
  const dt = new DataTransfer();
  dt.items.add(new File(["HTTP/1.1 404 Not Found\n\n"], "response.txt", {type: "text/plain"}));
  document.getElementById("pg-editor").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
  while (!(+(root.dataset.runId || 0) > before && root.dataset.run === "done")) await new Promise(r => setTimeout(r, 5));
  return document.querySelector('#pg-verdict [data-v="status"]').textContent; })()`)
	if !strings.HasPrefix(status, "404") {
		t.Fatalf("dropped file: status %q", status)
	}
}

// TestModuleOnlyWhereUsed checks doc pages never load the module and an error page loads it only
// once its box is used, then explains what is pasted into it.
func TestModuleOnlyWhereUsed(t *testing.T) {
	ctx := tab(t)
	wasmLoaded := `performance.getEntriesByType("resource").some(e => /\/(worker|playground|wasm_exec|errdocs)\.[0-9a-f]+\.(js|wasm)$/.test(new URL(e.name).pathname))`
	for _, p := range []string{"/", "/plunk/", "/plunk/guides/retries/", "/search/"} {
		do(t, ctx, chromedp.Navigate(srv.URL+p))
		time.Sleep(100 * time.Millisecond)
		if eval[bool](t, ctx, wasmLoaded) {
			t.Errorf("%s loads the playground", p)
		}
	}
	var entry *catalog.Entry
	for _, e := range cat.APIs[0].Errors {
		if len(e.Examples) > 0 && e.Code != "" {
			entry = e
			break
		}
	}
	do(t, ctx, chromedp.Navigate(srv.URL+entry.Docs))
	time.Sleep(150 * time.Millisecond)
	if eval[bool](t, ctx, wasmLoaded) {
		t.Fatalf("%s loads the playground before its box is used", entry.Docs)
	}
	code := eval[string](t, ctx, `(async (text) => {
  const box = document.querySelector(".paste-box");
  const ta = box.querySelector("textarea");
  ta.focus();
  ta.value = text;
  ta.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste", bubbles: true}));
  for (let i = 0; i < 3000 && box.dataset.run !== "done"; i++) await new Promise(r => setTimeout(r, 10));
  const c = box.querySelector('[data-v="code"]');
  return c ? c.textContent : "(none)";
})(`+jsString(entry.Examples[0].Text)+`)`)
	if code != entry.Code {
		t.Fatalf("the box shows code %q for its page's example, want %q", code, entry.Code)
	}
	if !eval[bool](t, ctx, wasmLoaded) {
		t.Fatal("the module did not load when the box was used")
	}
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(".paste-box")))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(t), "paste-box-desktop-light.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// screenshotDir is where screenshots go: $ERRDOCS_SCREENSHOTS, or testdata/screenshots.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("ERRDOCS_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("testdata", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestOffline visits the playground once, stops the server and reloads: the service worker must
// serve the page, and the engine must still answer.
func TestOffline(t *testing.T) {
	ctx := tab(t)
	out, _ := playsite.Build(playsite.Options{Root: root, ModuleDir: moduleDir, Gzip: true})
	if out == nil {
		t.Fatal("the site did not build")
	}
	s2 := httptest.NewServer(playsite.Handler(out))
	do(t, ctx, chromedp.Navigate(s2.URL+"/playground/"))
	eval[bool](t, ctx, `window.errdocs.ready.then(() => true)`)
	state := eval[string](t, ctx, `(async () => { const r = document.getElementById("playground");
  for (let i = 0; i < 1000 && !r.dataset.offline; i++) await new Promise(x => setTimeout(x, 10)); return r.dataset.offline || ""; })()`)
	if state != "ready" {
		s2.Close()
		t.Fatalf("the service worker did not cache the playground: %q", state)
	}
	s2.Close()
	do(t, ctx, chromedp.Reload())
	eval[bool](t, ctx, `window.errdocs.ready.then(() => true)`)
	var v engine.Verdict
	json.Unmarshal(eval[[]byte](t, ctx, `errdocs.explain("HTTP/1.1 429 Too Many Requests\nRetry-After: 5\n\n")`), &v)
	if v.Status != 429 || v.Retry.AfterSeconds != 5 {
		t.Fatalf("offline verdict: %+v", v)
	}
}

// TestScreenshotRequest saves the playground with a pasted request: the operation, the answer
// the API would send and the fixed request.
func TestScreenshotRequest(t *testing.T) {
	var paste string
	for _, g := range goldens(t) {
		if g.name == "request-then-response-form-encoded" {
			paste = g.paste
		}
	}
	ctx := tab(t)
	openPlayground(t, ctx, "")
	eval[string](t, ctx, playsite.PasteJS+"("+jsString(paste)+")")
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#pg-verdict")))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(t), "verdict-request-desktop-light.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestScreenshots saves the playground with a verdict at desktop and phone widths, light and
// dark, for people to look at.
func TestScreenshots(t *testing.T) {
	dir := screenshotDir(t)
	var paste string
	for _, g := range goldens(t) {
		if g.name == "curl-i-transcript" {
			paste = g.paste
		}
	}
	for _, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 900}, {"375px", 375, 812}} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(size.name+"-"+scheme, func(t *testing.T) {
				ctx := tab(t)
				do(t, ctx, chromedp.EmulateViewport(size.w, size.h),
					chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
						_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
							Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
						return err
					}))
				openPlayground(t, ctx, "")
				eval[string](t, ctx, playsite.PasteJS+"("+jsString(paste)+")")
				// A field issue clicked: its line is marked.
				eval[bool](t, ctx, `(document.querySelector('#pg-verdict [data-line]').click(), document.activeElement.blur(), window.scrollTo(0, 0), true)`)
				time.Sleep(150 * time.Millisecond)
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				name := filepath.Join(dir, "playground-"+size.name+"-"+scheme+".png")
				if err := os.WriteFile(name, png, 0o644); err != nil {
					t.Fatal(err)
				}
				// Nothing may overflow the phone width.
				if w := eval[float64](t, ctx, `document.documentElement.scrollWidth`); w > float64(size.w)+1 {
					t.Errorf("the page is %.0f px wide at %d px", w, size.w)
				}
				t.Logf("wrote %s", name)
			})
		}
	}
}
