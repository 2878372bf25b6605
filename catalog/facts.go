package catalog

import (
	"math"
	"strconv"
	"strings"
)

// Facts that follow from the catalog, computed here once: the site, the engine and (through
// the verdict and a generated table) the playground all render them from these functions, so
// they cannot disagree. TestFactsAgree in the site holds them to it.

// Backoff defaults: a backoff policy that does not say its base, cap or number of attempts
// waits 1 s, doubling to at most 30 s, five times.
const (
	DefaultBaseSeconds = 1
	DefaultCapSeconds  = 30
	DefaultAttempts    = 5
	// maxAttempts bounds a schedule whatever the content says.
	maxAttempts = 20
)

// Schedule lists the waits of a backoff policy in seconds: the base, doubling each time up to
// the cap, once per attempt, with the defaults for what the policy leaves out. It is nil for
// any other strategy.
func (r Retry) Schedule() []float64 {
	if r.Strategy != "backoff" {
		return nil
	}
	return Backoff(r.BaseSeconds, r.CapSeconds, r.Attempts)
}

// Backoff lists the waits of exponential backoff from base, capped at capSec, for attempts
// tries; a value of 0 or less takes its default.
func Backoff(base, capSec float64, attempts int) []float64 {
	if base <= 0 {
		base = DefaultBaseSeconds
	}
	if capSec <= 0 {
		capSec = DefaultCapSeconds
	}
	if attempts <= 0 {
		attempts = DefaultAttempts
	}
	attempts = min(attempts, maxAttempts)
	out := make([]float64, attempts)
	w := base
	for i := range out {
		out[i] = math.Min(w, capSec)
		w *= 2
	}
	return out
}

// Wait writes a wait in seconds for people: "500 ms", "1 s", "1.5 s", "2 min", "1 min 30 s".
func Wait(s float64) string {
	switch {
	case s > 0 && s < 1:
		return strconv.FormatFloat(math.Round(s*1000), 'f', -1, 64) + " ms"
	case s >= 60 && s == math.Trunc(s) && s < 1e15:
		m, rest := int64(s)/60, int64(s)%60
		if rest == 0 {
			return strconv.FormatInt(m, 10) + " min"
		}
		return strconv.FormatInt(m, 10) + " min " + strconv.FormatInt(rest, 10) + " s"
	}
	return strconv.FormatFloat(math.Round(s*10)/10, 'f', -1, 64) + " s"
}

// ScheduleText writes waits as "1 s, 2 s, 4 s, then stop".
func ScheduleText(waits []float64) string {
	parts := make([]string, len(waits))
	for i, w := range waits {
		parts[i] = Wait(w)
	}
	return strings.Join(parts, ", ") + ", then stop"
}

// RetryPlan is retry advice as a short concrete plan, for a label: "Retry in 30 s", "Back off:
// 1 s, 2 s, 4 s, then stop", "Do not retry". after is the first wait (0 when unknown) and
// schedule every wait, as a verdict holds them.
func RetryPlan(strategy string, retryable bool, after float64, schedule []float64) string {
	if strategy == "conditional" {
		// Not retryable as it is: the same request fails until something changes.
		return "Only after a change"
	}
	if !retryable || strategy == "never" || strategy == "" {
		return "Do not retry"
	}
	switch strategy {
	case "retry-after":
		switch {
		case len(schedule) == 1:
			return "Retry in " + Wait(schedule[0])
		case len(schedule) > 1:
			return "Back off: " + ScheduleText(schedule)
		}
		return "Retry later"
	case "backoff":
		switch {
		case len(schedule) == 0:
			return "Retry with backoff"
		case after > schedule[0]:
			return "Wait " + Wait(after) + ", then back off: " + ScheduleText(schedule)
		}
		return "Back off: " + ScheduleText(schedule)
	}
	return "Retry: " + strategy
}

// Answer says in a word whether to retry under the policy, for tables: "Yes", "No" or
// "Depends".
func (r Retry) Answer() string {
	switch r.Strategy {
	case "never", "":
		return "No"
	case "conditional":
		return "Depends"
	}
	return "Yes"
}

// retryAfterHeader is the name of the header that says how long to wait: the API's own, else
// Retry-After.
func retryAfterHeader(a *API) string {
	if a != nil && a.Headers.RetryAfter != "" {
		return a.Headers.RetryAfter
	}
	return "Retry-After"
}

// Short is the policy in a few words, for badges: "Retry after Retry-After", "Do not retry".
// a, the API the policy belongs to, may be nil.
func (r Retry) Short(a *API) string {
	switch r.Strategy {
	case "never", "":
		return "Do not retry"
	case "retry-after":
		return "Retry after " + retryAfterHeader(a)
	case "backoff":
		return "Retry with backoff"
	case "conditional":
		return "Only after a change"
	}
	return r.Strategy
}

// Summary says in one sentence when to retry under the policy, naming the API's wait header
// (a may be nil) and, for backoff, the schedule (ScheduleText).
func (r Retry) Summary(a *API) string {
	switch r.Strategy {
	case "never", "":
		return "Do not retry: the same request fails the same way until something changes."
	case "retry-after":
		return "Retry once the " + retryAfterHeader(a) + " header's wait has passed, with the identical request."
	case "backoff":
		return "Retry with exponential backoff: wait " + ScheduleText(r.Schedule()) + "."
	case "conditional":
		return "Not as it is: the same request fails until something changes; the condition is below."
	}
	return ""
}

// A Reason is a status code with its reason phrase.
type Reason struct {
	Status int
	Phrase string
}

// ReasonPhrases are the HTTP reason phrases, as RFC 9110 names them (422 is "Unprocessable
// Content", 413 "Content Too Large"), in order of status. A slice rather than a map: a map
// literal is built by code at start-up, which costs the playground's module bytes.
var ReasonPhrases = []Reason{
	{100, "Continue"}, {101, "Switching Protocols"}, {200, "OK"}, {201, "Created"}, {202, "Accepted"},
	{203, "Non-Authoritative Information"}, {204, "No Content"}, {205, "Reset Content"},
	{206, "Partial Content"}, {300, "Multiple Choices"}, {301, "Moved Permanently"}, {302, "Found"},
	{303, "See Other"}, {304, "Not Modified"}, {307, "Temporary Redirect"},
	{308, "Permanent Redirect"}, {400, "Bad Request"}, {401, "Unauthorized"},
	{402, "Payment Required"}, {403, "Forbidden"}, {404, "Not Found"}, {405, "Method Not Allowed"},
	{406, "Not Acceptable"}, {407, "Proxy Authentication Required"}, {408, "Request Timeout"},
	{409, "Conflict"}, {410, "Gone"}, {411, "Length Required"}, {412, "Precondition Failed"},
	{413, "Content Too Large"}, {414, "URI Too Long"}, {415, "Unsupported Media Type"},
	{416, "Range Not Satisfiable"}, {417, "Expectation Failed"}, {421, "Misdirected Request"},
	{422, "Unprocessable Content"}, {423, "Locked"}, {424, "Failed Dependency"}, {425, "Too Early"},
	{426, "Upgrade Required"}, {428, "Precondition Required"}, {429, "Too Many Requests"},
	{431, "Request Header Fields Too Large"}, {451, "Unavailable For Legal Reasons"},
	{500, "Internal Server Error"}, {501, "Not Implemented"}, {502, "Bad Gateway"},
	{503, "Service Unavailable"}, {504, "Gateway Timeout"}, {505, "HTTP Version Not Supported"},
	{507, "Insufficient Storage"}, {508, "Loop Detected"}, {511, "Network Authentication Required"},
}

// ReasonPhrase is status's reason phrase, or "" when it has none.
func ReasonPhrase(status int) string {
	for _, r := range ReasonPhrases {
		if r.Status == status {
			return r.Phrase
		}
	}
	return ""
}

// StatusText writes a status with its reason phrase, "422 Unprocessable Content", or the
// number alone when it has none.
func StatusText(status int) string {
	if r := ReasonPhrase(status); r != "" {
		return strconv.Itoa(status) + " " + r
	}
	return strconv.Itoa(status)
}

// Resolve follows s's $ref chain through the API's named schemas and returns the schema it ends
// at: s itself when it has no ref, nil when a ref names no schema or the chain loops (it cannot
// be longer than the API has schemas). The site and the request checks both resolve through it.
func (a *API) Resolve(s *Schema) *Schema {
	for hops := 0; s != nil && s.Ref != ""; hops++ {
		if hops > len(a.Schemas) {
			return nil
		}
		s = a.Schemas[s.Ref]
	}
	return s
}
