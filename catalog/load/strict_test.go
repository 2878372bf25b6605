package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestStrictFrontMatter checks that unknown keys and wrong types in front matter fail with
// file:line, the key's path, and what was expected.
func TestStrictFrontMatter(t *testing.T) {
	index := func(s string) string { return "-- acme/index.md --\n---\n" + s + "---\n" }
	const shapes = "  shapes:\n    - name: acme\n      match: {error: string}\n      code: error\n"
	page := func(fm string) string {
		return apiIndex + "-- acme/errors/a.md --\n" + strings.Replace(goodPage, "retry: {strategy: never}\n", fm, 1)
	}
	for _, tc := range []struct {
		name, archive string
		want          []string
	}{
		{"near miss at the top", "-- a.md --\n---\ntitel: A\n---\n",
			[]string{`a.md:2: front matter: unknown key "titel" (did you mean "title"?)`}},
		{"unknown key lists the known ones", "-- a.md --\n---\ntitle: A\ncolour: red\n---\n",
			[]string{`a.md:3: front matter: unknown key "colour" (known keys: api, code, description, draft, hints, retry, shape, status, statuses, title, weight, when)`}},
		{"api key misspelt", index("title: Acme\napi:\n  name: Acme\n  hostz: [a.test]\n" + shapes),
			[]string{`acme/index.md:5: front matter: api: unknown key "hostz" (did you mean "hosts"?)`}},
		{"a string where a list is wanted", index("title: Acme\napi:\n  name: Acme\n  hosts: api.acme.test\n" + shapes),
			[]string{`acme/index.md:5: front matter: api.hosts: want a list of strings, got the string "api.acme.test"`}},
		{"a list where a string is wanted", index("title: Acme\napi:\n  name: Acme\n" + shapes + "      message: [error.message, error.detail]\n"),
			[]string{`acme/index.md:9: front matter: api.shapes[0].message: want a string, got a list`}},
		{"shape key misspelt", index("title: Acme\napi:\n  name: Acme\n" + shapes + "      strenth: high\n"),
			[]string{`acme/index.md:9: front matter: api.shapes[0]: unknown key "strenth" (did you mean "strength"?)`}},
		{"a mapping where a list of mappings is wanted", index("title: Acme\napi:\n  name: Acme\n  keys: {prefix: sk_}\n" + shapes),
			[]string{`acme/index.md:5: front matter: api.keys: want a list of mappings, got a mapping`}},
		{"retry by status", index("title: Acme\napi:\n  name: Acme\n" + shapes + "  retry:\n    \"429\": {strategy: retry-after, wait: 3}\n"),
			[]string{`acme/index.md:10: front matter: api.retry.429: unknown key "wait" (known keys: attempts, base_seconds, cap_seconds, detail, strategy)`}},
		{"a boolean where a string is wanted", index("title: Acme\napi:\n  name: Acme\n  headers: {request_id: true}\n" + shapes),
			[]string{`acme/index.md:5: front matter: api.headers.request_id: want a string, got the boolean true`}},
		{"status as a string", page("retry: {strategy: never}\nstatuses: \"400\"\n"),
			[]string{`acme/errors/a.md:6: front matter: statuses: want a list of integers, got the string "400"`}},
		{"a fraction where an integer is wanted", page("retry: {strategy: backoff, base_seconds: 1, attempts: 2.5}\n"),
			[]string{`acme/errors/a.md:5: front matter: retry.attempts: want an integer, got the number 2.5`}},
		{"a word where a number is wanted", page("retry: {strategy: backoff, base_seconds: one, attempts: 2}\n"),
			[]string{`acme/errors/a.md:5: front matter: retry.base_seconds: want a number, got the string "one"`}},
		{"hint key misspelt", page("retry: {strategy: never}\nhints:\n  - mesage: x\n    cause: y\n"),
			[]string{`acme/errors/a.md:7: front matter: hints[0]: unknown key "mesage" (did you mean "message"?)`}},
		{"every problem at once", page("retry: {strategy: never, detial: x}\nstatuses: 400\ndraft: no\n"),
			[]string{`acme/errors/a.md:5: front matter: retry: unknown key "detial" (did you mean "detail"?)`,
				`acme/errors/a.md:6: front matter: statuses: want a list of integers, got the integer 400`,
				`acme/errors/a.md:7: front matter: draft: want true or false, got the string "no"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Content(tree(tc.archive))
			if err == nil {
				t.Fatal("no error")
			}
			got := err.Error()
			if got != strings.Join(tc.want, "\n") {
				t.Errorf("error:\n%s\nwant:\n%s", got, strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestStrictOpenAPI checks errdocs's own keys in openapi.yaml, and the types of the keys it
// reads; other keys are OpenAPI's and pass.
func TestStrictOpenAPI(t *testing.T) {
	const head = "openapi: 3.1.0\ninfo: {title: Acme, version: '1'}\npaths:\n  /v1/things:\n    post:\n"
	for _, tc := range []struct {
		name, spec, want string
	}{
		{"extension misspelt", head + "      x-errdocs-scop: write\n      responses: {'200': {description: ok}}\n",
			`acme/openapi.yaml:6: paths./v1/things.post: unknown key "x-errdocs-scop" (did you mean "x-errdocs-scope"?)`},
		{"extension of the wrong type", head + "      x-errdocs-order: auth-missing\n      responses: {'200': {description: ok}}\n",
			`acme/openapi.yaml:6: paths./v1/things.post.x-errdocs-order: want a list of strings, got the string "auth-missing"`},
		{"extension's key misspelt", head + "      x-errdocs-validation: {status: 422, isues: all}\n      responses: {'200': {description: ok}}\n",
			`acme/openapi.yaml:6: paths./v1/things.post.x-errdocs-validation: unknown key "isues" (did you mean "issues"?)`},
		{"a key errdocs reads, of the wrong type", head + "      requestBody:\n        content:\n          application/json:\n            schema: {type: object, required: name}\n      responses: {'200': {description: ok}}\n",
			`acme/openapi.yaml:9: paths./v1/things.post.requestBody.content.application/json.schema.required: want a list of strings, got the string "name"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Content(tree(apiIndex + "-- acme/openapi.yaml --\n" + tc.spec))
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
	if _, err := Content(tree(apiIndex + "-- acme/openapi.yaml --\n" + head + "      summary: Make a thing\n      x-vendor: {any: thing}\n      tags: [things]\n      responses: {'200': {description: ok}}\n")); err != nil {
		t.Errorf("keys errdocs does not read fail: %v", err)
	}
}

// TestBundledYAML checks YAML that bundlers such as Redocly CLI write, which goccy/go-yaml
// rejected: an empty block scalar with keep chomping ("|+") followed by more keys.
func TestBundledYAML(t *testing.T) {
	spec := "openapi: 3.1.0\ninfo:\n  title: Acme\n  description: |+\n\n  version: '1'\npaths:\n  /v1/things:\n    get:\n      description: >+\n      responses:\n        '200': {description: ok}\n"
	s, err := Content(tree(apiIndex + "-- acme/openapi.yaml --\n" + spec))
	if err != nil {
		t.Fatal(err)
	}
	if ops := s.Catalog.API("acme").Operations; len(ops) != 1 || ops[0].Path != "/v1/things" {
		t.Errorf("operations = %+v", ops)
	}
	s, err = Content(tree("-- a.md --\n---\ntitle: A\ndescription: |+\n\nweight: 2\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Pages[0]; p.Description != "\n" || p.Weight != 2 {
		t.Errorf("description %q, weight %d", p.Description, p.Weight)
	}
}

// FuzzFrontMatter feeds the loader arbitrary front matter on an API index and an error page:
// it must answer with content errors, never panic.
func FuzzFrontMatter(f *testing.F) {
	f.Add("title: Acme\napi:\n  name: Acme\n  hosts: [a.test]\n  shapes: [{name: a, match: {error: string}, code: error}]\n", "code: broken\nstatus: 400\ntitle: B\nretry: {strategy: never}\n")
	f.Add("api: &a {name: *a}\n", "statuses: 400\nhints: [{mesage: x}]\n")
	f.Add("api: {retry: {\"429\": {strategy: backoff, attempts: 2.5}}}\n", "code: [1]\nstatus: \"x\"\n")
	f.Fuzz(func(t *testing.T, index, page string) {
		fsys := tree("-- acme/index.md --\n---\n" + index + "\n---\n-- acme/errors/a.md --\n---\n" + page + "\n---\n" +
			strings.SplitN(goodPage, "---\n", 3)[2])
		_, err := Content(fsys)
		if err != nil {
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error is %T, not Errors: %v", err, err)
			}
		}
	})
}

// paths is a key that takes one path or a list of them, reading itself as the catalog's types
// would (they travel as JSON and link no YAML).
type paths []string

func (p *paths) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*p = paths{one}
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return errors.New("want a path or a list of paths")
	}
	*p = list
	return nil
}

// word reads itself through the YAML hook that needs no YAML import.
type word string

func (w *word) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if err := unmarshal(&s); err != nil {
		return err
	}
	if s != "high" && s != "low" {
		return fmt.Errorf("%q is not high or low", s)
	}
	*w = word(s)
	return nil
}

// TestTypesThatDecodeThemselves checks that a key whose type reads its own forms is checked
// and decoded by that type, so a key added with several forms needs no change here.
func TestTypesThatDecodeThemselves(t *testing.T) {
	type matter struct {
		Code  paths `yaml:"code"`
		Level word  `yaml:"level"`
	}
	for _, tc := range []struct {
		name, yaml string
		want       matter
		problem    string
	}{
		{"one path", "code: error.code\nlevel: high\n", matter{Code: paths{"error.code"}, Level: "high"}, ""},
		{"a list", "code: [code, type]\n", matter{Code: paths{"code", "type"}}, ""},
		{"neither", "code: {a: 1}\n", matter{}, "code: want a path or a list of paths"},
		{"a bad word", "level: medium\n", matter{}, `level: "medium" is not high or low`},
		{"a list for a word", "level: [high]\n", matter{}, "level: want a string, got a list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := yamlTree([]byte(tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			var bad []typeProblem
			checkTyped(n, reflect.TypeOf(matter{}), "", &bad)
			if tc.problem != "" {
				if len(bad) != 1 || bad[0].msg != tc.problem {
					t.Errorf("problems %+v, want %q", bad, tc.problem)
				}
				return
			}
			if len(bad) > 0 {
				t.Fatalf("problems %+v", bad)
			}
			var got matter
			decodeNode(n, reflect.ValueOf(&got).Elem(), 0)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("decoded %+v, want %+v", got, tc.want)
			}
		})
	}
}
