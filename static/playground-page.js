// @ts-check
// playground-page.js: the playground page (section#playground). It owns the paste area (line
// numbers, large pastes, masking in place, files), runs each paste through the engine and
// draws the newest verdict, makes and opens share links, and exposes window.errdocs.

import { MAX_PASTE, config, formatBytes, formatMs, loadCatalog } from "./playground-common.js";
import { engineFor } from "./playground-engine.js";
import { decodeShare, encodeShare } from "./playground-share.js";
import { registerServiceWorker } from "./playground-sw.js";
import { readInWorker, renderTriage } from "./playground-triage.js";
import { copyText, el, reloadButton, renderVerdict } from "./playground-verdict.js";

/**
 * @typedef {import("../wasm/errdocs.js").Verdict} Verdict
 * @typedef {import("../wasm/errdocs.js").ShareState} ShareState
 * @typedef {import("./playground-common.js").Example} Example
 * @typedef {import("./playground-engine.js").Engine} Engine
 * @typedef {import("./playground-engine.js").RequestType} RequestType
 * @typedef {import("../wasm/errdocs.js").Answer} Answer
 */

const SHARE_MAX = 200000; // longest share fragment we make, in characters
const LARGE = 1 << 20; // a paste longer than this is not put in the paste area whole...
const PREVIEW = 64 << 10; // ...only a preview of its start, at most this long,
const PREVIEW_LINE = 400; // with each line cut to this many characters

/**
 * $ is the element of root that sel names; the page's template always has it.
 * @template {Element} T
 * @param {ParentNode} root
 * @param {string} sel
 * @param {new () => T} _type what it is, for the type checker
 * @returns {T}
 */
function $(root, sel, _type) {
  return /** @type {T} */ (root.querySelector(sel));
}

export class Page {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.cfg = config(root);
    this.ta = $(root, "#pg-paste", HTMLTextAreaElement);
    this.out = $(root, "#pg-verdict", HTMLElement);
    this.status = $(root, "#pg-status", HTMLElement);
    this.nums = $(root, "#pg-nums", HTMLElement);
    this.mark = $(root, "#pg-mark", HTMLElement);
    this.size = $(root, "#pg-size", HTMLElement);
    this.editor = $(root, "#pg-editor", HTMLElement);
    this.banner = $(root, "#pg-banner", HTMLElement);
    this.bannerList = $(root, "#pg-banner-list", HTMLElement);
    this.shared = $(root, "#pg-shared", HTMLElement);
    this.largeNote = $(root, "#pg-large", HTMLElement);
    /** @type {{text: string} | null} a paste too large for the paste area, which shows its start */
    this.large = null;
    this.examples = $(root, "#pg-examples", HTMLSelectElement);
    /** @type {Example[] | undefined} */
    this.exampleList = undefined;
    this.shareButton = $(root, "#pg-share", HTMLButtonElement);
    this.dialog = $(root, "#pg-share-dialog", HTMLDialogElement);
    /** @type {string[]} what was masked since the paste area was last emptied */
    this.masked = [];
    /** @type {Verdict | null} */
    this.verdict = null;
    /** @type {string | undefined} what a verdict-only link of the verdict holds (engine.Share, as JSON) */
    this.verdictShare = undefined;
    /** the paste the verdict is for ("" for a verdict from a verdict-only link) */
    this.verdictFor = "";
    this.runId = 0;
    this.lines = 1;
    this.markLine = 0;
    /** @type {Record<string, string>} */
    this.apis = {};
    /** @type {{bytes: number, engineMs: number | undefined, totalMs: number} | null} */
    this.lastRun = null;
    /** @type {Engine | undefined} */
    this.engine = undefined;
    /** @type {Promise<void> | undefined} the newest run */
    this.current = undefined;
    /** @type {{lh: number, pad: number} | null} */
    this.lineMetrics = null;
    this.paintQueued = false;
    this.pendingShare = false;
    this.shareError = "";
    this.fromLink = false;
    /** @type {string | undefined} the #share= fragment this page opened */
    this.ownHash = undefined;
  }

  /** @param {string} msg */
  say(msg) {
    const live = document.getElementById("live");
    if (!live) return;
    live.textContent = "";
    setTimeout(() => { live.textContent = msg; }, 30);
  }

  /**
   * @param {string} msg
   * @param {string} [kind] "err", "warn" or "busy"
   */
  setStatus(msg, kind) {
    this.status.textContent = msg;
    this.status.className = "pg-status" + (kind ? " " + kind : "");
  }

  start() {
    if (!this.cfg.wasm || !this.cfg.worker) return; // the page already says the module is missing
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      this.setStatus("This browser cannot run the playground: it needs WebAssembly and Web Workers.", "err");
      return;
    }
    const engine = engineFor(this.cfg);
    this.engine = engine;
    this.exposeAPI(engine);
    this.wire();
    this.gutter();
    loadCatalog(this.cfg).then((info) => {
      this.apis = info.apis;
      this.fillExamples(info.examples);
      if (this.verdict) this.draw(this.verdict);
    }, () => {
      /** @type {ChildNode} */ (this.examples.firstChild).textContent = "Examples unavailable";
    });
    engine.ready.then(() => {
      const ms = engine.readyMs;
      this.root.setAttribute("data-engine", "ready");
      this.root.setAttribute("data-ready-ms", String(Math.round(ms)));
      const wt = engine.timing;
      if (wt) {
        // Where the time went, from navigation: the worker's start, the module compiled and
        // instantiated, Go started, the catalog loaded. The benchmark prints it.
        const at = (/** @type {number} */ t) => Math.round(t + wt.origin - performance.timeOrigin);
        this.root.setAttribute("data-engine-ms", JSON.stringify({
          worker: at(wt.start), compiled: at(wt.compiled), instantiated: at(wt.instantiated),
          run: at(wt.run), ready: at(wt.ready) }));
      }
      this.shareButton.disabled = false;
      if (this.runId === 0 && !this.pendingShare && !this.shareError) this.setStatus("Ready: the engine runs in your browser (loaded in " + formatMs(ms) + ").");
      if (this.ta.value && !this.verdict && !this.pendingShare) this.run("load");
    }, () => {});
    engine.stopped.then((e) => {
      this.root.setAttribute("data-engine", "failed");
      this.setStatus("The engine could not start: " + e.message + ". The site may have been updated since this page was loaded: reload it to get the new version.", "err");
      // Beside the status line, not in it, so the next status does not take it away.
      const p = el("p");
      p.appendChild(reloadButton());
      this.status.parentNode?.insertBefore(p, this.status.nextSibling);
    });
    this.openShare();
    // The service worker starts, and fetches everything again to cache it, only once the engine
    // is up: on a cold visit it would otherwise compete with the engine for the CPU.
    const sw = () => { registerServiceWorker(this.cfg, this.root); };
    engine.ready.then(sw, sw);
  }

  /**
   * exposeAPI installs window.errdocs (typed in wasm/errdocs.d.ts, ErrdocsPage).
   * @param {Engine} engine
   */
  exposeAPI(engine) {
    /**
     * @param {RequestType} type
     * @param {unknown} text
     */
    function call(type, text) {
      if (typeof text !== "string") return Promise.reject(new TypeError("errdocs: the paste must be a string"));
      return engine.request(type, text, false).then((r) => {
        if (r.error) throw new Error(r.error);
        return r;
      });
    }
    window.errdocs = {
      ready: engine.ready,
      explain: (text) => call("explain", text).then((r) => JSON.parse(/** @type {string} */ (r.json))),
      explainJSON: (text) => call("explain", text).then((r) => /** @type {string} */ (r.json)),
      redact: (text) => call("redact", text).then((r) => ({ masked: /** @type {string} */ (r.masked), found: /** @type {string[]} */ (r.found) })),
    };
  }

  wire() {
    const ta = this.ta;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    // A paste or drop that replaces the whole text starts over: what was masked before is gone.
    ta.addEventListener("beforeinput", (e) => {
      const t = e.inputType || "";
      if ((t === "insertFromPaste" || t === "insertFromDrop") && ta.selectionStart === 0 && ta.selectionEnd === ta.value.length) {
        this.clearMasked();
      }
    });
    // A paste too large to show whole goes around the paste area (see setInput).
    ta.addEventListener("paste", (e) => {
      const d = e.clipboardData && e.clipboardData.getData("text/plain");
      if (!d) return;
      const whole = this.large ? d : ta.value.slice(0, ta.selectionStart) + d + ta.value.slice(ta.selectionEnd);
      if (whole.length <= LARGE && !this.large) return;
      e.preventDefault();
      clearTimeout(timer);
      this.setInput(whole, "paste");
    });
    ta.addEventListener("input", (e) => {
      if (this.large) {
        // The preview is read-only; any other change means the paste area is the paste again.
        this.large = null;
        ta.readOnly = false;
        this.largeNote.hidden = true;
      }
      this.edited();
      clearTimeout(timer);
      const t = /** @type {InputEvent} */ (e).inputType || "";
      if (t === "insertFromPaste" || t === "insertFromDrop" || t === "insertReplacementText") {
        this.run("paste");
        return;
      }
      const wait = ta.value.length > 1 << 20 ? 700 : ta.value.length > 65536 ? 400 : 250;
      timer = setTimeout(() => { this.run("type"); }, wait);
    });
    ta.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        clearTimeout(timer);
        this.run("key");
      }
    });
    ta.addEventListener("scroll", () => { this.paintGutter(); });
    if (window.ResizeObserver) {
      new ResizeObserver(() => {
        this.lineMetrics = null;
        this.paintGutter();
      }).observe(ta);
    }

    // Files: drop one onto the editor, or open one.
    const ed = this.editor;
    ed.addEventListener("dragover", (e) => {
      if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0) {
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        ed.classList.add("drop");
      }
    });
    ed.addEventListener("dragleave", () => { ed.classList.remove("drop"); });
    ed.addEventListener("drop", (e) => {
      ed.classList.remove("drop");
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
        e.preventDefault();
        this.openFile(e.dataTransfer.files[0]);
      }
    });
    const file = $(this.root, "#pg-file", HTMLInputElement);
    $(this.root, "#pg-open", HTMLButtonElement).addEventListener("click", () => { file.click(); });
    file.addEventListener("change", () => {
      if (file.files && file.files[0]) this.openFile(file.files[0]);
      file.value = "";
    });
    $(this.root, "#pg-clear", HTMLButtonElement).addEventListener("click", () => {
      clearTimeout(timer);
      this.setInput("", "clear");
      this.ta.focus();
    });
    this.examples.addEventListener("change", () => {
      const x = this.exampleList && this.exampleList[+this.examples.value];
      if (x) this.setInput(x.text, "example");
    });
    this.shareButton.addEventListener("click", () => { this.share(); });
    $(this.root, "#pg-share-copy", HTMLButtonElement).addEventListener("click", (e) => {
      const u = $(this.root, "#pg-share-url", HTMLInputElement);
      copyText(u.value, /** @type {HTMLElement} */ (e.currentTarget), (m) => { this.say(m); });
    });
    this.root.querySelectorAll("input[name=pg-share-mode]").forEach((r) => {
      r.addEventListener("change", () => { this.makeLink(); });
    });
    window.addEventListener("hashchange", () => {
      if (/^#share=/.test(location.hash) && location.hash !== this.ownHash) this.openShare();
    });
  }

  /** edited runs on every change by the user: the page no longer shows a shared state. */
  edited() {
    this.countLines();
    this.hideMark();
    this.shareError = "";
    if (this.fromLink) {
      this.fromLink = false;
      this.shared.hidden = true;
      if (/^#share=/.test(location.hash)) history.replaceState(null, "", location.pathname + location.search);
    }
    if (!this.ta.value) this.clearMasked();
  }

  /**
   * openFile has the worker read and explain a dropped or picked file (a HAR or a log may be
   * tens of MB): the page shows the worker's progress, then the file's start, masked.
   * @param {File} f
   */
  openFile(f) {
    if (!this.engine) return;
    const id = ++this.runId, t0 = performance.now();
    this.root.setAttribute("data-run", "running");
    this.out.setAttribute("aria-busy", "true");
    this.root.classList.add("busy");
    this.setStatus("Reading " + f.name + "…", "busy");
    readInWorker(this.engine, f, (msg) => {
      if (this.runId === id) this.setStatus(msg, "busy");
    }).then((r) => {
      if (r.cancelled || this.runId !== id) return;
      if (r.text != null) this.showInput(r.text);
      this.finish({ ...r, masked: null }, r.text || "", id, t0);
    });
  }

  /**
   * setInput replaces the paste and explains it at once. A text longer than LARGE stays out of
   * the paste area, which shows its first PREVIEW bytes read-only: a browser takes seconds to
   * lay out 10 MB in a textarea, and the page must not freeze.
   * @param {string} text
   * @param {string} why
   */
  setInput(text, why) {
    this.showInput(text);
    this.run(why);
  }

  /**
   * showInput puts text in the paste area (or its preview, when large), without explaining it.
   * @param {string} text
   */
  showInput(text) {
    this.clearMasked();
    this.large = text.length > LARGE ? { text } : null;
    if (this.large) {
      this.showPreview();
    } else {
      this.ta.readOnly = false;
      this.ta.value = text;
      this.largeNote.hidden = true;
    }
    this.ta.scrollTop = 0;
    this.edited();
  }

  /** text is the paste: the paste area's text, or the whole of a large paste. */
  text() {
    return this.large ? this.large.text : this.ta.value;
  }

  /**
   * showPreview puts the start of a large paste in the paste area: whole lines, each cut to
   * PREVIEW_LINE characters, so line numbers still match the paste's.
   */
  showPreview() {
    const t = /** @type {{text: string}} */ (this.large).text;
    /** @type {string[]} */
    const out = [];
    let size = 0, start = 0, lines = 0, cut = false;
    while (start <= t.length) {
      let end = t.indexOf("\n", start);
      if (end < 0) end = t.length;
      lines++;
      if (size < PREVIEW) {
        let line = t.slice(start, Math.min(end, start + PREVIEW_LINE));
        if (end - start > PREVIEW_LINE) {
          line += " …";
          cut = true;
        }
        out.push(line);
        size += line.length + 1;
      }
      start = end + 1;
    }
    const shown = out.length;
    this.ta.value = out.join("\n");
    this.ta.readOnly = true;
    this.largeNote.textContent = "This paste is " + formatBytes(t.length) + " (" + lines.toLocaleString("en") +
      (lines === 1 ? " line" : " lines") + "). To keep the page quick, the paste area shows " +
      (shown < lines ? "its first " + shown.toLocaleString("en") + " lines" : "it") +
      (cut ? ", long lines cut short," : "") + " read-only; errdocs explains all of it. Paste again or clear it to start over.";
    this.largeNote.hidden = false;
    this.countLines();
  }

  /** @param {Example[]} list */
  fillExamples(list) {
    const sel = this.examples;
    this.exampleList = list;
    sel.textContent = "";
    const first = el("option", null, "Choose an example…");
    first.value = "";
    sel.appendChild(first);
    /** @type {Record<string, HTMLOptGroupElement>} */
    const groups = {};
    list.forEach((x, i) => {
      let g = groups[x.api];
      if (!g) {
        g = groups[x.api] = el("optgroup");
        g.label = x.api;
        sel.appendChild(g);
      }
      const e = x.entry;
      let label = (e.status ? e.status + " " : "") + (e.code || "no code") + " · " + e.title;
      if (x.of > 1) label += " (" + (x.n + 1) + " of " + x.of + ")";
      const o = el("option", null, label);
      o.value = String(i);
      g.appendChild(o);
    });
    sel.disabled = list.length === 0;
  }

  /**
   * run explains the paste area's text. Only the newest run draws its verdict.
   * @param {string} why what started it ("paste", "type", "share", …), for a reader
   * @returns {Promise<void>}
   */
  run(why) {
    const text = this.text(), id = ++this.runId;
    if (!this.engine) return Promise.resolve();
    if (text.length > MAX_PASTE) {
      this.setStatus("The paste is " + formatBytes(text.length) + ": errdocs reads the first " + formatBytes(MAX_PASTE) + ".", "warn");
    }
    const t0 = performance.now();
    const busy = setTimeout(() => {
      if (this.runId !== id) return;
      this.out.setAttribute("aria-busy", "true");
      this.root.classList.add("busy");
      this.setStatus("Explaining " + formatBytes(text.length) + "…", "busy");
    }, 120);
    this.root.setAttribute("data-run", "running");
    const p = this.engine.request("explain", text, true).then((r) => {
      clearTimeout(busy);
      this.finish(r, text, id, t0);
    });
    this.current = p;
    return p;
  }

  /**
   * finish shows the answer of run id, for text, begun at t0.
   * @param {Answer} r
   * @param {string} text
   * @param {number} id
   * @param {number} t0
   */
  finish(r, text, id, t0) {
    {
      if (r.cancelled || this.runId !== id) return;
      this.out.setAttribute("aria-busy", "false");
      this.root.classList.remove("busy");
      if (r.error) {
        this.setStatus("errdocs could not explain this: " + r.error, "err");
        this.root.setAttribute("data-run", "error");
        return;
      }
      /** @type {Verdict} */
      const v = JSON.parse(/** @type {string} */ (r.json));
      if (r.masked != null && this.text() === text) {
        if (this.large) {
          this.large.text = r.masked;
          this.showPreview();
        } else {
          this.maskInput(r.masked);
        }
      }
      this.addMasked(v.redacted);
      this.verdict = v;
      this.verdictShare = r.share;
      this.verdictFor = this.text();
      this.draw(v);
      const total = performance.now() - t0;
      this.lastRun = { bytes: text.length, engineMs: r.ms, totalMs: total };
      this.root.setAttribute("data-run", "done");
      this.root.setAttribute("data-run-id", String(id));
      this.root.setAttribute("data-run-ms", total.toFixed(2));
      this.root.setAttribute("data-run-engine-ms", (r.ms || 0).toFixed(2));
      this.setStatus(text ? "Explained " + formatBytes(text.length) + " in " + formatMs(total) + "." : "Ready.");
    }
  }

  /** @param {Verdict} v */
  draw(v) {
    (v.exchanges ? renderTriage : renderVerdict)(this.out, v, {
      base: this.cfg.base, apis: this.apis,
      onLine: this.text() ? (n) => { this.showLine(n); } : null,
      say: (m) => { this.say(m); },
    });
  }

  /**
   * maskInput replaces the paste with its masked form, keeping the caret and the scroll where
   * they were. It replaces only the stretch that differs, with setRangeText: assigning the whole
   * value would move the caret and the scroll, and putting them back means reading scrollTop,
   * which forces a layout of the paste (about 1-2 ms for 2 KB, most of a paste's time in the
   * page besides the engine).
   * @param {string} masked
   */
  maskInput(masked) {
    const ta = this.ta, old = ta.value;
    let a = 0;
    const n = Math.min(old.length, masked.length);
    while (a < n && old.charCodeAt(a) === masked.charCodeAt(a)) a++;
    let b = 0;
    while (b < n - a && old.charCodeAt(old.length - 1 - b) === masked.charCodeAt(masked.length - 1 - b)) b++;
    if (ta.setRangeText) {
      ta.setRangeText(masked.slice(a, masked.length - b), a, old.length - b, "preserve");
    } else {
      const pos = ta.selectionStart, atEnd = pos === old.length;
      ta.value = masked;
      const c = atEnd ? masked.length : Math.min(pos, masked.length);
      ta.setSelectionRange(c, c);
    }
    this.countLines();
  }

  /** @param {string[] | undefined} list */
  addMasked(list) {
    (list || []).forEach((m) => {
      if (this.masked.indexOf(m) < 0) this.masked.push(m);
    });
    this.drawBanner();
  }

  clearMasked() {
    this.masked = [];
    this.drawBanner();
  }

  drawBanner() {
    const list = this.bannerList;
    list.textContent = "";
    this.masked.forEach((m) => { list.appendChild(el("li", null, m)); });
    this.banner.hidden = this.masked.length === 0;
  }

  // --- Line numbers. Only the visible numbers are drawn, so a 10 MB paste costs nothing here.

  gutter() {
    this.countLines();
  }

  countLines() {
    const t = this.ta.value;
    let n = 1, i = -1;
    while ((i = t.indexOf("\n", i + 1)) >= 0) n++;
    this.lines = n;
    this.editor.style.setProperty("--digits", String(Math.max(2, String(n).length)));
    const all = this.text();
    this.size.textContent = !all ? "" : this.large ? formatBytes(all.length) :
      n + (n === 1 ? " line, " : " lines, ") + formatBytes(t.length);
    this.schedulePaint();
  }

  /**
   * schedulePaint redraws the gutter before the next frame, not now: reading the textarea's
   * scroll position right after changing the page would force a layout.
   */
  schedulePaint() {
    if (this.paintQueued) return;
    this.paintQueued = true;
    requestAnimationFrame(() => {
      this.paintQueued = false;
      this.paintGutter();
    });
  }

  metrics() {
    if (this.lineMetrics) return this.lineMetrics;
    const cs = getComputedStyle(this.ta);
    let lh = parseFloat(cs.lineHeight);
    if (!(lh > 0)) lh = parseFloat(cs.fontSize) * 1.5;
    this.lineMetrics = { lh, pad: parseFloat(cs.paddingTop) || 0 };
    return this.lineMetrics;
  }

  paintGutter() {
    const m = this.metrics(), ta = this.ta;
    const first = Math.max(0, Math.floor((ta.scrollTop - m.pad) / m.lh));
    const count = Math.ceil(ta.clientHeight / m.lh) + 2;
    const last = Math.min(this.lines, first + count);
    const s = [];
    for (let i = first + 1; i <= last; i++) s.push(i);
    this.nums.textContent = s.join("\n");
    this.nums.style.transform = "translateY(" + (m.pad + first * m.lh - ta.scrollTop) + "px)";
    if (this.markLine) {
      this.mark.style.transform = "translateY(" + (m.pad + (this.markLine - 1) * m.lh - ta.scrollTop) + "px)";
      this.mark.style.height = m.lh + "px";
    }
  }

  /**
   * showLine highlights line n of the paste, selects it and scrolls it into view.
   * @param {number} n
   */
  showLine(n) {
    const t = this.ta.value;
    let start = 0;
    for (let i = 1; i < n; i++) {
      const j = t.indexOf("\n", start);
      if (j < 0) {
        this.say("Line " + n + " is past the part of the paste shown here.");
        return;
      }
      start = j + 1;
    }
    let end = t.indexOf("\n", start);
    if (end < 0) end = t.length;
    const m = this.metrics();
    this.ta.focus({ preventScroll: true });
    this.ta.setSelectionRange(start, end);
    this.ta.scrollTop = Math.max(0, m.pad + (n - 1) * m.lh - this.ta.clientHeight / 3);
    this.markLine = n;
    this.mark.hidden = false;
    this.root.setAttribute("data-mark-line", String(n));
    this.paintGutter();
    this.say("Line " + n + " of the paste is selected.");
  }

  hideMark() {
    this.markLine = 0;
    this.mark.hidden = true;
    this.root.removeAttribute("data-mark-line");
  }

  // --- Share links.

  share() {
    // Explain what is on screen first, so the link and the verdict agree.
    const wait = this.verdict && this.verdictFor === this.text() ? Promise.resolve() : this.run("share");
    this.dialog.showModal();
    wait.then(() => { this.makeLink(); });
  }

  makeLink() {
    const mode = $(this.root, "input[name=pg-share-mode]:checked", HTMLInputElement).value;
    const url = $(this.root, "#pg-share-url", HTMLInputElement);
    const note = $(this.root, "#pg-share-note", HTMLElement);
    const text = this.text();
    const engine = /** @type {Engine} */ (this.engine);
    url.value = "";
    this.root.removeAttribute("data-share");
    note.textContent = "Making the link…";
    if (!this.verdict) {
      note.textContent = "Paste something first.";
      return;
    }
    // A verdict-only link holds what the engine put in r.share (engine.Share): the input,
    // API, shape, status, code, operation and field paths. A paste link holds the paste as
    // the engine masked it. Either way, the format is engine.ShareState.
    const share = /** @type {string} */ (this.verdictShare);
    /** @type {Promise<ShareState>} */
    const made = mode === "paste"
      ? engine.request("redact", text, false).then((r) => {
        if (r.error) throw new Error(r.error);
        // The area shows the paste masked already, so what was masked is the page's list.
        return { v: 2, mode: "paste", paste: /** @type {string} */ (r.masked), masked: this.masked.slice() };
      })
      : Promise.resolve({ v: 2, mode: "verdict", verdict: JSON.parse(share) });
    made.then(encodeShare).then((frag) => {
      if (frag.length > SHARE_MAX) {
        note.textContent = "The paste is too large for a link (" + formatBytes(frag.length) + " compressed). Share only the verdict.";
        return;
      }
      const link = location.origin + location.pathname + "#share=" + frag;
      url.value = link;
      this.root.setAttribute("data-share", link);
      note.textContent = mode === "paste"
        ? "The link holds your paste with its secrets masked (check it before you send it)."
        : "The link holds only the API, status, code, operation and field names; your paste stays here.";
      url.select();
    }).catch((e) => {
      note.textContent = "Could not make the link: " + e.message;
    });
  }

  /**
   * openShare restores the page from a #share= link. A paste link puts the masked paste back
   * and explains it; a verdict-only link shows the verdict the engine rebuilds from the
   * catalog. A link that cannot be read says why, and that message stays until the visitor
   * pastes something.
   */
  openShare() {
    const m = /^#share=(.*)$/.exec(location.hash);
    if (!m) return;
    const engine = /** @type {Engine} */ (this.engine);
    this.ownHash = location.hash;
    this.pendingShare = true;
    this.shareError = "";
    const fail = (/** @type {Error} */ e) => {
      this.pendingShare = false;
      this.shareError = "This share link could not be opened: " + e.message + ".";
      this.root.setAttribute("data-share-error", e.message);
      this.setStatus(this.shareError, "err");
    };
    if (!/^[A-Za-z0-9_-]+$/.test(m[1])) {
      fail(new Error("the link is damaged (it is not base64url)"));
      return;
    }
    decodeShare(m[1]).then((st) => {
      this.fromLink = true;
      this.runId++; // a run started before this is stale now
      this.large = null;
      this.largeNote.hidden = true;
      this.ta.readOnly = false;
      this.ta.value = st.paste;
      this.countLines();
      this.masked = st.masked;
      this.drawBanner();
      this.shared.textContent = st.mode === "paste"
        ? "Opened from a shared link: the paste, with its secrets masked by the sender's browser."
        : "Opened from a shared link that holds only the API, status, code and field names: the sender kept the paste.";
      this.shared.hidden = false;
      // The verdict names its API from the page's catalog: wait for it too (a fast engine can
      // be ready before it is read), or a bare id would show until it was.
      const named = loadCatalog(this.cfg).catch(() => null);
      return Promise.all([engine.ready, named]).then(() => {
        if (st.mode === "paste") return this.run("share").then(() => { this.pendingShare = false; });
        return engine.request("shared", st.share, false).then((r) => {
          this.pendingShare = false;
          if (r.error) throw new Error(r.error);
          /** @type {Verdict} */
          const v = JSON.parse(/** @type {string} */ (r.json));
          this.verdict = v;
          this.verdictShare = st.share;
          this.verdictFor = "";
          this.draw(v);
          this.root.setAttribute("data-run", "done");
          this.setStatus("Restored from a shared link.");
        });
      });
    }).catch(fail);
  }
}
