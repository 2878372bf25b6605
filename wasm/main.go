//go:build js && wasm

// Command wasm is the errdocs engine compiled to WebAssembly for the playground. It is a thin
// shim: it converts values between JavaScript and Go, calls package engine, and returns results
// as data. It never throws into JavaScript and never panics out: a panic becomes an error verdict
// (engine.FailedVerdict) and the module keeps answering.
//
// The playground's Web Worker (static/worker.js) loads it with wasm_exec.js and finds one object
// on the worker's global scope, errdocsEngine, typed in errdocs.d.ts:
//
//	errdocsEngine.load(catalog)       // Uint8Array or string: catalog.WorkerCatalog as the build
//	                                  // writes it, or catalog.json; returns "" or an error
//	errdocsEngine.complete()          // decodes the operations load left and compiles the
//	                                  // engine's patterns (lazyre); returns "" or an error
//	errdocsEngine.explain(text, mask) // {json, share, masked, found, error}: json is the verdict
//	                                  // exactly as "errdocs explain --json" prints it, share what
//	                                  // a verdict-only share link holds (engine.Share); with
//	                                  // mask, masked is the paste with its secrets masked
//	errdocsEngine.redact(text)        // {masked, found, error}: the text with every secret masked
//	errdocsEngine.shared(shareJSON)   // {json, error}: the verdict a share link's engine.Share
//	                                  // rebuilds from the catalog
//
// The catalog travels as data (written by errdocs build), so a content edit needs no new module.
// The module links the engine, the catalog and the standard library only: no YAML, Markdown or
// highlighting code, and neither encoding/json, fmt nor reflect (TestModuleDeps in package wire
// checks it). Package wire's generated code reads the catalog and writes verdicts exactly as
// encoding/json would, and internal/printf formats messages as fmt would. ./build.sh wasm builds
// without inlining (-gcflags=all=-l): the module is about 120 KB of brotli smaller, and the
// engine about twice as slow on a 1 MB paste, well within its budget (README, Performance).
//
// Build it with ./build.sh wasm; test it under node with
//
//	PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test ./wasm/...
package main

import (
	"syscall/js"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/engine/triage"
	"github.com/errdocs/errdocs/internal/instant"
	"github.com/errdocs/errdocs/internal/lazyre"
	"github.com/errdocs/errdocs/internal/printf"
	"github.com/errdocs/errdocs/wasm/internal/wire"
)

func main() {
	register(js.Global())
	select {} // serve calls until the worker ends
}

// cat is the catalog the last successful load installed; nil until then.
var cat *catalog.Catalog

// testHook, when set (only in builds with the errdocs_testhooks tag), runs before each explain,
// so browser tests can make the engine panic.
var testHook func(text string)

// funcs are kept referenced for the life of the module.
var funcs []js.Func

// register installs errdocsEngine on the global object g.
func register(g js.Value) {
	api := js.Global().Get("Object").New()
	set := func(name string, f func(js.Value, []js.Value) any) {
		fn := js.FuncOf(f)
		funcs = append(funcs, fn)
		api.Set(name, fn)
	}
	set("load", jsLoad)
	set("complete", jsComplete)
	set("explain", jsExplain)
	set("redact", jsRedact)
	set("shared", jsShared)
	g.Set("errdocsEngine", api)
}

// jsLoad installs the catalog from its JSON (a Uint8Array or a string) and returns "" or an
// error message. It takes the worker's layout (catalog.WorkerCatalog: its requests are decoded
// by complete) or catalog.json whole.
func jsLoad(_ js.Value, args []js.Value) (ret any) {
	defer func() {
		if r := recover(); r != nil {
			ret = printf.Sprintf("load catalog.json: %v", r)
		}
	}()
	data, err := bytesArg(args)
	if err != nil {
		return "load catalog.json: " + err.Error()
	}
	// The APIs come first; the rest, the worker's requests, is read and checked by complete.
	c, more, err := wire.DecodeLeadingAPIs(data)
	if err != nil {
		return "catalog.json: " + err.Error() // the last good catalog stays
	}
	cat, requests = c, nil
	if more {
		requests = data
	}
	return ""
}

// requests holds a catalog in the worker's layout, whose operations and schemas complete
// decodes.
var requests []byte

// jsComplete decodes the operations and schemas the load left (about two thirds of the
// catalog, needed only to check a pasted request); it returns "" or an error message. The
// worker calls it once it has reported ready, and explain calls it for the first paste that
// comes sooner.
func jsComplete(_ js.Value, _ []js.Value) (ret any) {
	defer func() {
		if r := recover(); r != nil {
			ret = printf.Sprintf("complete catalog.json: %v", r)
		}
	}()
	msg := complete()
	// The engine compiles its patterns on first use (internal/lazyre), which keeps them out of
	// the module's start; compile them now, while the page waits for a paste.
	if err := lazyre.Compile(); err != nil && msg == "" {
		msg = err.Error()
	}
	return msg
}

func complete() string {
	if cat == nil {
		return "the catalog is not loaded"
	}
	if requests == nil {
		return ""
	}
	r, err := wire.DecodeRequestsIn(requests)
	requests = nil
	if err != nil {
		return "catalog.json: requests: " + err.Error()
	}
	cat.AddRequests(r)
	return ""
}

// jsExplain explains a paste: explain(text[, mask]). It returns {json, masked, found, error}:
// json is the verdict as the CLI prints it; when mask is true, masked is the paste with its
// secrets masked, or null when it held none, and found describes each masked secret; error is ""
// or why there is no verdict.
func jsExplain(_ js.Value, args []js.Value) any {
	res := map[string]any{"json": "", "share": "", "masked": nil, "found": []any{}, "error": ""}
	if cat == nil {
		res["error"] = "the catalog is not loaded"
		return res
	}
	mask := false
	if len(args) == 2 && args[1].Type() == js.TypeBoolean {
		mask = args[1].Bool()
		args = args[:1]
	}
	text, ok := stringArg(args)
	if !ok {
		res["error"] = "explain takes a string and, optionally, a boolean"
		return res
	}
	complete() // an error leaves the APIs without operations: a request gets no check, and says so
	r := explain(cat, text, mask)
	res["json"], res["share"] = r.json, r.share
	if r.masked != nil {
		res["masked"] = *r.masked
	}
	res["found"] = anys(r.found)
	return res
}

// jsRedact masks the secrets in a text: {masked, found}.
func jsRedact(_ js.Value, args []js.Value) (ret any) {
	text, ok := stringArg(args)
	if !ok {
		return map[string]any{"masked": "", "found": []any{}, "error": "redact takes one string"}
	}
	defer func() {
		if r := recover(); r != nil {
			// Never hand back a text that may still hold a secret.
			ret = map[string]any{"masked": "", "found": []any{}, "error": printf.Sprintf("redact failed: %v", r)}
		}
	}()
	masked, found := triage.Redact(cat, text)
	return map[string]any{"masked": masked, "found": anys(found), "error": ""}
}

// result is one explain call's output, in Go terms.
type result struct {
	json string
	// share is what a verdict-only share link of this verdict holds (engine.Share), as JSON.
	share  string
	masked *string
	found  []string
}

// now is the engine's clock: JavaScript's Date.now(), in milliseconds, as Go's time.Now reads
// it in the browser. The module links no package time.
func now() instant.Time { return instant.UnixMilli(int64(js.Global().Get("Date").Call("now").Float())) }

// explain runs the engine over text and encodes the verdict as the CLI does; with mask, it also
// masks the paste for display. A panic, in the engine or here, becomes an error verdict: the
// caller always gets JSON of the Verdict type.
func explain(c *catalog.Catalog, text string, mask bool) (r result) {
	defer func() {
		if p := recover(); p != nil {
			r = result{json: mustEncode(engine.FailedVerdict(p))}
		}
	}()
	if testHook != nil {
		testHook(text)
	}
	if !mask {
		v := triage.Explain(c, text, engine.Options{Now: now})
		r.json, r.share = mustEncode(v), mustEncodeShare(v)
		return r
	}
	// One search for secrets serves the verdict and the paste shown beside it.
	v, m := triage.ExplainMasked(c, text, engine.Options{Now: now})
	r.json, r.share = mustEncode(v), mustEncodeShare(v)
	if m.Text != text {
		r.masked, r.found = &m.Text, m.Found
	}
	return r
}

// encode writes v exactly as "errdocs explain --json" does (cmd/errdocs/explain.go): a
// json.Encoder with a two-space indent and no HTML escaping, so a final newline too.
func encode(v *engine.Verdict) (string, error) {
	b, err := wire.EncodeVerdict(v, "  ")
	return string(b), err
}

func mustEncode(v *engine.Verdict) string {
	s, err := encode(v)
	if err != nil {
		panic(err) // a Verdict always encodes; explain's recover turns this into an error verdict
	}
	return s
}

func mustEncodeShare(v *engine.Verdict) string {
	b, err := wire.EncodeShare(engine.ShareOf(v))
	if err != nil {
		panic(err)
	}
	return string(b)
}

// jsShared rebuilds the verdict of a verdict-only share link from the catalog: it takes the
// link's engine.Share as JSON and returns {json, error}.
func jsShared(_ js.Value, args []js.Value) (ret any) {
	res := map[string]any{"json": "", "error": ""}
	defer func() {
		if r := recover(); r != nil {
			res["error"] = printf.Sprintf("shared failed: %v", r)
			ret = res
		}
	}()
	text, ok := stringArg(args)
	if !ok {
		res["error"] = "shared takes one string"
		return res
	}
	if cat == nil {
		res["error"] = "the catalog is not loaded"
		return res
	}
	s, err := wire.DecodeShare([]byte(text))
	if err != nil {
		res["error"] = "the link's verdict is damaged: " + err.Error()
		return res
	}
	res["json"] = mustEncode(engine.ExplainShare(cat, s))
	return res
}

// stringArg returns the one string argument.
func stringArg(args []js.Value) (string, bool) {
	if len(args) != 1 || args[0].Type() != js.TypeString {
		return "", false
	}
	return args[0].String(), true
}

// bytesArg returns the one argument, a Uint8Array or a string, as bytes.
func bytesArg(args []js.Value) ([]byte, error) {
	if len(args) != 1 {
		return nil, printf.Errorf("want one argument, got %d", len(args))
	}
	a := args[0]
	switch {
	case a.Type() == js.TypeString:
		return []byte(a.String()), nil
	case a.InstanceOf(js.Global().Get("Uint8Array")):
		b := make([]byte, a.Length())
		js.CopyBytesToGo(b, a)
		return b, nil
	}
	return nil, printf.Errorf("want a Uint8Array or a string, got %s", a.Type())
}

// anys converts a string slice for js.ValueOf, which takes []any.
func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
