package highlight

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var shSnippets = []struct{ name, in string }{
	{"bench", "#!/usr/bin/env bash\nset -euo pipefail\n# page 1: the quick fox\nfor i in $(seq 1 5); do\n  curl -sS -X POST \"https://api.example.com/v1/items/$i\" \\\n    -H \"Authorization: Bearer $TOKEN\" \\\n    -d '{\"page\": 1}' || sleep \"$((i * 2))\"\ndone\necho \"done: fox\"\n"},
	{"curl", "curl https://api.plunk.example/v1/send \\\n  -H 'Content-Type: application/json' \\\n  -H \"Authorization: Bearer $PLUNK_KEY\" \\\n  --data '{\"to\":\"a@b.c\"}'\n"},
	{"assign", "export TOKEN=sk_test_123\nN=3; X+=1\nif [ \"$N\" -gt 2 ]; then echo big; fi\n"},
	{"vars", "echo $1 $# $? $@ $_x $$ \"a $b c\" \"plain \\\"q\\\"\" $\"loc\"\n"},
	{"pipes", "cat f.json | jq .error && echo ok || exit 1 &\nwhile read -r l; do printf '%s\\n' \"$l\"; done < in.txt\n"},
	{"math", "echo $((1 + 2*3 - 4/5 % 6)) $((16#ff)) $((2#))\n"},
	{"numbers", "sleep 10\nhead -n 20 file\nx 12a 3\n"},
	{"keyword quirks", "do-thing format done; fi.txt\ncase $x in a) echo a;; esac\n"},
	{"comment mid", "ls # list\n  # indented   \n"},
	{"nested", "echo \"$(date +%s) and $(echo \"$(pwd)\")\"\n"},
	{"curly", "echo ${HOME} ${#ARR} \"${NAME:-anon} ${a-b c}\" ${x:=1} ${y:+$z}\n"},
	{"heredoc", "cat <<EOF > body.json\n{\"to\": \"$TO\"}\nEOF\ncat <<- 'END'\n\tx\n\tEND\ncurl -d @- <<JSON\n{}\nJSON\n"},
	{"heredoc prefix", "cat <<EOFX\nEOF\n"},
	{"no newline", "echo hi"},
	{"empty", ""},
}

func TestShTokensMatchChroma(t *testing.T) {
	for _, tc := range shSnippets {
		t.Run(tc.name, func(t *testing.T) {
			want, wantOK := chromaTokens(t, "bash", tc.in)
			got, ok := shTokens(tc.in)
			if !ok || !wantOK {
				t.Fatalf("ok = %v, chroma ok = %v", ok, wantOK)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("tokens (-chroma +ours):\n%s", diff)
			}
		})
	}
}

func TestShTokensFallBack(t *testing.T) {
	for _, in := range []string{"echo 'open", "echo \\", "cat <<EOF\nx\n", "echo `date`", "echo $'a\\tb'", "echo é"} {
		if _, ok := shTokens(in); ok {
			t.Errorf("shTokens(%q) = ok, want a fall-back to chroma", in)
		}
	}
}

// FuzzShTokens checks that the shell tokeniser never panics, keeps every byte of its input, and
// agrees with chroma's Bash lexer whenever it accepts an input.
func FuzzShTokens(f *testing.F) {
	for _, tc := range shSnippets {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := shTokens(s)
		if !ok {
			return
		}
		var b strings.Builder
		for _, tok := range got {
			b.WriteString(tok.Value)
		}
		if b.String() != s {
			t.Fatalf("shTokens(%q) text = %q", s, b.String())
		}
		if len(s) > 512 || strings.Count(s, "\\") > 12 {
			return
		}
		want, wantOK := chromaTokens(t, "bash", s)
		if !wantOK {
			t.Fatalf("shTokens accepted %q, chroma finds an error", s)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("shTokens(%q) (-chroma +ours):\n%s", s, diff)
		}
	})
}

var consoleSnippets = []string{
	"$ curl -i https://api.example.com/v1/send -H \"Authorization: Bearer $KEY\"\nHTTP/1.1 401 Unauthorized\ncontent-type: application/json\n{\"error\": \"invalid_api_key\"}\n",
	"$ echo $((1+2))\n3\n# whoami\nroot\n%   ls -la\n> continued 'x'\n",
	"",
}

func TestConsoleTokensMatchChroma(t *testing.T) {
	for _, in := range consoleSnippets {
		want, wantOK := chromaTokens(t, "console", in)
		got, ok := consoleTokens(in)
		if !ok || !wantOK {
			t.Fatalf("%q: ok = %v, chroma ok = %v", in, ok, wantOK)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q: tokens (-chroma +ours):\n%s", in, diff)
		}
	}
	for _, in := range []string{"$ a\n\nb\n", "$   \nx\n", "[me@host]$ ls\n", "$ cat <<EOF\n", "$ echo no newline"} {
		if _, ok := consoleTokens(in); ok {
			t.Errorf("consoleTokens(%q) = ok, want a fall-back to chroma", in)
		}
	}
}

// FuzzConsoleTokens checks that the session tokeniser never panics, keeps every byte of its
// input, and agrees with chroma's BashSession lexer whenever it accepts an input.
func FuzzConsoleTokens(f *testing.F) {
	for _, s := range consoleSnippets {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := consoleTokens(s)
		if !ok {
			return
		}
		var b strings.Builder
		for _, tok := range got {
			b.WriteString(tok.Value)
		}
		if b.String() != s {
			t.Fatalf("consoleTokens(%q) text = %q", s, b.String())
		}
		if len(s) > 512 || strings.Count(s, "\\") > 12 {
			return
		}
		want, wantOK := chromaTokens(t, "console", s)
		if !wantOK {
			t.Fatalf("consoleTokens accepted %q, chroma finds an error", s)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("consoleTokens(%q) (-chroma +ours):\n%s", s, diff)
		}
	})
}
