package site

import (
	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine"
)

// This file and package site/apiref (check.go) call the engine (see explain.go).
//
// engine.Explain runs over every example at build time; a codeless body that matches a codeless
// entry comes back with Known false but the entry's Docs, and counts as known here.
func init() {
	explainExample = func(b *builder, entry *catalog.Entry, text string) exampleVerdict {
		var v *engine.Verdict
		var mismatch string
		if entry != nil {
			var err error
			if v, err = engine.CheckExample(b.site.Catalog, entry, text); err != nil {
				mismatch = err.Error()
			}
		} else {
			v = engine.Explain(b.site.Catalog, text)
		}
		ev := exampleVerdict{Code: v.Code, Status: v.Status, Known: v.Known, API: v.API, Docs: v.Docs, Mismatch: mismatch}
		for _, p := range v.Problems {
			if p.Severity == "error" {
				ev.Problems = append(ev.Problems, p.Message)
			}
		}
		return ev
	}
}
