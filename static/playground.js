// @ts-check
// playground.js: the errdocs playground, as ES modules. It runs the engine (errdocs.wasm) in a
// Web Worker (worker.js) and draws its verdicts. It serves two places:
//
//   - the playground page (section#playground): paste area with line numbers, verdict panel,
//     examples, share links, offline support through sw.js, and window.errdocs for scripts;
//   - the "paste yours here" box on error pages (section.paste-box), which playground-box.js
//     wakes up on first use by importing this module and calling its box.
//
// The modules, each with one job:
//
//   playground-common.js    the page's config (data-* attributes), catalog.json, formatting
//   playground-engine.js    the engine client: the worker, its messages, cancellation, restarts
//   playground-verdict.js   the verdict panel, one function per part
//   reasons.gen.js          the HTTP reason phrases, generated from catalog.ReasonPhrases
//   playground-share.js     share links: encoding and decoding engine.ShareState
//   playground-sw.js        the service worker's registration, for offline use
//   playground-page.js      the playground page's controller, and window.errdocs
//   playground-triage.js    the report of many exchanges: groups, timeline; files read in the worker
//   playground-pastebox.js  the "paste yours here" box
//
// Every text that comes from a paste, a verdict or a share link is put in the page with
// textContent or as an attribute value, never as HTML. Links are built only from site paths.
//
// window.errdocs (typed in wasm/errdocs.d.ts):
//   errdocs.ready            Promise that settles once the engine is loaded
//   errdocs.explain(text)    Promise of the verdict, the JSON value errdocs explain --json prints
//   errdocs.explainJSON(text) Promise of the same verdict as text, byte for byte what the CLI prints
//   errdocs.redact(text)     Promise of {masked, found}: the text with its secrets masked

import { Page } from "./playground-page.js";
import { box } from "./playground-pastebox.js";

export { box };

// A module runs once the document is parsed, like a deferred script.
const root = document.getElementById("playground");
if (root) new Page(root).start();
document.querySelectorAll(".paste-box[data-woken]").forEach((b) => { box(/** @type {HTMLElement} */ (b)); });
