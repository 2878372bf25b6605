package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize calls f with every term of text, in order. Terms are lower case; runs of letters,
// digits and "_"; a word with "_" (an error code) is kept whole and then split into its parts;
// plurals are folded ("keys" → "key", "retries" → "retry"), except in words with digits or "_".
// static/search.js's words function makes the same terms of a query (testdata/tokens.json).
func Tokenize(text string, f func(term string)) {
	isWord := func(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) }
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !isWord(r) {
				break
			}
			j += n
		}
		w := strings.Trim(strings.ToLower(text[i:j]), "_")
		i = j
		if w == "" {
			continue
		}
		f(fold(w))
		if strings.Contains(w, "_") {
			for _, p := range strings.Split(w, "_") {
				if p != "" {
					f(fold(p))
				}
			}
		}
	}
}

// fold folds a plural to its singular, as search.js does.
func fold(w string) string {
	if strings.ContainsAny(w, "0123456789_") {
		return w
	}
	if len(w) > 4 && strings.HasSuffix(w, "ies") {
		return w[:len(w)-3] + "y"
	}
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
		return w[:len(w)-1]
	}
	return w
}
