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

func TestShapeCodeOf(t *testing.T) {
	uri := "https://example.com/probs/out-of-credit"
	for _, tc := range []struct {
		s    Shape
		want string
	}{
		{Shape{Code: "type", ContentType: "application/problem+json"}, "out-of-credit"},
		{Shape{Code: "type", ContentType: "Application/Problem+JSON; charset=utf-8"}, "out-of-credit"},
		{Shape{Code: "type", ContentType: "application/json"}, uri}, // not problem details: the text as sent
		{Shape{Code: "code", ContentType: "application/problem+json"}, uri},
	} {
		if got := tc.s.CodeOf(uri); got != tc.want {
			t.Errorf("%+v: CodeOf = %q, want %q", tc.s, got, tc.want)
		}
		// Only a code read from the type may be absent by design ("about:blank").
		if opt := tc.s.CodeOptional(); opt != (tc.want != uri) {
			t.Errorf("%+v: CodeOptional = %v", tc.s, opt)
		}
	}
}
