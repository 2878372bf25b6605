package engine

import (
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/shapepath"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// read reads the parts of a response that a shape declares (see catalog.Shape for its paths).
func (b *body) read(s *catalog.Shape) fields {
	d := b.doc
	f := fields{code: d.Code(s), message: d.Text(s.Message), category: d.Text(s.Category),
		subCode: d.Text(s.SubCode), docURL: webURL(d.Text(s.DocURL))}
	if s.RequestID != "" {
		f.requestID = s.RequestIDIn(d.Text(s.RequestID))
	}
	if s.Status != "" {
		f.status = atoiStatus(d.Text(s.Status))
	}
	if s.RetryDelay != "" {
		f.retryDelay, f.retryDelayPath = d.Text(s.RetryDelay), s.RetryDelay
	}
	if s.Fields == "" || d.Root == nil {
		return f
	}
	// Each value Fields names is an array of issues, or an object that is one issue when it
	// holds a field path (Stripe's error object with its param).
	for _, n := range d.All(s.Fields) {
		switch {
		case n.Kind == jsonx.Array:
			if f.issuesNode == nil {
				f.issuesNode = n
			}
			for _, it := range n.Vals {
				f.issues = append(f.issues, readIssue(it, s))
			}
		case n.Kind == jsonx.Object && n.Off >= 0:
			if is := readIssue(n, s); is.path != "" {
				if f.issuesNode == nil {
					f.issuesNode = n
				}
				f.issues = append(f.issues, is)
			}
		}
	}
	return f
}

// readIssue reads one field issue.
func readIssue(it *jsonx.Node, s *catalog.Shape) issue {
	d := shapepath.Doc{Root: it}
	return issue{path: issuePath(d.First(s.FieldPath)), message: d.Text(s.FieldMessage), code: d.Text(s.FieldCode), off: it.Off}
}

// issuePath reads a field path given as "a.b", as ["a", "b"], or as a JSON pointer "/a/b".
func issuePath(n *jsonx.Node) string {
	if n == nil {
		return ""
	}
	if n.Kind == jsonx.Array {
		parts := make([]string, 0, len(n.Vals))
		for _, v := range n.Vals {
			parts = append(parts, v.Str)
		}
		return strings.Join(parts, ".")
	}
	p := n.Text()
	if strings.HasPrefix(p, "/") {
		parts := strings.Split(p[1:], "/")
		for i, s := range parts {
			parts[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
		}
		p = strings.Join(parts, ".")
	}
	return p
}

// webURL returns u if it is an absolute http or https URL, else "": a link the verdict offers
// must not run script or point into the visitor's machine.
func webURL(u string) string {
	u = strings.TrimSpace(u)
	low := strings.ToLower(u)
	if (strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "http://")) && !strings.ContainsAny(u, " \t\r\n\"<>") {
		return u
	}
	return ""
}

// usePreset reads a response no catalog API claims through the built-in shape it fits, if any:
// its dialect is the preset's name.
func (e *explainer) usePreset() {
	if e.api != nil || e.b.preset == nil {
		return
	}
	e.shape = e.b.preset
	e.v.Dialect = e.shape.Name
	e.v.Confidence = "medium"
}
