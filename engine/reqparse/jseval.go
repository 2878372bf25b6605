package reqparse

import (
	"strings"

	"github.com/errdocs/errdocs/engine/reqparse/lex"
	"github.com/errdocs/errdocs/internal/printf"
)

// This file evaluates the JavaScript before and inside a fetch() call: a small tree of values
// (strings, template literals, objects, arrays, constants declared earlier in the paste), read
// from the tokens of package lex within a budget, with each value's place in the paste.

// jvKind is the kind of a JavaScript value the parser evaluated.
type jvKind uint8

const (
	jvOther     jvKind = iota // an expression the parser does not evaluate
	jvString                  // a string, possibly with unresolved ${…} parts
	jvNumber                  // a number literal
	jvBool                    // true or false
	jvNull                    // null
	jvUndefined               // undefined
	jvObject                  // an object literal
	jvArray                   // an array literal
	jvCall                    // a call or new expression
)

// jsValue is an evaluated JavaScript value.
type jsValue struct {
	kind       jvKind
	s          lex.Mapped // the text of a string, number or boolean
	start, end int        // the source range
	exprs      []jsExpr
	props      []jsProp
	items      []*jsValue
	callee     string // for jvCall: "JSON.stringify", "new Headers", …
	args       int    // for jvCall: offset just after the opening parenthesis
}

// jsExpr is an expression kept as written inside a string, at byte off of the string.
type jsExpr struct {
	text string
	off  int
}

// jsProp is one property of an object literal.
type jsProp struct {
	key string
	at  int // offset of the key
	val *jsValue
}

// Bounds on the work one fetch call may cause.
const (
	maxNodes        = 20000
	maxDecls        = 10000
	maxResolve      = 256
	maxResolveDepth = 8
	maxItems        = 1000
)

// jsParser reads JavaScript with one token of lookahead.
type jsParser struct {
	p        *parser
	text     string
	lx       lex.JSLexer
	tok      lex.Token
	prevEnd  int            // end of the token before tok
	decls    map[string]int // constant name → offset of its initializer
	resDepth int
	resolves int
	nodes    int
	steps    int    // tokens read, revisits included
	bodyKind string // "string", "urlencoded", "form" or ""

	// State of a JSON conversion.
	lastEnd int       // where the copying of white space resumes
	ptr     []ptrStep // JSON pointer of the value being converted
	failed  bool
	outCap  int
	unres   []Unresolved
	topExpr string // set when the whole converted value is one unresolved expression
}

// ptrStep is one step of a JSON pointer: an object key, or an array index when index >= 0.
type ptrStep struct {
	key   string
	index int
}

// jsState is a point the parser can return to.
type jsState struct {
	lx      lex.JSLexer
	tok     lex.Token
	prevEnd int
	lastEnd int
}

func (jp *jsParser) save() jsState { return jsState{jp.lx, jp.tok, jp.prevEnd, jp.lastEnd} }

func (jp *jsParser) restore(s jsState) {
	jp.lx, jp.tok, jp.prevEnd, jp.lastEnd = s.lx, s.tok, s.prevEnd, s.lastEnd
}

// seek moves the parser to the token at or after offset off.
func (jp *jsParser) seek(off int) {
	jp.lx.Seek(off)
	jp.prevEnd = off
	jp.tok = jp.lx.Next()
}

func (jp *jsParser) advance() {
	jp.prevEnd = jp.tok.End
	jp.tok = jp.lx.Next()
	jp.steps++
}

// canRevisit reports whether the parser may go back to read a part of the paste again, as it
// does to evaluate a constant. Past a budget of tokens proportional to the paste, it may not,
// so that time stays linear.
func (jp *jsParser) canRevisit() bool {
	return jp.steps < 2*len(jp.text)+1<<16 && jp.resDepth < maxResolveDepth && jp.resolves < maxResolve
}

func (jp *jsParser) tokText() string { return jp.text[jp.tok.Start:jp.tok.End] }

func (jp *jsParser) isPunct(s string) bool {
	return jp.tok.Kind == lex.Punct && jp.text[jp.tok.Start:jp.tok.End] == s
}

// newlineBefore reports whether a line end separates tok from the token before it.
func (jp *jsParser) newlineBefore() bool {
	return jp.prevEnd <= jp.tok.Start && strings.IndexByte(jp.text[jp.prevEnd:jp.tok.Start], '\n') >= 0
}

// atValueEnd reports whether tok ends the value before it: a comma, a closing bracket, a
// semicolon, the end, or a new statement on the next line.
func (jp *jsParser) atValueEnd() bool {
	switch jp.tok.Kind {
	case lex.EOF:
		return true
	case lex.Punct:
		return strings.IndexByte(",)]};", jp.text[jp.tok.Start]) >= 0
	}
	return jp.newlineBefore()
}

// statementWords start a new statement when they begin a line.
var statementWords = makeSet("const let var return if for while await fetch function export import async class try throw")

// skipExpr skips one expression, stopping before a comma, semicolon or closing bracket at depth
// 0, and returns the offset where the skipped text ends.
func (jp *jsParser) skipExpr() int {
	start := jp.tok.Start
	end := start
	depth := 0
	for jp.tok.Kind != lex.EOF {
		if jp.tok.Kind == lex.Punct {
			switch jp.text[jp.tok.Start] {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				if depth == 0 {
					return end
				}
				depth--
			case ',', ';':
				if depth == 0 {
					return end
				}
			}
		} else if depth == 0 && end > start && jp.tok.Kind == lex.Ident && jp.newlineBefore() &&
			statementWords[jp.tokText()] {
			return end
		}
		end = jp.tok.End
		jp.advance()
	}
	return end
}

// skipBalanced skips from an opening bracket past its closing one and returns the closing token.
func (jp *jsParser) skipBalanced() lex.Token {
	depth := 0
	for jp.tok.Kind != lex.EOF {
		t := jp.tok
		if t.Kind == lex.Punct {
			switch jp.text[t.Start] {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				depth--
				if depth <= 0 {
					jp.advance()
					return t
				}
			}
		}
		jp.advance()
	}
	return jp.tok
}

// raw returns the source text of v, mapped.
func (jp *jsParser) raw(v *jsValue) lex.Mapped {
	b := lex.NewTextBuilder(jp.text)
	if v.end > v.start {
		b.AddRun(jp.text[v.start:v.end], v.start)
	} else {
		b.NewSeg(v.start)
	}
	return b.Done()
}

// resolve evaluates the constant name declared earlier in the paste, or returns nil.
func (jp *jsParser) resolve(name string, depth int) *jsValue {
	off, ok := jp.decls[name]
	if !ok || !jp.canRevisit() {
		return nil
	}
	jp.resolves++
	st := jp.save()
	jp.seek(off)
	jp.resDepth++
	v := jp.value(depth + 1)
	jp.resDepth--
	jp.restore(st)
	return v
}

// value evaluates the expression at tok, as far as the fetch call needs: literals, object and
// array literals, constants, calls by name, and string concatenation. Anything else becomes a
// jvOther that keeps its source range.
func (jp *jsParser) value(depth int) *jsValue {
	start := jp.tok.Start
	v := jp.primary(depth)
	if jp.isPunct("+") {
		v = jp.concat(v, start, depth)
	}
	if !jp.atValueEnd() {
		end := jp.skipExpr()
		return &jsValue{kind: jvOther, start: start, end: max(end, v.end)}
	}
	return v
}

// concat evaluates a + b + … where at least one side is a string. An operand the parser cannot
// evaluate is kept as ${operand}.
func (jp *jsParser) concat(first *jsValue, start, depth int) *jsValue {
	b := lex.NewTextBuilder(jp.text)
	var exprs []jsExpr
	isString := false
	addOperand := func(v *jsValue) {
		switch v.kind {
		case jvString:
			isString = true
			for _, e := range v.exprs {
				exprs = append(exprs, jsExpr{e.text, b.Len() + e.off})
			}
			b.AddMapped(v.s)
		case jvNumber, jvBool:
			b.AddMapped(v.s)
		default:
			src := jp.text[v.start:max(v.start, v.end)]
			exprs = append(exprs, jsExpr{src, b.Len()})
			b.AddAt("${"+src+"}", v.start)
		}
	}
	addOperand(first)
	end := first.end
	for jp.isPunct("+") {
		jp.advance()
		w := jp.primary(depth)
		addOperand(w)
		end = w.end
	}
	if !isString {
		return &jsValue{kind: jvOther, start: start, end: end}
	}
	return &jsValue{kind: jvString, s: b.Done(), exprs: exprs, start: start, end: end}
}

// primary evaluates one operand.
func (jp *jsParser) primary(depth int) *jsValue {
	t := jp.tok
	if depth > maxDepth || jp.nodes > maxNodes {
		end := jp.skipExpr()
		return &jsValue{kind: jvOther, start: t.Start, end: end}
	}
	jp.nodes++
	v := &jsValue{start: t.Start, end: t.End}
	switch t.Kind {
	case lex.String:
		b := lex.NewTextBuilder(jp.text)
		to := t.End
		if to-t.Start >= 2 && jp.text[to-1] == jp.text[t.Start] {
			to--
		}
		lex.CookJS(&b, jp.text, t.Start+1, to)
		v.kind, v.s = jvString, b.Done()
		jp.advance()
		return v
	case lex.Template:
		v.kind = jvString
		v.s, v.exprs = jp.cookTemplate(t)
		jp.advance()
		return v
	case lex.Number:
		v.kind, v.s = jvNumber, jp.raw(v)
		jp.advance()
		return v
	case lex.Ident:
		switch name := jp.tokText(); name {
		case "true", "false":
			v.kind, v.s = jvBool, jp.raw(v)
			jp.advance()
			return v
		case "null":
			v.kind = jvNull
			jp.advance()
			return v
		case "undefined":
			v.kind = jvUndefined
			jp.advance()
			return v
		case "await":
			jp.advance()
			return jp.primary(depth + 1)
		case "new":
			jp.advance()
			callee := "new " + jp.memberName()
			if jp.isPunct("(") {
				v.args = jp.tok.End
				v.end = jp.skipBalanced().End
			}
			v.kind, v.callee = jvCall, callee
			return v
		}
		name := jp.memberName()
		v.end = jp.prevEnd
		if jp.isPunct("(") {
			v.args = jp.tok.End
			v.end = jp.skipBalanced().End
			v.kind, v.callee = jvCall, name
			return v
		}
		if !strings.Contains(name, ".") && jp.atValueEnd() || jp.isPunct("+") {
			if w := jp.resolve(name, depth); w != nil {
				return w
			}
		}
		return v
	case lex.Punct:
		switch jp.text[t.Start] {
		case '{':
			return jp.object(depth)
		case '[':
			return jp.array(depth)
		case '(':
			jp.advance()
			w := jp.value(depth + 1)
			if jp.isPunct(")") {
				jp.advance()
			}
			return w
		case '-':
			jp.advance()
			if jp.tok.Kind == lex.Number {
				v.end = jp.tok.End
				v.kind, v.s = jvNumber, jp.raw(v)
				jp.advance()
				return v
			}
		}
	}
	end := jp.skipExpr()
	v.end = max(end, t.Start)
	if v.end == t.Start && jp.tok.Kind != lex.EOF && !jp.atValueEnd() {
		jp.advance()
	}
	return v
}

// memberName reads a name such as JSON.stringify or process.env.KEY.
func (jp *jsParser) memberName() string {
	var b strings.Builder
	for jp.tok.Kind == lex.Ident {
		b.WriteString(jp.tokText())
		jp.advance()
		if !jp.isPunct(".") || b.Len() > 256 {
			break
		}
		st := jp.save()
		jp.advance()
		if jp.tok.Kind != lex.Ident {
			jp.restore(st)
			break
		}
		b.WriteByte('.')
	}
	return b.String()
}

// object evaluates an object literal.
func (jp *jsParser) object(depth int) *jsValue {
	v := &jsValue{kind: jvObject, start: jp.tok.Start}
	jp.advance()
	for jp.tok.Kind != lex.EOF {
		if jp.isPunct("}") {
			v.end = jp.tok.End
			jp.advance()
			return v
		}
		before := jp.tok.Start
		switch {
		case jp.isPunct(","):
			jp.advance()
		case jp.isPunct("..."):
			jp.advance()
			w := jp.value(depth + 1)
			if w.kind == jvObject {
				for _, pr := range w.props {
					if len(v.props) < maxItems {
						v.props = append(v.props, pr)
					}
				}
			} else {
				jp.p.note("The object on line %d spreads %s, which was not pasted.", jp.p.Line(v.start), printf.Clip(jp.raw(w).Text, 60))
			}
		default:
			key, at, ok := jp.propKey()
			if !ok {
				jp.skipExpr()
				break
			}
			var val *jsValue
			switch {
			case jp.isPunct(":"):
				jp.advance()
				val = jp.value(depth + 1)
			case jp.isPunct("("):
				jp.skipBalanced()
				if jp.isPunct("{") {
					jp.skipBalanced()
				}
			default:
				val = jp.resolve(key, depth)
				if val == nil {
					val = &jsValue{kind: jvOther, start: at, end: at + len(key)}
				}
			}
			if val != nil && len(v.props) < maxItems {
				v.props = append(v.props, jsProp{key: key, at: at, val: val})
			}
		}
		if jp.tok.Start == before && jp.tok.Kind != lex.EOF && !jp.isPunct("}") {
			jp.advance()
		}
	}
	v.end = len(jp.text)
	return v
}

// propKey reads a property name: an identifier, a string, a number or a computed [name].
func (jp *jsParser) propKey() (string, int, bool) {
	t := jp.tok
	switch t.Kind {
	case lex.Ident, lex.Number:
		jp.advance()
		return jp.text[t.Start:t.End], t.Start, true
	case lex.String, lex.Template:
		v := jp.primary(maxDepth)
		s, _, _ := jp.stringOf(v)
		return s.Text, t.Start, true
	case lex.Punct:
		if jp.text[t.Start] == '[' {
			end := jp.skipBalanced().End
			return jp.text[t.Start:max(t.Start, end)], t.Start, true
		}
	}
	return "", 0, false
}

// array evaluates an array literal.
func (jp *jsParser) array(depth int) *jsValue {
	v := &jsValue{kind: jvArray, start: jp.tok.Start}
	jp.advance()
	for jp.tok.Kind != lex.EOF {
		if jp.isPunct("]") {
			v.end = jp.tok.End
			jp.advance()
			return v
		}
		before := jp.tok.Start
		if jp.isPunct(",") {
			jp.advance()
			continue
		}
		w := jp.value(depth + 1)
		if len(v.items) < maxItems {
			v.items = append(v.items, w)
		}
		if jp.tok.Start == before && jp.tok.Kind != lex.EOF && !jp.isPunct("]") {
			jp.advance()
		}
	}
	v.end = len(jp.text)
	return v
}

// cookTemplate decodes a template literal. A ${name} whose constant is declared in the paste
// is replaced by its value; any other ${…} is kept as written and returned in exprs.
func (jp *jsParser) cookTemplate(t lex.Token) (lex.Mapped, []jsExpr) {
	text := jp.text
	from, to := t.Start+1, t.End
	if to > from && text[to-1] == '`' {
		to--
	}
	b := lex.NewTextBuilder(text)
	b.NewSeg(from)
	var exprs []jsExpr
	for i := from; i < to; {
		c := text[i]
		switch {
		case c == '\\':
			i = lex.CookEscape(&b, text, i, to)
		case c == '$' && i+1 < to && text[i+1] == '{':
			e := min(jp.lx.TemplateExprEnd(i+2), to)
			expr := strings.TrimSpace(text[i+2 : max(i+2, e-1)])
			if v := jp.resolveString(expr); v != nil {
				b.AddMapped(*v)
			} else {
				exprs = append(exprs, jsExpr{expr, b.Len()})
				b.AddRun(text[i:e], i)
			}
			i = e
		default:
			j := i + 1
			for j < to && text[j] != '\\' && text[j] != '$' {
				j++
			}
			b.AddRun(text[i:j], i)
			i = j
		}
	}
	return b.Done(), exprs
}

// resolveString returns the value of a constant that holds a string or a number, or nil.
func (jp *jsParser) resolveString(name string) *lex.Mapped {
	if name == "" || !isIdentifier(name) {
		return nil
	}
	v := jp.resolve(name, 1)
	if v == nil || !(v.kind == jvString && len(v.exprs) == 0 || v.kind == jvNumber) {
		return nil
	}
	return &v.s
}

func isIdentifier(s string) bool {
	for i := 0; i < len(s); i++ {
		if !lex.IsIdentByte(s[i]) {
			return false
		}
	}
	return s != "" && !lex.IsDigit(s[0])
}
