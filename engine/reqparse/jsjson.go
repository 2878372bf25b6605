package reqparse

import (
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/engine/reqparse/lex"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// This file converts a JavaScript value to JSON text, streaming from the tokens so
// that memory stays linear. White space between tokens is copied as written, so the JSON keeps
// the layout of the paste; comments and trailing commas are dropped, keys are quoted, strings
// are double-quoted, and values JSON.stringify leaves out (undefined, functions) are left out.

// json converts the value at tok into out. It returns false when the value is one
// JSON.stringify leaves out.
func (jp *jsParser) json(out *lex.Builder, depth int) bool {
	if jp.failed {
		return true
	}
	if depth > maxDepth || out.Len() > jp.outCap {
		jp.failed = true
		return true
	}
	start := jp.save()
	m := out.Mark()
	nUnres, top := len(jp.unres), jp.topExpr
	ok := jp.jsonPrimary(out, depth)
	if jp.failed {
		return true
	}
	if !jp.atValueEnd() {
		// A larger expression, such as a || "x": keep it as written, as a string.
		out.Reset(m)
		jp.restore(start)
		jp.unres, jp.topExpr = jp.unres[:nUnres], top
		jp.unresolvedValue(out)
		return true
	}
	return ok
}

// jsonPrimary converts one operand.
func (jp *jsParser) jsonPrimary(out *lex.Builder, depth int) bool {
	t := jp.tok
	text := jp.text
	switch t.Kind {
	case lex.EOF:
		jp.failed = true
		return true
	case lex.String:
		jp.triviaTo(out, t.Start)
		jp.emitString(out, t)
		jp.lastEnd = t.End
		jp.advance()
		return true
	case lex.Template:
		jp.triviaTo(out, t.Start)
		s, exprs := jp.cookTemplate(t)
		for _, e := range exprs {
			jp.addUnresolved("${"+e.text+"}", out.Len())
		}
		out.AddAt(jsonx.Quote(s.Text, jsonx.JS), t.Start)
		jp.lastEnd = t.End
		jp.advance()
		return true
	case lex.Number:
		jp.triviaTo(out, t.Start)
		jp.emitNumber(out, t, "")
		jp.advance()
		return true
	case lex.Ident:
		name := text[t.Start:t.End]
		switch name {
		case "true", "false", "null":
			jp.triviaTo(out, t.Start)
			out.AddRun(name, t.Start)
			jp.lastEnd = t.End
			jp.advance()
			return true
		case "undefined":
			jp.lastEnd = t.End
			jp.advance()
			return false
		case "NaN", "Infinity":
			jp.triviaTo(out, t.Start)
			out.AddAt("null", t.Start)
			jp.lastEnd = t.End
			jp.advance()
			return true
		case "function", "async", "class":
			jp.lastEnd = jp.skipExpr()
			return false
		}
		jp.triviaTo(out, t.Start)
		st := jp.save()
		jp.advance()
		simple := jp.atValueEnd() && !jp.isPunct("=>")
		jp.restore(st)
		if simple && name != "new" {
			ok := jp.jsonNamed(out, name, t.Start, depth)
			jp.lastEnd = t.End
			jp.advance()
			return ok
		}
	case lex.Punct:
		switch text[t.Start] {
		case '{':
			jp.jsonObject(out, depth)
			return true
		case '[':
			jp.jsonArray(out, depth)
			return true
		case '-':
			st := jp.save()
			jp.advance()
			if jp.tok.Kind == lex.Number && jsonx.ValidNumber(jp.tokText()) {
				jp.triviaTo(out, t.Start)
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
func (jp *jsParser) jsonNamed(out *lex.Builder, name string, at, depth int) bool {
	if off, ok := jp.decls[name]; ok && jp.canRevisit() {
		jp.resolves++
		st := jp.save()
		jp.seek(off)
		jp.lastEnd = jp.tok.Start
		jp.resDepth++
		ok := jp.json(out, depth+1)
		jp.resDepth--
		jp.restore(st)
		return ok
	}
	if len(jp.ptr) == 0 {
		jp.topExpr = name
	}
	jp.addUnresolved(name, out.Len())
	out.AddAt(jsonx.Quote(name, jsonx.JS), at)
	return true
}

// unresolvedValue skips the expression at tok and writes its source as a JSON string.
func (jp *jsParser) unresolvedValue(out *lex.Builder) {
	start := jp.tok.Start
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
	jp.addUnresolved(expr, out.Len())
	out.AddAt(jsonx.Quote(expr, jsonx.JS), start)
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
func (jp *jsParser) triviaTo(out *lex.Builder, upTo int) {
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
			out.AddRun(jp.text[i:j], i)
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
func (jp *jsParser) emitString(out *lex.Builder, t lex.Token) {
	text := jp.text
	q := text[t.Start]
	if t.End-t.Start >= 2 && text[t.End-1] == q {
		content := text[t.Start+1 : t.End-1]
		if lex.JSONSafe(content) && (q == '"' || !strings.Contains(content, `"`)) {
			out.Add('"', t.Start)
			out.AddRun(content, t.Start+1)
			out.Add('"', t.End-1)
			return
		}
	}
	to := t.End
	if to-t.Start >= 2 && text[to-1] == q {
		to--
	}
	b := lex.NewBuilder()
	lex.CookJS(&b, text, t.Start+1, to)
	out.AddAt(jsonx.Quote(b.Done().Text, jsonx.JS), t.Start)
}

// emitNumber writes a number literal as a JSON number, converting hex, octal, binary,
// separators and BigInt suffixes.
func (jp *jsParser) emitNumber(out *lex.Builder, t lex.Token, sign string) {
	s := jp.text[t.Start:t.End]
	if sign != "" {
		out.AddAt(sign, t.Start)
	}
	if jsonx.ValidNumber(s) {
		out.AddRun(s, t.Start)
	} else {
		out.AddAt(normalizeNumber(s), t.Start)
	}
	jp.lastEnd = t.End
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
	for len(s) > 1 && s[0] == '0' && lex.IsDigit(s[1]) {
		s = s[1:]
	}
	if jsonx.ValidNumber(s) {
		return s
	}
	return "null"
}

// jsonObject converts an object literal.
func (jp *jsParser) jsonObject(out *lex.Builder, depth int) {
	t := jp.tok
	jp.triviaTo(out, t.Start)
	out.Add('{', t.Start)
	jp.lastEnd = t.End
	jp.advance()
	jp.jsonProps(out, depth, false)
	if jp.failed {
		return
	}
	if !jp.isPunct("}") {
		jp.failed = true
		return
	}
	jp.triviaTo(out, jp.tok.Start)
	out.Add('}', jp.tok.Start)
	jp.lastEnd = jp.tok.End
	jp.advance()
}

// jsonProps converts the properties of an object literal up to its closing brace, which it
// leaves for the caller. emitted says whether a property was written before, so the next needs
// a comma. It returns whether any property has been written.
func (jp *jsParser) jsonProps(out *lex.Builder, depth int, emitted bool) bool {
	comma := -1
	seen := 0
	for !jp.failed {
		t := jp.tok
		if t.Kind == lex.EOF || jp.isPunct("}") {
			return emitted
		}
		if jp.isPunct(",") {
			comma = t.Start
			jp.lastEnd = t.End
			jp.advance()
			continue
		}
		if seen > 0 && comma < 0 {
			jp.failed = true // two properties without a comma between them
			return emitted
		}
		seen++
		if jp.isPunct("...") {
			jp.triviaTo(out, t.Start)
			jp.lastEnd = t.End
			jp.advance()
			emitted = jp.jsonSpread(out, depth, emitted)
			comma = -1
			continue
		}
		m := out.Mark()
		if emitted {
			src := comma
			if src < 0 {
				src = t.Start
			}
			out.Add(',', src)
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
			jp.triviaTo(out, jp.tok.Start)
			out.Add(':', jp.tok.Start)
			jp.lastEnd = jp.tok.End
			jp.advance()
			has = jp.json(out, depth+1)
		case jp.isPunct("("):
			// A method, which JSON.stringify leaves out.
			jp.skipBalanced()
			if jp.isPunct("{") {
				jp.skipBalanced()
			}
			jp.lastEnd = jp.prevEnd
		case (jp.isPunct(",") || jp.isPunct("}")) && kt.Kind == lex.Ident:
			// Shorthand: {email} is {email: email}.
			out.AddAt(":", kt.End)
			has = jp.jsonNamed(out, key, kt.Start, depth)
		default:
			jp.failed = true
		}
		jp.ptr = jp.ptr[:len(jp.ptr)-1]
		if !has {
			out.Reset(m)
		} else {
			emitted = true
		}
		comma = -1
	}
	return emitted
}

// jsonSpread converts ...name inside an object literal: the properties of the constant when
// the paste declares it as an object literal, else nothing, with a note.
func (jp *jsParser) jsonSpread(out *lex.Builder, depth int, emitted bool) bool {
	t := jp.tok
	if t.Kind == lex.Ident {
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
				jp.lastEnd = jp.tok.End
				jp.advance()
				jp.resDepth++
				emitted = jp.jsonProps(out, depth+1, emitted)
				jp.resDepth--
				jp.restore(st)
				jp.lastEnd = t.End
				jp.advance()
				return emitted
			}
			jp.restore(st)
		}
	}
	end := jp.skipExpr()
	expr := "..." + jp.text[t.Start:max(t.Start, end)]
	jp.addUnresolved(expr, out.Len())
	jp.lastEnd = max(end, jp.lastEnd)
	return emitted
}

// jsonKey writes a property name as a JSON string and returns it.
func (jp *jsParser) jsonKey(out *lex.Builder) (string, lex.Token, bool) {
	t := jp.tok
	text := jp.text
	jp.triviaTo(out, t.Start)
	var key string
	switch t.Kind {
	case lex.Ident:
		key = text[t.Start:t.End]
		out.Add('"', t.Start)
		out.AddRun(key, t.Start)
		out.Add('"', t.End)
	case lex.String:
		to := t.End
		if to-t.Start >= 2 && text[to-1] == text[t.Start] {
			to--
		}
		key = text[t.Start+1 : to]
		if strings.IndexByte(key, '\\') >= 0 {
			b := lex.NewBuilder()
			lex.CookJS(&b, text, t.Start+1, to)
			key = b.Done().Text
		}
		jp.emitString(out, t)
	case lex.Template:
		s, _ := jp.cookTemplate(t)
		key = s.Text
		out.AddAt(jsonx.Quote(key, jsonx.JS), t.Start)
	case lex.Number:
		key = normalizeNumber(text[t.Start:t.End])
		out.AddAt(jsonx.Quote(key, jsonx.JS), t.Start)
	case lex.Punct:
		if text[t.Start] != '[' {
			return "", t, false
		}
		end := jp.skipBalanced().End
		key = text[t.Start:max(t.Start, end)]
		jp.addUnresolved(key, out.Len())
		out.AddAt(jsonx.Quote(key, jsonx.JS), t.Start)
		jp.lastEnd = end
		return key, t, true
	default:
		return "", t, false
	}
	jp.lastEnd = t.End
	jp.advance()
	return key, t, true
}

// jsonArray converts an array literal. Holes and left-out values become null, as
// JSON.stringify writes them.
func (jp *jsParser) jsonArray(out *lex.Builder, depth int) {
	t := jp.tok
	jp.triviaTo(out, t.Start)
	out.Add('[', t.Start)
	jp.lastEnd = t.End
	jp.advance()
	n := 0
	expect := true
	comma := t.Start
	for !jp.failed {
		c := jp.tok
		switch {
		case c.Kind == lex.EOF:
			jp.failed = true
			return
		case jp.isPunct("]"):
			jp.triviaTo(out, c.Start)
			out.Add(']', c.Start)
			jp.lastEnd = c.End
			jp.advance()
			return
		case jp.isPunct(","):
			if expect {
				if n > 0 {
					out.Add(',', comma)
				}
				jp.triviaTo(out, c.Start)
				out.AddAt("null", c.Start)
				n++
			}
			expect = true
			comma = c.Start
			jp.lastEnd = c.End
			jp.advance()
			continue
		case !expect:
			jp.failed = true // two items without a comma between them
			return
		}
		if jp.isPunct("...") {
			jp.lastEnd = c.End
			jp.advance()
			end := jp.skipExpr()
			jp.addUnresolved("..."+jp.text[c.End:max(c.End, end)], out.Len())
			jp.lastEnd = max(end, jp.lastEnd)
			expect = false
			continue
		}
		m := out.Mark()
		if n > 0 {
			out.Add(',', comma)
		}
		jp.ptr = append(jp.ptr, ptrStep{index: n})
		has := jp.json(out, depth+1)
		jp.ptr = jp.ptr[:len(jp.ptr)-1]
		if !has {
			out.Reset(m)
			if n > 0 {
				out.Add(',', comma)
			}
			out.AddAt("null", c.Start)
		}
		n++
		expect = false
	}
}
