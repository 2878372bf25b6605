package reqcheck

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errdocs/errdocs/engine/reqparse"
	"github.com/errdocs/errdocs/internal/testkit"
)

// checkPaste parses the request in a paste and checks it, as the engine does.
func checkPaste(t testing.TB, paste string) *Result {
	t.Helper()
	req, ok := reqparse.Parse(paste)
	if !ok {
		t.Fatalf("no request in paste:\n%s", paste)
	}
	return Check(shippedCatalog(t), nil, req, paste)
}

// marshalCheck writes a check as indented JSON without HTML escaping, as the CLI prints it.
func marshalCheck(t testing.TB, rc *Result) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRequestGolden runs every case in testdata/requests (and its ops/ folder): a pasted request
// and what checking it must give. A file holds one case in "paste" and "want.json", or several
// in "<case>.paste" and "<case>.want.json". Run with -update to rewrite the want.json sections,
// and review the diff.
func TestRequestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/requests/*.txtar")
	ops, _ := filepath.Glob("testdata/requests/ops/*.txtar")
	files = append(files, ops...)
	if len(files) == 0 {
		t.Fatal("no cases in testdata/requests")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			a := testkit.ReadTxtar(t, file)
			for _, f := range a.Files() {
				if f.Name != "paste" && !strings.HasSuffix(f.Name, ".paste") {
					continue
				}
				prefix := strings.TrimSuffix(f.Name, "paste")
				caseName := strings.TrimSuffix(prefix, ".")
				if caseName == "" {
					caseName = "case"
				}
				t.Run(caseName, func(t *testing.T) {
					got := marshalCheck(t, checkPaste(t, string(f.Data)))
					a.CompareAfter(t, f.Name, prefix+"want.json", string(got))
				})
			}
		})
	}
}

// TestCheckRequestLarge checks a 1 MB request in bounded time, with capped issues.
func TestCheckRequestLarge(t *testing.T) {
	paste := request1MB()
	start := time.Now()
	rc := checkPaste(t, paste)
	t.Logf("1 MB request checked in %v (BenchmarkCheckRequest1MB measures it)", time.Since(start))
	if rc.Predicted == nil || rc.Predicted.Status != 422 {
		t.Fatalf("predicted %+v", rc.Predicted)
	}
	if len(rc.Problems) > maxIssues+5 {
		t.Errorf("%d problems, want at most about %d", len(rc.Problems), maxIssues)
	}
}

// TestOperationMatch checks that the most literal template wins and that a proxy prefix is
// read past.
func TestOperationMatch(t *testing.T) {
	key := "Authorization: Bearer pck_live_8f2a7e22562b45d49bc9428f77ddc450"
	for _, tc := range []struct {
		paste, want string
	}{
		{"curl https://api.puck.security/v1/webhooks/incoming/generic/abc --json '{\"query\":\"q\"}'", "POST /v1/webhooks/incoming/generic/{key}"},
		{"curl https://api.puck.security/v1/webhooks/incoming/github/abc --json '{}'", "POST /v1/webhooks/incoming/{provider}/{key}"},
		{"curl -H '" + key + "' https://puck.acme.com/v1/investigations/inv_1/", "GET /v1/investigations/{id}"},
		{"curl -H 'Authorization: Bearer sk_0f3c9a7e2b6d4e18' https://plunk.internal/api/contacts/lookup --json '{\"emails\":[\"a@b.co\"]}'", "POST /contacts/lookup"},
		{"curl -H 'Authorization: Bearer sk_0f3c9a7e2b6d4e18' https://next-api.useplunk.com/contacts/lookup", "GET /contacts/{id}"},
		{"curl https://example.com/nothing/here", ""},
	} {
		if got := checkPaste(t, tc.paste).Operation; got != tc.want {
			t.Errorf("%s\n  operation %q, want %q", tc.paste, got, tc.want)
		}
	}
}

// TestNoRequest checks the entry point's edges: no request, no catalog.
func TestNoRequest(t *testing.T) {
	if rc := Check(nil, nil, nil, ""); rc == nil || rc.Predicted != nil || rc.Operation != "" {
		t.Errorf("nil request: %+v", rc)
	}
	req, _ := reqparse.Parse("curl https://next-api.useplunk.com/v1/track")
	if rc := Check(nil, nil, req, "curl https://next-api.useplunk.com/v1/track"); rc.Operation != "" {
		t.Errorf("no catalog: %+v", rc)
	}
}

// request1MB is a 1 MB curl command for POST /v1/send with 50,000 bad addresses.
func request1MB() string {
	var b strings.Builder
	b.WriteString(`{"to": [`)
	for i := 0; b.Len() < 1<<20; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`"not-an-address-` + strconv.Itoa(i) + `"`)
	}
	b.WriteString(`], "template": "9c4d5e1f-2a3b-4c5d-8e9f-0a1b2c3d4e5f"}`)
	return "curl https://next-api.useplunk.com/v1/send -H 'Authorization: Bearer sk_0f3c9a7e2b6d4e18a5c47d9e1b2f6a300f3c9a7e2b6d4e18' --json '" + b.String() + "'"
}
