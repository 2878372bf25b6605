// worker.js runs the errdocs engine (errdocs.wasm, see wasm/main.go) off the page's main thread,
// so a 10 MB paste never freezes the page. The page (playground.js) starts it and talks to it with
// messages; the page cancels a run by terminating the worker and starting a new one, handing it
// the compiled module and the catalog so the restart is quick.
//
// Page → worker:
//   {type: "init", exec, wasm, catalog}   URLs of wasm_exec.js, the module and catalog.json
//     (+ module: WebAssembly.Module, catalogBytes: ArrayBuffer on a restart)
//   {type: "explain", id, text, mask}      mask: also return the paste masked, for display
//   {type: "redact", id, text}
// Worker → page:
//   {type: "ready", module?, catalogBytes?, ms}   module and catalogBytes only on a cold start
//   {type: "result", id, json, masked, found, error, ms}
//   {type: "redacted", id, masked, found, error}
//   {type: "fatal", error}                        the module could not start, or it exited
"use strict";

var engine = null;
var exited = false;

function fatal(msg) {
  self.postMessage({ type: "fatal", error: String(msg) });
}

function init(m) {
  var t0 = performance.now();
  try {
    importScripts(m.exec);
  } catch (e) {
    fatal("could not load wasm_exec.js: " + e);
    return;
  }
  var go = new self.Go();
  var catalog = m.catalogBytes
    ? Promise.resolve(m.catalogBytes)
    : fetch(m.catalog, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("catalog.json: HTTP " + r.status);
        return r.arrayBuffer();
      });
  var module = m.module
    ? WebAssembly.instantiate(m.module, go.importObject).then(function (instance) {
        return { module: m.module, instance: instance };
      })
    : WebAssembly.instantiateStreaming(fetch(m.wasm, { credentials: "same-origin" }), go.importObject);
  Promise.all([module, catalog]).then(function (res) {
    var compiled = res[0], bytes = res[1];
    var tCompiled = performance.now();
    go.run(compiled.instance).then(function () {
      exited = true;
      engine = null;
      fatal("the engine exited");
    });
    var tRun = performance.now();
    engine = self.errdocsEngine;
    if (!engine) {
      fatal("the module did not register errdocsEngine");
      return;
    }
    var err = engine.load(new Uint8Array(bytes));
    if (err) {
      fatal(err);
      return;
    }
    var msg = {
      type: "ready",
      ms: { start: t0, compiled: tCompiled, run: tRun, ready: performance.now() },
    };
    if (!m.module) {
      msg.module = compiled.module;
      msg.catalogBytes = bytes;
    }
    self.postMessage(msg);
  }).catch(function (e) {
    fatal(e && e.message ? e.message : e);
  });
}

self.onmessage = function (ev) {
  var m = ev.data || {};
  if (m.type === "init") {
    init(m);
    return;
  }
  if (!engine || exited) {
    self.postMessage({ type: m.type === "redact" ? "redacted" : "result", id: m.id, error: "the engine is not running" });
    return;
  }
  var t0 = performance.now();
  try {
    if (m.type === "explain") {
      var r = engine.explain(m.text, !!m.mask);
      self.postMessage({
        type: "result", id: m.id, json: r.json, masked: r.masked, found: r.found,
        error: r.error, ms: performance.now() - t0,
      });
    } else if (m.type === "redact") {
      var d = engine.redact(m.text);
      self.postMessage({ type: "redacted", id: m.id, masked: d.masked, found: d.found, error: d.error });
    }
  } catch (e) {
    // The Go side never throws; this is the runtime itself failing (it exited, or ran out of
    // memory). The page restarts the worker.
    exited = true;
    fatal(e && e.message ? e.message : e);
  }
};
