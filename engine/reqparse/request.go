package reqparse

import (
	"strings"
	"unicode/utf8"

	"github.com/errdocs/errdocs/engine/reqparse/lex"
	"github.com/errdocs/errdocs/internal/printf"
)

// Request is one HTTP request read from a paste.
type Request struct {
	// Form is how the request was written: "curl", "http", "fetch" or "httpie".
	Form string
	// Method is the HTTP method in upper case. When the paste does not name one it is inferred:
	// curl sends GET, POST when data is given, HEAD for -I and PUT for -T; fetch sends GET.
	Method string
	// MethodLine is the line of the paste that names the method; 0 when it was inferred.
	MethodLine int
	// URL is the URL as written. For a raw HTTP request whose target is a path, it is built as
	// "https://" + the Host header + the target when a Host header exists.
	URL string
	// URLLine is the line of the paste that holds the URL.
	URLLine int
	// Host is the host name in lower case, without the port; "" when the URL names none or
	// names it through a variable.
	Host string
	// Path is the URL's path without the query, as written; "/" when the URL has none.
	Path string
	// Query holds the query parameters, decoded. For curl -G it includes the data.
	Query map[string][]string
	// Proto is the protocol of a raw HTTP request line, such as "HTTP/1.1"; "" otherwise.
	Proto string
	// Headers lists the request headers in order, with names as written. For curl it holds the
	// -H headers and those set by -A, -e, -b and --oauth2-bearer (see Header.Flag), but not the
	// ones curl adds by itself, such as the Content-Type that -d or --json imply: ContentType
	// gives the effective one.
	Headers []Header
	// Body is the body text as sent: the data of curl's -d, --data-raw, --json and the like
	// (several joined as curl joins them), the string literal given to fetch or the JSON text of
	// the object given to JSON.stringify, or the text after the blank line of a raw request.
	Body string
	// BodyLine and BodyCol give where the body's first character sits in the paste, 1-based;
	// both are 0 when there is no body.
	BodyLine, BodyCol int
	// BodyFile names the file a body was read from (curl -d @payload.json), which was not
	// pasted; "-" for standard input. Body then holds only the parts that were pasted.
	BodyFile string
	// ContentType is the effective Content-Type: the explicit header when there is one, else
	// what the tool implies: for curl, application/x-www-form-urlencoded for -d,
	// application/json for --json and multipart/form-data for -F; for fetch,
	// text/plain;charset=UTF-8 for a string body, application/x-www-form-urlencoded;charset=UTF-8
	// for URLSearchParams and multipart/form-data for FormData.
	ContentType string
	// FormFields lists the -F fields of a curl command. (The brief's field name Form is taken by
	// the form of the request.)
	FormFields []FormField
	// User is curl's -u user:password, or the user information of the URL, raw.
	User string
	// Unresolved lists the places in Body that hold a JavaScript expression the parser could not
	// evaluate, such as user.email in JSON.stringify({email: user.email}). A checker should not
	// judge the value found there.
	Unresolved []Unresolved
	// Notes says, in full sentences, what the parser noticed: unseen files, variables kept as
	// written, and places where a shell or a browser would read the paste differently.
	Notes []string
	// StartLine and EndLine are the 1-based lines of the paste the request spans.
	StartLine, EndLine int

	// bodyMap maps byte offsets in Body to positions in the paste, which paste holds.
	bodyMap []bodySeg
	paste   string
}

// Header is one request header.
type Header struct {
	Name, Value string
	// Line is the 1-based line of the paste that holds the header.
	Line int
	// Flag is the curl option that set the header when it was not -H, such as "-A" for
	// User-Agent or "--oauth2-bearer" for Authorization; "" otherwise.
	Flag string
}

// FormField is one field of a multipart form given with curl -F or --form-string.
type FormField struct {
	Name  string
	Value string
	// File is the file the value comes from (-F name=@file or name=<file); "" for a value
	// given inline.
	File string
	// Type is the content type given with ;type=, or "".
	Type string
	Line int
}

// Unresolved is a JavaScript expression inside a converted body that the parser kept as a
// string because it could not evaluate it.
type Unresolved struct {
	// Pointer is the JSON pointer of the value in Body, such as "/email"; "" when the expression
	// sits inside a string body rather than at a JSON value of its own.
	Pointer string
	// Expr is the expression as written.
	Expr string
	// Offset is the byte offset in Body where the value or the expression starts.
	Offset int
}

// Header returns the value of the first header named name, compared without regard to case,
// and whether there was one.
func (r *Request) Header(name string) (string, bool) {
	if r == nil {
		return "", false
	}
	for _, h := range r.Headers {
		if strings.EqualFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

// Parse finds one request in text. It reads the request that starts the paste, after blank lines
// and a shell prompt; failing that, it looks for a line further down that starts one, such as a
// curl command after a sentence of prose. It returns ok=false when the text holds no request.
func Parse(text string) (r *Request, ok bool) {
	if r, _, _, ok := ParsePrefix(text); ok {
		return r, true
	}
	tries := 0
	start := lex.SkipBlankLines(text, skipBOM(text))
	for i := lex.NextLine(text, start); i < len(text) && tries < maxLaterTries; i = lex.NextLine(text, i) {
		if k, _ := classifyLine(text, i, false); k != kindNone {
			tries++
			if r, _, _, ok := parseAt(text, i); ok {
				return r, true
			}
		}
	}
	return nil, false
}

// ParsePrefix reads the request that starts text (after blank lines and a shell prompt) and
// returns what follows it: rest is the remainder of text after the request, and restLine the
// 1-based line of text where rest starts. Use it for a curl command followed by its response, a
// request followed by a response, or a curl -v transcript, whose "> " lines are the request.
func ParsePrefix(text string) (r *Request, rest string, restLine int, ok bool) {
	return parseAt(text, lex.SkipBlankLines(text, skipBOM(text)))
}

// Detect reports whether text starts, after blank lines and a shell prompt such as "$ ", with a
// request: a curl command, a raw HTTP request line such as "POST /v1/track HTTP/1.1", HTTP/2
// pseudo headers, the "> " request lines of a curl -v transcript, or a fetch( call. It looks at
// the first lines only.
func Detect(text string) bool {
	k, _ := classifyLine(text, lex.SkipBlankLines(text, skipBOM(text)), true)
	return k != kindNone
}

// BodyPosition maps a byte offset inside r.Body to the 1-based line and column of the paste
// where that byte was written. Offsets past the end of the body map to the position after its
// last byte. It returns 0, 0 when the request has no body from the paste. In a body with more
// than 65,536 escapes or converted tokens the map is cut short, and offsets past the cut map to
// where it ends.
func BodyPosition(r *Request, offset int) (line, col int) {
	if r == nil || len(r.bodyMap) == 0 {
		return 0, 0
	}
	if offset > len(r.Body) {
		offset = len(r.Body)
	}
	if offset < 0 {
		offset = 0
	}
	// Find the last segment that starts at or before offset.
	lo, hi := 0, len(r.bodyMap)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if r.bodyMap[mid].off <= offset {
			lo = mid
		} else {
			hi = mid
		}
	}
	s := r.bodyMap[lo]
	if s.line == 0 && lo > 0 {
		// The map was capped: give the last position it knows.
		return r.bodyMap[lo-1].line, r.bodyMap[lo-1].col
	}
	if s.off > offset || s.off > len(r.Body) {
		return s.line, s.col
	}
	// Within a seg, body bytes come from consecutive paste bytes, but not always the same
	// ones: an escape such as \n puts a newline in the body where the paste has a backslash,
	// and text errdocs adds (a quote, JSON.stringify's output) has no paste bytes of its own.
	// So the position moves over the paste's bytes, not the body's, and never past the paste.
	if s.src < 0 || s.src > len(r.paste) {
		return s.line, s.col
	}
	return advanceText(s.line, s.col, r.paste[s.src:min(s.src+offset-s.off, len(r.paste))])
}

// Limits that keep time and memory bounded on any paste.
const (
	maxHeaders    = 1000
	maxQuery      = 1000
	maxFormFields = 1000
	maxNotes      = 40
	maxDepth      = 400
	maxLaterTries = 8
	maxPositional = 16
	maxUnresolved = 200
	detectWindow  = 64 << 10
)

// kind is the form of request a line starts.
type kind int

const (
	kindNone   kind = iota
	kindCurl        // a curl command
	kindHTTP        // a raw request line
	kindTrace       // "> " request lines of curl -v
	kindPseudo      // HTTP/2 pseudo headers
	kindFetch       // JavaScript around a fetch( call
	kindHTTPie      // an httpie (http, https, xh) command
)

// parseAt reads the request that starts at offset i of text.
func parseAt(text string, i int) (*Request, string, int, bool) {
	k, at := classifyLine(text, i, true)
	if k == kindNone {
		return nil, "", 0, false
	}
	p := newParser(text)
	var end int
	var ok bool
	switch k {
	case kindCurl:
		end, ok = p.parseCurl(at)
	case kindHTTP, kindTrace, kindPseudo:
		end, ok = p.parseHTTP(at, k)
	case kindFetch:
		end, ok = p.parseFetch(at)
	case kindHTTPie:
		end, ok = p.parseHTTPie(at)
	}
	if !ok {
		return nil, "", 0, false
	}
	p.finish()
	if end > len(text) {
		end = len(text)
	}
	restLine := p.loc.lineOf(end)
	if p.r.EndLine < p.r.StartLine {
		p.r.EndLine = p.r.StartLine
	}
	return p.r, text[end:], restLine, true
}

// parser holds what every form's parser shares: the paste, a position finder, the request
// being built and its notes.
type parser struct {
	text  string
	loc   locator
	r     *Request
	noted map[string]bool
	body  lex.Mapped // the body being assembled, with its map to the paste
	// hasBody says the body came from the paste (possibly empty).
	hasBody bool
	// extraQuery holds query strings added to the URL's own, such as curl -G's data.
	extraQuery []string
	// headersCapped says the header cap was reached and noted.
	headersCapped bool
}

func newParser(text string) *parser {
	return &parser{text: text, loc: newLocator(text), r: &Request{}}
}

// note adds a note once; the number of notes is capped.
func (p *parser) note(format string, args ...any) {
	if len(p.r.Notes) >= maxNotes {
		return
	}
	p.AddNote(printf.Sprintf(format, args...))
}

// AddNote adds the note s once; the number of notes is capped. With Line, it makes the
// parser the lex.Notes of the lexers it runs.
func (p *parser) AddNote(s string) {
	if p.noted == nil {
		p.noted = map[string]bool{}
	}
	if p.noted[s] || len(p.r.Notes) >= maxNotes {
		return
	}
	p.noted[s] = true
	p.r.Notes = append(p.r.Notes, s)
}

// Line returns the 1-based line of byte offset off in the paste.
func (p *parser) Line(off int) int { return p.loc.lineOf(off) }

// addHeader appends a header unless the cap is reached.
func (p *parser) addHeader(h Header) {
	if len(p.r.Headers) >= maxHeaders {
		if !p.headersCapped {
			p.headersCapped = true
			p.note("The request has more than %d headers; the rest were not read.", maxHeaders)
		}
		return
	}
	p.r.Headers = append(p.r.Headers, h)
}

// finish fills what every form derives the same way: host, path and query from the URL, and the
// body's positions.
func (p *parser) finish() {
	r := p.r
	u := splitURL(r.URL)
	r.Host = u.host
	r.Path = u.path
	if r.User == "" && u.user != "" {
		r.User = u.user
	}
	p.addQuery(u.query)
	for _, q := range p.extraQuery {
		p.addQuery(q)
	}
	if p.hasBody && p.body.Text != "" {
		r.Body = p.body.Text
		r.bodyMap = make([]bodySeg, 0, len(p.body.Segs))
		for _, s := range p.body.Segs {
			if s.Src < 0 {
				r.bodyMap = append(r.bodyMap, bodySeg{off: s.Off, src: -1}) // unknown from here on
				break
			}
			l, c := p.loc.pos(s.Src)
			r.bodyMap = append(r.bodyMap, bodySeg{off: s.Off, line: l, col: c, src: s.Src})
		}
		r.paste = p.text
		r.BodyLine, r.BodyCol = BodyPosition(r, 0)
	}
}

// addQuery adds the parameters of a query string to the request's Query.
func (p *parser) addQuery(q string) {
	if q == "" {
		return
	}
	for q != "" {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		if pair == "" {
			continue
		}
		if p.r.Query == nil {
			p.r.Query = map[string][]string{}
		}
		if len(p.r.Query) >= maxQuery {
			p.note("The query has more than %d parameters; the rest were not read.", maxQuery)
			return
		}
		k, v, _ := strings.Cut(pair, "=")
		k, v = UnescapeQuery(k), UnescapeQuery(v)
		if vs := p.r.Query[k]; len(vs) < maxQuery {
			p.r.Query[k] = append(vs, v)
		}
	}
}

// urlParts is a URL taken apart leniently.
type urlParts struct {
	host, path, query, user string
}

// splitURL takes a URL apart as written: absolute ("https://host/p?q"), scheme-less as curl
// accepts it ("host/p"), or a bare path ("/p?q"). A host written through a variable
// ("${BASE}/p" or "$HOST/p") is left empty.
func splitURL(u string) urlParts {
	var out urlParts
	u = strings.TrimSpace(u)
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u, out.query = u[:i], u[i+1:]
	}
	rest := u
	authority := ""
	switch {
	case strings.HasPrefix(rest, "/") && !strings.HasPrefix(rest, "//"):
		// A path only.
	case strings.HasPrefix(rest, "${"):
		// A template expression for the origin: skip to its closing brace.
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			return urlParts{path: "/", query: out.query}
		}
		rest = rest[j+1:]
		if k := strings.IndexByte(rest, '/'); k >= 0 {
			rest = rest[k:]
		} else {
			rest = ""
		}
		authority = "$"
	default:
		if i := strings.Index(rest, "://"); i >= 0 && !strings.ContainsAny(rest[:i], "/") {
			rest = rest[i+3:]
		} else {
			rest = strings.TrimPrefix(rest, "//")
		}
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			j = len(rest)
		}
		authority, rest = rest[:j], rest[j:]
	}
	out.path = rest
	if out.path == "" {
		out.path = "/"
	}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		out.user, authority = authority[:at], authority[at+1:]
	}
	if strings.ContainsAny(authority, "${}%") {
		return out
	}
	out.host = hostOnly(authority)
	return out
}

// hostOnly lower-cases a host[:port] and drops the port and IPv6 brackets.
func hostOnly(hp string) string {
	hp = strings.TrimSpace(hp)
	if strings.HasPrefix(hp, "[") {
		if j := strings.IndexByte(hp, ']'); j >= 0 {
			return strings.ToLower(hp[1:j])
		}
		return strings.ToLower(hp[1:])
	}
	if i := strings.LastIndexByte(hp, ':'); i >= 0 {
		hp = hp[:i]
	}
	return strings.ToLower(hp)
}

// UnescapeQuery decodes %XX escapes and '+' as a space, keeping malformed escapes as written.
func UnescapeQuery(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && lex.IsHex(s[i+1]) && lex.IsHex(s[i+2]):
			b = append(b, lex.Unhex(s[i+1])<<4|lex.Unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// escapeQuery percent-encodes everything but unreserved characters, as curl --data-urlencode
// does.
func escapeQuery(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if lex.IsAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// knownMethods are the methods a raw request line may start with.
var knownMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE"}

// isMethod reports whether s is a known HTTP method in any case.
func isMethod(s string) bool {
	for _, m := range knownMethods {
		if strings.EqualFold(s, m) {
			return true
		}
	}
	return false
}

// bodySeg is a seg resolved to a line and column; src is the seg's paste offset, -1 when
// unknown.
type bodySeg struct{ off, line, col, src int }

// advanceText moves a line and column past the text s. Columns count characters: a UTF-8
// sequence, or an invalid byte, is one column.
func advanceText(line, col int, s string) (int, int) {
	n := strings.Count(s, "\n")
	if n == 0 {
		return line, col + utf8.RuneCountInString(s)
	}
	last := strings.LastIndexByte(s, '\n')
	return line + n, 1 + utf8.RuneCountInString(s[last+1:])
}

// locator turns byte offsets of the paste into lines and columns. It remembers where it last
// was, so offsets asked for in increasing order cost time linear in the paste, and it counts
// columns only when asked for one.
type locator struct {
	text      string
	off       int // the offset it is at
	line      int // the line of off
	lineStart int // where that line starts
	colOff    int // an offset on the line whose column is known…
	col       int // …and that column
}

func newLocator(text string) locator { return locator{text: text, line: 1, col: 1} }

// seek moves to offset off.
func (l *locator) seek(off int) {
	off = max(0, min(off, len(l.text)))
	if off >= l.off {
		d := l.text[l.off:off]
		if n := strings.Count(d, "\n"); n > 0 {
			l.line += n
			l.lineStart = l.off + strings.LastIndexByte(d, '\n') + 1
		}
	} else {
		l.line -= strings.Count(l.text[off:l.off], "\n")
		l.lineStart = strings.LastIndexByte(l.text[:off], '\n') + 1
	}
	l.off = off
}

// lineOf returns the 1-based line of byte offset off.
func (l *locator) lineOf(off int) int {
	l.seek(off)
	return l.line
}

// pos returns the 1-based line and column of byte offset off.
func (l *locator) pos(off int) (line, col int) {
	l.seek(off)
	if l.colOff < l.lineStart || l.colOff > l.off {
		l.colOff, l.col = l.lineStart, 1
	}
	l.col += utf8.RuneCountInString(l.text[l.colOff:l.off])
	l.colOff = l.off
	return l.line, l.col
}
