package engine

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/internal/testkit"
)

// TestPresetAPIs proves each built-in shape with a small fictional API under testdata/apis,
// one folder per preset, built from content alone by the real loader. Every example on its
// pages must decode to its page, and each case in the folder's cases.txtar (a NAME.paste
// section) must give the verdict in NAME.json with the API's catalog and the one in
// NAME.bare.json with no catalog at all, where the preset alone must recognise the body.
func TestPresetAPIs(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/apis/*/cases.txtar")
	if len(dirs) != len(catalog.PresetNames()) {
		t.Errorf("%d preset folders in testdata/apis, want one for each of %v", len(dirs), catalog.PresetNames())
	}
	for _, file := range dirs {
		dir := filepath.Dir(file)
		preset := filepath.Base(dir)
		t.Run(preset, func(t *testing.T) {
			s, err := load.Content(os.DirFS(dir))
			if err != nil {
				t.Fatal(err)
			}
			cat := s.Catalog
			if len(cat.APIs) != 1 || len(cat.APIs[0].Shapes) == 0 || cat.APIs[0].Shapes[0].Preset != preset {
				t.Fatalf("%s must declare one API whose first shape has preset: %s", dir, preset)
			}
			api := cat.APIs[0]
			for _, e := range api.Errors {
				for _, ex := range e.Examples {
					if _, err := CheckExample(cat, e, ex.Text, testOpts); err != nil {
						t.Errorf("%s/%s:%d: %v", dir, e.Source, ex.Line, err)
					}
				}
			}
			a := testkit.ReadTxtar(t, file)
			// The names first: -update adds sections to the archive while the cases run.
			var names []string
			for _, f := range a.Files() {
				if name, ok := strings.CutSuffix(f.Name, ".paste"); ok {
					names = append(names, name)
				}
			}
			for _, name := range names {
				paste, _ := a.Section(name + ".paste")
				t.Run(name, func(t *testing.T) {
					with := Explain(cat, paste, testOpts)
					if with.API != api.ID || with.Dialect != api.Shapes[0].Name {
						t.Errorf("with the catalog: api %q dialect %q, want %q %q", with.API, with.Dialect, api.ID, api.Shapes[0].Name)
					}
					bare := Explain(&catalog.Catalog{}, paste, testOpts)
					if bare.Dialect != preset {
						t.Errorf("without a catalog: dialect %q, want %q", bare.Dialect, preset)
					}
					for _, c := range []struct {
						section string
						v       *Verdict
					}{{name + ".json", with}, {name + ".bare.json", bare}} {
						got, err := json.MarshalIndent(c.v, "", "  ")
						if err != nil {
							t.Fatal(err)
						}
						prev := name + ".paste"
						if c.section == name+".bare.json" {
							prev = name + ".json"
						}
						a.CompareAfter(t, prev, c.section, string(got)+"\n")
					}
				})
			}
			if len(names) < 2 {
				t.Errorf("%s has %d cases, want at least 2", file, len(names))
			}
		})
	}
}
