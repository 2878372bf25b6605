package unwrap

import (
	"regexp"
	"slices"
	"strings"

	"github.com/errdocs/errdocs/internal/lazyre"
)

// The outputs of HTTP clients and command-line tools that print a response's head as text.

// findDotNet reads .NET's HttpResponseMessage.ToString():
//
//	StatusCode: 422, ReasonPhrase: 'Unprocessable Entity', Version: 1.1, Content: System.Net.Http.HttpConnectionResponseContent, Headers:
//	{
//	  X-Request-ID: 0b9f3c1e-…
//	  Content-Type: application/json; charset=utf-8
//	}
//
// and the body, when the program printed it after.
func findDotNet(text string) *Exchange {
	i := strings.Index(text, "StatusCode: ")
	if i < 0 || !strings.Contains(text[i:lineEnd(text, i)], ", ReasonPhrase: '") {
		return nil
	}
	x := &Exchange{Tool: ".NET HttpResponseMessage", StatusOff: i, BodyOff: -1}
	head := text[i:lineEnd(text, i)]
	n, _, _ := strings.Cut(head[len("StatusCode: "):], ",")
	x.Status = statusNumber(n)
	if _, r, ok := strings.Cut(head, "ReasonPhrase: '"); ok {
		x.Reason, _, _ = strings.Cut(r, "'")
	}
	after := lineEnd(text, i)
	if strings.HasSuffix(strings.TrimSpace(head), "Headers:") {
		in := false
		eachLine(text, min(after+1, len(text)), func(l line) bool {
			t := strings.TrimSpace(l.text)
			switch {
			case !in && t == "{":
				in = true
			case in && t == "}":
				after = l.off + len(l.text)
				return false
			case in:
				if name, v, ok := headerLine(t); ok {
					x.Headers = append(x.Headers, Header{Name: name, Value: v, Off: l.off})
				}
			default:
				return false
			}
			return true
		})
	}
	if at := jsonStart(text, after, ""); at >= 0 {
		x.Body, x.BodyOff = text[at:], at
	}
	return x
}

// findGoResponse reads Go's %+v of an *http.Response:
//
//	&{Status:422 Unprocessable Entity StatusCode:422 Proto:HTTP/1.1 ProtoMajor:1 ProtoMinor:1 Header:map[Content-Type:[application/json] X-Request-Id:[0b9f…]] Body:0xc000… …}
//
// Its body is a pointer; a program that read it prints it on a line of its own.
func findGoResponse(text string) *Exchange {
	i := strings.Index(text, "StatusCode:")
	if i < 0 {
		return nil
	}
	end := lineEnd(text, i)
	h := strings.Index(text[i:end], "Header:map[")
	if h < 0 {
		return nil
	}
	x := &Exchange{Tool: "Go http.Response", StatusOff: i, BodyOff: -1}
	j := i + len("StatusCode:")
	k := j
	for k < end && text[k] >= '0' && text[k] <= '9' {
		k++
	}
	x.Status = statusNumber(text[j:k])
	ls := lineStart(text, i)
	if s := strings.Index(text[ls:i], "Status:"); s >= 0 {
		if _, reason := leadingStatus(text[ls+s+len("Status:") : i]); reason != "" {
			x.Reason = reason
		}
	}
	// map[Name:[v1 v2] Name:[v]]
	m := i + h + len("Header:map[")
	for m < end && text[m] != ']' {
		c := strings.Index(text[m:end], ":[")
		if c < 0 {
			break
		}
		name := strings.TrimSpace(text[m : m+c])
		v := m + c + 2
		close := strings.IndexByte(text[v:end], ']')
		if close < 0 {
			break
		}
		x.Headers = append(x.Headers, Header{Name: name, Value: text[v : v+close], Off: ls})
		m = v + close + 1
		for m < end && text[m] == ' ' {
			m++
		}
	}
	if at := jsonStart(text, min(end+1, len(text)), ""); at >= 0 {
		x.Body, x.BodyOff = text[at:], at
	} else if at := jsonStart(text, 0, "&{"); at >= 0 {
		x.Body, x.BodyOff = text[at:], at
	}
	return x
}

// findOkHttp reads OkHttp's HttpLoggingInterceptor at level BODY or HEADERS (Android's logcat
// prefixes gone, see Strip):
//
//	--> POST https://next-api.useplunk.com/v1/send
//	Content-Type: application/json
//	--> END POST (52-byte body)
//	<-- 422 Unprocessable Entity https://next-api.useplunk.com/v1/send (181ms)
//	x-request-id: 0b9f3c1e-…
//
//	{"success":false,…}
//	<-- END HTTP (312-byte body)
func findOkHttp(text string) *Exchange {
	var x *Exchange
	state := 0 // 1: headers; 2: body
	eachLine(text, 0, func(l line) bool {
		t := strings.TrimSpace(l.text)
		switch {
		case x == nil && strings.HasPrefix(t, "--> ") && !strings.HasPrefix(t, "--> END"):
			// The request line: remembered for its method and URL.
			return true
		case x == nil && strings.HasPrefix(t, "<-- ") && len(t) > 7 && digits(t[4:7]):
			x = &Exchange{Tool: "OkHttp", StatusOff: l.off, BodyOff: -1}
			x.Status, x.Reason = leadingStatus(t[4:])
			if u := strings.Index(x.Reason, "http"); u >= 0 {
				x.URL = firstURL(x.Reason[u:])
				x.Reason = strings.TrimSpace(x.Reason[:u])
			}
			state = 1
		case x == nil:
		case strings.HasPrefix(t, "<-- END"):
			return false
		case state == 1 && t == "":
			state = 2
		case state == 1:
			if name, v, ok := headerLine(t); ok {
				x.Headers = append(x.Headers, Header{Name: name, Value: v, Off: l.off})
			} else {
				state = 2
			}
		}
		if x != nil && state == 2 && x.Body == "" && t != "" {
			x.BodyOff = l.off + len(l.text) - len(strings.TrimLeft(l.text, " \t"))
			end := strings.Index(text[x.BodyOff:], "<-- END")
			if end < 0 {
				end = len(text) - x.BodyOff
			}
			x.Body = text[x.BodyOff : x.BodyOff+end]
			return false
		}
		return true
	})
	if x == nil {
		return nil
	}
	if r := strings.Index(text, "--> "); r >= 0 && r < x.StatusOff {
		m, rest, _ := strings.Cut(strings.TrimSpace(text[r+4:lineEnd(text, r)]), " ")
		x.Method = m
		if x.URL == "" {
			x.URL = firstURL(rest)
		}
	}
	return x
}

// findWget reads wget's report: with -S (--server-response) the response head, each line
// indented by two spaces; without it the status on the "awaiting response..." line. The body
// goes to a file unless -O - and --content-on-error put it among wget's lines.
//
//	HTTP request sent, awaiting response...
//	  HTTP/1.1 429 Too Many Requests
//	  Retry-After: 3
//	2025-11-30 10:30:00 ERROR 429: Too Many Requests.
func findWget(text string) *Exchange {
	i := strings.Index(text, "HTTP request sent, awaiting response...")
	if i < 0 {
		return nil
	}
	x := &Exchange{Tool: "wget", StatusOff: -1, BodyOff: -1}
	rest := text[i+len("HTTP request sent, awaiting response...") : lineEnd(text, i)]
	if n, reason := leadingStatus(strings.TrimSpace(rest)); n != 0 {
		x.Status, x.Reason, x.StatusOff = n, reason, i
	}
	after := min(lineEnd(text, i)+1, len(text))
	eachLine(text, after, func(l line) bool {
		if !strings.HasPrefix(l.text, "  ") {
			return false
		}
		t := strings.TrimSpace(l.text)
		if strings.HasPrefix(t, "HTTP/") {
			_, st, _ := strings.Cut(t, " ")
			x.Status, x.Reason = leadingStatus(st)
			x.StatusOff = l.off
			x.Headers = x.Headers[:0] // a redirect's head came before
		} else if name, v, ok := headerLine(t); ok {
			x.Headers = append(x.Headers, Header{Name: name, Value: v, Off: l.off})
		}
		after = min(l.off+len(l.text)+1, len(text))
		return true
	})
	if x.Status == 0 {
		return nil
	}
	if at := jsonStart(text, after, ""); at >= 0 {
		// The body ends where wget's next line does ("2025-11-30 10:30:00 ERROR 429: …").
		end := len(text)
		eachLine(text, at, func(l line) bool {
			if l.off > at && len(l.text) > 4 && digits(l.text[:4]) && strings.Contains(l.text, " ERROR ") {
				end = l.off
				return false
			}
			return true
		})
		x.Body, x.BodyOff = text[at:end], at
	}
	return x
}

// statusPhrases are the words client libraries put before a status in their error messages,
// the status following at once.
var statusPhrases = [...]string{
	"Request failed with status code ", // axios
	"unexpected status code: ",         // Go, hand-written clients
	"unexpected status code ",
	"unexpected status: ",
	"unexpected status ",
	"HTTP Error ",                 // Python urllib
	"Client error '",              // httpx
	"Server error '",              // httpx
	"responded with status ",      // Ruby Faraday
	"does not indicate success: ", // .NET HttpRequestException, PowerShell 7
	"returned an error: (",        // .NET WebException, Windows PowerShell
	"resulted in a `",             // PHP Guzzle
	"<Response [",                 // Python requests and httpx reprs
	"Response{protocol=",          // OkHttp's Response.toString, code= follows
	"failed with status code ",    // many
	"failed with status ",         // many
	"status code ",                // many
	"HTTP status ",                // many
	" invalid: ",                  // Ktor's ClientRequestException
	"ERROR ",                      // wget
	"#<Net::HTTP",                 // Ruby Net::HTTP's inspect, class name first
	"HttpException: HTTP ",        // Retrofit
	"status=",                     // logfmt and toString() of many Java objects
	"\"status\":",                 // JSON log lines
	"Status: ",                    // catch blocks that print the status
}

// Status codes named in log and traceback text with their reason phrase, as a key and value,
// or after "failed with status": what Status looks for when no client's phrase is there.
var (
	statusReasonRE = lazyre.New(`(?i)(?:\bstatus(?:[ _]?code)?["']?\s*[:=]?\s*|\bHTTP(?:Error)?[ /:]+|\b)([1-5][0-9][0-9])(?:\s+(?:Client|Server) Error\b|\s+(?:Too Many Requests|Bad Request|Unauthorized|Forbidden|Not Found|Conflict|Unprocessable (?:Entity|Content)|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|Payment Required|Not Implemented)\b)`)
	statusKVRE     = lazyre.New(`(?i)\b(?:status|statusCode|status_code|http_status)["']?\s*[:=]\s*["']?([1-5][0-9][0-9])\b`)
	statusFailRE   = lazyre.New(`(?i)\bfailed with status(?: code)? ([1-5][0-9][0-9])\b`)
)

var urlRE = lazyre.New(`https?://[^\s"'<>\\)]+`)

// URLs returns the distinct URLs in text's first megabyte, at most 32, for the engine to weigh
// which API a paste is about.
func URLs(text string) []string {
	if !strings.Contains(text, "://") {
		return nil
	}
	var out []string
	for _, u := range urlRE().FindAllString(text[:min(len(text), 1<<20)], 32) {
		u = strings.TrimRight(u, ".,;:'\"`")
		if !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// Status finds a status that a client library's error message names, such as axios's "Request
// failed with status code 422" or httpx's "Client error '422 Unprocessable Entity' for url …",
// and the offset of its digits; 0 and -1 when there is none. Where several are named, the first
// in the text wins.
func Status(text string) (int, int) {
	best, bestOff := 0, -1
	for _, ph := range statusPhrases {
		from := 0
		for tries := 0; tries < 4; tries++ {
			i := strings.Index(text[from:], ph)
			if i < 0 || bestOff >= 0 && from+i > bestOff {
				break
			}
			at := from + i + len(ph)
			switch ph {
			case "#<Net::HTTP":
				for at < len(text) && text[at] != ' ' && text[at] != '\n' {
					at++
				}
				at++
			case "Response{protocol=":
				if c := strings.Index(text[at:min(len(text), at+40)], "code="); c >= 0 {
					at += c + len("code=")
				}
			case "\"status\":":
				for at < len(text) && text[at] == ' ' {
					at++
				}
			}
			from = min(at, len(text)) // "#<Net::HTTP" at the very end steps past it
			if at+3 <= len(text) && digits(text[at:at+3]) && (at+3 == len(text) || text[at+3] < '0' || text[at+3] > '9') {
				if n := statusNumber(text[at : at+3]); n != 0 {
					best, bestOff = n, at
					break
				}
			}
		}
	}
	if best == 0 {
		return patternStatus(text)
	}
	return best, bestOff
}

// patternStatus finds a status the way statusReasonRE, then statusKVRE, then statusFailRE would
// over the whole text, in linear time with a small constant: each pattern runs only on a short
// window around a three-digit number that can start its status group, and only when the
// number is followed by a reason's first letter (statusReasonRE) or preceded by "status" (the
// other two). Run over a whole paste, the patterns took 70-140 ms per MB (issue 14).
func patternStatus(text string) (int, int) {
	const before, after = 64, 64
	var cands []int
	for i := 0; i+3 <= len(text); i++ {
		if c := text[i]; c >= '1' && c <= '5' && (i == 0 || !isDigit(text[i-1])) && isDigit(text[i+1]) && isDigit(text[i+2]) &&
			(i+3 == len(text) || !isDigit(text[i+3])) {
			cands = append(cands, i)
			i += 2
		}
	}
	reasonNext := func(p int) bool {
		j := p + 3
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r') {
			j++
		}
		return j > p+3 && j < len(text) && strings.IndexByte("CSTBUFNIGPcstbufnigp", text[j]) >= 0
	}
	statusBefore := func(p int) bool {
		w := text[max(0, p-before):p]
		return strings.Contains(w, "tatus") || strings.Contains(w, "TATUS")
	}
	for k, re := range [...]func() *regexp.Regexp{statusReasonRE, statusKVRE, statusFailRE} {
		for _, p := range cands {
			if k == 0 && !reasonNext(p) || k > 0 && !statusBefore(p) {
				continue
			}
			from := max(0, p-before)
			for _, m := range re().FindAllStringSubmatchIndex(text[from:min(len(text), p+3+after)], -1) {
				if from+m[2] == p {
					return statusNumber(text[p : p+3]), p
				}
			}
		}
	}
	return 0, -1
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
