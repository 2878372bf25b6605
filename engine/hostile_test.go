package engine

import (
	"strings"
	"testing"

	"github.com/errdocs/errdocs/internal/instant"
)

// TestHostileInput feeds the engine what could crash or hang a parser. Each gets a verdict, with
// the reason among its problems where there is one.
func TestHostileInput(t *testing.T) {
	cat := shippedCatalog(t)
	deep := strings.Repeat(`{"a":`, 100_000) + "1" + strings.Repeat("}", 100_000)
	deepArr := strings.Repeat("[", 100_000)
	big := `{"success":false,"error":{"code":"VALIDATION_ERROR","message":"` + strings.Repeat("x", 10<<20) + `","statusCode":422}}`
	manyKeys := "{" + strings.Repeat(`"k":1,`, 500_000) + `"error":"not_found"}`
	for _, tc := range []struct {
		name, paste string
		problem     string // a substring of some problem's message; "" for none required
		code        string
	}{
		{"100,000 levels of objects", deep, "nesting is deeper than", ""},
		{"100,000 open arrays", deepArr, "nesting is deeper than", ""},
		{"10 MB message", big, "", "VALIDATION_ERROR"},
		{"half a million keys", manyKeys, "", ""},
		{"invalid UTF-8", "{\"error\":\"\xff\xfe\xfd\"}", "not valid UTF-8", ""},
		{"binary junk", "\x00\x01\x02\x03\x04\x05garbage\x00", "binary data", ""},
		{"lone high surrogate", `{"error":"\ud800"}`, "", ""},
		{"only a status line", "HTTP/1.1 418 I'm a teapot", "", ""},
		{"unterminated everything", `HTTP/2 500` + "\n\n" + `{"success":false,"error":{"code":"INTERNAL_SERVER_ERROR","message":"a`, "cut off", "INTERNAL_SERVER_ERROR"},
		{"thousands of status lines", strings.Repeat("HTTP/1.1 200 OK\n", 50_000), "", ""},
		{"many curl -v markers", strings.Repeat("> GET / HTTP/1.1\n< HTTP/1.1 200 OK\n", 20_000), "", ""},
		{"a million braces in a log", "ERROR " + strings.Repeat("{", 1<<20), "", ""},
		{"NUL inside JSON", "{\"error\":\"a\x00b\"}", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := Explain(cat, tc.paste, testOpts)
			if v == nil {
				t.Fatal("nil verdict")
			}
			for _, p := range v.Problems {
				if strings.HasPrefix(p.Message, "errdocs failed on this paste") {
					t.Fatalf("engine panicked: %s", p.Message)
				}
			}
			if tc.code != "" && v.Code != tc.code {
				t.Errorf("code = %q, want %q", v.Code, tc.code)
			}
			if tc.problem != "" {
				found := false
				for _, p := range v.Problems {
					found = found || strings.Contains(p.Message, tc.problem)
				}
				if !found {
					t.Errorf("no problem mentions %q: %+v", tc.problem, v.Problems)
				}
			}
		})
	}
}

// TestPanicBecomesVerdict checks that a panic inside the engine becomes an error verdict.
func TestPanicBecomesVerdict(t *testing.T) {
	v := Explain(nil, "", testOpts)
	if v == nil || v.Input != "unknown" {
		t.Fatalf("verdict for a nil catalog = %+v", v)
	}
	// advise reads the clock for a Retry-After date without a Date header: this one panics.
	broken := Options{Now: func() instant.Time { panic("no clock") }}
	v = Explain(shippedCatalog(t), "HTTP/1.1 429 Too Many Requests\nRetry-After: Sun, 30 Nov 2025 10:30:30 GMT\n\n{\"error\":\"rate_limit_exceeded\"}", broken)
	if len(v.Problems) == 0 || !strings.HasPrefix(v.Problems[0].Message, "errdocs failed on this paste") {
		t.Fatalf("panic not turned into a verdict: %+v", v.Problems)
	}
}
