package lex

import (
	"strings"
	"unicode/utf8"
)

// This file is a small JavaScript lexer: enough of the language to find a fetch( call and read
// its arguments. It knows strings, template literals (with nested ${…}), comments, numbers,
// identifiers, regular expression literals and single punctuation bytes.

// Kind is the kind of a JavaScript token.
type Kind uint8

const (
	EOF Kind = iota
	Ident
	String
	Template
	Number
	Punct
	Regex
)

// Token is one token: its kind and its byte range in the paste.
type Token struct {
	Kind       Kind
	Start, End int
}

// JSLexer reads tokens from text starting at i.
type JSLexer struct {
	text    string
	i       int
	prev    Token // the token returned last, to tell a regular expression from a division
	depth   int   // nesting of template literals, bounded
	noRegex int   // a '/' before this offset is not a regular expression
}

// NewJSLexer returns a lexer that reads text from offset at.
func NewJSLexer(text string, at int) JSLexer { return JSLexer{text: text, i: at} }

// Seek moves the lexer to offset off, where a regular expression may start.
func (lx *JSLexer) Seek(off int) {
	lx.i = off
	lx.prev = Token{}
}

// TemplateExprEnd returns the offset just past the '}' that closes the ${ expression of a
// template literal starting at i.
func (lx *JSLexer) TemplateExprEnd(i int) int { return templateExprEnd(lx.text, i, lx.depth+1) }

// Next returns the Next token.
func (lx *JSLexer) Next() Token {
	lx.skipTrivia()
	t := lx.scan()
	lx.prev = t
	return t
}

// skipTrivia skips white space, line ends and comments.
func (lx *JSLexer) skipTrivia() {
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
			lx.i = LineEnd(text, lx.i)
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
func (lx *JSLexer) scan() Token {
	text := lx.text
	i := lx.i
	if i >= len(text) {
		return Token{Kind: EOF, Start: len(text), End: len(text)}
	}
	c := text[i]
	t := Token{Start: i}
	switch {
	case c == '"' || c == '\'':
		t.Kind, lx.i = String, scanString(text, i)
	case c == '`':
		t.Kind, lx.i = Template, lx.scanTemplate(i)
	case IsDigit(c) || c == '.' && i+1 < len(text) && IsDigit(text[i+1]):
		t.Kind, lx.i = Number, scanNumber(text, i)
	case IsIdentByte(c):
		j := i + 1
		for j < len(text) && IsIdentByte(text[j]) {
			j++
		}
		t.Kind, lx.i = Ident, j
	case c == '.' && strings.HasPrefix(text[i:], "..."):
		t.Kind, lx.i = Punct, i+3
	case c == '=' && strings.HasPrefix(text[i:], "=>"):
		t.Kind, lx.i = Punct, i+2
	case c == '/' && i >= lx.noRegex && lx.regexAllowed():
		if j := scanRegex(text, i); j > 0 {
			t.Kind, lx.i = Regex, j
		} else {
			// No regular expression ends on this line: do not look again before its end, so
			// that a long line costs linear time.
			lx.noRegex = LineEnd(text, i)
			t.Kind, lx.i = Punct, i+1
		}
	default:
		t.Kind, lx.i = Punct, i+1
	}
	t.End = lx.i
	return t
}

// regexAllowed reports whether a '/' here starts a regular expression rather than a division.
func (lx *JSLexer) regexAllowed() bool {
	p := lx.prev
	switch p.Kind {
	case EOF:
		return true
	case Punct:
		return strings.IndexByte("(,=:[!&|?{};+-*%<>~^", lx.text[p.Start]) >= 0
	case Ident:
		switch lx.text[p.Start:p.End] {
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
		if IsAlnum(c) || c == '_' || c == '.' {
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
				for j < len(text) && IsIdentByte(text[j]) {
					j++
				}
				return j
			}
		}
	}
	return -1
}

// scanTemplate returns the end of the template literal at i.
func (lx *JSLexer) scanTemplate(i int) int {
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
	sub := JSLexer{text: text, i: i, depth: depth}
	braces := 0
	for {
		t := sub.Next()
		if t.Kind == EOF {
			return len(text)
		}
		if t.Kind != Punct {
			continue
		}
		switch text[t.Start] {
		case '{':
			braces++
		case '}':
			if braces == 0 {
				return t.End
			}
			braces--
		}
	}
}

// CookEscape decodes the JavaScript escape at text[i] (a backslash) into b and returns the
// offset after it.
func CookEscape(b *Builder, text string, i, to int) int {
	if i+1 >= to {
		b.Add('\\', i)
		return i + 1
	}
	n := text[i+1]
	switch n {
	case 'n':
		b.AddAt("\n", i)
	case 't':
		b.AddAt("\t", i)
	case 'r':
		b.AddAt("\r", i)
	case 'b':
		b.AddAt("\b", i)
	case 'f':
		b.AddAt("\f", i)
	case 'v':
		b.AddAt("\v", i)
	case '0':
		if i+2 < to && IsDigit(text[i+2]) {
			b.Add(n, i+1)
		} else {
			b.AddAt("\x00", i)
		}
	case '\n':
	case '\r':
		if i+2 < to && text[i+2] == '\n' {
			return i + 3
		}
	case 'x':
		v, k := hexValue(text[:to], i+2, 2)
		if k < 2 {
			b.Add('x', i+1)
			break
		}
		b.AddAt(string(utf8.AppendRune(nil, rune(v))), i)
		return i + 4
	case 'u':
		r, j := cookUnicode(text[:to], i)
		if j < 0 {
			b.Add('u', i+1)
			break
		}
		b.AddAt(string(utf8.AppendRune(nil, r)), i)
		return j
	default:
		b.Add(n, i+1)
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

// CookJS decodes the body of a string literal, text[from:to], into b.
func CookJS(b *Builder, text string, from, to int) {
	i := from
	if i < to {
		b.NewSeg(i)
	} else {
		b.NewSeg(from)
	}
	for i < to {
		if text[i] == '\\' {
			i = CookEscape(b, text, i, to)
			continue
		}
		j := strings.IndexByte(text[i:to], '\\')
		if j < 0 {
			j = to - i
		}
		b.AddRun(text[i:i+j], i)
		i += j
	}
}

// JSONSafe reports whether the body of a string literal is already valid inside a JSON
// string: no control characters and only JSON's escapes.
func JSONSafe(s string) bool {
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
