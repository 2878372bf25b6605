package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tokenCase is one row of testdata/tokens.json, the table that search_js_test.mjs also runs
// against static/search.js, so the index and the queries make the same terms.
type tokenCase struct {
	Name   string   `json:"name"`
	In     string   `json:"in"`
	Tokens []string `json:"tokens"`
}

func TestTokenize(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "tokens.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []tokenCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			got := []string{}
			Tokenize(tc.In, func(s string) { got = append(got, s) })
			if diff := cmp.Diff(tc.Tokens, got); diff != "" {
				t.Errorf("Tokenize(%q) (-want +got):\n%s", tc.In, diff)
			}
		})
	}
}

// FuzzTokenize checks what every term is, whatever the text: not empty, lower case as
// search.js lowers it, and with no "_" at either end.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"INVALID_API_KEY", "ΟΔΟΣ Α'Σ", "İstanbul", "__x__", "éas ñies 𝐀𝐁𝐂s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Tokenize(s, func(term string) {
			if term == "" || term != lowerJS(term) || term[0] == '_' || term[len(term)-1] == '_' {
				t.Fatalf("Tokenize(%q) made the term %q", s, term)
			}
		})
	})
}
