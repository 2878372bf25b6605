// @ts-check
// boot.js starts the playground's engine as soon as the browser reads the page's <head>: it
// creates the Web Worker (worker.js) and asks it to fetch and compile the module and the
// catalog, while the page itself is still being parsed and drawn. playground-engine.js adopts
// that worker when the playground starts (Engine.start), replaying any message that arrived
// before it did.
//
// It stays a classic script, not a module, on purpose: a classic <script> without defer runs the
// moment it arrives, before the parser reads on, whereas a module waits until the whole page is
// parsed, which would start the worker (and the module's download) that much later. And only a
// classic script has document.currentScript, where its data-* attributes are.
//
// Its <script> tag carries the engine's URLs as data-* attributes; the page works without it
// (the playground then starts the worker itself).
"use strict";
(function () {
  var s = document.currentScript, d = s && s.dataset;
  if (!d || !d.worker || !d.wasm || typeof Worker !== "function" || typeof WebAssembly !== "object") return;
  /** @type {Worker} */
  var w;
  try {
    w = new Worker(d.worker);
  } catch (e) {
    return; // the playground starts one and reports the failure
  }
  /** @type {import("../wasm/errdocs.js").Boot} */
  var boot = { worker: w, wasm: d.wasm, early: [] };
  w.onmessage = function (ev) {
    boot.early.push({ data: ev.data });
  };
  w.onerror = function (ev) {
    if (ev && ev.preventDefault) ev.preventDefault();
    boot.early.push({ error: ev && ev.message ? ev.message : "" }); // "": its script did not load
  };
  /** @type {import("../wasm/errdocs.js").ToWorker} */
  var init = { type: "init", exec: /** @type {string} */ (d.wasmExec), wasm: d.wasm, catalog: /** @type {string} */ (d.catalog) };
  w.postMessage(init);
  window.errdocsBoot = boot; window.__tboot = performance.now();
})();
