package ascii

import "testing"

func TestLower(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{"lower already", "x-api-key", "x-api-key"},
		{"mixed", "Authorization: Bearer", "authorization: bearer"},
		{"non-ASCII kept", "ÄPI-Key", "Äpi-key"},
		{"offsets kept", "İD", "İd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Lower(tc.in); got != tc.want {
				t.Errorf("Lower(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := Lower(tc.in); len(got) != len(tc.in) {
				t.Errorf("Lower(%q) has %d bytes, want %d", tc.in, len(got), len(tc.in))
			}
		})
	}
}

func TestIndexFold(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"<html>", 0}, {"x <HTML>", 2}, {"\x83\x83\x83<html", 3}, {"<ht", -1}, {"<htm <HtMl", 5}, {"", -1}, {"<<html", 1},
	} {
		if got := IndexFold(c.text, "<html"); got != c.want {
			t.Errorf("IndexFold(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}
