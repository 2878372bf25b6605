package reqcheck

import (
	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/shapepath"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// FitsShape reports whether a JSON body has the catalog shape s, and how strongly that points to
// s's API (shapepath.Fits, with no headers). The request checks find which shape an example
// answer is in with it.
func FitsShape(root *jsonx.Node, s *catalog.Shape) (int, bool) {
	return shapepath.Fits(shapepath.Doc{Root: root}, s)
}
