package engine

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/errdocs/errdocs/engine/reqparse"
	"github.com/errdocs/errdocs/engine/unwrap"
	"github.com/errdocs/errdocs/internal/ascii"
	"github.com/errdocs/errdocs/internal/jsonx"
	"github.com/errdocs/errdocs/internal/lazyre"
)

// Step 1: read the paste. People paste whatever their tool showed them: a bare body, a raw
// response, curl -i or curl -v output, the curl command and then its answer, a log line or a
// traceback with JSON in it, a proxy's HTML page. read finds in all of these the request, if any,
// and the response: status line, headers and body, each with its place in the paste.

// MaxPaste is the most of a paste that is read. Beyond it the rest is ignored, with a warning.
const MaxPaste = 16 << 20

type header struct {
	name, value string
	line        int
}

// response is the response part of a paste.
type response struct {
	// proto and status come from a status line; statusLine is its line (0 if there is none).
	proto      string
	status     int
	reason     string
	statusLine int
	headers    []header
	// body is the body text and bodyOff its byte offset in the paste. decoded says the body was
	// decoded from what the paste shows (an escaped string in a log line), so offsets into it
	// do not point into the paste; edited, that bytes were blanked in place (they still do).
	body            string
	bodyOff         int
	decoded, edited bool
}

// at is the paste's offset of offset off in the body: the body's start when it was decoded.
func (r *response) at(off int) int {
	if r.decoded {
		return r.bodyOff
	}
	return r.bodyOff + off
}

func (r *response) header(name string) (string, bool) {
	for _, h := range r.headers {
		if strings.EqualFold(h.name, name) {
			return h.value, true
		}
	}
	return "", false
}

// paste is a read paste.
type paste struct {
	text  string
	lines []int // byte offset of each line's start
	// form is how the response was found: "http", "curl -v", "log", "body", "html", "text".
	form string
	req  *reqparse.Request
	// reqText is the exact text req was read from; its line reqLine0+1 is the paste's line 1
	// plus reqLine0, and reqCol0 columns were cut from each of its lines (curl -v's "> ").
	reqText           string
	reqLine0, reqCol0 int
	resp              *response
	// statusHint is a status read from log or traceback text around the body.
	statusHint int
	// urls are the URLs the paste mentions, for evidence.
	urls     []string
	problems []Problem
}

// pos maps a byte offset in the paste to a 1-based line and column (in runes).
func (p *paste) pos(off int) (line, col int) {
	if off < 0 {
		return 0, 0
	}
	if off > len(p.text) {
		off = len(p.text)
	}
	i := sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, utf8.RuneCountInString(p.text[p.lines[i]:off]) + 1
}

// lineAt returns the 1-based line holding byte offset off.
func (p *paste) lineAt(off int) int {
	l, _ := p.pos(off)
	return l
}

func (p *paste) warn(sev, msg string, off int) {
	pr := Problem{Severity: sev, Message: msg}
	if off >= 0 {
		pr.Line, pr.Column = p.pos(off)
	}
	p.problems = append(p.problems, pr)
}

var (
	statusLineRE = lazyre.New(`(?m)^[ \t]*(?:< )?(HTTP/[0-9](?:\.[0-9])?)[ \t]+([1-5][0-9][0-9])\b[ \t]*([^\r\n]*)`)
)

// read reads text. It never fails: what it cannot make sense of becomes a problem.
func read(text string) *paste {
	p := &paste{}
	if len(text) > MaxPaste {
		cut := MaxPaste
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
		p.problems = append(p.problems, Problem{Severity: "warning",
			Message: "The paste is larger than 16 MB; only its first 16 MB were read."})
	}
	text, strip := unwrap.Strip(text)
	if strip != nil {
		p.problems = append(p.problems, Problem{Severity: strip.Severity, Message: strip.Message})
	}
	p.text = text
	p.lines = append(p.lines, 0)
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		p.lines = append(p.lines, i)
	}
	if strings.TrimSpace(text) == "" {
		p.form = "empty"
		return p
	}
	if binary(text) {
		p.form = "binary"
		p.warn("error", "The paste looks like binary data, not text: paste the response as text (for example curl -i output, or the body from your HTTP client).", -1)
		return p
	}
	if !utf8.ValidString(text) {
		i := firstInvalidUTF8(text)
		p.warn("warning", "The paste has bytes that are not valid UTF-8; they were read as U+FFFD.", i)
	}
	p.urls = unwrap.URLs(text)

	switch x := unwrap.Find(text); {
	case x != nil:
		p.readExchange(x)
	case isCurlVerbose(text):
		p.readCurlVerbose()
	default:
		if m := lastStatusLine(text); m != nil {
			p.readHTTP(m)
		} else if x := unwrap.FindDump(text); x != nil {
			p.readExchange(x)
		} else {
			p.readLoose(0)
		}
	}
	if r := p.resp; r != nil {
		c := unwrap.CleanBody(r.body)
		for _, n := range c.Notes {
			p.warn(n.Severity, n.Message, r.at(n.Off))
		}
		r.body, r.bodyOff = c.Text, min(r.bodyOff+c.Skip, len(text))
		r.decoded, r.edited = r.decoded || c.Decoded, c.Edited
	}
	return p
}

// readExchange takes the exchange a tool printed, as package unwrap found it.
func (p *paste) readExchange(x *unwrap.Exchange) {
	p.form = "tool"
	r := &response{status: x.Status, reason: x.Reason, body: x.Body, bodyOff: x.BodyOff, decoded: x.Decoded}
	r.statusLine = p.lineAt(x.StatusOff) // 0, no line, for -1
	if x.BodyOff < 0 {
		r.bodyOff = len(p.text)
	}
	for _, h := range x.Headers {
		r.headers = append(r.headers, header{name: h.Name, value: h.Value, line: p.lineAt(h.Off)})
	}
	for _, n := range x.Notes {
		p.warn(n.Severity, n.Message, n.Off)
	}
	if x.URL != "" && !slices.Contains(p.urls, x.URL) {
		p.urls = append(p.urls, x.URL)
	}
	p.resp = r
}

// lastStatusLine finds the status line of the final response: curl -i -L and 100 Continue print
// several, and the last one holds the body.
func lastStatusLine(text string) []int {
	var last []int
	for off, n := 0, 0; n < 64; n++ {
		j := strings.Index(text[off:], "HTTP/")
		if j < 0 {
			break
		}
		at := off + j
		off = at + 5
		// The status line starts its line, after at most some blanks and curl's "< ".
		ls := strings.LastIndexByte(text[:at], '\n') + 1
		if at-ls > 8 {
			continue
		}
		le := strings.IndexByte(text[at:], '\n')
		if le < 0 {
			le = len(text)
		} else {
			le += at
		}
		if m := statusLineRE().FindStringSubmatchIndex(text[ls:le]); m != nil {
			for i := range m {
				if m[i] >= 0 {
					m[i] += ls
				}
			}
			last = m
		}
	}
	return last
}

// readHTTP reads a response from its status line m on; what comes before it may be a request.
func (p *paste) readHTTP(m []int) {
	text := p.text
	p.form = "http"
	r := &response{proto: text[m[2]:m[3]], reason: strings.TrimSpace(text[m[6]:m[7]]), statusLine: p.lineAt(m[0])}
	r.status, _ = strconv.Atoi(text[m[4]:m[5]])
	p.resp = r
	if before := text[:m[0]]; strings.TrimSpace(before) != "" {
		p.readRequest(before)
	}
	// Headers run to the first blank line.
	off := m[1]
	if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
		off += i + 1
	} else {
		off = len(text)
	}
	for off < len(text) {
		end := strings.IndexByte(text[off:], '\n')
		next := len(text)
		ln := text[off:]
		if end >= 0 {
			ln = text[off : off+end]
			next = off + end + 1
		}
		ln = strings.TrimRight(ln, "\r")
		trimmed := strings.TrimPrefix(ln, "< ")
		if strings.TrimSpace(trimmed) == "" {
			off = next
			break
		}
		name, value, ok := strings.Cut(trimmed, ":")
		if !ok || strings.ContainsAny(strings.TrimSpace(name), " \t{[\"") || strings.TrimSpace(name) == "" {
			// Not a header: the body started without a blank line (some tools drop it).
			break
		}
		r.headers = append(r.headers, header{name: strings.TrimSpace(name), value: strings.TrimSpace(value), line: p.lineAt(off)})
		off = next
	}
	r.body, r.bodyOff = text[off:], off
}

// readRequest reads the request that precedes a response, if there is one.
func (p *paste) readRequest(text string) {
	if !reqparse.Detect(text) {
		return
	}
	if req, ok := reqparse.Parse(text); ok {
		p.req, p.reqText = req, text
	}
}

// readLoose handles a paste with no status line: a request and maybe its body, a log line or
// traceback, or a bare body.
func (p *paste) readLoose(from int) {
	text := p.text[from:]
	if reqparse.Detect(text) {
		req, rest, _, ok := reqparse.ParsePrefix(text)
		if ok {
			p.req, p.reqText, p.reqLine0 = req, text, p.lineAt(from)-1
			if strings.TrimSpace(rest) == "" {
				p.form = "request"
				return
			}
			from += len(text) - len(rest)
			text = p.text[from:]
		}
	}
	r := &response{}
	p.resp = r
	body := strings.TrimLeft(text, " \t\r\n")
	off := from + len(text) - len(body)
	switch {
	case looksHTML(body):
		p.form = "html"
		r.body, r.bodyOff = body, off
		return
	case strings.HasPrefix(body, "{") || strings.HasPrefix(body, "["):
		p.form = "body"
		r.body, r.bodyOff = body, off
		return
	}
	// A log line, a traceback or prose: look for JSON inside it and a status around it.
	p.statusHint, _ = unwrap.Status(text)
	if i, ok := findEmbeddedJSON(text); ok {
		p.form = "log"
		r.body, r.bodyOff = text[i:], from+i
		return
	}
	if i := ascii.IndexFold(text, "<html"); i >= 0 {
		p.form = "html"
		r.body, r.bodyOff = text[i:], from+i
		return
	}
	p.form = "text"
	r.body, r.bodyOff = body, off
}

// findEmbeddedJSON finds the first '{' in text where a JSON object of at least one member starts.
func findEmbeddedJSON(text string) (int, bool) {
	for i, tries := 0, 0; i < len(text) && tries < 64; tries++ {
		j := strings.IndexByte(text[i:], '{')
		if j < 0 {
			return 0, false
		}
		i += j
		n, _, _, err := jsonx.Parse(text[i:])
		if n != nil && n.Kind == jsonx.Object && len(n.Vals) > 0 && (err == nil || n.Cut) {
			return i, true
		}
		if pythonish(text[i:]) {
			if n, _ := parsePythonRepr(text[i:]); n != nil && len(n.Vals) > 0 {
				return i, true
			}
		}
		i++
	}
	return 0, false
}

// pythonish reports whether s starts like a value printed by Python, Node or Ruby rather than
// JSON: {'key': …}, { key: … }, {:key=>…}.
func pythonish(s string) bool {
	s = strings.TrimLeft(strings.TrimPrefix(s, "{"), " \n")
	return len(s) < len(strings.TrimSpace(s))+2 && s != "" && (s[0] == '\'' || s[0] == ':' || s[0] == '_' || s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}

// parsePythonRepr reads the object at the start of s as package unwrap reads a printed value.
var parsePythonRepr = unwrap.Literal

// isCurlVerbose reports whether text is curl -v output: "> " request lines and "< " response
// lines.
func isCurlVerbose(text string) bool {
	hasOut, hasIn := false, false
	n := 0
	for ln := range strings.Lines(text) {
		if n++; n > 400 {
			break
		}
		switch {
		case strings.HasPrefix(ln, "> "):
			hasOut = true
		case strings.HasPrefix(ln, "< HTTP/"):
			hasIn = true
		}
		if hasOut && hasIn {
			return true
		}
	}
	return false
}

// readCurlVerbose reads curl -v output: "*" lines are curl's notes, "> " lines the request it
// sent, "< " lines the response head, and the body follows.
func (p *paste) readCurlVerbose() {
	p.form = "curl -v"
	text := p.text
	var reqLines []string
	reqStart, headEnd, statusOff := -1, -1, -1
	off := 0
	for ln := range strings.Lines(text) {
		l := strings.TrimRight(ln, "\r\n")
		switch {
		case strings.HasPrefix(l, "> ") || l == ">":
			if reqStart < 0 {
				reqStart = off
			}
			reqLines = append(reqLines, strings.TrimPrefix(strings.TrimPrefix(l, ">"), " "))
		case strings.HasPrefix(l, "< ") || l == "<":
			if strings.HasPrefix(l, "< HTTP/") {
				statusOff = off
			}
			headEnd = off + len(ln)
		}
		off += len(ln)
	}
	// The command itself, when it was pasted above the transcript, has the body; the "> "
	// lines do not.
	if reqStart > 0 {
		p.readRequest(text[:reqStart])
	}
	if p.req == nil && len(reqLines) > 0 {
		joined := strings.Join(reqLines, "\n")
		if req, ok := reqparse.Parse(joined); ok {
			p.req, p.reqText, p.reqLine0, p.reqCol0 = req, joined, p.lineAt(reqStart)-1, 2
		}
	}
	var m []int
	if statusOff >= 0 {
		m = statusLineRE().FindStringSubmatchIndex(text[statusOff:min(len(text), max(headEnd, statusOff))])
	}
	if m == nil {
		// "< HTTP/" without a status: not a transcript after all.
		p.form, p.req, p.reqText, p.reqLine0, p.reqCol0 = "", nil, "", 0, 0
		p.readLoose(0)
		return
	}
	r := &response{proto: text[statusOff+m[2] : statusOff+m[3]], reason: strings.TrimSpace(text[statusOff+m[6] : statusOff+m[7]]), statusLine: p.lineAt(statusOff)}
	r.status, _ = strconv.Atoi(text[statusOff+m[4] : statusOff+m[5]])
	off = statusOff
	for ln := range strings.Lines(text[statusOff:headEnd]) {
		l := strings.TrimRight(ln, "\r\n")
		if name, value, ok := strings.Cut(strings.TrimPrefix(l, "< "), ":"); ok && strings.HasPrefix(l, "< ") && !strings.HasPrefix(l, "< HTTP/") {
			r.headers = append(r.headers, header{name: strings.TrimSpace(name), value: strings.TrimSpace(value), line: p.lineAt(off)})
		}
		off += len(ln)
	}
	// The body follows the response head. curl's own lines ("* …", "{ [5 bytes data]") may come
	// before it, and its closing note ("* Connection #0 … left intact") after it.
	bodyOff := headEnd
	for ln := range strings.Lines(text[headEnd:]) {
		l := strings.TrimSpace(ln)
		if l == "" || strings.HasPrefix(l, "* ") || strings.HasPrefix(l, "{ [") || strings.HasPrefix(l, "} [") {
			bodyOff += len(ln)
			continue
		}
		break
	}
	body := text[bodyOff:]
	if i := strings.Index(body, "\n* "); i >= 0 {
		body = body[:i+1]
	}
	r.body, r.bodyOff = body, bodyOff
	p.resp = r
}

func looksHTML(s string) bool {
	head := strings.ToLower(clipBytes(s, 512))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.HasPrefix(head, "<head") || strings.HasPrefix(head, "<body") ||
		(strings.HasPrefix(head, "<") && strings.Contains(head, "<title>"))
}

func clipBytes(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// binary reports whether text looks like binary data: many control bytes or NULs early on.
func binary(text string) bool {
	s := clipBytes(text, 8192)
	ctl := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	return ctl*10 > len(s)
}

func firstInvalidUTF8(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
