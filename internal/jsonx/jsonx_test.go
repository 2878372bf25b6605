package jsonx

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzJSON checks that the forgiving JSON reader agrees with encoding/json on what is valid.
func FuzzJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,2,{"b":null}]}`, `"\u00e9\ud83d\ude00"`, `{"a":`, `[1,]`, `{"a" 1}`, `-0.5e3`, `tru`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, end, cut, err := Parse(s)
		valid := json.Valid([]byte(s))
		if valid {
			if n == nil || err != nil || cut {
				t.Fatalf("valid JSON %q: node=%v err=%v cut=%v", s, n != nil, err, cut)
			}
			if strings.TrimSpace(s[end:]) != "" {
				t.Fatalf("valid JSON %q read only to %d", s, end)
			}
		}
	})
}

// FuzzQuote checks the two quoting modes: Go's against encoding/json, and that both read back
// as the string (JS's keeps invalid UTF-8 as it is, so only valid strings are compared).
func FuzzQuote(f *testing.F) {
	for _, s := range []string{"", "plain", "q\"b\\s", "\b\f\n\r\t\x00\x1f", "\u2028\u2029", "\xff\xfe", "é😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		want = []byte(strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(want)))
		if got := AppendQuote(nil, s, Go); string(got) != string(want) {
			t.Fatalf("AppendQuote(%q, Go) = %s, want %s", s, got, want)
		}
		if !utf8.ValidString(s) {
			return
		}
		var back string
		if err := json.Unmarshal([]byte(Quote(s, JS)), &back); err != nil || back != s {
			t.Fatalf("Quote(%q, JS) reads back as %q (%v)", s, back, err)
		}
	})
}

// FuzzNumber checks ValidNumber against encoding/json.
func FuzzNumber(f *testing.F) {
	for _, s := range []string{"0", "-0", "01", "1.", "1.5e", "1e+5", "-", "1E-07", "123456789012345678901234567890"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" || strings.ContainsAny(s, " \t\n\r") {
			return
		}
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		var v any
		// The whole input must be the value: More would not see a stray "]" after it.
		valid := dec.Decode(&v) == nil && dec.InputOffset() == int64(len(s))
		if _, ok := v.(json.Number); !ok {
			valid = false
		}
		if got := ValidNumber(s); got != valid {
			t.Fatalf("ValidNumber(%q) = %v, encoding/json says %v", s, got, valid)
		}
	})
}

func TestScanNumber(t *testing.T) {
	for _, tc := range []struct {
		name, s         string
		intEnd, end, at int
		fault           NumberFault
	}{
		{"integer", "42,", 2, 2, 2, NumberOK},
		{"fraction", "1.5]", 1, 3, 3, NumberOK},
		{"exponent", "-2e+10", 2, 6, 6, NumberOK},
		{"leading zero", "01", 1, 1, 1, NumberOK},
		{"bare minus", "-x", 0, 0, 1, NoInteger},
		{"point without digits", "1.x", 1, 1, 2, NoFraction},
		{"exponent without digits", "1.5e+", 1, 3, 5, NoExponent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := ScanNumber(tc.s)
			if n.Int != tc.intEnd || n.End != tc.end || n.At != tc.at || n.Fault != tc.fault {
				t.Errorf("ScanNumber(%q) = %+v", tc.s, n)
			}
		})
	}
}

func TestUnescape(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		r       rune
		n       int
		fault   EscapeFault
	}{
		{"named", `\n`, '\n', 2, EscapeOK},
		{"solidus", `\/`, '/', 2, EscapeOK},
		{"unicode", `\u00e9`, 'é', 6, EscapeOK},
		{"pair", `\ud83d\ude00`, '😀', 12, EscapeOK},
		{"lone surrogate", `\ud83d\u0041`, utf8.RuneError, 6, EscapeOK},
		{"end", `\`, 0, 1, EscapeEnd},
		{"unknown", `\x`, 0, 1, EscapeUnknown},
		{"short hex", `\u12`, 0, 2, HexEnd},
		{"bad hex", `\u12g4`, 0, 2, HexBad},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, n, fault := Unescape(tc.s)
			if r != tc.r || n != tc.n || fault != tc.fault {
				t.Errorf("Unescape(%q) = %q, %d, %d; want %q, %d, %d", tc.s, r, n, fault, tc.r, tc.n, tc.fault)
			}
		})
	}
}
