package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/engine"
)

// TestInit runs the README's "Start a catalog" commands: errdocs init with and without a spec,
// errdocs build over the tree, and errdocs explain of every example it holds, which must lead
// to the example's own page.
func TestInit(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		id   string
	}{
		{"sample", []string{"init", "--name", "acme", "--schema-base", "https://docs.acme.test/"}, "acme"},
		{"openapi", []string{"init", "--from-openapi", "../../catalog/scaffold/testdata/specs/fictional/openapi.yaml"}, "acme-widgets"},
		{"problem details", []string{"init", "--from-openapi", "../../catalog/scaffold/testdata/specs/akamai-cam/openapi.json", "--name", "cam"}, "cam"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "docs")
			code, out, errs := run(t, "", append(tc.args, dir)...)
			if code != 0 || errs != "" {
				t.Fatalf("init: exit %d, stderr %q", code, errs)
			}
			if !strings.Contains(out, "the "+tc.id+" API") {
				t.Errorf("init says %q", out)
			}
			index, err := os.ReadFile(filepath.Join(dir, tc.id, "index.md"))
			if err != nil {
				t.Fatal(err)
			}
			want := "# yaml-language-server: $schema=http://127.0.0.1:8080/schema/api-index.json"
			if tc.name == "sample" {
				want = "# yaml-language-server: $schema=https://docs.acme.test/schema/api-index.json"
			}
			if !strings.Contains(string(index), want) {
				t.Errorf("%s/index.md has no %q", tc.id, want)
			}
			if code, _, errs := run(t, "", "build", "-q", "--content", dir, "-o", filepath.Join(t.TempDir(), "public")); code != 0 {
				t.Fatalf("build: exit %d\n%s", code, errs)
			}
			site, err := load.Content(os.DirFS(dir))
			if err != nil {
				t.Fatal(err)
			}
			a := site.Catalog.API(tc.id)
			if a == nil {
				t.Fatalf("no API %q", tc.id)
			}
			for _, e := range a.Errors {
				for _, ex := range e.Examples {
					f := filepath.Join(t.TempDir(), "paste.txt")
					if err := os.WriteFile(f, []byte(ex.Text), 0o644); err != nil {
						t.Fatal(err)
					}
					code, out, errs := run(t, "", "explain", "--json", "--content", dir, f)
					var v engine.Verdict
					if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
						t.Fatalf("explain: exit %d, stderr %q", code, errs)
					}
					if v.Docs != e.Docs || v.Code != e.Code {
						t.Errorf("%s:%d: explain leads to %q (code %q), want %s", e.Source, ex.Line, v.Docs, v.Code, e.Docs)
					}
				}
			}
			if code, _, errs := run(t, "", append(tc.args, dir)...); code != 2 || !strings.Contains(errs, "is not empty") {
				t.Errorf("init into a full folder: exit %d, stderr %q", code, errs)
			}
		})
	}
	if code, _, errs := run(t, "", "init", "--from-openapi", "nope.yaml", t.TempDir()+"/x"); code != 2 || !strings.Contains(errs, "nope.yaml") {
		t.Errorf("missing spec: exit %d, stderr %q", code, errs)
	}
}
