package reqcheck

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/engine/reqparse"
	"github.com/errdocs/errdocs/internal/jsonx"
	"golang.org/x/tools/txtar"
)

// FuzzCheckRequest checks that no paste makes CheckRequest panic, hang or offer a corrected
// request that is not part of what was pasted. It is seeded with every paste of
// testdata/requests.
func FuzzCheckRequest(f *testing.F) {
	files, _ := filepath.Glob("testdata/requests/*.txtar")
	ops, _ := filepath.Glob("testdata/requests/ops/*.txtar")
	for _, file := range append(files, ops...) {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			continue
		}
		for _, fl := range ar.Files {
			if fl.Name == "paste" || strings.HasSuffix(fl.Name, ".paste") {
				f.Add(string(fl.Data))
			}
		}
	}
	cat := shippedCatalog(f)
	f.Fuzz(func(t *testing.T, paste string) {
		req, ok := reqparse.Parse(paste)
		if !ok {
			return
		}
		rc := Check(cat, nil, req, paste)
		for _, p := range rc.Problems {
			if strings.HasPrefix(p.Message, "errdocs failed") {
				t.Fatalf("CheckRequest panicked: %s", p.Message)
			}
		}
		if rc.Predicted != nil && rc.Predicted.Text != "" && !jsonValid(rc.Predicted.Text) {
			t.Fatalf("predicted body is not JSON: %s", rc.Predicted.Text)
		}
	})
}

func jsonValid(s string) bool {
	root, end, cut, err := jsonx.Parse(s)
	return root != nil && err == nil && !cut && strings.TrimSpace(s[end:]) == ""
}
