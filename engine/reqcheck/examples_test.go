package reqcheck

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/engine/reqparse"
)

// sampleKey is a key of the kind an operation takes, in the API's format.
func sampleKey(api *catalog.API, op *catalog.Operation) string {
	for _, k := range api.Keys {
		if op.Key == "" || k.Kind == op.Key {
			return k.Prefix + "0f3c9a7e2b6d4e18a5c47d9e1b2f6a300f3c9a7e2b6d4e18"
		}
	}
	return ""
}

// TestOpenAPIExamplesPass checks every example request of every operation: each must pass
// every check and be predicted to succeed. No false positives.
func TestOpenAPIExamplesPass(t *testing.T) {
	cat := shippedCatalog(t)
	n := 0
	for _, api := range cat.APIs {
		for _, op := range api.Operations {
			if op.Success == 0 {
				continue // a reserved endpoint: it never succeeds
			}
			exs := op.Examples
			var list []*catalog.RequestExample
			for i := range exs {
				list = append(list, &exs[i])
			}
			if len(list) == 0 {
				required := op.BodyRequired
				for _, p := range op.Params {
					required = required || p.In == "query" && p.Required
				}
				if required {
					continue
				}
				list = append(list, nil)
			}
			for _, ex := range list {
				paste := ExampleCurl(api, op, ex, sampleKey(api, op))
				name := api.ID + " " + op.Name()
				if ex != nil {
					name += " " + ex.Name
				}
				t.Run(name, func(t *testing.T) {
					n++
					req, ok := reqparse.Parse(paste)
					if !ok {
						t.Fatalf("curl does not parse:\n%s", paste)
					}
					rc := Check(cat, api, req, paste)
					if rc.Operation != op.Name() {
						t.Errorf("operation = %q, want %q\n%s", rc.Operation, op.Name(), paste)
					}
					for _, p := range rc.Problems {
						if p.Severity != "info" {
							t.Errorf("%s: %s %s (%s)\n%s", p.Severity, p.Pointer, p.Message, p.Check, paste)
						}
					}
					if rc.Predicted == nil || rc.Predicted.Check != CheckOK || rc.Predicted.Status != op.Success {
						t.Errorf("predicted %+v, want success %d", rc.Predicted, op.Success)
					}
				})
			}
		}
	}
	if n == 0 {
		t.Fatal("no example requests")
	}
}

// TestContentRequestsPass checks every request written in content/'s Markdown (curl commands,
// raw HTTP requests, fetch calls): none may have an error.
func TestContentRequestsPass(t *testing.T) {
	cat := shippedCatalog(t)
	checked := 0
	err := fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := fs.ReadFile(content.FS, p)
		if err != nil {
			return err
		}
		for _, blk := range fencedBlocks(string(data)) {
			if strings.Contains(blk.info, "response") {
				continue
			}
			req, ok := reqparse.Parse(blk.text)
			if !ok {
				continue
			}
			rc := Check(cat, nil, req, blk.text)
			if rc.Operation == "" {
				continue
			}
			checked++
			for _, pr := range rc.Problems {
				if pr.Severity == "error" {
					t.Errorf("%s:%d: %s: %s", p, blk.line+pr.Line, rc.Operation, pr.Message)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d requests in content/ checked", checked)
}

type mdBlock struct {
	info, text string
	line       int
}

// fencedBlocks finds the fenced code blocks of a Markdown file; line is the fence's line.
func fencedBlocks(s string) []mdBlock {
	var out []mdBlock
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(t, "```") {
			continue
		}
		b := mdBlock{info: strings.TrimSpace(strings.TrimLeft(t, "`")), line: i + 1}
		var body []string
		for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "```"); i++ {
			body = append(body, lines[i])
		}
		b.text = strings.Join(body, "\n")
		out = append(out, b)
	}
	return out
}
