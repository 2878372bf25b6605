package engine

import (
	"math"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/internal/instant"
	"github.com/errdocs/errdocs/internal/jsonx"
	"github.com/errdocs/errdocs/internal/lazyre"
	"github.com/errdocs/errdocs/internal/printf"
	"github.com/errdocs/errdocs/internal/timetext"
)

// Step 4: advise. The retry advice joins the catalog's policy with what this response says:
// Retry-After as seconds or as an HTTP date, RateLimit-Reset, a retry hint in the body.

func (e *explainer) advise() {
	v := e.v
	var policy catalog.Retry
	switch {
	case e.entry != nil:
		policy = e.entry.Retry
		// A conditional page that also stands for a 5xx (a codeless page for several
		// statuses) follows the API's policy for that status when it allows a retry.
		if policy.Strategy == "conditional" && v.Status >= 500 && e.api != nil {
			if p := e.api.RetryFor(v.Status); p.Retryable() {
				policy = p
			}
		}
	case e.api != nil && v.Status != 0:
		policy = e.api.RetryFor(v.Status)
	default:
		policy = genericRetry(v.Status)
	}
	policy, said := e.override(policy)
	v.Retry = e.retry(policy)
	if said != "" {
		v.Retry.Detail = strings.TrimSpace(said + " " + v.Retry.Detail)
	}
}

// genericRetry is the policy for a status when no catalog speaks for it.
func genericRetry(status int) catalog.Retry {
	switch status {
	case 408, 425, 429:
		return catalog.Retry{Strategy: "retry-after"}
	case 500, 502, 503, 504:
		return catalog.Retry{Strategy: "backoff"} // the catalog's default schedule
	}
	return catalog.Retry{Strategy: "never"}
}

func (e *explainer) retry(p catalog.Retry) Retry {
	r := Retry{Strategy: p.Strategy, Retryable: p.Retryable(), Schedule: []float64{}}
	if r.Strategy == "" {
		r.Strategy = "never"
	}
	wait, source := e.waitHint()
	var detail []string
	switch r.Strategy {
	case "retry-after":
		if wait >= 0 {
			r.AfterSeconds = wait
			r.Schedule = []float64{wait}
			detail = append(detail, printf.Sprintf("Retry in %s (%s).", catalog.Wait(wait), source))
		} else {
			r.Schedule = catalog.Backoff(0, 0, 0)
			r.AfterSeconds = 1
			if source != "" {
				detail = append(detail, "This response gives a date to retry at ("+source+") but no Date header to count from, so back off: "+catalog.ScheduleText(r.Schedule)+".")
			} else {
				detail = append(detail, "This response says nothing of when to retry (no Retry-After), so back off: "+catalog.ScheduleText(r.Schedule)+".")
			}
		}
	case "backoff":
		r.Schedule = p.Schedule()
		r.AfterSeconds = r.Schedule[0]
		if wait > r.AfterSeconds {
			r.AfterSeconds = wait
			detail = append(detail, printf.Sprintf("Wait at least %s (%s), then back off: %s.", catalog.Wait(wait), source, catalog.ScheduleText(r.Schedule)))
		} else {
			detail = append(detail, "Retry after "+catalog.ScheduleText(r.Schedule)+".")
		}
	case "never":
		if p.Detail == "" {
			detail = append(detail, "Do not retry this request as it is: fix it first.")
		}
	case "conditional":
		if wait >= 0 {
			r.AfterSeconds = wait
		}
	}
	if p.Detail != "" {
		detail = append(detail, p.Detail)
	}
	r.Detail = strings.Join(detail, " ")
	r.Plan = catalog.RetryPlan(r.Strategy, r.Retryable, r.AfterSeconds, r.Schedule)
	return r
}

// waitHint finds how long this response asks to wait, and where it said so; -1 if it doesn't,
// with where it said so when that was a date it could not count from (no Date header, no clock).
func (e *explainer) waitHint() (float64, string) {
	undated := ""
	resp := e.p.resp
	name := "Retry-After"
	if e.api != nil && e.api.Headers.RetryAfter != "" {
		name = e.api.Headers.RetryAfter
	}
	if d, ok := e.retryDelay(); ok {
		return d, "the body's " + e.f.retryDelayPath[strings.LastIndexAny(e.f.retryDelayPath, ".]")+1:] + ": " + e.f.retryDelay
	}
	if h, ok := resp.header(name); ok {
		if s, ok := parseRetryAfter(h, resp, e.now); ok {
			if s >= 0 {
				return s, "Retry-After: " + h
			}
			undated = "Retry-After: " + h
		} else {
			e.problem("warning", printf.Sprintf("%s is %q, which is neither a number of seconds nor an HTTP date.", name, printf.Clip(h, 60)), -1)
		}
	}
	reset := "RateLimit-Reset"
	if e.api != nil && e.api.Headers.RateLimitReset != "" {
		reset = e.api.Headers.RateLimitReset
	}
	for _, n := range []string{reset, "X-RateLimit-Reset"} {
		if h, ok := resp.header(n); ok {
			if f, err := strconv.ParseFloat(strings.TrimSpace(h), 64); err == nil && f >= 0 {
				if f > 1e9 { // a Unix time, as some APIs send
					ref, ok := reference(resp, e.now)
					if !ok {
						continue
					}
					f = math.Max(0, f-float64(ref.Unix()))
				}
				return f, n + ": " + h
			}
		}
	}
	if e.b != nil && e.b.root != nil {
		for _, p := range []string{"error.details.retryAfter", "details.retryAfter", "retryAfter", "retry_after"} {
			if n := e.b.root.Get(p); n != nil && n.Kind == jsonx.Number {
				if f, err := strconv.ParseFloat(n.Str, 64); err == nil && f >= 0 {
					return f, "the body's " + p
				}
			}
		}
	}
	return -1, undated
}

// reference is the time a response's relative dates count from: its Date header, else now;
// false when it has neither (no clock).
func reference(resp *response, now func() instant.Time) (instant.Time, bool) {
	if d, ok := resp.header("Date"); ok {
		if t, ok := parseHTTPDate(d); ok {
			return t, true
		}
	}
	if now == nil {
		return instant.Time{}, false
	}
	return now(), true
}

// parseRetryAfter reads a Retry-After value, seconds or an HTTP date; a date counts from the
// response's Date header, else from now. A date with neither is read (true) but gives no wait
// (-1).
func parseRetryAfter(h string, resp *response, now func() instant.Time) (float64, bool) {
	h = strings.TrimSpace(h)
	if n, err := strconv.ParseFloat(h, 64); err == nil && n >= 0 {
		return n, true
	}
	t, ok := parseHTTPDate(h)
	if !ok {
		return 0, false
	}
	ref, ok := reference(resp, now)
	if !ok {
		return -1, true
	}
	return math.Max(0, math.Ceil(t.Sub(ref).Seconds())), true
}

// parseHTTPDate reads an HTTP date in any of its three forms, as time.Parse would (see
// internal/timetext, which keeps time.Parse out of the WebAssembly module).
func parseHTTPDate(s string) (instant.Time, bool) { return timetext.HTTPDate(strings.TrimSpace(s)) }

var (
	patternRE = lazyre.New(`(?i)match(?:es)? (?:the )?pattern\s+(\S+)`)
	expectRE  = lazyre.New(`(?i)expected (\w+), received (\w+)`)
	enumRE    = lazyre.New(`(?i)expected ('[^']*'(?:\s*\|\s*'[^']*')+)`)
)

// fieldHint says how to mend one field issue.
func fieldHint(is issue) string {
	msg := strings.TrimSpace(is.message)
	low := msg
	if strings.ContainsAny(msg, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		low = strings.ToLower(msg)
	}
	path := "`" + is.path + "`"
	if is.path == "" {
		path = "the field"
	}
	switch {
	case isRequiredMessage(msg, is.code) && is.path != "":
		return "Add " + path + " to the request body."
	case strings.Contains(low, "invalid email") || strings.Contains(low, "must be a valid email"):
		return "Send " + path + " as a full address, such as name@example.com, with no spaces or display name."
	case strings.Contains(low, "uuid"):
		return "Send " + path + " as a UUID, such as 3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c."
	}
	if !strings.Contains(low, "pattern") && !strings.Contains(low, "expected") {
		return codeHint(is.code, path)
	}
	if m := patternRE().FindStringSubmatch(msg); m != nil {
		hint := "Make " + path + " match " + m[1] + "."
		if strings.Contains(m[1], "(s|m|h|d)") {
			hint += ` Write a number and a unit, such as "7d", "12h", "30m" or "45s".`
		}
		return hint
	}
	if m := enumRE().FindStringSubmatch(msg); m != nil {
		return "Use one of " + strings.ReplaceAll(m[1], "'", "\"") + " for " + path + "."
	}
	if m := expectRE().FindStringSubmatch(msg); m != nil {
		return printf.Sprintf("Send %s as a %s, not a %s.", path, m[1], m[2])
	}
	return codeHint(is.code, path)
}

// codeHint says how to mend a field issue from its code alone (zod's codes, as Plunk sends them).
func codeHint(code, path string) string {
	switch code {
	case "too_small":
		return "Make " + path + " longer or larger: it is under the minimum."
	case "too_big":
		return "Make " + path + " shorter or smaller: it is over the maximum."
	case "invalid_enum_value":
		return "Use one of the values the docs list for " + path + "."
	case "reserved_event":
		return "Pick an event name outside the reserved ones (email.*, contact.subscribed, contact.unsubscribed, segment.*.entry and segment.*.exit)."
	}
	return ""
}

func statusTitle(status int) string {
	if status == 0 {
		return "Unrecognised response"
	}
	if catalog.ReasonPhrase(status) != "" {
		return catalog.StatusText(status)
	}
	return printf.Sprintf("HTTP %d", status)
}

func statusMeaning(status int) string {
	switch {
	case status == 0:
		return "errdocs could not tell which API sent this or what status it had."
	case status < 300:
		return "The request succeeded: this is not an error."
	case status < 400:
		return "A redirect: the resource lives at the Location header's URL."
	}
	switch status {
	case 400:
		return "The server could not accept the request as sent."
	case 401:
		return "The request's credentials are missing or not accepted."
	case 402:
		return "The account must pay or upgrade before this request is allowed."
	case 403:
		return "The credentials were understood but do not allow this request."
	case 404:
		return "The URL or the resource it names does not exist."
	case 405:
		return "The path exists, but not for this method."
	case 409:
		return "The request conflicts with the resource's current state."
	case 413:
		return "The body is larger than the server accepts."
	case 415:
		return "The server does not accept the body's Content-Type."
	case 422:
		return "The body was read but its values did not pass validation."
	case 429:
		return "Too many requests in too short a time."
	case 500:
		return "The server failed while handling the request."
	case 501:
		return "The server does not implement this endpoint."
	case 502:
		return "A gateway or proxy got a bad answer, or none, from the server behind it."
	case 503:
		return "The service is down or overloaded for now."
	case 504:
		return "A gateway or proxy gave up waiting for the server behind it."
	}
	if status < 500 {
		return "The server refused the request as sent."
	}
	return "The server failed to answer the request."
}

func statusFix(status int) []string {
	switch {
	case status == 401:
		return []string{"Send the API key in the Authorization header as the API documents (usually Bearer <key>), and check that the key is current."}
	case status == 429:
		return []string{"Wait for Retry-After, then retry; slow the request rate."}
	case status >= 500:
		return []string{"Retry with exponential backoff; if it persists, contact the API's support with the request id."}
	case status >= 400:
		return []string{"Read the message and fix the request before sending it again."}
	}
	return []string{}
}
