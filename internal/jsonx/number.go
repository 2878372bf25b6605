package jsonx

// Reading numbers: JSON's grammar, -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, once.

// A NumberFault says which part of a number a text began but did not finish.
type NumberFault uint8

const (
	// NumberOK: the number is whole (which is not to say the text ends with it).
	NumberOK NumberFault = iota
	// NoInteger: no digit where the integer part starts, after an optional minus sign.
	NoInteger
	// NoFraction: no digit after the decimal point.
	NoFraction
	// NoExponent: no digit in the exponent, after e or E and an optional sign.
	NoExponent
)

// NumberScan is what ScanNumber finds at the start of a text.
type NumberScan struct {
	// Int is the end of the integer part; End the end of the longest prefix that is a number
	// (0 for both when none is). A fraction or an exponent is in End only when it has a digit.
	Int, End int
	// Fault names the part the text began but did not finish; At is the offset of the byte
	// that broke it, or the text's length when the text ended first.
	Fault NumberFault
	At    int
}

// ScanNumber reads the JSON number at the start of s. Unlike strconv.ParseFloat it accepts
// numbers too large for a float64, as JSON does. A highlighter takes the longest number it can
// (End); a strict reader stops at the first fault (Fault, At).
func ScanNumber(s string) NumberScan {
	var r NumberScan
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		r.Fault, r.At = NoInteger, i
		return r
	}
	r.Int, r.End = i, i
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			r.Fault, r.At = NoFraction, i
			return r
		}
		r.End = i
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			r.Fault, r.At = NoExponent, i
			return r
		}
		r.End = i
	}
	r.At = i
	return r
}

// ValidNumber reports whether lit is exactly one JSON number.
func ValidNumber(lit string) bool {
	r := ScanNumber(lit)
	return r.Fault == NumberOK && r.End == len(lit)
}
