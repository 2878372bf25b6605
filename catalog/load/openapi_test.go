package load

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/content"
)

// acmeKeys adds keys to the test API, so operations can name a key kind.
const acmeKeyed = `-- acme/index.md --
---
title: Acme
api:
  name: Acme
  hosts: [api.acme.test]
  keys:
    - {prefix: ak_, kind: secret, secret: true}
  shapes:
    - name: acme
      match: {error: string}
      code: error
  retry:
    default: {strategy: never}
  predict:
    auth: {scheme: Bearer, case_sensitive: true}
    messages:
      required: {message: Required, code: invalid_type}
---
`

const acmeOpenAPI = `-- acme/openapi.yaml --
openapi: 3.1.0
info: {title: Acme, version: "1"}
x-errdocs-when:
  auth-missing: no key
  body-schema: bad body
paths:
  /v1/things/{id}:
    parameters:
      - name: id
        in: path
        required: true
        schema: {type: string, format: uuid}
    post:
      operationId: makeThing
      x-errdocs-key: secret
      x-errdocs-order: [auth-missing, body-schema]
      x-errdocs-validation: {status: 422, shape: acme, code: invalid, issues: all}
      parameters:
        - name: Idempotency-Key
          in: header
          schema: {type: string, maxLength: 10}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Thing'
            examples:
              small:
                value: {"name": "box", "size": 3, "tree": {"kids": [{"kids": []}]}}
      responses:
        '201':
          description: Made.
        '422':
          description: Bad body.
          content:
            application/json:
              examples:
                bad:
                  x-errdocs-when: body-schema
                  value: {"error": "invalid"}
components:
  schemas:
    Thing:
      type: object
      required: [size, name]
      properties:
        name: {type: string, minLength: 1, x-errdocs-messages: {required: Name is required}}
        size: {type: integer, minimum: 1}
        kind: {type: string, enum: [small, large], nullable: true}
        tree:
          $ref: '#/components/schemas/Tree'
    Tree:
      type: object
      properties:
        kids:
          type: array
          items:
            $ref: '#/components/schemas/Tree'
`

func TestOpenAPICompiles(t *testing.T) {
	s, err := Content(tree(acmeKeyed + acmeOpenAPI))
	if err != nil {
		t.Fatal(err)
	}
	a := s.Catalog.API("acme")
	if a.Predict == nil || !a.Predict.Auth.CaseSensitive || a.Predict.Messages["required"].Message != "Required" {
		t.Errorf("predict block not read: %+v", a.Predict)
	}
	if len(a.Operations) != 1 {
		t.Fatalf("%d operations, want 1", len(a.Operations))
	}
	op := a.Operations[0]
	if op.Name() != "POST /v1/things/{id}" || op.Key != "secret" || op.Success != 201 || op.ID != "makeThing" {
		t.Errorf("operation: %+v", op)
	}
	if len(op.Params) != 2 || op.Params[0].In != "path" || op.Params[0].Schema.Format != "uuid" {
		t.Errorf("params: %+v", op.Params)
	}
	if op.Validation == nil || op.Validation.Status != 422 || op.Validation.Code != "invalid" {
		t.Errorf("validation: %+v", op.Validation)
	}
	if len(op.Examples) != 1 || op.Examples[0].Body != `{"name":"box","size":3,"tree":{"kids":[{"kids":[]}]}}` {
		t.Errorf("examples: %+v", op.Examples)
	}
	if op.Body == nil || op.Body.Ref != "Thing" {
		t.Fatalf("body: %+v", op.Body)
	}
	thing := a.Schemas["Thing"]
	var names []string
	for _, p := range thing.Properties {
		names = append(names, p.Name)
	}
	if got := strings.Join(names, ","); got != "name,size,kind,tree" {
		t.Errorf("property order %s, want the order as written", got)
	}
	if strings.Join(thing.Required, ",") != "size,name" {
		t.Errorf("required %v", thing.Required)
	}
	if k := thing.Properties[2].Schema; strings.Join(k.Type, ",") != "string,null" || len(k.Enum) != 2 {
		t.Errorf("kind: %+v", k)
	}
	if thing.Properties[0].Schema.Messages["required"] != "Name is required" {
		t.Errorf("messages: %+v", thing.Properties[0].Schema.Messages)
	}
	// The recursive schema is kept by name, once.
	tr := a.Schemas["Tree"]
	if tr == nil || tr.Properties[0].Schema.Items.Ref != "Tree" {
		t.Errorf("tree: %+v", tr)
	}
	if len(op.Responses) != 2 || op.Responses[1].Examples[0].When != "body-schema" {
		t.Errorf("responses: %+v", op.Responses)
	}
	// Plain data: it survives catalog.json.
	b, err := json.Marshal(s.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.API("acme").Schemas["Thing"].Properties[1].Schema; *got.Minimum != 1 || got.Type[0] != "integer" {
		t.Errorf("after JSON: %+v", got)
	}
}

func TestOpenAPIErrors(t *testing.T) {
	for _, tc := range []struct {
		name, from, to, want string
	}{
		{"unknown ref", "$ref: '#/components/schemas/Tree'\n", "$ref: '#/components/schemas/Trie'\n", `acme/openapi.yaml:52: $ref "#/components/schemas/Trie": no such schemas`},
		{"ref outside components", "$ref: '#/components/schemas/Thing'", "$ref: 'other.yaml#/Thing'", `acme/openapi.yaml:27: $ref "other.yaml#/Thing": want #/components/schemas/<name>`},
		{"pattern not RE2", "minLength: 1, x-errdocs", `minLength: 1, pattern: '(?=x)', x-errdocs`, `acme/openapi.yaml:48: pattern "(?=x)"`},
		{"unknown key kind", "x-errdocs-key: secret", "x-errdocs-key: public", `acme/openapi.yaml:15: x-errdocs-key: "public" is not the kind of any of acme's keys`},
		{"unknown check", "[auth-missing, body-schema]", "[auth-missing, body-shema]", `acme/openapi.yaml:16: x-errdocs-order: "body-shema" is not one of the checks`},
		{"unknown shape", "shape: acme,", "shape: acne,", `acme/openapi.yaml:17: x-errdocs-validation: shape "acne" is not one of acme's shapes`},
		{"undeclared path parameter", "/v1/things/{id}:", "/v1/things/{thingId}:", `acme/openapi.yaml:14: POST /v1/things/{thingId}: path parameter {thingId} is not declared`},
		{"bad type", "size: {type: integer", "size: {type: int", `acme/openapi.yaml:49: type "int" is not a JSON Schema type`},
		{"yaml syntax", "  /v1/things/{id}:\n", "  /v1/things/{id}: [\n", "acme/openapi.yaml:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(acmeOpenAPI, tc.from, tc.to, 1)
			if src == acmeOpenAPI {
				t.Fatalf("%q not found", tc.from)
			}
			_, err := Content(tree(acmeKeyed + src))
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("err = %v, want Errors", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v\nwant it to contain %q", err, tc.want)
			}
		})
	}
}

func TestShippedOpenAPI(t *testing.T) {
	s, err := Content(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range s.Catalog.APIs {
		if len(a.Operations) == 0 || a.Predict == nil {
			t.Errorf("%s: %d operations, predict %v", a.ID, len(a.Operations), a.Predict != nil)
		}
		for _, op := range a.Operations {
			if op.Success == 0 && len(op.Order) == 0 {
				t.Errorf("%s %s: no success and no order", a.ID, op.Name())
			}
		}
		b, _ := json.Marshal(a.Operations)
		t.Logf("%s: %d operations, %d schemas, %d bytes of operations in catalog.json", a.ID, len(a.Operations), len(a.Schemas), len(b))
	}
}

// TestShippedSessionAndForms checks what the loader reads from the shipped security schemes
// and example bodies: Plunk's dashboard session cookie on its resource routes only, and the
// body forms that name an API from a success body or a webhook payload alone.
func TestShippedSessionAndForms(t *testing.T) {
	s, err := Content(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	cat := s.Catalog
	for _, a := range cat.APIs {
		for _, op := range a.Operations {
			resource := a.ID == "plunk" && !strings.HasPrefix(op.Path, "/v1/")
			if got := op.Cookie != nil; got != resource {
				t.Errorf("%s %s: session cookie %v, want %v", a.ID, op.Name(), got, resource)
			}
			if op.Cookie != nil && (op.Cookie.Name != "next_token" || len(op.Cookie.Headers) != 1 ||
				op.Cookie.Headers[0].Name != "X-Project-Id" || op.Cookie.Headers[0].Missing == nil || op.Cookie.Headers[0].Missing.Status != 400) {
				t.Errorf("%s %s: cookie %+v", a.ID, op.Name(), op.Cookie)
			}
		}
	}
	for _, c := range []struct {
		members []string
		want    string
	}{
		{[]string{"success=true", "data"}, "plunk"},
		{[]string{"event_id", "event_type", "emitted_at", "api_version", "data"}, "puck"},
		{[]string{"success=false", "data"}, ""},
		{[]string{"data"}, ""},
	} {
		got := ""
		if a := cat.APIOfBody(c.members); a != nil {
			got = a.ID
		}
		if got != c.want {
			t.Errorf("APIOfBody(%q) = %q, want %q", c.members, got, c.want)
		}
	}
}
