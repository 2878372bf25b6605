package lex

import "strings"

// This file holds the text plumbing the lexers and the parsers above them share: lines, strings
// that remember where each of their bytes came from, and byte classes.

// LineEnd returns the offset of the '\n' that ends the line holding offset i, or len(text).
func LineEnd(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	j := strings.IndexByte(text[i:], '\n')
	if j < 0 {
		return len(text)
	}
	return i + j
}

// NextLine returns the offset of the line after the one holding offset i, or len(text).
func NextLine(text string, i int) int {
	e := LineEnd(text, i)
	if e < len(text) {
		return e + 1
	}
	return e
}

// LineText returns the line starting at i without its line end.
func LineText(text string, i int) string {
	return strings.TrimSuffix(text[i:LineEnd(text, i)], "\r")
}

// IsBlank reports whether s holds only white space.
func IsBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\v', '\f':
		default:
			return false
		}
	}
	return true
}

// SkipBlankLines returns the offset of the first line at or after i that is not blank.
func SkipBlankLines(text string, i int) int {
	for i < len(text) {
		e := LineEnd(text, i)
		if !IsBlank(text[i:e]) {
			return i
		}
		if e == len(text) {
			return len(text)
		}
		i = e + 1
	}
	return len(text)
}

// maxSegs caps the segs of one Mapped string, so that its map stays small however the string
// was built.
const maxSegs = 1 << 16

// Seg says that the bytes of a Mapped string from Off on were copied from the paste starting at
// byte Src, until the next Seg. A Src of -1 means the map was capped: positions from Off on are
// unknown.
type Seg struct{ Off, Src int }

// Mapped is a string that knows which byte of the paste each of its bytes came from.
type Mapped struct {
	Text string
	Segs []Seg
}

// SrcAt returns the paste offset of byte k of m (or of its end when k is past it). Past the
// end of a capped map it returns the last offset known.
func (m Mapped) SrcAt(k int) int {
	if len(m.Segs) == 0 {
		return 0
	}
	best := m.Segs[0]
	for i, s := range m.Segs {
		if s.Off > k {
			break
		}
		if s.Src < 0 {
			if i > 0 {
				prev := m.Segs[i-1]
				return prev.Src + s.Off - prev.Off
			}
			return 0
		}
		best = s
	}
	return best.Src + k - best.Off
}

// Slice returns m from byte k on.
func (m Mapped) Slice(k int) Mapped {
	if k <= 0 {
		return m
	}
	if k > len(m.Text) {
		k = len(m.Text)
	}
	out := Mapped{Text: m.Text[k:]}
	out.Segs = append(out.Segs, Seg{0, m.SrcAt(k)})
	for _, s := range m.Segs {
		if s.Off > k {
			out.Segs = append(out.Segs, Seg{s.Off - k, s.Src})
		}
	}
	return out
}

// Builder assembles a mapped string byte by byte. A new seg starts only where the source is not
// contiguous, so text copied verbatim costs one seg however long it is. A Builder made with
// NewTextBuilder does not even copy: while everything added is one verbatim run of the paste,
// it keeps only where the run starts and how long it is, and Done returns a substring.
type Builder struct {
	b    []byte
	segs []Seg
	last int    // paste offset of the last byte added; -2 when the next byte starts a new seg
	text string // the paste, for a lazy builder
	lazy bool   // the content is text[segs[0].src:][:vlen], not yet copied into b
	vlen int
}

// NewBuilder returns a builder that copies everything added.
func NewBuilder() Builder { return Builder{last: -2} }

// NewTextBuilder returns a builder that avoids copying verbatim runs of text.
func NewTextBuilder(text string) Builder { return Builder{last: -2, text: text, lazy: true} }

// Len returns the length of the content.
func (b *Builder) Len() int {
	if b.lazy {
		return b.vlen
	}
	return len(b.b)
}

// verbatim reports whether a run of n bytes at paste offset src may extend a lazy builder.
func (b *Builder) verbatim(src, n int) bool {
	return b.lazy && (b.vlen == 0 || src == b.last+1) && src >= 0 && src+n <= len(b.text)
}

// materialize copies a lazy builder's content into b.
func (b *Builder) materialize() {
	if !b.lazy {
		return
	}
	b.lazy = false
	if b.vlen > 0 {
		start := b.segs[0].Src
		b.b = append(make([]byte, 0, 2*b.vlen), b.text[start:start+b.vlen]...)
	}
	b.vlen = 0
}

// NewSeg starts a seg at the current end. Past maxSegs segs it ends the map with a seg whose
// src is -1: from there on, positions are unknown.
func (b *Builder) NewSeg(src int) {
	n := b.Len()
	k := len(b.segs)
	if k > 0 && b.segs[k-1].Src < 0 {
		return
	}
	if k > 0 && b.segs[k-1].Off == n {
		b.segs[k-1].Src = src
		return
	}
	if k >= maxSegs {
		src = -1
	}
	b.segs = append(b.segs, Seg{n, src})
}

// Add appends byte c, written at paste offset src.
func (b *Builder) Add(c byte, src int) {
	if b.verbatim(src, 1) && b.text[src] == c {
		if b.vlen == 0 {
			b.NewSeg(src)
		}
		b.vlen++
		b.last = src
		return
	}
	b.materialize()
	if src != b.last+1 {
		b.NewSeg(src)
	}
	b.b = append(b.b, c)
	b.last = src
}

// AddRun appends s, copied verbatim from the paste starting at src.
func (b *Builder) AddRun(s string, src int) {
	if s == "" {
		return
	}
	if b.verbatim(src, len(s)) {
		if b.vlen == 0 {
			b.NewSeg(src)
		}
		b.vlen += len(s)
		b.last = src + len(s) - 1
		return
	}
	b.materialize()
	if src != b.last+1 {
		b.NewSeg(src)
	}
	b.b = append(b.b, s...)
	b.last = src + len(s) - 1
}

// AddAt appends s, which the paste does not hold as such (an escape's result, an added quote),
// and maps it to paste offset src.
func (b *Builder) AddAt(s string, src int) {
	if s == "" {
		return
	}
	b.materialize()
	b.NewSeg(src)
	b.b = append(b.b, s...)
	b.last = -2
}

// AddMapped appends a mapped string.
func (b *Builder) AddMapped(m Mapped) {
	if m.Text == "" {
		return
	}
	if len(m.Segs) == 1 && m.Segs[0].Off == 0 && b.verbatim(m.Segs[0].Src, len(m.Text)) &&
		b.text[m.Segs[0].Src:m.Segs[0].Src+len(m.Text)] == m.Text {
		b.AddRun(m.Text, m.Segs[0].Src)
		return
	}
	b.materialize()
	base := len(b.b)
	for i, s := range m.Segs {
		if i == 0 && s.Off == 0 && s.Src == b.last+1 {
			continue
		}
		if k := len(b.segs); k > 0 && b.segs[k-1].Src < 0 {
			break
		}
		if len(b.segs) >= maxSegs {
			s.Src = -1
		}
		b.segs = append(b.segs, Seg{base + s.Off, s.Src})
	}
	b.b = append(b.b, m.Text...)
	b.last = -2
	if n := len(m.Segs); n > 0 {
		last := m.Segs[n-1]
		b.last = last.Src + len(m.Text) - last.Off - 1
	}
}

// Mark is a point a builder can be truncated back to.
type Mark struct{ n, segs, last int }

// Mark returns the current end, for Reset.
func (b *Builder) Mark() Mark {
	b.materialize()
	return Mark{len(b.b), len(b.segs), b.last}
}

// Reset truncates the content back to m.
func (b *Builder) Reset(m Mark) {
	b.materialize()
	b.b = b.b[:m.n]
	b.segs = b.segs[:m.segs]
	b.last = m.last
}

// Done returns the content built so far, with its map to the paste.
func (b *Builder) Done() Mapped {
	if b.lazy {
		if b.vlen == 0 {
			return Mapped{Segs: b.segs}
		}
		start := b.segs[0].Src
		return Mapped{Text: b.text[start : start+b.vlen], Segs: b.segs}
	}
	return Mapped{Text: string(b.b), Segs: b.segs}
}

// IsHex reports whether c is a hexadecimal digit.
func IsHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// Unhex returns the value of the hexadecimal digit c.
func Unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// IsAlnum reports whether c is an ASCII letter or digit.
func IsAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// IsIdentByte reports whether c may be part of a JavaScript identifier (any byte of a UTF-8
// sequence counts).
func IsIdentByte(c byte) bool {
	return IsAlnum(c) || c == '_' || c == '$' || c >= 0x80
}
