package catalog

import "testing"

// TestNewCompilesHintsLazily checks that a new catalog's hints still match, their patterns
// compiled on first use, that a bad pattern never matches instead of failing, and that Check
// finds it.
func TestNewCompilesHintsLazily(t *testing.T) {
	c, err := New([]*API{{ID: "a", Errors: []*Entry{{Code: "X", Status: 400, Hints: []Hint{
		{Message: "(?i)secret key", Cause: "key"},
		{Field: "^Required$", Cause: "field"},
		{Message: "(", Cause: "bad"},
	}}}}})
	if err != nil {
		t.Fatal(err)
	}
	h := c.APIs[0].Errors[0].Hints
	if h[0].messageRE != nil {
		t.Error("New compiled a hint's pattern")
	}
	if !h[0].Matches("needs a SECRET KEY", "", nil, nil) || h[0].Matches("other", "", nil, nil) {
		t.Error("message hint")
	}
	if !h[1].Matches("", "", nil, []string{"Invalid", "Required"}) || h[1].Matches("", "", nil, []string{"Invalid"}) {
		t.Error("field hint")
	}
	if h[2].Matches("(", "", nil, nil) {
		t.Error("a pattern that does not compile matched")
	}
	if err := c.Check(); err == nil {
		t.Error("Check accepted a bad pattern")
	}
}
