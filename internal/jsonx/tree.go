package jsonx

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/errdocs/errdocs/internal/printf"
)

// The forgiving reader. encoding/json answers a broken body with one error and no value; a
// person who pasted a cut-off response wants what is there. This reader keeps every value it
// read before the text ended or went wrong, remembers where each value started, and stops at a
// nesting depth and a node count, so no paste can exhaust the stack or the heap.

type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Object
	Array
)

func (k Kind) String() string {
	return [...]string{"null", "boolean", "number", "string", "object", "array"}[k]
}

// jnode is one JSON value.
type Node struct {
	Kind Kind
	// str is a string's decoded text, a number's literal, or "true"/"false".
	Str string
	// vals holds an object's members or an array's items, in order; key is a member's key.
	Vals []*Node
	Key  string
	// off is the byte offset of the value in the parsed text; keyOff that of its key, for
	// object members (-1 otherwise).
	Off, KeyOff int
	// cut says the text ended inside this value.
	Cut bool
}

// get returns the member at a dotted path ("error.code", "issues.0.path"), or nil.
func (n *Node) Get(path string) *Node {
	for n != nil && path != "" {
		seg, rest, _ := strings.Cut(path, ".")
		path = rest
		switch n.Kind {
		case Object:
			var next *Node
			for _, v := range n.Vals {
				if v.Key == seg {
					next = v
					break
				}
			}
			n = next
		case Array:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n.Vals) {
				return nil
			}
			n = n.Vals[i]
		default:
			return nil
		}
	}
	return n
}

// MemberForms lists an object's member names, a boolean member's as name=true or name=false
// (the form catalog.FormKey takes); nil for anything but an object.
func (n *Node) MemberForms() []string {
	if n == nil || n.Kind != Object {
		return nil
	}
	out := make([]string, len(n.Vals))
	for i, v := range n.Vals {
		out[i] = v.Key
		if v.Kind == Bool {
			out[i] += "=" + v.Str
		}
	}
	return out
}

// text returns a scalar's text: a string's value, a number's literal; "" otherwise.
func (n *Node) Text() string {
	if n == nil || n.Kind == Object || n.Kind == Array || n.Kind == Null {
		return ""
	}
	return n.Str
}

func (n *Node) setCut() {
	if n != &skipped {
		n.Cut = true
	}
}

// Shift moves every offset in n by d, for a tree read from a part of a larger text.
func (n *Node) Shift(d int) {
	if n == nil || d == 0 {
		return
	}
	n.Off += d
	if n.KeyOff >= 0 {
		n.KeyOff += d
	}
	for _, v := range n.Vals {
		v.Shift(d)
	}
}

// SyntaxError is a syntax error at a byte offset.
type SyntaxError struct {
	Off int
	Msg string
}

const (
	MaxDepth = 512
	// maxNodes is how many values below the second level are kept; past it the reader checks
	// the syntax but stores nothing, so a huge body costs little memory. The top two levels,
	// where every shape's code, message and status live, are always kept.
	maxNodes = 20_000
)

// skipped stands for a value past maxNodes: read, checked, not kept. Nothing writes to it.
var skipped Node

type jparser struct {
	s     string
	i     int
	depth int
	nodes int
	err   *SyntaxError
	// cut says the text ended before the value was complete.
	cut bool
	// slab is where nodes are allocated, many at a time; kids stacks the members or items of
	// the objects and arrays being read, each copied out whole when its container ends. A 1 MB
	// body then costs a few hundred allocations rather than tens of thousands, which counts most
	// in the playground's WebAssembly, where allocation is slow.
	slab []Node
	kids []*Node
}

// node allocates n in the slab.
func (p *jparser) node(n Node) *Node {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]Node, 0, min(max(2*cap(p.slab), 16), 1024))
	}
	p.slab = append(p.slab, n)
	return &p.slab[len(p.slab)-1]
}

// popKids returns the nodes stacked since base, as a slice of their own, and unstacks them.
func (p *jparser) popKids(base int) []*Node {
	if len(p.kids) == base {
		return nil
	}
	out := make([]*Node, len(p.kids)-base)
	copy(out, p.kids[base:])
	clear(p.kids[base:])
	p.kids = p.kids[:base]
	return out
}

// parseJSON reads one JSON value from the start of s (after white space). It returns the value
// (possibly partial), the offset just past it, and the first error. A nil node means nothing
// could be read.
func Parse(s string) (n *Node, end int, cut bool, err *SyntaxError) {
	p := &jparser{s: s}
	p.ws()
	n = p.value(-1)
	return n, p.i, p.cut, p.err
}

func (p *jparser) fail(msg string, args ...any) {
	if p.err == nil {
		p.err = &SyntaxError{Off: p.i, Msg: printf.Sprintf(msg, args...)}
	}
}

func (p *jparser) eof() bool {
	if p.i >= len(p.s) {
		p.cut = true
		return true
	}
	return false
}

func (p *jparser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// value reads one value. It returns nil, after recording an error, when no value starts here.
func (p *jparser) value(keyOff int) *Node {
	if p.err != nil || p.eof() {
		return nil
	}
	keep := true
	if p.depth >= 2 {
		p.nodes++
		keep = p.nodes <= maxNodes
	}
	start := p.i
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(keyOff, keep)
	case c == '[':
		return p.array(keyOff, keep)
	case c == '"':
		str, ok := p.str()
		if !keep {
			return nil
		}
		return p.node(Node{Kind: String, Str: str, Off: start, KeyOff: keyOff, Cut: !ok && p.cut})
	case c == '-' || c >= '0' && c <= '9':
		p.i++
		for p.i < len(p.s) && strings.IndexByte("0123456789.eE+-", p.s[p.i]) >= 0 {
			p.i++
		}
		lit := p.s[start:p.i]
		if !ValidNumber(lit) {
			p.i = start
			p.fail("invalid number %q", printf.Clip(lit, 20))
			return nil
		}
		if !keep {
			return nil
		}
		return p.node(Node{Kind: Number, Str: lit, Off: start, KeyOff: keyOff})
	default:
		for _, w := range [...]string{"true", "false", "null"} {
			rest := p.s[p.i:]
			if strings.HasPrefix(rest, w) {
				p.i += len(w)
				if !keep {
					return nil
				}
				if w == "null" {
					return p.node(Node{Kind: Null, Off: start, KeyOff: keyOff})
				}
				return p.node(Node{Kind: Bool, Str: w, Off: start, KeyOff: keyOff})
			}
			if len(rest) < len(w) && strings.HasPrefix(w, rest) {
				p.i = len(p.s)
				p.cut = true
				return nil
			}
		}
		r, _ := utf8.DecodeRuneInString(p.s[p.i:])
		if c == '\'' {
			p.fail("strings must use double quotes, not single quotes")
		} else {
			p.fail("unexpected %s where a value should start", quoteRune(r))
		}
		return nil
	}
}

func (p *jparser) object(keyOff int, keep bool) *Node {
	n := &skipped
	if keep {
		n = p.node(Node{Kind: Object, Off: p.i, KeyOff: keyOff})
	}
	base := len(p.kids)
	r := p.members(n, keep)
	if keep {
		n.Vals = p.popKids(base)
	}
	return r
}

// members reads an object's members, stacking those it keeps on p.kids.
func (p *jparser) members(n *Node, keep bool) *Node {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > MaxDepth {
		p.fail("nesting is deeper than %d levels", MaxDepth)
		return nil
	}
	p.i++
	p.ws()
	if p.eof() {
		n.setCut()
		return n
	}
	if p.s[p.i] == '}' {
		p.i++
		return n
	}
	for {
		p.ws()
		if p.eof() {
			n.setCut()
			return n
		}
		if p.s[p.i] != '"' {
			if p.s[p.i] == '}' {
				p.fail("trailing comma before }")
			} else if p.s[p.i] == '\'' {
				p.fail("object keys must use double quotes, not single quotes")
			} else {
				p.fail("object key must be a string in double quotes")
			}
			n.setCut()
			return n
		}
		kOff := p.i
		key, ok := p.str()
		if !ok {
			n.setCut()
			return n
		}
		p.ws()
		if p.eof() {
			n.setCut()
			return n
		}
		if p.s[p.i] != ':' {
			p.fail("expected : after object key %q", printf.Clip(key, 40))
			n.setCut()
			return n
		}
		p.i++
		p.ws()
		v := p.value(kOff)
		if keep && v != &skipped && (v != nil || p.cut) {
			if v == nil {
				v = p.node(Node{Kind: Null, Off: p.i, KeyOff: kOff, Cut: true})
			}
			v.Key = key
			p.kids = append(p.kids, v)
		}
		if p.err != nil || p.cut {
			n.setCut()
			return n
		}
		p.ws()
		if p.eof() {
			n.setCut()
			return n
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return n
		default:
			p.fail("expected , or } after object member %q", printf.Clip(key, 40))
			n.setCut()
			return n
		}
	}
}

func (p *jparser) array(keyOff int, keep bool) *Node {
	n := &skipped
	if keep {
		n = p.node(Node{Kind: Array, Off: p.i, KeyOff: keyOff})
	}
	base := len(p.kids)
	r := p.items(n, keep)
	if keep {
		n.Vals = p.popKids(base)
	}
	return r
}

// items reads an array's items, stacking those it keeps on p.kids.
func (p *jparser) items(n *Node, keep bool) *Node {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > MaxDepth {
		p.fail("nesting is deeper than %d levels", MaxDepth)
		return nil
	}
	p.i++
	p.ws()
	if p.eof() {
		n.setCut()
		return n
	}
	if p.s[p.i] == ']' {
		p.i++
		return n
	}
	for {
		p.ws()
		if p.eof() {
			n.setCut()
			return n
		}
		if p.s[p.i] == ']' {
			p.fail("trailing comma before ]")
			n.setCut()
			return n
		}
		v := p.value(-1)
		if keep && v != nil && v != &skipped {
			p.kids = append(p.kids, v)
		}
		if p.err != nil || p.cut {
			n.setCut()
			return n
		}
		p.ws()
		if p.eof() {
			n.setCut()
			return n
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return n
		default:
			p.fail("expected , or ] in array")
			n.setCut()
			return n
		}
	}
}

// str reads a string starting at the opening quote. ok is false if the text ended or the string
// is malformed.
func (p *jparser) str() (string, bool) {
	p.i++ // opening quote
	start := p.i
	// Fast path: no escapes.
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '"' {
			s := p.s[start:p.i]
			p.i++
			return s, true
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.i++
	}
	var b strings.Builder
	b.WriteString(p.s[start:p.i])
	for {
		if p.eof() {
			return b.String(), false
		}
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String(), true
		case c < 0x20:
			if c == '\n' && strings.TrimSpace(p.s[p.i:]) == "" {
				// The paste ended inside the string: it was cut, not malformed.
				p.i = len(p.s)
				p.cut = true
			} else if c == '\n' {
				p.fail("string is not closed before the end of the line")
			} else {
				p.fail("control character %#02x in string; escape it", c)
			}
			return b.String(), false
		case c == '\\':
			r, n, fault := Unescape(p.s[p.i:])
			switch fault {
			case EscapeEnd, HexEnd:
				p.i = len(p.s)
				p.cut = true
				return b.String(), false
			case EscapeUnknown:
				p.fail(`invalid escape \%c in string`, p.s[p.i+1])
				return b.String(), false
			case HexBad:
				p.i += 2
				p.fail(`invalid \u escape`)
				return b.String(), false
			}
			b.WriteRune(r)
			p.i += n
		default:
			b.WriteByte(c)
			p.i++
		}
	}
}

func quoteRune(r rune) string {
	if r == utf8.RuneError {
		return "a byte that is not UTF-8"
	}
	return strconv.QuoteRune(r)
}
