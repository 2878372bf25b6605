package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/engine/request"
)

func TestZZDump(t *testing.T) {
	s, err := load.Content(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cat := s.Catalog
	for _, a := range cat.APIs {
		for _, op := range a.Operations {
			for i := range op.Examples {
				ex := &op.Examples[i]
				paste := engine.ExampleCurl(a, op, ex, "$KEY")
				req, ok := request.Parse(paste)
				if !ok {
					fmt.Println("NOPARSE", paste)
					continue
				}
				rc := engine.CheckRequest(cat, a, req, paste)
				if rc.Predicted == nil || rc.Predicted.Check != "ok" {
					fmt.Printf("REQ %s %s %s: %+v %+v\n", a.ID, op.Name(), ex.Name, rc.Predicted, rc.Problems)
				}
			}
			for _, r := range op.Responses {
				if r.Status < 400 {
					continue
				}
				for _, e := range r.Examples {
					var pb bytes.Buffer
					json.Indent(&pb, []byte(e.Body), "", "  ")
					text := fmt.Sprintf("HTTP/1.1 %d %s\nContent-Type: application/json\n\n%s", r.Status, http.StatusText(r.Status), pb.String())
					v := engine.Explain(cat, text)
					var probs []string
					for _, p := range v.Problems {
						if p.Severity == "error" {
							probs = append(probs, p.Message)
						}
					}
					fmt.Printf("RESP %s %s %d %s@%d: api=%s code=%q status=%d known=%v docs=%s %v\n", a.ID, op.Name(), r.Status, e.Name, e.Line, v.API, v.Code, v.Status, v.Known, v.Docs, probs)
				}
			}
		}
	}
	fmt.Println(time.Since(start))
}
