//go:build js && wasm

package main

// These tests run the shim under node:
//
//	PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test ./wasm/...
//
// They call errdocsEngine through syscall/js, as worker.js does, and compare its answers with the
// engine called directly and encoded by encoding/json, as the CLI does.

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"syscall/js"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/engine"
	"golang.org/x/tools/txtar"
)

var setup sync.Once
var native *catalog.Catalog
var catalogJSON []byte

// engineAPI registers the shim and loads the shipped catalog into it once.
func engineAPI(t *testing.T) js.Value {
	t.Helper()
	setup.Do(func() {
		register(js.Global())
		s, err := load.Content(content.FS)
		if err != nil {
			t.Fatalf("load content: %v", err)
		}
		native = s.Catalog
		catalogJSON, err = json.Marshal(native)
		if err != nil {
			t.Fatal(err)
		}
	})
	api := js.Global().Get("errdocsEngine")
	if api.Type() != js.TypeObject {
		t.Fatal("errdocsEngine is not registered")
	}
	arr := js.Global().Get("Uint8Array").New(len(catalogJSON))
	js.CopyBytesToJS(arr, catalogJSON)
	if msg := api.Call("load", arr).String(); msg != "" {
		t.Fatalf("load: %s", msg)
	}
	return api
}

// cli is what "errdocs explain --json" prints for v.
func cli(t *testing.T, v *engine.Verdict) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func goldenPastes(t *testing.T) map[string]string {
	t.Helper()
	files, _ := filepath.Glob("../engine/testdata/explain/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden cases in engine/testdata/explain")
	}
	out := map[string]string{}
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range ar.Files {
			if file.Name == "paste" {
				out[strings.TrimSuffix(filepath.Base(f), ".txtar")] = string(file.Data)
			}
		}
	}
	return out
}

// TestExplainMatchesCLI explains every golden paste through the shim and checks the JSON is the
// CLI's, byte for byte. A wait computed from an HTTP date can tick between the two calls, so the
// engine runs before and after and either answer counts.
func TestExplainMatchesCLI(t *testing.T) {
	api := engineAPI(t)
	for name, paste := range goldenPastes(t) {
		t.Run(name, func(t *testing.T) {
			// JavaScript holds text, not bytes: invalid UTF-8 arrives as U+FFFD. The CLI is
			// compared on the text the module receives.
			paste := js.ValueOf(paste).String()
			before := cli(t, engine.Explain(native, paste))
			r := api.Call("explain", paste, true)
			after := cli(t, engine.Explain(native, paste))
			if e := r.Get("error").String(); e != "" {
				t.Fatalf("error: %s", e)
			}
			got := r.Get("json").String()
			if got != before && got != after {
				t.Fatalf("shim JSON differs from the CLI's:\n--- cli\n%s\n--- shim\n%s", before, got)
			}
			// The share link's content is the engine's, and rebuilds the engine's verdict.
			share, _ := json.Marshal(engine.ShareOf(engine.Explain(native, paste)))
			if got := r.Get("share").String(); got != string(share) {
				t.Fatalf("share is %s, want %s", got, share)
			}
			rebuilt := api.Call("shared", string(share))
			if e := rebuilt.Get("error").String(); e != "" {
				t.Fatalf("shared: %s", e)
			}
			var s engine.Share
			json.Unmarshal(share, &s)
			if got, want := rebuilt.Get("json").String(), cli(t, engine.ExplainShare(native, s)); got != want {
				t.Fatalf("shared JSON differs from the engine's:\n--- engine\n%s\n--- shim\n%s", want, got)
			}
			// The masked paste comes with the secrets the verdict lists.
			masked, found := engine.Redact(native, paste)
			if masked == paste {
				if !r.Get("masked").IsNull() {
					t.Fatalf("masked is %q for a paste with no secrets", r.Get("masked").String())
				}
				return
			}
			if r.Get("masked").String() != masked {
				t.Fatalf("masked paste differs from engine.Redact's")
			}
			if n := r.Get("found").Length(); n != len(found) {
				t.Fatalf("found lists %d secrets, engine.Redact %d", n, len(found))
			}
		})
	}
}

// TestDeferredOperations checks that load leaves each API's operations and schemas for later,
// that complete() then yields exactly the catalog the site wrote, and that a request paste
// before complete() is checked all the same.
func TestDeferredOperations(t *testing.T) {
	api := engineAPI(t)
	worker, err := json.Marshal(native.ForWorker())
	if err != nil {
		t.Fatal(err)
	}
	if msg := api.Call("load", string(worker)).String(); msg != "" {
		t.Fatalf("load of the worker's catalog: %s", msg)
	}
	for _, a := range cat.APIs {
		if a.Operations != nil || a.Schemas != nil {
			t.Fatalf("%s: operations decoded at load", a.ID)
		}
	}
	// The first paste before complete() decodes the operations itself.
	req := "curl https://next-api.useplunk.com/v1/track -H 'Content-Type: application/json' -d '{\"event\":\"signup\"}'"
	r := api.Call("explain", req)
	if r.Get("error").String() != "" || !strings.Contains(r.Get("json").String(), `"operation": "POST /v1/track"`) {
		t.Fatalf("request paste before complete: %s %s", r.Get("error").String(), r.Get("json").String())
	}
	for i := 0; i < 2; i++ {
		if msg := api.Call("complete").String(); msg != "" {
			t.Fatalf("complete: %s", msg)
		}
	}
	got, err := json.Marshal(cat)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, catalogJSON) {
		t.Fatal("the worker's catalog after complete() differs from catalog.json")
	}

	// A damaged requests part loads (it is left for later), fails complete() with a clear
	// error, and leaves requests unchecked, saying so, while responses are still explained.
	bad := strings.Replace(string(worker), `"requests":{`, `"requests":{"x":7,`, 1)
	if msg := api.Call("load", bad).String(); msg != "" {
		t.Fatalf("load with bad requests: %s", msg)
	}
	if msg := api.Call("complete").String(); msg == "" {
		t.Error("complete with bad requests: no error")
	}
	r = api.Call("explain", req)
	if !strings.Contains(r.Get("json").String(), "cannot check the request") {
		t.Errorf("request paste with bad requests: %s", r.Get("json").String())
	}
	r = api.Call("explain", "HTTP/1.1 429 Too Many Requests\n\n")
	if r.Get("error").String() != "" || !strings.Contains(r.Get("json").String(), `"status": 429`) {
		t.Errorf("response paste with bad requests: %s", r.Get("json").String())
	}

	// catalog.json itself, in any layout, is decoded whole, at once.
	pretty, err := json.MarshalIndent(native, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if msg := api.Call("load", string(pretty)).String(); msg != "" {
		t.Fatalf("load of an indented catalog: %s", msg)
	}
	if len(cat.APIs) == 0 || len(cat.APIs[0].Operations) == 0 {
		t.Error("an indented catalog's operations were not decoded at load")
	}
	engineAPI(t) // leave the good catalog for the other tests
}

func TestExplainArguments(t *testing.T) {
	api := engineAPI(t)
	if r := api.Call("explain", "HTTP/1.1 401 Unauthorized\nAuthorization: Bearer sk_"+strings.Repeat("9", 40)+"\n\n"); !r.Get("masked").IsNull() {
		t.Error("explain without mask returned a masked paste")
	}
	for _, args := range [][]any{{}, {1}, {nil}, {"a", "b"}, {"a", true, 1}, {js.Global().Get("Object").New()}} {
		r := api.Call("explain", args...)
		if r.Get("error").String() == "" || r.Get("json").String() != "" {
			t.Errorf("explain(%v): want an error and no verdict, got error %q", args, r.Get("error").String())
		}
	}
	if msg := api.Call("load", "{").String(); msg == "" {
		t.Error("load of broken JSON: no error")
	}
	if msg := api.Call("load", 42).String(); msg == "" {
		t.Error("load of a number: no error")
	}
	// A failed load leaves the last good catalog in place.
	if r := api.Call("explain", "HTTP/1.1 429 Too Many Requests\n\n"); r.Get("error").String() != "" {
		t.Errorf("explain after a failed load: %s", r.Get("error").String())
	}
}

// TestPanicBecomesVerdict makes the engine's caller panic and checks the answer is an error
// verdict with every field of a verdict, and that the next call works.
func TestPanicBecomesVerdict(t *testing.T) {
	api := engineAPI(t)
	testHook = func(text string) {
		if text == "boom" {
			panic("deliberate")
		}
	}
	defer func() { testHook = nil }()
	r := api.Call("explain", "boom")
	if e := r.Get("error").String(); e != "" {
		t.Fatalf("error: %s", e)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(r.Get("json").String()), &got); err != nil {
		t.Fatalf("error verdict is not JSON: %v", err)
	}
	var normal map[string]any
	json.Unmarshal([]byte(cli(t, engine.Explain(native, ""))), &normal)
	if !reflect.DeepEqual(keys(got), keys(normal)) {
		t.Fatalf("error verdict has keys %v, a verdict %v", keys(got), keys(normal))
	}
	probs, _ := got["problems"].([]any)
	if len(probs) != 1 || !strings.Contains(probs[0].(map[string]any)["message"].(string), "deliberate") {
		t.Fatalf("problems = %v, want the panic", got["problems"])
	}
	next := api.Call("explain", "HTTP/1.1 503 Service Unavailable\n\n")
	if !strings.Contains(next.Get("json").String(), `"status": 503`) {
		t.Fatalf("the call after the panic: %s", next.Get("json").String())
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestRedact(t *testing.T) {
	api := engineAPI(t)
	key := "sk_live_" + strings.Repeat("a1B2", 8)
	r := api.Call("redact", "Authorization: Bearer "+key+"\n")
	masked := r.Get("masked").String()
	if strings.Contains(masked, key) || r.Get("found").Length() == 0 {
		t.Fatalf("redact kept the key: %q", masked)
	}
	if r := api.Call("redact", 7); r.Get("error").String() == "" {
		t.Error("redact(7): no error")
	}
}

// TestSharedDamaged checks that a damaged share link's verdict gets an error, not a panic.
func TestSharedDamaged(t *testing.T) {
	api := engineAPI(t)
	for _, arg := range []any{`{"status":"x"}`, `{`, `[]`, 7} {
		if r := api.Call("shared", arg); r.Get("error").String() == "" {
			t.Errorf("shared(%v): no error", arg)
		}
	}
	r := api.Call("shared", `{"api":"nope","code":"<script>","status":999,"fields":["a"]}`)
	if r.Get("error").String() != "" || !strings.Contains(r.Get("json").String(), `"code": "<script>"`) {
		t.Errorf("shared of an unknown API: %v %s", r.Get("error"), r.Get("json"))
	}
}
