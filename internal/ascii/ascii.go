// Package ascii holds the ASCII-only string helpers that the engine's packages share. Unlike
// strings.ToLower they change no byte but an ASCII letter, so an offset into the result is an
// offset into the input. It imports nothing.
package ascii

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
