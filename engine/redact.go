package engine

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/printf"
)

// Step 6: redact. Secrets are never echoed back. One pass runs over the finished verdict, with one
// table of secret patterns: the catalog's key formats, other vendors' well-known keys, bearer
// tokens, webhook secrets, and secrets in URLs, headers and bodies. No other code masks anything.

// secretPattern is one kind of secret. The regular expression's first group is the secret; keep
// says how many of its leading bytes may be shown (a key's public prefix).
type secretPattern struct {
	label string
	// anchors are lower-case strings one of which must occur in the text for the pattern to be
	// tried; they keep large pastes fast.
	anchors []string
	// back is how many bytes before an anchor a match may start.
	back int
	// near, when set, lists bytes one of which must follow an anchor within 48 bytes for a
	// match to be possible (the "=" of key=value); it saves trying the pattern at all.
	near string
	re   *regexp.Regexp
	keep func(secret string) int
	// rotate says a pasted secret of this kind should be rotated; test says it is a test key.
	rotate bool
}

func keepPrefix(n int) func(string) int { return func(string) int { return n } }

func keepNone(string) int { return 0 }

// keepUpTo keeps everything through the last of the given separators in the first part of a key
// ("sk_live_", "whsec_").
func keepThrough(sep string) func(string) int {
	return func(s string) int {
		if i := strings.LastIndex(clipBytes(s, 12), sep); i >= 0 {
			return i + len(sep)
		}
		return 0
	}
}

// formatSecrets are other vendors' keys, known by their own format. They are tried before the
// catalog's formats, whose short prefixes ("sk_") they would otherwise lose to.
var formatSecrets = []secretPattern{
	{back: 3, label: "Stripe-style live secret key", anchors: []string{"_live_"}, rotate: true,
		re: regexp.MustCompile(`\b((?:sk|rk)_live_[A-Za-z0-9]{8,})`), keep: keepThrough("_")},
	{back: 3, label: "Stripe-style test key", anchors: []string{"_test_"},
		re: regexp.MustCompile(`\b((?:sk|rk|pk)_test_[A-Za-z0-9]{8,})`), keep: keepThrough("_")},
	{back: 1, label: "Stripe-style publishable key", anchors: []string{"pk_live_"},
		re: regexp.MustCompile(`\b(pk_live_[A-Za-z0-9]{8,})`), keep: keepThrough("_")},
	{back: 1, label: "webhook signing secret", anchors: []string{"whsec_"}, rotate: true,
		re: regexp.MustCompile(`\b(whsec_[A-Za-z0-9+/=_-]{6,})`), keep: keepPrefix(6)},
	{back: 1, label: "GitHub token", anchors: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, rotate: true,
		re: regexp.MustCompile(`\b(gh[pousr]_[A-Za-z0-9]{20,})`), keep: keepPrefix(4)},
	{back: 1, label: "AWS access key id", anchors: []string{"akia"}, rotate: true,
		re: regexp.MustCompile(`\b(AKIA[0-9A-Z]{16})\b`), keep: keepPrefix(4)},
	{back: 1, label: "Slack token", anchors: []string{"xox"}, rotate: true,
		re: regexp.MustCompile(`\b(xox[abprs]-[A-Za-z0-9-]{10,})`), keep: keepPrefix(5)},
	{back: 1, label: "Google API key", anchors: []string{"aiza"}, rotate: true,
		re: regexp.MustCompile(`\b(AIza[0-9A-Za-z_-]{35})`), keep: keepPrefix(4)},
}

// contextSecrets are secrets known by where they stand (a header, a URL, a key name) rather
// than by their own format. They are tried after every format.
var contextSecrets = []secretPattern{
	{back: 1, label: "JSON Web Token", anchors: []string{"eyj"}, rotate: true,
		re: regexp.MustCompile(`\b(eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})`), keep: keepNone},
	{back: 40, near: "@", label: "password in a URL", anchors: []string{"://"}, rotate: true,
		re: regexp.MustCompile(`[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@"']+:([^@\s/"']+)@`), keep: keepNone},
	{back: 24, label: "secret in a URL query", anchors: []string{"key=", "token=", "secret=", "sig=", "signature=", "password=", "auth="}, rotate: true,
		re: regexp.MustCompile(`(?i)[?&](?:api[_-]?key|apikey|key|token|access[_-]?token|auth|secret|client[_-]?secret|signature|sig|password)=([^&\s"'#<>]{4,})`), keep: keepNone},
	{back: 1, label: "bearer token", anchors: []string{"bearer", "token"}, rotate: true,
		re: regexp.MustCompile(`(?i)\b(?:bearer|token)\s+([A-Za-z0-9._~+/=-]{8,})`), keep: keepNone},
	{back: 1, label: "Basic credentials", anchors: []string{"basic"}, rotate: true,
		re: regexp.MustCompile(`(?i)\bbasic\s+([A-Za-z0-9+/]{8,}={0,2})`), keep: keepNone},
	{back: 2, near: ":", label: "password in curl -u", anchors: []string{"-u", "--user"}, rotate: true,
		re: regexp.MustCompile(`(?:^|\s)(?:-u|--user)\s*['"]?[^:\s'"]+:([^\s'"]+)`), keep: keepNone},
	{back: 48, near: ":=", label: "secret value", anchors: []string{"password", "secret", "key", "token", "passwd"}, rotate: true,
		re: regexp.MustCompile(`(?i)["']?\b(?:password|passwd|secret|api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|client[_-]?secret|[a-z_]*signing_secret|private[_-]?key)["']?\s*[:=]\s*["']([^"'\s]{4,})["']`), keep: keepNone},
	{back: 48, near: "=", label: "session cookie", anchors: []string{"token", "session", "sid", "auth"}, rotate: true,
		re: regexp.MustCompile(`(?i)(?:^|[\s;:])(?:[a-z_]*(?:token|session|sid|auth)[a-z_]*)=([^;\s"']{8,})`), keep: keepNone},
}

// redactor holds the patterns for one catalog.
type redactor struct {
	patterns []secretPattern
	// byFirst lists the distinct anchors by their first byte, and pairs is a bit set of their
	// first two bytes; both are built once. Every anchor has at least two bytes.
	byFirst [256][]string
	pairs   [1024]uint64
	once    sync.Once
}

var redactors sync.Map // *catalog.Catalog → *redactor

func redactorFor(cat *catalog.Catalog) *redactor {
	if r, ok := redactors.Load(cat); ok {
		return r.(*redactor)
	}
	r := &redactor{}
	r.patterns = append(r.patterns, formatSecrets...)
	if cat != nil {
		for _, a := range cat.APIs {
			for _, k := range a.Keys {
				kind := k.Kind
				label := printf.Sprintf("%s %s key", a.Name, kind)
				r.patterns = append(r.patterns, secretPattern{
					back:    1,
					label:   label,
					anchors: []string{strings.ToLower(k.Prefix)},
					re:      regexp.MustCompile(`(?:^|[^A-Za-z0-9])(` + regexp.QuoteMeta(k.Prefix) + `[A-Za-z0-9_-]{8,})`),
					keep:    keepPrefix(len(k.Prefix)),
					rotate:  k.Secret && kind != "test",
				})
			}
			for _, sp := range a.SecretPaths {
				re := secretPathRE(sp)
				if re == nil {
					continue
				}
				anchor := strings.ToLower(sp)
				if i := strings.IndexByte(anchor, '{'); i > 0 {
					anchor = anchor[:i]
				}
				r.patterns = append(r.patterns, secretPattern{back: 1, label: a.Name + " secret URL path segment",
					anchors: []string{anchor}, re: re, keep: keepNone, rotate: true})
			}
		}
	}
	r.patterns = append(r.patterns, contextSecrets...)
	if cat != nil {
		redactors.Store(cat, r)
	}
	return r
}

// secretPathRE turns "/v1/hooks/{provider}/{secret}" into a pattern whose group is the secret.
func secretPathRE(tpl string) *regexp.Regexp {
	var b strings.Builder
	found := false
	for _, seg := range strings.Split(tpl, "/") {
		if seg == "" {
			continue
		}
		b.WriteString("/")
		switch {
		case seg == "{secret}":
			b.WriteString(`([^/\s?#"'<>]{4,})`)
			found = true
		case strings.HasPrefix(seg, "{"):
			b.WriteString(`[^/\s?#"'<>]+`)
		default:
			b.WriteString(regexp.QuoteMeta(seg))
		}
	}
	if !found {
		return nil
	}
	return regexp.MustCompile(b.String())
}

// secret is one secret found in a text.
type secret struct {
	start, end int
	value      string
	masked     string
	pattern    *secretPattern
}

// find returns the secrets in text, in order, without overlaps. A pattern runs only on windows
// around its anchors, never over the whole text, so a 1 MB paste costs a few string searches.
func (r *redactor) find(text string) []secret {
	hits := r.anchorHits(text)
	var out []secret
	for i := range r.patterns {
		p := &r.patterns[i]
		for _, a := range p.anchors {
			at := hits[a]
			scanned := -1 // end of the last window searched for this anchor
			for _, pos := range at {
				if pos < scanned {
					continue
				}
				if p.near != "" && strings.IndexAny(text[pos:min(len(text), pos+48)], p.near) < 0 {
					continue
				}
				start, end := window(text, pos, p.back)
				scanned = end
				for _, m := range p.re.FindAllStringSubmatchIndex(text[start:end], 100) {
					if len(m) < 4 || m[2] < 0 {
						continue
					}
					s, e := start+m[2], start+m[3]
					if overlaps(out, s, e) {
						continue
					}
					v := text[s:e]
					if strings.Contains(v, "****") || placeholder(v) {
						continue // already masked, or a placeholder in docs text
					}
					out = append(out, secret{start: s, end: e, value: v, masked: mask(v, p.keep(v)), pattern: p})
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// anchorHits finds every anchor of every pattern, in any case, in one pass over the text. A bit set of the first
// two bytes of every anchor rules out almost every position at the cost of one lookup; only the
// anchors that start with the byte found are then compared. It returns each anchor's offsets,
// at most 1,000.
func (r *redactor) anchorHits(lower string) map[string][]int {
	r.once.Do(func() {
		seen := map[string]bool{}
		for _, p := range r.patterns {
			for _, a := range p.anchors {
				if len(a) < 2 || seen[a] {
					continue
				}
				seen[a] = true
				r.byFirst[a[0]] = append(r.byFirst[a[0]], a)
				k := uint16(a[0])<<8 | uint16(a[1])
				r.pairs[k/64] |= 1 << (k % 64)
			}
		}
	})
	var hits map[string][]int
	text := lower // compared case-insensitively, byte by byte, so no lowered copy is made
	// The loop looks bytes up in lowerASCII rather than calling lowerByte: the playground's
	// module is built without inlining, and a call per byte made this scan 2x slower there.
	for i := 0; i+1 < len(text); i++ {
		c0 := lowerASCII[text[i]]
		k := uint16(c0)<<8 | uint16(lowerASCII[text[i+1]])
		if r.pairs[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		for _, a := range r.byFirst[c0] {
			if len(text)-i >= len(a) && equalLower(text[i:i+len(a)], a) {
				if hits == nil {
					hits = map[string][]int{}
				}
				if len(hits[a]) < 1000 {
					hits[a] = append(hits[a], i)
				}
			}
		}
	}
	return hits
}

// window is the stretch of text a pattern is tried on around an anchor at: from back bytes
// before it (not before the line's start) to the first delimiter at least 256 bytes on (not past
// the line's end), so a long token is never cut in two.
func window(text string, at, back int) (start, end int) {
	start = max(0, at-back)
	if i := strings.LastIndexByte(text[start:at], '\n'); i >= 0 {
		start += i + 1
	}
	end = min(len(text), at+256)
	if i := strings.IndexByte(text[at:end], '\n'); i >= 0 {
		return start, at + i
	}
	limit := min(len(text), end+4096)
	if i := strings.IndexAny(text[end:limit], " \t\r\n\"'&,;<>"); i >= 0 {
		return start, end + i
	}
	return start, limit
}

// lowerByte lowers an ASCII letter.
func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// lowerASCII maps each byte to lowerByte of it.
var lowerASCII = func() (t [256]byte) {
	for i := range t {
		t[i] = lowerByte(byte(i))
	}
	return t
}()

// equalLower reports whether s, lowered, equals the lower-case anchor a.
func equalLower(s, a string) bool {
	for i := 0; i < len(a); i++ {
		if lowerASCII[s[i]] != a[i] {
			return false
		}
	}
	return true
}

// placeholder reports whether v stands for a secret rather than being one: "{key}", "<token>",
// "$API_KEY", "YOUR_API_KEY", "sk_…".
func placeholder(v string) bool {
	if v == "" || strings.ContainsAny(v[:1], "{<:$%") || strings.Contains(v, "…") || strings.Contains(v, "...") {
		return true
	}
	upper := true
	for _, r := range v {
		if !(r >= 'A' && r <= 'Z' || r == '_') {
			upper = false
			break
		}
	}
	return upper
}

func overlaps(list []secret, s, e int) bool {
	for _, x := range list {
		if s < x.end && x.start < e {
			return true
		}
	}
	return false
}

// mask keeps the first keep bytes (a key's public prefix) and, for long keys, the last four,
// which are enough to tell which key it was without revealing it.
func mask(v string, keep int) string {
	if keep > len(v) {
		keep = len(v)
	}
	rest := len(v) - keep
	// Only a key with a known prefix shows its last four: a password's or a token's tail is a
	// piece of the secret itself.
	if keep > 0 && rest >= 20 {
		return v[:keep] + "****" + v[len(v)-4:]
	}
	return v[:keep] + "****"
}

// apply replaces the secrets in text.
func apply(text string, secrets []secret) string {
	if len(secrets) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for _, s := range secrets {
		b.WriteString(text[last:s.start])
		b.WriteString(s.masked)
		last = s.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// Redact masks every secret in text and describes each one it masked. The playground shows the
// paste through it, and share links carry only its output.
func Redact(cat *catalog.Catalog, text string) (string, []string) {
	r := redactorFor(cat)
	found := r.find(text)
	return apply(text, found), describe(found, text)
}

func describe(found []secret, text string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, s := range found {
		line := strings.Count(text[:s.start], "\n") + 1
		d := printf.Sprintf("%s %s (line %d)", s.pattern.label, s.masked, line)
		key := s.pattern.label + s.masked
		if !seen[key] {
			seen[key] = true
			out = append(out, d)
		}
	}
	return out
}

// redactVerdict masks secrets everywhere in v: those found in the paste, wherever they were
// copied, and any the patterns find in v's own text. It lists them in v.Redacted and advises
// rotating live ones. It returns the secrets found in the paste (in its first MaxPaste bytes).
func redactVerdict(cat *catalog.Catalog, text string, v *Verdict) []secret {
	r := redactorFor(cat)
	if len(text) > MaxPaste {
		text = text[:MaxPaste]
	}
	found := r.find(text)
	var rotate []string
	seen := map[string]bool{}
	for _, s := range found {
		if s.pattern.rotate && !seen[s.pattern.label+s.masked] {
			seen[s.pattern.label+s.masked] = true
			rotate = append(rotate, s.pattern.label+" "+s.masked)
		}
	}
	// Longest values first, so a secret that contains another is replaced whole.
	values := make([]secret, 0, len(found))
	values = append(values, found...)
	sort.Slice(values, func(i, j int) bool { return len(values[i].value) > len(values[j].value) })
	strs := []*string{&v.Title, &v.Meaning, &v.Cause, &v.Message, &v.Code, &v.RequestID, &v.Docs, &v.Retry.Detail,
		&v.Operation, &v.FixedRequest}
	if v.Predicted != nil {
		strs = append(strs, &v.Predicted.Text)
	}
	for i := range v.Fix {
		strs = append(strs, &v.Fix[i])
	}
	for i := range v.Fields {
		f := &v.Fields[i]
		strs = append(strs, &f.Path, &f.Message, &f.Hint, &f.Code)
	}
	for i := range v.Problems {
		strs = append(strs, &v.Problems[i].Message)
	}
	// First the secrets the paste held, wherever the verdict copied them.
	for _, sp := range strs {
		for _, x := range values {
			if strings.Contains(*sp, x.value) {
				*sp = strings.ReplaceAll(*sp, x.value, x.masked)
			}
		}
	}
	if v.Predicted != nil {
		v.Predicted.Body = replaceIn(v.Predicted.Body, func(s string) string {
			for _, x := range values {
				s = strings.ReplaceAll(s, x.value, x.masked)
			}
			return apply(s, r.find(s))
		})
	}
	// Then any the patterns find in the verdict's text that came from the paste (a secret the
	// paste held in another form, such as a JSON escape). Title, meaning and fix steps come from
	// the catalog, which holds no secrets. One search over all those strings; per-string work
	// only on a hit.
	derived := []*string{&v.Cause, &v.Message, &v.Code, &v.RequestID, &v.Retry.Detail, &v.FixedRequest}
	if v.Predicted != nil {
		derived = append(derived, &v.Predicted.Text)
	}
	for i := range v.Fields {
		f := &v.Fields[i]
		derived = append(derived, &f.Path, &f.Message, &f.Code)
	}
	for i := range v.Problems {
		derived = append(derived, &v.Problems[i].Message)
	}
	strs = derived
	var all strings.Builder
	for _, sp := range strs {
		all.WriteString(*sp)
		all.WriteString("\n\x00\n")
	}
	var extra []string
	if len(r.find(all.String())) > 0 {
		for _, sp := range strs {
			more := r.find(*sp)
			for _, x := range more {
				if x.pattern.rotate && !seen[x.pattern.label+x.masked] {
					seen[x.pattern.label+x.masked] = true
					rotate = append(rotate, x.pattern.label+" "+x.masked)
				}
				if !seen["extra"+x.masked] {
					seen["extra"+x.masked] = true
					extra = append(extra, x.pattern.label+" "+x.masked)
				}
			}
			*sp = apply(*sp, more)
		}
	}
	v.Redacted = append(v.Redacted, describe(found, text)...)
	v.Redacted = append(v.Redacted, extra...)
	if len(rotate) > 0 {
		v.Problems = append(v.Problems, Problem{Severity: "warning", Message: printf.Sprintf(
			"The paste held %s. errdocs masked it everywhere, but a secret that has been pasted should be treated as exposed: rotate %s.",
			joinAnd(rotate), plural(len(rotate), "it", "them"))})
	}
	sortProblems(v.Problems)
	return found
}

// replaceIn applies f to every string in x, a value made of maps, slices and scalars.
func replaceIn(x any, f func(string) string) any {
	switch t := x.(type) {
	case string:
		return f(t)
	case map[string]any:
		for k, v := range t {
			t[k] = replaceIn(v, f)
		}
	case []any:
		for i, v := range t {
			t[i] = replaceIn(v, f)
		}
	}
	return x
}

// asciiLower lowers ASCII letters only, so byte offsets stay the same as in s.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lowerByte(b[j])
			}
			return string(b)
		}
	}
	return s
}
