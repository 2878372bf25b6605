package request

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	if os.Getenv("RQ") == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(os.Getenv("RQ"))
	r, rest, rl, ok := ParsePrefix(string(b))
	fmt.Println("detect", Detect(string(b)), "ok", ok, "restLine", rl)
	if !ok {
		return
	}
	j, _ := json.MarshalIndent(r, "", "  ")
	fmt.Println(string(j))
	fmt.Printf("body: %q\n", r.Body)
	for i := range r.Body {
		if i < len(r.Body) && (i == 0 || r.Body[i-1] == '\n' || i%40 == 0) {
			l, c := BodyPosition(r, i)
			fmt.Printf("  off %d %q -> %d:%d\n", i, r.Body[i:min(i+10, len(r.Body))], l, c)
		}
	}
	fmt.Printf("rest: %q\n", clip(rest, 200))
}
