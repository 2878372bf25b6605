package engine

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"golang.org/x/tools/txtar"
)

// encodeShareLink writes a share link's fragment as the playground does: JSON, raw DEFLATE,
// base64url without padding.
func encodeShareLink(t testing.TB, st ShareState) string {
	t.Helper()
	js, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write(js)
	w.Close()
	return base64.RawURLEncoding.EncodeToString(b.Bytes())
}

// DecodeShareLink reads a fragment back, strictly: a key ShareState does not have fails.
func decodeShareLink(t testing.TB, frag string) (ShareState, string) {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(frag)
	if err != nil {
		t.Fatal(err)
	}
	js, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var st ShareState
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		t.Fatalf("share link %s: %v", js, err)
	}
	return st, string(js)
}

// shareLinks makes both share links of a paste, as the playground does, and returns each
// link's decoded content by mode.
func shareLinks(t testing.TB, cat *catalog.Catalog, paste string) map[string]string {
	v, m := ExplainMasked(cat, paste, testOpts)
	s := ShareOf(v)
	out := map[string]string{}
	for _, st := range []ShareState{
		{V: 2, Mode: "verdict", Verdict: &s},
		{V: 2, Mode: "paste", Paste: m.Text, Masked: m.Found},
	} {
		_, js := decodeShareLink(t, encodeShareLink(t, st))
		out[st.Mode] = js
	}
	return out
}

// goldenPastes returns the paste of every golden case.
func goldenPastes(t *testing.T) map[string]string {
	files, _ := filepath.Glob("testdata/explain/*.txtar")
	more, _ := filepath.Glob("reqcheck/testdata/requests/*.txtar")
	ops, _ := filepath.Glob("reqcheck/testdata/requests/ops/*.txtar")
	out := map[string]string{}
	for _, f := range append(append(files, more...), ops...) {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range ar.Files {
			if x.Name == "paste" || strings.HasPrefix(x.Name, "paste") {
				out[f+":"+x.Name] = string(x.Data)
			}
		}
	}
	if len(out) < 40 {
		t.Fatalf("found %d golden pastes", len(out))
	}
	return out
}

// TestShareVerdictOnly makes the verdict-only link of every golden case and decodes it: it
// holds the input, API, shape, status, code, operation and field paths, and nothing else.
func TestShareVerdictOnly(t *testing.T) {
	cat := shippedCatalog(t)
	for name, paste := range goldenPastes(t) {
		v := Explain(cat, paste, testOpts)
		s := ShareOf(v)
		st, js := decodeShareLink(t, encodeShareLink(t, ShareState{V: 2, Mode: "verdict", Verdict: &s}))
		if st.Paste != "" || st.Masked != nil || st.Verdict == nil {
			t.Errorf("%s: the link holds more than a verdict: %s", name, js)
			continue
		}
		allowed := map[string]bool{v.Input: true, v.API: true, v.Dialect: true, v.Code: true, v.Operation: true, "verdict": true}
		if v.Predicted != nil {
			allowed[v.Predicted.Code] = true
		}
		for _, f := range v.Fields {
			allowed[f.Path] = true
		}
		var walk func(x any)
		walk = func(x any) {
			switch t := x.(type) {
			case string:
				if !allowed[t] {
					panic(t)
				}
			case map[string]any:
				for _, y := range t {
					walk(y)
				}
			case []any:
				for _, y := range t {
					walk(y)
				}
			}
		}
		var generic any
		json.Unmarshal([]byte(js), &generic)
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: the link holds %q, which is not the code, status, API, operation or a field path: %s", name, r, js)
				}
			}()
			walk(generic)
		}()
		for _, typed := range []string{v.Message, v.RequestID, v.FixedRequest} {
			if len(typed) > 3 && strings.Contains(js, typed) {
				t.Errorf("%s: the link holds %q", name, typed)
			}
		}
		// The receiving page rebuilds the verdict from the catalog.
		got := ExplainShare(cat, *st.Verdict)
		want := Explain(cat, paste, testOpts)
		if v.Input == "request" && v.Predicted != nil {
			want.Status, want.Code = v.Predicted.Status, v.Predicted.Code
		}
		if got.API != want.API || got.Status != want.Status || got.Code != want.Code || len(got.Fields) > len(want.Fields) {
			t.Errorf("%s: rebuilt verdict reads %s %d %q, want %s %d %q", name, got.API, got.Status, got.Code, want.API, want.Status, want.Code)
		}
		if want.Input == "response" && want.Dialect != "html" && got.Title != want.Title {
			t.Errorf("%s: rebuilt title %q, want %q", name, got.Title, want.Title)
		}
	}
}

// TestShareState checks the fields of the share link's format: a change to them is a change
// to the link format, which playground-share.js and old links depend on.
func TestShareState(t *testing.T) {
	var names []string
	for _, typ := range []reflect.Type{reflect.TypeOf(ShareState{}), reflect.TypeOf(Share{})} {
		for i := 0; i < typ.NumField(); i++ {
			names = append(names, typ.Field(i).Tag.Get("json"))
		}
	}
	want := "v mode verdict,omitempty paste,omitempty masked,omitempty input api dialect status code operation fields"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("share link fields are %q, want %q", got, want)
	}
}
