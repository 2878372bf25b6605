package load

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/content"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaFor compiles the generated JSON Schema of a kind of page.
func schemaFor(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	data, err := fs.ReadFile(Schemas, "schema/"+name+".json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	url := "https://errdocs.test/schema/" + name + ".json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

// frontMatterJSON reads a page's front matter as JSON data, the way an editor's YAML server
// hands it to the schema.
func frontMatterJSON(t *testing.T, file string, data []byte) any {
	t.Helper()
	fm, _, _, ok := splitFrontMatter(data)
	if !ok {
		t.Fatalf("%s: no front matter", file)
	}
	tree, err := yamlTree(fm)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	text, err := jsonOf(tree)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchemasAcceptShippedContent checks the generated schemas against the shipped pages,
// each against the schema of its kind: what the loader accepts, the schema accepts.
func TestSchemasAcceptShippedContent(t *testing.T) {
	schemas := map[string]*jsonschema.Schema{}
	for _, k := range []string{"api-index", "code-page", "page"} {
		schemas[k] = schemaFor(t, k)
	}
	n := 0
	err := fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || Skipped(p, d.Name()) {
			return err
		}
		data, err := fs.ReadFile(content.FS, p)
		if err != nil {
			return err
		}
		kind := "page"
		switch {
		case isAPIIndex(p):
			kind = "api-index"
		case path.Base(path.Dir(p)) == "errors":
			kind = "code-page"
		}
		if err := schemas[kind].Validate(frontMatterJSON(t, p, data)); err != nil {
			t.Errorf("%s against %s.json: %v", p, kind, err)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("only %d pages checked", n)
	}
}

// TestSchemasRefuse checks that the schemas refuse what the loader refuses: an unknown key, a
// wrong type, a missing required key, a word outside a list.
func TestSchemasRefuse(t *testing.T) {
	for _, tc := range []struct{ name, kind, fm string }{
		{"unknown key", "code-page", "code: x\nstatus: 400\ntitle: X\nretry: {strategy: never}\ncolour: red\n"},
		{"unknown nested key", "api-index", "api:\n  name: X\n  shapes: [{name: x, match: {a: string}, strenth: high}]\n"},
		{"a string for a list", "api-index", "api:\n  name: X\n  hosts: api.x.test\n"},
		{"missing retry", "code-page", "code: x\nstatus: 400\ntitle: X\n"},
		{"unknown strategy", "code-page", "code: x\nstatus: 400\ntitle: X\nretry: {strategy: sometimes}\n"},
		{"api on a code page", "code-page", "code: x\nstatus: 400\ntitle: X\nretry: {strategy: never}\napi: {name: X}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := frontMatterJSON(t, "x.md", []byte("---\n"+tc.fm+"---\n"))
			if err := schemaFor(t, tc.kind).Validate(v); err == nil {
				b, _ := json.Marshal(v)
				t.Errorf("%s.json accepts %s", tc.kind, b)
			}
		})
	}
}
