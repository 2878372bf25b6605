package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestTermsWeight checks the weight a page's terms carry, as the index and errdocs mcp's lookup
// read it: the fields a term occurs in add up, the body adds a little, and an absent term is 0.
func TestTermsWeight(t *testing.T) {
	d := Terms{}
	d.Add("RATE_LIMIT_EXCEEDED", FieldCode)
	d.Add("429", FieldStatus)
	d.Add("Rate limit exceeded", FieldTitle)
	d.Add("retry later, retry", FieldBody)
	for _, tc := range []struct {
		term string
		want int32
	}{
		{"rate_limit_exceeded", 40},
		{"429", 32},
		{"rate", 40 + 20}, // a part of the code, and a word of the title
		{"retry", 4},      // twice in the body: round(4 × ln 3)
		{"absent", 0},
	} {
		if got := d.Weight(tc.term); got != tc.want {
			t.Errorf("Weight(%q) = %d, want %d", tc.term, got, tc.want)
		}
	}
}

// TestShards checks that an index cut into many small shards and chunks reads back as the same
// index as one cut into one shard and one chunk: no term or page lost, split or out of its range
// (ReadFiles checks the ranges), and that the files are named by their bytes.
func TestShards(t *testing.T) {
	x := testIndex(300)
	read := func(files []File) (*Whole, int) {
		t.Helper()
		byName := map[string][]byte{}
		for _, f := range files {
			byName[f.Name] = f.Data
			if f.Name == ManifestName {
				continue
			}
			sum := sha256.Sum256(f.Data)
			if !strings.Contains(f.Name, "."+hex.EncodeToString(sum[:5])+".") {
				t.Errorf("%s is not named by its bytes", f.Name)
			}
		}
		w, err := ReadFiles(func(name string) ([]byte, error) {
			data, ok := byName[name]
			if !ok {
				return nil, fmt.Errorf("no file %s", name)
			}
			return data, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return w, len(files)
	}
	one, n1 := read(x.files(1<<30, 1<<30))
	many, n2 := read(x.files(256, 512))
	if n1 != 3 || n2 < 40 {
		t.Errorf("%d files in one piece (want 3), %d cut small (want many)", n1, n2)
	}
	if len(one.Docs) != 300 || len(one.Terms) < 300 {
		t.Fatalf("%d docs and %d terms", len(one.Docs), len(one.Terms))
	}
	if !reflect.DeepEqual(one, many) {
		t.Error("the index cut small reads back differently from the index in one piece")
	}
}

// testIndex is an index of n made-up pages, with codes, statuses, titles and body words that
// share prefixes.
func testIndex(n int) *Index {
	x := NewIndex()
	for i := range n {
		d := Terms{}
		code := fmt.Sprintf("ERR_%03d_%s", i, []string{"RATE", "AUTH", "QUOTA"}[i%3])
		d.Add(code, FieldCode)
		d.Add(strconv.Itoa(400+i%30), FieldStatus)
		d.Add(fmt.Sprintf("Error %d about rates and retries", i), FieldTitle)
		d.Add(strings.Repeat(fmt.Sprintf("word%d ", i%17), i%5), FieldBody)
		x.Add(Doc{Path: fmt.Sprintf("api/errors/e%03d/", (i*7)%n), Title: code, Code: code, Status: 400 + i%30,
			Heads: [][2]string{{"why", "Why"}}}, d)
	}
	return x
}

var update = flag.Bool("update", false, "rewrite testdata/shards.txtar")

// TestShardsFile keeps testdata/shards.txtar, which search_js_test.mjs searches: one index cut
// small (under small/) and in one piece (under one/), for static/search.js to give the same
// answers from both. Run with -update after changing the index's files.
func TestShardsFile(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("An index cut small and in one piece; go test ./site/search -run TestShardsFile -update rewrites it.\n")
	x := testIndex(120)
	for _, set := range []struct {
		dir          string
		shard, chunk int
	}{{"small", 300, 600}, {"one", 1 << 30, 1 << 30}} {
		for _, f := range x.files(set.shard, set.chunk) {
			fmt.Fprintf(&b, "-- %s/%s --\n%s\n", set.dir, f.Name, f.Data)
		}
	}
	golden := filepath.Join("testdata", "shards.txtar")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, b.Bytes()) {
		t.Errorf("%s is out of date: run go test ./site/search -run TestShardsFile -update", golden)
	}
}
