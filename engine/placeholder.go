package engine

import (
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/reqcheck"
	"github.com/errdocs/errdocs/engine/reqparse"
	"github.com/errdocs/errdocs/engine/secrets"
	"github.com/errdocs/errdocs/internal/ascii"
	"github.com/errdocs/errdocs/internal/jsonx"
	"github.com/errdocs/errdocs/internal/lazyre"
)

// Placeholders sent as keys.
//
// A credential that is a placeholder rather than a key ("Bearer undefined", "Bearer $TOKEN",
// "<YOUR_API_KEY>", an empty "Bearer ") is no secret: the redactor leaves it alone
// (placeholderKind decides). It is often the very reason for a 401, so errdocs says what was
// sent and why no key reached the API: for a response, here; for a request pasted alone, in the
// request checks (checkAuth). Both judge the key with keyPlaceholder.

// sentKey is a placeholder credential a response paste shows its request sending.
type sentKey struct {
	// header is the header's name as written; "" when the paste names none (a log's
	// "Bearer undefined").
	header string
	// scheme is the scheme word before the key ("Bearer"), or "".
	scheme string
	// key is the credential after the scheme, and kind its placeholderKind.
	key, kind string
	// off is the byte offset in the paste where the header (or the credential) is shown.
	off int
	// sent says the paste shows the header as it went out (curl -v's "> " lines) rather than as
	// a command or code wrote it.
	sent bool
	// written is the key as the pasted command wrote it, when it is a variable and the header
	// went out with something else (curl -v shows "Bearer " for an unset $TOKEN).
	written string
	// singleQuoted says the command writes the key inside single quotes, which the shell does
	// not expand.
	singleQuoted bool
	// form is the form of the pasted request ("curl", "fetch", "http"), or "".
	form string
	// message is the problem, which is also the verdict's cause; fix is the first step to take.
	message, fix string
}

// shown is the header's value as sent, for a message: "`Bearer undefined`", "`Bearer `".
func (k *sentKey) shown() string {
	if k.scheme == "" {
		return "`" + k.key + "`"
	}
	return "`" + k.scheme + " " + k.key + "`"
}

// keyHeader reports whether a request header carries the API key: Authorization, or a header
// whose name says it holds a secret (X-Api-Key), but not a cookie or a proxy's credentials.
func keyHeader(name string) bool {
	switch strings.ToLower(name) {
	case "authorization":
		return true
	case "cookie", "proxy-authorization":
		return false
	}
	return secrets.Named(name)
}

var (
	// loggedKeyRE finds a key header written in a log line: "Authorization: Bearer undefined",
	// {"Authorization": "Bearer undefined"}, {'X-Api-Key': None}, api_key=undefined. The second
	// group is the value's opening quote, if any.
	loggedKeyRE = lazyre.New(`(?i)\b(authorization|x-api-key|api[-_]?key)["']?[ \t]*[:=][ \t]*(["'\x60]?)([^"'\x60\r\n,;}\]]*)`)
	// loggedBearerRE finds "Bearer <value>" anywhere.
	loggedBearerRE = lazyre.New(`(?i)\bbearer[ \t]+([^\s"'\x60,;}\])]+)`)
)

// checkSentKey looks, when the response refuses a key, for a placeholder credential its request
// sent. When it finds one it sets e.ph, which cause() names, adds the problem at the header and
// puts the fix first.
func (e *explainer) checkSentKey() {
	if !e.authStatus() {
		return
	}
	k := e.findSentKey()
	if k == nil {
		return
	}
	apiName := "the API"
	if e.api != nil {
		apiName = e.api.Name
	}
	if strings.EqualFold(k.header, "authorization") {
		k.header = "Authorization" // curl -v prints HTTP/2 header names in lower case
	}
	k.describe(apiName)
	sev := "warning"
	if k.kind == "unset" {
		sev = "error"
	}
	e.problem(sev, k.message, k.off)
	e.v.Fix = append([]string{k.fix}, e.v.Fix...)
	e.ph = k
}

// authStatus reports whether the response's status is the one that refuses a key: 401, or a
// 403 where the API's openapi.yaml answers a key check with it.
func (e *explainer) authStatus() bool {
	switch e.v.Status {
	case 401:
		return true
	case 403:
		if e.api == nil {
			return false
		}
		for _, op := range e.api.Operations {
			for _, r := range op.Responses {
				if r.Status != 403 {
					continue
				}
				for _, ex := range r.Examples {
					if reqcheck.KeyRefused(ex.When) {
						return true
					}
				}
			}
		}
	}
	return false
}

// findSentKey finds the credential the request sent: in curl -v's "> " lines, in the pasted
// request, or in a log line. It returns nil when the request sent a key that may be real (or
// masked), or none.
func (e *explainer) findSentKey() *sentKey {
	p := e.p
	if p.form == "curl -v" {
		if k, found := e.sentInTranscript(); found {
			return k
		}
	}
	if p.req != nil {
		if p.reqCol0 == 0 {
			for i := range p.req.Headers {
				if h := &p.req.Headers[i]; keyHeader(h.Name) {
					return e.writtenKey(h)
				}
			}
		}
		return nil
	}
	return e.loggedKey()
}

// sentInTranscript reads the key header among curl -v's "> " lines. found says there was one.
func (e *explainer) sentInTranscript() (k *sentKey, found bool) {
	p := e.p
	off := 0
	for ln := range strings.Lines(clipBytes(p.text, 1<<20)) {
		l := strings.TrimRight(ln, "\r\n")
		at := off
		off += len(ln)
		if !strings.HasPrefix(l, "> ") {
			continue
		}
		name, value, ok := strings.Cut(l[2:], ":")
		if !ok || !keyHeader(strings.TrimSpace(name)) {
			continue
		}
		scheme, key := reqcheck.SplitCredential(value)
		kind := reqcheck.KeyPlaceholder(e.api, key)
		if kind == "" || kind == "masked" {
			return nil, true
		}
		k = &sentKey{header: strings.TrimSpace(name), scheme: scheme, key: key, kind: kind, off: at + 2, sent: true}
		// The command, when it was pasted above the transcript, shows what the key was meant to be.
		if req := p.req; req != nil && p.reqCol0 == 0 {
			for i := range req.Headers {
				h := &req.Headers[i]
				if !strings.EqualFold(h.Name, k.header) {
					continue
				}
				_, wkey := reqcheck.SplitCredential(h.Value)
				if reqcheck.PlaceholderKind(wkey) == "variable" {
					k.form = req.Form
					if wkey != key {
						k.written = wkey
					}
					k.singleQuoted = req.Form == "curl" && e.quotedAt(h, wkey)
				}
			}
		}
		return k, true
	}
	return nil, false
}

// writtenKey judges a key header of the pasted request (a command, code or a raw request).
func (e *explainer) writtenKey(h *reqparse.Header) *sentKey {
	scheme, key := reqcheck.SplitCredential(h.Value)
	kind := reqcheck.KeyPlaceholder(e.api, key)
	if kind == "" || kind == "masked" {
		return nil
	}
	k := &sentKey{header: h.Name, scheme: scheme, key: key, kind: kind, form: e.p.req.Form, off: e.headerOffset(h, key)}
	k.singleQuoted = k.form == "curl" && kind == "variable" && e.quotedAt(h, key)
	return k
}

// loggedKey finds a placeholder credential in a log line or other text around the response.
// The response's own JSON or HTML body is left out: Plunk's error bodies quote
// "Authorization: Bearer YOUR_API_KEY" as the form to follow.
func (e *explainer) loggedKey() *sentKey {
	text := e.p.text
	spans := [][2]int{{0, len(text)}}
	if r := e.p.resp; r != nil && r.bodyOff <= len(text) {
		switch {
		case e.b.root != nil && !r.decoded:
			lead := len(r.body) - len(strings.TrimLeft(r.body, " \t\r\n"))
			_, end, _, _ := jsonx.Parse(r.body[lead:])
			spans = [][2]int{{0, r.bodyOff}, {r.bodyOff + lead + end, len(text)}}
		case e.b.dialect == "html" || r.decoded:
			spans = [][2]int{{0, r.bodyOff}}
		}
	}
	for _, sp := range spans {
		if k := loggedKeyIn(e.api, clipBytes(text[sp[0]:sp[1]], 1<<20), sp[0]); k != nil {
			return k
		}
	}
	return nil
}

// loggedKeyIn finds a placeholder credential in text, which starts at byte base of the paste.
func loggedKeyIn(a *catalog.API, text string, base int) *sentKey {
	if m := loggedKeyRE().FindStringSubmatchIndex(text); m != nil {
		value := text[m[6]:m[7]]
		if m[4] == m[5] {
			// Unquoted: the value ends at the first blank after its scheme.
			if f := strings.Fields(value); len(f) > 1 && reqcheck.SchemeWord(f[0]) {
				value = f[0] + " " + f[1]
			} else if len(f) > 0 {
				value = f[0]
			}
		}
		scheme, key := reqcheck.SplitCredential(value)
		kind := reqcheck.KeyPlaceholder(a, key)
		if kind == "" || kind == "masked" {
			return nil
		}
		return &sentKey{header: text[m[2]:m[3]], scheme: scheme, key: key, kind: kind, off: base + m[2]}
	}
	if m := loggedBearerRE().FindStringSubmatchIndex(text); m != nil {
		key := text[m[2]:m[3]]
		kind := reqcheck.KeyPlaceholder(a, key)
		// "Bearer token" is prose, not a token named "token".
		if kind == "" || kind == "masked" || reqcheck.SchemeWord(key) {
			return nil
		}
		return &sentKey{scheme: text[m[0] : m[0]+len("bearer")], key: key, kind: kind, off: base + m[0]}
	}
	return nil
}

// headerOffset is the byte offset in the paste of a pasted request's header: its name on its
// line, else the key, else the line's start.
func (e *explainer) headerOffset(h *reqparse.Header, key string) int {
	p := e.p
	line := h.Line + p.reqLine0
	if h.Line <= 0 || line > len(p.lines) {
		return -1
	}
	start := p.lines[line-1]
	end := len(p.text)
	if line < len(p.lines) {
		end = p.lines[line]
	}
	text := p.text[start:end]
	if i := strings.Index(ascii.Lower(text), ascii.Lower(h.Name)); i >= 0 && h.Flag == "" {
		return start + i
	}
	if i := strings.Index(text, key); i >= 0 && key != "" {
		return start + i
	}
	return start
}

// quotedAt reports whether, on a curl command's line for header h, key stands inside single
// quotes, where the shell does not expand a variable.
func (e *explainer) quotedAt(h *reqparse.Header, key string) bool {
	off := e.headerOffset(h, key)
	if off < 0 || key == "" {
		return false
	}
	p := e.p
	ls := strings.LastIndexByte(p.text[:off], '\n') + 1
	le := strings.IndexByte(p.text[off:], '\n')
	if le < 0 {
		le = len(p.text)
	} else {
		le += off
	}
	line := p.text[ls:le]
	i := strings.Index(line[off-ls:], key)
	if i < 0 {
		return false
	}
	return insideSingleQuotes(line, off-ls+i)
}

// insideSingleQuotes reports whether byte i of a shell command line stands inside single
// quotes.
func insideSingleQuotes(line string, i int) bool {
	single, double := false, false
	for j := 0; j < i && j < len(line); j++ {
		switch c := line[j]; {
		case c == '\\' && !single:
			j++
		case c == '\'' && !double:
			single = !single
		case c == '"' && !single:
			double = !double
		}
	}
	return single
}

// describe writes the problem and the first fix for a placeholder credential sent to api.
func (k *sentKey) describe(api string) {
	subject, written := "The "+k.header+" header was sent as ", "The "+k.header+" header is written as "
	if k.header == "" {
		subject, written = "The request sent ", "The request sends "
	}
	shell := strings.HasPrefix(k.key, "$") && (k.form == "curl" || k.form == "")
	switch k.kind {
	case "unset":
		switch {
		case k.key != "":
			k.message = subject + k.shown() + ": the variable meant to hold the key was not set, so no key reached " + api + "."
		case k.written != "":
			k.message = subject + k.shown() + " with nothing after it: `" + k.written + "` was empty or unset when the command ran, so no key reached " + api + "."
		default:
			k.message = subject + k.shown() + " with nothing after it: the variable meant to hold the key was empty or unset, so no key reached " + api + "."
		}
		k.fix = "Set the variable that holds the key where the request is made, before the request is built: a variable missing in that environment (a CI job, a container, a serverless function, a .env file that was not loaded) comes out as undefined, null, None or nothing at all."
		if k.written != "" {
			k.fix = "Set `" + k.written + "` in the shell that runs the command (`export " + strings.Trim(k.written, "${}") + "=…`), then run it again."
		}
	case "variable":
		switch {
		case k.singleQuoted:
			k.message = subject + k.shown() + ": `" + k.key + "` stands inside single quotes, where the shell does not expand it, so " + api + " got the variable's name, not the key."
			k.fix = "Write the header in double quotes, so the shell puts the key in: -H \"" + k.header + ": " + strings.Trim(k.shown(), "`") + "\"."
		case k.sent:
			k.message = subject + k.shown() + ": `" + k.key + "` was never expanded, so " + api + " got the variable's name, not the key."
			k.fix = "Let the shell or the program expand `" + k.key + "` before the request goes out (in a shell, double quotes rather than single), and check that it is set."
		case shell:
			k.message = written + k.shown() + ": `" + k.key + "` is a shell variable: if it was unset when the command ran, the header went out as `" + k.scheme + " ` with nothing after it."
			k.fix = "Check that `" + k.key + "` is set in the shell that runs the command (`test -n \"" + k.key + "\" && echo set`), and keep the header in double quotes so the shell expands it."
		default:
			k.message = written + k.shown() + ": `" + k.key + "` is filled in when the code runs; if that variable is not set there, no key reaches " + api + "."
			k.fix = "Check that `" + k.key + "` is set where the code runs, and fail early when it is not, rather than sending a request without a key."
		}
	case "template":
		k.message = subject + k.shown() + ": `" + k.key + "` is the placeholder from the docs, sent as is."
		k.fix = "Replace `" + k.key + "` with your key, read from an environment variable or a secret store rather than written into the code."
	}
}
