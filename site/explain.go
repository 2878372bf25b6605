package site

import (
	"fmt"
	"html"
	"strconv"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/engine"
)

// The engine at build time: every example response is explained, and the build fails when an
// error page's example does not decode to that page's code and one of its statuses, or when a
// response block elsewhere (a guide's) is not a known error or has error-level problems.

// exampleVerdict is what the check needs from the engine's Verdict.
type exampleVerdict struct {
	Code     string
	Status   int
	Known    bool
	API      string
	Docs     string   // the URL path of the entry's page, or of the API's overview
	Problems []string // messages of problems with severity "error"
	// Mismatch says how an error page's example fails engine.CheckExample; "" when it passes.
	Mismatch string
}

// explainExample runs the engine over a block's text: an error page's example must pass
// engine.CheckExample; any other response block is explained. A codeless body that matches a
// codeless entry comes back with Known false but the entry's Docs, and counts as known here.
func explainExample(b *builder, entry *catalog.Entry, text string) exampleVerdict {
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

// checkExamples explains every response block and records what the engine read, for the page.
func (b *builder) checkExamples() {
	for _, lp := range b.site.Pages {
		for _, blk := range lp.Blocks {
			if !blk.IsResponse() {
				continue
			}
			var entry *catalog.Entry
			if lp.Kind == load.KindError {
				entry = lp.Entry
			}
			v := explainExample(b, entry, blk.Text)
			ok := true
			if entry != nil {
				if v.Mismatch != "" {
					ok = false
					b.fail(lp.File, blk.Line, "%s", v.Mismatch)
				}
			} else {
				if !v.Known && !b.isEntryPage(v.Docs) {
					ok = false
					b.fail(lp.File, blk.Line, "response block does not decode to a known error (the engine read code %q, status %d)", v.Code, v.Status)
				}
				for _, p := range v.Problems {
					ok = false
					b.fail(lp.File, blk.Line, "response block: %s", p)
				}
			}
			if ok {
				b.verdicts[blockKey{lp.File, blk.Line}] = verdictHTML(b, v)
			}
		}
	}
}

// isEntryPage reports whether u is the page of a catalog entry.
func (b *builder) isEntryPage(u string) bool {
	p := b.byURL[u]
	return p != nil && p.kind == kindError
}

// verdictHTML is the line shown under a checked example.
func verdictHTML(b *builder, v exampleVerdict) string {
	code := "no code"
	if v.Code != "" {
		code = "<code>" + html.EscapeString(v.Code) + "</code>"
	}
	status := ""
	if v.Status > 0 {
		status = ", " + strconv.Itoa(v.Status)
	}
	api := ""
	if a := b.site.Catalog.API(v.API); a != nil {
		api = " from " + html.EscapeString(a.Name)
	}
	return fmt.Sprintf(`<p class="verdict"><span class="ok" aria-hidden="true">✓</span> Checked at build time: errdocs reads this as %s%s%s.</p>`+"\n", code, status, api)
}
