package engine

import (
	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/internal/printf"
)

// CheckExample explains an error page's example response and reports how it fails to decode to
// its own page, or nil. The site build and the tests both hold every example to this one rule:
// the verdict names the page's API and leads to the page itself; it has the page's code (a
// codeless page stands for whatever string its shape and status carry) and one of the page's
// statuses (a bare body without a status of its own cannot say); and the engine found no error
// in it. opts are Explain's.
func CheckExample(cat *catalog.Catalog, e *catalog.Entry, text string, opts ...Options) (*Verdict, error) {
	v := Explain(cat, text, opts...)
	switch {
	case e.API != nil && v.API != e.API.ID:
		return v, printf.Errorf("example response is read as coming from API %q, not %q", v.API, e.API.ID)
	case e.Code != "" && v.Code != e.Code:
		return v, printf.Errorf("example response decodes to code %q (status %d), not this page's code %q", v.Code, v.Status, e.Code)
	case v.Status != 0 && !e.HasStatus(v.Status):
		return v, printf.Errorf("example response decodes to status %d, not one of this page's statuses %v", v.Status, e.Statuses)
	case v.Docs != e.Docs:
		return v, printf.Errorf("example response leads to %s, not to this page (%s)", v.Docs, e.Docs)
	}
	for _, p := range v.Problems {
		if p.Severity == "error" {
			return v, printf.Errorf("example response: %s", p.Message)
		}
	}
	return v, nil
}
