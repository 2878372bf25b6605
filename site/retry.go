package site

import (
	"github.com/errdocs/errdocs/catalog"
)

// Retry advice in words, from a catalog retry policy.

// scheduleText is a backoff policy as a schedule: "1 s, 2 s, 4 s, 8 s, 16 s, then stop"
// (catalog.Retry.Schedule, worded by catalog.ScheduleText); "" for any other policy.
func scheduleText(r catalog.Retry) string {
	if ws := r.Schedule(); len(ws) > 0 {
		return catalog.ScheduleText(ws)
	}
	return ""
}

// retryWord answers "should I retry?" in a word, for tables: "Yes", "No" or "Depends".
func retryWord(r catalog.Retry) string {
	switch r.Strategy {
	case "never", "":
		return "No"
	case "conditional":
		return "Depends"
	}
	return "Yes"
}

// retryClass is the badge style for retryWord.
func retryClass(r catalog.Retry) string {
	switch retryWord(r) {
	case "No":
		return "retry-no"
	case "Depends":
		return "retry-maybe"
	}
	return "retry-yes"
}

// retrySummary says in one sentence when to retry under policy r, naming the API's
// Retry-After header when it has one.
func retrySummary(r catalog.Retry, a *catalog.API) string {
	header := "Retry-After"
	if a != nil && a.Headers.RetryAfter != "" {
		header = a.Headers.RetryAfter
	}
	switch r.Strategy {
	case "never", "":
		return "Do not retry: the same request fails the same way until something changes."
	case "retry-after":
		return "Retry once the " + header + " header's wait has passed, with the identical request."
	case "backoff":
		return "Retry with exponential backoff: wait " + scheduleText(r) + "."
	case "conditional":
		return "Not as it is: the same request fails until something changes; the condition is below."
	}
	return ""
}

// retryShort is a policy in a few words, for badges: "Retry after Retry-After".
func retryShort(r catalog.Retry, a *catalog.API) string {
	switch r.Strategy {
	case "never", "":
		return "Do not retry"
	case "retry-after":
		header := "Retry-After"
		if a != nil && a.Headers.RetryAfter != "" {
			header = a.Headers.RetryAfter
		}
		return "Retry after " + header
	case "backoff":
		return "Retry with backoff"
	case "conditional":
		return "Only after a change"
	}
	return r.Strategy
}

// statusClass is the badge style of an HTTP status.
func statusClass(status int) string {
	switch status / 100 {
	case 5:
		return "badge s5"
	case 4:
		return "badge s4"
	}
	return "badge s2"
}

// statusText is "429 Too Many Requests" (catalog.StatusText), for the templates.
func statusText(status int) string { return catalog.StatusText(status) }
