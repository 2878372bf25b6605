package jsonx

import (
	"unicode/utf16"
	"unicode/utf8"
)

// Reading strings: one escape sequence at a time, for the forgiving reader (tree.go) and the
// playground's strict one (internal/jsonlite), which differ in what they do around it.

// An EscapeFault says why Unescape could not read an escape sequence.
type EscapeFault uint8

const (
	// EscapeOK: the escape was read.
	EscapeOK EscapeFault = iota
	// EscapeEnd: the text ended right after the backslash.
	EscapeEnd
	// EscapeUnknown: the backslash is followed by a character JSON does not escape.
	EscapeUnknown
	// HexEnd: the text ended inside the four hex digits of a \u escape.
	HexEnd
	// HexBad: a \u escape is not followed by four hex digits.
	HexBad
)

// MaxEscape is the length of the longest escape Unescape reads, a surrogate pair (\uD83D\uDE00).
const MaxEscape = 12

// Unescape reads the escape sequence at the start of s, which starts with a backslash: \" \\ \/
// \b \f \n \r \t or \uXXXX. It returns the character and the length of the escape. Two \u
// escapes that make a UTF-16 surrogate pair are one character; a surrogate without its pair
// reads as U+FFFD and the next escape is left for the next call, as encoding/json reads it. An
// escape is at most MaxEscape bytes long, so a reader of bytes passes no more than that.
func Unescape(s string) (rune, int, EscapeFault) {
	if len(s) < 2 {
		return 0, len(s), EscapeEnd
	}
	switch e := s[1]; e {
	case '"', '\\', '/':
		return rune(e), 2, EscapeOK
	case 'b':
		return '\b', 2, EscapeOK
	case 'f':
		return '\f', 2, EscapeOK
	case 'n':
		return '\n', 2, EscapeOK
	case 'r':
		return '\r', 2, EscapeOK
	case 't':
		return '\t', 2, EscapeOK
	case 'u':
	default:
		return 0, 1, EscapeUnknown
	}
	r, fault := hex4(s, 2)
	if fault != EscapeOK {
		return 0, 2, fault
	}
	if !utf16.IsSurrogate(r) {
		return r, 6, EscapeOK
	}
	if len(s) >= 8 && s[6] == '\\' && s[7] == 'u' {
		if r2, f := hex4(s, 8); f == EscapeOK {
			if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
				return dec, MaxEscape, EscapeOK
			}
		}
	}
	return utf8.RuneError, 6, EscapeOK
}

// hex4 reads four hex digits at s[i:].
func hex4(s string, i int) (rune, EscapeFault) {
	if len(s)-i < 4 {
		return 0, HexEnd
	}
	var r rune
	for k := i; k < i+4; k++ {
		v := hexVal(s[k])
		if v < 0 {
			return 0, HexBad
		}
		r = r*16 + v
	}
	return r, EscapeOK
}

func hexVal(c byte) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	case c >= 'a' && c <= 'f':
		return rune(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return rune(c-'A') + 10
	}
	return -1
}
