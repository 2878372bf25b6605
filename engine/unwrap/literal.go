package unwrap

import (
	"strings"

	"github.com/errdocs/errdocs/internal/jsonx"
)

// Reading what a language prints for a value. Python's repr ({'a': True, 'b': None}), Node's
// util.inspect ({ a: true, b: [Object], headers: Object [AxiosHeaders] { … } }) and Ruby's
// inspect ({:status=>422, "a"=>nil}, or {status: 422} since Ruby 3.4) all write JSON's values
// with other spellings. literalJSON rewrites one such value, in one pass, as JSON text.

// maxLiteralDepth bounds the nesting literalJSON follows.
const maxLiteralDepth = 200

// literalJSON rewrites the value that starts at s[0] ('{', '[' or '(') as JSON. It returns the
// JSON and the number of bytes of s the value took; ok is false when s does not start with a
// value it can read. A value cut off by the end of s is returned as far as it goes, for the
// forgiving JSON reader to read.
func literalJSON(s string) (out string, n int, ok bool) {
	if s == "" || s[0] != '{' && s[0] != '[' && s[0] != '(' {
		return "", 0, false
	}
	var b []byte
	// stack holds the open brackets: '{', '[', '(' (a tuple, written as an array) and 'p' (the
	// parentheses of a constructor such as Headers({…}), written as nothing).
	var stack []byte
	key := false // the next token is an object's key
	i := 0
	closeTo := func(c byte) {
		// JSON allows no comma before a closing bracket; reprs and inspect output never need one.
		j := len(b)
		for j > 0 && (b[j-1] == ' ' || b[j-1] == '\n' || b[j-1] == '\t' || b[j-1] == '\r') {
			j--
		}
		if j > 0 && b[j-1] == ',' {
			b = append(b[:j-1], b[j:]...)
		}
		b = append(b, c)
	}
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			b = append(b, c)
			i++
			continue
		case c == '{' || c == '[' && (key || !placeholderAt(s[i:])) || c == '(':
			if key && c == '[' {
				// A computed key, [Symbol(kCapture)]: kept as a string.
				end := matchBracket(s, i, '[', ']')
				b = jsonx.AppendQuote(b, s[i:end], jsonx.JS)
				i = end
				key = false
				continue
			}
			if len(stack) >= maxLiteralDepth {
				return "", 0, false
			}
			stack = append(stack, c)
			if c == '(' {
				c = '['
			}
			b = append(b, c)
			key = c == '{'
			i++
			continue
		case c == '}' || c == ']' || c == ')':
			if len(stack) == 0 {
				return string(b), i, true
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch top {
			case '{':
				closeTo('}')
			case 'p':
			default:
				closeTo(']')
			}
			i++
			if len(stack) == 0 {
				return string(b), i, true
			}
			key = false
			continue
		case c == ',':
			b = append(b, ',')
			i++
			key = len(stack) > 0 && stack[len(stack)-1] == '{'
			continue
		case c == ':' && !((key || valueNext(b)) && i+1 < len(s) && isIdentStart(s[i+1])) || c == '=' && i+1 < len(s) && s[i+1] == '>':
			b = append(b, ':')
			if c == '=' {
				i++
			}
			i++
			key = false
			continue
		case c == '\'' || c == '"' || c == '`':
			str, end, closed := readQuoted(s, i)
			if j := joinAt(b); j >= 0 {
				// Node splits a long string over lines as 'a' +\n 'b': one string.
				q := jsonx.AppendQuote(nil, str, jsonx.JS)
				b = append(b[:j], q[1:]...)
				i = end
				continue
			}
			b = jsonx.AppendQuote(b, str, jsonx.JS)
			i = end
			if !closed {
				return string(b), i, true
			}
			key = false
			continue
		case c == '+':
			b = append(b, '+')
			i++
			continue
		case c == '<':
			// <ref *1> before a value, or a whole object as Python or Ruby print it,
			// <Response [422]> or #<Net::HTTPOK 200 OK>: the first is dropped, the other null.
			end := matchBracket(s, i, '<', '>')
			i = end
			if j := skipSpace(s, i); j < len(s) && (isIdentStart(s[j]) || s[j] == '{') {
				continue
			}
			b = append(b, "null"...)
			continue
		case c == '#' && i+1 < len(s) && s[i+1] == '<':
			i++
			continue
		case c == '[':
			// [Object], [Array], [Function: f], [Circular *1], [Object: null prototype]: what
			// util.inspect prints instead of a value; before '{' it only names the type.
			end := matchBracket(s, i, '[', ']')
			i = end
			if j := skipSpace(s, i); j < len(s) && s[j] == '{' {
				continue
			}
			b = append(b, "null"...)
			continue
		case c == '-' || c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			if key {
				j := i + 1
				for j < len(s) && (s[j] >= '0' && s[j] <= '9') {
					j++
				}
				b = jsonx.AppendQuote(b, s[i:j], jsonx.JS)
				i = j
				continue
			}
			j := i + 1
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || s[j] == 'e' || s[j] == 'E' || s[j] == '+' || s[j] == '-' || s[j] == '_') {
				j++
			}
			num := strings.ReplaceAll(s[i:j], "_", "")
			if jsonx.ValidNumber(num) {
				b = append(b, num...)
			} else {
				b = jsonx.AppendQuote(b, num, jsonx.JS)
			}
			if j < len(s) && s[j] == 'n' { // a BigInt, 12n
				j++
			}
			i = j
			continue
		case c == '.' && strings.HasPrefix(s[i:], "..."):
			// "... 12 more items": nothing to read.
			j := i
			for j < len(s) && s[j] != '\n' && s[j] != ']' && s[j] != '}' {
				j++
			}
			i = j
			continue
		case c == ':' || isIdentStart(c):
			j := i
			if c == ':' {
				j++
			}
			start := j
			for j < len(s) && isIdentByte(s[j]) {
				j++
			}
			word := s[start:j]
			if j < len(s) && (s[j] == '?' || s[j] == '!') && c == ':' {
				j++
				word = s[start:j]
			}
			k := skipSpace(s, j)
			switch {
			case word == "b" && k < len(s) && (s[k] == '\'' || s[k] == '"') && k == j:
				// Python bytes, b'…': the string follows.
				i = j
				continue
			case k < len(s) && (s[k] == ':' && (k+1 >= len(s) || s[k+1] != ':') || strings.HasPrefix(s[k:], "=>")):
				b = jsonx.AppendQuote(b, word, jsonx.JS)
			case key:
				// An unquoted key with nothing after it: keep it as a string.
				b = jsonx.AppendQuote(b, word, jsonx.JS)
			default:
				switch word {
				case "True", "true":
					b = append(b, "true"...)
				case "False", "false":
					b = append(b, "false"...)
				case "None", "nil", "null", "undefined", "NaN", "Infinity":
					b = append(b, "null"...)
				default:
					// A type name before a value (Object [AxiosHeaders] {, Headers({,
					// ClientRequest {) is dropped; a constructor's parentheses with it.
					if k < len(s) && s[k] == '(' {
						if len(stack) >= maxLiteralDepth {
							return "", 0, false
						}
						stack = append(stack, 'p')
						j = k + 1
					} else if k >= len(s) || s[k] != '{' && s[k] != '[' && s[k] != '<' && !isIdentStart(s[k]) {
						b = jsonx.AppendQuote(b, word, jsonx.JS)
					}
				}
			}
			i = j
			continue
		}
		// Anything else ends the value: it was not a literal after all.
		return "", 0, false
	}
	return string(b), len(s), true
}

// valueNext reports whether a value comes next in b: b ends (white space aside) with a colon,
// a comma or an opening bracket. A colon there starts a Ruby symbol, :post.
func valueNext(b []byte) bool {
	j := len(b)
	for j > 0 && (b[j-1] == ' ' || b[j-1] == '\n' || b[j-1] == '\r' || b[j-1] == '\t') {
		j--
	}
	return j > 0 && (b[j-1] == ':' || b[j-1] == ',' || b[j-1] == '[')
}

// joinAt returns where a string written to b ends, its closing quote, when b ends with that
// string and a '+' (white space around it aside); else -1.
func joinAt(b []byte) int {
	j := len(b)
	for j > 0 && (b[j-1] == ' ' || b[j-1] == '\n' || b[j-1] == '\r' || b[j-1] == '\t') {
		j--
	}
	if j == 0 || b[j-1] != '+' {
		return -1
	}
	j--
	for j > 0 && (b[j-1] == ' ' || b[j-1] == '\n' || b[j-1] == '\r' || b[j-1] == '\t') {
		j--
	}
	if j == 0 || b[j-1] != '"' {
		return -1
	}
	return j - 1
}

// placeholderAt reports whether s starts with one of util.inspect's stand-ins for a value,
// such as [Object], [Array] or [Function: f]: a bracket straight before a capital letter.
// ([True] and [None] are Python lists.)
func placeholderAt(s string) bool {
	if strings.HasPrefix(s, "[class ") {
		return true
	}
	if len(s) < 2 || s[1] < 'A' || s[1] > 'Z' {
		return false
	}
	for _, w := range [...]string{"True", "False", "None"} {
		if strings.HasPrefix(s[1:], w) {
			return false
		}
	}
	return true
}

// readQuoted reads the quoted string at s[i] and returns its text, the offset after it, and
// whether it was closed. It reads the escapes of Python, JavaScript and Ruby.
func readQuoted(s string, i int) (string, int, bool) {
	q := s[i]
	// Most strings hold no escape: their text is a slice of s, with nothing copied.
	for j := i + 1; j < len(s); j++ {
		if c := s[j]; c == q {
			return s[i+1 : j], j + 1, true
		} else if c == '\\' || c == '\n' {
			break
		}
	}
	var b strings.Builder
	j := i + 1
	for j < len(s) {
		c := s[j]
		switch {
		case c == q:
			return b.String(), j + 1, true
		case c == '\n' && q != '`':
			return b.String(), j, false
		case c == '\\' && j+1 < len(s):
			e := s[j+1]
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'e':
				b.WriteByte(0x1b)
			case '0':
				b.WriteByte(0)
			case 'x':
				if j+3 < len(s) {
					if v, ok := hexByte(s[j+2 : j+4]); ok {
						b.WriteRune(rune(v))
						j += 4
						continue
					}
				}
				b.WriteByte(e)
			case 'u':
				if r, n, f := jsonx.Unescape(s[j:]); f == 0 {
					b.WriteRune(r)
					j += n
					continue
				}
				b.WriteByte(e)
			default:
				b.WriteByte(e)
			}
			j += 2
			continue
		}
		b.WriteByte(c)
		j++
	}
	return b.String(), j, false
}

func hexByte(s string) (byte, bool) {
	var v byte
	for i := 0; i < 2; i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | (c - '0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | (c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | (c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return v, true
}

// matchBracket returns the offset after the bracket that closes the one at s[i], skipping
// quoted strings; the end of s when none does.
func matchBracket(s string, i int, open, close byte) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch c := s[j]; c {
		case open:
			depth++
		case close:
			if depth--; depth == 0 {
				return j + 1
			}
		case '\'', '"':
			if open == '<' {
				continue
			}
			_, end, _ := readQuoted(s, j)
			j = end - 1
		case '\n':
			if open == '<' {
				return j
			}
		}
	}
	return len(s)
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c == '@'
}

func isIdentByte(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9'
}

// Literal reads the object printed at the start of s by Python, Node or Ruby as a JSON tree.
// Offsets in the tree are into the JSON it was rewritten as, not into s. cut says the object
// ended early. It returns nil when s holds no such object.
func Literal(s string) (n *jsonx.Node, cut bool) {
	js, _, ok := literalJSON(s)
	if !ok {
		return nil, false
	}
	n, _, cut, err := jsonx.Parse(js)
	if n == nil || n.Kind != jsonx.Object || err != nil && !cut {
		return nil, false
	}
	return n, cut
}
