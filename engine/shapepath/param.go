package shapepath

import "strings"

// Param returns the parameter name of a header value: an auth-param of a WWW-Authenticate
// challenge (RFC 9110 §11.2: `Bearer realm="api", error="invalid_token"`) or a ";" parameter
// (`text/html; charset=utf-8`). Names compare case-insensitively; a quoted value is unquoted.
// It reports false when the value has no such parameter.
func Param(value, name string) (string, bool) {
	s := value
	for s != "" {
		s = strings.TrimLeft(s, " \t,;")
		end := strings.IndexAny(s, "= \t,;")
		if end < 0 {
			return "", false
		}
		key := s[:end]
		s = strings.TrimLeft(s[end:], " \t")
		if !strings.HasPrefix(s, "=") || key == "" {
			// A scheme, or a token68 credential: no parameter here.
			if key == "" && s != "" {
				s = s[1:]
			}
			continue
		}
		s = strings.TrimLeft(s[1:], " \t")
		var v string
		if strings.HasPrefix(s, `"`) {
			v, s = quoted(s[1:])
		} else {
			end := strings.IndexAny(s, " \t,;")
			if end < 0 {
				end = len(s)
			}
			v, s = s[:end], s[end:]
		}
		if strings.EqualFold(key, name) {
			return v, true
		}
	}
	return "", false
}

// quoted reads a quoted-string's content after its opening quote, undoing "\" escapes, and
// returns the rest after the closing quote (or nothing, if it never closes).
func quoted(s string) (string, string) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return b.String(), s[i+1:]
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), ""
}
