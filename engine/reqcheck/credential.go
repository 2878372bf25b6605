package reqcheck

import (
	"strings"

	"github.com/errdocs/errdocs/catalog"
)

// Credentials: how a key is told from a placeholder, and from the scheme word before it. The
// key checks (parts.go) use these, and so does the engine when a response refuses the key a
// request sent.

// placeholderKind says what a credential's value stands for when it is not a secret itself:
// "unset" for a variable that printed as undefined, null, None or nil; "variable" for a
// variable left to be expanded ($TOKEN, ${KEY}, %KEY%, process.env.KEY); "template" for a
// placeholder copied from docs (<YOUR_API_KEY>, {key}, YOUR_API_KEY, sk_…); "masked" for a
// value errdocs (or another tool) masked already. It returns "" for anything that may be a
// real secret.
func PlaceholderKind(v string) string {
	v = strings.Trim(v, `"'`)
	// A whole header value ("Bearer None", as a quoted value in a log) is judged by its key.
	if w, rest, ok := strings.Cut(v, " "); ok && (strings.EqualFold(w, "bearer") || strings.EqualFold(w, "token") || strings.EqualFold(w, "basic")) {
		v = strings.TrimSpace(rest)
	}
	switch strings.ToLower(v) {
	case "", "undefined", "null", "none", "nil", "nan", "[object object]", "false", "true", "bearer", "basic", "token":
		return "unset"
	}
	if strings.Contains(v, "****") || strings.Contains(v, "[REDACTED]") || strings.Contains(v, "[FILTERED]") {
		return "masked"
	}
	switch v[0] {
	case '$', '%':
		return "variable"
	case '<', '{', ':', '[':
		return "template"
	}
	up := strings.ToUpper(v)
	for _, w := range []string{"PROCESS.ENV", "OS.ENVIRON", "ENV[", "GETENV"} {
		if strings.Contains(up, w) {
			return "variable"
		}
	}
	// "sk_live_…" stands for a key; a long value with an ellipsis is a real one cut short.
	if (strings.Contains(v, "…") || strings.Contains(v, "...")) && len(v) < 32 {
		return "template"
	}
	for _, w := range []string{"YOUR", "XXXX", "REDACTED", "CHANGEME", "PLACEHOLDER", "EXAMPLE", "REPLACE"} {
		if strings.Contains(up, w) {
			return "template"
		}
	}
	letters := false
	for _, r := range v {
		if r >= 'A' && r <= 'Z' {
			letters = true
		} else if r != '_' {
			return ""
		}
	}
	if letters {
		return "template" // API_KEY, TOKEN
	}
	return ""
}

// keyKindOf returns the API's key format a token has, or nil.
func KeyKindOf(a *catalog.API, tok string) *catalog.KeyFormat {
	var best *catalog.KeyFormat
	for i := range a.Keys {
		k := &a.Keys[i]
		if strings.HasPrefix(tok, k.Prefix) && (best == nil || len(k.Prefix) > len(best.Prefix)) {
			best = k
		}
	}
	return best
}

// keyPlaceholder is placeholderKind as the key checks use it: a masked key whose kept prefix is
// one of the API's key formats ("pck_live_****c450") is a key of that kind, not a placeholder,
// so it returns "" for it.
func KeyPlaceholder(a *catalog.API, key string) string {
	kind := PlaceholderKind(key)
	if kind == "masked" && a != nil && KeyKindOf(a, strings.Trim(key, `"'`)) != nil {
		return ""
	}
	return kind
}

// schemeWords are the Authorization schemes that come before a key.
var schemeWords = []string{"Bearer", "Token", "Basic", "ApiKey", "Api-Key"}

func SchemeWord(w string) bool {
	for _, s := range schemeWords {
		if strings.EqualFold(w, s) {
			return true
		}
	}
	return false
}

// splitCredential splits a header's value into its scheme word and its key.
func SplitCredential(value string) (scheme, key string) {
	value = strings.TrimSpace(value)
	word, rest, _ := strings.Cut(value, " ")
	if SchemeWord(word) {
		return word, strings.TrimSpace(rest)
	}
	return "", value
}
