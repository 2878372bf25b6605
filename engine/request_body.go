package engine

import (
	"strings"

	"github.com/errdocs/errdocs/engine/reqparse"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// The pasted request's body, as the response's explanation reads it: which fields were sent.

// requestBody is a pasted request's body, read once: JSON (or a Python dict) as a tree, a
// form-encoded body as its values.
type requestBody struct {
	root *jsonx.Node
	form map[string]bool
}

func readRequestBody(body string) *requestBody {
	rb := &requestBody{}
	t := strings.TrimSpace(body)
	if strings.HasPrefix(t, "{") {
		rb.root, _, _, _ = jsonx.Parse(t)
		if rb.root == nil {
			rb.root, _ = parsePythonRepr(t)
		}
	} else {
		rb.form = formKeys(t)
	}
	return rb
}

// has reports whether the body sets a dotted path.
func (rb *requestBody) has(path string) bool {
	if path == "" {
		return false
	}
	if rb.root != nil {
		return rb.root.Get(path) != nil
	}
	top, _, _ := strings.Cut(path, ".")
	return rb.form[top]
}

// formKeys returns the keys a form-encoded body sets. (Package net/url would do, but it costs
// the browser module more than these lines.)
func formKeys(body string) map[string]bool {
	keys := map[string]bool{}
	for _, pair := range strings.Split(body, "&") {
		k, _, _ := strings.Cut(pair, "=")
		if k = reqparse.UnescapeQuery(k); k != "" {
			keys[k] = true
		}
	}
	return keys
}
