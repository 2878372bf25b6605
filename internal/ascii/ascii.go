// Package ascii holds the ASCII-only string helpers that the engine's packages share. Unlike
// strings.ToLower they change no byte but an ASCII letter, so an offset into the result is an
// offset into the input. It imports only the standard library.
package ascii

import "strings"

// Lower lowers ASCII letters only, so byte offsets stay the same as in s. It returns s itself
// when s has no upper-case ASCII letter.
func Lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// lower maps each byte to itself, an upper-case ASCII letter to its lower case.
var lower = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// EqualLower reports whether s, its ASCII letters lowered, begins with the lower-case a. s must
// be at least as long as a.
func EqualLower(s, a string) bool {
	for i := 0; i < len(a); i++ {
		if lower[s[i]] != a[i] {
			return false
		}
	}
	return true
}

// IndexFold is the index of the first match of the lower-case ASCII word in text, with
// letters matched regardless of case, or -1. word must start with a byte that has no case, such
// as '<'. Unlike an index into strings.ToLower(text), it is an index into text itself: lowering
// invalid UTF-8 changes its length.
func IndexFold(text, word string) int {
	for i := 0; i+len(word) <= len(text); {
		j := strings.IndexByte(text[i:], word[0])
		if j < 0 || i+j+len(word) > len(text) {
			return -1
		}
		i += j
		if EqualLower(text[i:i+len(word)], word) {
			return i
		}
		i++
	}
	return -1
}
