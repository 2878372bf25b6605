package triage

import (
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/internal/lazyre"
)

// A text paste is cut at the lines that start an exchange, read one line at a time:
//
//   - a curl command (after a shell prompt or none) starts a transcript, unless the part being
//     read has nothing yet but lines before any exchange;
//   - a request line ("POST /v1/send HTTP/1.1", curl -v's "> POST …") starts one unless it is
//     the request of a transcript whose command came first; the "* Trying …" lines curl -v
//     prints before it go with it;
//   - a status line starts one when the part already has a final answer (a 1xx or a redirect
//     is followed by the next status of the same transcript);
//   - a log line that names a status (after a time, a level, or as a structured logger's JSON
//     record) is an exchange of its own, with the lines that follow it until the next log line
//     (a body printed on several lines, a traceback).
//
// A log line without a status ends the log line before it, and lines that belong to no
// exchange are left out (those before a transcript stay with it: "export TOKEN=…"). A paste with fewer than two exchanges is not cut at all: the engine
// reads it whole, as it always has.

var (
	cmdRE     = lazyre.New(`^[ \t]*(?:\$[ \t]*|%[ \t]+|>[ \t]+|PS [^>\n]*>[ \t]*|[A-Za-z]:\\[^>\n]*>[ \t]*)?curl(?:\.exe)?[ \t]`)
	reqLineRE = lazyre.New(`^[ \t]*(?:> )?(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ HTTP/[0-9]`)
	statusRE  = lazyre.New(`^[ \t]*(?:< )?HTTP/[0-9](?:\.[0-9])?[ \t]+([1-5][0-9][0-9])\b`)
	// levelRE finds a log level at the start of a line, maybe after a time.
	levelRE = lazyre.New(`^[ \t]*(?:\[?\d{4}-\d\d-\d\d[T ][0-9:.,]+(?:Z|[+-][0-9:]+)?\]?[ \t]+)?\[?(?i:ERROR|ERR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|CRITICAL|NOTICE)\]?[ \t:]`)
	// logStatusRE finds the status a log line names: status=422, "statusCode":422, an access
	// log's "POST /v1/send HTTP/1.1" 422, "POST /v1/send 422", "failed with status code 422",
	// "HTTP 422", OkHttp's "<-- 422".
	logStatusRE = lazyre.New(`(?i)(?:\b(?:status|statusCode|status_code|http_status|http\.status_code|res\.statusCode)["']?\s*[:=]\s*["']?|"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) [^"]*" |\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /\S* (?:HTTP/\S+ )?(?:-> |=> |→ )?|\bstatus(?: code)? |\bHTTP |<-- )([1-5][0-9][0-9])\b`)
	// logcatRE finds Android logcat's "12-04 10:00:00.123  1234  5678 E Tag: " prefix, and
	// syslogRE syslog's "Dec  4 10:00:00 host app[42]: ": neither gives the year, so their
	// exchanges have no time.
	logcatRE = lazyre.New(`^\d\d-\d\d \d\d:\d\d:\d\d\.\d+\s+\d+\s+\d+ [VDIWEF] `)
	syslogRE = lazyre.New(`^[A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d \S+ [^:\s]+:`)
)

// Kinds of the parts a text paste is cut into.
const (
	kindNone       = iota // lines before any exchange, or after a log line without a status
	kindTranscript        // a curl transcript, a raw exchange, a request and its response
	kindLog               // one log line with a status, and the lines that follow it
)

type part struct {
	start, line, kind       int
	hasCmd, hasReq, hasResp bool
	lastStatus              int
}

// splitText cuts a text paste into exchanges; nil when it holds fewer than two.
func splitText(paste string) *split {
	var parts []part
	cur := part{line: 1}
	var lineStarts []int // offsets of the lines of cur, for curl -v's "* " lines
	begin := func(off, line, kind int) {
		if cur.kind != kindNone || kind != kindTranscript {
			parts = append(parts, cur)
			cur = part{start: off, line: line}
			lineStarts = lineStarts[:0]
		}
		cur.kind = kind
	}
	off, line := 0, 1
	for off < len(paste) {
		end := strings.IndexByte(paste[off:], '\n')
		next := len(paste)
		if end >= 0 {
			next = off + end + 1
		}
		l := strings.TrimRight(paste[off:next], "\r\n")
		hasCurl, hasHTTP := strings.Contains(l, "curl"), strings.Contains(l, "HTTP/")
		switch {
		case hasCurl && cmdRE().MatchString(l):
			if cur.kind == kindLog || cur.hasCmd || cur.hasReq || cur.hasResp {
				begin(off, line, kindTranscript)
			}
			cur.kind, cur.hasCmd = kindTranscript, true
		case hasHTTP && reqLineRE().MatchString(l):
			if cur.kind == kindLog || cur.hasReq || cur.hasResp {
				// curl -v's "* Trying …" lines just before the request belong to it.
				s, sl := off, line
				for i := len(lineStarts) - 1; i >= 0 && cur.hasResp; i-- {
					t := paste[lineStarts[i]:s]
					if !strings.HasPrefix(t, "* ") || strings.Contains(t, "left intact") || strings.Contains(t, "losing connection") {
						break
					}
					s, sl = lineStarts[i], sl-1
				}
				begin(s, sl, kindTranscript)
			}
			cur.kind, cur.hasReq = kindTranscript, true
		case hasHTTP && statusRE().MatchString(l):
			st, _ := strconv.Atoi(statusRE().FindStringSubmatch(l)[1])
			final := cur.lastStatus >= 200 && (cur.lastStatus < 300 || cur.lastStatus >= 400)
			if cur.kind == kindLog || cur.hasResp && final {
				begin(off, line, kindTranscript)
			}
			cur.kind, cur.hasResp, cur.lastStatus = kindTranscript, true, st
		case isLogLine(l):
			if m := logStatusRE().FindStringSubmatchIndex(l); m != nil {
				st, _ := strconv.Atoi(l[m[2]:m[3]])
				// A body printed over several log lines names its status again ("statusCode":
				// 400 inside it): that line goes on the exchange it belongs to.
				if !(cur.kind == kindLog && st == cur.lastStatus && m[0] > 0 && (l[m[0]-1] == '"' || l[m[0]-1] == '\'') && !structured(l)) {
					begin(off, line, kindLog)
					cur.lastStatus = st
				}
			} else if cur.kind == kindLog && !strings.Contains(l, "{") && !continues(l) {
				// A log line without a status ends the one before, unless it prints a body
				// (OkHttp logs the body on a line of its own).
				begin(off, line, kindNone)
			}
		}
		lineStarts = append(lineStarts, off)
		off, line = next, line+1
	}
	parts = append(parts, cur)
	s := &split{text: paste}
	for i, p := range parts {
		if p.kind == kindNone {
			continue
		}
		end := len(paste)
		if i+1 < len(parts) {
			end = parts[i+1].start
		}
		text := paste[p.start:end]
		ex := exchange{text: text, off: p.start, line: p.line, exact: true}
		if p.kind == kindLog {
			first, _, _ := strings.Cut(text, "\n")
			if m := logStatusRE().FindStringSubmatch(first); m != nil {
				ex.status, _ = strconv.Atoi(m[1])
			}
		}
		s.exchanges = append(s.exchanges, ex)
	}
	if len(s.exchanges) < 2 {
		return nil
	}
	for i := range s.exchanges {
		ex := &s.exchanges[i]
		first, _, _ := strings.Cut(ex.text, "\n")
		if ex.at = lineTime(first); ex.at == "" && parts[0].kind != kindLog {
			ex.at = dateHeader(ex.text)
		}
	}
	return s
}

// isLogLine reports whether l is a log record: it starts with a time or a level (Android
// logcat's and syslog's prefixes included), or it is a structured logger's JSON record on one
// line.
func isLogLine(l string) bool {
	t := strings.TrimSpace(l)
	if t == "" {
		return false
	}
	// Cheap tests first: the patterns run on a line only where they can match (this runs on
	// every line of every paste).
	switch c := t[0]; {
	case c == '{':
		return strings.HasSuffix(t, "}") && structured(t)
	case c >= '0' && c <= '9', c == '[':
		return linePrefixTimeRE().MatchString(t) || levelRE().MatchString(t) || strings.Contains(t, "/20") && accessTimeRE().MatchString(t) ||
			logcatRE().MatchString(t)
	case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		return levelWord(t) && levelRE().MatchString(t) || syslogRE().MatchString(t)
	}
	return false
}

// continues reports whether a logcat or syslog line carries on the message of the line before
// rather than starting a record of its own: after its prefix (and logcat's tag) it is empty, a
// line of a JSON body, or a header ("content-type: application/json"), as OkHttp's logger and a
// syslog'd body print a response line by line.
func continues(l string) bool {
	var rest string
	if m := logcatRE().FindStringIndex(l); m != nil {
		rest = l[m[1]:]
		if _, after, ok := strings.Cut(rest, ": "); ok {
			rest = after
		} else {
			rest = strings.TrimSuffix(rest, ":")
		}
	} else if m := syslogRE().FindStringIndex(l); m != nil {
		rest = l[m[1]:]
	} else {
		return false
	}
	rest = strings.TrimSpace(rest)
	if rest == "" || strings.IndexByte(`"{}[]`, rest[0]) >= 0 {
		return true // a body printed over several lines
	}
	name, _, ok := strings.Cut(rest, ": ")
	if !ok || name == "" {
		return false
	}
	for _, c := range []byte(name) {
		if !(c == '-' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

// structured says a JSON line is a logger's record, not a body: it names a level or a message
// (error bodies carry times and statuses too).
func structured(t string) bool {
	for _, k := range [...]string{`"level"`, `"lvl"`, `"severity"`, `"msg"`, `"logger"`} {
		if strings.Contains(t, k) {
			return true
		}
	}
	return false
}

// levelWord reports whether t starts with a log level's first letters.
func levelWord(t string) bool {
	if len(t) < 3 {
		return false
	}
	switch strings.ToUpper(t[:3]) {
	case "ERR", "WAR", "INF", "DEB", "TRA", "FAT", "CRI", "NOT":
		return true
	}
	return false
}
