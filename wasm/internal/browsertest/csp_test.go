//go:build !js

package browsertest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/wasm/internal/playsite"
	"github.com/google/go-cmp/cmp"
)

// watchViolationsJS runs in every document a tab opens, before the page's own scripts: it keeps
// each securitypolicyviolation as "directive blocked-uri" in window.__violations.
const watchViolationsJS = `window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.effectiveDirective + " " + e.blockedURI);
}, true);`

// violationsJS waits up to a second for at least n violations (they arrive as tasks after the
// blocked thing) and returns them.
const violationsJS = `(async (n) => {
  for (let i = 0; i < 100 && window.__violations.length < n; i++) await new Promise((r) => setTimeout(r, 10));
  return window.__violations;
})`

// watchViolations makes every document ctx loads from now on record its violations.
func watchViolations(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: watchViolationsJS})
		return err
	}))
}

var metaPolicyRE = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy"[^>]*>`)

// TestCSPPlainServer serves the built site from a folder through http.FileServer, as GitHub
// Pages, S3 or "python -m http.server" would: no _headers, so no Content-Security-Policy header.
// The policy in each page's <meta> tag must hold on its own. An error page with script injected
// into it (as a content bug that slipped past escaping would) must not run that script, and the
// browser must report the violation; the same page without the <meta> tag does run it, which
// shows the tag is what stops it. The playground must still start its worker and module, and
// explain a paste, with no violation at all.
func TestCSPPlainServer(t *testing.T) {
	need(t)
	out, err := playsite.Build(playsite.Options{Root: root, ModuleDir: moduleDir})
	if out == nil {
		t.Fatalf("build the site: %v", err)
	}
	dir := t.TempDir()
	for _, name := range out.Names() {
		data, _ := out.File(name)
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Two copies of an error page with script in its body: one as built, one without its
	// <meta> policy.
	errPage := strings.TrimPrefix(cat.APIs[0].Errors[0].Docs, "/") + "index.html"
	built, ok := out.File(errPage)
	if !ok {
		t.Fatalf("no %s", errPage)
	}
	if !metaPolicyRE.Match(built) {
		t.Fatalf("%s has no <meta> policy", errPage)
	}
	const inline = `<script>window.__injected = true;</script>`
	injected := strings.Replace(string(built), "</main>",
		inline+`<script src="https://evil.example/x.js"></script><p id="injected-style" style="color: rgb(255, 0, 0)">x</p></main>`, 1)
	control := strings.Replace(metaPolicyRE.ReplaceAllString(string(built), ""), "</main>", inline+"</main>", 1)
	for name, data := range map[string]string{"csp-injected/index.html": injected, "csp-control/index.html": control} {
		full := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	plain := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer plain.Close()

	t.Run("no policy header", func(t *testing.T) {
		for _, p := range []string{"/playground/", "/" + errPage} {
			res, err := http.Get(plain.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != 200 || res.Header.Get("Content-Security-Policy") != "" {
				t.Fatalf("GET %s: %d, policy header %q; want 200 and none (the test needs a plain server)",
					p, res.StatusCode, res.Header.Get("Content-Security-Policy"))
			}
		}
	})

	t.Run("injected script is blocked", func(t *testing.T) {
		ctx := cspTab(t)
		watchViolations(t, ctx)
		do(t, ctx, chromedp.Navigate(plain.URL+"/csp-injected/"))
		got := eval[[]string](t, ctx, violationsJS+"(3)")
		if eval[bool](t, ctx, `window.__injected === true`) {
			t.Error("the injected inline script ran")
		}
		if c := eval[string](t, ctx, `getComputedStyle(document.getElementById("injected-style")).color`); c == "rgb(255, 0, 0)" {
			t.Error("the injected style attribute applied")
		}
		for _, want := range []string{"script-src-elem inline", "script-src-elem https://evil.example/x.js", "style-src-attr inline"} {
			if !slices.Contains(got, want) {
				t.Errorf("no violation %q; got %q", want, got)
			}
		}
	})

	t.Run("the same page without the meta tag runs it", func(t *testing.T) {
		ctx := cspTab(t)
		watchViolations(t, ctx)
		do(t, ctx, chromedp.Navigate(plain.URL+"/csp-control/"))
		if !eval[bool](t, ctx, `window.__injected === true`) {
			t.Error("the inline script did not run without the policy: the test proves nothing")
		}
		if got := eval[[]string](t, ctx, violationsJS+"(0)"); len(got) > 0 {
			t.Errorf("violations without a policy: %q", got)
		}
	})

	t.Run("playground", func(t *testing.T) {
		ctx := tab(t) // any console error, a blocked resource among them, fails the test
		watchViolations(t, ctx)
		do(t, ctx, chromedp.Navigate(plain.URL+"/playground/"))
		if !eval[bool](t, ctx, `window.errdocs.ready.then(() => true)`) {
			t.Fatal("engine not ready")
		}
		if p := eval[string](t, ctx, `document.querySelector('meta[http-equiv="Content-Security-Policy"]').content`); !strings.Contains(p, "script-src 'self' 'wasm-unsafe-eval'") {
			t.Fatalf("the page's policy is %q", p)
		}
		paste := "HTTP/1.1 429 Too Many Requests\nRetry-After: 30\nContent-Type: application/json\n\n" +
			`{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded","statusCode":429}}`
		sent := eval[string](t, ctx, playsite.PasteJS+"("+jsString(paste)+")")
		var got shown
		if err := json.Unmarshal(eval[[]byte](t, ctx, readVerdictJS), &got); err != nil {
			t.Fatal(err)
		}
		want := expect(engine.Explain(cat, sent))
		want.Elements = got.Elements
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("the panel differs from the verdict (-want +page):\n%s", diff)
		}
		if got.Code == nil || *got.Code != "RATE_LIMIT_EXCEEDED" {
			t.Fatalf("code %v, want RATE_LIMIT_EXCEEDED", got.Code)
		}
		if v := eval[[]string](t, ctx, violationsJS+"(0)"); len(v) > 0 {
			t.Errorf("the playground broke its own policy: %q", v)
		}
	})
}

// cspTab opens a tab for a page that breaks the policy on purpose. Unlike tab, it lets console
// errors through, but only the browser's reports of what the policy refused.
func cspTab(t *testing.T) context.Context {
	t.Helper()
	return tabAllowing(t, func(m chromedp.ConsoleMessage) bool {
		return strings.Contains(m.Text, "Content Security Policy")
	})
}
