package schema

import "testing"

func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		format, value string
		ok            bool
	}{
		{"email", "jane@example.com", true},
		{"email", "jane.doe+tag@mail.example.co.uk", true},
		{"email", "o'brien@example.com", true},
		{"email", "jane.example.com", false},
		{"email", "jane@example", false},
		{"email", ".jane@example.com", false},
		{"email", "jane..doe@example.com", false},
		{"email", "jane.@example.com", false},
		{"email", "jane@-example.com", false},
		{"email", "jane@example.c", false},
		{"email", "jane@exa_mple.com", false},
		{"email", "", false},
		{"uuid", "9c4d5e1f-2a3b-4c5d-8e9f-0a1b2c3d4e5f", true},
		{"uuid", "9C4D5E1F-2A3B-4C5D-8E9F-0A1B2C3D4E5F", true},
		{"uuid", "9c4d5e1f2a3b4c5d8e9f0a1b2c3d4e5f", false},
		{"uuid", "not-a-uuid", false},
		{"uri", "https://hooks.example.com/puck", true},
		{"uri", "mailto:jane@example.com", true},
		{"uri", "hooks.example.com/puck", false},
		{"uri", "https://", false},
		{"uri", "https://exa mple.com", false},
		{"date-time", "2025-12-01T06:00:00Z", true},
		{"date-time", "2025-12-01T06:00:00.123+02:00", true},
		{"date-time", "2025-12-01", false},
		{"date-time", "next tuesday", false},
		{"hostname", "anything", true},
	} {
		if got := formatOK(tc.format, tc.value); got != tc.ok {
			t.Errorf("formatOK(%q, %q) = %v, want %v", tc.format, tc.value, got, tc.ok)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	v := &Validator{}
	for _, tc := range []struct {
		got, want string
	}{
		{"standrad", "standard"},
		{"all", "ALL"},
		{"false_positiv", "false_positive"},
		{"attachmen", "attachment"},
		{"segmnt", "SEGMENT"},
		{"everyone", ""},
		{"x", ""},
	} {
		is := &Issue{}
		v.didYouMean(is, []string{"quick", "standard", "deep", "ALL", "SEGMENT", "FILTERED", "false_positive", "attachment", "inline"}, tc.got)
		if is.FixTo != tc.want {
			t.Errorf("didYouMean(%q) = %q, want %q", tc.got, is.FixTo, tc.want)
		}
	}
}
