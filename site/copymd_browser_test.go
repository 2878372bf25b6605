package site

import (
	"context"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// grantClipboard lets the served site write and read the clipboard, as a reader's browser does
// once it allows the page to.
func grantClipboard() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			_, err := cdp.Call(ctx, t, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
				Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: cdpbrowser.PermissionSettingGranted,
				Origin: shipped.origin})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// TestBrowserCopyMarkdown presses "Copy as Markdown" on a code page from the keyboard and reads
// the clipboard: it holds the page's Markdown twin, and the page says it copied.
func TestBrowserCopyMarkdown(t *testing.T) {
	ctx := openSite(t)
	var docs string
	for _, a := range shipped.cat.APIs {
		for _, e := range a.Errors {
			if docs == "" && e.Status == 429 {
				docs = e.Docs
			}
		}
	}
	twin, ok := shipped.site.File(strings.TrimPrefix(docs, "/") + "index.md")
	if !ok {
		t.Fatalf("no Markdown twin of %s", docs)
	}
	err := chromedp.Do(ctx, grantClipboard(), chromedp.Navigate(siteURL(docs)), settle(),
		chromedp.Focus(".copy-md"), chromedp.KeyEvent(kb.Enter))
	if err != nil {
		t.Fatal(err)
	}
	label, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const b = document.querySelector(".copy-md"); return b.textContent !== "Copy as Markdown" && b.textContent; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if label != "Copied" {
		t.Fatalf("the button says %q", label)
	}
	said, _ := chromedp.Run(ctx, chromedp.Poll[string](`document.getElementById("live").textContent`))
	if said != "Copied this page as Markdown" {
		t.Errorf("the live region says %q", said)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got != string(twin) {
		t.Errorf("the clipboard holds %d bytes, not the page's Markdown twin (%d bytes):\n%.300s", len(got), len(twin), got)
	}
	if !strings.HasPrefix(got, "# ") || !strings.Contains(got, "- Retry: ") {
		t.Errorf("the copied Markdown:\n%.300s", got)
	}
}
