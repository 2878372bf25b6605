package triage

import (
	"bytes"
	"encoding/base64"
	"strconv"
	"strings"
	"unsafe"

	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/internal/jsonlite"
)

// A HAR file (HTTP Archive 1.2, what DevTools' "Save all as HAR" writes) is one JSON object;
// log.entries holds one entry per request, with its request, its response and the time it
// started. readHAR reads the entries one at a time with jsonlite's Decoder, keeping only what
// the engine reads, and writes each out as the HTTP exchange it records: the request line and
// headers, the request body, then the status line, headers and body of the response. The
// entries' texts are written one after another into one string, so the exchanges are parts of
// it, and the redaction pass reads it whole.

// harEntry is what triage keeps of one HAR entry.
type harEntry struct {
	started                 string
	method, url, reqVersion string
	reqHeaders              [][2]string
	postText                string
	status                  int
	statusText, respVersion string
	respHeaders             [][2]string
	mime, text, encoding    string
}

// readHAR reads paste as a HAR file. ok is false when paste is not one (then it is read as
// text); a HAR file cut short keeps the entries before the cut, with a problem that says so.
func readHAR(paste string) (s *split, ok bool) {
	t := strings.TrimLeft(paste, " \t\r\n\ufeff")
	head := t[:min(len(t), 4096)]
	if !strings.HasPrefix(t, "{") || !strings.Contains(head, `"log"`) {
		return nil, false
	}
	base := len(paste) - len(t)
	// The decoder only reads its input: a view of the paste's bytes spares a copy of a file
	// that may be tens of MB.
	data := unsafe.Slice(unsafe.StringData(t), len(t))
	dec := jsonlite.NewDecoder(data)
	var all strings.Builder
	s = &split{}
	sawEntries := false
	line, counted := 1+strings.Count(paste[:base], "\n"), 0
	lineOf := func(off int) int {
		line += bytes.Count(data[counted:off], []byte{'\n'})
		counted = off
		return line
	}
	object(dec, "HAR", func(key string) {
		if key != "log" {
			dec.Skip()
			return
		}
		object(dec, "log", func(key string) {
			if key != "entries" || !dec.ArrayStart("entries") {
				dec.Skip()
				return
			}
			sawEntries = true
			for dec.More() {
				at := lineOf(dec.Offset())
				e := readEntry(dec)
				if e == nil || dec.Failed() {
					continue
				}
				ex := exchange{off: all.Len(), line: at, at: harTime(e.started), unanswered: e.status <= 0}
				e.write(&all)
				ex.text = strconv.Itoa(all.Len() - ex.off) // its length, until the text is whole
				s.exchanges = append(s.exchanges, ex)
			}
		})
	})
	err := dec.Finish()
	if !sawEntries || err != nil && len(s.exchanges) == 0 {
		return nil, false
	}
	if err != nil {
		s.problems = append(s.problems, engine.Problem{Severity: "warning", Line: lineOf(min(errOffset(err), len(data))),
			Message: "The HAR file is cut short or malformed here (" + err.Error() + "); the " +
				strconv.Itoa(len(s.exchanges)) + " entries before it were read."})
	}
	s.text = all.String()
	for i := range s.exchanges {
		ex := &s.exchanges[i]
		n, _ := strconv.Atoi(ex.text)
		ex.text = s.text[ex.off : ex.off+n]
	}
	return s, true
}

func errOffset(err error) int {
	if se, ok := err.(*jsonlite.SyntaxError); ok {
		return se.Offset
	}
	return 0
}

// object reads an object, calling f with each key; f reads the value (dec.Skip for one it does
// not want).
func object(dec *jsonlite.Decoder, typ string, f func(key string)) {
	if !dec.ObjectStart(typ) {
		return
	}
	for dec.More() {
		f(string(dec.Key()))
	}
}

func str(dec *jsonlite.Decoder) string {
	s, _ := dec.String()
	return s
}

// headers reads a HAR headers array: [{"name": …, "value": …}].
func headers(dec *jsonlite.Decoder) [][2]string {
	var out [][2]string
	if !dec.ArrayStart("headers") {
		return nil
	}
	for dec.More() {
		var h [2]string
		object(dec, "header", func(key string) {
			switch key {
			case "name":
				h[0] = str(dec)
			case "value":
				h[1] = str(dec)
			default:
				dec.Skip()
			}
		})
		out = append(out, h)
	}
	return out
}

func readEntry(dec *jsonlite.Decoder) *harEntry {
	e := &harEntry{}
	seen := false
	object(dec, "entry", func(key string) {
		seen = true
		switch key {
		case "startedDateTime":
			e.started = str(dec)
		case "request":
			object(dec, "request", func(key string) {
				switch key {
				case "method":
					e.method = str(dec)
				case "url":
					e.url = str(dec)
				case "httpVersion":
					e.reqVersion = str(dec)
				case "headers":
					e.reqHeaders = headers(dec)
				case "postData":
					object(dec, "postData", func(key string) {
						if key == "text" {
							e.postText = str(dec)
						} else {
							dec.Skip()
						}
					})
				default:
					dec.Skip()
				}
			})
		case "response":
			object(dec, "response", func(key string) {
				switch key {
				case "status":
					e.status, _ = dec.Int()
				case "statusText":
					e.statusText = str(dec)
				case "httpVersion":
					e.respVersion = str(dec)
				case "headers":
					e.respHeaders = headers(dec)
				case "content":
					object(dec, "content", func(key string) {
						switch key {
						case "mimeType":
							e.mime = str(dec)
						case "text":
							e.text = str(dec)
						case "encoding":
							e.encoding = str(dec)
						default:
							dec.Skip()
						}
					})
				default:
					dec.Skip()
				}
			})
		default:
			dec.Skip()
		}
	})
	if !seen {
		return nil
	}
	return e
}

// write writes the exchange e records as HTTP: request, then response.
func (e *harEntry) write(b *strings.Builder) {
	host, target := splitURL(e.url)
	method := e.method
	if method == "" {
		method = "GET"
	}
	b.WriteString(method + " " + target + " HTTP/1.1\n")
	if host != "" {
		b.WriteString("Host: " + host + "\n")
	}
	writeHeaders(b, e.reqHeaders, true)
	b.WriteString("\n")
	if e.postText != "" {
		b.WriteString(oneBlock(e.postText))
		b.WriteString("\n")
	}
	if e.status <= 0 {
		b.WriteString("\n")
		return
	}
	b.WriteString("\n" + statusProto(e.respVersion) + " " + strconv.Itoa(e.status))
	if e.statusText != "" {
		b.WriteString(" " + e.statusText)
	}
	b.WriteString("\n")
	writeHeaders(b, e.respHeaders, false)
	b.WriteString("\n")
	if body := e.body(); body != "" {
		b.WriteString(oneBlock(body))
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

// body returns the response body the engine should read: any text of a failed response, the
// JSON or plain text of a successful one (an API's answer, not a page's scripts and images).
func (e *harEntry) body() string {
	mime := strings.ToLower(e.mime)
	textual := strings.Contains(mime, "json") || strings.HasPrefix(mime, "text/") || strings.Contains(mime, "xml") || mime == ""
	if !textual || e.status < 400 && !strings.Contains(mime, "json") && !strings.HasPrefix(mime, "text/plain") {
		return ""
	}
	if strings.EqualFold(e.encoding, "base64") {
		d, err := base64.StdEncoding.DecodeString(strings.TrimSpace(e.text))
		if err != nil {
			return ""
		}
		return string(d)
	}
	return e.text
}

// oneBlock writes a body with LF line ends and no trailing line breaks, so that the exchange's
// own blank lines are the only ones between its parts.
func oneBlock(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimRight(s, "\n")
}

// writeHeaders writes HAR headers as header lines. HTTP/2's pseudo-headers (":path") are left
// out, and so are the ones that describe the bytes on the wire rather than the text a HAR
// keeps (Content-Length, Content-Encoding), and the Host the request line's URL gives.
func writeHeaders(b *strings.Builder, hs [][2]string, request bool) {
	for _, h := range hs {
		name := h[0]
		if name == "" || name[0] == ':' || strings.EqualFold(name, "content-length") || strings.EqualFold(name, "content-encoding") ||
			request && strings.EqualFold(name, "host") {
			continue
		}
		b.WriteString(name + ": " + strings.ReplaceAll(h[1], "\n", " ") + "\n")
	}
}

// splitURL returns a URL's host and its path with the query.
func splitURL(u string) (host, target string) {
	rest := u
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
		j := strings.IndexAny(rest, "/?#")
		if j < 0 {
			return rest, "/"
		}
		host, rest = rest[:j], rest[j:]
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	if rest == "" || rest[0] != '/' {
		rest = "/" + rest
	}
	return host, rest
}

// statusProto is the status line's protocol for a HAR httpVersion ("HTTP/1.1", "h2",
// "HTTP/2.0", "h3").
func statusProto(v string) string {
	switch l := strings.ToLower(v); {
	case strings.HasPrefix(l, "h2"), strings.HasPrefix(l, "http/2"):
		return "HTTP/2"
	case strings.HasPrefix(l, "h3"), strings.HasPrefix(l, "http/3"):
		return "HTTP/3"
	}
	return "HTTP/1.1"
}
