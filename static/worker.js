// @ts-check
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
//   {type: "shared", id, text}             text: a verdict-only share link's engine.Share, as JSON
//   {type: "file", id, file}               a dropped or picked file (a HAR, a log): read it here,
//                                           in slices, posting progress, then explain it masked
// Worker → page:
//   {type: "ready", module?, catalogBytes?, ms}   module and catalogBytes only on a cold start
//   {type: "result", id, json, share, masked, found, error, ms}
//     share: what a verdict-only share link of this verdict holds (engine.Share), as JSON
//   {type: "redacted", id, masked, found, error}
//   {type: "progress", id, loaded, total, phase}  a file request: bytes read; phase "explain" at the end
//   a file request's result also has text: the file's text, masked when it held secrets
//   {type: "fatal", error}                        the module could not start, or it exited
//
// The messages are typed in wasm/errdocs.d.ts (ToWorker, FromWorker). It stays a classic worker
// script: it loads wasm_exec.js, a classic script, with importScripts.
"use strict";

/**
 * @typedef {import("../wasm/errdocs.js").ToWorker} ToWorker
 * @typedef {import("../wasm/errdocs.js").FromWorker} FromWorker
 * @typedef {import("../wasm/errdocs.js").ErrdocsEngine} ErrdocsEngine
 */

/** @type {ErrdocsEngine | null | undefined} */
var engine = null;
var exited = false;

/** @param {FromWorker} m */
function post(m) {
  self.postMessage(m);
}

/** @param {unknown} msg */
function fatal(msg) {
  post({ type: "fatal", error: String(msg) });
}

/**
 * errorText is what to report of a thrown value: its message, or the value.
 * @param {any} e
 */
function errorText(e) {
  return e && e.message ? e.message : e;
}

var SLICE = 4 << 20; // a file is read this many bytes at a time, with progress after each

/**
 * readFile reads a file's text in slices with FileReaderSync (this is a worker: blocking here
 * never blocks the page), decoding UTF-8 across the slices' edges.
 * @param {Blob} file
 * @param {(loaded: number) => void} progress
 */
function readFile(file, progress) {
  var reader = new FileReaderSync();
  var dec = new TextDecoder();
  var parts = [];
  for (var at = 0; at < file.size; at += SLICE) {
    var buf = reader.readAsArrayBuffer(file.slice(at, Math.min(file.size, at + SLICE)));
    parts.push(dec.decode(new Uint8Array(buf), { stream: true }));
    progress(Math.min(file.size, at + SLICE));
  }
  parts.push(dec.decode());
  return parts.join("");
}

/** @param {Extract<ToWorker, {type: "init"}>} m */
function init(m) {
  var t0 = performance.now();
  // Start both downloads, and the module's compile, before anything else: importScripts below
  // blocks this thread while it fetches wasm_exec.js, and the compile runs off this thread.
  /** @type {Promise<ArrayBuffer>} */
  var catalog = m.catalogBytes
    ? Promise.resolve(m.catalogBytes)
    : fetch(m.catalog, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("catalog.json: HTTP " + r.status);
        return r.arrayBuffer();
      });
  var compiled = m.module ? Promise.resolve(m.module) : WebAssembly.compileStreaming(fetch(m.wasm, { credentials: "same-origin" }));
  compiled.catch(function () {}); // reported below, once wasm_exec.js is in
  catalog.catch(function () {});
  try {
    importScripts(m.exec);
  } catch (e) {
    fatal("could not load wasm_exec.js: " + e);
    return;
  }
  var go = new self.Go();
  var tCompiled = 0;
  var module = compiled.then(function (mod) {
    tCompiled = performance.now();
    return WebAssembly.instantiate(mod, go.importObject).then(function (instance) {
      return { module: mod, instance: instance };
    });
  });
  Promise.all([module, catalog]).then(function (res) {
    var inst = res[0], bytes = res[1];
    var tInstantiated = performance.now();
    go.run(inst.instance).then(function () {
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
    /** @type {FromWorker} */
    var msg = {
      type: "ready",
      ms: { origin: performance.timeOrigin, start: t0, compiled: tCompiled, instantiated: tInstantiated, run: tRun, ready: performance.now() },
    };
    if (!m.module) {
      msg.module = inst.module;
      msg.catalogBytes = bytes;
    }
    post(msg);
    // The catalog's operations and schemas, needed only to check a pasted request, and the
    // engine's patterns were left for now: decode and compile them next, unless a paste is
    // already waiting (a paste does what it needs itself). An error here also comes back with every request verdict, so it is not fatal.
    setTimeout(function () {
      if (engine && !exited) engine.complete();
    }, 0);
  }).catch(function (e) {
    fatal(errorText(e));
  });
}

self.onmessage = function (ev) {
  /** @type {ToWorker} */
  var m = ev.data || {};
  if (m.type === "init") {
    init(m);
    return;
  }
  if (!engine || exited) {
    post({ type: m.type === "redact" ? "redacted" : "result", id: m.id, error: "the engine is not running" });
    return;
  }
  var t0 = performance.now();
  try {
    if (m.type === "explain") {
      var r = engine.explain(m.text, !!m.mask);
      post({
        type: "result", id: m.id, json: r.json, share: r.share, masked: r.masked, found: r.found,
        error: r.error, ms: performance.now() - t0,
      });
    } else if (m.type === "file") {
      var id = m.id, total = m.file.size;
      var text = readFile(m.file, function (loaded) {
        post({ type: "progress", id: id, loaded: loaded, total: total, phase: "read" });
      });
      post({ type: "progress", id: id, loaded: total, total: total, phase: "explain" });
      t0 = performance.now();
      var f = engine.explain(text, true);
      post({
        type: "result", id: id, json: f.json, share: f.share, masked: f.masked, found: f.found,
        error: f.error, ms: performance.now() - t0, text: f.masked == null ? text : f.masked,
      });
    } else if (m.type === "shared") {
      var s = engine.shared(m.text);
      post({
        type: "result", id: m.id, json: s.json, share: m.text, masked: null, found: [],
        error: s.error, ms: performance.now() - t0,
      });
    } else if (m.type === "redact") {
      var d = engine.redact(m.text);
      post({ type: "redacted", id: m.id, masked: d.masked, found: d.found, error: d.error });
    }
  } catch (e) {
    // The Go side never throws; this is the runtime itself failing (it exited, or ran out of
    // memory). The page restarts the worker.
    exited = true;
    fatal(errorText(e));
  }
};
