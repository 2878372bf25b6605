package engine

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/internal/instant"
	"github.com/errdocs/errdocs/internal/printf"
	"github.com/errdocs/errdocs/internal/testkit"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// testNow is the clock golden cases run at, so Retry-After dates give stable waits.
var testNow = instant.Date(2025, 11, 30, 10, 30, 0, 0)

// testOpts are the options every test explains with: the fixed clock.
var testOpts = Options{Now: func() instant.Time { return testNow }}

// shippedCatalog is the catalog of content/ (testkit.ShippedCatalog).
func shippedCatalog(t testing.TB) *catalog.Catalog { return testkit.ShippedCatalog(t) }

// TestGolden runs every case in testdata/explain: a paste and the verdict it must give.
// Run with -update to rewrite the verdicts after a deliberate change; review the diff.
func TestGolden(t *testing.T) {
	cat := shippedCatalog(t)
	files, _ := filepath.Glob("testdata/explain/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden cases in testdata/explain")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			a := testkit.ReadTxtar(t, file)
			paste, _ := a.Section("paste")
			got, err := json.MarshalIndent(Explain(cat, paste, testOpts), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			a.Compare(t, "want.json", string(got)+"\n")
		})
	}
}

// TestCatalogExamples decodes every example in content/ and checks that it yields its own page.
func TestCatalogExamples(t *testing.T) {
	cat := shippedCatalog(t)
	n := 0
	for _, a := range cat.APIs {
		for _, e := range a.Errors {
			for _, ex := range e.Examples {
				n++
				if _, err := CheckExample(cat, e, ex.Text, testOpts); err != nil {
					t.Errorf("%s:%d: %v", e.Source, ex.Line, err)
				}
			}
		}
	}
	if n < 40 {
		t.Errorf("only %d examples in the shipped catalog", n)
	}
}

// TestThirdAPI proves that an API whose errors follow a supported shape needs only content
// files: testdata/thirdapi declares a fictional API and the engine explains it.
func TestThirdAPI(t *testing.T) {
	s, err := load.Content(os.DirFS("testdata/thirdapi"))
	if err != nil {
		t.Fatal(err)
	}
	cat := s.Catalog
	for _, tc := range []struct {
		name, paste string
		code        string
		status      int
		fields      int
		retryable   bool
	}{
		{"declined", `{"ok":false,"error":{"type":"card_declined","message":"The card was declined.","http_status":402,"trace_id":"tr_1"}}`, "card_declined", 402, 0, false},
		{"invalid param with details", "HTTP/1.1 400 Bad Request\nAcme-Trace: tr_2\n\n" + `{"ok":false,"error":{"type":"invalid_param","message":"bad","http_status":400,"trace_id":"tr_2"},"details":[{"param":"amount","reason":"must be positive"}]}`, "invalid_param", 400, 1, false},
		{"5xx uses the API's backoff", "HTTP/1.1 503 Service Unavailable\nContent-Type: application/json\n\n" + `{"ok":false,"error":{"type":"overloaded","message":"try later","http_status":503,"trace_id":"tr_3"}}`, "overloaded", 503, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := Explain(cat, tc.paste, testOpts)
			if v.API != "acme" || v.Dialect != "acme-envelope" || v.Code != tc.code || v.Status != tc.status || len(v.Fields) != tc.fields || v.Retry.Retryable != tc.retryable {
				t.Errorf("got api=%q dialect=%q code=%q status=%d fields=%d retryable=%v", v.API, v.Dialect, v.Code, v.Status, len(v.Fields), v.Retry.Retryable)
			}
			if v.RequestID == "" {
				t.Error("no request id")
			}
		})
	}
	v := Explain(cat, "HTTP/1.1 503 Service Unavailable\n\n"+`{"ok":false,"error":{"type":"overloaded","message":"try later","http_status":503,"trace_id":"tr_3"}}`, testOpts)
	if got, want := v.Retry.Schedule, []float64{2, 4, 8, 16}; !cmp.Equal(got, want) {
		t.Errorf("schedule = %v, want %v", got, want)
	}
}

// TestExplainMasked checks that ExplainMasked gives Explain's verdict and Redact's masked paste,
// for every golden paste and for a paste longer than MaxPaste.
func TestExplainMasked(t *testing.T) {
	cat := shippedCatalog(t)
	files, _ := filepath.Glob("testdata/*/*.txtar")
	requests, _ := filepath.Glob("reqcheck/testdata/*/*.txtar")
	files = append(files, requests...)
	var pastes []string
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range ar.Files {
			if file.Name == "paste" {
				pastes = append(pastes, string(file.Data))
			}
		}
	}
	if len(pastes) < 50 {
		t.Fatalf("only %d golden pastes", len(pastes))
	}
	long := strings.Repeat("x", MaxPaste) + "\nAuthorization: Bearer sk_4f1a9c0b2e7d4a6f8b1c3d5e7f9a0b2c\n"
	pastes = append(pastes, long) // the secret lies past what the verdict's search reads
	masked := 0
	for _, p := range pastes {
		v, m := ExplainMasked(cat, p, testOpts)
		if diff := cmp.Diff(Explain(cat, p, testOpts), v); diff != "" {
			t.Errorf("%q: verdict differs from Explain's (-want +got):\n%s", printf.Clip(p, 60), diff)
		}
		text, found := Redact(cat, p)
		if m.Text != text || !cmp.Equal(m.Found, found) {
			t.Errorf("%q: masked paste differs from Redact's:\n%q %q\n%q %q", printf.Clip(p, 60), printf.Clip(text, 200), found, printf.Clip(m.Text, 200), m.Found)
		}
		if text != p {
			masked++
		}
	}
	if masked < 10 {
		t.Errorf("only %d pastes had a secret to mask", masked)
	}
}

// TestClock checks what the clock dates: a Retry-After date counts from the response's Date
// header, else from Options.Now, and with neither it gives no wait rather than a wrong one (the
// engine reads no system clock).
func TestClock(t *testing.T) {
	cat := shippedCatalog(t)
	const retryAt = "HTTP/1.1 429 Too Many Requests\nRetry-After: Sun, 30 Nov 2025 10:30:30 GMT\n"
	const body = "\n{\"error\":\"rate_limit_exceeded\"}"
	for _, c := range []struct {
		name, paste string
		opts        Options
		wait        float64
	}{
		{"clock", retryAt + body, testOpts, 30},
		{"Date header", retryAt + "Date: Sun, 30 Nov 2025 10:29:30 GMT\n" + body, Options{}, 60},
		{"Date header and clock", retryAt + "Date: Sun, 30 Nov 2025 10:29:30 GMT\n" + body, testOpts, 60},
		{"a date past", retryAt + body, Options{Now: func() instant.Time { return instant.Date(2026, 1, 1, 0, 0, 0, 0) }}, 0},
		{"no clock", retryAt + body, Options{}, -1},
	} {
		v := Explain(cat, c.paste, c.opts)
		got := -1.0
		if len(v.Retry.Schedule) == 1 && v.Retry.Strategy == "retry-after" {
			got = v.Retry.Schedule[0]
		}
		if got != c.wait {
			t.Errorf("%s: wait %v (retry %+v), want %v", c.name, got, v.Retry, c.wait)
		}
		if undated := strings.Contains(v.Retry.Detail, "gives a date to retry at (Retry-After: Sun, 30 Nov 2025 10:30:30 GMT) but no Date header"); undated != (c.wait < 0) {
			t.Errorf("%s: detail %q", c.name, v.Retry.Detail)
		}
		for _, p := range v.Problems {
			if strings.Contains(p.Message, "neither a number of seconds nor an HTTP date") {
				t.Errorf("%s: %s", c.name, p.Message)
			}
		}
	}
}
