package request

import (
	"strconv"
	"strings"
)

// This file reads fetch() calls. It finds the call in the JavaScript of the paste, remembering
// the constants declared before it, reads the URL and the options object into a small tree of
// values, and turns a JSON.stringify argument into JSON text while keeping its layout.

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
	s          mapped // the text of a string, number or boolean
	start, end int    // the source range
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
	lx       jsLexer
	tok      jtok
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
	lx      jsLexer
	tok     jtok
	prevEnd int
	lastEnd int
}

func (jp *jsParser) save() jsState { return jsState{jp.lx, jp.tok, jp.prevEnd, jp.lastEnd} }

func (jp *jsParser) restore(s jsState) {
	jp.lx, jp.tok, jp.prevEnd, jp.lastEnd = s.lx, s.tok, s.prevEnd, s.lastEnd
}

// seek moves the parser to the token at or after offset off.
func (jp *jsParser) seek(off int) {
	jp.lx.i = off
	jp.lx.prev = jtok{}
	jp.prevEnd = off
	jp.tok = jp.lx.next()
}

func (jp *jsParser) advance() {
	jp.prevEnd = jp.tok.end
	jp.tok = jp.lx.next()
	jp.steps++
}

// canRevisit reports whether the parser may go back to read a part of the paste again, as it
// does to evaluate a constant. Past a budget of tokens proportional to the paste, it may not,
// so that time stays linear.
func (jp *jsParser) canRevisit() bool {
	return jp.steps < 2*len(jp.text)+1<<16 && jp.resDepth < maxResolveDepth && jp.resolves < maxResolve
}

func (jp *jsParser) tokText() string { return jp.text[jp.tok.start:jp.tok.end] }

func (jp *jsParser) isPunct(s string) bool {
	return jp.tok.kind == jPunct && jp.text[jp.tok.start:jp.tok.end] == s
}

// newlineBefore reports whether a line end separates tok from the token before it.
func (jp *jsParser) newlineBefore() bool {
	return jp.prevEnd <= jp.tok.start && strings.IndexByte(jp.text[jp.prevEnd:jp.tok.start], '\n') >= 0
}

// atValueEnd reports whether tok ends the value before it: a comma, a closing bracket, a
// semicolon, the end, or a new statement on the next line.
func (jp *jsParser) atValueEnd() bool {
	switch jp.tok.kind {
	case jEOF:
		return true
	case jPunct:
		return strings.IndexByte(",)]};", jp.text[jp.tok.start]) >= 0
	}
	return jp.newlineBefore()
}

// statementWords start a new statement when they begin a line.
var statementWords = makeSet("const let var return if for while await fetch function export import async class try throw")

// skipExpr skips one expression, stopping before a comma, semicolon or closing bracket at depth
// 0, and returns the offset where the skipped text ends.
func (jp *jsParser) skipExpr() int {
	start := jp.tok.start
	end := start
	depth := 0
	for jp.tok.kind != jEOF {
		if jp.tok.kind == jPunct {
			switch jp.text[jp.tok.start] {
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
		} else if depth == 0 && end > start && jp.tok.kind == jIdent && jp.newlineBefore() &&
			statementWords[jp.tokText()] {
			return end
		}
		end = jp.tok.end
		jp.advance()
	}
	return end
}

// skipBalanced skips from an opening bracket past its closing one and returns the closing token.
func (jp *jsParser) skipBalanced() jtok {
	depth := 0
	for jp.tok.kind != jEOF {
		t := jp.tok
		if t.kind == jPunct {
			switch jp.text[t.start] {
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
func (jp *jsParser) raw(v *jsValue) mapped {
	b := newTextBuilder(jp.text)
	if v.end > v.start {
		b.addRun(jp.text[v.start:v.end], v.start)
	} else {
		b.newSeg(v.start)
	}
	return b.done()
}

// parseFetch reads the fetch( call in the JavaScript that starts at offset at.
func (p *parser) parseFetch(at int) (int, bool) {
	r, text := p.r, p.text
	jp := &jsParser{p: p, text: text, lx: jsLexer{text: text, i: at}, decls: map[string]int{}, prevEnd: at}
	jp.advance()
	var prev jtok
	found := false
scan:
	for jp.tok.kind != jEOF {
		t := jp.tok
		if t.kind == jIdent {
			switch jp.tokText() {
			case "const", "let", "var":
				jp.advance()
				if jp.tok.kind != jIdent {
					continue
				}
				name := jp.tokText()
				jp.advance()
				if jp.isPunct("=") {
					if len(jp.decls) < maxDecls {
						jp.decls[name] = jp.tok.end
					}
					prev = jp.tok
					jp.advance()
				}
				continue
			case "fetch":
				if prev.kind != jIdent || text[prev.start:prev.end] != "function" {
					jp.advance()
					if jp.isPunct("(") {
						found = true
						break scan
					}
					prev = t
					continue
				}
			}
		}
		prev = t
		jp.advance()
	}
	if !found {
		return 0, false
	}
	open := jp.tok
	jp.advance()
	var url, init *jsValue
	if !jp.isPunct(")") {
		url = jp.value(0)
	}
	if jp.isPunct(",") {
		jp.advance()
		if !jp.isPunct(")") {
			init = jp.value(0)
		}
	}
	for jp.tok.kind != jEOF && !jp.isPunct(")") {
		before := jp.tok.start
		jp.skipExpr()
		if jp.isPunct(",") {
			jp.advance()
		}
		if jp.tok.start == before && !jp.isPunct(")") {
			jp.advance()
		}
	}
	end := len(text)
	if jp.isPunct(")") {
		end = jp.tok.end
		jp.advance()
		for jp.isPunct(".") {
			jp.advance()
			if jp.tok.kind != jIdent {
				break
			}
			end = jp.tok.end
			jp.advance()
			if jp.isPunct("(") {
				end = jp.skipBalanced().end
			}
		}
		if jp.isPunct(";") {
			end = jp.tok.end
		}
	} else {
		p.note("The fetch( call on line %d is never closed.", p.line(open.start))
	}
	if url == nil || url.end <= url.start {
		return 0, false
	}

	r.Form = "fetch"
	r.StartLine = p.line(at)
	r.EndLine = p.line(max(end-1, at))
	r.Method = "GET"
	jp.setURL(url)
	var body *jsValue
	if init != nil {
		if init.kind == jvObject {
			for _, pr := range init.props {
				switch pr.key {
				case "method":
					jp.setMethod(pr.val)
				case "headers":
					jp.headers(pr.val, 0)
				case "body":
					body = pr.val
				}
			}
		} else if init.kind != jvUndefined && init.kind != jvNull {
			p.note("The options of the fetch call come from %s, which was not pasted.", clip(jp.raw(init).s, 60))
		}
	}
	if body != nil {
		jp.body(body)
	}
	if ct, ok := r.Header("Content-Type"); ok {
		r.ContentType = ct
	} else {
		switch jp.bodyKind {
		case "string":
			r.ContentType = "text/plain;charset=UTF-8"
			if t := strings.TrimSpace(p.body.s); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
				p.note("fetch sends a string body as text/plain;charset=UTF-8 unless a Content-Type header says otherwise.")
			}
		case "urlencoded":
			r.ContentType = "application/x-www-form-urlencoded;charset=UTF-8"
		case "form":
			r.ContentType = "multipart/form-data"
		}
	}
	if end >= len(text) {
		return len(text), true
	}
	return nextLine(text, end), true
}

// setURL sets the request's URL from fetch's first argument.
func (jp *jsParser) setURL(v *jsValue) {
	p, r := jp.p, jp.p.r
	s, exprs, raw := jp.stringOf(v)
	r.URL = s.s
	r.URLLine = p.line(v.start)
	if raw {
		p.note("The URL is %s, which was not pasted; it is kept as written.", clip(s.s, 60))
	}
	for _, e := range exprs {
		p.note("The URL uses ${%s}, which was not pasted; it is kept as written.", clip(e.text, 60))
	}
}

// setMethod sets the method from the options' method. fetch upper-cases DELETE, GET, HEAD,
// OPTIONS, POST and PUT, and sends any other method exactly as written.
func (jp *jsParser) setMethod(v *jsValue) {
	p, r := jp.p, jp.p.r
	s, _, raw := jp.stringOf(v)
	if raw {
		p.note("The method is %s, which was not pasted; GET is assumed.", clip(s.s, 60))
		return
	}
	m := s.s
	if strings.TrimSpace(m) == "" {
		p.note("The method on line %d is empty, so fetch rejects the call; GET is assumed.", p.line(v.start))
		return
	}
	up := strings.ToUpper(m)
	switch up {
	case "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT":
	default:
		if m != up {
			p.note("fetch sends the method %q exactly as written; only DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased for you, so write %q.",
				clip(m, 20), clip(up, 20))
		}
	}
	r.Method = up
	r.MethodLine = p.line(v.start)
}

// headers adds the headers given as an object, a Headers object or an array of pairs. depth
// counts nested Headers objects.
func (jp *jsParser) headers(v *jsValue, depth int) {
	p := jp.p
	add := func(name string, at int, val *jsValue) {
		s, exprs, raw := jp.stringOf(val)
		p.addHeader(Header{Name: name, Value: s.s, Line: p.line(at)})
		if raw {
			p.note("The header %s is %s, which was not pasted; it is kept as written.", clip(name, 40), clip(s.s, 60))
		}
		for _, e := range exprs {
			p.note("The header %s uses ${%s}, which was not pasted; it is kept as written.", clip(name, 40), clip(e.text, 60))
		}
	}
	switch v.kind {
	case jvObject:
		for _, pr := range v.props {
			add(pr.key, pr.at, pr.val)
		}
	case jvArray:
		for _, it := range v.items {
			if it.kind == jvArray && len(it.items) == 2 {
				name, _, _ := jp.stringOf(it.items[0])
				add(name.s, it.start, it.items[1])
			}
		}
	case jvCall:
		if v.callee == "new Headers" && depth < 4 && jp.canRevisit() {
			st := jp.save()
			jp.seek(v.args)
			if !jp.isPunct(")") {
				w := jp.value(1)
				jp.restore(st)
				jp.headers(w, depth+1)
				return
			}
			jp.restore(st)
			return
		}
		fallthrough
	default:
		p.note("The headers come from %s, which was not pasted.", clip(jp.raw(v).s, 60))
	}
}

// body reads the options' body.
func (jp *jsParser) body(v *jsValue) {
	p, r := jp.p, jp.p.r
	switch v.kind {
	case jvNull, jvUndefined:
	case jvString:
		p.body, p.hasBody, jp.bodyKind = v.s, true, "string"
		for _, e := range v.exprs {
			if len(r.Unresolved) < maxUnresolved {
				r.Unresolved = append(r.Unresolved, Unresolved{Expr: e.text, Offset: e.off})
			}
			p.note("The body uses ${%s}, which was not pasted; it is kept as written.", clip(e.text, 60))
		}
	case jvNumber, jvBool:
		p.body, p.hasBody, jp.bodyKind = v.s, true, "string"
	case jvCall:
		switch v.callee {
		case "JSON.stringify":
			jp.stringify(v)
		case "new URLSearchParams":
			jp.searchParams(v)
		case "new FormData":
			jp.bodyKind = "form"
			p.note("The body is a FormData; its fields are not shown in the paste.")
		default:
			p.note("The body is %s, which was not pasted.", clip(jp.raw(v).s, 60))
		}
	case jvObject:
		b := newBuilder()
		b.addAt("[object Object]", v.start)
		p.body, p.hasBody, jp.bodyKind = b.done(), true, "string"
		p.note("The body on line %d is an object, so fetch sends the text \"[object Object]\"; wrap it in JSON.stringify(…).", p.line(v.start))
	case jvArray:
		p.note("The body on line %d is an array, which fetch sends as its items joined by commas; wrap it in JSON.stringify(…).", p.line(v.start))
	default:
		p.note("The body comes from %s, which was not pasted.", clip(jp.raw(v).s, 60))
	}
}

// stringify turns the argument of JSON.stringify into the body's JSON text.
func (jp *jsParser) stringify(v *jsValue) {
	p, r := jp.p, jp.p.r
	st := jp.save()
	defer jp.restore(st)
	jp.seek(v.args)
	if jp.isPunct(")") {
		p.note("JSON.stringify() has no argument, so the request has no body.")
		return
	}
	jp.bodyKind = "string"
	b := newTextBuilder(jp.text)
	jp.lastEnd, jp.ptr, jp.failed, jp.unres, jp.topExpr = jp.tok.start, nil, false, nil, ""
	jp.outCap = 2*len(jp.text) + 1<<20
	ok := jp.json(&b, 0)
	switch {
	case jp.failed:
		jp.seek(v.args)
		start := jp.tok.start
		end := jp.skipExpr()
		raw := newTextBuilder(jp.text)
		raw.addRun(jp.text[start:max(start, end)], start)
		p.body, p.hasBody = raw.done(), true
		p.note("The argument of JSON.stringify on line %d could not be turned into JSON; the body holds it as written.", p.line(start))
	case !ok:
		p.note("JSON.stringify of undefined or a function returns undefined, so the request has no body.")
		jp.bodyKind = ""
	case jp.topExpr != "":
		p.note("The body is JSON.stringify(%s), and %s was not pasted.", clip(jp.topExpr, 60), clip(jp.topExpr, 60))
	default:
		p.body, p.hasBody = b.done(), true
		for _, u := range jp.unres {
			if len(r.Unresolved) < maxUnresolved {
				r.Unresolved = append(r.Unresolved, u)
			}
			where := "body's " + u.Pointer
			if u.Pointer == "" {
				where = "body"
			}
			p.note("The %s is %s, which was not pasted; it is kept as a string.", where, clip(u.Expr, 60))
		}
	}
}

// searchParams turns new URLSearchParams(…) into a form-encoded body.
func (jp *jsParser) searchParams(v *jsValue) {
	p := jp.p
	jp.bodyKind = "urlencoded"
	st := jp.save()
	jp.seek(v.args)
	var w *jsValue
	if !jp.isPunct(")") {
		w = jp.value(1)
	}
	jp.restore(st)
	var pairs []string
	switch {
	case w == nil:
	case w.kind == jvString:
		pairs = append(pairs, strings.TrimPrefix(w.s.s, "?"))
	case w.kind == jvObject:
		for _, pr := range w.props {
			s, _, _ := jp.stringOf(pr.val)
			pairs = append(pairs, formEncode(pr.key)+"="+formEncode(s.s))
		}
	case w.kind == jvArray:
		for _, it := range w.items {
			if it.kind == jvArray && len(it.items) == 2 {
				k, _, _ := jp.stringOf(it.items[0])
				s, _, _ := jp.stringOf(it.items[1])
				pairs = append(pairs, formEncode(k.s)+"="+formEncode(s.s))
			}
		}
	default:
		p.note("The body's parameters come from %s, which was not pasted.", clip(jp.raw(w).s, 60))
		return
	}
	b := newBuilder()
	b.addAt(strings.Join(pairs, "&"), v.start)
	p.body, p.hasBody = b.done(), true
}

// formEncode encodes s as application/x-www-form-urlencoded does: a space becomes '+'.
func formEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isAlnum(c) || c == '*' || c == '-' || c == '.' || c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

// stringOf returns the text of a value used as a string: the string itself, a number's digits,
// or, for an expression the parser cannot evaluate, its source as written (raw is then true).
func (jp *jsParser) stringOf(v *jsValue) (s mapped, exprs []jsExpr, raw bool) {
	switch v.kind {
	case jvString:
		return v.s, v.exprs, false
	case jvNumber, jvBool:
		return v.s, nil, false
	case jvNull, jvUndefined:
		b := newBuilder()
		if v.kind == jvNull {
			b.addAt("null", v.start)
		} else {
			b.addAt("undefined", v.start)
		}
		return b.done(), nil, false
	}
	return jp.raw(v), nil, true
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
	start := jp.tok.start
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
	b := newTextBuilder(jp.text)
	var exprs []jsExpr
	isString := false
	addOperand := func(v *jsValue) {
		switch v.kind {
		case jvString:
			isString = true
			for _, e := range v.exprs {
				exprs = append(exprs, jsExpr{e.text, b.len() + e.off})
			}
			b.addMapped(v.s)
		case jvNumber, jvBool:
			b.addMapped(v.s)
		default:
			src := jp.text[v.start:max(v.start, v.end)]
			exprs = append(exprs, jsExpr{src, b.len()})
			b.addAt("${"+src+"}", v.start)
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
	return &jsValue{kind: jvString, s: b.done(), exprs: exprs, start: start, end: end}
}

// primary evaluates one operand.
func (jp *jsParser) primary(depth int) *jsValue {
	t := jp.tok
	if depth > maxDepth || jp.nodes > maxNodes {
		end := jp.skipExpr()
		return &jsValue{kind: jvOther, start: t.start, end: end}
	}
	jp.nodes++
	v := &jsValue{start: t.start, end: t.end}
	switch t.kind {
	case jString:
		b := newTextBuilder(jp.text)
		to := t.end
		if to-t.start >= 2 && jp.text[to-1] == jp.text[t.start] {
			to--
		}
		cookJS(&b, jp.text, t.start+1, to)
		v.kind, v.s = jvString, b.done()
		jp.advance()
		return v
	case jTemplate:
		v.kind = jvString
		v.s, v.exprs = jp.cookTemplate(t)
		jp.advance()
		return v
	case jNumber:
		v.kind, v.s = jvNumber, jp.raw(v)
		jp.advance()
		return v
	case jIdent:
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
				v.args = jp.tok.end
				v.end = jp.skipBalanced().end
			}
			v.kind, v.callee = jvCall, callee
			return v
		}
		name := jp.memberName()
		v.end = jp.prevEnd
		if jp.isPunct("(") {
			v.args = jp.tok.end
			v.end = jp.skipBalanced().end
			v.kind, v.callee = jvCall, name
			return v
		}
		if !strings.Contains(name, ".") && jp.atValueEnd() || jp.isPunct("+") {
			if w := jp.resolve(name, depth); w != nil {
				return w
			}
		}
		return v
	case jPunct:
		switch jp.text[t.start] {
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
			if jp.tok.kind == jNumber {
				v.end = jp.tok.end
				v.kind, v.s = jvNumber, jp.raw(v)
				jp.advance()
				return v
			}
		}
	}
	end := jp.skipExpr()
	v.end = max(end, t.start)
	if v.end == t.start && jp.tok.kind != jEOF && !jp.atValueEnd() {
		jp.advance()
	}
	return v
}

// memberName reads a name such as JSON.stringify or process.env.KEY.
func (jp *jsParser) memberName() string {
	var b strings.Builder
	for jp.tok.kind == jIdent {
		b.WriteString(jp.tokText())
		jp.advance()
		if !jp.isPunct(".") || b.Len() > 256 {
			break
		}
		st := jp.save()
		jp.advance()
		if jp.tok.kind != jIdent {
			jp.restore(st)
			break
		}
		b.WriteByte('.')
	}
	return b.String()
}

// object evaluates an object literal.
func (jp *jsParser) object(depth int) *jsValue {
	v := &jsValue{kind: jvObject, start: jp.tok.start}
	jp.advance()
	for jp.tok.kind != jEOF {
		if jp.isPunct("}") {
			v.end = jp.tok.end
			jp.advance()
			return v
		}
		before := jp.tok.start
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
				jp.p.note("The object on line %d spreads %s, which was not pasted.", jp.p.line(v.start), clip(jp.raw(w).s, 60))
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
		if jp.tok.start == before && jp.tok.kind != jEOF && !jp.isPunct("}") {
			jp.advance()
		}
	}
	v.end = len(jp.text)
	return v
}

// propKey reads a property name: an identifier, a string, a number or a computed [name].
func (jp *jsParser) propKey() (string, int, bool) {
	t := jp.tok
	switch t.kind {
	case jIdent, jNumber:
		jp.advance()
		return jp.text[t.start:t.end], t.start, true
	case jString, jTemplate:
		v := jp.primary(maxDepth)
		s, _, _ := jp.stringOf(v)
		return s.s, t.start, true
	case jPunct:
		if jp.text[t.start] == '[' {
			end := jp.skipBalanced().end
			return jp.text[t.start:max(t.start, end)], t.start, true
		}
	}
	return "", 0, false
}

// array evaluates an array literal.
func (jp *jsParser) array(depth int) *jsValue {
	v := &jsValue{kind: jvArray, start: jp.tok.start}
	jp.advance()
	for jp.tok.kind != jEOF {
		if jp.isPunct("]") {
			v.end = jp.tok.end
			jp.advance()
			return v
		}
		before := jp.tok.start
		if jp.isPunct(",") {
			jp.advance()
			continue
		}
		w := jp.value(depth + 1)
		if len(v.items) < maxItems {
			v.items = append(v.items, w)
		}
		if jp.tok.start == before && jp.tok.kind != jEOF && !jp.isPunct("]") {
			jp.advance()
		}
	}
	v.end = len(jp.text)
	return v
}

// cookTemplate decodes a template literal. A ${name} whose constant is declared in the paste
// is replaced by its value; any other ${…} is kept as written and returned in exprs.
func (jp *jsParser) cookTemplate(t jtok) (mapped, []jsExpr) {
	text := jp.text
	from, to := t.start+1, t.end
	if to > from && text[to-1] == '`' {
		to--
	}
	b := newTextBuilder(text)
	b.newSeg(from)
	var exprs []jsExpr
	for i := from; i < to; {
		c := text[i]
		switch {
		case c == '\\':
			i = cookEscape(&b, text, i, to)
		case c == '$' && i+1 < to && text[i+1] == '{':
			e := min(templateExprEnd(text, i+2, jp.lx.depth+1), to)
			expr := strings.TrimSpace(text[i+2 : max(i+2, e-1)])
			if v := jp.resolveString(expr); v != nil {
				b.addMapped(*v)
			} else {
				exprs = append(exprs, jsExpr{expr, b.len()})
				b.addRun(text[i:e], i)
			}
			i = e
		default:
			j := i + 1
			for j < to && text[j] != '\\' && text[j] != '$' {
				j++
			}
			b.addRun(text[i:j], i)
			i = j
		}
	}
	return b.done(), exprs
}

// resolveString returns the value of a constant that holds a string or a number, or nil.
func (jp *jsParser) resolveString(name string) *mapped {
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
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return s != "" && !isDigit(s[0])
}

// The rest of this file converts a JavaScript value to JSON text, streaming from the tokens so
// that memory stays linear. White space between tokens is copied as written, so the JSON keeps
// the layout of the paste; comments and trailing commas are dropped, keys are quoted, strings
// are double-quoted, and values JSON.stringify leaves out (undefined, functions) are left out.

// json converts the value at tok into out. It returns false when the value is one
// JSON.stringify leaves out.
func (jp *jsParser) json(out *builder, depth int) bool {
	if jp.failed {
		return true
	}
	if depth > maxDepth || out.len() > jp.outCap {
		jp.failed = true
		return true
	}
	start := jp.save()
	m := out.mark()
	nUnres, top := len(jp.unres), jp.topExpr
	ok := jp.jsonPrimary(out, depth)
	if jp.failed {
		return true
	}
	if !jp.atValueEnd() {
		// A larger expression, such as a || "x": keep it as written, as a string.
		out.reset(m)
		jp.restore(start)
		jp.unres, jp.topExpr = jp.unres[:nUnres], top
		jp.unresolvedValue(out)
		return true
	}
	return ok
}

// jsonPrimary converts one operand.
func (jp *jsParser) jsonPrimary(out *builder, depth int) bool {
	t := jp.tok
	text := jp.text
	switch t.kind {
	case jEOF:
		jp.failed = true
		return true
	case jString:
		jp.triviaTo(out, t.start)
		jp.emitString(out, t)
		jp.lastEnd = t.end
		jp.advance()
		return true
	case jTemplate:
		jp.triviaTo(out, t.start)
		s, exprs := jp.cookTemplate(t)
		for _, e := range exprs {
			jp.addUnresolved("${"+e.text+"}", out.len())
		}
		out.addAt(quoteJSON(s.s), t.start)
		jp.lastEnd = t.end
		jp.advance()
		return true
	case jNumber:
		jp.triviaTo(out, t.start)
		jp.emitNumber(out, t, "")
		jp.advance()
		return true
	case jIdent:
		name := text[t.start:t.end]
		switch name {
		case "true", "false", "null":
			jp.triviaTo(out, t.start)
			out.addRun(name, t.start)
			jp.lastEnd = t.end
			jp.advance()
			return true
		case "undefined":
			jp.lastEnd = t.end
			jp.advance()
			return false
		case "NaN", "Infinity":
			jp.triviaTo(out, t.start)
			out.addAt("null", t.start)
			jp.lastEnd = t.end
			jp.advance()
			return true
		case "function", "async", "class":
			jp.lastEnd = jp.skipExpr()
			return false
		}
		jp.triviaTo(out, t.start)
		st := jp.save()
		jp.advance()
		simple := jp.atValueEnd() && !jp.isPunct("=>")
		jp.restore(st)
		if simple && name != "new" {
			ok := jp.jsonNamed(out, name, t.start, depth)
			jp.lastEnd = t.end
			jp.advance()
			return ok
		}
	case jPunct:
		switch text[t.start] {
		case '{':
			jp.jsonObject(out, depth)
			return true
		case '[':
			jp.jsonArray(out, depth)
			return true
		case '-':
			st := jp.save()
			jp.advance()
			if jp.tok.kind == jNumber && validJSONNumber(jp.tokText()) {
				jp.triviaTo(out, t.start)
				jp.emitNumber(out, jp.tok, "-")
				jp.advance()
				return true
			}
			jp.restore(st)
		}
	}
	jp.unresolvedValue(out)
	return true
}

// jsonNamed converts the value of the identifier name, written at offset at: the constant's
// value when the paste declares it, else the name as an unresolved string.
func (jp *jsParser) jsonNamed(out *builder, name string, at, depth int) bool {
	if off, ok := jp.decls[name]; ok && jp.canRevisit() {
		jp.resolves++
		st := jp.save()
		jp.seek(off)
		jp.lastEnd = jp.tok.start
		jp.resDepth++
		ok := jp.json(out, depth+1)
		jp.resDepth--
		jp.restore(st)
		return ok
	}
	if len(jp.ptr) == 0 {
		jp.topExpr = name
	}
	jp.addUnresolved(name, out.len())
	out.addAt(quoteJSON(name), at)
	return true
}

// unresolvedValue skips the expression at tok and writes its source as a JSON string.
func (jp *jsParser) unresolvedValue(out *builder) {
	start := jp.tok.start
	end := jp.skipExpr()
	if end <= start {
		jp.failed = true
		return
	}
	expr := jp.text[start:end]
	jp.triviaTo(out, start)
	if len(jp.ptr) == 0 {
		jp.topExpr = expr
	}
	jp.addUnresolved(expr, out.len())
	out.addAt(quoteJSON(expr), start)
	jp.lastEnd = end
}

// addUnresolved records an expression kept as written at the current JSON pointer.
func (jp *jsParser) addUnresolved(expr string, off int) {
	if len(jp.unres) >= maxUnresolved {
		return
	}
	var b strings.Builder
	for _, k := range jp.ptr {
		b.WriteByte('/')
		if k.index >= 0 {
			b.WriteString(strconv.Itoa(k.index))
		} else {
			b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(k.key))
		}
	}
	jp.unres = append(jp.unres, Unresolved{Pointer: b.String(), Expr: expr, Offset: off})
}

// triviaTo copies the white space between the last converted token and offset upTo. Only
// white space is copied, so comments vanish but their line ends stay.
func (jp *jsParser) triviaTo(out *builder, upTo int) {
	i := jp.lastEnd
	if upTo > len(jp.text) {
		upTo = len(jp.text)
	}
	for i < upTo {
		j := i
		for j < upTo && strings.IndexByte(" \t\r\n", jp.text[j]) >= 0 {
			j++
		}
		if j > i {
			out.addRun(jp.text[i:j], i)
			i = j
			continue
		}
		i++
	}
	if upTo > jp.lastEnd {
		jp.lastEnd = upTo
	}
}

// emitString writes a string literal as a JSON string. A literal that is already valid JSON
// apart from its quotes is copied, so every byte keeps its place.
func (jp *jsParser) emitString(out *builder, t jtok) {
	text := jp.text
	q := text[t.start]
	if t.end-t.start >= 2 && text[t.end-1] == q {
		content := text[t.start+1 : t.end-1]
		if jsonSafe(content) && (q == '"' || !strings.Contains(content, `"`)) {
			out.add('"', t.start)
			out.addRun(content, t.start+1)
			out.add('"', t.end-1)
			return
		}
	}
	to := t.end
	if to-t.start >= 2 && text[to-1] == q {
		to--
	}
	b := newBuilder()
	cookJS(&b, text, t.start+1, to)
	out.addAt(quoteJSON(string(b.b)), t.start)
}

// emitNumber writes a number literal as a JSON number, converting hex, octal, binary,
// separators and BigInt suffixes.
func (jp *jsParser) emitNumber(out *builder, t jtok, sign string) {
	s := jp.text[t.start:t.end]
	if sign != "" {
		out.addAt(sign, t.start)
	}
	if validJSONNumber(s) {
		out.addRun(s, t.start)
	} else {
		out.addAt(normalizeNumber(s), t.start)
	}
	jp.lastEnd = t.end
}

// normalizeNumber turns a JavaScript number literal into JSON, or "null" when it cannot.
func normalizeNumber(s string) string {
	s = strings.ReplaceAll(s, "_", "")
	s = strings.TrimSuffix(s, "n")
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] | 0x20 {
		case 'x':
			base = 16
		case 'o':
			base = 8
		case 'b':
			base = 2
		}
		if base != 0 {
			v, err := strconv.ParseUint(s[2:], base, 64)
			if err != nil {
				return "null"
			}
			return strconv.FormatUint(v, 10)
		}
	}
	if strings.HasPrefix(s, ".") {
		s = "0" + s
	}
	s = strings.Replace(s, ".e", "e", 1)
	s = strings.Replace(s, ".E", "E", 1)
	s = strings.TrimSuffix(s, ".")
	for len(s) > 1 && s[0] == '0' && isDigit(s[1]) {
		s = s[1:]
	}
	if validJSONNumber(s) {
		return s
	}
	return "null"
}

// jsonObject converts an object literal.
func (jp *jsParser) jsonObject(out *builder, depth int) {
	t := jp.tok
	jp.triviaTo(out, t.start)
	out.add('{', t.start)
	jp.lastEnd = t.end
	jp.advance()
	jp.jsonProps(out, depth, false)
	if jp.failed {
		return
	}
	if !jp.isPunct("}") {
		jp.failed = true
		return
	}
	jp.triviaTo(out, jp.tok.start)
	out.add('}', jp.tok.start)
	jp.lastEnd = jp.tok.end
	jp.advance()
}

// jsonProps converts the properties of an object literal up to its closing brace, which it
// leaves for the caller. emitted says whether a property was written before, so the next needs
// a comma. It returns whether any property has been written.
func (jp *jsParser) jsonProps(out *builder, depth int, emitted bool) bool {
	comma := -1
	seen := 0
	for !jp.failed {
		t := jp.tok
		if t.kind == jEOF || jp.isPunct("}") {
			return emitted
		}
		if jp.isPunct(",") {
			comma = t.start
			jp.lastEnd = t.end
			jp.advance()
			continue
		}
		if seen > 0 && comma < 0 {
			jp.failed = true // two properties without a comma between them
			return emitted
		}
		seen++
		if jp.isPunct("...") {
			jp.triviaTo(out, t.start)
			jp.lastEnd = t.end
			jp.advance()
			emitted = jp.jsonSpread(out, depth, emitted)
			comma = -1
			continue
		}
		m := out.mark()
		if emitted {
			src := comma
			if src < 0 {
				src = t.start
			}
			out.add(',', src)
		}
		key, kt, ok := jp.jsonKey(out)
		if !ok {
			jp.failed = true
			return emitted
		}
		jp.ptr = append(jp.ptr, ptrStep{key: key, index: -1})
		has := false
		switch {
		case jp.isPunct(":"):
			jp.triviaTo(out, jp.tok.start)
			out.add(':', jp.tok.start)
			jp.lastEnd = jp.tok.end
			jp.advance()
			has = jp.json(out, depth+1)
		case jp.isPunct("("):
			// A method, which JSON.stringify leaves out.
			jp.skipBalanced()
			if jp.isPunct("{") {
				jp.skipBalanced()
			}
			jp.lastEnd = jp.prevEnd
		case (jp.isPunct(",") || jp.isPunct("}")) && kt.kind == jIdent:
			// Shorthand: {email} is {email: email}.
			out.addAt(":", kt.end)
			has = jp.jsonNamed(out, key, kt.start, depth)
		default:
			jp.failed = true
		}
		jp.ptr = jp.ptr[:len(jp.ptr)-1]
		if !has {
			out.reset(m)
		} else {
			emitted = true
		}
		comma = -1
	}
	return emitted
}

// jsonSpread converts ...name inside an object literal: the properties of the constant when
// the paste declares it as an object literal, else nothing, with a note.
func (jp *jsParser) jsonSpread(out *builder, depth int, emitted bool) bool {
	t := jp.tok
	if t.kind == jIdent {
		name := jp.tokText()
		st := jp.save()
		jp.advance()
		simple := jp.atValueEnd()
		jp.restore(st)
		if off, ok := jp.decls[name]; ok && simple && jp.canRevisit() {
			jp.resolves++
			st := jp.save()
			jp.seek(off)
			if jp.isPunct("{") {
				jp.lastEnd = jp.tok.end
				jp.advance()
				jp.resDepth++
				emitted = jp.jsonProps(out, depth+1, emitted)
				jp.resDepth--
				jp.restore(st)
				jp.lastEnd = t.end
				jp.advance()
				return emitted
			}
			jp.restore(st)
		}
	}
	end := jp.skipExpr()
	expr := "..." + jp.text[t.start:max(t.start, end)]
	jp.addUnresolved(expr, out.len())
	jp.lastEnd = max(end, jp.lastEnd)
	return emitted
}

// jsonKey writes a property name as a JSON string and returns it.
func (jp *jsParser) jsonKey(out *builder) (string, jtok, bool) {
	t := jp.tok
	text := jp.text
	jp.triviaTo(out, t.start)
	var key string
	switch t.kind {
	case jIdent:
		key = text[t.start:t.end]
		out.add('"', t.start)
		out.addRun(key, t.start)
		out.add('"', t.end)
	case jString:
		to := t.end
		if to-t.start >= 2 && text[to-1] == text[t.start] {
			to--
		}
		key = text[t.start+1 : to]
		if strings.IndexByte(key, '\\') >= 0 {
			b := newBuilder()
			cookJS(&b, text, t.start+1, to)
			key = string(b.b)
		}
		jp.emitString(out, t)
	case jTemplate:
		s, _ := jp.cookTemplate(t)
		key = s.s
		out.addAt(quoteJSON(key), t.start)
	case jNumber:
		key = normalizeNumber(text[t.start:t.end])
		out.addAt(quoteJSON(key), t.start)
	case jPunct:
		if text[t.start] != '[' {
			return "", t, false
		}
		end := jp.skipBalanced().end
		key = text[t.start:max(t.start, end)]
		jp.addUnresolved(key, out.len())
		out.addAt(quoteJSON(key), t.start)
		jp.lastEnd = end
		return key, t, true
	default:
		return "", t, false
	}
	jp.lastEnd = t.end
	jp.advance()
	return key, t, true
}

// jsonArray converts an array literal. Holes and left-out values become null, as
// JSON.stringify writes them.
func (jp *jsParser) jsonArray(out *builder, depth int) {
	t := jp.tok
	jp.triviaTo(out, t.start)
	out.add('[', t.start)
	jp.lastEnd = t.end
	jp.advance()
	n := 0
	expect := true
	comma := t.start
	for !jp.failed {
		c := jp.tok
		switch {
		case c.kind == jEOF:
			jp.failed = true
			return
		case jp.isPunct("]"):
			jp.triviaTo(out, c.start)
			out.add(']', c.start)
			jp.lastEnd = c.end
			jp.advance()
			return
		case jp.isPunct(","):
			if expect {
				if n > 0 {
					out.add(',', comma)
				}
				jp.triviaTo(out, c.start)
				out.addAt("null", c.start)
				n++
			}
			expect = true
			comma = c.start
			jp.lastEnd = c.end
			jp.advance()
			continue
		case !expect:
			jp.failed = true // two items without a comma between them
			return
		}
		if jp.isPunct("...") {
			jp.lastEnd = c.end
			jp.advance()
			end := jp.skipExpr()
			jp.addUnresolved("..."+jp.text[c.end:max(c.end, end)], out.len())
			jp.lastEnd = max(end, jp.lastEnd)
			expect = false
			continue
		}
		m := out.mark()
		if n > 0 {
			out.add(',', comma)
		}
		jp.ptr = append(jp.ptr, ptrStep{index: n})
		has := jp.json(out, depth+1)
		jp.ptr = jp.ptr[:len(jp.ptr)-1]
		if !has {
			out.reset(m)
			if n > 0 {
				out.add(',', comma)
			}
			out.addAt("null", c.start)
		}
		n++
		expect = false
	}
}
