// Package search builds the site's search index, in Go, from the pages as they are rendered: no
// second pass over the HTML (Pagefind's way) and no extra process. static/search.js reads it.
//
// A page is a Doc (what a result shows) and its Terms (where on the page each term occurs). A
// term's weight on a page is the sum of the weights of the fields it occurs in (an error's code
// and status weigh most, then the title, a heading, the excerpt), plus a little for each time the
// body says it, squashed logarithmically so that repeating a word does not buy rank: a page about
// 429 outranks a guide that mentions 429 ten times.
//
// Terms are made by Tokenize, which must agree with the words function of static/search.js;
// testdata/tokens.json is the one table both are tested against (tokenize_test.go and
// search_js_test.mjs).
//
// Package search may import only the standard library.
package search

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// A Field is where on a page a term occurs.
type Field uint8

// The fields of a page, with their weights in fieldWeight.
const (
	FieldCode Field = 1 << iota
	FieldStatus
	FieldStatusCase // the status of an entry that applies only in a special case (When)
	FieldTitle
	FieldHeading
	FieldExcerpt
	FieldBody Field = 0
)

var fieldWeight = map[Field]int32{FieldCode: 40, FieldStatus: 32, FieldStatusCase: 26, FieldTitle: 20,
	FieldHeading: 8, FieldExcerpt: 4}

// A Doc is one page in the index: what a search result shows of it.
type Doc struct {
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
	fields Field
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

// Terms gathers where each term of one page occurs.
type Terms map[string]termStat

// Add records the terms of text as found in field f.
func (d Terms) Add(text string, f Field) {
	Tokenize(text, func(t string) {
		s := d[t]
		if f == FieldBody {
			s.body++
		} else {
			s.fields |= f
		}
		d[t] = s
	})
}

// Weight is term's weight on the page (what the index gives it), or 0 when the page does not
// have the term. term is a term as Tokenize makes it.
func (d Terms) Weight(term string) int32 {
	s, ok := d[term]
	if !ok {
		return 0
	}
	return s.weight()
}

// An Index collects pages from the render workers.
type Index struct {
	mu    sync.Mutex
	docs  []Doc
	terms map[string][]int32 // doc, weight, doc, weight…
}

// NewIndex returns an empty index.
func NewIndex() *Index { return &Index{terms: map[string][]int32{}} }

// Add puts one page in the index. It is safe for concurrent use.
func (x *Index) Add(doc Doc, dt Terms) {
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
func (x *Index) MarshalJSON() ([]byte, error) {
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
