package reqparse

import (
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/internal/jsonx"
)

// This file converts a JavaScript value to JSON text, streaming from the tokens so
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
		out.addAt(jsonx.Quote(s.s, jsonx.JS), t.start)
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
			if jp.tok.kind == jNumber && jsonx.ValidNumber(jp.tokText()) {
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
	out.addAt(jsonx.Quote(name, jsonx.JS), at)
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
	out.addAt(jsonx.Quote(expr, jsonx.JS), start)
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
	out.addAt(jsonx.Quote(string(b.b), jsonx.JS), t.start)
}

// emitNumber writes a number literal as a JSON number, converting hex, octal, binary,
// separators and BigInt suffixes.
func (jp *jsParser) emitNumber(out *builder, t jtok, sign string) {
	s := jp.text[t.start:t.end]
	if sign != "" {
		out.addAt(sign, t.start)
	}
	if jsonx.ValidNumber(s) {
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
	if jsonx.ValidNumber(s) {
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
		out.addAt(jsonx.Quote(key, jsonx.JS), t.start)
	case jNumber:
		key = normalizeNumber(text[t.start:t.end])
		out.addAt(jsonx.Quote(key, jsonx.JS), t.start)
	case jPunct:
		if text[t.start] != '[' {
			return "", t, false
		}
		end := jp.skipBalanced().end
		key = text[t.start:max(t.start, end)]
		jp.addUnresolved(key, out.len())
		out.addAt(jsonx.Quote(key, jsonx.JS), t.start)
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
