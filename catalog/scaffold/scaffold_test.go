package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/internal/testkit"
	"golang.org/x/tools/txtar"
)

// loadTree loads a result as errdocs build would and checks that every example on every error
// page decodes to that page. It returns the site.
func loadTree(t *testing.T, r *Result) *load.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, b := range r.Files {
		fsys[p] = &fstest.MapFile{Data: b}
	}
	s, err := load.Content(fsys)
	if err != nil {
		t.Fatalf("the tree does not load:\n%v", err)
	}
	n := 0
	for _, a := range s.Catalog.APIs {
		for _, e := range a.Errors {
			for _, ex := range e.Examples {
				n++
				v := engine.Explain(s.Catalog, ex.Text)
				// A bare JSON body carries no status; it is matched by its code alone.
				if v.Docs != e.Docs || v.Code != e.Code || v.Status != 0 && !e.HasStatus(v.Status) {
					t.Errorf("%s:%d: decodes to %q (code %q, status %d), want %s",
						e.Source, ex.Line, v.Docs, v.Code, v.Status, e.Docs)
				}
				// Problem details: the engine reads the same code with no catalog at all.
				if sh := a.Shape(e.Shape); sh != nil && sh.IsProblem() {
					if v0 := engine.Explain(&catalog.Catalog{}, ex.Text); v0.Code != e.Code {
						t.Errorf("%s:%d: with no catalog the code is %q, want %q", e.Source, ex.Line, v0.Code, e.Code)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Error("no examples")
	}
	for p, b := range r.Files {
		if strings.HasSuffix(p, ".md") && !strings.Contains(string(b), "# yaml-language-server: $schema=") {
			t.Errorf("%s has no yaml-language-server modeline", p)
		}
	}
	return s
}

func TestSample(t *testing.T) {
	r, err := New(Options{ID: "acme", SchemaBase: "https://docs.acme.test/"})
	if err != nil {
		t.Fatal(err)
	}
	s := loadTree(t, r)
	if a := s.Catalog.API("acme"); a == nil || a.Name != "Acme" || len(a.Errors) != 3 {
		t.Fatalf("api = %+v", a)
	}
	if !strings.Contains(string(r.Files["acme/errors/rate-limited.md"]), "$schema=https://docs.acme.test/schema/code-page.json") {
		t.Error("the modeline does not name the code page schema under SchemaBase")
	}
}

// TestSpecs starts a tree from each OpenAPI document in testdata/specs (see its README): the
// tree loads, and every example the spec gives decodes to its page.
func TestSpecs(t *testing.T) {
	for _, tc := range []struct {
		file     string
		pages    int
		examples int
		codes    []string // some codes the tree must have
		shapes   int
	}{
		{"akamai-cam/openapi.json", 6, 6, []string{"access-key-already-exists", "access-key-does-not-exist", "external-service-error", "no-contract-group-write-permission"}, 1},
		{"openai/openapi.yaml", 3, 0, nil, 2},
		{"github/openapi.json", 7, 0, nil, 1},
		{"fictional/openapi.yaml", 6, 2, []string{"invalid_request", "rate_limited", "not_found", "internal", "quota_exceeded", "WIDGET_EXISTS"}, 1},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/specs", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			r, err := New(Options{ID: "api", Spec: data, SpecName: tc.file})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Notes) > 0 {
				t.Errorf("notes: %q", r.Notes)
			}
			if r.Pages != tc.pages || r.Examples != tc.examples {
				t.Errorf("%d pages with %d spec examples, want %d and %d", r.Pages, r.Examples, tc.pages, tc.examples)
			}
			s := loadTree(t, r)
			a := s.Catalog.API("api")
			if len(a.Shapes) != tc.shapes {
				t.Errorf("%d shapes, want %d", len(a.Shapes), tc.shapes)
			}
			if len(a.Operations) == 0 {
				t.Error("no operations for request checks")
			}
			codes := map[string]bool{}
			for _, c := range a.Codes() {
				codes[c] = true
			}
			for _, c := range tc.codes {
				if !codes[c] {
					t.Errorf("no page for code %q (have %v)", c, a.Codes())
				}
			}
		})
	}
}

// problemSpec answers errors as RFC 9457 problem details whose type URIs are named in an enum,
// a const and an example, and a 500 with the default type.
const problemSpec = `openapi: 3.1.0
info: {title: Shop API, version: "1"}
servers: [{url: "https://api.shop.test/v1"}]
paths:
  /orders/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
    get:
      responses:
        "200": {description: The order.}
        "404":
          description: No such order.
          content:
            application/problem+json:
              schema: {$ref: "#/components/schemas/Problem"}
        "500":
          description: The shop failed.
          content:
            application/problem+json:
              schema: {$ref: "#/components/schemas/Problem"}
              example: {type: "about:blank", title: Internal Server Error, status: 500, detail: Try again later.}
    delete:
      responses:
        "204": {description: Deleted.}
        "402":
          description: The refund needs funds.
          content:
            application/problem+json:
              schema:
                type: object
                required: [type, title, status]
                properties:
                  type: {const: "https://api.shop.test/problems/insufficient-funds"}
                  title: {type: string}
                  status: {type: integer}
                  detail: {type: string}
        "409":
          description: The order is shipped.
          content:
            application/problem+json:
              schema: {$ref: "#/components/schemas/Problem"}
              example: {type: "https://api.shop.test/problems/order-shipped", title: Order shipped, status: 409, detail: Order 7 has shipped.}
components:
  schemas:
    Problem:
      type: object
      required: [type, title, status]
      properties:
        type:
          type: string
          format: uri-reference
          enum: ["https://api.shop.test/problems/order-not-found", "https://api.shop.test/problems/order-shipped", "about:blank"]
        title: {type: string}
        status: {type: integer}
        detail: {type: string}
`

// TestProblemTypeCodes: for problem details, init takes the codes from the type URIs (enum,
// const and examples), one page per code, and a page per status for the default type.
func TestProblemTypeCodes(t *testing.T) {
	r, err := New(Options{ID: "shop", Spec: []byte(problemSpec), SpecName: "shop.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	s := loadTree(t, r)
	a := s.Catalog.API("shop")
	if len(a.Shapes) != 1 || a.Shapes[0].Preset != "problem+json" || !a.Shapes[0].CodeOptional() {
		t.Fatalf("shapes = %+v", *a.Shapes[0])
	}
	got := map[string]int{}
	for _, e := range a.Errors {
		got[e.Code] = e.Status
	}
	for _, e := range a.Errors {
		for _, ex := range e.Examples {
			// "about:blank" is a type with no code by design, not a body missing its code.
			for _, p := range engine.Explain(s.Catalog, ex.Text).Problems {
				t.Errorf("%s:%d: %s: %s", e.Source, ex.Line, p.Severity, p.Message)
			}
		}
	}
	want := map[string]int{"order-not-found": 404, "order-shipped": 409, "insufficient-funds": 402, "": 500}
	if len(got) != len(want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	for c, st := range want {
		if got[c] != st {
			t.Errorf("page %q has status %d, want %d (pages %v)", c, got[c], st, got)
		}
	}
}

// TestGoldenTrees pins the Markdown init writes, for the sample and for each spec, as txtar
// archives under testdata/golden (go test -run TestGoldenTrees -update rewrites them; review
// the diff: it is what a team gets from its spec).
func TestGoldenTrees(t *testing.T) {
	for _, tc := range []struct{ name, spec string }{
		{"sample", ""},
		{"akamai-cam", "akamai-cam/openapi.json"},
		{"openai", "openai/openapi.yaml"},
		{"github", "github/openapi.json"},
		{"fictional", "fictional/openapi.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Options{ID: tc.name, SchemaBase: "https://docs.example.test/"}
			if tc.spec != "" {
				data, err := os.ReadFile(filepath.Join("testdata/specs", tc.spec))
				if err != nil {
					t.Fatal(err)
				}
				o.Spec, o.SpecName = data, tc.spec
			}
			r, err := New(o)
			if err != nil {
				t.Fatal(err)
			}
			var a txtar.Archive
			for _, p := range sortedKeys(r.Files) {
				if strings.HasSuffix(p, ".md") {
					a.Files = append(a.Files, txtar.File{Name: p, Data: r.Files[p]})
				}
			}
			testkit.CompareWithGolden(t, string(txtar.Format(&a)), "testdata/golden/"+tc.name+".txtar")
		})
	}
}

// TestSpecFacts checks what the fictional spec says beyond codes: hosts, headers, retry.
func TestSpecFacts(t *testing.T) {
	data, err := os.ReadFile("testdata/specs/fictional/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(Options{Spec: data, SpecName: "openapi.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "acme-widgets" {
		t.Errorf("id %q, want acme-widgets (from the title)", r.ID)
	}
	a := loadTree(t, r).Catalog.API("acme-widgets")
	h := a.Headers
	if h.RequestID != "X-Request-Id" || h.RetryAfter != "Retry-After" || h.RateLimitReset != "X-RateLimit-Reset" ||
		h.IdempotencyKey != "Idempotency-Key" || len(h.RateLimit) != 2 {
		t.Errorf("headers = %+v", h)
	}
	if len(a.Hosts) != 1 || a.Hosts[0] != "*.api.acme.test" {
		t.Errorf("hosts = %v", a.Hosts)
	}
	if got := a.RetryFor(429).Strategy; got != "retry-after" {
		t.Errorf("429 retry %q, want retry-after (the spec declares Retry-After)", got)
	}
	if !strings.Contains(string(r.Files["acme-widgets/index.md"]), "an API key in the header `X-Acme-Key`") {
		t.Error("the index does not name the API key scheme")
	}
}

// TestMalformedSpecs checks that a spec errdocs cannot use gets a clear error, not a panic.
func TestMalformedSpecs(t *testing.T) {
	for _, tc := range []struct{ name, spec, want string }{
		{"empty", "", "not an OpenAPI document"},
		{"not YAML", "openapi: [3.1\n", "bad.yaml: line 1: did not find expected"},
		{"a list", "[1, 2]", "not an OpenAPI document"},
		{"Swagger 2.0", `{"swagger": "2.0", "paths": {}}`, "Swagger 2.0 is not supported"},
		{"version", "openapi: 2.5.0\npaths: {}\n", `openapi "2.5.0" is not 3.0 or 3.1`},
		{"no version", "info: {title: x}\n", "no openapi version"},
		{"no paths", "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\n", "no paths"},
		{"no error responses", "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n", "no error response"},
		{"broken ref", "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '400': {$ref: '#/components/responses/Nope'}\n", "bad.yaml:"},
		{"remote ref", "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '400': {$ref: 'https://example.test/x.yaml#/Err'}\n", "bad.yaml:"},
		{"alias loop", "openapi: 3.1.0\na: &a [*a]\n", "bad.yaml:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(Options{Spec: []byte(tc.spec), SpecName: "bad.yaml"})
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want ErrSpec containing %q", err, tc.want)
			}
		})
	}
	if _, err := New(Options{ID: "Bad Name"}); err == nil {
		t.Error("a name that is not a folder name is accepted")
	}
}

// FuzzSpec feeds the spec reader arbitrary documents: it must answer, never panic, and what
// it writes must load.
func FuzzSpec(f *testing.F) {
	for _, p := range []string{"fictional/openapi.yaml", "openai/openapi.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata/specs", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"openapi":"3.0.0","paths":{"/a":{"get":{"responses":{"500":{"description":"x","content":{"application/json":{"schema":{"type":"object","properties":{"error":{"type":"string"}}}}}}}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := New(Options{ID: "api", Spec: data, SpecName: "fuzz.yaml"})
		if err != nil {
			if !errors.Is(err, ErrSpec) {
				t.Fatalf("error is not ErrSpec: %v", err)
			}
			return
		}
		fsys := fstest.MapFS{}
		for p, b := range r.Files {
			fsys[p] = &fstest.MapFile{Data: b}
		}
		if _, err := load.Content(fsys); err != nil {
			t.Fatalf("the tree written does not load: %v", err)
		}
	})
}
