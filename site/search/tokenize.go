package search

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Tokenize calls f with every term of text, in order. Terms are lower case; runs of letters,
// digits and "_"; a word with "_" (an error code) is kept whole and then split into its parts;
// plurals are folded ("keys" → "key", "retries" → "retry"), except in words with digits or "_".
//
// static/search.js's words function makes the same terms of a query, and testdata/tokens.json
// holds both to it. So Tokenize does what the script's JavaScript does, where Go would do
// otherwise: it lowers the whole text before it finds words, with JavaScript's toLowerCase
// (lowerJS), and it measures a word for folding in UTF-16 units.
func Tokenize(text string, f func(term string)) {
	isWord := func(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) }
	text = lowerJS(text)
	start := -1
	word := func(end int) {
		w := strings.Trim(text[start:end], "_")
		start = -1
		if w == "" {
			return
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
	for i, r := range text {
		switch {
		case isWord(r) && start < 0:
			start = i
		case !isWord(r) && start >= 0:
			word(i)
		}
	}
	if start >= 0 {
		word(len(text))
	}
}

// fold folds a plural to its singular, as search.js does.
func fold(w string) string {
	if strings.ContainsAny(w, "0123456789_") {
		return w
	}
	n := jsLength(w)
	if n > 4 && strings.HasSuffix(w, "ies") {
		return w[:len(w)-3] + "y"
	}
	if n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
		return w[:len(w)-1]
	}
	return w
}

// jsLength is a string's length in JavaScript: in UTF-16 code units.
func jsLength(s string) int {
	n := 0
	for _, r := range s {
		if utf16.IsSurrogate(r) || r > 0xFFFF {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// lowerJS lowers s as JavaScript's String.prototype.toLowerCase does. That is Go's
// strings.ToLower but for the two full case mappings Unicode applies whatever the language:
// "İ" (U+0130) becomes "i" and a combining dot above, and a capital sigma at the end of a word
// becomes "ς" (Final_Sigma).
func lowerJS(s string) string {
	if !strings.ContainsAny(s, "\u0130\u03a3") {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	for i, r := range s {
		switch r {
		case '\u0130':
			b.WriteString("i\u0307")
		case '\u03a3':
			if finalSigma(s, i) {
				b.WriteRune('ς')
			} else {
				b.WriteRune('σ')
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// finalSigma reports whether the capital sigma at s[i] ends a word, by Unicode's Final_Sigma
// condition: a cased letter comes before it, and none after it, with case-ignorable characters
// between them skipped.
func finalSigma(s string, i int) bool {
	before := false
	for j := i; j > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		j -= n
		if !caseIgnorable(r) {
			before = cased(r)
			break
		}
	}
	if !before {
		return false
	}
	for _, r := range s[i+len("Σ"):] {
		if !caseIgnorable(r) {
			return !cased(r)
		}
	}
	return true
}

// cased is Unicode's Cased property: upper, lower or title case letters and their like.
func cased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

// caseIgnorable is Unicode's Case_Ignorable property: marks, format characters, modifier letters
// and symbols, and the characters that may sit inside a word (Word_Break MidLetter, MidNumLet
// and Single_Quote).
func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '\u00b7', '\u0387', '\u055f', '\u05f4', '\u2018', '\u2019', '\u2024',
		'\u2027', '\ufe13', '\ufe52', '\ufe55', '\uff07', '\uff0e', '\uff1a':
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}
