package engine

import (
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/internal/printf"
)

// What the response itself says about retrying overrides the catalog's policy: a header that
// answers yes or no (the shape's should_retry, such as Stripe-Should-Retry, then
// X-Should-Retry), the wait a body asks for (AIP-193's RetryInfo), and, when no catalog page
// speaks for the error, a Retry-After header. Each names itself in the advice.

// override returns the policy the response asks for in place of p, and a sentence that says
// which header asked, to lead the advice ("" when the policy's detail says it).
func (e *explainer) override(p catalog.Retry) (catalog.Retry, string) {
	var names [2]string
	if e.shape != nil {
		names[0] = e.shape.ShouldRetry
	}
	names[1] = "X-Should-Retry"
	for _, name := range names {
		if name == "" {
			continue
		}
		h, ok := e.p.resp.header(name)
		if !ok {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "false":
			return catalog.Retry{Strategy: "never", Detail: printf.Sprintf("The response says not to retry (%s: %s): the same request would fail again.", name, strings.TrimSpace(h))}, ""
		case "true":
			said := printf.Sprintf("The response says the same request may succeed if sent again (%s: %s).", name, strings.TrimSpace(h))
			if p.Retryable() {
				return p, said
			}
			// Retry-After, when there is one, gives the wait; else back off.
			return catalog.Retry{Strategy: "retry-after"}, said
		}
	}
	if _, ok := e.retryDelay(); ok && !p.Retryable() {
		return catalog.Retry{Strategy: "retry-after"}, ""
	}
	if e.entry == nil && p.Strategy == "never" {
		name := "Retry-After"
		if e.api != nil && e.api.Headers.RetryAfter != "" {
			name = e.api.Headers.RetryAfter
		}
		if h, ok := e.p.resp.header(name); ok {
			if _, ok := parseRetryAfter(h, e.p.resp, e.now); ok {
				return catalog.Retry{Strategy: "retry-after"}, ""
			}
		}
	}
	return p, ""
}

// retryDelay reads the wait the body asks for at the shape's retry_delay: seconds, or a
// protobuf Duration in JSON such as "3.5s" (AIP-193's RetryInfo).
func (e *explainer) retryDelay() (float64, bool) {
	s := strings.TrimSpace(e.f.retryDelay)
	if s == "" {
		return 0, false
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 {
		return f, true
	}
	// A Duration in JSON is seconds with the suffix "s" ("3.5s", "30s"), and nothing else.
	if f, err := strconv.ParseFloat(strings.TrimSuffix(s, "s"), 64); err == nil && f >= 0 && strings.HasSuffix(s, "s") {
		return f, true
	}
	return 0, false
}
