package jsonlite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/engine"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// stdIndent is what "errdocs explain --json" prints for v.
func stdIndent(t testing.TB, v any, prefix, indent string) ([]byte, error) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, indent)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return b.Bytes(), err
}

var (
	shippedOnce sync.Once
	shipped     *catalog.Catalog
	shippedErr  error
)

func shippedCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	shippedOnce.Do(func() {
		s, err := load.Content(content.FS)
		if err == nil {
			shipped = s.Catalog
		}
		shippedErr = err
	})
	if shippedErr != nil {
		t.Fatalf("load shipped content: %v", shippedErr)
	}
	return shipped
}

// TestCatalog decodes catalog.json, as errdocs build writes it, and checks the result is what
// encoding/json decodes.
func TestCatalog(t *testing.T) {
	data, err := json.Marshal(shippedCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	var want, got catalog.Catalog
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if err := Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&want, &got, cmp.Exporter(func(reflect.Type) bool { return true })); diff != "" {
		t.Fatalf("catalog differs from encoding/json's (-want +got):\n%s", diff)
	}
	// And it writes the catalog as encoding/json does.
	for _, ind := range []string{"", "  "} {
		w, _ := stdIndent(t, &want, "", ind)
		g, err := MarshalIndent(&want, "", ind)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(w, g) {
			t.Fatalf("indent %q: catalog encodes differently:\n%s", ind, cmp.Diff(string(w), string(g)))
		}
	}
}

// TestGoldenVerdicts encodes the verdict of every golden case as the CLI does.
func TestGoldenVerdicts(t *testing.T) {
	cat := shippedCatalog(t)
	files, _ := filepath.Glob("../../../engine/testdata/explain/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range ar.Files {
			if file.Name != "paste" {
				continue
			}
			v := engine.Explain(cat, string(file.Data))
			want, err := stdIndent(t, v, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got, err := MarshalIndent(v, "", "  ")
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if !bytes.Equal(want, got) {
				t.Errorf("%s: (-want +got)\n%s", filepath.Base(f), cmp.Diff(string(want), string(got)))
			}
		}
	}
}

type sample struct {
	S      string         `json:"s"`
	O      string         `json:"o,omitempty"`
	F      float64        `json:"f"`
	F32    float32        `json:"f32,omitempty"`
	I      int            `json:"i"`
	U      uint8          `json:"u,omitempty"`
	B      bool           `json:"b"`
	L      []string       `json:"l"`
	E      []int          `json:"e"`
	M      map[string]int `json:"m,omitempty"`
	IM     map[int]string `json:"im,omitempty"`
	P      *sample        `json:"p,omitempty"`
	A      any            `json:"a"`
	Raw    []byte         `json:"raw,omitempty"`
	Arr    [2]int         `json:"arr"`
	Skip   string         `json:"-"`
	NoTag  string
	hidden int
	Nest   map[string]*sample `json:"nest,omitempty"`
}

func TestEncodeTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
	}{
		{"nil", nil},
		{"zero", sample{}},
		{"strings", sample{S: "quote \" backslash \\ nl \n cr \r tab \t bs \b ff \f nul \x00 esc \x1b del \x7f <&> \u2028 \u2029 é 😀 bad \xff\xfe end", L: []string{}, E: nil}},
		{"floats", []float64{0, -0.0, 1, -1, 0.1, 1e-7, 1e-6, 123456789, 1e20, 1e21, 1.5e300, 5e-324, math.MaxFloat64, 3.0000000000000004}},
		{"float32", []float32{0.1, 1e-7, 1e21, 16777217}},
		{"nested", sample{S: "x", P: &sample{S: "y", A: map[string]any{"k": []any{1.0, "two", nil, true}}}, M: map[string]int{"b": 2, "a": 1, "": 0}, IM: map[int]string{10: "x", 2: "y", -1: "z"}, Raw: []byte("hi"), Nest: map[string]*sample{"n": nil}}},
		{"empty containers", map[string]any{"a": []any{}, "m": map[string]any{}, "s": []string{}}},
		{"verdict", engine.Verdict{Fix: []string{}, Retry: engine.Retry{Schedule: []float64{1, 2, 4.5}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, ind := range []string{"", "  ", "\t"} {
				want, werr := stdIndent(t, tc.v, "", ind)
				got, gerr := MarshalIndent(tc.v, "", ind)
				if (werr != nil) != (gerr != nil) {
					t.Fatalf("errors differ: %v vs %v", werr, gerr)
				}
				if !bytes.Equal(want, got) {
					t.Fatalf("indent %q (-want +got):\n%s", ind, cmp.Diff(string(want), string(got)))
				}
			}
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	type emb struct{ sample }
	for _, v := range []any{math.NaN(), math.Inf(1), make(chan int), emb{}, func() {}} {
		if _, err := MarshalIndent(v, "", ""); err == nil {
			t.Errorf("%T: no error", v)
		}
	}
	if _, err := MarshalIndent(emb{}, "", ""); !errors.Is(err, ErrUnsupported) {
		t.Errorf("embedded struct: got %v, want ErrUnsupported", err)
	}
}

func TestDecodeTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
	}{
		{"object", `{"s":"x","f":1.5,"i":-3,"b":true,"l":["a","b"],"e":[],"m":{"a":1},"im":{"7":"seven"},"p":{"s":"in"},"a":{"x":[1,"y",null,false]},"raw":"aGk=","arr":[1]}`},
		{"case folding", `{"S":"upper","NOTAG":"n","notag":"m","I":2}`},
		{"unknown keys", `{"zzz":{"deep":[1,2,{"x":null}]},"s":"kept"}`},
		{"nulls", `{"s":null,"l":null,"m":null,"p":null,"a":null,"i":null}`},
		{"escapes", `{"s":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\ud800x\udc00\u2028 raw é"}`},
		{"bad utf8", "{\"s\":\"a\xffb\xc3\"}"},
		{"whitespace", " \t\r\n{ \"s\" : \"x\" , \"l\" : [ \"a\" , \"b\" ] } \n"},
		{"numbers", `{"f":-0.0e+00,"i":0,"a":12345678901234567890}`},
		{"duplicate keys", `{"s":"first","s":"second","m":{"a":1},"m":{"b":2}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want, got sample
			werr := json.Unmarshal([]byte(tc.in), &want)
			gerr := Unmarshal([]byte(tc.in), &got)
			if (werr != nil) != (gerr != nil) {
				t.Fatalf("errors differ: encoding/json %v, jsonlite %v", werr, gerr)
			}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(sample{})); diff != "" {
				t.Fatalf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, in := range []string{``, ` `, `{`, `{"s"`, `{"s":`, `{"s":"x"`, `{"s":"x",}`, `[1,]`, `{"s":"x"}}`,
		`"\x"`, "\"\x01\"", `{"s":tru}`, `{"f":01}`, `{"f":1.}`, `{"f":1e}`, `{"f":-}`, `{"s":1}`, `{"i":"1"}`,
		`{"i":1.5}`, `{"u":300}`, `{"l":{}}`, `{s:1}`, `nul`, `"\u12"`} {
		var v sample
		if err := Unmarshal([]byte(in), &v); err == nil {
			t.Errorf("%q: no error", in)
		}
		var w sample
		if err := json.Unmarshal([]byte(in), &w); err == nil {
			t.Errorf("%q: encoding/json accepts it, so the test is wrong", in)
		}
	}
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	var x any
	if err := Unmarshal([]byte(deep), &x); err == nil {
		t.Error("20000 levels of nesting: no error")
	}
}

func FuzzEncode(f *testing.F) {
	f.Add("plain", 1.5, int64(3))
	f.Add("\x00\xff<\u2028>\"\\", 1e-7, int64(-1))
	f.Add("", 1e21, int64(0))
	f.Fuzz(func(t *testing.T, s string, x float64, n int64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		v := engine.Verdict{Title: s, Status: int(n), Fix: []string{s, ""}, Retry: engine.Retry{AfterSeconds: x, Schedule: []float64{x}},
			Fields: []engine.Field{{Path: s, Line: int(n)}}}
		want, err := stdIndent(t, v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got, err := MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Fatalf("(-want +got):\n%s", cmp.Diff(string(want), string(got)))
		}
	})
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"s":"x","l":["a"],"m":{"k":1}}`, `[1,"2",{"3":null}]`, `"\ud800"`, `{"a":{"b":[true,false]}}`} {
		f.Add([]byte(s))
	}
	if data, err := os.ReadFile("testdata/catalog-sample.json"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var wantAny, gotAny any
		werr := json.Unmarshal(data, &wantAny)
		gerr := Unmarshal(data, &gotAny)
		var syn *json.SyntaxError
		switch {
		case werr == nil && gerr != nil:
			t.Fatalf("encoding/json reads %q, jsonlite fails: %v", data, gerr)
		case errors.As(werr, &syn) && gerr == nil:
			t.Fatalf("encoding/json rejects %q (%v), jsonlite reads it", data, werr)
		case werr == nil && !reflect.DeepEqual(wantAny, gotAny):
			t.Fatalf("%q: encoding/json %#v, jsonlite %#v", data, wantAny, gotAny)
		}
		var want, got sample
		werr = json.Unmarshal(data, &want)
		gerr = Unmarshal(data, &got)
		if werr == nil && gerr == nil && !cmp.Equal(want, got, cmp.AllowUnexported(sample{})) {
			t.Fatalf("%q: (-want +got)\n%s", data, cmp.Diff(want, got, cmp.AllowUnexported(sample{})))
		}
		if werr == nil && gerr != nil {
			t.Fatalf("encoding/json reads %q into a struct, jsonlite fails: %v", data, gerr)
		}
	})
}

func BenchmarkUnmarshalCatalog(b *testing.B) {
	data, err := json.Marshal(shippedCatalog(b))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.Run("jsonlite", func(b *testing.B) {
		for b.Loop() {
			var c catalog.Catalog
			if err := Unmarshal(data, &c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			var c catalog.Catalog
			if err := json.Unmarshal(data, &c); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestMembersAndElements(t *testing.T) {
	ms, err := Members([]byte(` {"a": [1, {"b": null}], "k\u00e9y" : "v\"" ,"n":{}} `))
	if err != nil {
		t.Fatal(err)
	}
	want := []Member{{"a", []byte(`[1, {"b": null}]`)}, {"kéy", []byte(`"v\""`)}, {"n", []byte(`{}`)}}
	if len(ms) != len(want) {
		t.Fatalf("got %d members, want %d", len(ms), len(want))
	}
	for i := range want {
		if ms[i].Key != want[i].Key || string(ms[i].Value) != string(want[i].Value) {
			t.Errorf("member %d: got %q %s, want %q %s", i, ms[i].Key, ms[i].Value, want[i].Key, want[i].Value)
		}
	}
	es, err := Elements([]byte(`[ 1 ,"x", [ ], {"a":2}]`))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%s", es); got != `[1 "x" [ ] {"a":2}]` {
		t.Errorf("elements: %s", got)
	}
	ms, err = Members([]byte(`{"a":"x\\\\","b":"y\\\"z\\\\\\\"","c":"\\\\\\\\"}`))
	if err != nil || len(ms) != 3 || string(ms[0].Value) != `"x\\\\"` || string(ms[1].Value) != `"y\\\"z\\\\\\\""` || string(ms[2].Value) != `"\\\\\\\\"` {
		t.Errorf("members with escapes: %q %v", ms, err)
	}
	objs, err := ObjectsIn([]byte(`[{"a":1,"b":[2]}, {}, {"c":{"d":"}"}}]`))
	if err != nil || len(objs) != 3 || len(objs[0]) != 2 || string(objs[0][1].Value) != `[2]` || len(objs[1]) != 0 || string(objs[2][0].Value) != `{"d":"}"}` {
		t.Errorf("ObjectsIn: %q %v", objs, err)
	}
	for _, bad := range []string{`[1]`, `[{"a":1},2]`, `[{"a":1}`, `{}`} {
		if _, err := ObjectsIn([]byte(bad)); err == nil {
			t.Errorf("ObjectsIn(%q): no error", bad)
		}
	}
	if ms, err := Members([]byte(`{}`)); err != nil || len(ms) != 0 {
		t.Errorf("Members({}): %v %v", ms, err)
	}
	if es, err := Elements([]byte(`[]`)); err != nil || len(es) != 0 {
		t.Errorf("Elements([]): %v %v", es, err)
	}
	for _, bad := range []string{``, `[]`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{"a":1} x`, `{"a":[1}`, `{"a":1`, `{1:2}`, `{"a":tru}`} {
		if _, err := Members([]byte(bad)); err == nil {
			t.Errorf("Members(%q): no error", bad)
		}
	}
	for _, bad := range []string{``, `{}`, `[1,]`, `[1 2]`, `[1`, `[1] 2`, `["a]`} {
		if _, err := Elements([]byte(bad)); err == nil {
			t.Errorf("Elements(%q): no error", bad)
		}
	}
}
