package highlight

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/google/go-cmp/cmp"
)

// fastTokens is the fast tokeniser for a fence language, or nil.
func fastTokens(lang string) func(string) ([]chroma.Token, bool) {
	switch lang {
	case "js", "javascript":
		return jsTokens
	case "bash", "sh", "shell", "curl":
		return shTokens
	case "console":
		return consoleTokens
	}
	return nil
}

// TestShippedBlocksMatchChroma runs every shell and JavaScript block of the shipped content
// through the fast tokenisers and checks that each one they accept comes out as chroma's lexer
// has it.
func TestShippedBlocksMatchChroma(t *testing.T) {
	blocks := 0
	err := filepath.WalkDir("../../content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		lines := strings.SplitAfter(string(src), "\n")
		for i := 0; i < len(lines); i++ {
			lang, ok := strings.CutPrefix(strings.TrimSpace(lines[i]), "```")
			if !ok || lang == "" {
				continue
			}
			var code strings.Builder
			j := i + 1
			for ; j < len(lines) && strings.TrimSpace(lines[j]) != "```"; j++ {
				code.WriteString(lines[j])
			}
			start := i + 1
			i = j
			fast := fastTokens(lang)
			if fast == nil {
				continue
			}
			blocks++
			got, ok := fast(code.String())
			if !ok {
				t.Logf("%s:%d: %s block left to chroma", path, start, lang)
				continue
			}
			want, wantOK := chromaTokens(t, lang, code.String())
			if !wantOK {
				t.Errorf("%s:%d: accepted, chroma finds an error", path, start)
			} else if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s:%d: tokens (-chroma +ours):\n%s", path, start, diff)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if blocks == 0 {
		t.Fatal("no shell or JavaScript blocks found in the shipped content")
	}
	t.Logf("%d shell and JavaScript blocks", blocks)
}

// BenchmarkHighlight writes the bench site's blocks (site/internal/benchsite) with the fast
// tokeniser and with chroma's lexer, each through the site's HTML formatter and without the
// cache.
func BenchmarkHighlight(b *testing.B) {
	h, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct{ lang, code string }{{"bash", shSnippets[0].in}, {"js", jsSnippets[0].in}} {
		if _, ok := fastTokens(tc.lang)(tc.code); !ok {
			b.Fatalf("%s: the fast tokeniser declines the bench block", tc.lang)
		}
		var buf bytes.Buffer
		b.Run(tc.lang+"/fast", func(b *testing.B) {
			for b.Loop() {
				buf.Reset()
				toks, _ := fastTokens(tc.lang)(tc.code)
				if err := h.f.Format(&buf, h.style, chroma.Literator(toks...)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(tc.lang+"/chroma", func(b *testing.B) {
			for b.Loop() {
				buf.Reset()
				it, err := lexerFor(tc.lang).Tokenise(nil, tc.code)
				if err != nil {
					b.Fatal(err)
				}
				if err := h.f.Format(&buf, h.style, it); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
