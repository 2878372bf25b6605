package reqparse

import (
	"strings"

	"github.com/errdocs/errdocs/engine/reqparse/lex"
	"github.com/errdocs/errdocs/internal/printf"
)

// curlArgOptions are the long options of curl that take an argument. Any other option is read
// as a switch, so its neighbour is not swallowed.
var curlArgOptions = makeSet(`abstract-unix-socket alt-svc aws-sigv4 cacert capath cert cert-type
ciphers config connect-timeout connect-to continue-at cookie cookie-jar create-file-mode crlfile
curves data data-ascii data-binary data-raw data-urlencode delegation dns-interface dns-ipv4-addr
dns-ipv6-addr dns-servers doh-url dump-header ech egd-file engine etag-compare etag-save
expect100-timeout form form-string ftp-account ftp-alternative-to-user ftp-method ftp-port
ftp-ssl-ccc-mode happy-eyeballs-timeout-ms haproxy-clientip header hostpubmd5 hostpubsha256 hsts
interface ip-tos ipfs-gateway json keepalive-cnt keepalive-time key key-type krb libcurl
limit-rate local-port login-options mail-auth mail-from mail-rcpt max-filesize max-redirs
max-time netrc-file noproxy oauth2-bearer output output-dir parallel-max pass pinnedpubkey
preproxy proto proto-default proto-redir proxy proxy-cacert proxy-capath proxy-cert
proxy-cert-type proxy-ciphers proxy-crlfile proxy-header proxy-key proxy-key-type proxy-pass
proxy-pinnedpubkey proxy-service-name proxy-tls13-ciphers proxy-tlsauthtype proxy-tlspassword
proxy-tlsuser proxy-user proxy1.0 pubkey quote random-file range rate referer request
request-target resolve retry retry-delay retry-max-time sasl-authzid service-name sigalgs
socks4 socks4a socks5 socks5-gssapi-service socks5-hostname speed-limit speed-time stderr
telnet-option tftp-blksize time-cond tls-max tls13-ciphers tlsauthtype tlspassword tlsuser trace
trace-ascii trace-config unix-socket upload-file url url-query user user-agent variable
vlan-priority write-out`)

// curlShort is the long name of a one-letter curl option, or "" for one this parser does not
// need, such as -s, -v, -L, -k or -i.
func curlShort(c byte) string {
	switch c {
	case 'A':
		return "user-agent"
	case 'b':
		return "cookie"
	case 'c':
		return "cookie-jar"
	case 'C':
		return "continue-at"
	case 'd':
		return "data"
	case 'D':
		return "dump-header"
	case 'e':
		return "referer"
	case 'E':
		return "cert"
	case 'F':
		return "form"
	case 'G':
		return "get"
	case 'H':
		return "header"
	case 'I':
		return "head"
	case 'K':
		return "config"
	case 'm':
		return "max-time"
	case 'o':
		return "output"
	case 'P':
		return "ftp-port"
	case 'Q':
		return "quote"
	case 'r':
		return "range"
	case 't':
		return "telnet-option"
	case 'T':
		return "upload-file"
	case 'u':
		return "user"
	case 'U':
		return "proxy-user"
	case 'w':
		return "write-out"
	case 'x':
		return "proxy"
	case 'X':
		return "request"
	case 'y':
		return "speed-time"
	case 'Y':
		return "speed-limit"
	case 'z':
		return "time-cond"
	}
	return ""
}

func makeSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// curlCmd gathers the options of one curl command.
type curlCmd struct {
	p          *parser
	lx         lex.WordLexer
	method     string
	methodAt   int
	head, get  bool
	upload     string
	data       []dataPiece
	urls       []lex.Word
	extraQuery []string
}

// dataPiece is the argument of one -d, --data-raw, --json or similar option.
type dataPiece struct {
	flag string // the long option name
	val  lex.Mapped
}

// parseCurl reads the curl command that starts at offset at. It returns the offset where the
// text after the command starts.
func (p *parser) parseCurl(at int) (int, bool) {
	r := p.r
	r.Form = "curl"
	r.StartLine = p.Line(at)
	lx := lex.NewWordLexer(p.text, at, p)
	c := &curlCmd{p: p, lx: lx}
	lx.Next() // the word curl itself
	for {
		w, ok := lx.Next()
		if !ok {
			break
		}
		c.word(w)
	}
	end := lx.RestAt()
	r.EndLine = p.Line(max(lx.LastAt(), at))
	if len(c.urls) == 0 {
		return 0, false
	}
	c.build()
	return end, true
}

// word handles one word of the command after "curl".
func (c *curlCmd) word(w lex.Word) {
	s := w.Value.Text
	switch {
	case s == "--":
	case strings.HasPrefix(s, "--"):
		name := s[2:]
		if eq := strings.IndexByte(name, '='); eq > 0 && curlArgOptions[name[:eq]] {
			c.p.note("curl does not accept --%s=value; write --%s followed by the value.", name[:eq], name[:eq])
			c.option(name[:eq], s, w.Value.Slice(2+eq+1), w.Start+2+eq+1)
			return
		}
		name = strings.TrimPrefix(name, "expand-")
		if curlArgOptions[name] {
			arg, ok := c.arg(s)
			if ok {
				c.option(name, s, arg.Value, arg.Start)
			}
			return
		}
		c.option(name, s, lex.Mapped{}, 0)
	case strings.HasPrefix(s, "-") && len(s) > 1:
		for k := 1; k < len(s); k++ {
			name := curlShort(s[k])
			if name == "" {
				continue // a switch this parser does not need, such as -s, -v, -L, -k or -i
			}
			flag := "-" + s[k:k+1]
			if !curlArgOptions[name] {
				c.option(name, flag, lex.Mapped{}, 0)
				continue
			}
			if k+1 < len(s) {
				v := w.Value.Slice(k + 1)
				c.option(name, flag, v, v.SrcAt(0))
				return
			}
			if arg, ok := c.arg(flag); ok {
				c.option(name, flag, arg.Value, arg.Start)
			}
			return
		}
	default:
		if len(c.urls) < maxPositional {
			c.urls = append(c.urls, w)
		}
	}
}

// arg reads the argument of an option.
func (c *curlCmd) arg(flag string) (lex.Word, bool) {
	w, ok := c.lx.Next()
	if !ok {
		c.p.note("The option %s at the end of the command has no argument.", flag)
	}
	return w, ok
}

// option applies one option. flag is the option as written, v its argument and at where the
// argument starts in the paste.
func (c *curlCmd) option(name, flag string, v lex.Mapped, at int) {
	p, r := c.p, c.p.r
	line := p.Line(at)
	switch name {
	case "request":
		if strings.TrimSpace(v.Text) == "" {
			p.note("The method given with %s on line %d is empty; curl then sends its default method.", flag, line)
			break
		}
		c.method, c.methodAt = v.Text, at
	case "header":
		c.header(v, at, "")
	case "data", "data-ascii", "data-binary", "data-raw", "data-urlencode", "json":
		c.data = append(c.data, dataPiece{flag: name, val: v})
	case "form", "form-string":
		c.form(v, line, name == "form-string")
	case "user":
		r.User = v.Text
	case "get":
		c.get = true
	case "head":
		c.head = true
	case "user-agent":
		p.addHeader(Header{Name: "User-Agent", Value: v.Text, Line: line, Flag: flag})
	case "referer":
		p.addHeader(Header{Name: "Referer", Value: strings.TrimSuffix(v.Text, ";auto"), Line: line, Flag: flag})
	case "cookie":
		if strings.Contains(v.Text, "=") {
			p.addHeader(Header{Name: "Cookie", Value: v.Text, Line: line, Flag: flag})
		} else {
			p.note("The cookies come from the file %s, which was not pasted.", printf.Clip(v.Text, 80))
		}
	case "oauth2-bearer":
		p.addHeader(Header{Name: "Authorization", Value: "Bearer " + v.Text, Line: line, Flag: flag})
	case "upload-file":
		c.upload = v.Text
		p.note("The body comes from the file %s (%s), which was not pasted.", printf.Clip(v.Text, 80), flag)
		if r.BodyFile == "" {
			r.BodyFile = v.Text
		}
	case "url":
		if len(c.urls) < maxPositional {
			c.urls = append(c.urls, lex.Word{Value: v, Start: at})
		}
	case "url-query":
		if s, ok := strings.CutPrefix(v.Text, "+"); ok {
			c.extraQuery = append(c.extraQuery, s)
		} else {
			c.extraQuery = append(c.extraQuery, encodeDataPiece(v.Text))
		}
	case "config":
		p.note("Options come from the config file %s, which was not pasted.", printf.Clip(v.Text, 80))
	}
}

// header adds a -H header. "Name;" sends an empty header and "Name:" removes one curl would
// add; both are kept with an empty value.
func (c *curlCmd) header(v lex.Mapped, at int, flag string) {
	p := c.p
	s := v.Text
	if strings.HasPrefix(s, "@") {
		p.note("The headers in %s come from a file that was not pasted.", printf.Clip(s[1:], 80))
		return
	}
	name, value, ok := strings.Cut(s, ":")
	if !ok {
		n, isEmpty := strings.CutSuffix(s, ";")
		if !isEmpty {
			p.note("The header %q has no colon, so curl does not send it.", printf.Clip(s, 60))
			return
		}
		name, value = n, ""
	}
	p.addHeader(Header{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value), Line: p.Line(at), Flag: flag})
}

// form adds a -F field: name=value, name=@file, name=<file, with ;type= and ;filename=.
func (c *curlCmd) form(v lex.Mapped, line int, literal bool) {
	p, r := c.p, c.p.r
	name, val, ok := strings.Cut(v.Text, "=")
	if !ok {
		p.note("The form field %q has no '=', so curl rejects it.", printf.Clip(v.Text, 60))
		return
	}
	if len(r.FormFields) >= maxFormFields {
		p.note("The form has more than %d fields; the rest were not read.", maxFormFields)
		return
	}
	f := FormField{Name: name, Line: line}
	if !literal && (strings.HasPrefix(val, "@") || strings.HasPrefix(val, "<")) {
		parts := strings.Split(val[1:], ";")
		f.File = parts[0]
		for _, part := range parts[1:] {
			if t, ok := strings.CutPrefix(strings.TrimSpace(part), "type="); ok {
				f.Type = t
			}
		}
		p.note("The form field %s comes from the file %s, which was not pasted.", printf.Clip(name, 60), printf.Clip(f.File, 80))
	} else {
		if !literal {
			if i := strings.Index(val, ";type="); i >= 0 {
				val, f.Type = val[:i], val[i+len(";type="):]
			}
		}
		f.Value = val
	}
	r.FormFields = append(r.FormFields, f)
}

// build derives the method, URL, body and content type once every option is read.
func (c *curlCmd) build() {
	p, r := c.p, c.p.r

	// The URL: the first argument that looks like one.
	u := c.urls[0]
	n := 0
	for i := len(c.urls) - 1; i >= 0; i-- {
		if strings.Contains(c.urls[i].Value.Text, "://") {
			u = c.urls[i]
			n++
		}
	}
	if n > 1 {
		p.note("The command names %d URLs; only the first, %s, is read.", n, printf.Clip(u.Value.Text, 80))
	}
	r.URL = unglob(u.Value.Text)
	r.URLLine = p.Line(u.Src())

	// The data, joined as curl joins it.
	b := lex.NewTextBuilder(p.text)
	hasData, hasJSON := false, false
	prevJSON := false
	for i, d := range c.data {
		hasData = true
		piece, file := c.dataValue(d)
		if d.flag == "json" {
			hasJSON = true
		}
		if file != "" {
			if in, ok := c.lx.Stdin(); ok && file == "-" {
				piece = in
				if d.flag == "data" || d.flag == "data-ascii" {
					piece = stripLineEnds(in)
				}
			} else {
				if r.BodyFile == "" {
					r.BodyFile = file
				}
				if file == "-" {
					p.note("The body comes from standard input, which was not pasted.")
				} else {
					p.note("The body comes from %s, which was not pasted.", printf.Clip(file, 80))
				}
				prevJSON = d.flag == "json"
				continue
			}
		}
		if i > 0 && b.Len() > 0 && !(d.flag == "json" && prevJSON) {
			b.AddAt("&", piece.SrcAt(0))
		}
		b.AddMapped(piece)
		if b.Len() == 0 && len(piece.Segs) > 0 {
			b.NewSeg(piece.Segs[0].Src)
		}
		prevJSON = d.flag == "json"
	}

	// The method.
	switch {
	case c.method != "":
		if c.method != strings.ToUpper(c.method) {
			p.note("curl sends the method %q exactly as written; methods are case-sensitive and servers expect %q.",
				printf.Clip(c.method, 20), printf.Clip(strings.ToUpper(c.method), 20))
		}
		r.Method = strings.ToUpper(c.method)
		r.MethodLine = p.Line(c.methodAt)
	case c.head:
		r.Method = "HEAD"
	case c.get:
		r.Method = "GET"
	case hasData || len(r.FormFields) > 0:
		r.Method = "POST"
	case c.upload != "":
		r.Method = "PUT"
	default:
		r.Method = "GET"
	}

	// The body, or the query for -G.
	if c.get && hasData {
		c.extraQuery = append([]string{b.Done().Text}, c.extraQuery...)
		p.note("With -G curl sends the data in the query string, not in a body.")
	} else if hasData {
		p.body = b.Done()
		p.hasBody = true
	}
	p.extraQuery = c.extraQuery

	// The content type.
	switch ct, ok := r.Header("Content-Type"); {
	case ok:
		r.ContentType = ct
	case len(r.FormFields) > 0:
		r.ContentType = "multipart/form-data"
	case hasJSON && !c.get:
		r.ContentType = "application/json"
	case hasData && !c.get:
		r.ContentType = "application/x-www-form-urlencoded"
	}
}

// dataValue returns the text a data option sends, or the file it reads.
func (c *curlCmd) dataValue(d dataPiece) (lex.Mapped, string) {
	v := d.val
	switch d.flag {
	case "data-raw":
		return v, ""
	case "data-urlencode":
		c.p.note("--data-urlencode encodes its value; the body holds it as curl sends it.")
		s := v.Text
		i := strings.IndexAny(s, "=@")
		switch {
		case i >= 0 && s[i] == '@':
			return lex.Mapped{}, s[i+1:]
		case i > 0:
			b := lex.NewBuilder()
			b.AddMapped(lex.Mapped{Text: s[:i+1], Segs: v.Segs})
			b.AddAt(escapeQuery(s[i+1:]), v.SrcAt(i+1))
			return b.Done(), ""
		case i == 0:
			s = s[1:]
			b := lex.NewBuilder()
			b.AddAt(escapeQuery(s), v.SrcAt(1))
			return b.Done(), ""
		default:
			b := lex.NewBuilder()
			b.AddAt(escapeQuery(s), v.SrcAt(0))
			return b.Done(), ""
		}
	default:
		if f, ok := strings.CutPrefix(v.Text, "@"); ok {
			return lex.Mapped{}, f
		}
		return v, ""
	}
}

// encodeDataPiece encodes a --url-query or --data-urlencode piece: "name=value" encodes the
// value, "=value" and "value" encode all.
func encodeDataPiece(s string) string {
	if i := strings.IndexByte(s, '='); i > 0 {
		return s[:i+1] + escapeQuery(s[i+1:])
	} else if i == 0 {
		return escapeQuery(s[1:])
	}
	return escapeQuery(s)
}

// stripLineEnds drops CR and LF, as curl -d does with what it reads from a file.
func stripLineEnds(m lex.Mapped) lex.Mapped {
	if !strings.ContainsAny(m.Text, "\r\n") {
		return m
	}
	b := lex.NewBuilder()
	for k, sg := range m.Segs {
		end := len(m.Text)
		if k+1 < len(m.Segs) {
			end = m.Segs[k+1].Off
		}
		for i := sg.Off; i < end; i++ {
			if m.Text[i] != '\r' && m.Text[i] != '\n' {
				b.Add(m.Text[i], sg.Src+i-sg.Off)
			}
		}
	}
	return b.Done()
}

// unglob undoes the backslashes DevTools puts before [ ] { } in URLs so that curl does not
// glob them.
func unglob(u string) string {
	if !strings.Contains(u, `\`) {
		return u
	}
	r := strings.NewReplacer(`\[`, "[", `\]`, "]", `\{`, "{", `\}`, "}")
	return r.Replace(u)
}
