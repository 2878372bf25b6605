package testkit

import (
	"sync"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/content"
)

var shipped = sync.OnceValues(func() (*catalog.Catalog, error) {
	s, err := load.Content(content.FS)
	if err != nil {
		return nil, err
	}
	return s.Catalog, nil
})

// ShippedCatalog loads content/ once per test binary and returns its catalog; the tests share
// it and must not change it.
func ShippedCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := shipped()
	if err != nil {
		t.Fatalf("load shipped content: %v", err)
	}
	return c
}

// ShippedAPI returns the API id of the shipped catalog, which must have it.
func ShippedAPI(t testing.TB, id string) *catalog.API {
	t.Helper()
	a := ShippedCatalog(t).API(id)
	if a == nil {
		t.Fatalf("no API %q in the shipped catalog", id)
	}
	return a
}
