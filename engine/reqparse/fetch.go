package reqparse

import (
	"strings"

	"github.com/errdocs/errdocs/engine/reqparse/lex"
	"github.com/errdocs/errdocs/internal/printf"
)

// This file reads fetch() calls. It finds the call in the JavaScript of the paste, remembering
// the constants declared before it, and reads the URL and the options object (method, headers,
// body) from the values jseval.go evaluates; jsjson.go turns a JSON.stringify argument into
// JSON text while keeping its layout.

// parseFetch reads the fetch( call in the JavaScript that starts at offset at, or the
// new Request( whose object a fetch( call is given.
func (p *parser) parseFetch(at int) (int, bool) {
	r, text := p.r, p.text
	jp := &jsParser{p: p, text: text, lx: lex.NewJSLexer(text, at), decls: map[string]int{}, prevEnd: at}
	jp.advance()
	var prev lex.Token
	found, viaRequest := false, false
scan:
	for jp.tok.Kind != lex.EOF {
		t := jp.tok
		if t.Kind == lex.Ident {
			switch jp.tokText() {
			case "const", "let", "var":
				jp.advance()
				if jp.tok.Kind != lex.Ident {
					continue
				}
				name := jp.tokText()
				jp.advance()
				if jp.isPunct("=") {
					if len(jp.decls) < maxDecls {
						jp.decls[name] = jp.tok.End
					}
					prev = jp.tok
					jp.advance()
				}
				continue
			case "Request":
				// new Request(url, init), then fetch(request): the same two arguments.
				if prev.Kind == lex.Ident && text[prev.Start:prev.End] == "new" {
					jp.advance()
					if jp.isPunct("(") {
						found, viaRequest = true, true
						break scan
					}
					prev = t
					continue
				}
			case "fetch":
				if prev.Kind != lex.Ident || text[prev.Start:prev.End] != "function" {
					jp.advance()
					if jp.isPunct("(") {
						found = true
						break scan
					}
					prev = t
					continue
				}
			}
		}
		prev = t
		jp.advance()
	}
	if !found {
		return 0, false
	}
	open := jp.tok
	jp.advance()
	var url, init *jsValue
	if !jp.isPunct(")") {
		url = jp.value(0)
	}
	if jp.isPunct(",") {
		jp.advance()
		if !jp.isPunct(")") {
			init = jp.value(0)
		}
	}
	for jp.tok.Kind != lex.EOF && !jp.isPunct(")") {
		before := jp.tok.Start
		jp.skipExpr()
		if jp.isPunct(",") {
			jp.advance()
		}
		if jp.tok.Start == before && !jp.isPunct(")") {
			jp.advance()
		}
	}
	end := len(text)
	if jp.isPunct(")") {
		end = jp.tok.End
		jp.advance()
		for jp.isPunct(".") {
			jp.advance()
			if jp.tok.Kind != lex.Ident {
				break
			}
			end = jp.tok.End
			jp.advance()
			if jp.isPunct("(") {
				end = jp.skipBalanced().End
			}
		}
		if jp.isPunct(";") {
			end = jp.tok.End
		}
		if viaRequest {
			// The fetch( the request is given to belongs to the paste's request too.
			for n := 0; n < 64 && jp.tok.Kind != lex.EOF; n++ {
				if jp.tok.Kind == lex.Ident && jp.tokText() == "fetch" {
					jp.advance()
					if jp.isPunct("(") {
						end = jp.skipBalanced().End
						jp.advance()
						if jp.isPunct(";") {
							end = jp.tok.End
						}
					}
					break
				}
				jp.advance()
			}
		}
	} else {
		p.note("The fetch( call on line %d is never closed.", p.Line(open.Start))
	}
	if url == nil || url.end <= url.start {
		return 0, false
	}

	r.Form = "fetch"
	r.StartLine = p.Line(at)
	r.EndLine = p.Line(max(end-1, at))
	r.Method = "GET"
	jp.setURL(url)
	var body *jsValue
	if init != nil {
		if init.kind == jvObject {
			for _, pr := range init.props {
				switch pr.key {
				case "method":
					jp.setMethod(pr.val)
				case "headers":
					jp.headers(pr.val, 0)
				case "body":
					body = pr.val
				}
			}
		} else if init.kind != jvUndefined && init.kind != jvNull {
			p.note("The options of the fetch call come from %s, which was not pasted.", printf.Clip(jp.raw(init).Text, 60))
		}
	}
	if body != nil {
		jp.body(body)
	}
	if ct, ok := r.Header("Content-Type"); ok {
		r.ContentType = ct
	} else {
		switch jp.bodyKind {
		case "string":
			r.ContentType = "text/plain;charset=UTF-8"
			if t := strings.TrimSpace(p.body.Text); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
				p.note("fetch sends a string body as text/plain;charset=UTF-8 unless a Content-Type header says otherwise.")
			}
		case "urlencoded":
			r.ContentType = "application/x-www-form-urlencoded;charset=UTF-8"
		case "form":
			r.ContentType = "multipart/form-data"
		}
	}
	if end >= len(text) {
		return len(text), true
	}
	return lex.NextLine(text, end), true
}

// setURL sets the request's URL from fetch's first argument.
func (jp *jsParser) setURL(v *jsValue) {
	p, r := jp.p, jp.p.r
	s, exprs, raw := jp.stringOf(v)
	r.URL = s.Text
	r.URLLine = p.Line(v.start)
	if raw {
		p.note("The URL is %s, which was not pasted; it is kept as written.", printf.Clip(s.Text, 60))
	}
	for _, e := range exprs {
		p.note("The URL uses ${%s}, which was not pasted; it is kept as written.", printf.Clip(e.text, 60))
	}
}

// setMethod sets the method from the options' method. fetch upper-cases DELETE, GET, HEAD,
// OPTIONS, POST and PUT, and sends any other method exactly as written.
func (jp *jsParser) setMethod(v *jsValue) {
	p, r := jp.p, jp.p.r
	s, _, raw := jp.stringOf(v)
	if raw {
		p.note("The method is %s, which was not pasted; GET is assumed.", printf.Clip(s.Text, 60))
		return
	}
	m := s.Text
	if strings.TrimSpace(m) == "" {
		p.note("The method on line %d is empty, so fetch rejects the call; GET is assumed.", p.Line(v.start))
		return
	}
	up := strings.ToUpper(m)
	switch up {
	case "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT":
	default:
		if m != up {
			p.note("fetch sends the method %q exactly as written; only DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased for you, so write %q.",
				printf.Clip(m, 20), printf.Clip(up, 20))
		}
	}
	r.Method = up
	r.MethodLine = p.Line(v.start)
}

// headers adds the headers given as an object, a Headers object or an array of pairs. depth
// counts nested Headers objects.
func (jp *jsParser) headers(v *jsValue, depth int) {
	p := jp.p
	add := func(name string, at int, val *jsValue) {
		s, exprs, raw := jp.stringOf(val)
		p.addHeader(Header{Name: name, Value: s.Text, Line: p.Line(at)})
		if raw {
			p.note("The header %s is %s, which was not pasted; it is kept as written.", printf.Clip(name, 40), printf.Clip(s.Text, 60))
		}
		for _, e := range exprs {
			p.note("The header %s uses ${%s}, which was not pasted; it is kept as written.", printf.Clip(name, 40), printf.Clip(e.text, 60))
		}
	}
	switch v.kind {
	case jvObject:
		for _, pr := range v.props {
			add(pr.key, pr.at, pr.val)
		}
	case jvArray:
		for _, it := range v.items {
			if it.kind == jvArray && len(it.items) == 2 {
				name, _, _ := jp.stringOf(it.items[0])
				add(name.Text, it.start, it.items[1])
			}
		}
	case jvCall:
		if v.callee == "new Headers" && depth < 4 && jp.canRevisit() {
			st := jp.save()
			jp.seek(v.args)
			if !jp.isPunct(")") {
				w := jp.value(1)
				jp.restore(st)
				jp.headers(w, depth+1)
				return
			}
			jp.restore(st)
			return
		}
		fallthrough
	default:
		p.note("The headers come from %s, which was not pasted.", printf.Clip(jp.raw(v).Text, 60))
	}
}

// body reads the options' body.
func (jp *jsParser) body(v *jsValue) {
	p, r := jp.p, jp.p.r
	switch v.kind {
	case jvNull, jvUndefined:
	case jvString:
		p.body, p.hasBody, jp.bodyKind = v.s, true, "string"
		for _, e := range v.exprs {
			if len(r.Unresolved) < maxUnresolved {
				r.Unresolved = append(r.Unresolved, Unresolved{Expr: e.text, Offset: e.off})
			}
			p.note("The body uses ${%s}, which was not pasted; it is kept as written.", printf.Clip(e.text, 60))
		}
	case jvNumber, jvBool:
		p.body, p.hasBody, jp.bodyKind = v.s, true, "string"
	case jvCall:
		switch v.callee {
		case "JSON.stringify":
			jp.stringify(v)
		case "new URLSearchParams":
			jp.searchParams(v)
		case "new FormData":
			jp.bodyKind = "form"
			p.note("The body is a FormData; its fields are not shown in the paste.")
		default:
			p.note("The body is %s, which was not pasted.", printf.Clip(jp.raw(v).Text, 60))
		}
	case jvObject:
		b := lex.NewBuilder()
		b.AddAt("[object Object]", v.start)
		p.body, p.hasBody, jp.bodyKind = b.Done(), true, "string"
		p.note("The body on line %d is an object, so fetch sends the text \"[object Object]\"; wrap it in JSON.stringify(…).", p.Line(v.start))
	case jvArray:
		p.note("The body on line %d is an array, which fetch sends as its items joined by commas; wrap it in JSON.stringify(…).", p.Line(v.start))
	default:
		p.note("The body comes from %s, which was not pasted.", printf.Clip(jp.raw(v).Text, 60))
	}
}

// stringify turns the argument of JSON.stringify into the body's JSON text.
func (jp *jsParser) stringify(v *jsValue) {
	p, r := jp.p, jp.p.r
	st := jp.save()
	defer jp.restore(st)
	jp.seek(v.args)
	if jp.isPunct(")") {
		p.note("JSON.stringify() has no argument, so the request has no body.")
		return
	}
	jp.bodyKind = "string"
	b := lex.NewTextBuilder(jp.text)
	jp.lastEnd, jp.ptr, jp.failed, jp.unres, jp.topExpr = jp.tok.Start, nil, false, nil, ""
	jp.outCap = 2*len(jp.text) + 1<<20
	ok := jp.json(&b, 0)
	switch {
	case jp.failed:
		jp.seek(v.args)
		start := jp.tok.Start
		end := jp.skipExpr()
		raw := lex.NewTextBuilder(jp.text)
		raw.AddRun(jp.text[start:max(start, end)], start)
		p.body, p.hasBody = raw.Done(), true
		p.note("The argument of JSON.stringify on line %d could not be turned into JSON; the body holds it as written.", p.Line(start))
	case !ok:
		p.note("JSON.stringify of undefined or a function returns undefined, so the request has no body.")
		jp.bodyKind = ""
	case jp.topExpr != "":
		p.note("The body is JSON.stringify(%s), and %s was not pasted.", printf.Clip(jp.topExpr, 60), printf.Clip(jp.topExpr, 60))
	default:
		p.body, p.hasBody = b.Done(), true
		for _, u := range jp.unres {
			if len(r.Unresolved) < maxUnresolved {
				r.Unresolved = append(r.Unresolved, u)
			}
			where := "body's " + u.Pointer
			if u.Pointer == "" {
				where = "body"
			}
			p.note("The %s is %s, which was not pasted; it is kept as a string.", where, printf.Clip(u.Expr, 60))
		}
	}
}

// searchParams turns new URLSearchParams(…) into a form-encoded body.
func (jp *jsParser) searchParams(v *jsValue) {
	p := jp.p
	jp.bodyKind = "urlencoded"
	st := jp.save()
	jp.seek(v.args)
	var w *jsValue
	if !jp.isPunct(")") {
		w = jp.value(1)
	}
	jp.restore(st)
	var pairs []string
	switch {
	case w == nil:
	case w.kind == jvString:
		pairs = append(pairs, strings.TrimPrefix(w.s.Text, "?"))
	case w.kind == jvObject:
		for _, pr := range w.props {
			s, _, _ := jp.stringOf(pr.val)
			pairs = append(pairs, formEncode(pr.key)+"="+formEncode(s.Text))
		}
	case w.kind == jvArray:
		for _, it := range w.items {
			if it.kind == jvArray && len(it.items) == 2 {
				k, _, _ := jp.stringOf(it.items[0])
				s, _, _ := jp.stringOf(it.items[1])
				pairs = append(pairs, formEncode(k.Text)+"="+formEncode(s.Text))
			}
		}
	default:
		p.note("The body's parameters come from %s, which was not pasted.", printf.Clip(jp.raw(w).Text, 60))
		return
	}
	b := lex.NewBuilder()
	b.AddAt(strings.Join(pairs, "&"), v.start)
	p.body, p.hasBody = b.Done(), true
}

// formEncode encodes s as application/x-www-form-urlencoded does: a space becomes '+'.
func formEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case lex.IsAlnum(c) || c == '*' || c == '-' || c == '.' || c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

// stringOf returns the text of a value used as a string: the string itself, a number's digits,
// or, for an expression the parser cannot evaluate, its source as written (raw is then true).
func (jp *jsParser) stringOf(v *jsValue) (s lex.Mapped, exprs []jsExpr, raw bool) {
	switch v.kind {
	case jvString:
		return v.s, v.exprs, false
	case jvNumber, jvBool:
		return v.s, nil, false
	case jvNull, jvUndefined:
		b := lex.NewBuilder()
		if v.kind == jvNull {
			b.AddAt("null", v.start)
		} else {
			b.AddAt("undefined", v.start)
		}
		return b.Done(), nil, false
	}
	return jp.raw(v), nil, true
}
