//go:build !js

package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/errdocs/errdocs/site"
)

// helloDir is where the reference is served, beside the built site: same server, same
// headers, same precompression.
const helloDir = "bench-hello/"

// The reference's page and worker do the least a page must do to start a Go module in a worker,
// the way worker.js does it: the page creates the worker from a classic script at the top of its
// <head>; the worker starts compiling the module as it arrives (compileStreaming) while
// importScripts loads wasm_exec.js, instantiates it and runs it. The module's main prints and
// returns, so Go has started and finished once go.run settles: that is ready, and the worker
// says so to the page, which notes the time it heard.
const (
	helloPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hello</title>
<script src="start.js"></script>
</head><body><p>hello-world reference</p></body></html>
`
	helloStart = `"use strict";
window.helloReady = new Promise(function (resolve, reject) {
  var w = new Worker("worker.js");
  w.onerror = function (ev) { reject(new Error("worker: " + ev.message)); };
  w.onmessage = function (ev) {
    var t = performance.now(), m = ev.data;
    if (m.error) { reject(new Error(m.error)); return; }
    var at = function (x) { return Math.round(x + m.origin - performance.timeOrigin); };
    resolve({ ready: t, phases: { worker: at(m.start), compiled: at(m.compiled), instantiated: at(m.instantiated), ready: at(m.ready) } });
  };
});
`
	helloWorker = `"use strict";
var t0 = performance.now();
var compiled = WebAssembly.compileStreaming(fetch("hello.wasm"));
importScripts("wasm_exec.js");
var go = new Go();
compiled.then(function (mod) {
  var tCompiled = performance.now();
  return WebAssembly.instantiate(mod, go.importObject).then(function (inst) {
    var tInstantiated = performance.now();
    return go.run(inst).then(function () {
      postMessage({ origin: performance.timeOrigin, start: t0, compiled: tCompiled, instantiated: tInstantiated, ready: performance.now() });
    });
  });
}).catch(function (e) { postMessage({ error: String(e) }); });
`
)

// addHello adds the reference to the built site: its page, scripts, wasm_exec.js (the one the
// playground uses) and the module with its .br and .gz copies (internal/wasmbuild writes
// them), so the server sends it compressed exactly as it sends errdocs.wasm.
func addHello(out *site.MemOutput, static, module string) error {
	files := map[string][]byte{
		"index.html": []byte(helloPage),
		"start.js":   []byte(helloStart),
		"worker.js":  []byte(helloWorker),
	}
	exec, err := os.ReadFile(filepath.Join(static, "wasm_exec.js"))
	if err != nil {
		return err
	}
	files["wasm_exec.js"] = exec
	for _, ext := range []string{"", ".br", ".gz"} {
		data, err := os.ReadFile(module + ext)
		if err != nil {
			return fmt.Errorf("the hello-world reference: %w (./build.sh bench-wasm builds it)", err)
		}
		files["hello.wasm"+ext] = data
	}
	for name, data := range files {
		if err := out.WriteFile(helloDir+name, data); err != nil {
			return err
		}
	}
	return nil
}
