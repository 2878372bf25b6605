package search

import "testing"

// TestTermsWeight checks the weight a page's terms carry, as the index and errdocs mcp's lookup
// read it: the fields a term occurs in add up, the body adds a little, and an absent term is 0.
func TestTermsWeight(t *testing.T) {
	d := Terms{}
	d.Add("RATE_LIMIT_EXCEEDED", FieldCode)
	d.Add("429", FieldStatus)
	d.Add("Rate limit exceeded", FieldTitle)
	d.Add("retry later, retry", FieldBody)
	for _, tc := range []struct {
		term string
		want int32
	}{
		{"rate_limit_exceeded", 40},
		{"429", 32},
		{"rate", 40 + 20}, // a part of the code, and a word of the title
		{"retry", 4},      // twice in the body: round(4 × ln 3)
		{"absent", 0},
	} {
		if got := d.Weight(tc.term); got != tc.want {
			t.Errorf("Weight(%q) = %d, want %d", tc.term, got, tc.want)
		}
	}
}
