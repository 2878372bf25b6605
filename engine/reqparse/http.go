package reqparse

import (
	"strings"

	"github.com/errdocs/errdocs/engine/reqparse/lex"
	"github.com/errdocs/errdocs/internal/printf"
)

// parseHTTP reads a raw HTTP request that starts at offset at: a request line (or HTTP/2 pseudo
// headers), headers, a blank line and a body. For the "> " lines of a curl -v transcript the
// request ends at the first line without the prefix, and there is no body, since curl -v does
// not print it. It returns the offset where the text after the request starts.
func (p *parser) parseHTTP(at int, k kind) (int, bool) {
	r, text := p.r, p.text
	r.Form = "http"
	trace := k == kindTrace
	ls := strings.LastIndexByte(text[:at], '\n') + 1
	indent := text[ls:at]
	if !lex.IsBlank(indent) {
		indent = ""
	}
	// content returns the line at j without its indent or "> " prefix; ok is false when a
	// trace line lacks the prefix.
	content := func(j int) (string, bool) {
		l := lex.LineText(text, j)
		l = strings.TrimPrefix(l, indent)
		if trace {
			t := strings.TrimLeft(l, " \t")
			if !strings.HasPrefix(t, ">") {
				return "", false
			}
			t = t[1:]
			t = strings.TrimPrefix(t, " ")
			return t, true
		}
		return l, true
	}

	r.StartLine = p.Line(at)
	last := at // offset of the last line that belongs to the request
	j := ls
	target := ""
	if k != kindPseudo {
		s, _ := content(j)
		f := strings.Fields(s)
		if len(f) < 2 {
			return 0, false
		}
		p.setMethod(f[0], at, "The request line")
		target = f[1]
		r.URLLine = r.MethodLine
		if len(f) > 2 {
			r.Proto = f[2]
		}
		j = lex.NextLine(text, j)
	} else {
		r.Proto = "HTTP/2"
	}

	var scheme, authority string
	end := len(text)
	bodyStart := -1
	for j < len(text) {
		s, ok := content(j)
		if !ok {
			end = j
			break
		}
		if lex.IsBlank(s) {
			if trace {
				end = lex.NextLine(text, j)
				last = j
			} else {
				bodyStart = lex.NextLine(text, j)
			}
			break
		}
		if !trace && isStopLine(s) {
			end = j
			break
		}
		if (s[0] == ' ' || s[0] == '\t') && len(r.Headers) > 0 {
			// An obsolete folded continuation of the previous header.
			h := &r.Headers[len(r.Headers)-1]
			h.Value += " " + strings.TrimSpace(s)
			last = j
			j = lex.NextLine(text, j)
			continue
		}
		name, value, ok := splitHeaderLine(s)
		if !ok {
			if trace {
				end = j
				break
			}
			p.note("Line %d is not a header, and no blank line comes before it; it is read as the start of the body.", p.Line(j))
			bodyStart = j
			break
		}
		line := p.Line(j)
		if name[0] == ':' {
			switch strings.ToLower(name) {
			case ":method":
				p.setMethod(value, j, "The :method pseudo header")
			case ":path":
				target = value
				r.URLLine = line
			case ":authority":
				authority = value
			case ":scheme":
				scheme = value
			}
		} else {
			p.addHeader(Header{Name: name, Value: value, Line: line})
		}
		last = j
		j = lex.NextLine(text, j)
	}

	if bodyStart >= 0 {
		bodyStart = lex.SkipBlankLines(text, bodyStart)
		bodyEnd := bodyStart
		end = len(text)
		for b := bodyStart; b < len(text); b = lex.NextLine(text, b) {
			if isStopLine(strings.TrimPrefix(lex.LineText(text, b), indent)) {
				end = b
				break
			}
		}
		bodyEnd = end
		if bodyStart < end && (text[bodyStart] == '{' || text[bodyStart] == '[') {
			// A JSON body followed by more text, such as the response's body, ends with its
			// value.
			if e := jsonValueEnd(text[bodyStart:end]); e > 0 {
				after := bodyStart + e
				next := lex.SkipBlankLines(text, lex.NextLine(text, after))
				if lex.IsBlank(text[after:lex.LineEnd(text, after)]) && next < end {
					bodyEnd, end = after, next
				}
			}
		}
		for bodyEnd > bodyStart && strings.IndexByte(" \t\r\n", text[bodyEnd-1]) >= 0 {
			bodyEnd--
		}
		if bodyEnd > bodyStart {
			p.body, p.hasBody = dedent(text, bodyStart, bodyEnd, indent), true
			last = bodyEnd - 1
		}
	}
	r.EndLine = p.Line(last)

	if r.Method == "" {
		if k == kindPseudo {
			return 0, false
		}
		r.Method = "GET"
	}
	host := authority
	if h, ok := r.Header("Host"); ok && host == "" {
		host = h
	}
	switch {
	case strings.Contains(target, "://"):
		r.URL = target
	case host != "" && strings.HasPrefix(target, "/"):
		if scheme == "" {
			scheme = "https"
		}
		r.URL = scheme + "://" + host + target
	case host != "" && target == "":
		if scheme == "" {
			scheme = "https"
		}
		r.URL = scheme + "://" + host + "/"
	default:
		r.URL = target
	}
	if r.URLLine == 0 {
		r.URLLine = r.StartLine
	}
	if ct, ok := r.Header("Content-Type"); ok {
		r.ContentType = ct
	}
	return end, true
}

// setMethod sets the request's method from the word m written at offset at, noting a method
// that is not in upper case.
func (p *parser) setMethod(m string, at int, where string) {
	if strings.TrimSpace(m) == "" {
		return
	}
	if m != strings.ToUpper(m) {
		p.note("%s has the method %q; methods are case-sensitive and servers expect %q.", where, printf.Clip(m, 20), printf.Clip(strings.ToUpper(m), 20))
	}
	p.r.Method = strings.ToUpper(m)
	p.r.MethodLine = p.Line(at)
}

// splitHeaderLine splits "Name: value". The name must be an HTTP token, or a pseudo header
// such as ":method".
func splitHeaderLine(s string) (name, value string, ok bool) {
	from := 0
	if strings.HasPrefix(s, ":") {
		from = 1
	}
	i := strings.IndexByte(s[from:], ':')
	if i < 0 {
		return "", "", false
	}
	i += from
	name = strings.TrimRight(s[:i], " \t")
	if len(name) == from {
		return "", "", false
	}
	for k := from; k < len(name); k++ {
		if !isTokenByte(name[k]) {
			return "", "", false
		}
	}
	return name, strings.TrimSpace(s[i+1:]), true
}

// isTokenByte reports whether c may appear in an HTTP token, such as a header name.
func isTokenByte(c byte) bool {
	return lex.IsAlnum(c) || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// isStopLine reports whether a line ends a raw request's body: a response's status line, curl
// -v's "< " lines, a code fence, a "###" separator between requests, or the next request line.
func isStopLine(s string) bool {
	t := strings.TrimLeft(s, " \t")
	if strings.HasPrefix(t, "HTTP/") && len(t) > 5 && lex.IsDigit(t[5]) {
		return true
	}
	return strings.HasPrefix(t, "< ") || t == "<" || strings.HasPrefix(t, "```") ||
		strings.HasPrefix(t, "###") || isRequestLine(t)
}

// dedent returns text[from:to] with indent removed from the start of each line that has it.
func dedent(text string, from, to int, indent string) lex.Mapped {
	b := lex.NewTextBuilder(text)
	if indent == "" {
		b.AddRun(text[from:to], from)
		return b.Done()
	}
	for i := from; i < to; {
		e := min(lex.NextLine(text, i), to)
		j := i
		if strings.HasPrefix(text[i:e], indent) {
			j += len(indent)
		}
		b.AddRun(text[j:e], j)
		i = e
	}
	return b.Done()
}

// jsonValueEnd returns the offset just past the JSON object or array that starts s, or -1 when
// it does not end.
func jsonValueEnd(s string) int {
	depth := 0
	inString := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inString {
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}
