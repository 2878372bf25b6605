package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/engine"
)

const plunk429 = "HTTP/1.1 429 Too Many Requests\nRetry-After: 7\nX-Request-ID: r-1\n\n" +
	`{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded","statusCode":429,"requestId":"r-1"},"timestamp":"2025-11-30T10:30:00.000Z"}`

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExplainJSON(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"stdin", []string{"explain", "--json"}},
		{"dash", []string{"explain", "--json", "-"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, plunk429, tc.args...)
			if code != 0 || errs != demoNote("explain") {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			dec := json.NewDecoder(strings.NewReader(out))
			var v engine.Verdict
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
			if dec.More() {
				t.Error("more than one JSON value printed")
			}
			if v.Code != "RATE_LIMIT_EXCEEDED" || v.Retry.AfterSeconds != 7 || v.API != "plunk" {
				t.Errorf("verdict = %+v", v)
			}
		})
	}
}

// TestJSONKeys pins the contract: every documented key is present, even when empty.
func TestJSONKeys(t *testing.T) {
	_, out, _ := run(t, "", "explain", "--json")
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"input", "api", "dialect", "confidence", "status", "code", "category", "sub_code", "known", "title", "meaning", "cause", "fix", "retry", "request_id", "fields", "problems", "redacted", "docs", "doc_url", "message"} {
		if _, ok := m[k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	for _, k := range []string{"fix", "fields", "problems", "redacted"} {
		if _, ok := m[k].([]any); !ok {
			t.Errorf("%s is %T, want an array", k, m[k])
		}
	}
	retry, _ := m["retry"].(map[string]any)
	for _, k := range []string{"retryable", "strategy", "after_seconds", "schedule", "detail"} {
		if _, ok := retry[k]; !ok {
			t.Errorf("retry.%s missing", k)
		}
	}
}

func TestExplainReport(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "paste.txt")
	if err := os.WriteFile(file, []byte(plunk429), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "", "explain", file)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"429 RATE_LIMIT_EXCEEDED", "Retry in 7 s", "r-1", "/plunk/errors/rate-limit-exceeded/"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour written to a non-terminal")
	}
}

// TestExplainReportCodes checks that the report shows a category, a sub-code, the API's own
// doc link and a retry header's say, here from a Stripe-style body read without a catalog.
func TestExplainReportCodes(t *testing.T) {
	paste := "HTTP/1.1 402 Payment Required\nStripe-Should-Retry: false\n\n" +
		`{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds.","doc_url":"https://docs.pebblepay.test/codes/card_declined"}}`
	code, out, errs := run(t, paste, "explain", "--content", "../../engine/testdata/thirdapi", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"category card_error · sub-code insufficient_funds", "https://docs.pebblepay.test/codes/card_declined (the API's own)", "Stripe-Should-Retry: false", "do not retry"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestExplainUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"explain", "/no/such/file"}, "no such file"},
		{"two files", []string{"explain", "a", "b"}, "at most one FILE"},
		{"bad flag", []string{"explain", "--nope"}, "flag provided but not defined"},
		{"bad content", []string{"explain", "--content", "/no/such/dir"}, "--content /no/such/dir: not a folder"},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"no command", nil, "usage"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, "", tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(errs, tc.want) {
				t.Errorf("stderr %q lacks %q", errs, tc.want)
			}
			if n := strings.Count(strings.TrimSpace(errs), "\n"); tc.name != "no command" && tc.name != "unknown command" && tc.name != "two files" && tc.name != "bad flag" && n > 0 {
				t.Errorf("stderr has %d lines, want one: %q", n+1, errs)
			}
		})
	}
}

func TestExplainOtherContent(t *testing.T) {
	code, out, errs := run(t, `{"ok":false,"error":{"type":"card_declined","message":"no","http_status":402,"trace_id":"t"}}`,
		"explain", "--json", "--content", "../../engine/testdata/thirdapi")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, `"api": "acme"`) {
		t.Errorf("not explained with the other catalog:\n%s", out)
	}
}

// demoNote is the line a command prints when it falls back to the built-in demo catalog.
func demoNote(cmd string) string {
	return "errdocs " + cmd + ": no ./content folder here, so using the built-in demo catalog (Plunk and Puck); --content DIR reads another\n"
}

// TestContentFolder: explain reads ./content when the working folder has one, and says in one
// line when it falls back to the demo catalog. (build and serve share contentFS; the README
// test and TestGoInstall run build in folders with and without ./content.)
func TestContentFolder(t *testing.T) {
	thirdAPI, err := filepath.Abs("../../engine/testdata/thirdapi")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	paste := `{"ok":false,"error":{"type":"card_declined","message":"no","http_status":402,"trace_id":"t"}}`
	code, out, errs := run(t, paste, "explain", "--json")
	if code != 0 || errs != demoNote("explain") || strings.Contains(out, `"api": "acme"`) {
		t.Fatalf("no ./content: exit %d, stderr %q, out %s", code, errs, out)
	}
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(thirdAPI)); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run(t, paste, "explain", "--json")
	if code != 0 || errs != "" || !strings.Contains(out, `"api": "acme"`) {
		t.Fatalf("with ./content: exit %d, stderr %q, out %s", code, errs, out)
	}
}
