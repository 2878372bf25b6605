package load

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errdocs/errdocs/content"
	"golang.org/x/tools/txtar"
)

// tree turns a txtar archive into a file system.
func tree(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

const apiIndex = `-- acme/index.md --
---
title: Acme
api:
  name: Acme
  hosts: [api.acme.test]
  shapes:
    - name: acme
      match: {error: string}
      code: error
  retry:
    default: {strategy: never}
---
`

const goodPage = `---
code: broken
status: 400
title: Broken
retry: {strategy: never}
---

## What it means
It broke.

## Common causes
- A cause.

## How to fix
1. A fix.

## Examples
` + "```json response\n{\"error\":\"broken\"}\n```\n"

func TestShippedContent(t *testing.T) {
	s, err := Content(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"plunk", "puck"} {
		a := s.Catalog.API(id)
		if a == nil {
			t.Fatalf("no %s API", id)
		}
		if len(a.Errors) < 9 {
			t.Errorf("%s has %d entries", id, len(a.Errors))
		}
		for _, e := range a.Errors {
			if e.Meaning == "" || len(e.Fix) == 0 || len(e.Causes) == 0 || len(e.Examples) == 0 {
				t.Errorf("%s: meaning, causes, fix or examples missing", e.Source)
			}
		}
	}
}

func TestEntrySections(t *testing.T) {
	s, err := Content(tree(apiIndex + "-- acme/errors/broken.md --\n" + goodPage))
	if err != nil {
		t.Fatal(err)
	}
	e := s.Catalog.API("acme").Errors[0]
	if e.Meaning != "It broke." || len(e.Causes) != 1 || e.Fix[0] != "A fix." || e.Docs != "/acme/errors/broken/" {
		t.Errorf("entry = %+v", e)
	}
	if got := e.Examples[0]; got.Line != 18 || got.Lang != "json" {
		t.Errorf("example at line %d lang %q, want line 18 json", got.Line, got.Lang)
	}
}

// TestErrorsNameFileAndLine checks that each kind of bad content is reported at its file and
// line.
func TestErrorsNameFileAndLine(t *testing.T) {
	for _, tc := range []struct {
		name, archive, want string
	}{
		{"bad yaml", "-- a.md --\n---\ntitle: [unclosed\n---\n", "a.md:2: front matter:"},
		{"unknown key", "-- a.md --\n---\ntitle: A\ncolour: red\n---\n", "a.md:3: front matter:"},
		{"unclosed front matter", "-- a.md --\n---\ntitle: A\n", "a.md:1: front matter starts with --- but has no closing ---"},
		{"no title", "-- a.md --\n# Hello\n", "a.md:1: front matter: title is missing"},
		{"duplicate code", apiIndex + "-- acme/errors/a.md --\n" + goodPage + "-- acme/errors/b.md --\n" + goodPage, `acme/errors/b.md:2: duplicate code "broken" with status 400: also in acme/errors/a.md`},
		{"missing section", apiIndex + "-- acme/errors/a.md --\n" + strings.Replace(goodPage, "## How to fix\n1. A fix.\n", "", 1), `acme/errors/a.md:7: error page has no "## How to fix" section`},
		{"no example", apiIndex + "-- acme/errors/a.md --\n" + strings.Replace(goodPage, "json response", "json", 1), "acme/errors/a.md:7: error page has no example response"},
		{"bad retry", apiIndex + "-- acme/errors/a.md --\n" + strings.Replace(goodPage, "{strategy: never}", "{strategy: sometimes}", 1), `acme/errors/a.md:2: front matter: retry: unknown strategy "sometimes"`},
		{"bad status", apiIndex + "-- acme/errors/a.md --\n" + strings.Replace(goodPage, "status: 400", "status: 99", 1), "acme/errors/a.md:2: front matter: status 99 is not an HTTP status"},
		{"unknown shape", apiIndex + "-- acme/errors/a.md --\n" + strings.Replace(goodPage, "status: 400", "status: 400\nshape: nope", 1), `acme/errors/a.md:2: front matter: shape "nope" is not one of acme's shapes`},
		{"unknown preset", strings.Replace(apiIndex, "    - name: acme\n", "    - preset: strype\n    - name: acme\n", 1), `acme/index.md:7: api.shapes[0]: unknown preset "strype" (want one of stripe, aip-193, json-api, graphql, oauth2, problem+json)`},
		{"bad match type", strings.Replace(apiIndex, "{error: string}", "{error: strng}", 1), `acme/index.md:8: api.shapes[acme]: match "error": "strng" is not a JSON type`},
		{"open selector", strings.Replace(apiIndex, "      code: error\n", "      code: \"errors[code=x.code\"\n", 1), `acme/index.md:9: api.shapes[acme]: path "errors[code=x.code" is malformed`},
		{"bad request id pattern", strings.Replace(apiIndex, "      code: error\n", "      code: error\n      request_id_pattern: \"(\"\n", 1), "acme/index.md: shape acme: request_id_pattern:"},
		{"code outside an API", "-- misc/a.md --\n" + goodPage, `misc/a.md:2: front matter: code "broken" is outside an API folder`},
		{"unclosed fence", apiIndex + "-- acme/errors/a.md --\n" + goodPage + "```json\n{", "acme/errors/a.md:21: code fence ``` is never closed"},
		{"bad regexp", apiIndex + "-- acme/errors/a.md --\n" + strings.Replace(goodPage, "status: 400", "status: 400\nwhen: \"(\"", 1), "acme/errors/a.md: when:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Content(tree(tc.archive))
			if err == nil {
				t.Fatal("no error")
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error is %T, not Errors", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tc.want)
			}
		})
	}
}

// TestPreset checks that a shape naming a preset gets the preset's keys, with its own keys in
// their place.
func TestPreset(t *testing.T) {
	s, err := Content(tree(strings.Replace(apiIndex, "    - name: acme\n", "    - preset: stripe\n      code: error.code\n      strength: high\n    - name: acme\n", 1)))
	if err != nil {
		t.Fatal(err)
	}
	sh := s.Catalog.APIs[0].Shape("stripe")
	if sh == nil {
		t.Fatal("no shape named after the preset")
	}
	if sh.Code != "error.code" || sh.Strength != "high" || sh.SubCode != "error.decline_code" || sh.ShouldRetry != "Stripe-Should-Retry" || len(sh.Match) == 0 {
		t.Errorf("shape = %+v", sh)
	}
	if sh.RequestIDIn("https://dashboard.stripe.com/logs/req_AbC123?t=1") != "req_AbC123" {
		t.Error("the preset's request id pattern is not compiled")
	}
}

func TestAnyFolderBuilds(t *testing.T) {
	s, err := Content(tree("-- index.md --\n---\ntitle: Home\n---\nHi\n-- notes/index.md --\n---\ntitle: Notes\n---\n-- notes/a.md --\n---\ntitle: A\n---\n-- README.md --\nnot a page\n-- _drafts/x.md --\nskipped\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Pages) != 3 || len(s.Catalog.APIs) != 0 {
		t.Fatalf("pages=%d apis=%d", len(s.Pages), len(s.Catalog.APIs))
	}
	urls := map[string]Kind{}
	for _, p := range s.Pages {
		urls[p.URL] = p.Kind
	}
	if urls["/"] != KindHome || urls["/notes/"] != KindPage || urls["/notes/a/"] != KindPage {
		t.Errorf("urls = %v", urls)
	}
}
