package reqcheck

import (
	"sync"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/content"
)

var (
	shippedOnce sync.Once
	shipped     *catalog.Catalog
	shippedErr  error
)

// shippedCatalog loads content/ once for all tests.
func shippedCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	shippedOnce.Do(func() {
		s, err := load.Content(content.FS)
		if err == nil {
			shipped = s.Catalog
		}
		shippedErr = err
	})
	if shippedErr != nil {
		t.Fatalf("load shipped content: %v", shippedErr)
	}
	return shipped
}
