package reqparse

import "strings"

// This file holds the text plumbing every form shares: lines, strings that remember where each
// of their bytes came from, and the byte classes the lexers test for.

// lineEnd returns the offset of the '\n' that ends the line holding offset i, or len(text).
func lineEnd(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	j := strings.IndexByte(text[i:], '\n')
	if j < 0 {
		return len(text)
	}
	return i + j
}

// nextLine returns the offset of the line after the one holding offset i, or len(text).
func nextLine(text string, i int) int {
	e := lineEnd(text, i)
	if e < len(text) {
		return e + 1
	}
	return e
}

// lineText returns the line starting at i without its line end.
func lineText(text string, i int) string {
	return strings.TrimSuffix(text[i:lineEnd(text, i)], "\r")
}

// isBlank reports whether s holds only white space.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\v', '\f':
		default:
			return false
		}
	}
	return true
}

// skipBlankLines returns the offset of the first line at or after i that is not blank.
func skipBlankLines(text string, i int) int {
	for i < len(text) {
		e := lineEnd(text, i)
		if !isBlank(text[i:e]) {
			return i
		}
		if e == len(text) {
			return len(text)
		}
		i = e + 1
	}
	return len(text)
}

// seg says that the bytes of a mapped string from off on were copied from the paste starting at
// byte src, until the next seg.
type seg struct{ off, src int }

// mapped is a string that knows which byte of the paste each of its bytes came from.
type mapped struct {
	s    string
	segs []seg
}

// srcAt returns the paste offset of byte k of m (or of its end when k is past it). Past the
// end of a capped map it returns the last offset known.
func (m mapped) srcAt(k int) int {
	if len(m.segs) == 0 {
		return 0
	}
	best := m.segs[0]
	for i, s := range m.segs {
		if s.off > k {
			break
		}
		if s.src < 0 {
			if i > 0 {
				prev := m.segs[i-1]
				return prev.src + s.off - prev.off
			}
			return 0
		}
		best = s
	}
	return best.src + k - best.off
}

// slice returns m from byte k on.
func (m mapped) slice(k int) mapped {
	if k <= 0 {
		return m
	}
	if k > len(m.s) {
		k = len(m.s)
	}
	out := mapped{s: m.s[k:]}
	out.segs = append(out.segs, seg{0, m.srcAt(k)})
	for _, s := range m.segs {
		if s.off > k {
			out.segs = append(out.segs, seg{s.off - k, s.src})
		}
	}
	return out
}

// builder assembles a mapped string byte by byte. A new seg starts only where the source is not
// contiguous, so text copied verbatim costs one seg however long it is. A builder made with
// newTextBuilder does not even copy: while everything added is one verbatim run of the paste,
// it keeps only where the run starts and how long it is, and done returns a substring.
type builder struct {
	b    []byte
	segs []seg
	last int    // paste offset of the last byte added; -2 when the next byte starts a new seg
	text string // the paste, for a lazy builder
	lazy bool   // the content is text[segs[0].src:][:vlen], not yet copied into b
	vlen int
}

func newBuilder() builder { return builder{last: -2} }

// newTextBuilder returns a builder that avoids copying verbatim runs of text.
func newTextBuilder(text string) builder { return builder{last: -2, text: text, lazy: true} }

// len returns the length of the content.
func (b *builder) len() int {
	if b.lazy {
		return b.vlen
	}
	return len(b.b)
}

// verbatim reports whether a run of n bytes at paste offset src may extend a lazy builder.
func (b *builder) verbatim(src, n int) bool {
	return b.lazy && (b.vlen == 0 || src == b.last+1) && src >= 0 && src+n <= len(b.text)
}

// materialize copies a lazy builder's content into b.
func (b *builder) materialize() {
	if !b.lazy {
		return
	}
	b.lazy = false
	if b.vlen > 0 {
		start := b.segs[0].src
		b.b = append(make([]byte, 0, 2*b.vlen), b.text[start:start+b.vlen]...)
	}
	b.vlen = 0
}

// newSeg starts a seg at the current end. Past maxSegs segs it ends the map with a seg whose
// src is -1: from there on, positions are unknown.
func (b *builder) newSeg(src int) {
	n := b.len()
	k := len(b.segs)
	if k > 0 && b.segs[k-1].src < 0 {
		return
	}
	if k > 0 && b.segs[k-1].off == n {
		b.segs[k-1].src = src
		return
	}
	if k >= maxSegs {
		src = -1
	}
	b.segs = append(b.segs, seg{n, src})
}

// add appends byte c, written at paste offset src.
func (b *builder) add(c byte, src int) {
	if b.verbatim(src, 1) && b.text[src] == c {
		if b.vlen == 0 {
			b.newSeg(src)
		}
		b.vlen++
		b.last = src
		return
	}
	b.materialize()
	if src != b.last+1 {
		b.newSeg(src)
	}
	b.b = append(b.b, c)
	b.last = src
}

// addRun appends s, copied verbatim from the paste starting at src.
func (b *builder) addRun(s string, src int) {
	if s == "" {
		return
	}
	if b.verbatim(src, len(s)) {
		if b.vlen == 0 {
			b.newSeg(src)
		}
		b.vlen += len(s)
		b.last = src + len(s) - 1
		return
	}
	b.materialize()
	if src != b.last+1 {
		b.newSeg(src)
	}
	b.b = append(b.b, s...)
	b.last = src + len(s) - 1
}

// addAt appends s, which the paste does not hold as such (an escape's result, an added quote),
// and maps it to paste offset src.
func (b *builder) addAt(s string, src int) {
	if s == "" {
		return
	}
	b.materialize()
	b.newSeg(src)
	b.b = append(b.b, s...)
	b.last = -2
}

// addMapped appends a mapped string.
func (b *builder) addMapped(m mapped) {
	if m.s == "" {
		return
	}
	if len(m.segs) == 1 && m.segs[0].off == 0 && b.verbatim(m.segs[0].src, len(m.s)) &&
		b.text[m.segs[0].src:m.segs[0].src+len(m.s)] == m.s {
		b.addRun(m.s, m.segs[0].src)
		return
	}
	b.materialize()
	base := len(b.b)
	for i, s := range m.segs {
		if i == 0 && s.off == 0 && s.src == b.last+1 {
			continue
		}
		if k := len(b.segs); k > 0 && b.segs[k-1].src < 0 {
			break
		}
		if len(b.segs) >= maxSegs {
			s.src = -1
		}
		b.segs = append(b.segs, seg{base + s.off, s.src})
	}
	b.b = append(b.b, m.s...)
	b.last = -2
	if n := len(m.segs); n > 0 {
		last := m.segs[n-1]
		b.last = last.src + len(m.s) - last.off - 1
	}
}

// builderMark is a point a builder can be truncated back to.
type builderMark struct{ n, segs, last int }

func (b *builder) mark() builderMark {
	b.materialize()
	return builderMark{len(b.b), len(b.segs), b.last}
}

func (b *builder) reset(m builderMark) {
	b.materialize()
	b.b = b.b[:m.n]
	b.segs = b.segs[:m.segs]
	b.last = m.last
}

func (b *builder) done() mapped {
	if b.lazy {
		if b.vlen == 0 {
			return mapped{segs: b.segs}
		}
		start := b.segs[0].src
		return mapped{s: b.text[start : start+b.vlen], segs: b.segs}
	}
	return mapped{s: string(b.b), segs: b.segs}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isIdentByte(c byte) bool {
	return isAlnum(c) || c == '_' || c == '$' || c >= 0x80
}
