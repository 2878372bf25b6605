// Command refgen writes the front-matter reference and the JSON Schemas of front matter from
// the Go types front matter decodes into (load.FrontMatterType and what it holds): every key,
// its type, whether it is required, its default and an example, from the fields' doc comments
// ("Default: …" and "Example: …" lines, and a quoted list such as `"a", "b" or "c"` for the
// allowed words). It runs from catalog/load's go:generate:
//
//	go run ./internal/refgen -md schema/front-matter.md -schema schema
//
// so a key added to a type is documented and completed in editors with no more work. The strict
// check (strict.go) follows the same key rules. A type that decodes itself (UnmarshalJSON, or
// UnmarshalYAML(func(any) error) error) accepts a string or a number in the schema, besides its
// Go kind; say in its doc comment which forms it takes.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/errdocs/errdocs/catalog/load"
	"go.yaml.in/yaml/v3"
)

const module = "github.com/errdocs/errdocs"

// kinds are the pages a schema is written for.
var kinds = []struct{ tag, file, title, what string }{
	{"api", "api-index", "API index page", "an API's `index.md` (`content/<api>/index.md`)"},
	{"error", "code-page", "Error page", "an error code's page (`content/<api>/errors/<slug>.md`)"},
	{"page", "page", "Other pages", "the home page, guides and any other page"},
}

func main() {
	md := flag.String("md", "", "write the Markdown reference here")
	schemaDir := flag.String("schema", "", "write the JSON Schemas into this folder")
	flag.Parse()
	root, err := moduleRoot()
	if err != nil {
		log.Fatal(err)
	}
	g := &gen{root: root, docs: map[string]string{}, parsed: map[string]bool{}}
	if *schemaDir != "" {
		for _, k := range kinds {
			b, err := json.MarshalIndent(g.schema(k.tag, k.title, k.what), "", "  ")
			if err != nil {
				log.Fatal(err)
			}
			write(filepath.Join(*schemaDir, k.file+".json"), append(b, '\n'))
		}
	}
	if *md != "" {
		write(*md, g.markdown())
	}
}

func write(p string, b []byte) {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		log.Fatal(err)
	}
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", fmt.Errorf("no go.mod above %s", dir)
		}
		dir = up
	}
}

type gen struct {
	root   string
	docs   map[string]string // "pkgpath.Type.Field" → doc comment
	parsed map[string]bool
}

// doc returns a struct field's doc comment, reading its package's source the first time. A
// field without one takes the doc of an earlier field of the struct that names it (as in
// "FieldPath, FieldMessage and FieldCode are …").
func (g *gen) doc(t reflect.Type, f reflect.StructField) string {
	pkg := t.PkgPath()
	if !g.parsed[pkg] {
		g.parsed[pkg] = true
		g.parse(pkg)
	}
	// An inlined field's doc sits on its own struct.
	owner := t
	if len(f.Index) > 1 {
		owner = t.FieldByIndex(f.Index[:len(f.Index)-1]).Type
		if !g.parsed[owner.PkgPath()] {
			g.parsed[owner.PkgPath()] = true
			g.parse(owner.PkgPath())
		}
	}
	key := owner.PkgPath() + "." + owner.Name() + "."
	if d := g.docs[key+f.Name]; d != "" {
		return d
	}
	nameRE := regexp.MustCompile(`\b` + f.Name + `\b`)
	for i := 0; i < owner.NumField(); i++ {
		o := owner.Field(i)
		if o.Name == f.Name {
			break
		}
		if d := g.docs[key+o.Name]; nameRE.MatchString(d) {
			return d
		}
	}
	return ""
}

func (g *gen) parse(pkg string) {
	dir := filepath.Join(g.root, filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")))
	fset := token.NewFileSet()
	ents, err := os.ReadDir(dir)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.ParseComments)
		if err != nil {
			log.Fatal(err)
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, sp := range gd.Specs {
				ts, ok := sp.(*ast.TypeSpec)
				if !ok {
					continue
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					continue
				}
				for _, fl := range st.Fields.List {
					text := fl.Doc.Text()
					if text == "" {
						text = fl.Comment.Text()
					}
					for _, n := range fl.Names {
						g.docs[pkg+"."+ts.Name.Name+"."+n.Name] = text
					}
				}
			}
		}
	}
}

// field is one key of a struct as the reference shows it.
type field struct {
	key, doc, def, example string
	enum                   []string
	typ                    reflect.Type
	required               bool
}

var (
	defaultRE = regexp.MustCompile(`(?m)^Default: (.*)$`)
	exampleRE = regexp.MustCompile(`(?m)^Example: (.*)$`)
	enumRE    = regexp.MustCompile(`((?:"[a-z0-9-]+", )*"[a-z0-9-]+",? or "[a-z0-9-]+")`)
	quotedRE  = regexp.MustCompile(`"([a-z0-9-]+)"`)
)

// fields lists the keys of struct t for a kind of page ("" for nested structs).
func (g *gen) fields(t reflect.Type, kind string) []field {
	var out []field
	for _, f := range load.StructFields(t) {
		key, _ := load.StructKey(f)
		fd := field{key: key, typ: f.Type}
		if tag, ok := f.Tag.Lookup("page"); ok && kind != "" {
			in := false
			for _, k := range strings.Split(tag, ",") {
				if strings.TrimSuffix(k, "!") == kind {
					in, fd.required = true, strings.HasSuffix(k, "!")
				}
			}
			if !in {
				continue
			}
		}
		d := g.doc(t, f)
		if m := defaultRE.FindStringSubmatch(d); m != nil {
			fd.def = m[1]
		}
		if m := exampleRE.FindStringSubmatch(d); m != nil {
			fd.example = m[1]
		}
		d = exampleRE.ReplaceAllString(defaultRE.ReplaceAllString(d, ""), "")
		if isString(f.Type) {
			if m := enumRE.FindString(d); m != "" {
				for _, q := range quotedRE.FindAllStringSubmatch(m, -1) {
					fd.enum = append(fd.enum, q[1])
				}
			}
		}
		fd.doc = strings.Join(strings.Fields(d), " ")
		if rest, ok := strings.CutPrefix(fd.doc, f.Name+" "); ok {
			fd.doc = "`" + key + "` " + rest // the key, not the Go name, as the reader writes it
		}
		out = append(out, fd)
	}
	return out
}

func isString(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.String
}

func elem(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// defName is the name a struct type goes by in the reference and the schema's $defs.
func defName(t reflect.Type) string {
	n := strings.TrimSuffix(t.Name(), "Matter")
	if n == "api" {
		return "API"
	}
	return strings.ToUpper(n[:1]) + n[1:]
}

// ---- JSON Schema ----

func (g *gen) schema(kind, title, what string) map[string]any {
	defs := map[string]any{}
	s := g.object(load.FrontMatterType, kind, defs)
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["title"] = "errdocs front matter: " + title
	s["description"] = "The front matter of " + strings.ReplaceAll(what, "`", "") + ". Generated from the Go types by catalog/load/internal/refgen; the same reference in words is front-matter.md beside this schema (/schema/front-matter.md on the site errdocs builds)."
	if len(defs) > 0 {
		s["$defs"] = defs
	}
	return s
}

func (g *gen) object(t reflect.Type, kind string, defs map[string]any) map[string]any {
	props := map[string]any{}
	var req []string
	for _, f := range g.fields(t, kind) {
		p := g.typeSchema(f.typ, defs)
		if f.doc != "" {
			p["description"] = f.doc
		}
		if len(f.enum) > 0 {
			p["enum"] = f.enum
		}
		if f.def != "" {
			if v, ok := yamlValue(f.def); ok {
				p["default"] = v
			}
		}
		if f.example != "" {
			if v, ok := yamlValue(f.example); ok {
				p["examples"] = []any{v}
			}
		}
		if _, isRef := p["$ref"]; isRef && len(p) > 1 {
			// Keywords beside $ref apply too in 2020-12, but some editors ignore them: keep both.
			p = map[string]any{"allOf": []any{map[string]any{"$ref": p["$ref"]}}, "description": p["description"]}
		}
		props[f.key] = p
		if f.required {
			req = append(req, f.key)
		}
	}
	s := map[string]any{"type": "object", "additionalProperties": false, "properties": props}
	if len(req) > 0 {
		sort.Strings(req)
		s["required"] = req
	}
	return s
}

// yamlValue reads a doc comment's default or example as YAML; a value that only makes sense
// as words (a formula) is left out.
func yamlValue(s string) (any, bool) {
	var v any
	if err := yaml.Unmarshal([]byte(s), &v); err != nil {
		return nil, false
	}
	if str, ok := v.(string); ok && strings.ContainsAny(str, "×^") {
		return nil, false
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, false
	}
	var out any
	return out, json.Unmarshal(b, &out) == nil
}

func (g *gen) typeSchema(t reflect.Type, defs map[string]any) map[string]any {
	t = elem(t)
	pt := reflect.PointerTo(t)
	if pt.Implements(reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()) ||
		pt.Implements(reflect.TypeOf((*interface{ UnmarshalYAML(func(any) error) error })(nil)).Elem()) {
		// It reads several forms itself: its own kind, or a scalar.
		own := g.plainSchema(t, defs)
		return map[string]any{"anyOf": []any{own, map[string]any{"type": []string{"string", "number"}}}}
	}
	return g.plainSchema(t, defs)
}

func (g *gen) plainSchema(t reflect.Type, defs map[string]any) map[string]any {
	switch t.Kind() {
	case reflect.String:
		// A number is a fine string too (a numeric error code).
		return map[string]any{"type": []string{"string", "number"}}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": g.typeSchema(t.Elem(), defs)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.typeSchema(t.Elem(), defs)}
	case reflect.Struct:
		name := defName(t)
		if _, ok := defs[name]; !ok {
			defs[name] = true // a placeholder, for recursive types
			defs[name] = g.object(t, "", defs)
		}
		return map[string]any{"$ref": "#/$defs/" + name}
	}
	return map[string]any{}
}

// ---- Markdown ----

func (g *gen) markdown() []byte {
	var b bytes.Buffer
	b.WriteString(`# Front-matter reference

<!-- Generated by catalog/load/internal/refgen from the Go types; do not edit. Run ./build.sh generate. -->

Every key errdocs reads from a page's front matter, generated from the Go types the front matter
decodes into. An unknown key, or a value of the wrong kind (a string where a list is wanted),
fails the build with ` + "`file:line`" + `, the key's path and what was expected.

Editors that use yaml-language-server (VS Code's YAML extension, Neovim, Helix, …) complete and
check the keys when a page's front matter starts with a modeline naming its JSON Schema, which
every site errdocs builds serves under ` + "`/schema/`" + ` (` + "`errdocs init`" + ` writes it):

` + "```yaml" + `
---
# yaml-language-server: $schema=https://your.site/schema/code-page.json
code: rate_limited
` + "```" + `

| page | schema |
|---|---|
`)
	for _, k := range kinds {
		fmt.Fprintf(&b, "| %s | `/schema/%s.json` |\n", k.what, k.file)
	}
	seen := map[string]bool{}
	var nested []reflect.Type
	for _, k := range kinds {
		fmt.Fprintf(&b, "\n## %s\n\nThe front matter of %s.\n\n", k.title, k.what)
		nested = g.table(&b, load.FrontMatterType, k.tag, seen, nested)
	}
	for i := 0; i < len(nested); i++ {
		t := nested[i]
		fmt.Fprintf(&b, "\n### %s\n\n", defName(t))
		nested = g.table(&b, t, "", seen, nested)
	}
	return b.Bytes()
}

func (g *gen) table(b *bytes.Buffer, t reflect.Type, kind string, seen map[string]bool, nested []reflect.Type) []reflect.Type {
	b.WriteString("| key | type | required | default | what it is |\n|---|---|---|---|---|\n")
	for _, f := range g.fields(t, kind) {
		typ := load.TypeWords(f.typ)
		for st := elem(f.typ); ; st = elem(st.Elem()) {
			if st.Kind() == reflect.Struct {
				name := defName(st)
				typ += fmt.Sprintf(" ([%s](#%s))", name, strings.ToLower(name))
				if !seen[name] {
					seen[name] = true
					nested = append(nested, st)
				}
				break
			}
			if st.Kind() != reflect.Slice && st.Kind() != reflect.Map {
				break
			}
		}
		req := ""
		if f.required {
			req = "yes"
		}
		def := ""
		if f.def != "" {
			def = "`" + f.def + "`"
		}
		doc := f.doc
		if len(f.enum) > 0 && !strings.Contains(doc, `"`+f.enum[0]+`"`) {
			doc += " One of " + strings.Join(f.enum, ", ") + "."
		}
		if f.example != "" {
			doc += " Example: `" + f.example + "`"
		}
		fmt.Fprintf(b, "| `%s` | %s | %s | %s | %s |\n", f.key, typ, req, def, strings.ReplaceAll(doc, "|", "\\|"))
	}
	return nested
}
