package site

import (
	"math"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/site/apiref"
)

// Retry advice in words, from a catalog retry policy.

// retrySchedule lists the waits of a backoff policy: base, doubling, capped, one per attempt.
func retrySchedule(r catalog.Retry) []float64 {
	if r.Strategy != "backoff" || r.BaseSeconds <= 0 || r.Attempts <= 0 {
		return nil
	}
	out := make([]float64, 0, r.Attempts)
	w := r.BaseSeconds
	for i := 0; i < r.Attempts; i++ {
		if r.CapSeconds > 0 {
			w = math.Min(w, r.CapSeconds)
		}
		out = append(out, w)
		w *= 2
	}
	return out
}

// seconds writes a wait for people: "500 ms", "1 s", "1.5 s", "2 min", "1 min 30 s".
func seconds(s float64) string {
	switch {
	case s < 1:
		return strconv.FormatFloat(s*1000, 'f', -1, 64) + " ms"
	case s >= 60 && math.Mod(s, 1) == 0:
		m, rest := int(s)/60, int(s)%60
		if rest == 0 {
			return strconv.Itoa(m) + " min"
		}
		return strconv.Itoa(m) + " min " + strconv.Itoa(rest) + " s"
	}
	return strconv.FormatFloat(s, 'f', -1, 64) + " s"
}

// scheduleText is a backoff policy as a schedule: "1 s, 2 s, 4 s, 8 s, 16 s, then stop".
func scheduleText(r catalog.Retry) string {
	ws := retrySchedule(r)
	if len(ws) == 0 {
		return ""
	}
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = seconds(w)
	}
	return strings.Join(parts, ", ") + ", then stop"
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
		return "Retry only in the case described below."
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
		return "Retry sometimes"
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

// statusText is "429 Too Many Requests" (apiref.StatusText), for the templates.
func statusText(status int) string { return apiref.StatusText(status) }
