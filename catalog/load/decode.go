package load

import (
	"encoding/json"
	"fmt"

	"github.com/errdocs/errdocs/catalog"
)

// Decode reads a catalog from the JSON form the site writes (catalog.json), ready to use, with
// every pattern checked. It
// lives here rather than in package catalog so that the catalog's types do not link
// encoding/json into the playground's module, which decodes catalog.json with its own reader.
func Decode(data []byte) (*catalog.Catalog, error) {
	var raw catalog.Catalog
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("catalog.json: %w", err)
	}
	c, err := catalog.New(raw.APIs)
	if err != nil {
		return nil, err
	}
	return c, c.Check()
}
