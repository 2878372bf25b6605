//go:build !js

package browsertest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/engine/triage"
	"github.com/errdocs/errdocs/internal/instant"
	"github.com/errdocs/errdocs/internal/testkit"
	"github.com/errdocs/errdocs/wasm/internal/playsite"
)

// TestTriageHAR drops a HAR file on the playground and checks what the page shows against what
// errdocs explain --json says of it: the groups' table row by row, the verdict shown (the most
// frequent group's), the worker's progress, and the timeline (one focusable, labelled bar per
// stretch of time; Enter on a bar shows its group). It saves screenshots in light and dark.
func TestTriageHAR(t *testing.T) {
	a := testkit.ReadTxtar(t, "../../../engine/triage/testdata/har-devtools.txtar")
	har, _ := a.Section("paste")
	want := triage.Explain(cat, har, engine.Options{Now: func() instant.Time { return instant.Unix(0, time.Now().UnixNano()) }})
	if want.Exchanges == nil {
		t.Fatal("the CLI reads the HAR as one exchange")
	}
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			ctx := tab(t)
			do(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
				return err
			}))
			openPlayground(t, ctx, "")
			type page struct {
				Rows     [][]string `json:"rows"`
				Code     string     `json:"code"`
				Bars     int        `json:"bars"`
				Labelled int        `json:"labelled"`
				Progress []string   `json:"progress"`
				API      string     `json:"api"`
			}
			got := eval[page](t, ctx, `(async () => {
  const root = document.getElementById("playground"), status = document.getElementById("pg-status");
  const progress = [];
  new MutationObserver(() => { if (/^(Reading|Explaining) /.test(status.textContent)) progress.push(status.textContent); })
    .observe(status, {childList: true, characterData: true, subtree: true});
  const before = +(root.dataset.runId || 0);
  const dt = new DataTransfer();
  dt.items.add(new File([`+jsString(har)+`], "devtools.har", {type: "application/json"}));
  document.getElementById("pg-editor").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
  while (!(+(root.dataset.runId || 0) > before && root.dataset.run === "done")) await new Promise(r => setTimeout(r, 5));
  const rows = [...document.querySelectorAll("#pg-verdict .pg-groups tbody tr")].map(tr => [...tr.cells].map(td => td.textContent));
  const code = document.querySelector('#pg-verdict .pg-group-verdict [data-v="code"]');
  const bars = [...document.querySelectorAll("#pg-verdict .pg-bar")];
  const v = await window.errdocs.explain(`+jsString(har)+`);
  return {rows, code: code ? code.textContent : "", bars: bars.length,
    labelled: bars.filter(b => b.getAttribute("tabindex") === "0" && /exchange/.test(b.getAttribute("aria-label") || "")).length,
    progress, api: JSON.stringify(v.exchanges.groups.map(g => [g.api, g.operation, g.status, g.code, g.count, g.lines]))};
})()`)
			x := want.Exchanges
			if len(got.Rows) != len(x.Groups) {
				t.Fatalf("the page shows %d groups, the CLI %d: %q", len(got.Rows), len(x.Groups), got.Rows)
			}
			for i, g := range x.Groups {
				r := got.Rows[i]
				status := "none"
				if g.Status != 0 {
					status = strconv.Itoa(g.Status)
				}
				if r[0] != strconv.Itoa(g.Count) || r[1] != status || r[2] != orDash(g.Code) || r[3] != g.API || r[4] != orDash(g.Operation) {
					t.Errorf("row %d is %q; the CLI's group: %+v", i, r, g)
				}
			}
			if got.Code != x.Groups[0].Verdict.Code {
				t.Errorf("the verdict shown has code %q, the CLI's first group %q", got.Code, x.Groups[0].Verdict.Code)
			}
			var cli [][]any
			for _, g := range x.Groups {
				cli = append(cli, []any{g.API, g.Operation, g.Status, g.Code, g.Count, g.Lines})
			}
			cj, _ := json.Marshal(cli)
			if got.API != string(cj) {
				t.Errorf("errdocs.explain's groups %s, the CLI's %s", got.API, cj)
			}
			if got.Bars == 0 || got.Labelled != got.Bars {
				t.Errorf("%d bars, %d of them focusable with a label", got.Bars, got.Labelled)
			}
			if len(got.Progress) == 0 || !strings.HasPrefix(got.Progress[0], "Reading devtools.har") {
				t.Errorf("no progress from the worker: %q", got.Progress)
			}
			// The keyboard: focus the last bar holding a failure, press Enter, its group shows.
			group := eval[string](t, ctx, `(async () => {
  const bars = [...document.querySelectorAll("#pg-verdict .pg-bar")].filter(b => /[1-9]\d* failed/.test(b.getAttribute("aria-label")));
  const b = bars[bars.length - 1]; b.focus();
  b.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
  return document.getElementById("pg-verdict").dataset.group || ""; })()`)
			if group == "" {
				t.Error("Enter on a bar showed no group")
			}
			eval[bool](t, ctx, `(document.activeElement.blur(), window.scrollTo(0, 0), true)`)
			time.Sleep(150 * time.Millisecond)
			png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#pg-verdict")))
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(screenshotDir(t), "triage-har-"+scheme+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", name)
		})
	}
}

// orDash is how the groups' table shows an empty cell.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// TestTriagePastedLog pastes a log of many exchanges into the paste area: the report shows the
// CLI's groups, and a field issue's line button marks the line in the whole paste.
func TestTriagePastedLog(t *testing.T) {
	a := testkit.ReadTxtar(t, "../../../engine/triage/testdata/log-lines.txtar")
	log, _ := a.Section("paste")
	want := triage.Explain(cat, log, engine.Options{Now: func() instant.Time { return instant.Unix(0, time.Now().UnixNano()) }})
	ctx := tab(t)
	openPlayground(t, ctx, "")
	eval[string](t, ctx, playsite.PasteJS+"("+jsString(log)+")")
	rows := eval[[]string](t, ctx, `[...document.querySelectorAll("#pg-verdict .pg-groups tbody tr")].map(tr => tr.cells[0].textContent + " " + tr.cells[1].textContent + " " + tr.cells[2].textContent)`)
	var wantRows []string
	for _, g := range want.Exchanges.Groups {
		wantRows = append(wantRows, strconv.Itoa(g.Count)+" "+strconv.Itoa(g.Status)+" "+orDash(g.Code))
	}
	if strings.Join(rows, "|") != strings.Join(wantRows, "|") {
		t.Errorf("the page's groups %q, the CLI's %q", rows, wantRows)
	}
	// The first group's field issue sits on line 2 of the paste (its first exchange's line).
	line := eval[string](t, ctx, `(() => { const b = document.querySelector('#pg-verdict .pg-group-verdict [data-line]'); return b ? b.getAttribute("data-line") : ""; })()`)
	if want.Exchanges.Groups[0].Verdict.Fields[0].Line != 2 || line != "2" {
		t.Errorf("the field issue's line is %q in the page, %d in the CLI's verdict", line, want.Exchanges.Groups[0].Verdict.Fields[0].Line)
	}
}
