package jsonlite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// stdIndent is what a json.Encoder with SetIndent("", indent) and no HTML escaping writes.
func stdIndent(t testing.TB, v any, indent string) ([]byte, error) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", indent)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return b.Bytes(), err
}

func encodeAny(v any, indent string) ([]byte, error) {
	e := NewEncoder("", indent)
	e.Any(v)
	return e.Bytes()
}

func TestEncodeAny(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
	}{
		{"nil", nil},
		{"strings", "quote \" backslash \\ nl \n cr \r tab \t bs \b ff \f nul \x00 esc \x1b del \x7f <&> \u2028 \u2029 é 😀 bad \xff\xfe end"},
		{"floats", []any{0.0, math.Copysign(0, -1), 1.0, -1.0, 0.1, 1e-7, 1e-6, 123456789.0, 1e20, 1e21, 1.5e300, 5e-324, math.MaxFloat64, 3.0000000000000004}},
		{"ints", []any{0, -3, 1 << 40}},
		{"nested", map[string]any{"b": []any{1.0, "two", nil, true, map[string]any{}}, "a": map[string]any{"z": []string{"x"}, "y": map[string]string{"k": "v", "": "e"}}, "": false}},
		{"empty containers", map[string]any{"a": []any{}, "m": map[string]any{}, "s": []string{}, "n": []any(nil), "nm": map[string]any(nil)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, ind := range []string{"", "  ", "\t"} {
				want, werr := stdIndent(t, tc.v, ind)
				got, gerr := encodeAny(tc.v, ind)
				if werr != nil || gerr != nil {
					t.Fatalf("errors: encoding/json %v, jsonlite %v", werr, gerr)
				}
				if !bytes.Equal(want, got) {
					t.Fatalf("indent %q (-want +got):\n%s", ind, cmp.Diff(string(want), string(got)))
				}
			}
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	for _, v := range []any{math.NaN(), math.Inf(1), []any{math.Inf(-1)}, make(chan int), struct{}{}, []int{1}} {
		if _, err := encodeAny(v, ""); err == nil {
			t.Errorf("%#v: no error", v)
		}
	}
}

// decodeAny reads data as json.Unmarshal does into an any.
func decodeAny(data []byte) (any, error) {
	dec := NewDecoder(data)
	v := dec.Any()
	return v, dec.Finish()
}

func TestDecodeAny(t *testing.T) {
	for _, in := range []string{
		`{"s":"x","f":1.5,"i":-3,"b":true,"l":["a","b"],"e":[],"m":{"a":1},"a":{"x":[1,"y",null,false]}}`,
		`{"s":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\ud800x\udc00\u2028 raw é"}`,
		"{\"s\":\"a\xffb\xc3\"}",
		" \t\r\n{ \"s\" : \"x\" , \"l\" : [ \"a\" , \"b\" ] } \n",
		`{"f":-0.0e+00,"i":0,"a":12345678901234567890}`,
		`{"s":"first","s":"second"}`,
		`null`, `true`, `"x"`, `[]`, `{}`, `0`,
	} {
		want, werr := func() (v any, err error) { err = json.Unmarshal([]byte(in), &v); return }()
		got, gerr := decodeAny([]byte(in))
		if werr != nil || gerr != nil {
			t.Fatalf("%q: errors: encoding/json %v, jsonlite %v", in, werr, gerr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", in, diff)
		}
	}
}

// point is a decoder written by hand the way package wire's generated ones are, to test the
// Decoder's struct reading against encoding/json.
type point struct {
	X    int            `json:"x"`
	Y    float64        `json:"y"`
	Name string         `json:"name"`
	On   bool           `json:"on"`
	Tags []string       `json:"tags"`
	Meta map[string]int `json:"meta"`
	Next *point         `json:"next"`
	Any  any            `json:"any"`
}

var pointFields = []string{"x", "y", "name", "on", "tags", "meta", "next", "any"}

func decodePoint(dec *Decoder, p *point) {
	if !dec.ObjectStart("point") {
		return
	}
	for dec.More() {
		switch Field(dec.Key(), pointFields) {
		case 0:
			if n, ok := dec.Int(); ok {
				p.X = n
			}
		case 1:
			if f, ok := dec.Float(); ok {
				p.Y = f
			}
		case 2:
			if s, ok := dec.String(); ok {
				p.Name = s
			}
		case 3:
			if b, ok := dec.Bool(); ok {
				p.On = b
			}
		case 4:
			if dec.Null() {
				p.Tags = nil
			} else if dec.ArrayStart("[]string") {
				s := p.Tags[:0]
				for dec.More() {
					var x string
					if v, ok := dec.String(); ok {
						x = v
					}
					s = append(s, x)
				}
				if s == nil {
					s = []string{}
				}
				p.Tags = s
			}
		case 5:
			if dec.Null() {
				p.Meta = nil
			} else if dec.ObjectStart("map[string]int") {
				if p.Meta == nil {
					p.Meta = map[string]int{}
				}
				for dec.More() {
					k := string(dec.Key())
					var x int
					if n, ok := dec.Int(); ok {
						x = n
					}
					p.Meta[k] = x
				}
			}
		case 6:
			if dec.Null() {
				p.Next = nil
			} else {
				if p.Next == nil {
					p.Next = new(point)
				}
				decodePoint(dec, p.Next)
			}
		case 7:
			p.Any = dec.Any()
		default:
			dec.Skip()
		}
	}
}

func unmarshalPoint(data []byte) (point, error) {
	var p point
	dec := NewDecoder(data)
	decodePoint(dec, &p)
	return p, dec.Finish()
}

func TestDecodeStruct(t *testing.T) {
	for _, in := range []string{
		`{"x":1,"y":2.5,"name":"n","on":true,"tags":["a"],"meta":{"k":1},"next":{"x":2,"next":null},"any":[1,{"a":null}]}`,
		`{"X":3,"NAME":"folded","Name":"again"}`,
		`{"zzz":{"deep":[1,2,{"x":null}]},"name":"kept","tags":[],"meta":{}}`,
		`{"x":null,"name":null,"tags":null,"meta":null,"next":null,"any":null}`,
		`{"name":"first","name":"second","meta":{"a":1},"meta":{"b":2}}`,
		`null`,
	} {
		want := point{}
		werr := json.Unmarshal([]byte(in), &want)
		got, gerr := unmarshalPoint([]byte(in))
		if werr != nil || gerr != nil {
			t.Fatalf("%q: errors: encoding/json %v, jsonlite %v", in, werr, gerr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", in, diff)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, in := range []string{``, ` `, `{`, `{"name"`, `{"name":`, `{"name":"x"`, `{"name":"x",}`, `{"tags":[1,]}`, `{"name":"x"}}`,
		`{"name":"\x"}`, "{\"name\":\"\x01\"}", `{"on":tru}`, `{"y":01}`, `{"y":1.}`, `{"y":1e}`, `{"y":-}`, `{"name":1}`, `{"x":"1"}`,
		`{"x":1.5}`, `{"x":1e3}`, `{"x":99999999999999999999}`, `{"tags":{}}`, `{"meta":[]}`, `{name:1}`, `nul`, `{"name":"\u12"}`,
		`{"tags":["a"}`, `{"meta":{"a":1]}`, `[]`, `"x"`, `{"y":1e999}`, `{"any":1e999}`,
		"{\"zzz\":\"\x01\"}", `{"zzz":["\q"]}`, "{\"zzz\":{\"\x00\":1}}", `{"x":"one\u12"}`} {
		if _, err := unmarshalPoint([]byte(in)); err == nil {
			t.Errorf("%q: no error", in)
		}
		var w point
		if err := json.Unmarshal([]byte(in), &w); err == nil {
			t.Errorf("%q: encoding/json accepts it, so the test is wrong", in)
		}
	}
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	if _, err := decodeAny([]byte(deep)); err == nil {
		t.Error("20000 levels of nesting: no error")
	}
	// A type mismatch does not stop the reading: the rest is filled in, as encoding/json does.
	p, err := unmarshalPoint([]byte(`{"x":"one","name":"kept"}`))
	if err == nil || p.Name != "kept" {
		t.Errorf("after a mismatch: %+v, %v", p, err)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"name":"x","tags":["a"],"meta":{"k":1},"next":{"any":[1,"2",{"3":null}]}}`, `[1,"2",{"3":null}]`, `"\ud800"`, `{"a":{"b":[true,false]}}`, `{"x":1e3,"y":-0}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var wantAny any
		werr := json.Unmarshal(data, &wantAny)
		gotAny, gerr := decodeAny(data)
		var syn *json.SyntaxError
		switch {
		case werr == nil && gerr != nil:
			t.Fatalf("encoding/json reads %q, jsonlite fails: %v", data, gerr)
		case errors.As(werr, &syn) && gerr == nil:
			t.Fatalf("encoding/json rejects %q (%v), jsonlite reads it", data, werr)
		case werr == nil && !reflect.DeepEqual(wantAny, gotAny):
			t.Fatalf("%q: encoding/json %#v, jsonlite %#v", data, wantAny, gotAny)
		}
		var want point
		werr = json.Unmarshal(data, &want)
		got, gerr := unmarshalPoint(data)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%q: encoding/json says %v, jsonlite %v", data, werr, gerr)
		}
		if werr == nil && !cmp.Equal(want, got) {
			t.Fatalf("%q: (-want +got)\n%s", data, cmp.Diff(want, got))
		}
	})
}

func FuzzEncode(f *testing.F) {
	f.Add("plain", 1.5, int64(3))
	f.Add("\x00\xff<\u2028>\"\\", 1e-7, int64(-1))
	f.Add("", 1e21, int64(0))
	f.Fuzz(func(t *testing.T, s string, x float64, n int64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		v := map[string]any{s: []any{s, x, int(n), map[string]string{s: s}}, "k": []string{s}}
		for _, ind := range []string{"", "  "} {
			want, err := stdIndent(t, v, ind)
			if err != nil {
				t.Fatal(err)
			}
			got, err := encodeAny(v, ind)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(want, got) {
				t.Fatalf("(-want +got):\n%s", cmp.Diff(string(want), string(got)))
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
