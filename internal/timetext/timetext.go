// Package timetext reads the time layouts the engine checks (JSON Schema's date and date-time
// formats, HTTP dates in Retry-After and Date headers) with the same answers as time.Parse, but
// without it: time.Parse and the layout machinery behind it cost the playground's WebAssembly
// module about 18 KB of brotli.
//
// Each function follows time.Parse step by step for its layouts, quirks included: a layout's
// space matches one or more spaces, day and month names match in any case, the hour may have one
// digit, a fraction of a second is read after the seconds although the layout has none, and a
// day is checked against its month only at the end. The tests compare every function with
// time.Parse on tables of edge cases and under a fuzz target.
//
// A zone abbreviation does not move the instant (time.Parse reads "10:00 GMT+3" and "10:00 EST"
// as 10:00 UTC), with one exception left out on purpose: time.Parse gives an abbreviation the
// offset of the Local zone when Local uses it. HTTPDate always reads the clock as UTC, which is
// what time.Parse answers in the browser, where Local's zone is named by its offset ("UTC+1")
// and so never matches.
package timetext

import "time"

// Date reports whether time.Parse("2006-01-02", s) accepts s.
func Date(s string) bool {
	y, s, ok := longYear(s)
	s, ok2 := lit(s, "-", ok)
	mo, s, ok3 := num(s, true, ok2)
	s, ok4 := lit(s, "-", ok3 && mo >= 1 && mo <= 12)
	d, s, ok5 := num(s, true, ok4)
	return ok5 && s == "" && d >= 1 && d <= daysIn(mo, y)
}

// RFC3339 reports whether time.Parse accepts s with time.RFC3339 or, which accepts the same
// strings, time.RFC3339Nano: a lower-case t or z, a comma before the fraction, a one-digit hour
// and a zone offset up to +24:60 are what time.Parse answers, so they are this answer too.
func RFC3339(s string) bool {
	y, s, ok := longYear(s)
	s, ok = lit(s, "-", ok)
	mo, s, ok := num(s, true, ok)
	s, ok = lit(s, "-", ok && mo >= 1 && mo <= 12)
	d, s, ok := num(s, true, ok)
	s, ok = lit(s, "T", ok)
	_, _, _, s, ok = clock(s, ok)
	if !ok {
		return false
	}
	if s != "" && s[0] == 'Z' {
		s = s[1:]
	} else {
		if len(s) < 6 || s[3] != ':' || (s[0] != '+' && s[0] != '-') {
			return false
		}
		hr, _, okh := num(s[1:3], true, true)
		mm, _, okm := num(s[4:6], true, true)
		if !okh || !okm || hr > 24 || mm > 60 {
			return false
		}
		s = s[6:]
	}
	return s == "" && d >= 1 && d <= daysIn(mo, y)
}

// HTTPDate reads s as time.Parse does with time.RFC1123 ("Mon, 02 Jan 2006 15:04:05 MST"), then
// RFC 850's "Monday, 02-Jan-06 15:04:05 MST", then time.ANSIC ("Mon Jan _2 15:04:05 2006"), the
// three forms RFC 9110 lets a recipient read, and returns the first that accepts it.
func HTTPDate(s string) (time.Time, bool) {
	if t, ok := rfc1123(s); ok {
		return t, true
	}
	if t, ok := rfc850(s); ok {
		return t, true
	}
	return ansiC(s)
}

func rfc1123(s string) (time.Time, bool) {
	s, ok := name(s, shortDays, 3, true)
	s, ok = lit(s, ", ", ok)
	d, s, ok := num(s, true, ok)
	s, ok = lit(s, " ", ok)
	mo, s, ok := month(s, ok)
	s, ok = lit(s, " ", ok)
	y, s, ok := longYear2(s, ok)
	s, ok = lit(s, " ", ok)
	return clockZone(s, y, mo, d, ok)
}

func rfc850(s string) (time.Time, bool) {
	s, ok := longDay(s)
	s, ok = lit(s, ", ", ok)
	d, s, ok := num(s, true, ok)
	s, ok = lit(s, "-", ok)
	mo, s, ok := month(s, ok)
	s, ok = lit(s, "-", ok)
	y, s, ok := shortYear(s, ok)
	s, ok = lit(s, " ", ok)
	return clockZone(s, y, mo, d, ok)
}

func ansiC(s string) (time.Time, bool) {
	s, ok := name(s, shortDays, 3, true)
	s, ok = lit(s, " ", ok)
	mo, s, ok := month(s, ok)
	s, ok = lit(s, " ", ok)
	if ok && s != "" && s[0] == ' ' {
		s = s[1:]
	}
	d, s, ok := num(s, false, ok)
	s, ok = lit(s, " ", ok)
	h, mi, sec, s, ok := clock(s, ok)
	s, ok = lit(s, " ", ok)
	y, s, ok := longYear2(s, ok)
	if !ok || s != "" || d < 1 || d > daysIn(mo, y) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec.s, sec.ns, time.UTC), true
}

// clockZone reads "15:04:05 MST" to the end of s and builds the instant.
func clockZone(s string, y, mo, d int, ok bool) (time.Time, bool) {
	h, mi, sec, s, ok := clock(s, ok)
	s, ok = lit(s, " ", ok)
	s, ok = zone(s, ok)
	if !ok || s != "" || d < 1 || d > daysIn(mo, y) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec.s, sec.ns, time.UTC), true
}

type second struct{ s, ns int }

// clock reads "15:04:05" with time.Parse's rules: a one- or two-digit hour below 24, two-digit
// minutes and seconds below 60, then a fraction after a period or a comma if one follows.
func clock(s string, ok bool) (h, mi int, sec second, rest string, _ bool) {
	h, s, ok = num(s, false, ok)
	s, ok = lit(s, ":", ok && h < 24)
	mi, s, ok = num(s, true, ok)
	s, ok = lit(s, ":", ok && mi < 60)
	sec.s, s, ok = num(s, true, ok)
	if !ok || sec.s >= 60 {
		return 0, 0, second{}, s, false
	}
	if len(s) >= 2 && (s[0] == '.' || s[0] == ',') && isDigit(s, 1) {
		n := 2
		for n < len(s) && isDigit(s, n) {
			n++
		}
		// Nine digits count; time.Parse reads and drops the rest.
		digits := s[1:min(n, 10)]
		for i := range 9 {
			sec.ns *= 10
			if i < len(digits) {
				sec.ns += int(digits[i] - '0')
			}
		}
		s = s[n:]
	}
	return h, mi, sec, s, true
}

// zone skips a zone abbreviation as time.Parse's MST does. The instant does not depend on it:
// time.Parse keeps the clock as UTC and only labels it with the abbreviation, GMT+3's too.
func zone(s string, ok bool) (string, bool) {
	if !ok {
		return s, false
	}
	if len(s) >= 3 && s[:3] == "UTC" {
		return s[3:], true
	}
	n := zoneLen(s)
	return s[n:], n > 0
}

// zoneLen is time's parseTimeZone: the length of the abbreviation s starts with, 0 for none.
func zoneLen(s string) int {
	switch {
	case len(s) < 3:
		return 0
	case len(s) >= 4 && (s[:4] == "ChST" || s[:4] == "MeST"):
		return 4
	case s[:3] == "GMT":
		if len(s) == 3 {
			return 3
		}
		return 3 + signedOffsetLen(s[3:])
	case s[0] == '+' || s[0] == '-':
		return signedOffsetLen(s)
	}
	upper := 0
	for upper < 6 && upper < len(s) && s[upper] >= 'A' && s[upper] <= 'Z' {
		upper++
	}
	switch {
	case upper == 3:
		return 3
	case upper == 4 && (s[3] == 'T' || s[:4] == "WITA"):
		return 4
	case upper == 5 && s[4] == 'T':
		return 5
	}
	return 0
}

// signedOffsetLen is the length of a sign and an hour up to 23 at the start of s, 0 for none.
func signedOffsetLen(s string) int {
	if s[0] != '+' && s[0] != '-' {
		return 0
	}
	x, rest, ok := leadingInt(s[1:])
	if !ok || len(rest) == len(s)-1 || x > 23 {
		return 0
	}
	return len(s) - len(rest)
}

// leadingInt reads the digits s starts with; false when they overflow, as time's does.
func leadingInt(s string) (uint64, string, bool) {
	var x uint64
	i := 0
	for ; i < len(s) && isDigit(s, i); i++ {
		if x > 1<<63/10 {
			return 0, s, false
		}
		x = x*10 + uint64(s[i]-'0')
		if x > 1<<63 {
			return 0, s, false
		}
	}
	return x, s[i:], true
}

// lit matches the literal text of a layout as time's skip does: a space matches one or more
// spaces (or the end of s, where the next field then fails).
func lit(s, text string, ok bool) (string, bool) {
	if !ok {
		return s, false
	}
	for text != "" {
		if text[0] == ' ' {
			if s != "" && s[0] != ' ' {
				return s, false
			}
			text = trimSpaces(text)
			s = trimSpaces(s)
			continue
		}
		if s == "" || s[0] != text[0] {
			return s, false
		}
		text, s = text[1:], s[1:]
	}
	return s, true
}

func trimSpaces(s string) string {
	for s != "" && s[0] == ' ' {
		s = s[1:]
	}
	return s
}

// num is time's getnum: one or two digits, exactly two when fixed.
func num(s string, fixed, ok bool) (int, string, bool) {
	if !ok || !isDigit(s, 0) {
		return 0, s, false
	}
	if !isDigit(s, 1) {
		if fixed {
			return 0, s, false
		}
		return int(s[0] - '0'), s[1:], true
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), s[2:], true
}

// longYear reads 2006: four digits.
func longYear(s string) (int, string, bool) {
	if len(s) < 4 {
		return 0, s, false
	}
	y := 0
	for i := range 4 {
		if !isDigit(s, i) {
			return 0, s, false
		}
		y = y*10 + int(s[i]-'0')
	}
	return y, s[4:], true
}

func longYear2(s string, ok bool) (int, string, bool) {
	if !ok {
		return 0, s, false
	}
	return longYear(s)
}

// shortYear reads 06 as time.Parse does: two characters that its atoi reads, a sign allowed
// ("-5" is 1995), 69 and up in the 1900s, the rest in the 2000s.
func shortYear(s string, ok bool) (int, string, bool) {
	if !ok || len(s) < 2 {
		return 0, s, false
	}
	y, neg := 0, false
	switch {
	case isDigit(s, 0) && isDigit(s, 1):
		y = int(s[0]-'0')*10 + int(s[1]-'0')
	case (s[0] == '+' || s[0] == '-') && isDigit(s, 1):
		y, neg = int(s[1]-'0'), s[0] == '-'
	default:
		return 0, s, false
	}
	if neg {
		y = -y
	}
	if y >= 69 {
		return y + 1900, s[2:], true
	}
	return y + 2000, s[2:], true
}

const (
	shortDays   = "SunMonTueWedThuFriSat"
	shortMonths = "JanFebMarAprMayJunJulAugSepOctNovDec"
)

var longDays = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// month reads Jan in any case and returns 1 to 12.
func month(s string, ok bool) (int, string, bool) {
	if !ok {
		return 0, s, false
	}
	for i := 0; i < len(shortMonths); i += 3 {
		if len(s) >= 3 && fold(s[:3], shortMonths[i:i+3]) {
			return i/3 + 1, s[3:], true
		}
	}
	return 0, s, false
}

// name skips one of the n-letter names packed in tab, in any case.
func name(s, tab string, n int, ok bool) (string, bool) {
	if !ok || len(s) < n {
		return s, false
	}
	for i := 0; i < len(tab); i += n {
		if fold(s[:n], tab[i:i+n]) {
			return s[n:], true
		}
	}
	return s, false
}

// longDay skips Monday, in any case.
func longDay(s string) (string, bool) {
	for _, d := range longDays {
		if len(s) >= len(d) && fold(s[:len(d)], d) {
			return s[len(d):], true
		}
	}
	return s, false
}

// fold is time's match: equal but for the case of ASCII letters.
func fold(a, b string) bool {
	for i := range len(a) {
		c1, c2 := a[i], b[i]
		if c1 != c2 {
			c1 |= 'a' - 'A'
			c2 |= 'a' - 'A'
			if c1 != c2 || c1 < 'a' || c1 > 'z' {
				return false
			}
		}
	}
	return true
}

func isDigit(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

// daysIn is the number of days in month mo (1 to 12) of year y.
func daysIn(mo, y int) int {
	switch mo {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
