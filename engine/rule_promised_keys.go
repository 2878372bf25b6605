package engine

import (
	"github.com/errdocs/errdocs/internal/printf"
)

// rulePromisedKeys: the body lacks keys the docs promise in every body of its shape.
func rulePromisedKeys(e *explainer) {
	b := e.b
	if e.shape == nil || b.root == nil || b.cut || b.jerr != nil {
		return
	}
	var missing []string
	for _, path := range e.shape.Promised {
		if b.root.Get(path) == nil {
			missing = append(missing, path)
		}
	}
	if len(missing) > 0 {
		e.problem("warning", printf.Sprintf("The docs promise %s in every %s error body; this one has no %s.",
			plural(len(missing), "this key", "these keys"), e.apiName(), joinAnd(quoteAll(missing))), e.p.resp.bodyOff)
	}
}
