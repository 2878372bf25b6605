package reqparse

import (
	"strings"

	"github.com/errdocs/errdocs/engine/reqparse/lex"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// httpie: http [flags] [METHOD] URL [items], and https and xh, which take the same words. An
// item is Header:Value, name=string (a JSON string field), name:=json (a raw JSON field),
// name==value (a query parameter) or name@file (a file, with --form). Without --form the body is
// a JSON object of the fields and goes as application/json; the method is POST when there is a
// body, else GET. (httpie.io/docs/cli/request-items)

// httpieArgFlags are the httpie options that take the next word as their argument.
var httpieArgFlags = makeSet("-a --auth -A --auth-type -o --output --session --session-read-only --timeout --verify --cert --cert-key --proxy --pretty -s --style -p --print -P --history-print --max-redirects --default-scheme --format-options --boundary --raw")

// httpieStart returns the offset in s of an http, https or xh word that starts an httpie
// command (after an optional prompt) whose URL follows, or -1.
func httpieStart(s string) int {
	for _, cmd := range [...]string{"https ", "http ", "xh ", "xhs "} {
		k := strings.Index(s[:min(len(s), 256)], cmd)
		if k < 0 || !isPrompt(s[:k]) {
			continue
		}
		words := strings.Fields(s[k+len(cmd):])
		for j := 0; j < len(words); j++ {
			switch w := words[j]; {
			case httpieArgFlags[w]:
				j++
				continue
			case strings.HasPrefix(w, "-"):
				continue
			case isMethod(w) && w == strings.ToUpper(w):
				continue
			}
			if w := words[j]; strings.Contains(w, "://") || strings.HasPrefix(w, ":") || strings.HasPrefix(w, "localhost") ||
				strings.Contains(w, ".") && strings.Contains(w, "/") && !strings.ContainsAny(w, " =") {
				return k
			}
			return -1
		}
	}
	return -1
}

// parseHTTPie reads the httpie command that starts at offset at.
func (p *parser) parseHTTPie(at int) (int, bool) {
	r := p.r
	r.Form = "httpie"
	r.StartLine = p.Line(at)
	lx := lex.NewWordLexer(p.text, at, p)
	cmd, _ := lx.Next()
	var words []lex.Word
	form := false
	for {
		w, ok := lx.Next()
		if !ok {
			break
		}
		s := w.Value.Text
		switch {
		case s == "-f" || s == "--form" || s == "--multipart":
			form = true
		case httpieArgFlags[strings.SplitN(s, "=", 2)[0]] && !strings.Contains(s, "="):
			lx.Next()
		case strings.HasPrefix(s, "-") && len(s) > 1:
		default:
			if len(words) < maxPositional {
				words = append(words, w)
			}
		}
	}
	end := lx.RestAt()
	r.EndLine = p.Line(max(lx.LastAt(), at))
	i := 0
	if len(words) > 1 && isMethod(words[0].Value.Text) {
		r.Method, r.MethodLine = strings.ToUpper(words[0].Value.Text), p.Line(words[0].Src())
		i = 1
	}
	if i >= len(words) {
		return 0, false
	}
	u := words[i].Value.Text
	switch {
	case strings.HasPrefix(u, ":"):
		u = "http://localhost" + u
	case !strings.Contains(u, "://"):
		scheme := "http://"
		if strings.HasPrefix(cmd.Value.Text, "https") || cmd.Value.Text == "xhs" {
			scheme = "https://"
		}
		u = scheme + u
	}
	r.URL, r.URLLine = u, p.Line(words[i].Src())
	b := lex.NewBuilder()
	fields := 0
	for _, w := range words[i+1:] {
		s := w.Value.Text
		sep, k := httpieSeparator(s)
		name, val := s[:max(k, 0)], w.Value.Slice(k+len(sep))
		switch sep {
		case ":":
			p.addHeader(Header{Name: name, Value: strings.TrimSpace(val.Text), Line: p.Line(w.Src()), Flag: "item"})
		case "==":
			p.extraQuery = append(p.extraQuery, escapeQuery(name)+"="+escapeQuery(val.Text))
		case "=", ":=":
			switch {
			case form:
				if fields > 0 {
					b.AddAt("&", w.Src())
				}
				b.AddAt(escapeQuery(name)+"="+escapeQuery(val.Text), w.Src())
			case fields == 0:
				b.AddAt("{", w.Src())
			default:
				b.AddAt(",", w.Src())
			}
			fields++
			if form {
				continue
			}
			b.AddAt(jsonx.Quote(name, jsonx.JS)+":", w.Src())
			switch q := jsonx.Quote(val.Text, jsonx.JS); {
			case sep == ":=":
				b.AddMapped(val)
			case val.Text != "" && q[1:len(q)-1] == val.Text:
				// Mapped byte for byte, so that a fix of the value can edit the paste.
				b.AddAt(`"`, val.SrcAt(0))
				b.AddMapped(val)
				b.AddAt(`"`, val.SrcAt(len(val.Text)-1)+1)
			default:
				b.AddAt(q, val.SrcAt(0))
			}
		case "@", "=@", ":=@":
			r.BodyFile = val.Text
			p.note("The field %s comes from the file %s, which was not pasted.", name, val.Text)
		}
	}
	if r.Method == "" {
		r.Method = "GET"
		if fields > 0 || r.BodyFile != "" {
			r.Method = "POST"
		}
	}
	if fields > 0 {
		if !form {
			b.AddAt("}", words[len(words)-1].Src())
		}
		p.body, p.hasBody = b.Done(), true
	}
	switch ct, ok := r.Header("Content-Type"); {
	case ok:
		r.ContentType = ct
	case form && fields > 0:
		r.ContentType = "application/x-www-form-urlencoded"
	case fields > 0:
		r.ContentType = "application/json"
	}
	return end, true
}

// httpieSeparator finds the separator of a request item: the leftmost of ":", "==", "=", ":=",
// "@", "=@" and ":=@", the longest where several start at the same place. k is -1 when there
// is none.
func httpieSeparator(s string) (sep string, k int) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case c == ':' || c == '=' || c == '@':
			for _, t := range [...]string{":=@", "=@", ":=", "==", "=", ":", "@"} {
				if strings.HasPrefix(s[i:], t) {
					return t, i
				}
			}
		}
	}
	return "", -1
}
