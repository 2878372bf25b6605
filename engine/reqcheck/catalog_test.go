package reqcheck

import (
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/internal/testkit"
)

// shippedCatalog is the catalog of content/ (testkit.ShippedCatalog).
func shippedCatalog(t testing.TB) *catalog.Catalog { return testkit.ShippedCatalog(t) }
