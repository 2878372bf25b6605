package load

import (
	"testing"

	"github.com/errdocs/errdocs/content"
)

func TestShippedContentLoads(t *testing.T) {
	s, err := Content(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range s.Catalog.APIs {
		t.Logf("%s: %d shapes, %d entries, keys %v", a.ID, len(a.Shapes), len(a.Errors), a.Keys)
		for _, e := range a.Errors {
			t.Logf("  %s %d %q hints=%d fix=%d causes=%d ex=%d", e.Code, e.Status, e.Title, len(e.Hints), len(e.Fix), len(e.Causes), len(e.Examples))
		}
		for _, sh := range a.Shapes {
			t.Logf("  shape %+v", *sh)
		}
	}
}
