package triage

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/internal/instant"
	"github.com/errdocs/errdocs/internal/testkit"
	"golang.org/x/tools/txtar"
)

// testOpts is the fixed clock every test explains with, as in package engine's tests.
var testOpts = engine.Options{Now: func() instant.Time { return instant.Date(2026, 12, 4, 10, 30, 0, 0) }}

// TestGolden runs every case in testdata: a paste of many exchanges and the verdict it must
// give. Run with -update to rewrite the verdicts after a deliberate change; review the diff.
func TestGolden(t *testing.T) {
	cat := testkit.ShippedCatalog(t)
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden cases in testdata")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a := testkit.ReadTxtar(t, file)
			paste, _ := a.Section("paste")
			v := Explain(cat, paste, testOpts)
			if v.Exchanges == nil {
				t.Fatal("the paste was read as one exchange")
			}
			checkExchanges(t, v)
			got, err := json.MarshalIndent(v, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			a.Compare(t, "want.json", string(got)+"\n")
		})
	}
}

// checkExchanges checks what every triage verdict must hold, whatever the paste.
func checkExchanges(t *testing.T, v *engine.Verdict) {
	t.Helper()
	x := v.Exchanges
	if x.Total < 2 || len(x.Timeline) != x.Total {
		t.Fatalf("total %d, timeline of %d", x.Total, len(x.Timeline))
	}
	n := 0
	for i, g := range x.Groups {
		n += g.Count
		if g.Count != len(g.Lines) || g.Verdict == nil || g.Verdict.Exchanges != nil {
			t.Errorf("group %d: count %d, %d lines, verdict %v", i, g.Count, len(g.Lines), g.Verdict)
		}
		if i > 0 && g.Count > x.Groups[i-1].Count {
			t.Errorf("group %d (%d) is more frequent than the one before it (%d)", i, g.Count, x.Groups[i-1].Count)
		}
	}
	failed := 0
	for _, p := range x.Timeline {
		if p.Group >= len(x.Groups) {
			t.Fatalf("timeline point %+v names no group", p)
		}
		if p.Group >= 0 {
			failed++
		}
	}
	if n != x.Failed || failed != x.Failed {
		t.Errorf("failed %d, groups count %d, timeline %d", x.Failed, n, failed)
	}
}

// TestOneExchange checks that a paste of one exchange gets exactly the engine's verdict: every
// golden paste of package engine is read whole, never cut.
func TestOneExchange(t *testing.T) {
	cat := testkit.ShippedCatalog(t)
	files, _ := filepath.Glob("../testdata/explain/*.txtar")
	if len(files) < 20 {
		t.Fatalf("only %d golden pastes in ../testdata/explain", len(files))
	}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name != "paste" {
				continue
			}
			paste := string(f.Data)
			if s := splitPaste(paste); s != nil {
				t.Errorf("%s: cut into %d exchanges", file, len(s.exchanges))
			}
			want, _ := json.Marshal(engine.Explain(cat, paste, testOpts))
			got, _ := json.Marshal(Explain(cat, paste, testOpts))
			if string(got) != string(want) {
				t.Errorf("%s: the verdict differs from engine.Explain's", file)
			}
		}
	}
}

func TestSplitText(t *testing.T) {
	for _, tc := range []struct {
		name  string
		paste string
		lines []int  // where each exchange starts; nil: not cut
		first string // text the first exchange must hold, if any
	}{
		{"one curl -v transcript", "$ curl -v https://x.test/v1\n* Trying 1.2.3.4\n> GET /v1 HTTP/1.1\n> Host: x.test\n>\n< HTTP/1.1 404 Not Found\n<\n{}\n* Connection #0 to host x.test left intact\n", nil, ""},
		{"100 Continue, then the answer", "HTTP/1.1 100 Continue\n\nHTTP/1.1 422 Unprocessable Entity\n\n{}\n", nil, ""},
		{"a redirect, then the answer", "HTTP/1.1 301 Moved\nLocation: /b\n\nHTTP/1.1 404 Not Found\n\n{}\n", nil, ""},
		{"a problem+json body on one line", "HTTP/1.1 422 Unprocessable Entity\n\n{\"type\":\"about:blank\",\"status\":422}\n", nil, ""},
		{"two responses", "HTTP/1.1 422 Unprocessable Entity\n\n{}\nHTTP/1.1 500 Internal Server Error\n\n{}\n", []int{1, 4}, ""},
		{"two curl -v, the second's * lines go with it", "> GET /a HTTP/1.1\n>\n< HTTP/1.1 404 Not Found\n<\n{}\n* Connection #0 to host x left intact\n*   Trying 1.2.3.4\n> GET /b HTTP/1.1\n>\n< HTTP/1.1 500 Oops\n", []int{1, 7}, ""},
		{"a command, then its raw request and response; then another", "export T=1\ncurl -s https://x.test/a\nHTTP/1.1 400 Bad Request\n\n{}\ncurl -s https://x.test/b\nHTTP/1.1 401 Unauthorized\n", []int{1, 6}, ""},
		{"log lines, noise between", "10:00 starting\n2026-12-04 10:00:00,123 ERROR POST /v1/a 500\nTraceback (most recent call last):\n  boom\n2026-12-04 10:00:01,000 INFO heartbeat\n2026-12-04 10:00:02,000 WARNING GET /v1/b 429\n", []int{2, 6}, ""},
		{"structured logger records", `{"level":"error","time":1764842400000,"msg":"request failed","status":502}` + "\n" + `{"level":"info","time":1764842401000,"msg":"ok","statusCode":200}` + "\n", []int{1, 2}, ""},
		{"android logcat, OkHttp", "12-04 10:00:00.123  1234  5678 D OkHttp: --> POST https://x.test/v1/a\n12-04 10:00:00.456  1234  5678 D OkHttp: <-- 422 https://x.test/v1/a (333ms)\n12-04 10:00:00.457  1234  5678 D OkHttp: {\"error\":\"bad\"}\n12-04 10:00:01.000  1234  5678 D OkHttp: <-- 500 https://x.test/v1/b (12ms)\n", []int{2, 4}, `{"error":"bad"}`},
		{"syslog", "Dec  4 10:00:00 web1 app[42]: POST /v1/a 502\nDec  4 10:00:01 web1 app[42]: POST /v1/a 200\n", []int{1, 2}, ""},
		{"same status twice, structured", `{"level":"error","msg":"send failed","status":429}` + "\n" + `{"level":"error","msg":"send failed","status":429}` + "\n", []int{1, 2}, ""},
		{"syslog'd bodies naming their status, twice", "Dec  4 10:00:00 web1 app[42]: send failed with status 400\nDec  4 10:00:00 web1 app[42]: {\nDec  4 10:00:00 web1 app[42]:   \"statusCode\": 400\nDec  4 10:00:00 web1 app[42]: }\nDec  4 10:00:05 web1 app[42]: send failed with status 400\nDec  4 10:00:05 web1 app[42]: {\nDec  4 10:00:05 web1 app[42]:   \"statusCode\": 400\nDec  4 10:00:05 web1 app[42]: }\n", []int{1, 5}, `"statusCode": 400`},
		{"OkHttp's headers and body stay with their status line", "12-04 10:00:00.456  1234  5678 I okhttp.OkHttpClient: <-- 401 https://x.test/v1/a (3ms)\n12-04 10:00:00.456  1234  5678 I okhttp.OkHttpClient: content-type: application/json\n12-04 10:00:00.456  1234  5678 I okhttp.OkHttpClient: \n12-04 10:00:00.457  1234  5678 I okhttp.OkHttpClient: {\"statusCode\":401}\n12-04 10:00:01.000  1234  5678 I okhttp.OkHttpClient: <-- 500 https://x.test/v1/b (12ms)\n", []int{1, 5}, `{"statusCode":401}`},
		{"access log", `1.2.3.4 - - [04/Dec/2026:10:00:00 +0000] "POST /v1/send HTTP/1.1" 401 52` + "\n" + `1.2.3.4 - - [04/Dec/2026:10:00:01 +0000] "POST /v1/send HTTP/1.1" 200 12` + "\n", []int{1, 2}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := splitText(tc.paste)
			var got []int
			if s != nil {
				for _, ex := range s.exchanges {
					got = append(got, ex.line)
					if !strings.HasPrefix(tc.paste[ex.off:], ex.text) {
						t.Errorf("exchange at line %d is not the paste's text at its offset", ex.line)
					}
				}
			}
			if !equal(got, tc.lines) {
				t.Errorf("exchanges start at lines %v, want %v", got, tc.lines)
			}
			if tc.first != "" && (s == nil || !strings.Contains(s.exchanges[0].text, tc.first)) {
				t.Errorf("the first exchange does not hold %q", tc.first)
			}
		})
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTimes(t *testing.T) {
	for in, want := range map[string]string{
		"2026-12-04T10:00:01.250+01:00":     "2026-12-04T09:00:01.250Z",
		"2026-12-04 10:00:00,123":           "2026-12-04T10:00:00.123Z",
		"04/Dec/2026:10:00:00 +0000":        "2026-12-04T10:00:00.000Z",
		"Fri, 04 Dec 2026 10:00:05 GMT":     "2026-12-04T10:00:05.000Z",
		"Friday, 04-Dec-26 10:00:05 UTC":    "2026-12-04T10:00:05.000Z",
		"Fri Dec  4 10:00:05 2026":          "2026-12-04T10:00:05.000Z",
		"Fri, 04 Dec 2026 10:00:05 EST":     "",
		"Fri, 04 Dec 2026 10:00:05 GMT+3":   "",
		"Fri, 31 Nov 2026 10:00:05 GMT":     "",
		"1764842400000":                     "2025-12-04T10:00:00.000Z",
		"1764842400.5":                      "2025-12-04T10:00:00.500Z",
		"2026-12-04T10:00:00Z":              "2026-12-04T10:00:00.000Z",
		"2026-12-04T10:00:00-0130":          "2026-12-04T11:30:00.000Z",
		"2026-12-04 10:00:00.5 +01:00":      "2026-12-04T09:00:00.500Z",
		"2026-13-04T10:00:00Z":              "",
		"2026-12-04T10:00Z":                 "",
		"04/Dek/2026:10:00:00 +0000":        "",
		"yesterday":                         "",
		"2026-12-04T10:00:00Z and the rest": "",
	} {
		if got := normTime(in); got != want {
			t.Errorf("normTime(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHARCutShort checks that a HAR file cut in the middle of an entry keeps the entries
// before the cut, and says where it stopped.
func TestHARCutShort(t *testing.T) {
	har := genHAR(3, 0)
	cut := har[:strings.LastIndex(har, `"startedDateTime"`)+5]
	s, ok := readHAR(cut)
	if !ok || len(s.exchanges) != 2 || len(s.problems) != 1 {
		t.Fatalf("ok %v, %d exchanges, problems %v", ok, len(s.exchanges), s)
	}
	if _, ok := readHAR(`{"log": {"version": "1.2"}}`); ok {
		t.Error("a HAR without entries was read as one")
	}
	if _, ok := readHAR(`{"log": "not a HAR", "entries": []}`); ok {
		t.Error("a JSON body that mentions log was read as a HAR")
	}
}

// TestSecretsAcrossExchanges checks that a token found by its place in one exchange (an
// Authorization header) is masked where another exchange echoes it bare, in every group's
// verdict and in the top-level verdict.
func TestSecretsAcrossExchanges(t *testing.T) {
	cat := testkit.ShippedCatalog(t)
	const token = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA"
	paste := "> POST /v1/track HTTP/1.1\n> Authorization: Bearer " + token + "\n>\n< HTTP/1.1 401 Unauthorized\n<\n{\"success\":false,\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"bad key\",\"statusCode\":401}}\n" +
		"HTTP/1.1 500 Internal Server Error\n\n{\"success\":false,\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"token " + token + " failed\",\"statusCode\":500}}\n"
	v := Explain(cat, paste, testOpts)
	if v.Exchanges == nil || v.Exchanges.Total != 2 {
		t.Fatalf("exchanges: %+v", v.Exchanges)
	}
	js, _ := json.Marshal(v)
	if strings.Contains(string(js), token) {
		t.Errorf("the token survived in the verdict:\n%s", js)
	}
}

// FuzzTriage checks that any paste gets a verdict whose exchanges add up, and that the
// splitter's parts are the paste's own text.
func FuzzTriage(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, _ := txtar.ParseFile(file)
		for _, x := range ar.Files {
			if x.Name == "paste" && len(x.Data) < 8192 {
				f.Add(string(x.Data))
			}
		}
	}
	f.Add(genHAR(2, 0))
	cat := testkit.ShippedCatalog(f)
	f.Fuzz(func(t *testing.T, paste string) {
		v := Explain(cat, paste, testOpts)
		if v.Exchanges != nil {
			checkExchanges(t, v)
		}
	})
}

// TestShareOfTriage checks that a triage verdict's verdict-only share link carries no secret
// of the paste (the paste link is engine.Redact's output, tested in package engine).
func TestShareOfTriage(t *testing.T) {
	cat := testkit.ShippedCatalog(t)
	for _, file := range []string{"testdata/har-devtools.txtar", "testdata/log-lines.txtar"} {
		a := testkit.ReadTxtar(t, file)
		paste, _ := a.Section("paste")
		js, _ := json.Marshal(engine.ShareOf(Explain(cat, paste, testOpts)))
		if strings.Contains(string(js), "4f1a9c0b2e7d4a6f8b1c3d5e7f9a0b2c") {
			t.Errorf("%s: the share link holds the secret: %s", file, js)
		}
		masked, _ := engine.Redact(cat, paste)
		if strings.Contains(masked, "4f1a9c0b2e7d4a6f8b1c3d5e7f9a0b2c") {
			t.Errorf("%s: the paste link would hold the secret", file)
		}
	}
}

// TestHARMaskedPaste checks the masked paste the playground shows for a HAR file: a token that
// only the exchange written out as HTTP reveals as a secret (an Authorization header's value,
// which a HAR keeps as {"name", "value"}) is masked in the file's text too.
func TestHARMaskedPaste(t *testing.T) {
	cat := testkit.ShippedCatalog(t)
	const token, apiKey = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA", "9b1c2d3e4f5a6b7c8d9e"
	har := strings.ReplaceAll(genHAR(3, 0), "Bearer pk_4f1a9c0b2e7d4a6f8b1c3d5e7f9a0b2c", "Bearer "+token)
	har = strings.ReplaceAll(har, `{"name": "content-type", "value": "application/json"}], "queryString"`,
		`{"name": "content-type", "value": "application/json"}, {"name": "x-api-key", "value": "`+apiKey+`"}], "queryString"`)
	if !strings.Contains(har, apiKey) {
		t.Fatal("the generated HAR changed: no x-api-key header")
	}
	v, m := ExplainMasked(cat, har, testOpts)
	if v.Exchanges == nil {
		t.Fatal("the HAR was read as one exchange")
	}
	for _, s := range []string{token, apiKey} {
		if strings.Contains(m.Text, s) {
			t.Errorf("the masked HAR still holds %s", s)
		}
		if js, _ := json.Marshal(v); strings.Contains(string(js), s) {
			t.Errorf("the verdict holds %s", s)
		}
	}
	if len(m.Found) < 2 {
		t.Errorf("masked: %q", m.Found)
	}
	if red, found := Redact(cat, har); red != m.Text || len(found) != len(m.Found) {
		t.Error("Redact and ExplainMasked mask the HAR differently")
	}
}
