//go:build !js

package browsertest

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/wasm/internal/playsite"
	"github.com/google/go-cmp/cmp"
)

// readFactsJS reads what the verdict panel shows of the facts that follow from the catalog: the
// status with its reason phrase, the retry plan and the predicted answer's status (null when
// the panel has none).
const readFactsJS = `(() => {
  const out = document.getElementById("pg-verdict");
  const one = (k) => { const e = out.querySelector('[data-v="' + k + '"]'); return e ? e.textContent : null; };
  return {status: one("status"), plan: one("retry-plan"), predicted: one("predicted-status")};
})()`

type factsShown struct {
	Status    *string `json:"status"`
	Plan      *string `json:"plan"`
	Predicted *string `json:"predicted"`
}

// TestFactsFromCatalog checks the panel words no catalog fact itself: for golden pastes of each
// retry strategy, status class and input, and for statuses and waits the playground's old
// hand-kept tables lacked, it shows exactly the verdict's retry.plan (worded by
// catalog.RetryPlan) and catalog.StatusText of the status (reason phrases generated into
// static/reasons.gen.js).
func TestFactsFromCatalog(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	type paste struct{ name, text string }
	var pastes []paste
	seen := map[string]bool{}
	for _, g := range goldens(t) {
		v := engine.Explain(cat, browserText(g.paste))
		key := v.Input + " " + v.Retry.Strategy + " " + strconv.Itoa(v.Status/100)
		if !seen[key] {
			seen[key] = true
			pastes = append(pastes, paste{g.name, g.paste})
		}
	}
	pastes = append(pastes,
		paste{"507-retry-in-minutes", "HTTP/1.1 507 Insufficient Storage\nRetry-After: 90\n\n"},
		paste{"308-redirect", "HTTP/1.1 308 Permanent Redirect\nLocation: /v2/\n\n"},
		paste{"511-network-auth", "HTTP/1.1 511 Network Authentication Required\n\n"},
		paste{"no-status", "just a log line, no status\n"},
	)
	if len(pastes) < 6 {
		t.Fatalf("only %d pastes to check", len(pastes))
	}
	for _, p := range pastes {
		t.Run(p.name, func(t *testing.T) {
			sent := eval[string](t, ctx, playsite.PasteJS+"("+jsString(browserText(p.text))+")")
			var got factsShown
			if err := json.Unmarshal(eval[[]byte](t, ctx, readFactsJS), &got); err != nil {
				t.Fatal(err)
			}
			// A wait computed from an HTTP date can tick between the page's run and this one.
			want := wantFacts(engine.Explain(cat, sent))
			if !cmp.Equal(got, want) {
				if again := wantFacts(engine.Explain(cat, sent)); !cmp.Equal(got, again) {
					t.Fatalf("the panel shows %s, want %s", show(got), show(want))
				}
			}
		})
	}
}

// wantFacts is what the panel must show of v's catalog facts.
func wantFacts(v *engine.Verdict) factsShown {
	var f factsShown
	if v.Status != 0 {
		f.Status = ptr(catalog.StatusText(v.Status))
	}
	if v.Input == "response" || v.Retry.Detail != "" {
		f.Plan = ptr(v.Retry.Plan)
	}
	if v.Predicted != nil {
		f.Predicted = ptr(catalog.StatusText(v.Predicted.Status))
	}
	return f
}

func show(f factsShown) string {
	s := func(p *string) string {
		if p == nil {
			return "none"
		}
		return strconv.Quote(*p)
	}
	return "status " + s(f.Status) + ", plan " + s(f.Plan) + ", predicted " + s(f.Predicted)
}
