package engine

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/reqcheck"
	"github.com/errdocs/errdocs/internal/printf"
)

// Step 6: redact. Secrets are never echoed back. One pass runs over the finished verdict, with one
// table of secret patterns: the catalog's key formats, other vendors' well-known keys, bearer
// tokens, webhook secrets, and secrets in URLs, headers and bodies. No other code masks anything.

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
	r.patterns = append(append(r.patterns, blockSecrets...), formatSecrets...)
	if cat != nil {
		for _, a := range cat.APIs {
			for _, k := range a.Keys {
				kind := k.Kind
				label := printf.Sprintf("%s %s key", a.Name, kind)
				r.patterns = append(r.patterns, secretPattern{
					back:    1,
					label:   label,
					anchors: []string{strings.ToLower(k.Prefix)},
					re:      compiled(regexp.MustCompile(`(?:^|[^A-Za-z0-9])(` + regexp.QuoteMeta(k.Prefix) + `[A-Za-z0-9_-]{8,})`)),
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
					anchors: []string{anchor}, re: compiled(re), keep: keepNone, rotate: true})
			}
		}
	}
	r.patterns = append(r.patterns, contextSecrets...)
	if cat != nil {
		redactors.Store(cat, r)
	}
	return r
}

// compiled is a catalog's own pattern as a secretPattern holds it (the shared table's patterns
// are compiled on first use).
func compiled(re *regexp.Regexp) func() *regexp.Regexp { return func() *regexp.Regexp { return re } }

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

// minEcho is the shortest secret whose other occurrences in a paste are masked too: shorter
// values (a four-letter password) would mask ordinary words.
const minEcho = 6

// find returns the secrets in text, in order, without overlaps. A pattern runs only on windows
// around its anchors, never over the whole text, and no window is searched twice for the same
// anchor, so the cost grows linearly with the text. A secret found once is then masked wherever
// else it occurs (a response that echoes the key back).
func (r *redactor) find(text string) []secret {
	hits := r.anchorHits(text)
	if len(hits) == 0 {
		return nil
	}
	var out []secret
	taken := spans{}
	for i := range r.patterns {
		p := &r.patterns[i]
		for _, a := range p.anchors {
			scanned := -1 // end of the last window searched for this anchor
			for _, pos := range hits[a] {
				if pos < scanned {
					continue
				}
				if p.near != "" && !strings.ContainsAny(text[pos:min(len(text), pos+64)], p.near) {
					continue
				}
				at := pos
				if p.nameOK != nil {
					// The name around the anchor must say it holds a secret: judged before any
					// pattern runs, this rules out "key_count" or "author" at the cost of a scan
					// over the name.
					ns, ne := nameAround(text, pos)
					if ne-ns > 128 || !p.nameOK(text[ns:ne]) {
						continue
					}
					at = ns
				}
				start, end := window(text, at, p)
				scanned = end
				for _, m := range p.re().FindAllStringSubmatchIndex(text[start:end], -1) {
					s, e, ok := p.secretIn(text[start:end], m)
					if !ok {
						continue
					}
					s, e = start+s, start+e
					if taken.overlaps(s, e) {
						continue
					}
					v := text[s:e]
					taken.add(s, e)
					out = append(out, secret{start: s, end: e, value: v, masked: mask(v, p.keep(v)), pattern: p})
				}
			}
		}
	}
	out = append(out, echoes(text, out, &taken)...)
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// secretIn picks the secret out of one match m in w: the first group that took part, after the
// name group. It reports false for a name that holds no secret, and for a value that is no
// secret: masked already, a placeholder, or too short to be one.
func (p *secretPattern) secretIn(w string, m []int) (start, end int, ok bool) {
	first := 1
	if p.name > 0 {
		if m[2*p.name] < 0 || !p.nameOK(w[m[2*p.name]:m[2*p.name+1]]) {
			return 0, 0, false
		}
		first = p.name + 1
	}
	for g := first; 2*g+1 < len(m); g++ {
		if m[2*g] >= 0 {
			start, end = m[2*g], m[2*g+1]
			break
		}
	}
	v := w[start:end]
	if p.always {
		// A PEM key's body is a secret whatever it holds, unless it starts with the mask (a
		// body masked already, whatever follows it). Its line breaks at either end (raw or
		// escaped in JSON) stay, so the layout does.
		start, end = trimBreaks(w, start, end)
		return start, end, end > start && !strings.HasPrefix(w[start:end], "****")
	}
	if gluedToMask(w, start, end) {
		return 0, 0, false
	}
	if end-start < 3 || reqcheck.PlaceholderKind(v) != "" || p.valueOK != nil && !p.valueOK(v) {
		return 0, 0, false
	}
	return start, end, true
}

// nameAround returns the bounds of the name (letters, digits and "_.-") around text[pos].
func nameAround(text string, pos int) (start, end int) {
	start, end = pos, pos
	for start > 0 && pos-start < 256 && nameByte[text[start-1]] {
		start--
	}
	for end < len(text) && end-pos < 256 && nameByte[text[end]] {
		end++
	}
	return start, end
}

// nameByte marks the bytes of a header's, field's or variable's name.
var nameByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
	}
	return t
}()

// trimBreaks moves start and end past the white space and escaped line breaks ("\\n") at
// either end of w[start:end].
func trimBreaks(w string, start, end int) (int, int) {
	for start < end {
		if c := w[start]; c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			start++
		} else if end-start >= 2 && c == '\\' && (w[start+1] == 'n' || w[start+1] == 'r') {
			start += 2
		} else {
			break
		}
	}
	for end > start {
		if c := w[end-1]; c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			end--
		} else if end-start >= 2 && w[end-2] == '\\' && (c == 'n' || c == 'r') {
			end -= 2
		} else {
			break
		}
	}
	return start, end
}

// gluedToMask reports whether w[start:end] is part of a token that holds a mask ("****"): a
// piece of a secret masked already ("Bearer sk_live_****XyZa"), or text glued to one, which
// masking again would change. It looks at most 64 bytes either way.
func gluedToMask(w string, start, end int) bool {
	from, to := start, end
	for from > 0 && start-from < 64 && strings.IndexByte(delims, w[from-1]) < 0 {
		from--
	}
	for to < len(w) && to-end < 64 && strings.IndexByte(delims, w[to]) < 0 {
		to++
	}
	return strings.Contains(w[from:to], "****")
}

// echoes finds the other occurrences of the secrets already found (at least minEcho bytes
// long): where a response, a log or an error message repeats a key that was recognised by its
// place elsewhere. One pass over the text, whatever the number of secrets.
func echoes(text string, found []secret, taken *spans) []secret {
	byPrefix := map[string][]*secret{}
	seen := map[string]bool{}
	var pairs [1024]uint64
	for i := range found {
		s := &found[i]
		if len(s.value) < minEcho || seen[s.value] {
			continue
		}
		seen[s.value] = true
		k := s.value[:4]
		if len(byPrefix[k]) == 0 {
			b := uint16(k[0])<<8 | uint16(k[1])
			pairs[b/64] |= 1 << (b % 64)
		}
		byPrefix[k] = append(byPrefix[k], s)
	}
	if len(byPrefix) == 0 {
		return nil
	}
	var out []secret
	for i := 0; i+minEcho <= len(text); i++ {
		b := uint16(text[i])<<8 | uint16(text[i+1])
		if pairs[b/64]&(1<<(b%64)) == 0 {
			continue
		}
		cands := byPrefix[text[i:i+4]]
		for _, s := range cands {
			e := i + len(s.value)
			if e <= len(text) && text[i:e] == s.value && !taken.overlaps(i, e) {
				taken.add(i, e)
				out = append(out, secret{start: i, end: e, value: s.value, masked: s.masked, pattern: s.pattern})
				i = e - 1
				break
			}
		}
	}
	return out
}

// spans is a set of byte ranges that do not overlap, for telling quickly whether a new range
// overlaps one of them.
type spans struct{ starts, ends []int }

func (t *spans) overlaps(s, e int) bool {
	// The first range that ends after s is the only one that can overlap [s, e).
	i := sort.SearchInts(t.ends, s+1)
	return i < len(t.starts) && t.starts[i] < e
}

func (t *spans) add(s, e int) {
	i := sort.SearchInts(t.starts, s)
	t.starts = append(t.starts, 0)
	copy(t.starts[i+1:], t.starts[i:])
	t.starts[i] = s
	t.ends = append(t.ends, 0)
	copy(t.ends[i+1:], t.ends[i:])
	t.ends[i] = e
}

// anchorHits finds every anchor of every pattern, in any case, in one pass over the text. A bit
// set of the first two bytes of every anchor rules out almost every position at the cost of one
// lookup; only the anchors that start with the byte found are then compared. It returns each
// anchor's offsets.
func (r *redactor) anchorHits(text string) map[string][]int {
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
	// The text is compared case-insensitively, byte by byte, so no lowered copy is made. The
	// loop looks bytes up in lowerASCII rather than calling lowerByte: the playground's module
	// is built without inlining, and a call per byte made this scan 2x slower there.
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
				hits[a] = append(hits[a], i)
			}
		}
	}
	return hits
}

// delims end a token: a window reaches past its first 256 bytes only to the next of them.
const delims = " \t\r\n\"'&,;<>"

// window is the stretch of text p is tried on around an anchor at: from p.back bytes before
// it (not before the line's start) to the first delimiter at least 256 bytes on, and not past
// the line's end, so a long token (a 6 KB JWT) is never cut. A pattern with an until marker
// runs to the line that holds the marker, or to the end of the text.
func window(text string, at int, p *secretPattern) (start, end int) {
	start = max(0, at-p.back)
	if i := strings.LastIndexByte(text[start:at], '\n'); i >= 0 {
		start += i + 1
	}
	if p.until != "" {
		if i := indexFoldASCII(text[at:], p.until); i >= 0 {
			end = at + i
			if j := strings.IndexByte(text[end:], '\n'); j >= 0 {
				return start, end + j
			}
		}
		return start, len(text)
	}
	end = min(len(text), at+256)
	if i := strings.IndexByte(text[at:end], '\n'); i >= 0 {
		return start, at + i
	}
	// Past 256 bytes, to the next delimiter (a newline is one): the search costs no more than
	// the window it adds.
	if i := strings.IndexAny(text[end:], delims); i >= 0 {
		return start, end + i
	}
	return start, len(text)
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

// RedactAlso is Redact, and also masks in text each secret found in other: the same content
// written another way, where the patterns see secrets they cannot see in text. engine/triage
// masks a HAR file with the exchanges it holds written out as HTTP: a header's value is a
// secret by its name, which the file keeps apart from it ({"name": "X-Api-Key", "value": …}).
// Each secret is described once, on the first line of text that holds it.
func RedactAlso(cat *catalog.Catalog, text, other string) (string, []string) {
	r := redactorFor(cat)
	found := r.find(text)
	seen := map[string]bool{}
	for _, s := range found {
		seen[s.value] = true
	}
	// The other text's secrets where text holds them, as secrets of text: echoes finds each
	// occurrence outside the spans found already.
	var more []secret
	for _, s := range r.find(other) {
		if !seen[s.value] && len(s.value) >= minEcho {
			seen[s.value] = true
			more = append(more, s)
		}
	}
	if len(more) > 0 {
		taken := spans{}
		for _, s := range found {
			taken.add(s.start, s.end)
		}
		found = append(found, echoes(text, more, &taken)...)
		sort.Slice(found, func(i, j int) bool { return found[i].start < found[j].start })
	}
	return apply(text, found), describe(found, text)
}

// describe says what each distinct secret was and on which line it stood first.
func describe(found []secret, text string) []string { return describeAt(found, text, nil) }

// describeAt is describe with the line of each offset given by lineAt (nil: count lines in
// text).
func describeAt(found []secret, text string, lineAt func(int) int) []string {
	out := []string{}
	seen := map[string]bool{}
	line, at := 1, 0 // found is in order, so lines are counted once over the text
	for _, s := range found {
		if lineAt != nil {
			line = lineAt(s.start)
		} else {
			line += strings.Count(text[at:s.start], "\n")
			at = s.start
		}
		key := s.pattern.label + s.masked
		if !seen[key] {
			seen[key] = true
			out = append(out, printf.Sprintf("%s %s (line %d)", s.pattern.label, s.masked, line))
		}
	}
	return out
}

// strings lists every string of v but Redacted, and whether it comes from the catalog (prose
// that holds no secret of its own) rather than from the paste. Redaction runs over all of them,
// so a new string field must be listed here; TestRedactCoversVerdict fails until it is.
func (v *Verdict) strings(f func(s *string, prose bool)) {
	for _, s := range []*string{&v.Input, &v.API, &v.Dialect, &v.Confidence, &v.Code, &v.Category, &v.SubCode, &v.Cause, &v.Retry.Strategy,
		&v.Retry.Detail, &v.Retry.Plan, &v.RequestID, &v.DocURL, &v.Message, &v.Operation, &v.FixedRequest} {
		f(s, false)
	}
	for _, s := range []*string{&v.Title, &v.Meaning, &v.Docs} {
		f(s, true)
	}
	for i := range v.Fix {
		f(&v.Fix[i], true)
	}
	for i := range v.Fields {
		x := &v.Fields[i]
		f(&x.Path, false)
		f(&x.Message, false)
		f(&x.Code, false)
		f(&x.Hint, true)
	}
	for i := range v.Problems {
		x := &v.Problems[i]
		f(&x.Severity, false)
		f(&x.Message, false)
		f(&x.Pointer, false)
	}
	if p := v.Predicted; p != nil {
		f(&p.Code, false)
		f(&p.Text, false)
		f(&p.Check, false)
	}
	if x := v.Exchanges; x != nil {
		for i := range x.Groups {
			g := &x.Groups[i]
			for _, s := range []*string{&g.API, &g.Operation, &g.Code, &g.First, &g.Last} {
				f(s, false)
			}
			if g.Verdict != nil {
				g.Verdict.strings(f)
				for j := range g.Verdict.Redacted {
					f(&g.Verdict.Redacted[j], false)
				}
			}
		}
		for i := range x.Timeline {
			f(&x.Timeline[i].At, false)
		}
	}
}

// verdicts calls f with v and each verdict nested in v.Exchanges.
func (v *Verdict) verdicts(f func(*Verdict)) {
	f(v)
	if v.Exchanges != nil {
		for _, g := range v.Exchanges.Groups {
			if g.Verdict != nil {
				g.Verdict.verdicts(f)
			}
		}
	}
}

// redactVerdict masks secrets everywhere in v: those found in the paste, wherever they were
// copied (map keys of the predicted body included), and any the patterns find in v's own text.
// It lists them in v.Redacted and advises rotating live ones. It returns the secrets found in
// the paste (in its first MaxPaste bytes).
func redactVerdict(cat *catalog.Catalog, text string, v *Verdict) []secret {
	if len(text) > MaxPaste {
		text = text[:MaxPaste]
	}
	return redactWith(cat, text, nil, v)
}

// rotateWarning starts the warning redactVerdict adds for live secrets.
const rotateWarning = "The paste held "

// RedactParts runs the redaction pass again over v, a verdict assembled from the verdicts of a
// paste's parts (package engine/triage builds one for a paste of many exchanges, each explained
// on its own). text is what the parts were read from, whole: a secret found anywhere in it is
// masked in every string of v and of every verdict nested in v.Exchanges (a token found in one
// exchange and echoed in another), and v.Redacted lists the secrets of the whole text, with
// one warning to rotate the live ones in place of the parts' own. line gives the line of the
// paste that holds a byte offset of text; nil counts lines in text. There is no MaxPaste cut:
// the search is linear in text.
func RedactParts(cat *catalog.Catalog, text string, line func(offset int) int, v *Verdict) {
	v.Redacted = v.Redacted[:0]
	v.Problems = slices.DeleteFunc(v.Problems, func(p Problem) bool {
		return p.Severity == "warning" && strings.HasPrefix(p.Message, rotateWarning)
	})
	redactWith(cat, text, line, v)
}

func redactWith(cat *catalog.Catalog, text string, line func(int) int, v *Verdict) []secret {
	r := redactorFor(cat)
	found := r.find(text)
	var rotate []string
	seen := map[string]bool{}
	for _, s := range found {
		if s.pattern.rotate && !seen[s.pattern.label+s.masked] {
			seen[s.pattern.label+s.masked] = true
			rotate = append(rotate, s.pattern.label+" "+s.masked)
		}
	}
	// First the secrets the paste held, wherever the verdict copied them: one replacer, longest
	// values first, so a secret that contains another is replaced whole. Catalog prose is
	// spared values shorter than minEcho, which could be ordinary words.
	all, long := pasteReplacers(found)
	replace := func(s string, prose bool) string {
		if prose {
			return long.Replace(s)
		}
		return all.Replace(s)
	}
	if len(found) > 0 {
		v.strings(func(s *string, prose bool) { *s = replace(*s, prose) })
	}
	// Then any the patterns find in the verdict's own text (a secret the paste held in another
	// form, such as a JSON escape). One search over all the strings; per-string work only on a
	// hit.
	var joined strings.Builder
	v.strings(func(s *string, _ bool) {
		joined.WriteString(*s)
		joined.WriteString("\n\x00\n")
	})
	var extra []string
	more := func(s string) string {
		ms := r.find(s)
		for _, x := range ms {
			if x.pattern.rotate && !seen[x.pattern.label+x.masked] {
				seen[x.pattern.label+x.masked] = true
				rotate = append(rotate, x.pattern.label+" "+x.masked)
			}
			if !seen["extra"+x.masked] {
				seen["extra"+x.masked] = true
				extra = append(extra, x.pattern.label+" "+x.masked)
			}
		}
		return apply(s, ms)
	}
	if len(r.find(joined.String())) > 0 {
		v.strings(func(s *string, _ bool) { *s = more(*s) })
	}
	v.verdicts(func(x *Verdict) {
		if x.Predicted != nil {
			x.Predicted.Body = replaceIn(x.Predicted.Body, func(s string) string { return more(replace(s, false)) })
		}
	})
	v.Redacted = append(v.Redacted, describeAt(found, text, line)...)
	v.Redacted = append(v.Redacted, extra...)
	if len(rotate) > 0 {
		v.Problems = append(v.Problems, Problem{Severity: "warning", Message: printf.Sprintf(
			rotateWarning+"%s. errdocs masked it everywhere, but a secret that has been pasted should be treated as exposed: rotate %s.",
			joinAnd(rotate), plural(len(rotate), "it", "them"))})
	}
	sortProblems(v.Problems)
	return found
}

// escapedBreaks turns a JSON string's escaped line breaks into line breaks.
var escapedBreaks = strings.NewReplacer(`\n`, "\n", `\r`, "\r")

// pasteReplacers returns a replacer of every secret found by its masked form, and one of those
// at least minEcho bytes long.
func pasteReplacers(found []secret) (all, long *strings.Replacer) {
	values := make([]secret, 0, len(found))
	dup := map[string]bool{}
	add := func(s secret) {
		if !dup[s.value] {
			dup[s.value] = true
			values = append(values, s)
		}
	}
	for _, s := range found {
		add(s)
		// A secret of several lines (a PEM key) may reach the verdict a line at a time.
		if strings.ContainsAny(s.value, "\r\n") || strings.Contains(s.value, `\n`) {
			for _, line := range strings.FieldsFunc(escapedBreaks.Replace(s.value), func(r rune) bool { return r == '\n' || r == '\r' }) {
				if len(line) >= minEcho {
					add(secret{value: line, masked: "****", pattern: s.pattern})
				}
			}
		}
	}
	sort.SliceStable(values, func(i, j int) bool { return len(values[i].value) > len(values[j].value) })
	var a, l []string
	for _, s := range values {
		a = append(a, s.value, s.masked)
		if len(s.value) >= minEcho {
			l = append(l, s.value, s.masked)
		}
	}
	return strings.NewReplacer(a...), strings.NewReplacer(l...)
}

// replaceIn applies f to every string in x, a value made of maps, slices and scalars, map keys
// included.
func replaceIn(x any, f func(string) string) any {
	switch t := x.(type) {
	case string:
		return f(t)
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		for _, k := range keys {
			v := t[k]
			if nk := f(k); nk != k {
				delete(t, k)
				k = nk
			}
			t[k] = replaceIn(v, f)
		}
	case []any:
		for i, v := range t {
			t[i] = replaceIn(v, f)
		}
	}
	return x
}
