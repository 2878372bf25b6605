package catalog

import "strings"

// RFC 9457 problem details name the error by their "type", a URI. The code errdocs files such
// an error under is one word of it, read the same way everywhere: by the engine for a body from
// any API, by a catalog shape sent as application/problem+json, and by errdocs init when it
// collects an OpenAPI description's codes.

// ProblemTypeCode is the code a problem type URI stands for: its last segment, after the last
// "/", "#" or ":" (a trailing "/" ignored). "https://example.com/probs/out-of-credit" and
// "/cam/error-types/access-key-already-exists" give "out-of-credit" and
// "access-key-already-exists". "about:blank", the type that says no more than the status, and
// "" give "".
func ProblemTypeCode(typ string) string {
	t := strings.TrimRight(strings.TrimSpace(typ), "/")
	if t == "" || strings.EqualFold(t, "about:blank") {
		return ""
	}
	return t[strings.LastIndexAny(t, "/#:")+1:]
}

// IsProblem reports whether the shape is RFC 9457 problem details: its content type is
// application/problem+json.
func (s *Shape) IsProblem() bool {
	ct, _, _ := strings.Cut(s.ContentType, ";")
	return strings.EqualFold(strings.TrimSpace(ct), "application/problem+json")
}

// CodeAt is the code a body of this shape carries, given the alternative of Code present in it
// (a plain path such as "type") and the text there: that text, except in problem details, where
// the text at "type" is ProblemTypeCode of the URI.
func (s *Shape) CodeAt(alt, text string) string {
	if alt == "type" && s.IsProblem() {
		return ProblemTypeCode(text)
	}
	return text
}

// CodeOptional reports whether a body of this shape may carry no code by design: problem
// details whose code is read from the type (alone, or after "code"), where "about:blank" (also
// the type of a body without one) says the error means no more than its status.
func (s *Shape) CodeOptional() bool {
	if !s.IsProblem() {
		return false
	}
	for _, alt := range strings.Split(s.Code, "|") {
		if strings.TrimSpace(alt) == "type" {
			return true
		}
	}
	return false
}
