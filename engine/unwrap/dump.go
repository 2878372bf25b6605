package unwrap

import (
	"strings"

	"github.com/errdocs/errdocs/internal/jsonx"
)

// Dumps: an object that holds a response, printed whole. Node's util.inspect of an AxiosError
// (console.log(err)), axios's err.toJSON(), a fetch Response, a Python or Ruby dict of the
// response's parts (Faraday's error.response), a structured logger's JSON line with the body as
// an escaped string ({"level":"error","status":422,"body":"{\"success\":false,…}"}), a logfmt
// line. Each is read as a tree, and the status, body, headers, URL and request id are looked up
// at the paths these tools use.

// maxDumpTries bounds the objects findDump reads.
const maxDumpTries = 32

// dumpPrefixes are where a response sits inside a dump: at its top (a response, a log line),
// under response (axios, Faraday), under err or error (pino, winston).
var dumpPrefixes = [...]string{"", "response.", "err.response.", "error.response.", "err.", "error.", "res.", "resp."}

var (
	statusKeys = [...]string{"status", "statusCode", "status_code", "http_status", "httpStatus", "http.status_code", "http.response.status_code"}
	bodyKeys   = [...]string{"data", "body", "response_body", "responseBody", "resp_body", "responseText", "text", "content"}
	idKeys     = [...]string{"request_id", "requestId", "req_id", "x_request_id", "http.request_id"}
	urlKeys    = [...]string{"config.url", "url", "uri", "request.url", "http.url", "response.url", "err.config.url"}
	methodKeys = [...]string{"config.method", "method", "request.method", "http.method", "err.config.method"}
	loggerKeys = [...]string{"level", "lvl", "severity", "levelname", "msg", "@timestamp", "ts", "logger"}
)

// findDump finds the first object in text that holds a failed response (or, failing that, any
// response), reading at most maxDumpTries objects and never one inside another it read.
func findDump(text string) *Exchange {
	var best *Exchange
	plain, plainEnd := -1, -1 // the first object that is no dump: a body printed on its own
	tries := 0
	for i := 0; i < len(text) && tries < maxDumpTries; {
		j := strings.IndexByte(text[i:], '{')
		if j < 0 {
			break
		}
		at := i + j
		if !dumpStart(text, at) {
			i = at + 1
			continue
		}
		tries++
		x, end, isObject := readDump(text, at)
		if x == nil && isObject && plain < 0 && (best == nil || best.Body == "") {
			plain, plainEnd = at, end
		}
		if x != nil && (best == nil || best.Status < 400 && x.Status >= 400) {
			best = x
			if x.Status >= 400 && x.Body != "" {
				break
			}
		}
		i = max(end, at+1)
	}
	if best != nil && best.Body == "" && plain >= 0 {
		// console.log(res) then console.log(await res.json()): the body came on its own.
		best.Body, best.BodyOff, best.Decoded = text[plain:plainEnd], plain, false
	}
	return best
}

// dumpStart reports whether the '{' at text[at] may open a printed object: it starts its line,
// ends it, or follows a colon or an equals sign. It looks at most 64 bytes either way, so that
// trying every brace of a line stays linear.
func dumpStart(text string, at int) bool {
	for i := at - 1; i >= max(0, at-64); i-- {
		switch text[i] {
		case ' ', '\t':
			continue
		case '\n', ':', '=', '>':
			return true
		}
		if i > 0 {
			break
		}
	}
	if at == 0 || strings.TrimLeft(text[max(0, at-64):at], " \t") == "" && at <= 64 {
		return true
	}
	for i := at + 1; i < min(len(text), at+64); i++ {
		switch text[i] {
		case ' ', '\t', '\r':
			continue
		case '\n':
			return true
		}
		return false
	}
	return at+1 >= len(text)
}

// readDump reads the object at text[at] and what it says of a response, and returns the offset
// after it, and whether an object was there at all.
func readDump(text string, at int) (*Exchange, int, bool) {
	root, end, cut, err := jsonx.Parse(text[at:])
	isJSON := root != nil && root.Kind == jsonx.Object && err == nil && !cut
	var js string
	if !isJSON {
		var n int
		var ok bool
		js, n, ok = literalJSON(text[at:])
		if !ok {
			return nil, at + 1, false
		}
		end = n
		root, _, _, err = jsonx.Parse(js)
		if root == nil || root.Kind != jsonx.Object || err != nil && !root.Cut {
			return nil, at + end, false
		}
	}
	x := &Exchange{StatusOff: -1, BodyOff: -1}
	logger := false
	for _, k := range loggerKeys {
		if root.Get(k) != nil {
			logger = true
		}
	}
	var body, headers *jsonx.Node
	for _, p := range dumpPrefixes {
		if p != "" && root.Get(strings.TrimSuffix(p, ".")) == nil {
			continue
		}
		st := 0
		for _, k := range statusKeys {
			if st = nodeStatus(root.Get(p + k)); st != 0 {
				break
			}
		}
		var b *jsonx.Node
		for _, k := range bodyKeys {
			// Node's fetch Response prints its unread body as a ReadableStream: no body.
			if b = root.Get(p + k); b != nil && b.Kind != jsonx.Null && b.Get("locked") == nil {
				break
			}
			b = nil
		}
		h := root.Get(p + "headers")
		if h != nil && h.Kind != jsonx.Object {
			h = nil
		}
		// A status alone is what an error body says of itself; a response has a body or
		// headers beside it, or a URL or a logger's fields around it.
		if st != 0 && b == nil && h == nil && !(p == "" && (logger || hasURL(root))) {
			st = 0
		}
		if st != 0 && x.Status == 0 {
			x.Status = st
			if isJSON {
				x.StatusOff = at + root.Get(p+statusKeyAt(root, p)).Off
			}
		}
		if body == nil && b != nil {
			body = b
		}
		if headers == nil && (st != 0 || b != nil) {
			headers = h
		}
	}
	for _, k := range urlKeys {
		if u := root.Get(k).Text(); strings.HasPrefix(u, "http") {
			x.URL = u
			break
		}
	}
	for _, k := range methodKeys {
		if m := root.Get(k).Text(); m != "" && len(m) < 10 {
			x.Method = strings.ToUpper(m)
			break
		}
	}
	for _, p := range dumpPrefixes[:2] {
		for _, k := range idKeys {
			if id := root.Get(p + k).Text(); id != "" && x.RequestID == "" {
				x.RequestID = id
			}
		}
	}
	stringBody := body != nil && body.Kind == jsonx.String && strings.HasPrefix(strings.TrimSpace(body.Str), "{")
	switch {
	case x.Status == 0 && !(logger && stringBody):
		return nil, at + end, true
	case isJSON && headers == nil && x.URL == "" && !logger && !stringBody:
		// An error body that carries a status of its own (problem details, many APIs):
		// the engine reads it as a body.
		return nil, at + end, true
	}
	x.Tool = "printed object"
	if isJSON && logger {
		x.Tool = "JSON log line"
	}
	if headers != nil {
		for _, h := range headers.Vals {
			v := h.Text()
			if h.Kind == jsonx.Array && len(h.Vals) > 0 {
				v = h.Vals[0].Text()
			}
			x.Headers = append(x.Headers, Header{Name: h.Key, Value: v, Off: -1})
		}
	}
	switch {
	case body == nil:
	case body.Kind == jsonx.String:
		x.Body, x.BodyOff, x.Decoded = body.Str, at, true
		if isJSON {
			x.BodyOff = at + body.Off
		}
	case isJSON:
		_, n, _, _ := jsonx.Parse(text[at+body.Off:])
		x.Body, x.BodyOff = text[at+body.Off:at+body.Off+n], at+body.Off
	default:
		_, n, _, _ := jsonx.Parse(js[body.Off:])
		x.Body, x.BodyOff, x.Decoded = js[body.Off:body.Off+n], at, true
	}
	return x, at + end, true
}

// hasURL reports whether root holds a request's URL.
func hasURL(root *jsonx.Node) bool {
	for _, k := range urlKeys {
		if strings.HasPrefix(root.Get(k).Text(), "http") {
			return true
		}
	}
	return false
}

// statusKeyAt returns the status key present under prefix p.
func statusKeyAt(root *jsonx.Node, p string) string {
	for _, k := range statusKeys {
		if nodeStatus(root.Get(p+k)) != 0 {
			return k
		}
	}
	return ""
}

// nodeStatus reads a status from a number or a string of digits.
func nodeStatus(n *jsonx.Node) int {
	if n == nil || n.Kind != jsonx.Number && n.Kind != jsonx.String {
		return 0
	}
	return statusNumber(n.Str)
}

// maxLogfmtLines bounds the lines findLogfmt reads.
const maxLogfmtLines = 10000

// findLogfmt reads logfmt lines (time=… level=error msg="send failed" status=422 body="{\"…}")
// and returns the first that holds a failed response, else the first that holds one.
func findLogfmt(text string) *Exchange {
	if !strings.Contains(text, "=") {
		return nil
	}
	var best *Exchange
	n := 0
	eachLine(text, 0, func(l line) bool {
		if n++; n > maxLogfmtLines {
			return false
		}
		kv := logfmt(l.text)
		if len(kv) < 3 {
			return true
		}
		x := &Exchange{Tool: "logfmt", StatusOff: -1, BodyOff: -1}
		for _, p := range kv {
			switch p.key {
			case "status", "status_code", "statusCode", "http_status", "http.status_code", "code":
				if x.Status == 0 {
					x.Status = statusNumber(p.value)
					if x.Status != 0 {
						x.StatusOff = l.off + p.off
					}
				}
			case "body", "response_body", "resp_body", "response", "responseBody":
				x.Body, x.BodyOff, x.Decoded = p.value, l.off+p.off, p.quoted
			case "request_id", "requestId", "req_id", "x_request_id":
				x.RequestID = p.value
			case "url", "uri":
				x.URL = p.value
			case "method":
				x.Method = strings.ToUpper(p.value)
			}
		}
		if x.Status == 0 && x.Body == "" {
			return true
		}
		if best == nil || best.Status < 400 && x.Status >= 400 {
			best = x
		}
		return best.Status < 400
	})
	return best
}

type kvPair struct {
	key, value string
	off        int // of the value
	quoted     bool
}

// logfmt splits a logfmt line into its pairs; nil when it has a word that is not a pair.
func logfmt(s string) []kvPair {
	var out []kvPair
	i := 0
	for i < len(s) {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) {
			break
		}
		k := i
		for i < len(s) && s[i] != '=' && s[i] != ' ' && s[i] != '"' {
			i++
		}
		if i >= len(s) || s[i] != '=' || i == k {
			return nil
		}
		key := s[k:i]
		i++
		p := kvPair{key: key, off: i}
		if i < len(s) && s[i] == '"' {
			v, end, ok := unquoteGo(s[i:])
			if !ok {
				return nil
			}
			p.value, p.quoted = v, true
			i += end
		} else {
			v := i
			for i < len(s) && s[i] != ' ' {
				i++
			}
			p.value = s[v:i]
		}
		out = append(out, p)
	}
	return out
}

// unquoteGo reads the double-quoted string at the start of s as Go's %q writes it.
func unquoteGo(s string) (string, int, bool) {
	str, end, closed := readQuoted(s, 0)
	return str, end, closed
}

// findHeaderDict reads a Python session: the response's headers printed as a dict (requests'
// CaseInsensitiveDict prints as one, httpx's as Headers({…})), the status named by the client's
// error message (Status), and the body printed before or after them.
func findHeaderDict(text string) *Exchange {
	var x *Exchange
	other, otherEnd := -1, -1
	tries := 0
	for i := 0; i < len(text) && tries < maxDumpTries; {
		j := strings.IndexByte(text[i:], '{')
		if j < 0 {
			break
		}
		at := i + j
		if !dumpStart(text, at) && !strings.HasSuffix(text[max(0, at-8):at], "Headers(") {
			i = at + 1
			continue
		}
		if !strings.HasPrefix(text[at:], "{'") {
			// JSON, not a dict's repr: a body, maybe, which the engine reads itself.
			if strings.HasPrefix(text[at:], `{"`) && other < 0 {
				other, otherEnd = at, len(text)
			}
			i = at + 1
			continue
		}
		tries++
		if x != nil && other >= 0 {
			break // a header dict and a body: nothing further to find
		}
		if other >= 0 && !stringValued(text[at:]) {
			i = at + 1 // not a header dict, and the body is found: skip converting it
			continue
		}
		js, n, ok := literalJSON(text[at:])
		if !ok {
			i = at + 1
			continue
		}
		root, _, _, _ := jsonx.Parse(js)
		switch {
		case x == nil && isHeaderDict(root):
			x = &Exchange{Tool: "Python", StatusOff: -1, BodyOff: -1}
			ls := lineStart(text, at)
			for _, h := range root.Vals {
				x.Headers = append(x.Headers, Header{Name: h.Key, Value: h.Text(), Off: ls})
			}
		case root != nil && root.Kind == jsonx.Object && other < 0:
			other, otherEnd = at, at+n
		}
		i = max(at+n, at+1)
	}
	if x == nil {
		return nil
	}
	if other >= 0 {
		x.Body, x.BodyOff = text[other:otherEnd], other
	}
	x.Status, x.StatusOff = Status(text)
	if x.Status == 0 && x.Body == "" {
		return nil
	}
	return x
}

// stringValued reports whether the dict's repr at s[0] starts with a string key and a string
// value ({'Date': 'Sun, …'), as a header dict's does: a cheap test before converting the whole
// value, which may be a megabyte of body.
func stringValued(s string) bool {
	_, end, ok := readQuoted(s, 1)
	if !ok {
		return false
	}
	rest := strings.TrimLeft(s[end:], " \t\r\n")
	if !strings.HasPrefix(rest, ":") {
		return false
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	return rest != "" && (rest[0] == '\'' || rest[0] == '"')
}

// isHeaderDict reports whether n is a dict of response headers: strings only, with a Date,
// Content-Length, Retry-After or X-Request-ID among them and no Authorization (a request's).
func isHeaderDict(n *jsonx.Node) bool {
	if n == nil || n.Kind != jsonx.Object || len(n.Vals) == 0 {
		return false
	}
	known := false
	for _, v := range n.Vals {
		if v.Kind != jsonx.String {
			return false
		}
		switch strings.ToLower(v.Key) {
		case "date", "content-length", "retry-after", "x-request-id", "server":
			known = true
		case "authorization":
			return false
		}
	}
	return known
}

// findQuotedBody reads a body printed as a string literal on a line of its own, as Ruby's irb
// shows res.body (=> "{\"error\":…}") or a program prints a JSON-encoded string, with the
// status a client's message names (Status).
func findQuotedBody(text string) *Exchange {
	var x *Exchange
	n := 0
	eachLine(text, 0, func(l line) bool {
		if n++; n > maxLogfmtLines {
			return false
		}
		t := strings.TrimLeft(l.text, " \t")
		t = strings.TrimPrefix(strings.TrimPrefix(t, "=> "), "> ")
		if !strings.HasPrefix(t, `"{`) && !strings.HasPrefix(t, `"[`) {
			return true
		}
		if s, _, _, err := jsonx.Parse(t); s != nil && s.Kind == jsonx.String && err == nil && validJSON(s.Str) {
			x = &Exchange{Tool: "printed string", StatusOff: -1, Body: s.Str, BodyOff: l.off + len(l.text) - len(t), Decoded: true}
			return false
		}
		return true
	})
	if x != nil {
		x.Status, x.StatusOff = Status(text)
	}
	return x
}
