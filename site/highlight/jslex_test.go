package highlight

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var jsSnippets = []struct{ name, in string }{
	{"bench", "// page 1: the quick fox\nasync function send(id, attempt = 0) {\n  const res = await fetch(`https://api.example.com/v1/items/${id}`, { method: \"POST\" });\n  if (res.status === 429 && attempt < 5) {\n    const wait = Number(res.headers.get(\"Retry-After\") ?? 1) * 1000;\n    await new Promise((r) => setTimeout(r, wait));\n    return send(id, attempt + 1);\n  }\n  return res.json();\n}\n"},
	{"numbers", "x = [1, 2.5, 3., 1e9, 2E-3, 0b101, 0o17, 0xFF, 1_000, 0x, 1e];\n"},
	{"operators", "a += b >>> 2; c !== d; e <= f >= g; h = i ?? j || k && !l; m++; --n; o **= 2; p = q ? r : s; ...t\n"},
	{"regex", "const re = /a[/\\]]b\\/c/gi;\nif (/^\\d+$/.test(s)) x = s.split(/,\\s*/);\n  /x/.exec(y)\n"},
	{"division", "const half = total / 2 / count;\n(a) / b\n"},
	{"strings", "const a = \"say \\\"hi\\\"\", b = 'it\\'s', c = \"back\\\\\";\n"},
	{"template", "const u = `${base}/v1/${ `inner ${x}` }?q=${encodeURIComponent(q)}&n=\\`$`;\n"},
	{"comments", "/* block\n comment */ let x = 1; // line\n<!-- old\nx = 2\n"},
	{"identifiers", "const $el = _foo_bar + window.document.title + this.x + undefined + NaN + in$x + format;\nclass A extends B { static async *gen() { yield* this.x } }\n"},
	{"no newline", "console.log(1)"},
	{"empty", ""},
}

func TestJSTokensMatchChroma(t *testing.T) {
	for _, tc := range jsSnippets {
		t.Run(tc.name, func(t *testing.T) {
			want, wantOK := chromaTokens(t, "js", tc.in)
			got, ok := jsTokens(tc.in)
			if !ok || !wantOK {
				t.Fatalf("ok = %v, chroma ok = %v", ok, wantOK)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("tokens (-chroma +ours):\n%s", diff)
			}
		})
	}
}

func TestJSTokensFallBack(t *testing.T) {
	for _, in := range []string{"x = 'open\n", "/* open", "#!/usr/bin/env node\nx\n", "x = \\y\n", "s = \"é\"\n", "x = (/a/b)\n", "let x = // c"} {
		if _, ok := jsTokens(in); ok {
			t.Errorf("jsTokens(%q) = ok, want a fall-back to chroma", in)
		}
	}
}

// FuzzJSTokens checks that the JavaScript tokeniser never panics, keeps every byte of its input,
// and agrees with chroma's JavaScript lexer whenever it accepts an input.
func FuzzJSTokens(f *testing.F) {
	for _, tc := range jsSnippets {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := jsTokens(s)
		if !ok {
			return
		}
		var b strings.Builder
		for _, tok := range got {
			b.WriteString(tok.Value)
		}
		if b.String() != s {
			t.Fatalf("jsTokens(%q) text = %q", s, b.String())
		}
		if len(s) > 512 || strings.Count(s, "\\") > 12 {
			return
		}
		want, wantOK := chromaTokens(t, "js", s)
		if !wantOK {
			t.Fatalf("jsTokens accepted %q, chroma finds an error", s)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("jsTokens(%q) (-chroma +ours):\n%s", s, diff)
		}
	})
}
