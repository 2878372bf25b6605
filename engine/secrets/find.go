package secrets

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/reqcheck"
	"github.com/errdocs/errdocs/internal/ascii"
	"github.com/errdocs/errdocs/internal/printf"
)

// Finding the secrets in a text: a pattern runs only around its anchors, and a secret found once
// is found again wherever the text echoes it.

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

// Secret is one secret found in a text: its place (byte offsets), its value and its masked
// form.
type Secret struct {
	Start, End int
	Value      string
	Masked     string
	pattern    *secretPattern
}

// Label names the secret's kind: "stripe live secret key".
func (s *Secret) Label() string { return s.pattern.label }

// Live says the secret should be rotated once pasted: a live key, not a test one.
func (s *Secret) Live() bool { return s.pattern.rotate }

// MinEcho is the shortest secret whose other occurrences in a paste are masked too: shorter
// values (a four-letter password) would mask ordinary words.
const MinEcho = 6

// Find returns the secrets in text that the table and cat's keys and secret URL paths name
// (cat may be nil), in order, without overlaps.
func Find(cat *catalog.Catalog, text string) []Secret { return redactorFor(cat).find(text) }

// FindAlso is Find, and also finds in text each secret found in other: the same content
// written another way, where the patterns see secrets they cannot see in text.
func FindAlso(cat *catalog.Catalog, text, other string) []Secret {
	r := redactorFor(cat)
	found := r.find(text)
	seen := map[string]bool{}
	for _, s := range found {
		seen[s.Value] = true
	}
	// The other text's secrets where text holds them, as secrets of text: echoes finds each
	// occurrence outside the spans found already.
	var more []Secret
	for _, s := range r.find(other) {
		if !seen[s.Value] && len(s.Value) >= MinEcho {
			seen[s.Value] = true
			more = append(more, s)
		}
	}
	if len(more) > 0 {
		taken := spans{}
		for _, s := range found {
			taken.add(s.Start, s.End)
		}
		found = append(found, echoes(text, more, &taken)...)
		sort.Slice(found, func(i, j int) bool { return found[i].Start < found[j].Start })
	}
	return found
}

// find returns the secrets in text, in order, without overlaps. A pattern runs only on windows
// around its anchors, never over the whole text, and no window is searched twice for the same
// anchor, so the cost grows linearly with the text. A secret found once is then masked wherever
// else it occurs (a response that echoes the key back).
func (r *redactor) find(text string) []Secret {
	hits := r.anchorHits(text)
	if len(hits) == 0 {
		return nil
	}
	var out []Secret
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
					out = append(out, Secret{Start: s, End: e, Value: v, Masked: mask(v, p.keep(v)), pattern: p})
				}
			}
		}
	}
	out = append(out, echoes(text, out, &taken)...)
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
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

// echoes finds the other occurrences of the secrets already found (at least MinEcho bytes
// long): where a response, a log or an error message repeats a key that was recognised by its
// place elsewhere. One pass over the text, whatever the number of secrets.
func echoes(text string, found []Secret, taken *spans) []Secret {
	byPrefix := map[string][]*Secret{}
	seen := map[string]bool{}
	var pairs [1024]uint64
	for i := range found {
		s := &found[i]
		if len(s.Value) < MinEcho || seen[s.Value] {
			continue
		}
		seen[s.Value] = true
		k := s.Value[:4]
		if len(byPrefix[k]) == 0 {
			b := uint16(k[0])<<8 | uint16(k[1])
			pairs[b/64] |= 1 << (b % 64)
		}
		byPrefix[k] = append(byPrefix[k], s)
	}
	if len(byPrefix) == 0 {
		return nil
	}
	var out []Secret
	for i := 0; i+MinEcho <= len(text); i++ {
		b := uint16(text[i])<<8 | uint16(text[i+1])
		if pairs[b/64]&(1<<(b%64)) == 0 {
			continue
		}
		cands := byPrefix[text[i:i+4]]
		for _, s := range cands {
			e := i + len(s.Value)
			if e <= len(text) && text[i:e] == s.Value && !taken.overlaps(i, e) {
				taken.add(i, e)
				out = append(out, Secret{Start: i, End: e, Value: s.Value, Masked: s.Masked, pattern: s.pattern})
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
			if len(text)-i >= len(a) && ascii.EqualLower(text[i:i+len(a)], a) {
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
		if i := ascii.IndexFold(text[at:], p.until); i >= 0 {
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

// Apply replaces the secrets found in text by their masked forms.
func Apply(text string, secrets []Secret) string {
	if len(secrets) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for _, s := range secrets {
		b.WriteString(text[last:s.Start])
		b.WriteString(s.Masked)
		last = s.End
	}
	b.WriteString(text[last:])
	return b.String()
}
