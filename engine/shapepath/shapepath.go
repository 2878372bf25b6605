// Package shapepath reads an error response through a catalog.Shape: it follows the shape's
// paths into the JSON body and the headers, and tells whether a response fits a shape. The
// engine recognises and reads responses with it, and engine/reqcheck finds the shape of an
// example answer with it. It imports only catalog and internal/jsonx.
//
// # Paths
//
// A path is dotted ("error.code", "errors.0.detail"). It may list alternatives separated by "|",
// of which the first present wins ("error.code | error.type"); select an array's elements by a
// member's value or by its presence, and go on in each selected element
// ("error.details[@type=type.googleapis.com/google.rpc.Help].links.0.url", "errors[source]");
// or read a response header, or one parameter of it ("header:Request-Id",
// "header:WWW-Authenticate.error"). A value read from a header is a string node at offset -1.
package shapepath

import (
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// Doc is what a shape reads: a JSON body and the response's headers.
type Doc struct {
	// Root is the parsed body; nil when the body is not JSON or there is none.
	Root *jsonx.Node
	// Header returns a response header's value by name, case-insensitively; nil when the paste
	// has no headers.
	Header func(name string) (string, bool)
}

// First returns the first value path names, or nil.
func (d Doc) First(path string) *jsonx.Node {
	for path != "" {
		var alt string
		alt, path = nextAlt(path)
		if n := d.first(alt); n != nil {
			return n
		}
	}
	return nil
}

// Text returns the text of the first value path names: a string's value, a number's literal;
// "" for anything else or nothing.
func (d Doc) Text(path string) string {
	if path == "" {
		return ""
	}
	return d.First(path).Text()
}

// Code returns the code of a response as shape s reads it: the text of the first present
// alternative of s.Code, as s.CodeAt has it (in problem details, a type URI's last segment).
func (d Doc) Code(s *catalog.Shape) string {
	path := s.Code
	for path != "" {
		var alt string
		alt, path = nextAlt(path)
		if n := d.first(alt); n != nil {
			return s.CodeAt(alt, n.Text())
		}
	}
	return ""
}

// All returns every value the first present alternative of path names: one, or each element a
// selector keeps.
func (d Doc) All(path string) []*jsonx.Node {
	for path != "" {
		var alt string
		alt, path = nextAlt(path)
		if out := d.all(alt, nil); len(out) > 0 {
			return out
		}
	}
	return nil
}

// InBody reports whether the first present alternative of path is in the body rather than a
// header (false when nothing is present).
func (d Doc) InBody(path string) bool {
	n := d.First(path)
	return n != nil && n.Off >= 0
}

// nextAlt cuts the first alternative off a path.
func nextAlt(path string) (alt, rest string) {
	alt, rest, _ = strings.Cut(path, "|")
	return strings.TrimSpace(alt), rest
}

// Primary returns a path's first alternative when it is a plain dotted path into the body (no
// header, no selector), for writing a body of the shape; "" otherwise.
func Primary(path string) string {
	alt, _ := nextAlt(path)
	if strings.HasPrefix(alt, "header:") || strings.Contains(alt, "[") {
		return ""
	}
	return alt
}

// Tops returns the top-level body keys path may name, for Shape.Only.
func Tops(path string, add func(string)) {
	for path != "" {
		var alt string
		alt, path = nextAlt(path)
		if alt == "" || strings.HasPrefix(alt, "header:") {
			continue
		}
		seg, _ := nextSeg(alt)
		name, _, _ := strings.Cut(seg, "[")
		add(name)
	}
}

func (d Doc) first(alt string) *jsonx.Node {
	if name, ok := strings.CutPrefix(alt, "header:"); ok {
		return d.header(name)
	}
	if !strings.Contains(alt, "[") {
		return d.Root.Get(alt)
	}
	var found *jsonx.Node
	walk(d.Root, alt, func(n *jsonx.Node) bool { found = n; return false })
	return found
}

func (d Doc) all(alt string, out []*jsonx.Node) []*jsonx.Node {
	if name, ok := strings.CutPrefix(alt, "header:"); ok {
		if n := d.header(name); n != nil {
			out = append(out, n)
		}
		return out
	}
	walk(d.Root, alt, func(n *jsonx.Node) bool { out = append(out, n); return true })
	return out
}

// header reads "Name" or "Name.param".
func (d Doc) header(spec string) *jsonx.Node {
	if d.Header == nil {
		return nil
	}
	name, param, _ := strings.Cut(spec, ".")
	v, ok := d.Header(name)
	if !ok {
		return nil
	}
	if param != "" {
		if v, ok = Param(v, param); !ok {
			return nil
		}
	}
	return &jsonx.Node{Kind: jsonx.String, Str: v, Off: -1, KeyOff: -1}
}

// nextSeg cuts the first segment off a dotted path, leaving dots inside brackets alone.
func nextSeg(p string) (seg, rest string) {
	depth := 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '[':
			depth++
		case ']':
			depth--
		case '.':
			if depth == 0 {
				return p[:i], p[i+1:]
			}
		}
	}
	return p, ""
}

// walk calls fn with each value path names under n, until fn returns false; it reports
// whether to go on.
func walk(n *jsonx.Node, path string, fn func(*jsonx.Node) bool) bool {
	for n != nil && path != "" {
		var seg string
		seg, path = nextSeg(path)
		name, sel, hasSel := strings.Cut(seg, "[")
		if name != "" {
			n = child(n, name)
		}
		if !hasSel {
			continue
		}
		sel = strings.TrimSuffix(sel, "]")
		if n == nil || n.Kind != jsonx.Array {
			return true
		}
		key, want, byValue := strings.Cut(sel, "=")
		for _, el := range n.Vals {
			v := el.Get(key)
			if v == nil || byValue && v.Text() != want {
				continue
			}
			if path == "" {
				if !fn(el) {
					return false
				}
			} else if !walk(el, path, fn) {
				return false
			}
		}
		return true
	}
	if n == nil {
		return true
	}
	return fn(n)
}

// child is one step of a path: an object's member or an array's element.
func child(n *jsonx.Node, seg string) *jsonx.Node {
	switch n.Kind {
	case jsonx.Object:
		for _, v := range n.Vals {
			if v.Key == seg {
				return v
			}
		}
	case jsonx.Array:
		if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Vals) {
			return n.Vals[i]
		}
	}
	return nil
}

// Fits reports whether a response has the shape s, and how strongly that points to s's API:
// its strength (high 5, medium 2, low 1), and 1 for each of its fields and request id present
// beyond what Match requires.
func Fits(d Doc, s *catalog.Shape) (int, bool) {
	for path, want := range s.Match {
		if !fitsOne(d, path, want) {
			return 0, false
		}
	}
	if s.Only && d.Root != nil {
		allowed := map[string]bool{}
		add := func(k string) { allowed[k] = true }
		for p := range s.Match {
			Tops(p, add)
		}
		for _, p := range [...]string{s.Code, s.Message, s.Status, s.RequestID, s.Fields, s.Category, s.SubCode, s.DocURL, s.RetryDelay} {
			Tops(p, add)
		}
		for _, p := range s.Promised {
			Tops(p, add)
		}
		for _, v := range d.Root.Vals {
			if !allowed[v.Key] {
				return 0, false
			}
		}
	}
	if s.Code != "" && !s.CodeMatches(d.Code(s)) {
		return 0, false
	}
	score := strengthScore(s.Strength)
	// Optional parts that are there add a little: a Puck body with issues[] is surer than a
	// bare {"error": …}.
	for _, p := range [...]string{s.Fields, s.RequestID} {
		if p != "" && d.First(p) != nil {
			if _, inMatch := s.Match[p]; !inMatch {
				score++
			}
		}
	}
	return score, true
}

// fitsOne checks one Match entry.
func fitsOne(d Doc, path, want string) bool {
	n := d.First(path)
	switch want {
	case "absent":
		return n == nil
	case "present":
		return n != nil
	}
	if n == nil {
		return false
	}
	if lit, ok := strings.CutPrefix(want, "="); ok {
		switch n.Kind {
		case jsonx.String, jsonx.Number, jsonx.Bool:
			return n.Str == lit
		case jsonx.Null:
			return lit == "null"
		}
		return false
	}
	return n.Kind.String() == want
}

// strengthScore is what a shape's strength adds to its score: high 5, medium 2, low 1.
func strengthScore(strength string) int {
	switch strength {
	case "high":
		return 5
	case "medium":
		return 2
	case "low":
		return 1
	}
	return 0
}
