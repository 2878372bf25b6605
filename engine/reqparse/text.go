package reqparse

import (
	"strings"
	"unicode/utf8"
)

// This file holds the text plumbing every form shares: lines, positions, strings that remember
// where each of their bytes came from, and the classification of a paste's first line.

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

// skipBOM returns 3 when text starts with a UTF-8 byte order mark, else 0.
func skipBOM(text string) int {
	if strings.HasPrefix(text, "\ufeff") {
		return 3
	}
	return 0
}

// indentOf returns the spaces and tabs that start s.
func indentOf(s string) string {
	return s[:len(s)-len(strings.TrimLeft(s, " \t"))]
}

// advanceText moves a line and column past the text s. Columns count characters: a UTF-8
// sequence, or an invalid byte, is one column.
func advanceText(line, col int, s string) (int, int) {
	n := strings.Count(s, "\n")
	if n == 0 {
		return line, col + utf8.RuneCountInString(s)
	}
	last := strings.LastIndexByte(s, '\n')
	return line + n, 1 + utf8.RuneCountInString(s[last+1:])
}

// locator turns byte offsets of the paste into lines and columns. It remembers where it last
// was, so offsets asked for in increasing order cost time linear in the paste, and it counts
// columns only when asked for one.
type locator struct {
	text      string
	off       int // the offset it is at
	line      int // the line of off
	lineStart int // where that line starts
	colOff    int // an offset on the line whose column is known…
	col       int // …and that column
}

func newLocator(text string) locator { return locator{text: text, line: 1, col: 1} }

// seek moves to offset off.
func (l *locator) seek(off int) {
	off = max(0, min(off, len(l.text)))
	if off >= l.off {
		d := l.text[l.off:off]
		if n := strings.Count(d, "\n"); n > 0 {
			l.line += n
			l.lineStart = l.off + strings.LastIndexByte(d, '\n') + 1
		}
	} else {
		l.line -= strings.Count(l.text[off:l.off], "\n")
		l.lineStart = strings.LastIndexByte(l.text[:off], '\n') + 1
	}
	l.off = off
}

// lineOf returns the 1-based line of byte offset off.
func (l *locator) lineOf(off int) int {
	l.seek(off)
	return l.line
}

// pos returns the 1-based line and column of byte offset off.
func (l *locator) pos(off int) (line, col int) {
	l.seek(off)
	if l.colOff < l.lineStart || l.colOff > l.off {
		l.colOff, l.col = l.lineStart, 1
	}
	l.col += utf8.RuneCountInString(l.text[l.colOff:l.off])
	l.colOff = l.off
	return l.line, l.col
}

// seg says that the bytes of a mapped string from off on were copied from the paste starting at
// byte src, until the next seg.
type seg struct{ off, src int }

// bodySeg is a seg resolved to a line and column; src is the seg's paste offset, -1 when
// unknown.
type bodySeg struct{ off, line, col, src int }

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

// classifyLine says which form of request the line at offset i starts, and the offset where
// that request's parser should begin. With deep set it may look past the line: over a code
// fence, over curl -v's "* " lines, and through a window of JavaScript for a fetch( call.
func classifyLine(text string, i int, deep bool) (kind, int) {
	if i >= len(text) {
		return kindNone, 0
	}
	line := lineText(text, i)
	ind := len(indentOf(line))
	s := line[ind:]
	at := i + ind
	if deep && strings.HasPrefix(s, "```") {
		j := skipBlankLines(text, nextLine(text, i))
		if j > i && j < len(text) && !strings.HasPrefix(strings.TrimLeft(lineText(text, j), " \t"), "```") {
			return classifyLine(text, j, deep)
		}
		return kindNone, 0
	}
	if k := curlStart(s); k >= 0 {
		return kindCurl, at + k
	}
	if strings.HasPrefix(s, ">") && isRequestLine(strings.TrimLeft(s[1:], " ")) {
		return kindTrace, at
	}
	if isRequestLine(s) {
		return kindHTTP, at
	}
	if isPseudoHeader(s) {
		return kindPseudo, at
	}
	if deep && isTraceInfo(s) {
		// curl -v prints "* Trying…" lines before the request.
		j := i
		for n := 0; n < 1000 && j < len(text); n++ {
			l := lineText(text, j)
			t := strings.TrimLeft(l, " \t")
			if strings.HasPrefix(t, ">") {
				if isRequestLine(strings.TrimLeft(t[1:], " ")) {
					return kindTrace, j + len(l) - len(t)
				}
				return kindNone, 0
			}
			if !isTraceInfo(t) && !isBlank(t) {
				return kindNone, 0
			}
			j = nextLine(text, j)
		}
		return kindNone, 0
	}
	if looksLikeFetch(text, at, deep) {
		return kindFetch, at
	}
	return kindNone, 0
}

// isTraceInfo reports whether a line is one curl -v prints around the request: "* …" or
// "{ [5 bytes data]".
func isTraceInfo(s string) bool {
	return strings.HasPrefix(s, "*") || strings.HasPrefix(s, "{ [") || strings.HasPrefix(s, "} [")
}

// curlStart returns the offset in s of a "curl" word that starts a command, after an optional
// shell prompt ("$ ", "% ", "user@host:~$ ", "PS C:\> ", "C:\Users\ada>"), or -1.
func curlStart(s string) int {
	limit := min(len(s), 256)
	for k := 0; k < limit; k++ {
		j := strings.Index(s[k:limit], "curl")
		if j < 0 {
			return -1
		}
		k += j
		if isCurlWord(s[k:]) && isPrompt(s[:k]) {
			return k
		}
	}
	return -1
}

// isCurlWord reports whether s starts with the word curl or curl.exe.
func isCurlWord(s string) bool {
	if !strings.HasPrefix(s, "curl") {
		return false
	}
	rest := s[4:]
	if len(rest) >= 4 && strings.EqualFold(rest[:4], ".exe") {
		rest = rest[4:]
	}
	return rest == "" || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\\' || rest[0] == '\r' ||
		rest[0] == '^'
}

// isPrompt reports whether p, the text before a command on its line, is empty or a shell prompt.
func isPrompt(p string) bool {
	p = strings.TrimRight(p, " \t")
	if p == "" {
		return true
	}
	if strings.HasSuffix(p, "❯") || strings.HasSuffix(p, "➜") {
		return true
	}
	switch p[len(p)-1] {
	case '$', '%', '#', '>':
	default:
		return false
	}
	pre := p[:len(p)-1]
	return pre == "" || strings.HasPrefix(pre, "PS ") || !strings.ContainsAny(pre, " \t")
}

// isRequestLine reports whether s is an HTTP request line: a method, a target that is a path,
// "*" or an absolute http(s) URL, and an optional protocol. Without a protocol the method must
// be in upper case, so that prose is not taken for a request.
func isRequestLine(s string) bool {
	sp := strings.IndexAny(s, " \t")
	if sp < 3 || sp > 7 || !isMethod(s[:sp]) {
		return false
	}
	if len(s) > 64<<10 {
		s = s[:64<<10]
	}
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 3 || !isMethod(f[0]) {
		return false
	}
	t := f[1]
	if !(strings.HasPrefix(t, "/") || t == "*" || hasPrefixFold(t, "http://") || hasPrefixFold(t, "https://")) {
		return false
	}
	if len(f) == 3 {
		return strings.HasPrefix(f[2], "HTTP/")
	}
	return f[0] == strings.ToUpper(f[0])
}

// isPseudoHeader reports whether s is an HTTP/2 pseudo header that starts a request.
func isPseudoHeader(s string) bool {
	for _, p := range []string{":method:", ":authority:", ":path:", ":scheme:"} {
		if hasPrefixFold(s, p) {
			return true
		}
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// jsStartWords are the words JavaScript around a fetch call may start with.
var jsStartWords = []string{"fetch", "await", "const", "let", "var", "return", "async", "function",
	"export", "import", "window", "globalThis", "self", "try", "void"}

// looksLikeFetch reports whether the JavaScript at offset at is, or leads to, a fetch( call. The
// line must start with a word JavaScript starts with, or a comment; the call must be on the line
// itself or, with deep set, within a window of the paste.
func looksLikeFetch(text string, at int, deep bool) bool {
	s := lineText(text, at)
	if len(s) > 512 {
		s = s[:512]
	}
	word := s
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			word = s[:i]
			break
		}
	}
	ok := strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/*") || strings.HasPrefix(s, "(")
	for _, w := range jsStartWords {
		if word == w {
			ok = true
			break
		}
	}
	if !ok {
		return false
	}
	if containsFetchCall(s) {
		return true
	}
	if !deep {
		return false
	}
	end := min(len(text), at+detectWindow)
	return containsFetchCall(text[at:end])
}

// containsFetchCall reports whether s holds the word fetch followed by an opening parenthesis.
func containsFetchCall(s string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], "fetch")
		if j < 0 {
			return false
		}
		j += i
		i = j + 5
		if j > 0 && isIdentByte(s[j-1]) {
			continue
		}
		k := i
		for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
		if k < len(s) && s[k] == '(' {
			return true
		}
	}
}

func isIdentByte(c byte) bool {
	return isAlnum(c) || c == '_' || c == '$' || c >= 0x80
}
