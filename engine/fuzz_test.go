package engine

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"
)

// seedPastes adds every golden paste to a fuzz corpus, the presets' cases included.
func seedPastes(f *testing.F) {
	files, _ := filepath.Glob("testdata/explain/*.txtar")
	presets, _ := filepath.Glob("testdata/apis/*/cases.txtar")
	for _, file := range append(files, presets...) {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range ar.Files {
			if af.Name == "paste" || strings.HasSuffix(af.Name, ".paste") {
				f.Add(string(af.Data))
			}
		}
	}
}

// FuzzRead checks that the paste reader never panics and keeps its offsets inside the paste.
func FuzzRead(f *testing.F) {
	seedPastes(f)
	f.Fuzz(func(t *testing.T, text string) {
		p := read(text)
		if r := p.resp; r != nil {
			if r.bodyOff < 0 || r.bodyOff > len(p.text) {
				t.Fatalf("bodyOff %d outside the paste of %d bytes", r.bodyOff, len(p.text))
			}
			// A decoded body (an escaped string in a log line) is not the paste's text; an
			// edited one (trailing commas blanked) is, byte for byte but the commas.
			if !r.decoded {
				if r.bodyOff+len(r.body) > len(p.text) {
					t.Fatalf("body [%d:+%d] outside the paste of %d bytes", r.bodyOff, len(r.body), len(p.text))
				}
				if got := p.text[r.bodyOff : r.bodyOff+len(r.body)]; got != r.body && !(r.edited && strings.ReplaceAll(got, ",", " ") == strings.ReplaceAll(r.body, ",", " ")) {
					t.Fatal("body is not the paste's text at bodyOff")
				}
			}
		}
		for _, pr := range p.problems {
			if pr.Line < 0 || pr.Line > len(p.lines) {
				t.Fatalf("problem line %d outside 1..%d", pr.Line, len(p.lines))
			}
		}
	})
}

// FuzzExplain checks that Explain never panics, always gives a verdict that encodes as JSON,
// and never reports an internal failure.
func FuzzExplain(f *testing.F) {
	seedPastes(f)
	cat := shippedCatalog(f)
	f.Fuzz(func(t *testing.T, text string) {
		v := Explain(cat, text, testOpts)
		for _, p := range v.Problems {
			if strings.HasPrefix(p.Message, "errdocs failed on this paste") {
				t.Fatalf("engine panicked: %s", p.Message)
			}
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(b) {
			t.Fatal("verdict JSON is not UTF-8")
		}
		switch v.Input {
		case "response", "request", "unknown":
		default:
			t.Fatalf("input = %q", v.Input)
		}
	})
}
