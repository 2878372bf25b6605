package site

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The search index is built here, in Go, from the pages as they are rendered: no second pass
// over the HTML (Pagefind's way) and no extra process. static/search.js reads it.
//
// Terms are made by terms below and by words in static/search.js, which must agree: lower case;
// runs of letters, digits and "_"; a word with "_" (an error code) is kept whole and also split
// into its parts; plurals are folded ("keys" → "key", "retries" → "retry"), except in words with
// digits or "_". A term's weight on a page is the sum of the weights of the fields it occurs in
// (an error's code and status weigh most, then the title, a heading, the excerpt), plus a little
// for each time the body says it, squashed logarithmically so that repeating a word does not buy
// rank: a page about 429 outranks a guide that mentions 429 ten times.

// A field is where on a page a term occurs.
type field uint8

// The fields of a page, with their weights in fieldWeight.
const (
	fieldCode field = 1 << iota
	fieldStatus
	fieldStatusCase // the status of an entry that applies only in a special case (When)
	fieldTitle
	fieldHeading
	fieldExcerpt
	fieldBody field = 0
)

var fieldWeight = map[field]int32{fieldCode: 40, fieldStatus: 32, fieldStatusCase: 26, fieldTitle: 20,
	fieldHeading: 8, fieldExcerpt: 4}

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

// terms calls f with every term of text.
func terms(text string, f func(term string)) {
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

// searchDoc is one page in the index.
type searchDoc struct {
	Path    string // site path without the leading "/"
	Title   string
	Crumb   string
	Code    string
	Status  int
	Excerpt string
	Heads   [][2]string // anchor, text
}

// termStat is where a term occurs on one page.
type termStat struct {
	fields field
	body   int32
}

// weight is the term's weight on the page.
func (s termStat) weight() int32 {
	w := int32(math.Round(4 * math.Log1p(float64(s.body))))
	for f, fw := range fieldWeight {
		if s.fields&f != 0 {
			w += fw
		}
	}
	return max(w, 1)
}

// docTerms gathers where each term of one page occurs.
type docTerms map[string]termStat

// add records the terms of text as found in field f.
func (d docTerms) add(text string, f field) {
	terms(text, func(t string) {
		s := d[t]
		if f == fieldBody {
			s.body++
		} else {
			s.fields |= f
		}
		d[t] = s
	})
}

// searchIndex collects pages from the render workers.
type searchIndex struct {
	mu    sync.Mutex
	docs  []searchDoc
	terms map[string][]int32 // doc, weight, doc, weight…
}

func newSearchIndex() *searchIndex { return &searchIndex{terms: map[string][]int32{}} }

// add puts one page in the index. It is safe for concurrent use.
func (x *searchIndex) add(doc searchDoc, dt docTerms) {
	x.mu.Lock()
	defer x.mu.Unlock()
	id := int32(len(x.docs))
	x.docs = append(x.docs, doc)
	for t, st := range dt {
		ps, ok := x.terms[t]
		if !ok {
			t = strings.Clone(t) // t points into the page's text; keep only the term
		}
		x.terms[t] = append(ps, id, st.weight())
	}
}

// MarshalJSON writes the compact form search.js reads: docs as arrays, and posting lists sorted
// by document with the document ids delta-coded.
func (x *searchIndex) MarshalJSON() ([]byte, error) {
	// Docs sorted by path, so the index is the same from build to build whatever the worker order.
	order := make([]int32, len(x.docs))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(i, j int) bool { return x.docs[order[i]].Path < x.docs[order[j]].Path })
	newID := make([]int32, len(x.docs))
	for n, old := range order {
		newID[old] = int32(n)
	}
	var b strings.Builder
	b.Grow(64 * len(x.docs))
	b.WriteString(`{"v":1,"docs":[`)
	for n, old := range order {
		if n > 0 {
			b.WriteByte(',')
		}
		d := x.docs[old]
		b.WriteByte('[')
		for i, s := range []string{d.Path, d.Title, d.Crumb, d.Code} {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, s)
		}
		b.WriteByte(',')
		if d.Status > 0 {
			b.WriteString(strconv.Itoa(d.Status))
		} else {
			b.WriteString("0")
		}
		b.WriteByte(',')
		writeJSONString(&b, d.Excerpt)
		b.WriteString(",[")
		for i, h := range d.Heads {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			writeJSONString(&b, h[0])
			b.WriteByte(',')
			writeJSONString(&b, h[1])
			b.WriteByte(']')
		}
		b.WriteString("]]")
	}
	b.WriteString(`],"terms":{`)
	keys := make([]string, 0, len(x.terms))
	for t := range x.terms {
		keys = append(keys, t)
	}
	sort.Strings(keys)
	type posting struct{ doc, w int32 }
	var ps []posting
	for i, t := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, t)
		b.WriteString(":[")
		raw := x.terms[t]
		ps = ps[:0]
		for j := 0; j < len(raw); j += 2 {
			ps = append(ps, posting{newID[raw[j]], raw[j+1]})
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i].doc < ps[j].doc })
		prev := int32(0)
		for j, p := range ps {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(int(p.doc - prev)))
			b.WriteByte(',')
			b.WriteString(strconv.Itoa(int(p.w)))
			prev = p.doc
		}
		b.WriteByte(']')
	}
	b.WriteString("}}")
	return []byte(b.String()), nil
}

func writeJSONString(b *strings.Builder, s string) {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= 0x80 {
			simple = false
			break
		}
	}
	if simple {
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	q, _ := json.Marshal(s)
	b.Write(q)
}

// excerpt shortens text to about n bytes at a word boundary.
func excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], " ,;:.") + "…"
}
