package highlight

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// jsonTokens tokenises JSON exactly as chroma's JSON lexer does (lexers/embedded/json.xml:
// keys NameTag, strings LiteralStringDouble, numbers, true/false/null KeywordConstant,
// punctuation, whitespace Text, // comments), coalesced as chroma.Coalesce does, in a single
// pass without regular expressions: chroma's regexp2 lexer takes about 0.2 ms for a ten-line
// block, this about a hundredth of that, and JSON is most of what an error catalog shows. It
// reports ok = false on anything chroma's lexer would mark as an error, and the caller falls back
// to chroma.
func jsonTokens(s string) (tokens []chroma.Token, ok bool) {
	if !utf8.ValidString(s) || strings.ContainsRune(s, '\r') {
		return nil, false // chroma reads runes and normalises line ends; let it
	}
	const (
		stValue  = iota // root: values
		stObject        // inside {: keys
		stAttr          // after a key: the value, ':' and ','
		stArray         // inside [
	)
	stack := []int{stValue}
	emit := func(t chroma.TokenType, v string) {
		if n := len(tokens); n > 0 && tokens[n-1].Type == t {
			tokens[n-1].Value += v
			return
		}
		tokens = append(tokens, chroma.Token{Type: t, Value: v})
	}
	isWord := func(c byte) bool {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' }
	// str returns the end of a string starting at s[i] == '"', or -1.
	str := func(i int) int {
		for i++; i < len(s); {
			switch {
			case s[i] == '\\' && i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == '"'):
				i += 2
			case s[i] == '"':
				return i + 1
			default:
				i++
			}
		}
		return -1
	}
	// simple matches a simple value (constant, number, string) at i.
	simple := func(i int) (chroma.TokenType, int) {
		for _, w := range []string{"true", "false", "null"} {
			if len(s)-i >= len(w) && s[i:i+len(w)] == w && (i+len(w) == len(s) || !isWord(s[i+len(w)])) {
				return chroma.KeywordConstant, i + len(w)
			}
		}
		c := s[i]
		if c == '-' || c >= '0' && c <= '9' {
			// chroma's JSON lexer takes the longest number there is: "1." is the integer 1.
			n := jsonx.ScanNumber(s[i:])
			switch {
			case n.End == 0:
				return chroma.Error, 0
			case n.End > n.Int:
				return chroma.LiteralNumberFloat, i + n.End
			}
			return chroma.LiteralNumberInteger, i + n.Int
		}
		if c == '"' {
			if end := str(i); end > 0 {
				return chroma.LiteralStringDouble, end
			}
		}
		return chroma.Error, 0
	}
	for i := 0; i < len(s); {
		c := s[i]
		st := stack[len(stack)-1]
		if isSpace(c) {
			j := i + 1
			for j < len(s) && isSpace(s[j]) {
				j++
			}
			emit(chroma.Text, s[i:j])
			i = j
			continue
		}
		if c == '/' && i+1 < len(s) && s[i+1] == '/' {
			j := i + 2
			for j < len(s) && s[j] != '\n' {
				j++
			}
			if j == len(s) {
				return nil, false
			}
			emit(chroma.CommentSingle, s[i:j+1])
			i = j + 1
			continue
		}
		switch st {
		case stObject:
			switch c {
			case '"':
				end := str(i)
				if end < 0 {
					return nil, false
				}
				emit(chroma.NameTag, s[i:end])
				stack = append(stack, stAttr)
				i = end
				continue
			case '}':
				emit(chroma.Punctuation, "}")
				stack = stack[:len(stack)-1]
				i++
				continue
			}
			return nil, false
		case stAttr:
			switch c {
			case ':':
				emit(chroma.Punctuation, ":")
				i++
				continue
			case ',':
				emit(chroma.Punctuation, ",")
				stack = stack[:len(stack)-1]
				i++
				continue
			case '}':
				emit(chroma.Punctuation, "}")
				stack = stack[:len(stack)-2]
				i++
				continue
			}
		case stArray:
			switch c {
			case ',':
				emit(chroma.Punctuation, ",")
				i++
				continue
			case ']':
				emit(chroma.Punctuation, "]")
				stack = stack[:len(stack)-1]
				i++
				continue
			}
		}
		// A value: in the root, after a key, or in an array.
		if t, end := simple(i); t != chroma.Error {
			emit(t, s[i:end])
			i = end
			continue
		}
		switch c {
		case '{':
			emit(chroma.Punctuation, "{")
			stack = append(stack, stObject)
		case '[':
			emit(chroma.Punctuation, "[")
			stack = append(stack, stArray)
		default:
			return nil, false
		}
		i++
		if len(stack) == 0 {
			return nil, false
		}
	}
	return tokens, true
}

// httpTokens tokenises an HTTP message with a JSON body as chroma's HTTP lexer does (a status or
// request line, headers, and the body by its Content-Type), coalesced: the form every example
// response on an error page takes. It reports ok = false for anything else, such as a body that is
// not JSON or a line the HTTP lexer would mark as an error, and the caller falls back to chroma.
func httpTokens(s string) (tokens []chroma.Token, ok bool) {
	if strings.ContainsRune(s, '\r') || !utf8.ValidString(s) {
		return nil, false
	}
	emit := func(t chroma.TokenType, v string) {
		if v == "" {
			return
		}
		if n := len(tokens); n > 0 && tokens[n-1].Type == t {
			tokens[n-1].Value += v
			return
		}
		tokens = append(tokens, chroma.Token{Type: t, Value: v})
	}
	line, rest, nl := strings.Cut(s, "\n")
	end := ""
	if nl {
		end = "\n"
	}
	// The first line: "HTTP/1.1 429 Too Many Requests" or "POST /v1/send HTTP/1.1".
	if v, after, found := strings.Cut(line, " "); found && strings.HasPrefix(v, "HTTP/") {
		ver := v[len("HTTP/"):]
		spaces := len(after) - len(strings.TrimLeft(after, " "))
		after = after[spaces:]
		spaces++ // and the one Cut took
		if !httpVersion(ver) || len(after) < 3 || !isDigits(after[:3]) {
			return nil, false
		}
		code, reason := after[:3], after[3:]
		gap := len(reason) - len(strings.TrimLeft(reason, " "))
		emit(chroma.KeywordReserved, "HTTP")
		emit(chroma.Operator, "/")
		emit(chroma.LiteralNumber, ver)
		emit(chroma.Text, strings.Repeat(" ", spaces))
		emit(chroma.LiteralNumber, code)
		emit(chroma.Text, reason[:gap])
		emit(chroma.NameException, reason[gap:])
		emit(chroma.Text, end)
	} else {
		f := strings.Split(line, " ")
		if len(f) != 3 || !httpMethods[f[0]] || f[1] == "" || !strings.HasPrefix(f[2], "HTTP/") || !httpVersion(f[2][len("HTTP/"):]) {
			return nil, false
		}
		emit(chroma.NameFunction, f[0])
		emit(chroma.Text, " ")
		emit(chroma.NameNamespace, f[1])
		emit(chroma.Text, " ")
		emit(chroma.KeywordReserved, "HTTP")
		emit(chroma.Operator, "/")
		emit(chroma.LiteralNumber, f[2][len("HTTP/"):])
		emit(chroma.Text, end)
	}
	contentType := ""
	for nl {
		line, rest, nl = strings.Cut(rest, "\n")
		end = ""
		if nl {
			end = "\n"
		}
		if line == "" {
			if !nl {
				break
			}
			emit(chroma.Text, "\n")
			if rest == "" {
				return tokens, true
			}
			if !jsonMIME(contentType) {
				return nil, false
			}
			body, ok := jsonTokens(rest)
			if !ok {
				return nil, false
			}
			for _, t := range body {
				emit(t.Type, t.Value)
			}
			return tokens, true
		}
		name, value, found := strings.Cut(line, ":")
		if !found || name == "" || strings.ContainsAny(name, " \t\v\f") {
			return nil, false
		}
		gap := len(value) - len(strings.TrimLeft(value, " "))
		if value[gap:] == "" {
			return nil, false
		}
		emit(chroma.Name, name)
		emit(chroma.Operator, ":")
		emit(chroma.Text, value[:gap])
		emit(chroma.Literal, value[gap:])
		emit(chroma.Text, end)
		if strings.EqualFold(name, "content-type") {
			contentType = strings.TrimSpace(value[gap:])
			if i := strings.IndexByte(contentType, ';'); i > 0 {
				contentType = strings.TrimSpace(contentType[:i])
			}
		}
	}
	return tokens, true
}

// jsonMIME reports whether chroma's HTTP lexer highlights a body of this media type as JSON:
// the JSON lexer's own types, or a structured suffix such as application/problem+json.
func jsonMIME(ct string) bool {
	if ct == "application/json" || ct == "application/jsonl" {
		return true
	}
	if strings.Contains(ct, "+") {
		slash, plus := strings.IndexByte(ct, '/'), strings.LastIndexByte(ct, '+')
		ct = ct[:slash+1] + ct[plus+1:]
		return ct == "application/json" || ct == "application/jsonl"
	}
	return false
}

var httpMethods = map[string]bool{"GET": true, "POST": true, "PUT": true, "DELETE": true, "HEAD": true,
	"OPTIONS": true, "TRACE": true, "PATCH": true, "CONNECT": true}

func httpVersion(v string) bool {
	switch v {
	case "1", "2", "3", "1.0", "1.1", "2.0", "2.1", "3.0", "3.1":
		return true
	}
	return false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
