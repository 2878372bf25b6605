package catalog

import "testing"

func TestProblemTypeCode(t *testing.T) {
	for _, tc := range []struct{ typ, want string }{
		{"https://example.com/probs/out-of-credit", "out-of-credit"},
		{"/cam/error-types/access-key-already-exists", "access-key-already-exists"},
		{"https://developer.nexmo.com/api-errors#unauthorized", "unauthorized"},
		{"https://example.com/errors/conflict/", "conflict"},
		{"urn:problem-type:belgif:badRequest", "badRequest"},
		{"validation.error", "validation.error"},
		{"about:blank", ""},
		{" ", ""},
		{"", ""},
	} {
		if got := ProblemTypeCode(tc.typ); got != tc.want {
			t.Errorf("ProblemTypeCode(%q) = %q, want %q", tc.typ, got, tc.want)
		}
	}
}

func TestShapeCodeAt(t *testing.T) {
	uri := "https://example.com/probs/out-of-credit"
	for _, tc := range []struct {
		s        Shape
		alt      string
		want     string
		optional bool
	}{
		{Shape{Code: "type", ContentType: "application/problem+json"}, "type", "out-of-credit", true},
		{Shape{Code: "code | type", ContentType: "Application/Problem+JSON; charset=utf-8"}, "type", "out-of-credit", true},
		{Shape{Code: "code | type", ContentType: "application/problem+json"}, "code", uri, true},
		{Shape{Code: "type", ContentType: "application/json"}, "type", uri, false}, // not problem details: the text as sent
		{Shape{Code: "code", ContentType: "application/problem+json"}, "code", uri, false},
	} {
		if got := tc.s.CodeAt(tc.alt, uri); got != tc.want {
			t.Errorf("%+v: CodeAt(%q) = %q, want %q", tc.s, tc.alt, got, tc.want)
		}
		// Only a code read from the type may be absent by design ("about:blank").
		if opt := tc.s.CodeOptional(); opt != tc.optional {
			t.Errorf("%+v: CodeOptional = %v", tc.s, opt)
		}
	}
}
