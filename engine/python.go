package engine

import (
	"strings"

	"github.com/errdocs/errdocs/internal/jsonx"
)

// parsePythonRepr reads a Python dict as printed by print(response.json()) or a logger:
// single-quoted strings, True, False and None. It rewrites the text to JSON of the same length
// wherever it can, so offsets still point into the paste, and parses that.
func parsePythonRepr(s string) (*jsonx.Node, bool) {
	var b strings.Builder
	b.Grow(len(s))
	depth := 0
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\'' || c == '"':
			q := c
			b.WriteByte('"')
			i++
			for i < len(s) && s[i] != q {
				switch {
				case s[i] == '\\' && i+1 < len(s) && s[i+1] == '\'':
					b.WriteByte('\'')
					i += 2
					continue
				case s[i] == '\\' && i+1 < len(s):
					b.WriteString(s[i : i+2])
					i += 2
					continue
				case s[i] == '"' && q == '\'':
					b.WriteString(`\"`)
				case s[i] == '\n':
					return nil, false
				default:
					b.WriteByte(s[i])
				}
				i++
			}
			if i < len(s) {
				b.WriteByte('"')
				i++
			}
			continue
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		case strings.HasPrefix(s[i:], "True"):
			b.WriteString("true")
			i += 4
			continue
		case strings.HasPrefix(s[i:], "False"):
			b.WriteString("false")
			i += 5
			continue
		case strings.HasPrefix(s[i:], "None"):
			b.WriteString("null")
			i += 4
			continue
		}
		b.WriteByte(c)
		i++
		if depth == 0 {
			break
		}
	}
	n, _, cut, err := jsonx.Parse(b.String())
	if n == nil || n.Kind != jsonx.Object || (err != nil && !cut) {
		return nil, false
	}
	return n, cut
}
