//go:build !js

package testkit

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is the one headless Chromium of a test binary. Its zero value is ready: the browser
// starts when a test first asks for a tab, with a fresh profile in a temporary folder, and
// every test gets its own tab. TestMain closes it:
//
//	var browser testkit.Browser
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		browser.Close()
//		os.Exit(code)
//	}
//
//	func TestPage(t *testing.T) {
//		ctx := browser.Tab(t)
//		...
//	}
//
// It runs Debian's chromium (the chromium package; build.sh installs it). When chromium is
// missing, a test that asks for a tab skips, unless the CI variable is set: then it fails,
// so that CI never passes without the browser tests.
type Browser struct {
	once   sync.Once
	err    error
	ctx    context.Context
	cancel func()
}

// ChromiumPath returns the path of Debian's chromium, or "" when it is not installed.
func ChromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// NeedChromium skips t when chromium is missing and CI is unset, and fails it when chromium is
// missing and CI is set. A test calls it before costly setup that only a browser needs;
// [Browser.Tab] calls it too.
func NeedChromium(t testing.TB) {
	t.Helper()
	if ChromiumPath() != "" {
		return
	}
	if os.Getenv("CI") == "" {
		t.Skip("chromium is not installed (apt-get install chromium); CI runs this test")
	}
	t.Fatal("chromium is not installed, and CI needs the browser tests (build.sh installs it)")
}

// start launches the browser, once.
func (b *Browser) start() error {
	b.once.Do(func() {
		dir, err := os.MkdirTemp("", "errdocs-chromium-")
		if err != nil {
			b.err = err
			return
		}
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(ChromiumPath()),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-extensions", true),
			// /dev/shm is small in containers; Chromium crashes tabs when it fills.
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.UserDataDir(dir),
			chromedp.WindowSize(1280, 900),
		)
		ctx, cancelCtx := chromedp.NewContext(actx)
		b.ctx = ctx
		b.cancel = func() { cancelCtx(); cancelAlloc(); os.RemoveAll(dir) }
		if err := chromedp.Do(ctx); err != nil {
			b.err = fmt.Errorf("start chromium: %w", err)
		}
	})
	return b.err
}

// Close stops the browser, if it started, and removes its profile.
func (b *Browser) Close() {
	if b.cancel != nil {
		b.cancel()
	}
}

// TabOptions say which console messages fail a tab's test.
type TabOptions struct {
	// Allow lets console errors through for which it returns true (a test of a failing host
	// expects its failed requests in the log). Uncaught exceptions always fail.
	Allow func(chromedp.ConsoleMessage) bool
	// Warnings makes console warnings fail the test too.
	Warnings bool
}

// Tab opens a tab for t and closes it when t ends. Any console error or uncaught exception in
// the tab fails t, named with the script and line it came from.
func (b *Browser) Tab(t testing.TB) context.Context {
	t.Helper()
	return b.TabWith(t, TabOptions{})
}

// TabWith is Tab, with opts saying which console messages fail t.
func (b *Browser) TabWith(t testing.TB, opts TabOptions) context.Context {
	t.Helper()
	NeedChromium(t)
	if err := b.start(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := chromedp.NewContext(b.ctx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatal(err)
	}
	var mu sync.Mutex
	var bad []string
	msgs := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			fails := m.IsException() ||
				m.Type == chromedp.ConsoleError && (opts.Allow == nil || !opts.Allow(m)) ||
				m.Type == chromedp.ConsoleWarning && opts.Warnings
			if fails {
				mu.Lock()
				bad = append(bad, fmt.Sprintf("%s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1))
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		time.Sleep(50 * time.Millisecond) // let the last messages arrive
		cancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, m := range bad {
			t.Errorf("console: %s", m)
		}
	})
	return ctx
}
