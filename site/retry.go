package site

import (
	"github.com/errdocs/errdocs/catalog"
)

// Retry advice in words, from a catalog retry policy: the words are the catalog's
// (catalog.Retry's Answer, Short and Summary), so the pages and their Markdown twins say the same.

// scheduleText is a backoff policy as a schedule: "1 s, 2 s, 4 s, 8 s, 16 s, then stop"
// (catalog.Retry.Schedule, worded by catalog.ScheduleText); "" for any other policy.
func scheduleText(r catalog.Retry) string {
	if ws := r.Schedule(); len(ws) > 0 {
		return catalog.ScheduleText(ws)
	}
	return ""
}

// retryWord answers "should I retry?" in a word (catalog.Retry.Answer).
func retryWord(r catalog.Retry) string { return r.Answer() }

// retryClass is the badge style for retryWord.
func retryClass(r catalog.Retry) string {
	switch r.Answer() {
	case "No":
		return "retry-no"
	case "Depends":
		return "retry-maybe"
	}
	return "retry-yes"
}

// retrySummary says in one sentence when to retry (catalog.Retry.Summary).
func retrySummary(r catalog.Retry, a *catalog.API) string { return r.Summary(a) }

// retryShort is a policy in a few words, for badges (catalog.Retry.Short).
func retryShort(r catalog.Retry, a *catalog.API) string { return r.Short(a) }

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
