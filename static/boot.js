// boot.js starts the playground's engine as soon as the browser reads the page's <head>: it
// creates the Web Worker (worker.js) and asks it to fetch and compile the module and the
// catalog, while the page itself is still being parsed and drawn. playground.js adopts that
// worker when it runs (Engine.start), replaying any message that arrived before it did.
//
// Its <script> tag carries the engine's URLs as data-* attributes; the page works without it
// (playground.js then starts the worker itself).
"use strict";
(function () {
  var s = document.currentScript, d = s && s.dataset;
  if (!d || !d.worker || !d.wasm || typeof Worker !== "function" || typeof WebAssembly !== "object") return;
  var w;
  try {
    w = new Worker(d.worker);
  } catch (e) {
    return; // playground.js starts one and reports the failure
  }
  var boot = { worker: w, wasm: d.wasm, early: [] };
  w.onmessage = function (ev) {
    boot.early.push({ data: ev.data });
  };
  w.onerror = function (ev) {
    if (ev && ev.preventDefault) ev.preventDefault();
    boot.early.push({ error: ev && ev.message ? ev.message : "" }); // "": its script did not load
  };
  w.postMessage({ type: "init", exec: d.wasmExec, wasm: d.wasm, catalog: d.catalog });
  window.errdocsBoot = boot; window.__tboot = performance.now();
})();
