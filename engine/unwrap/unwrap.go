// Package unwrap finds the HTTP exchange inside what a tool printed. People rarely paste a clean
// curl -i transcript: they paste PowerShell's error record, wget -S, OkHttp's log, Node's
// util.inspect of an AxiosError, a Python or Ruby repr, Go's %+v of an *http.Response, .NET's
// HttpResponseMessage, a JSON or logfmt log line, each maybe behind logcat, syslog or timestamp
// prefixes, with a body that is HTML-escaped, double-encoded, BOM-prefixed or carries trailing
// commas. This package reads those and hands the engine an Exchange: the status, the headers,
// the body and the request id, each with its place in the paste where it has one.
//
// # Use
//
// The engine calls Strip on the paste first (a prefix on every line goes, the lines stay), then
// Find; when Find returns nil it reads the paste as HTTP, curl or a log line itself, and Status
// finds a status that a client's error message names. CleanBody then reads every body, whoever
// found it. Literal reads a repr or util.inspect value as JSON, for the engine's log reader.
//
// # Rules
//
// Every reader runs in time linear in the paste: it scans lines once, tries a bounded number of
// starting points, and skips past what one attempt read. Nothing here panics on any input
// (FuzzFind, FuzzCleanBody). It is pure Go with no I/O and no syscall/js, and imports only
// catalog (the reason phrases), internal/jsonx and the standard library (no fmt, reflect or
// encoding/json: the WebAssembly module links it). Its only regular expressions are Status's
// fallbacks, moved here from the engine; Go's are linear-time.
package unwrap

import (
	"slices"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// An Exchange is one HTTP exchange as a tool printed it. Offsets are byte offsets into the text
// Find was given; -1 means the part has no place of its own.
type Exchange struct {
	// Tool names what printed it, such as "PowerShell" or "wget -S".
	Tool string
	// Status is the response's status, 0 when the tool did not print it; StatusOff is where.
	Status    int
	StatusOff int
	Reason    string
	Headers   []Header
	// Body is the body as the tool printed it, and BodyOff its offset. When Decoded is set the
	// body had to be decoded (an escaped string in a log line), so it is not the text at BodyOff
	// and offsets into it do not point into the paste.
	Body    string
	BodyOff int
	Decoded bool
	// Method and URL are the request's, when the tool printed them.
	Method, URL string
	// RequestID is a request id the tool printed outside the headers (a log line's field);
	// Find adds it to Headers as X-Request-ID when they have none.
	RequestID string
	// Notes say what the tool left out and how to get it (the body, objects util.inspect
	// cut); their offsets are into the text.
	Notes []Note
}

// A Header is one response header and the offset of its line.
type Header struct {
	Name, Value string
	Off         int
}

// A Note is something CleanBody or Strip had to do to read a paste, for the verdict's problems.
// Off is a byte offset into the body (CleanBody) or the paste (Strip), or -1.
type Note struct {
	Severity, Message string
	Off               int
}

// toolFinders and dumpFinders run in order; the first to recognise its output wins.
var (
	toolFinders = []func(string) *Exchange{findPowerShellRecord, findDotNet, findGoResponse, findOkHttp, findWget, findPowerShellList}
	dumpFinders = []func(string) *Exchange{findDump, findHeaderDict, findLogfmt, findQuotedBody}
)

// Find returns the exchange a tool printed in text, or nil when text is none of the tools'
// outputs this package knows. The engine calls it first: these outputs may hold lines that
// look like a status line.
func Find(text string) *Exchange { return find(text, toolFinders) }

// FindDump returns the exchange a printed object or a log line in text holds (an AxiosError,
// a Python or Ruby repr, a JSON or logfmt log line), or nil. The engine calls it when the paste
// has no status line: a raw response's body is read as a body, not searched for a dump.
func FindDump(text string) *Exchange { return find(text, dumpFinders) }

func find(text string, finders []func(string) *Exchange) *Exchange {
	for _, f := range finders {
		if x := f(text); x != nil {
			if x.RequestID != "" && !slices.ContainsFunc(x.Headers, func(h Header) bool { return strings.EqualFold(h.Name, "X-Request-ID") }) {
				x.Headers = append(x.Headers, Header{Name: "X-Request-ID", Value: x.RequestID, Off: -1})
			}
			if strings.TrimSpace(x.Body) == "" {
				if h := noBodyHint(x.Tool); h != "" {
					x.Notes = append(x.Notes, Note{"info", h, -1})
				}
			} else if x.Decoded && strings.Contains(x.Body, "null") && strings.Contains(text, "[Object]") {
				x.Notes = append(x.Notes, Note{"info", "Node's console.log cuts objects nested deeper than two levels to [Object], so part of the body is missing: log JSON.stringify(err.response.data) or util.inspect(value, {depth: null}) to see all of it.", -1})
			}
			return x
		}
	}
	return nil
}

// noBodyHint says how to get the body a tool did not print.
func noBodyHint(tool string) string {
	switch tool {
	case "wget":
		return "wget does not print the body of an error response: run it with --content-on-error -O - to see the body."
	case "PowerShell":
		return "PowerShell did not print the response body: in a catch block, print $_.ErrorDetails.Message (Windows PowerShell 5.1 shows only the status of an error; PowerShell 7 shows the body)."
	case "printed object":
		return "The printed object holds no response body (axios's toJSON() leaves it out): log JSON.stringify(err.response.data) to see it."
	case "OkHttp":
		return "OkHttp logged no body: set HttpLoggingInterceptor's level to BODY."
	case "Go http.Response":
		return "Go prints an *http.Response's body as a pointer: print the bytes of io.ReadAll(resp.Body)."
	case ".NET HttpResponseMessage":
		return "HttpResponseMessage.ToString() leaves the body out: print await response.Content.ReadAsStringAsync()."
	}
	return ""
}

// line is one line of a text: its offset and its text without the line end.
type line struct {
	off  int
	text string
}

// eachLine calls f for each line of text from offset from until f returns false.
func eachLine(text string, from int, f func(l line) bool) {
	for off := from; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		next := len(text)
		if end >= 0 {
			next = off + end + 1
			end += off
		} else {
			end = len(text)
		}
		if !f(line{off, strings.TrimRight(text[off:end], "\r")}) {
			return
		}
		off = next
	}
}

// lineEnd is the offset of the end of the line holding off (its '\n', or the end of text).
func lineEnd(text string, off int) int {
	if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(text)
}

// lineStart is the offset of the start of the line holding off.
func lineStart(text string, off int) int {
	return strings.LastIndexByte(text[:off], '\n') + 1
}

// statusNumber reads a status written as a number or as .NET's HttpStatusCode name
// ("UnprocessableEntity", "TooManyRequests"); 0 when it is neither.
func statusNumber(s string) int {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 100 && n <= 599 {
			return n
		}
		return 0
	}
	switch s {
	case "UnprocessableEntity":
		return 422
	case "RequestEntityTooLarge":
		return 413
	case "RequestUriTooLong":
		return 414
	case "RequestedRangeNotSatisfiable":
		return 416
	case "":
		return 0
	}
	for _, r := range catalog.ReasonPhrases {
		if equalSquashed(r.Phrase, s) {
			return r.Status
		}
	}
	return 0
}

// equalSquashed reports whether phrase, without its spaces and hyphens, is name, ignoring case.
func equalSquashed(phrase, name string) bool {
	j := 0
	for i := 0; i < len(phrase); i++ {
		c := phrase[i]
		if c == ' ' || c == '-' {
			continue
		}
		if j >= len(name) || c|0x20 != name[j]|0x20 {
			return false
		}
		j++
	}
	return j == len(name)
}

// leadingStatus reads a status at the start of s ("422 Unprocessable Entity"): the status and
// the reason phrase after it.
func leadingStatus(s string) (int, string) {
	if len(s) < 3 || !digits(s[:3]) || len(s) > 3 && s[3] >= '0' && s[3] <= '9' {
		return 0, ""
	}
	n := statusNumber(s[:3])
	return n, strings.TrimSpace(s[3:])
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// jsonStart returns the offset of the first line from off on that starts (after blanks) with
// '{', '[' or '<' and so may begin a body, or -1; stop, when it is a line's prefix, ends the
// search.
func jsonStart(text string, off int, stop string) int {
	at := -1
	eachLine(text, off, func(l line) bool {
		t := strings.TrimLeft(l.text, " \t\ufeff")
		if stop != "" && strings.HasPrefix(t, stop) {
			return false
		}
		if t != "" && (t[0] == '{' || t[0] == '[' || t[0] == '<' || t[0] == '"') {
			at = l.off + len(l.text) - len(t)
			return false
		}
		return true
	})
	return at
}

// headerLine splits "Name: value" when Name is a header name (a token).
func headerLine(s string) (name, value string, ok bool) {
	name, value, ok = strings.Cut(s, ":")
	if !ok || name == "" {
		return "", "", false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return "", "", false
		}
	}
	return name, strings.TrimSpace(value), true
}

// firstURL returns the first http(s) URL in s, or "".
func firstURL(s string) string {
	i := strings.Index(s, "https://")
	if j := strings.Index(s, "http://"); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i < 0 {
		return ""
	}
	end := i
	for end < len(s) && !strings.ContainsRune(" \t\r\n'\"`<>()[]{},", rune(s[end])) {
		end++
	}
	return strings.TrimRight(s[i:end], ".:;")
}

// validJSON reports whether s is one whole JSON value.
func validJSON(s string) bool {
	n, end, cut, err := jsonx.Parse(s)
	return n != nil && err == nil && !cut && strings.TrimSpace(s[end:]) == ""
}
