package catalog

import "testing"

func TestSchedule(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    Retry
		want string
	}{
		{"doubling", Retry{Strategy: "backoff", BaseSeconds: 1, CapSeconds: 30, Attempts: 5}, "1 s, 2 s, 4 s, 8 s, 16 s, then stop"},
		{"capped", Retry{Strategy: "backoff", BaseSeconds: 2, CapSeconds: 10, Attempts: 5}, "2 s, 4 s, 8 s, 10 s, 10 s, then stop"},
		{"minutes", Retry{Strategy: "backoff", BaseSeconds: 30, CapSeconds: 90, Attempts: 3}, "30 s, 1 min, 1 min 30 s, then stop"},
		{"sub-second", Retry{Strategy: "backoff", BaseSeconds: 0.5, Attempts: 2}, "500 ms, 1 s, then stop"},
		{"defaults", Retry{Strategy: "backoff"}, "1 s, 2 s, 4 s, 8 s, 16 s, then stop"},
		{"bounded", Retry{Strategy: "backoff", BaseSeconds: 1, Attempts: 1000}, "1 s, 2 s, 4 s, 8 s, 16 s, 30 s, 30 s, 30 s, 30 s, 30 s, 30 s, 30 s, 30 s, 30 s, 30 s, 30 s, 30 s, 30 s, 30 s, 30 s, then stop"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ScheduleText(tc.r.Schedule()); got != tc.want {
				t.Errorf("ScheduleText(Schedule()) = %q, want %q", got, tc.want)
			}
		})
	}
	if s := (Retry{Strategy: "never"}).Schedule(); s != nil {
		t.Errorf("a never policy has the schedule %v", s)
	}
}

func TestWait(t *testing.T) {
	for s, want := range map[float64]string{0: "0 s", 0.25: "250 ms", 1: "1 s", 1.5: "1.5 s", 2.25: "2.3 s", 59: "59 s", 60: "1 min", 90: "1 min 30 s", 90.5: "90.5 s", 3600: "60 min"} {
		if got := Wait(s); got != want {
			t.Errorf("Wait(%v) = %q, want %q", s, got, want)
		}
	}
}

func TestRetryPlan(t *testing.T) {
	for _, tc := range []struct {
		strategy  string
		retryable bool
		after     float64
		schedule  []float64
		want      string
	}{
		{"never", false, 0, nil, "Do not retry"},
		{"retry-after", true, 90, []float64{90}, "Retry in 1 min 30 s"},
		{"retry-after", true, 1, []float64{1, 2}, "Back off: 1 s, 2 s, then stop"},
		{"backoff", true, 1, []float64{1, 2, 4}, "Back off: 1 s, 2 s, 4 s, then stop"},
		{"backoff", true, 10, []float64{1, 2}, "Wait 10 s, then back off: 1 s, 2 s, then stop"},
		{"conditional", false, 0, nil, "Only after a change"},
		{"conditional", false, 30, nil, "Only after a change"},
	} {
		if got := RetryPlan(tc.strategy, tc.retryable, tc.after, tc.schedule); got != tc.want {
			t.Errorf("RetryPlan(%s, %v, %v, %v) = %q, want %q", tc.strategy, tc.retryable, tc.after, tc.schedule, got, tc.want)
		}
	}
}

func TestStatusText(t *testing.T) {
	for status, want := range map[int]string{422: "422 Unprocessable Content", 413: "413 Content Too Large", 429: "429 Too Many Requests", 599: "599"} {
		if got := StatusText(status); got != want {
			t.Errorf("StatusText(%d) = %q, want %q", status, got, want)
		}
	}
}

func TestResolve(t *testing.T) {
	a := &API{Schemas: map[string]*Schema{
		"A": {Ref: "B"}, "B": {Type: []string{"string"}},
		"L1": {Ref: "L2"}, "L2": {Ref: "L1"},
	}}
	for _, tc := range []struct {
		in   *Schema
		want *Schema
	}{
		{&Schema{Ref: "A"}, a.Schemas["B"]},
		{a.Schemas["B"], a.Schemas["B"]},
		{&Schema{Ref: "missing"}, nil},
		{&Schema{Ref: "L1"}, nil},
		{nil, nil},
	} {
		if got := a.Resolve(tc.in); got != tc.want {
			t.Errorf("Resolve(%+v) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// TestRetryWords holds the retry policy's words, which the pages, their Markdown twins and the
// MCP server's pages all take from here.
func TestRetryWords(t *testing.T) {
	own := &API{Headers: Headers{RetryAfter: "X-Wait"}}
	for _, tc := range []struct {
		name                   string
		r                      Retry
		a                      *API
		answer, short, summary string
	}{
		{"never", Retry{Strategy: "never"}, nil, "No", "Do not retry", "Do not retry: the same request fails the same way until something changes."},
		{"unset", Retry{}, nil, "No", "Do not retry", "Do not retry: the same request fails the same way until something changes."},
		{"retry-after", Retry{Strategy: "retry-after"}, nil, "Yes", "Retry after Retry-After", "Retry once the Retry-After header's wait has passed, with the identical request."},
		{"own header", Retry{Strategy: "retry-after"}, own, "Yes", "Retry after X-Wait", "Retry once the X-Wait header's wait has passed, with the identical request."},
		{"backoff", Retry{Strategy: "backoff", BaseSeconds: 2, Attempts: 3}, nil, "Yes", "Retry with backoff", "Retry with exponential backoff: wait 2 s, 4 s, 8 s, then stop."},
		{"conditional", Retry{Strategy: "conditional"}, nil, "Depends", "Only after a change", "Not as it is: the same request fails until something changes; the condition is below."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.Answer(); got != tc.answer {
				t.Errorf("Answer() = %q, want %q", got, tc.answer)
			}
			if got := tc.r.Short(tc.a); got != tc.short {
				t.Errorf("Short() = %q, want %q", got, tc.short)
			}
			if got := tc.r.Summary(tc.a); got != tc.summary {
				t.Errorf("Summary() = %q, want %q", got, tc.summary)
			}
		})
	}
}
