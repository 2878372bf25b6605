package highlight

import (
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/google/go-cmp/cmp"
)

// chromaJSON is what chroma's own JSON lexer makes of s, and whether it found no error.
func chromaJSON(t testing.TB, s string) ([]chroma.Token, bool) {
	it, err := lexerFor("json").Tokenise(nil, s)
	if err != nil {
		t.Fatal(err)
	}
	var out []chroma.Token
	for tok := it(); tok != chroma.EOF; tok = it() {
		if tok.Type == chroma.Error {
			return nil, false
		}
		out = append(out, tok)
	}
	return out, true
}

func TestJSONTokensMatchChroma(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"envelope", `{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","statusCode":429,"details":{"retryAfter":1.5e3}},"timestamp":"2025-11-30T10:30:00.000Z"}` + "\n"},
		{"indented", "{\n  \"error\": \"invalid_api_key\",\n  \"issues\": [\n    {\"path\": [\"a\", 0], \"message\": \"Required\"}\n  ]\n}\n"},
		{"escapes", `{"a": "say \"hi\" \\ and \n", "b": -0.25, "c": [true, false, null, 0, -7, 1E+9]}`},
		{"comment", "{\n  // note\n  \"a\": 1\n}\n"},
		{"array root", `[1, 2, {"x": []}, {}]`},
		{"scalar root", `"just a string"` + "\n"},
		{"empty", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, wantOK := chromaJSON(t, tc.in)
			got, ok := jsonTokens(tc.in)
			if !ok || !wantOK {
				t.Fatalf("ok = %v, chroma ok = %v", ok, wantOK)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("tokens (-chroma +ours):\n%s", diff)
			}
		})
	}
}

func TestJSONTokensFallBack(t *testing.T) {
	for _, in := range []string{`{"a": ...}`, `{"a": 1`, `"open`, `{"a" 1}`, `}`, `{"a":01x}`, "// no newline"} {
		if toks, ok := jsonTokens(in); ok {
			// Acceptable only when chroma agrees exactly.
			want, wantOK := chromaJSON(t, in)
			if !wantOK || !cmp.Equal(want, toks) {
				t.Errorf("jsonTokens(%q) = ok, but chroma differs (ok=%v)", in, wantOK)
			}
		}
	}
}

// FuzzJSONTokens checks that whenever the fast lexer accepts an input, it agrees with chroma's.
func FuzzJSONTokens(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5,-3e2,"x\"y",true,null]}`, "[\n 1 ,\n// c\n 2]\n", `{}`, `"s"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := jsonTokens(s)
		if !ok || len(s) > 512 || strings.Count(s, "\\") > 12 {
			return // chroma's string pattern backtracks exponentially on runs of backslashes
		}
		want, wantOK := chromaJSON(t, s)
		if !wantOK {
			t.Fatalf("jsonTokens accepted %q, chroma finds an error", s)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("jsonTokens(%q) (-chroma +ours):\n%s", s, diff)
		}
	})
}

func chromaTokens(t testing.TB, lang, s string) ([]chroma.Token, bool) {
	it, err := lexerFor(lang).Tokenise(nil, s)
	if err != nil {
		t.Fatal(err)
	}
	var out []chroma.Token
	for tok := it(); tok != chroma.EOF; tok = it() {
		if tok.Type == chroma.Error {
			return nil, false
		}
		out = append(out, tok)
	}
	return out, true
}

func TestHTTPTokensMatchChroma(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"response", "HTTP/1.1 429 Too Many Requests\nContent-Type: application/json; charset=utf-8\nRetry-After: 1\n\n{\"success\":false,\"error\":{\"code\":\"RATE_LIMIT_EXCEEDED\",\"statusCode\":429}}\n"},
		{"problem json", "HTTP/2 400 Bad Request\ncontent-type: application/problem+json\n\n{\n  \"type\": \"about:blank\",\n  \"status\": 400\n}\n"},
		{"no reason", "HTTP/1.1 500\nContent-Type: application/json\n\n{}\n"},
		{"request", "POST /v1/send HTTP/1.1\nHost: api.example.com\nContent-Type: application/json\nAuthorization: Bearer sk_x\n\n{\"to\": \"a@b.c\"}\n"},
		{"no body", "HTTP/1.1 204 No Content\nX-Request-ID: abc\n"},
		{"empty body", "HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, wantOK := chromaTokens(t, "http", tc.in)
			got, ok := httpTokens(tc.in)
			if !ok || !wantOK {
				t.Fatalf("ok = %v, chroma ok = %v", ok, wantOK)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("tokens (-chroma +ours):\n%s", diff)
			}
		})
	}
}

// FuzzHTTPTokens checks that whenever the fast HTTP lexer accepts an input, it agrees with
// chroma's.
func FuzzHTTPTokens(f *testing.F) {
	f.Add("HTTP/1.1 429 Too Many Requests\nContent-Type: application/json\nRetry-After: 1\n\n{\"a\":[1,\"x\"]}\n")
	f.Add("GET /x HTTP/1.1\nAccept: */*\n")
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := httpTokens(s)
		if !ok || len(s) > 512 || strings.Count(s, "\\") > 12 {
			return
		}
		want, wantOK := chromaTokens(t, "http", s)
		if !wantOK {
			t.Fatalf("httpTokens accepted %q, chroma finds an error", s)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("httpTokens(%q) (-chroma +ours):\n%s", s, diff)
		}
	})
}
