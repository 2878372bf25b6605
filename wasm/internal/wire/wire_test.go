package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/internal/testkit"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// stdIndent is what "errdocs explain --json" prints for v.
func stdIndent(t testing.TB, v any, indent string) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", indent)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// shippedCatalog is the catalog of content/ (testkit.ShippedCatalog).
func shippedCatalog(t testing.TB) *catalog.Catalog { return testkit.ShippedCatalog(t) }

var exported = cmp.Exporter(func(reflect.Type) bool { return true })

// TestCatalog decodes catalog.json, as errdocs build writes it, and its worker layout in two
// parts, and checks each result is what encoding/json decodes.
func TestCatalog(t *testing.T) {
	data, err := json.Marshal(shippedCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	var raw catalog.Catalog
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	want, err := catalog.New(raw.APIs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeCatalog(data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, exported); diff != "" {
		t.Fatalf("catalog differs from encoding/json's (-want +got):\n%s", diff)
	}

	wdata, err := json.Marshal(shippedCatalog(t).ForWorker())
	if err != nil {
		t.Fatal(err)
	}
	split, more, err := DecodeLeadingAPIs(wdata)
	if err != nil || !more {
		t.Fatalf("the worker's catalog: more %v, err %v; want its requests left for later", more, err)
	}
	for _, a := range split.APIs {
		if a.Operations != nil || a.Schemas != nil {
			t.Errorf("%s: the worker's APIs hold operations", a.ID)
		}
	}
	reqs, err := DecodeRequestsIn(wdata)
	if err != nil {
		t.Fatal(err)
	}
	split.AddRequests(reqs)
	if diff := cmp.Diff(want, split, exported); diff != "" {
		t.Fatalf("the worker's catalog, joined, differs from catalog.json (-want +got):\n%s", diff)
	}

	// catalog.json is read whole, and damage after the worker's APIs is found only when the
	// rest is read.
	if whole, more, err := DecodeLeadingAPIs(data); err != nil || more || cmp.Diff(want, whole, exported) != "" {
		t.Fatalf("catalog.json through DecodeLeadingAPIs: more %v, err %v, or a different catalog", more, err)
	}
	bad := append(wdata[:len(wdata)-1:len(wdata)-1], ",}"...)
	if _, more, err := DecodeLeadingAPIs(bad); err != nil || !more {
		t.Fatalf("damage after the APIs: more %v, err %v at once", more, err)
	}
	if _, err := DecodeRequestsIn(bad); err == nil {
		t.Fatal("damage after the APIs: DecodeRequestsIn found none")
	}
}

// TestGoldenVerdicts encodes the verdict of every golden case as the CLI does.
func TestGoldenVerdicts(t *testing.T) {
	cat := shippedCatalog(t)
	files, _ := filepath.Glob("../../../engine/testdata/*/*.txtar")
	requests, _ := filepath.Glob("../../../engine/reqcheck/testdata/*/*.txtar")
	files = append(files, requests...)
	n := 0
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range ar.Files {
			if file.Name != "paste" {
				continue
			}
			n++
			v := engine.Explain(cat, string(file.Data))
			want := stdIndent(t, v, "  ")
			got, err := EncodeVerdict(v, "  ")
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if !bytes.Equal(want, got) {
				t.Errorf("%s: (-want +got)\n%s", filepath.Base(f), cmp.Diff(string(want), string(got)))
			}
		}
	}
	if n < 50 {
		t.Fatalf("only %d golden pastes found", n)
	}
}

func TestEncodeVerdict(t *testing.T) {
	for _, v := range []*engine.Verdict{
		{},
		{Fix: []string{}, Fields: []engine.Field{}, Problems: []engine.Problem{}, Redacted: []string{}, Retry: engine.Retry{Schedule: []float64{}}},
		{Title: "quote \" <&> \u2028 \xff", Status: -1, Retry: engine.Retry{Retryable: true, AfterSeconds: 1e-7, Schedule: []float64{1, 2, 4.5, 1e21}},
			Fields: []engine.Field{{Path: "a.b", Line: 3}}, Problems: []engine.Problem{{Severity: "info", Column: 2}}},
		{Predicted: &engine.Predicted{Status: 422, Body: map[string]any{"z": 1.0, "a": []any{"x", nil, true, map[string]any{}}}, Text: "{}"}},
		{Predicted: &engine.Predicted{Body: nil}},
	} {
		for _, ind := range []string{"", "  "} {
			want := stdIndent(t, v, ind)
			got, err := EncodeVerdict(v, ind)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(want, got) {
				t.Errorf("indent %q (-want +got)\n%s", ind, cmp.Diff(string(want), string(got)))
			}
		}
	}
	if _, err := EncodeVerdict(&engine.Verdict{Retry: engine.Retry{AfterSeconds: math.NaN()}}, ""); err == nil {
		t.Error("NaN: no error")
	}
}

func FuzzDecodeCatalog(f *testing.F) {
	f.Add([]byte(`{"apis":[{"id":"x","errors":[{"code":"A","statuses":[400],"retry":{"strategy":"never"}}],"retry":{"429":{"strategy":"backoff","base_seconds":1}}}]}`))
	f.Add([]byte(`{"apis":[{"operations":[{"method":"POST","body":{"type":["object"],"enum":[1,"a",null],"min_length":2,"properties":[{"name":"p","schema":{"items":{}}}]}}],"schemas":{"S":{"ref":"T"}},"predict":{"messages":{"k":{"message":"m"}}}}]}`))
	f.Add([]byte(`{"APIS":[{"ID":"x","Hosts":null,"headers":{"rate_limit":["a"]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var want catalog.Catalog
		werr := json.Unmarshal(data, &want)
		got, gerr := decodeCatalog(data)
		var syn *json.SyntaxError
		switch {
		case werr == nil && gerr != nil:
			t.Fatalf("encoding/json reads %q, wire fails: %v", data, gerr)
		case errors.As(werr, &syn) && gerr == nil:
			t.Fatalf("encoding/json rejects %q (%v), wire reads it", data, werr)
		case werr != nil && gerr == nil:
			t.Fatalf("encoding/json rejects %q (%v), wire reads it", data, werr)
		case werr == nil && !cmp.Equal(&want, got, exported):
			t.Fatalf("%q (-want +got):\n%s", data, cmp.Diff(&want, got, exported))
		}
	})
}

func FuzzEncodeVerdict(f *testing.F) {
	f.Add("plain", 1.5, int64(3), true)
	f.Add("\x00\xff<\u2028>\"\\", 1e-7, int64(-1), false)
	f.Fuzz(func(t *testing.T, s string, x float64, n int64, b bool) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		v := &engine.Verdict{Title: s, Status: int(n), Known: b, Fix: []string{s, ""}, Retry: engine.Retry{AfterSeconds: x, Schedule: []float64{x}},
			Fields: []engine.Field{{Path: s, Line: int(n)}}, Predicted: &engine.Predicted{Body: map[string]any{s: []any{x, s, b}}}}
		want := stdIndent(t, v, "  ")
		got, err := EncodeVerdict(v, "  ")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Fatalf("(-want +got):\n%s", cmp.Diff(string(want), string(got)))
		}
	})
}

func BenchmarkDecodeCatalog(b *testing.B) {
	data, err := json.Marshal(shippedCatalog(b))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.Run("wire", func(b *testing.B) {
		for b.Loop() {
			if _, err := DecodeCatalog(data); err != nil {
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

// TestShareGoldens writes what the verdict-only share link of every golden paste holds, and
// reads it back, as encoding/json does.
func TestShareGoldens(t *testing.T) {
	cat := shippedCatalog(t)
	files, _ := filepath.Glob("../../../engine/testdata/*/*.txtar")
	requests, _ := filepath.Glob("../../../engine/reqcheck/testdata/*/*.txtar")
	files = append(files, requests...)
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range ar.Files {
			if file.Name != "paste" {
				continue
			}
			s := engine.ShareOf(engine.Explain(cat, string(file.Data)))
			want, _ := json.Marshal(s)
			got, err := EncodeShare(s)
			if err != nil || !bytes.Equal(want, got) {
				t.Errorf("%s: EncodeShare = %s, %v; want %s", filepath.Base(f), got, err, want)
			}
			back, err := DecodeShare(got)
			if err != nil || !cmp.Equal(s, back) {
				t.Errorf("%s: DecodeShare(%s) = %+v, %v", filepath.Base(f), got, back, err)
			}
		}
	}
}

func FuzzDecodeShare(f *testing.F) {
	f.Add([]byte(`{"input":"response","api":"plunk","dialect":"plunk-envelope","status":429,"code":"RATE_LIMIT_EXCEEDED","operation":"","fields":["email"]}`))
	f.Add([]byte(`{"fields":null,"status":1e400}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var want engine.Share
		werr := json.Unmarshal(data, &want)
		got, gerr := DecodeShare(data)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%q: encoding/json says %v, wire says %v", data, werr, gerr)
		}
		if werr == nil && !cmp.Equal(want, got) {
			t.Fatalf("%q: (-want +got)\n%s", data, cmp.Diff(want, got))
		}
	})
}
