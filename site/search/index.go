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
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
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

// The index is written sharded, as Pagefind does, so that a query on a large site fetches a
// few small files and never the whole index:
//
//   - the manifest (ManifestName, at a fixed URL the pages name) holds the number of pages, the
//     first term of every term shard and the first page of every page chunk, with their files;
//   - a term shard (assets/search/t.HASH.json) is one run of the sorted terms, each with its
//     posting list, sorted by page with the page ids delta-coded ({"term":[delta,weight,…],…});
//   - a page chunk (assets/search/d.HASH.json) is one run of the pages, sorted by path, as arrays
//     ([path, title, crumb, code, status, excerpt, [[anchor, heading]…]]).
//
// Shards and chunks are named by a hash of their bytes, so a host may cache them forever, and a
// build that changes one page rewrites only the files that page is in (and the manifest).
// A term is never split between shards; a run is cut once it holds ShardBytes or ChunkBytes.

// ManifestName is the manifest's file name, at the site's root.
const ManifestName = "search-index.json"

// The sizes at which shards and chunks are cut, before compression. Small enough that a query
// fetches tens of KB on a 10,000-page site; large enough that a small site is a handful of files.
const (
	ShardBytes = 24 << 10
	ChunkBytes = 6 << 10
)

// Files returns the index as files: the manifest first, under ManifestName, then the shards and
// chunks under the names the manifest gives them (relative to the manifest). The output is the
// same from build to build whatever order the render workers added the pages in.
func (x *Index) Files() []File { return x.files(ShardBytes, ChunkBytes) }

// A File is one file of the index.
type File struct {
	Name string
	Data []byte
}

func (x *Index) files(shardBytes, chunkBytes int) []File {
	x.mu.Lock()
	defer x.mu.Unlock()
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
	out := []File{{Name: ManifestName}}
	var m strings.Builder
	fmt.Fprintf(&m, `{"v":2,"n":%d,"docs":[`, len(x.docs))
	var b strings.Builder
	flush := func(kind string, first string, last bool) {
		if b.Len() == 0 {
			return
		}
		data := []byte(b.String())
		b.Reset()
		sum := sha256.Sum256(data)
		name := "assets/search/" + kind + "." + hex.EncodeToString(sum[:5]) + ".json"
		out = append(out, File{Name: name, Data: data})
		m.WriteByte('[')
		m.WriteString(first)
		m.WriteByte(',')
		writeJSONString(&m, name)
		m.WriteByte(']')
		if !last {
			m.WriteByte(',')
		}
	}
	first := 0
	for n, old := range order {
		if b.Len() == 0 {
			first = n
			b.WriteByte('[')
		} else {
			b.WriteByte(',')
		}
		writeDoc(&b, &x.docs[old])
		if b.Len() >= chunkBytes || n == len(order)-1 {
			b.WriteByte(']')
			flush("d", strconv.Itoa(first), n == len(order)-1)
		}
	}
	m.WriteString(`],"terms":[`)
	keys := make([]string, 0, len(x.terms))
	for t := range x.terms {
		keys = append(keys, t)
	}
	sort.Strings(keys)
	type posting struct{ doc, w int32 }
	var ps []posting
	var firstTerm strings.Builder
	for i, t := range keys {
		if b.Len() == 0 {
			firstTerm.Reset()
			writeJSONString(&firstTerm, t)
			b.WriteByte('{')
		} else {
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
		if b.Len() >= shardBytes || i == len(keys)-1 {
			b.WriteByte('}')
			flush("t", firstTerm.String(), i == len(keys)-1)
		}
	}
	m.WriteString("]}")
	out[0].Data = []byte(m.String())
	return out
}

// writeDoc writes d as the array search.js reads.
func writeDoc(b *strings.Builder, d *Doc) {
	b.WriteByte('[')
	for i, s := range []string{d.Path, d.Title, d.Crumb, d.Code} {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(b, s)
	}
	b.WriteByte(',')
	b.WriteString(strconv.Itoa(max(d.Status, 0)))
	b.WriteByte(',')
	writeJSONString(b, d.Excerpt)
	b.WriteString(",[")
	for i, h := range d.Heads {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		writeJSONString(b, h[0])
		b.WriteByte(',')
		writeJSONString(b, h[1])
		b.WriteByte(']')
	}
	b.WriteString("]]")
}

// A Whole is the index read back in one piece (ReadFiles): the pages in id order, as the
// arrays of a page chunk, and every term's posting list as a shard has it.
type Whole struct {
	Docs  [][]any
	Terms map[string][]int
}

// ReadFiles reads the index back from its files through read (a name relative to the manifest),
// checking that the manifest's runs are in order and that every shard holds only the terms of
// its range. It is how tests, and tools that want the whole index, read it.
func ReadFiles(read func(name string) ([]byte, error)) (*Whole, error) {
	data, err := read(ManifestName)
	if err != nil {
		return nil, err
	}
	var man struct {
		V     int                  `json:"v"`
		N     int                  `json:"n"`
		Docs  [][2]json.RawMessage `json:"docs"`
		Terms [][2]string          `json:"terms"`
	}
	if err := json.Unmarshal(data, &man); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestName, err)
	}
	if man.V != 2 {
		return nil, fmt.Errorf("%s: version %d, want 2", ManifestName, man.V)
	}
	w := &Whole{Terms: map[string][]int{}}
	for _, c := range man.Docs {
		var first int
		var name string
		if json.Unmarshal(c[0], &first) != nil || json.Unmarshal(c[1], &name) != nil {
			return nil, fmt.Errorf("%s: bad page chunk %s", ManifestName, c)
		}
		if first != len(w.Docs) {
			return nil, fmt.Errorf("%s: page chunk %s starts at %d, want %d", ManifestName, name, first, len(w.Docs))
		}
		data, err := read(name)
		if err != nil {
			return nil, err
		}
		var docs [][]any
		if err := json.Unmarshal(data, &docs); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		w.Docs = append(w.Docs, docs...)
	}
	if len(w.Docs) != man.N {
		return nil, fmt.Errorf("%s: %d pages in the chunks, n is %d", ManifestName, len(w.Docs), man.N)
	}
	for i, s := range man.Terms {
		data, err := read(s[1])
		if err != nil {
			return nil, err
		}
		var terms map[string][]int
		if err := json.Unmarshal(data, &terms); err != nil {
			return nil, fmt.Errorf("%s: %w", s[1], err)
		}
		for t, p := range terms {
			if t < s[0] || i+1 < len(man.Terms) && t >= man.Terms[i+1][0] {
				return nil, fmt.Errorf("%s: term %q is outside its shard's range", s[1], t)
			}
			w.Terms[t] = p
		}
		if _, ok := terms[s[0]]; !ok {
			return nil, fmt.Errorf("%s: the shard lacks its first term %q", s[1], s[0])
		}
	}
	return w, nil
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
