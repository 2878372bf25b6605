package highlight

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// The identifier tables of chroma's JavaScript lexer (lexers/embedded/javascript.xml), in its
// order of precedence.
var (
	jsKeywords = setOf("for in while do break return continue switch case default if else throw try catch " +
		"finally new delete typeof instanceof void yield this of")
	jsDeclarations = setOf("var let with function")
	jsReserved     = setOf("abstract async await boolean byte char class const debugger double enum export " +
		"extends final float goto implements import int interface long native package private protected public " +
		"short static super synchronized throws transient using volatile")
	jsConstants = setOf("true false null NaN Infinity undefined")
	jsBuiltins  = setOf("Array Boolean Date Error Function Math netscape Number Object Packages RegExp String " +
		"Promise Proxy sun decodeURI decodeURIComponent encodeURI encodeURIComponent eval isFinite isNaN " +
		"isSafeInteger parseFloat parseInt document this window")
)

// jsTokens tokenises JavaScript exactly as chroma's JavaScript lexer does, coalesced, in one pass
// without regular expressions: comments, numbers, operators and punctuation, keywords and the
// other identifier classes, strings, template literals with ${…} inside, and regular-expression
// literals where a slash starts one. It reports ok = false for what it leaves to chroma:
// non-ASCII text (chroma's identifiers are \p{L}), a #! line, backslashes outside strings, a
// slash that chroma would read as a bad regular expression, an unterminated string or comment,
// and anything chroma's lexer would mark as an error.
func jsTokens(s string) (out []chroma.Token, ok bool) {
	if !asciiOnly(s) || strings.HasPrefix(s, "#!") {
		return nil, false
	}
	n := len(s)
	if !strings.HasSuffix(s, "\n") {
		s += "\n" // chroma's ensure_nl: lexed, but the loop stops before it
	}
	const (
		stRoot = iota
		stRegex
		stInterp
		stInterpInside
	)
	var ts tokens
	stack := []int{stRoot}
	push := func(st int) { stack = append(stack, st) }
	pop := func() { stack = stack[:len(stack)-1] }
	for i := 0; i < n; {
		st := stack[len(stack)-1]
		c := s[i]
		if st == stInterp {
			switch {
			case c == '`':
				ts.emit(chroma.LiteralStringBacktick, "`")
				pop()
				i++
			case c == '\\':
				if i+1 >= len(s) {
					return nil, false
				}
				ts.emit(chroma.LiteralStringBacktick, s[i:i+2])
				i += 2
			case strings.HasPrefix(s[i:], "${"):
				ts.emit(chroma.LiteralStringInterpol, "${")
				push(stInterpInside)
				i += 2
			case c == '$':
				ts.emit(chroma.LiteralStringBacktick, "$")
				i++
			default:
				j := i
				for j < len(s) && s[j] != '`' && s[j] != '\\' && s[j] != '$' {
					j++
				}
				ts.emit(chroma.LiteralStringBacktick, s[i:j])
				i = j
			}
			continue
		}
		if st == stInterpInside && c == '}' {
			ts.emit(chroma.LiteralStringInterpol, "}")
			pop()
			i++
			continue
		}
		if st != stRegex && i == 0 || st != stRegex && s[i-1] == '\n' {
			// ^(?=\s|/|<!--): a line that starts with a space or a slash may start a regex.
			if isSpaceByte(c) || c == '/' || strings.HasPrefix(s[i:], "<!--") {
				push(stRegex)
				continue
			}
		}
		// commentsandwhitespace
		if isSpaceByte(c) {
			j := i
			for j < len(s) && isSpaceByte(s[j]) {
				j++
			}
			ts.emit(chroma.Text, s[i:j])
			i = j
			continue
		}
		if strings.HasPrefix(s[i:], "<!--") {
			ts.emit(chroma.Comment, "<!--")
			i += 4
			continue
		}
		if strings.HasPrefix(s[i:], "//") {
			j := i + strings.IndexByte(s[i:], '\n') + 1
			ts.emit(chroma.CommentSingle, s[i:j])
			i = j
			continue
		}
		if strings.HasPrefix(s[i:], "/*") {
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return nil, false
			}
			ts.emit(chroma.CommentMultiline, s[i:i+2+end+2])
			i += 2 + end + 2
			continue
		}
		if st == stRegex {
			pop()
			if c == '/' {
				end, ok := jsRegex(s, i)
				if !ok {
					return nil, false // chroma's badregex state
				}
				ts.emit(chroma.LiteralStringRegex, s[i:end])
				i = end
			}
			continue
		}
		// root
		if isDigitByte(c) {
			t, end := jsNumber(s, i)
			ts.emit(t, s[i:end])
			i = end
			continue
		}
		if strings.HasPrefix(s[i:], "...") || strings.HasPrefix(s[i:], "=>") {
			ts.emit(chroma.Punctuation, s[i:i+2+boolInt(c == '.')])
			i += 2 + boolInt(c == '.')
			continue
		}
		if end := jsOperator(s, i); end > i {
			ts.emit(chroma.Operator, s[i:end])
			push(stRegex)
			i = end
			continue
		}
		switch c {
		case '{', '(', '[', ';', ',':
			ts.emit(chroma.Punctuation, s[i:i+1])
			push(stRegex)
			i++
			continue
		case '}', ')', ']', '.':
			ts.emit(chroma.Punctuation, s[i:i+1])
			i++
			continue
		case '"', '\'':
			end := jsString(s, i)
			if end < 0 {
				return nil, false
			}
			t := chroma.LiteralStringDouble
			if c == '\'' {
				t = chroma.LiteralStringSingle
			}
			ts.emit(t, s[i:end])
			i = end
			continue
		case '`':
			ts.emit(chroma.LiteralStringBacktick, "`")
			push(stInterp)
			i++
			continue
		}
		j := i
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		if w := s[i:j]; w != "" {
			switch {
			case jsKeywords[w]:
				ts.emit(chroma.Keyword, w)
				push(stRegex)
				i = j
				continue
			case jsDeclarations[w]:
				ts.emit(chroma.KeywordDeclaration, w)
				push(stRegex)
				i = j
				continue
			case jsReserved[w]:
				ts.emit(chroma.KeywordReserved, w)
				i = j
				continue
			case jsConstants[w]:
				ts.emit(chroma.KeywordConstant, w)
				i = j
				continue
			case jsBuiltins[w]:
				ts.emit(chroma.NameBuiltin, w)
				i = j
				continue
			}
		}
		if c == '$' || c == '_' || isWordByte(c) {
			// [$_\p{L}\p{N}][$\p{L}\p{N}]*: an underscore only starts a name.
			j := i + 1
			for j < len(s) && (s[j] == '$' || s[j] != '_' && isWordByte(s[j])) {
				j++
			}
			ts.emit(chroma.NameOther, s[i:j])
			i = j
			continue
		}
		return nil, false
	}
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.Value)
	}
	if b.String() != s[:n] {
		return nil, false // a token ran into the added newline
	}
	return ts, true
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// jsNumber matches the number rules at s[i], a digit, in chroma's order: float, binary, octal,
// hex, integer.
func jsNumber(s string, i int) (chroma.TokenType, int) {
	j := i
	for j < len(s) && isDigitByte(s[j]) {
		j++
	}
	if j < len(s) && s[j] == '.' {
		k := j + 1
		for k < len(s) && isDigitByte(s[k]) {
			k++
		}
		return chroma.LiteralNumberFloat, k
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && isDigitByte(s[k]) {
			for k < len(s) && isDigitByte(s[k]) {
				k++
			}
			return chroma.LiteralNumberFloat, k
		}
	}
	if s[i] == '0' && i+2 < len(s) {
		var t chroma.TokenType
		var digit func(byte) bool
		switch s[i+1] {
		case 'b', 'B':
			t, digit = chroma.LiteralNumberBin, func(c byte) bool { return c == '0' || c == '1' }
		case 'o', 'O':
			t, digit = chroma.LiteralNumberOct, func(c byte) bool { return c >= '0' && c <= '7' }
		case 'x', 'X':
			t, digit = chroma.LiteralNumberHex, func(c byte) bool {
				return isDigitByte(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
			}
		}
		if digit != nil && digit(s[i+2]) {
			k := i + 2
			for k < len(s) && digit(s[k]) {
				k++
			}
			return t, k
		}
	}
	j = i
	for j < len(s) && (isDigitByte(s[j]) || s[j] == '_') {
		j++
	}
	return chroma.LiteralNumberInteger, j
}

// jsOperator matches chroma's operator rule at s[i] and returns its end, or i:
// \+\+|--|~|&&|\?|:|\|\||\\(?=\n)|(<<|>>>?|==?|!=?|[-<>+*%&|^/])=?
func jsOperator(s string, i int) int {
	r := s[i:]
	for _, p := range []string{"++", "--", "~", "&&", "?", ":", "||", "\\\n"} {
		if strings.HasPrefix(r, p) {
			if p == "\\\n" {
				return i + 1
			}
			return i + len(p)
		}
	}
	j := i
	switch {
	case strings.HasPrefix(r, "<<"), strings.HasPrefix(r, "=="), strings.HasPrefix(r, "!="):
		j += 2
	case strings.HasPrefix(r, ">>>"):
		j += 3
	case strings.HasPrefix(r, ">>"):
		j += 2
	case r[0] == '=' || r[0] == '!' || strings.IndexByte("-<>+*%&|^/", r[0]) >= 0:
		j++
	default:
		return i
	}
	if j < len(s) && s[j] == '=' {
		j++
	}
	return j
}

// jsString returns the end of the string quoted by s[i] ("(\\\\|\\"|[^"])*"), or -1.
func jsString(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if j+1 < len(s) && (s[j+1] == '\\' || s[j+1] == q) {
				j++
			}
		case q:
			return j + 1
		}
	}
	return -1
}

// jsRegex matches a regular-expression literal at s[i] == '/' and returns its end:
// /(\\.|[^[/\\\n]|\[(\\.|[^\]\\\n])*])+/([gimuy]+\b|\B)
func jsRegex(s string, i int) (int, bool) {
	j := i + 1
	for j < len(s) && s[j] != '/' {
		switch s[j] {
		case '\\':
			j += 2
		case '\n':
			return 0, false
		case '[':
			for j++; j < len(s) && s[j] != ']'; j++ {
				switch s[j] {
				case '\\':
					j++
				case '\n':
					return 0, false
				}
			}
			if j >= len(s) {
				return 0, false
			}
			j++
		default:
			j++
		}
	}
	if j >= len(s) || j == i+1 {
		return 0, false
	}
	j++
	k := j
	for k < len(s) && strings.IndexByte("gimuy", s[k]) >= 0 {
		k++
	}
	if k < len(s) && isWordByte(s[k]) {
		return 0, false
	}
	return k, true
}
