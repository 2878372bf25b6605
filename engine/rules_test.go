package engine

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestRules runs every golden case and checks that each rule adds a problem in at least one of
// them, and that testdata/README.md names, for each rule, cases where it does.
func TestRules(t *testing.T) {
	cat := shippedCatalog(t)
	files, _ := filepath.Glob("testdata/explain/*.txtar")
	cases := map[string][]string{}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name != "paste" {
				continue
			}
			name := strings.TrimSuffix(filepath.Base(file), ".txtar")
			opts := testOpts
			opts.fired = func(rule string) { cases[rule] = append(cases[rule], name) }
			Explain(cat, string(f.Data), opts)
		}
	}
	readme := readFile(t, "testdata/README.md")
	for _, r := range rules {
		got := cases[r.name]
		sort.Strings(got)
		if len(got) == 0 {
			t.Errorf("rule %s fires on no golden case: add one to testdata/explain", r.name)
			continue
		}
		t.Logf("%s: %s", r.name, strings.Join(got, ", "))
		listed := false
		for _, c := range got {
			listed = listed || strings.Contains(readme, "`"+r.name+"`") && strings.Contains(readme, c)
		}
		if !listed {
			t.Errorf("testdata/README.md does not list rule `%s` with one of its cases (%s)", r.name, strings.Join(got, ", "))
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
