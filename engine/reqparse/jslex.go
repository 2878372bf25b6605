package reqparse

import (
	"strings"
	"unicode/utf8"
)

// This file is a small JavaScript lexer: enough of the language to find a fetch( call and read
// its arguments. It knows strings, template literals (with nested ${…}), comments, numbers,
// identifiers, regular expression literals and single punctuation bytes.

// jkind is the kind of a JavaScript token.
type jkind uint8

const (
	jEOF jkind = iota
	jIdent
	jString
	jTemplate
	jNumber
	jPunct
	jRegex
)

// jtok is one token: its kind and its byte range in the paste.
type jtok struct {
	kind       jkind
	start, end int
}

// jsLexer reads tokens from text starting at i.
type jsLexer struct {
	text    string
	i       int
	prev    jtok // the token returned last, to tell a regular expression from a division
	depth   int  // nesting of template literals, bounded
	noRegex int  // a '/' before this offset is not a regular expression
}

// next returns the next token.
func (lx *jsLexer) next() jtok {
	lx.skipTrivia()
	t := lx.scan()
	lx.prev = t
	return t
}

// skipTrivia skips white space, line ends and comments.
func (lx *jsLexer) skipTrivia() {
	text := lx.text
	for lx.i < len(text) {
		c := text[lx.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			lx.i++
		case c == 0xC2 && strings.HasPrefix(text[lx.i:], "\u00a0"):
			lx.i += 2
		case c == 0xEF && strings.HasPrefix(text[lx.i:], "\ufeff"),
			c == 0xE2 && (strings.HasPrefix(text[lx.i:], "\u2028") || strings.HasPrefix(text[lx.i:], "\u2029")):
			lx.i += 3
		case c == '/' && strings.HasPrefix(text[lx.i:], "//"):
			lx.i = lineEnd(text, lx.i)
		case c == '/' && strings.HasPrefix(text[lx.i:], "/*"):
			j := strings.Index(text[lx.i+2:], "*/")
			if j < 0 {
				lx.i = len(text)
			} else {
				lx.i += j + 4
			}
		default:
			return
		}
	}
}

// scan reads the token at lx.i.
func (lx *jsLexer) scan() jtok {
	text := lx.text
	i := lx.i
	if i >= len(text) {
		return jtok{kind: jEOF, start: len(text), end: len(text)}
	}
	c := text[i]
	t := jtok{start: i}
	switch {
	case c == '"' || c == '\'':
		t.kind, lx.i = jString, scanString(text, i)
	case c == '`':
		t.kind, lx.i = jTemplate, lx.scanTemplate(i)
	case isDigit(c) || c == '.' && i+1 < len(text) && isDigit(text[i+1]):
		t.kind, lx.i = jNumber, scanNumber(text, i)
	case isIdentByte(c):
		j := i + 1
		for j < len(text) && isIdentByte(text[j]) {
			j++
		}
		t.kind, lx.i = jIdent, j
	case c == '.' && strings.HasPrefix(text[i:], "..."):
		t.kind, lx.i = jPunct, i+3
	case c == '=' && strings.HasPrefix(text[i:], "=>"):
		t.kind, lx.i = jPunct, i+2
	case c == '/' && i >= lx.noRegex && lx.regexAllowed():
		if j := scanRegex(text, i); j > 0 {
			t.kind, lx.i = jRegex, j
		} else {
			// No regular expression ends on this line: do not look again before its end, so
			// that a long line costs linear time.
			lx.noRegex = lineEnd(text, i)
			t.kind, lx.i = jPunct, i+1
		}
	default:
		t.kind, lx.i = jPunct, i+1
	}
	t.end = lx.i
	return t
}

// regexAllowed reports whether a '/' here starts a regular expression rather than a division.
func (lx *jsLexer) regexAllowed() bool {
	p := lx.prev
	switch p.kind {
	case jEOF:
		return true
	case jPunct:
		return strings.IndexByte("(,=:[!&|?{};+-*%<>~^", lx.text[p.start]) >= 0
	case jIdent:
		switch lx.text[p.start:p.end] {
		case "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw",
			"instanceof", "yield", "await":
			return true
		}
	}
	return false
}

// scanString returns the end of the string literal at i. An unterminated string ends at the
// line end.
func scanString(text string, i int) int {
	q := text[i]
	j := i + 1
	for j < len(text) {
		switch text[j] {
		case '\\':
			j += 2
			continue
		case q:
			return j + 1
		case '\n':
			return j
		}
		j++
	}
	return len(text)
}

// scanNumber returns the end of the number literal at i.
func scanNumber(text string, i int) int {
	hex := text[i] == '0' && i+1 < len(text) && text[i+1]|0x20 == 'x'
	j := i
	for j < len(text) {
		c := text[j]
		if isAlnum(c) || c == '_' || c == '.' {
			j++
			continue
		}
		if (c == '+' || c == '-') && j > i && text[j-1]|0x20 == 'e' && !hex {
			j++
			continue
		}
		break
	}
	return j
}

// scanRegex returns the end of the regular expression literal at i, or -1 when there is none
// on the line.
func scanRegex(text string, i int) int {
	inClass := false
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			j++
		case '\n':
			return -1
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				j++
				for j < len(text) && isIdentByte(text[j]) {
					j++
				}
				return j
			}
		}
	}
	return -1
}

// scanTemplate returns the end of the template literal at i.
func (lx *jsLexer) scanTemplate(i int) int {
	text := lx.text
	j := i + 1
	for j < len(text) {
		switch c := text[j]; {
		case c == '\\':
			j += 2
		case c == '`':
			return j + 1
		case c == '$' && j+1 < len(text) && text[j+1] == '{':
			j = templateExprEnd(text, j+2, lx.depth+1)
		default:
			j++
		}
	}
	return len(text)
}

// templateExprEnd returns the offset just past the '}' that closes the ${ expression starting
// at i.
func templateExprEnd(text string, i, depth int) int {
	if depth > 32 {
		// Too deep to lex: count braces only.
		n := 0
		for j := i; j < len(text); j++ {
			switch text[j] {
			case '{':
				n++
			case '}':
				if n == 0 {
					return j + 1
				}
				n--
			}
		}
		return len(text)
	}
	sub := jsLexer{text: text, i: i, depth: depth}
	braces := 0
	for {
		t := sub.next()
		if t.kind == jEOF {
			return len(text)
		}
		if t.kind != jPunct {
			continue
		}
		switch text[t.start] {
		case '{':
			braces++
		case '}':
			if braces == 0 {
				return t.end
			}
			braces--
		}
	}
}

// cookEscape decodes the JavaScript escape at text[i] (a backslash) into b and returns the
// offset after it.
func cookEscape(b *builder, text string, i, to int) int {
	if i+1 >= to {
		b.add('\\', i)
		return i + 1
	}
	n := text[i+1]
	switch n {
	case 'n':
		b.addAt("\n", i)
	case 't':
		b.addAt("\t", i)
	case 'r':
		b.addAt("\r", i)
	case 'b':
		b.addAt("\b", i)
	case 'f':
		b.addAt("\f", i)
	case 'v':
		b.addAt("\v", i)
	case '0':
		if i+2 < to && isDigit(text[i+2]) {
			b.add(n, i+1)
		} else {
			b.addAt("\x00", i)
		}
	case '\n':
	case '\r':
		if i+2 < to && text[i+2] == '\n' {
			return i + 3
		}
	case 'x':
		v, k := hexValue(text[:to], i+2, 2)
		if k < 2 {
			b.add('x', i+1)
			break
		}
		b.addAt(string(utf8.AppendRune(nil, rune(v))), i)
		return i + 4
	case 'u':
		r, j := cookUnicode(text[:to], i)
		if j < 0 {
			b.add('u', i+1)
			break
		}
		b.addAt(string(utf8.AppendRune(nil, r)), i)
		return j
	default:
		b.add(n, i+1)
	}
	return i + 2
}

// cookUnicode decodes \uXXXX (joining a surrogate pair) or \u{X…} at text[i], returning the
// rune and the offset after it, or -1.
func cookUnicode(text string, i int) (rune, int) {
	j := i + 2
	if j < len(text) && text[j] == '{' {
		v, k := hexValue(text, j+1, 6)
		if k == 0 || j+1+k >= len(text) || text[j+1+k] != '}' {
			return 0, -1
		}
		return rune(v), j + k + 2
	}
	v, k := hexValue(text, j, 4)
	if k < 4 {
		return 0, -1
	}
	r := rune(v)
	j += 4
	if 0xD800 <= r && r < 0xDC00 && strings.HasPrefix(text[j:], `\u`) {
		if lo, k := hexValue(text, j+2, 4); k == 4 && 0xDC00 <= lo && lo < 0xE000 {
			return 0x10000 + (r-0xD800)<<10 + rune(lo-0xDC00), j + 6
		}
	}
	if 0xD800 <= r && r < 0xE000 {
		r = utf8.RuneError
	}
	return r, j
}

// cookJS decodes the body of a string literal, text[from:to], into b.
func cookJS(b *builder, text string, from, to int) {
	i := from
	if i < to {
		b.newSeg(i)
	} else {
		b.newSeg(from)
	}
	for i < to {
		if text[i] == '\\' {
			i = cookEscape(b, text, i, to)
			continue
		}
		j := strings.IndexByte(text[i:to], '\\')
		if j < 0 {
			j = to - i
		}
		b.addRun(text[i:i+j], i)
		i += j
	}
}

// jsonSafe reports whether the body of a string literal is already valid inside a JSON
// string: no control characters and only JSON's escapes.
func jsonSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 {
			return false
		}
		if c != '\\' {
			continue
		}
		if i+1 >= len(s) {
			return false
		}
		switch s[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i++
		case 'u':
			if _, k := hexValue(s, i+2, 4); k < 4 {
				return false
			}
			i += 5
		default:
			return false
		}
	}
	return true
}
