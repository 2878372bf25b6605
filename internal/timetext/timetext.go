// Package timetext reads the time layouts the engine checks (JSON Schema's date and date-time
// formats, HTTP dates in Retry-After and Date headers) with the same answers as time.Parse, but
// without it: time.Parse and the layout machinery behind it cost the playground's WebAssembly
// module about 12 KB of brotli.
//
// One reader, read, follows time.Parse step by step for a layout written in a code of one byte
// per field, and each format is one such layout. It keeps time.Parse's quirks: a layout's
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

import "github.com/errdocs/errdocs/internal/instant"

// The layouts in read's code: Y is 2006, y 06, M 01, D 02, _ _2, h 15, m 04, s 05 (and any
// fraction after it), b Jan, a Mon, A Monday, Z Z07:00, z MST; any other byte is itself.
const (
	dateLayout    = "Y-M-D"
	rfc3339Layout = "Y-M-DTh:m:sZ"
	rfc1123Layout = "a, D b Y h:m:s z"
	rfc850Layout  = "A, D-b-y h:m:s z"
	ansiCLayout   = "a b _ h:m:s Y"
)

// Date reports whether time.Parse("2006-01-02", s) accepts s.
func Date(s string) bool {
	_, ok := read(dateLayout, s)
	return ok
}

// RFC3339 reports whether time.Parse accepts s with time.RFC3339 or, which accepts the same
// strings, time.RFC3339Nano: a lower-case t or z, a comma before the fraction, a one-digit hour
// and a zone offset up to +24:60 are what time.Parse answers, so they are this answer too.
func RFC3339(s string) bool {
	_, ok := read(rfc3339Layout, s)
	return ok
}

// HTTPDate reads s as time.Parse does with time.RFC1123 ("Mon, 02 Jan 2006 15:04:05 MST"), then
// RFC 850's "Monday, 02-Jan-06 15:04:05 MST", then time.ANSIC ("Mon Jan _2 15:04:05 2006"), the
// three forms RFC 9110 lets a recipient read, and returns the first that accepts it.
func HTTPDate(s string) (instant.Time, bool) {
	for _, layout := range [...]string{rfc1123Layout, rfc850Layout, ansiCLayout} {
		if f, ok := read(layout, s); ok {
			return instant.Date(f.y, f.mo, f.d, f.h, f.mi, f.sec, f.ns), true
		}
	}
	return instant.Time{}, false
}

type fields struct{ y, mo, d, h, mi, sec, ns int }

var longDays = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

const shortMonths = "JanFebMarAprMayJunJulAugSepOctNovDec"

// read matches s against a layout in the code above as time.Parse matches the layout it
// stands for, and returns the fields.
func read(layout, s string) (f fields, _ bool) {
	for ; layout != ""; layout = layout[1:] {
		switch c := layout[0]; c {
		case ' ':
			// time's skip: a space matches one or more spaces, or the end of s (where the
			// next field then fails).
			if s != "" && s[0] != ' ' {
				return f, false
			}
			for s != "" && s[0] == ' ' {
				s = s[1:]
			}
		case 'Y':
			if len(s) < 4 {
				return f, false
			}
			for i := range 4 {
				if !isDigit(s, i) {
					return f, false
				}
				f.y = f.y*10 + int(s[i]-'0')
			}
			s = s[4:]
		case 'y':
			// time's atoi on two bytes: a sign is allowed ("-5" is 1995).
			if len(s) < 2 || !isDigit(s, 1) {
				return f, false
			}
			switch {
			case isDigit(s, 0):
				f.y = int(s[0]-'0')*10 + int(s[1]-'0')
			case s[0] == '+':
				f.y = int(s[1] - '0')
			case s[0] == '-':
				f.y = -int(s[1] - '0')
			default:
				return f, false
			}
			f.y += 2000
			if f.y >= 2069 {
				f.y -= 100
			}
			s = s[2:]
		case 'M', 'D', '_', 'h', 'm', 's':
			// time's getnum: one or two digits, two for the fields written with a zero.
			if c == '_' && s != "" && s[0] == ' ' {
				s = s[1:]
			}
			if !isDigit(s, 0) {
				return f, false
			}
			n, k := int(s[0]-'0'), 1
			if isDigit(s, 1) {
				n, k = n*10+int(s[1]-'0'), 2
			} else if c != '_' && c != 'h' {
				return f, false
			}
			s = s[k:]
			switch c {
			case 'M':
				f.mo = n
				if n < 1 || n > 12 {
					return f, false
				}
			case 'D', '_':
				f.d = n // checked against the month at the end, as time.Parse does
			case 'h':
				f.h = n
				if n >= 24 {
					return f, false
				}
			case 'm':
				f.mi = n
				if n >= 60 {
					return f, false
				}
			case 's':
				f.sec = n
				if n >= 60 {
					return f, false
				}
				// A fraction, although the layout has none: nine digits count, the rest are
				// read and dropped.
				if len(s) >= 2 && (s[0] == '.' || s[0] == ',') && isDigit(s, 1) {
					k := 1
					for ; isDigit(s, k); k++ {
						if k <= 9 {
							f.ns = f.ns*10 + int(s[k]-'0')
						}
					}
					for i := k; i <= 9; i++ {
						f.ns *= 10
					}
					s = s[k:]
				}
			}
		case 'b':
			k := 0
			for k < len(shortMonths) && (len(s) < 3 || !fold(s[:3], shortMonths[k:k+3])) {
				k += 3
			}
			if k == len(shortMonths) {
				return f, false
			}
			f.mo, s = k/3+1, s[3:]
		case 'a', 'A':
			// Any day name, in any case; time.Parse does not check it against the date.
			k := 0
			for ; k < len(longDays); k++ {
				d := longDays[k]
				if c == 'a' {
					d = d[:3]
				}
				if len(s) >= len(d) && fold(s[:len(d)], d) {
					s = s[len(d):]
					break
				}
			}
			if k == len(longDays) {
				return f, false
			}
		case 'Z':
			// Z, or an offset whose hours go to 24 and minutes to 60, as time.Parse allows.
			if s != "" && s[0] == 'Z' {
				s = s[1:]
				break
			}
			if len(s) < 6 || s[0] != '+' && s[0] != '-' || s[3] != ':' ||
				!isDigit(s, 1) || !isDigit(s, 2) || !isDigit(s, 4) || !isDigit(s, 5) ||
				s[1:3] > "24" || s[4:6] > "60" {
				return f, false
			}
			s = s[6:]
		case 'z':
			// A zone abbreviation, as time's parseTimeZone reads one. It does not move the
			// instant: time.Parse keeps the clock as UTC and labels it, GMT+3 too.
			n := 0
			switch {
			case len(s) >= 3 && s[:3] == "UTC":
				n = 3
			case len(s) >= 4 && (s[:4] == "ChST" || s[:4] == "MeST"):
				n = 4
			case len(s) >= 3 && s[:3] == "GMT":
				n = 3 + signedHour(s[3:])
			case len(s) >= 3:
				n = signedHour(s)
				upper := 0
				for upper < 6 && upper < len(s) && s[upper] >= 'A' && s[upper] <= 'Z' {
					upper++
				}
				switch {
				case n > 0:
				case upper == 3:
					n = 3
				case upper == 4 && (s[3] == 'T' || s[:4] == "WITA"):
					n = 4
				case upper == 5 && s[4] == 'T':
					n = 5
				}
			}
			if n == 0 {
				return f, false
			}
			s = s[n:]
		default:
			if s == "" || s[0] != c {
				return f, false
			}
			s = s[1:]
		}
	}
	return f, s == "" && f.d >= 1 && f.d <= daysIn(f.mo, f.y)
}

// signedHour is time's parseSignedOffset: the length of a sign and an hour up to 23 that s
// starts with, 0 for none.
func signedHour(s string) int {
	if s == "" || s[0] != '+' && s[0] != '-' {
		return 0
	}
	k, h := 1, 0
	for ; isDigit(s, k); k++ {
		if h <= 23 {
			h = h*10 + int(s[k]-'0')
		}
	}
	if k == 1 || h > 23 {
		return 0
	}
	return k
}

// fold is time's match: equal but for the case of ASCII letters.
func fold(a, b string) bool {
	for i := range len(a) {
		c1, c2 := a[i]|('a'-'A'), b[i]|('a'-'A')
		if a[i] != b[i] && (c1 != c2 || c1 < 'a' || c1 > 'z') {
			return false
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
