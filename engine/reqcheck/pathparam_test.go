package reqcheck

import (
	"strings"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/reqparse"
)

// TestIntegerPathParam: a path segment is text, read as its schema's type (as a query value
// is), and the example request the site checks carries a number where the schema wants one.
func TestIntegerPathParam(t *testing.T) {
	min := 10.0
	op := &catalog.Operation{Method: "GET", Path: "/keys/{uid}", Success: 200, Scope: "none",
		Params: []*catalog.Param{{Name: "uid", In: "path", Required: true,
			Schema: &catalog.Schema{Type: []string{"integer"}, Minimum: &min}}}}
	a := &catalog.API{ID: "keys", Name: "Keys", Hosts: []string{"api.keys.test"}, Operations: []*catalog.Operation{op}}
	cat, err := catalog.New([]*catalog.API{a})
	if err != nil {
		t.Fatal(err)
	}
	curl := ExampleCurl(a, op, nil, "")
	if !strings.Contains(curl, "/keys/10") {
		t.Errorf("example request %q: want the least integer allowed, 10", curl)
	}
	for _, tc := range []struct {
		paste string
		fails bool
	}{
		{curl, false},
		{"curl https://api.keys.test/keys/42", false},
		{"curl https://api.keys.test/keys/abc", true},
		{"curl https://api.keys.test/keys/3", true}, // below the minimum
	} {
		req, ok := reqparse.Parse(tc.paste)
		if !ok {
			t.Fatalf("no request in %q", tc.paste)
		}
		rc := Check(cat, a, req, tc.paste)
		failed := false
		for _, p := range rc.Problems {
			failed = failed || p.Check == ckPathParam
		}
		if rc.Operation != "GET /keys/{uid}" || failed != tc.fails {
			t.Errorf("%s: operation %q, path-param problem %v, want %v (%+v)", tc.paste, rc.Operation, failed, tc.fails, rc.Problems)
		}
	}
}
