// playground.js: the errdocs playground. It runs the engine (errdocs.wasm) in a Web Worker
// (worker.js) and draws its verdicts. It serves two places:
//
//   - the playground page (section#playground): paste area with line numbers, verdict panel,
//     examples, share links, offline support through sw.js, and window.errdocs for scripts;
//   - the "paste yours here" box on error pages (section.paste-box), which playground-box.js
//     wakes up on first use by loading this file.
//
// Every text that comes from a paste, a verdict or a share link is put in the page with
// textContent or as an attribute value, never as HTML. Links are built only from site paths.
//
// window.errdocs (typed in wasm/errdocs.d.ts):
//   errdocs.ready            Promise that settles once the engine is loaded
//   errdocs.explain(text)    Promise of the verdict, the JSON value errdocs explain --json prints
//   errdocs.explainJSON(text) Promise of the same verdict as text, byte for byte what the CLI prints
//   errdocs.redact(text)     Promise of {masked, found}: the text with its secrets masked
(function () {
  "use strict";

  var MAX_PASTE = 16 << 20; // engine.MaxPaste: the engine reads no more than this
  var SHARE_MAX = 200000; // longest share fragment we make, in characters
  var LARGE = 1 << 20; // a paste longer than this is not put in the paste area whole...
  var PREVIEW = 64 << 10; // ...only a preview of its start, at most this long,
  var PREVIEW_LINE = 400; // with each line cut to this many characters

  // ---------------------------------------------------------------------------------------
  // The engine client: one worker, requests in order, cancellation by restart.
  //
  // A worker that cannot start (its script, wasm_exec.js, the module or the catalog missing, as
  // when a deploy replaced them under an open page, or the module failing to load) is started
  // again after each wait in START_RETRIES, then given up on: the engine stops, every request is
  // answered with the error, and engine.stopped settles so the page can say so and offer a reload.
  // A worker that dies once it was running (a run cut short, the Go program exiting) is replaced
  // at once, as before; only when that new worker cannot start do the waits apply.
  var START_RETRIES = [500, 1000, 2000, 4000]; // ms

  function Engine(cfg) {
    this.cfg = cfg;
    this.seq = 0;
    this.pending = []; // {id, type, text, ui, resolve, sent, at}
    this.module = null;
    this.catalogBytes = null;
    this.state = "off"; // starting, ready, waiting (to start again), failed
    this.failures = 0; // starts failed in a row
    this.everReady = false;
    this.readyMs = 0;
    var self = this;
    this.ready = new Promise(function (resolve, reject) {
      self._resolveReady = resolve;
      self._rejectReady = reject;
    });
    this.ready.catch(function () {}); // callers see the error through their own requests
    // stopped resolves with an Error once the engine has given up, before or after it was ready.
    this.stopped = new Promise(function (resolve) {
      self._stopped = resolve;
    });
    this.start();
  }

  // workerFailed words a worker's error event: a script that could not be loaded has no message.
  function workerFailed(msg) {
    return msg ? "the worker failed: " + msg : "the worker's script could not be loaded";
  }

  Engine.prototype.start = function () {
    var self = this;
    this.state = "starting";
    var w, early = null;
    // boot.js may have started the worker from the page's <head>; adopt it once.
    var boot = window.errdocsBoot;
    if (boot && !this.module && boot.wasm === this.cfg.wasm) {
      window.errdocsBoot = null;
      w = boot.worker;
      early = boot.early;
    } else {
      try {
        w = new Worker(this.cfg.worker);
      } catch (e) {
        this.failStart("could not start the worker: " + e);
        return;
      }
    }
    this.w = w;
    w.onmessage = function (ev) {
      if (self.w === w) self.onMessage(ev.data || {});
    };
    w.onerror = function (ev) {
      if (ev && ev.preventDefault) ev.preventDefault();
      if (self.w === w) self.onFatal(workerFailed(ev && ev.message));
    };
    if (early) {
      early.forEach(function (m) {
        if (self.w !== w) return;
        if ("error" in m) self.onFatal(workerFailed(m.error));
        else self.onMessage(m.data || {});
      });
      return;
    }
    var init = { type: "init", exec: this.cfg.exec, wasm: this.cfg.wasm, catalog: this.cfg.catalog };
    if (this.module) {
      init.module = this.module;
      init.catalogBytes = this.catalogBytes.slice(0);
    }
    w.postMessage(init);
  };

  Engine.prototype.failStart = function (msg) {
    if (this.w) this.w.terminate();
    this.w = null;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.state = "failed";
    this.error = "the engine could not start: " + msg;
    var p = this.pending, err = this.error;
    this.pending = [];
    p.forEach(function (q) {
      q.resolve({ error: err });
    });
    // Settled last, so what the page says about the engine comes after each request's answer.
    this._rejectReady(new Error(msg));
    this._stopped(new Error(msg));
  };

  // retryStart starts a worker again after the next wait, or gives up when none is left.
  Engine.prototype.retryStart = function (msg) {
    if (this.w) this.w.terminate();
    this.w = null;
    if (this.failures >= START_RETRIES.length) {
      this.failStart(msg + " (tried " + (this.failures + 1) + " times)");
      return;
    }
    var self = this;
    this.state = "waiting";
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(function () { self.start(); }, START_RETRIES[this.failures++]);
  };

  Engine.prototype.onMessage = function (m) {
    if (m.type === "ready") {
      this.state = "ready";
      this.failures = 0;
      if (m.module) {
        this.module = m.module;
        this.catalogBytes = m.catalogBytes;
      }
      if (!this.everReady) {
        this.everReady = true;
        this.readyMs = performance.now();
        this.timing = m.ms; // worker-relative: start, compiled, ready
        this._resolveReady();
      }
      this.flush();
      return;
    }
    if (m.type === "fatal") {
      this.onFatal(m.error);
      return;
    }
    for (var i = 0; i < this.pending.length; i++) {
      var q = this.pending[i];
      if (q.id === m.id) {
        this.pending.splice(i, 1);
        q.resolve(m);
        break;
      }
    }
    this.arm();
  };

  // onFatal handles a worker that cannot start or whose engine stopped.
  Engine.prototype.onFatal = function (msg) {
    if (this.state === "starting") {
      this.retryStart(msg);
      return;
    }
    // The engine died on the request it was running: answer that one with an error verdict and
    // carry on with a fresh worker.
    var head = this.running();
    if (head) {
      this.pending.splice(this.pending.indexOf(head), 1);
      head.resolve(failure(head, "the engine stopped: " + msg));
    }
    this.restart();
  };

  // running is the request the worker is working on: the first one sent and not answered.
  Engine.prototype.running = function () {
    for (var i = 0; i < this.pending.length; i++) {
      if (this.pending[i].sent) return this.pending[i];
    }
    return null;
  };

  Engine.prototype.restart = function () {
    if (this.state === "failed") return;
    if (this.w) this.w.terminate();
    this.w = null;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.pending.forEach(function (q) {
      q.sent = false;
    });
    this.start();
  };

  Engine.prototype.flush = function () {
    if (this.state !== "ready") return;
    for (var i = 0; i < this.pending.length; i++) {
      var q = this.pending[i];
      if (!q.sent) {
        q.sent = true;
        q.at = performance.now();
        this.w.postMessage({ type: q.type, id: q.id, text: q.text, mask: q.ui });
      }
    }
    this.arm();
  };

  // arm sets a watchdog on the running request: the engine promises bounded time, and a run
  // that overstays it is cut short so the page keeps working.
  Engine.prototype.arm = function () {
    clearTimeout(this.timer);
    var head = this.running();
    if (!head) return;
    var self = this;
    var limit = 20000 + head.text.length / 200; // 20 s plus 5 ms a KB
    this.timer = setTimeout(function () {
      if (self.running() !== head) return;
      self.pending.splice(self.pending.indexOf(head), 1);
      head.resolve(failure(head, "it took longer than " + Math.round(limit / 1000) + " s"));
      self.restart();
    }, Math.max(0, limit - (performance.now() - head.at)));
  };

  // request asks the worker for an explain or a redact. A ui request cancels any older ui
  // request: its promise resolves with {cancelled: true}, and a long one still running is
  // stopped by restarting the worker.
  Engine.prototype.request = function (type, text, ui) {
    var self = this;
    return new Promise(function (resolve) {
      if (self.state === "failed") {
        resolve({ error: self.error });
        return;
      }
      var q = { id: ++self.seq, type: type, text: text, ui: !!ui, resolve: resolve, sent: false, at: 0 };
      if (ui) {
        var head = self.running();
        var stop = false;
        self.pending = self.pending.filter(function (o) {
          if (!o.ui) return true;
          o.resolve({ cancelled: true });
          if (o === head && (o.text.length > 65536 || performance.now() - o.at > 50)) stop = true;
          return false;
        });
        if (stop) {
          self.pending.push(q);
          self.restart();
          return;
        }
      }
      self.pending.push(q);
      self.flush();
    });
  };

  // failure is the answer to a request the engine could not finish: for an explain, an error
  // verdict of the same shape as every verdict.
  function failure(q, why) {
    var msg = "errdocs failed on this paste (" + why + "). Please report it, with the paste if you can share it.";
    if (q.type === "redact") return { type: "redacted", id: q.id, masked: "", found: [], error: msg };
    var v = {
      input: "unknown", api: "", dialect: "", confidence: "low", status: 0, code: "", known: false,
      title: "", meaning: "", cause: "", fix: [],
      retry: { retryable: false, strategy: "never", after_seconds: 0, schedule: [], detail: "" },
      request_id: "", fields: [], problems: [{ severity: "error", message: msg, line: 0, column: 0, pointer: "" }],
      redacted: [], docs: "", message: "", operation: "", predicted: null, fixed_request: "",
    };
    return { type: "result", id: q.id, json: JSON.stringify(v, null, 2) + "\n", masked: null, found: [], error: "" };
  }

  // ---------------------------------------------------------------------------------------
  // Drawing a verdict. Only createElement, textContent and setAttribute with known names.

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // inline puts text into parent, with `backticked` spans as <code>.
  function inline(parent, text) {
    var parts = String(text).split(/`([^`\n]+)`/);
    for (var i = 0; i < parts.length; i++) {
      if (i % 2) parent.appendChild(el("code", null, parts[i]));
      else if (parts[i]) parent.appendChild(document.createTextNode(parts[i]));
    }
    return parent;
  }

  function paragraphs(parent, text) {
    String(text).split(/\n\s*\n/).forEach(function (p) {
      p = p.trim();
      if (p) parent.appendChild(inline(el("p"), p));
    });
    return parent;
  }

  // sitePath returns base + path for a site path such as "/plunk/errors/conflict/", or "" for
  // anything else (another host, a javascript: URL, a protocol-relative URL).
  function sitePath(base, p) {
    if (typeof p !== "string" || !/^\/(?!\/)[A-Za-z0-9\-._~%!$&'()*+,;=:@\/]*(#[A-Za-z0-9\-._~]*)?$/.test(p)) return "";
    return base.replace(/\/$/, "") + p;
  }

  var STATUS = {
    200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 301: "Moved Permanently", 302: "Found",
    304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict",
    410: "Gone", 411: "Length Required", 412: "Precondition Failed", 413: "Content Too Large",
    415: "Unsupported Media Type", 422: "Unprocessable Content", 425: "Too Early", 428: "Precondition Required",
    429: "Too Many Requests", 431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
    504: "Gateway Timeout",
  };

  // seconds writes a wait for people: "500 ms", "30 s", "1.5 s", "2 min", "1 min 30 s".
  function seconds(s) {
    if (s > 0 && s < 1) return Math.round(s * 1000) + " ms";
    if (s >= 60 && s === Math.floor(s)) {
      var m = Math.floor(s / 60), r = s % 60;
      return r ? m + " min " + r + " s" : m + " min";
    }
    return (s === Math.floor(s) ? String(s) : s.toFixed(1)) + " s";
  }

  // retryPlan is the retry advice as a concrete plan: "Retry in 30 s", "1 s, 2 s, 4 s, 8 s,
  // 16 s, then stop", or "Do not retry".
  function retryPlan(r) {
    var sched = (r.schedule || []).filter(function (x) { return typeof x === "number" && x >= 0; });
    var list = sched.map(seconds).join(", ") + ", then stop";
    if (!r.retryable || r.strategy === "never") return "Do not retry";
    if (r.strategy === "retry-after") {
      if (sched.length === 1) return "Retry in " + seconds(sched[0]);
      if (sched.length > 1) return "Back off: " + list;
      return "Retry later";
    }
    if (r.strategy === "backoff") {
      if (!sched.length) return "Retry with backoff";
      if (r.after_seconds > sched[0]) return "Wait " + seconds(r.after_seconds) + ", then back off: " + list;
      return "Back off: " + list;
    }
    if (r.strategy === "conditional") {
      return r.after_seconds > 0 ? "Only in some cases; then retry in " + seconds(r.after_seconds) : "Only in some cases";
    }
    return "Retry: " + r.strategy;
  }

  function copyText(text, button, say) {
    function done(msg) {
      button.textContent = msg;
      if (say) say(msg);
      setTimeout(function () { button.textContent = "Copy"; }, 1500);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done("Copied"); }, function () { done("Copy failed"); });
    } else {
      done("Copy failed");
    }
  }

  // renderVerdict draws v into out. ctx: {base, apis (id → name), onLine(n), say(msg),
  // compact}. Elements carry data-v="field" so tests can read what a person sees.
  function renderVerdict(out, v, ctx) {
    var box = el("div", "pg-v");
    var head = el("div", "pg-v-head");
    if (v.status) {
      var st = el("span", "badge " + (v.status >= 500 ? "s5" : v.status >= 400 ? "s4" : "s2"),
        v.status + (STATUS[v.status] ? " " + STATUS[v.status] : ""));
      st.setAttribute("data-v", "status");
      head.appendChild(st);
    }
    if (v.code) {
      var href = sitePath(ctx.base, v.docs);
      var code = el(href && v.known ? "a" : "span", "badge code", v.code);
      if (href && v.known) {
        code.setAttribute("href", href);
        code.setAttribute("title", "Read the docs for " + v.code);
      }
      code.setAttribute("data-v", "code");
      head.appendChild(code);
      if (!v.known) head.appendChild(el("span", "badge retry-maybe", "not in the catalog"));
    }
    if (head.firstChild) box.appendChild(head);
    var title = el("h3", "pg-v-title", v.title || (v.input === "request" ? "A request" : "No error recognised"));
    title.setAttribute("data-v", "title");
    box.appendChild(title);

    var facts = el("dl", "pg-facts");
    function fact(name, value, key) {
      facts.appendChild(el("dt", null, name));
      var dd = el("dd", null, value);
      dd.setAttribute("data-v", key);
      facts.appendChild(dd);
    }
    fact("API", v.api ? (ctx.apis && ctx.apis[v.api]) || v.api : "Not recognised", "api");
    fact("Shape", v.dialect || "none", "dialect");
    fact("Confidence", v.confidence, "confidence");
    if (v.operation) fact("Operation", v.operation, "operation");
    if (v.message) fact("Message", v.message, "message");
    box.appendChild(facts);

    function section(name, node, key) {
      var s = el("section", "pg-v-sec");
      s.appendChild(el("h4", null, name));
      node.setAttribute("data-v", key);
      s.appendChild(node);
      box.appendChild(s);
      return s;
    }
    if (v.meaning) section("What it means", paragraphs(el("div"), v.meaning), "meaning");
    if (v.cause) section("Likely cause", inline(el("p"), v.cause), "cause");
    if (v.fix && v.fix.length) {
      var ol = el("ol");
      v.fix.forEach(function (f) { ol.appendChild(inline(el("li"), f)); });
      section("How to fix", ol, "fix");
    }
    if (v.input === "response" || (v.retry && v.retry.detail)) {
      var rd = el("div", "pg-retry");
      var plan = el("p", "schedule " + (v.retry.retryable ? "retry-yes" : "retry-no"), retryPlan(v.retry));
      plan.setAttribute("data-v", "retry-plan");
      rd.appendChild(plan);
      if (v.retry.detail) {
        var det = inline(el("p"), v.retry.detail);
        det.setAttribute("data-v", "retry-detail");
        rd.appendChild(det);
      }
      section("Retry", rd, "retry");
    }
    if (v.predicted) {
      var pd = el("div", "pg-predicted");
      var ph = el("p", "pg-v-head");
      var pst = el("span", "badge " + (v.predicted.status >= 500 ? "s5" : v.predicted.status >= 400 ? "s4" : "s2"),
        v.predicted.status + (STATUS[v.predicted.status] ? " " + STATUS[v.predicted.status] : ""));
      pst.setAttribute("data-v", "predicted-status");
      ph.appendChild(pst);
      if (v.predicted.code) {
        var pc = el("span", "badge code", v.predicted.code);
        pc.setAttribute("data-v", "predicted-code");
        ph.appendChild(pc);
      }
      pd.appendChild(ph);
      if (v.predicted.text) {
        var pre = el("pre", "pg-pre");
        var pcode = el("code", null, v.predicted.text);
        pcode.setAttribute("data-v", "predicted-text");
        pre.appendChild(pcode);
        pd.appendChild(pre);
      }
      section("What the API would answer", pd, "predicted");
    }
    if (v.fixed_request) {
      var fx = el("div", "pg-fixed");
      var fpre = el("pre", "pg-pre");
      var fcode = el("code", null, v.fixed_request);
      fcode.setAttribute("data-v", "fixed-request");
      fpre.appendChild(fcode);
      fx.appendChild(fpre);
      var fb = el("button", "pg-btn pg-small", "Copy");
      fb.type = "button";
      fb.setAttribute("aria-label", "Copy the fixed request");
      fb.addEventListener("click", function () { copyText(v.fixed_request, fb, ctx.say); });
      fx.appendChild(fb);
      section("The request, fixed", fx, "fixed");
    }
    if (v.request_id) {
      var rp = el("p", "pg-rid");
      var rid = el("code", null, v.request_id);
      rid.setAttribute("data-v", "request_id");
      rp.appendChild(rid);
      var cb = el("button", "pg-btn pg-small", "Copy");
      cb.type = "button";
      cb.setAttribute("aria-label", "Copy the request id");
      cb.addEventListener("click", function () { copyText(v.request_id, cb, ctx.say); });
      rp.appendChild(cb);
      section("Request id (quote it to support)", rp, "request");
    }
    if (v.fields && v.fields.length) {
      var ul = el("ul", "pg-fields");
      v.fields.forEach(function (f) {
        var li = el("li");
        var line = f.line > 0 && ctx.onLine ? f.line : 0;
        var b = el(line ? "button" : "span", "pg-field");
        if (f.line > 0) b.setAttribute("data-line", String(f.line));
        if (line) {
          b.type = "button";
          b.setAttribute("aria-label", (f.path || "body") + ": " + f.message + ". Show line " + f.line + " in the paste");
          b.addEventListener("click", function () { ctx.onLine(f.line); });
        }
        var path = el("code", "pg-path", f.path || "(body)");
        path.setAttribute("data-v", "field-path");
        b.appendChild(path);
        var msg = el("span", "pg-fmsg", f.message);
        msg.setAttribute("data-v", "field-message");
        b.appendChild(msg);
        if (f.code) b.appendChild(el("span", "pg-fcode", f.code));
        if (f.line > 0) b.appendChild(el("span", "pg-fline", "line " + f.line));
        li.appendChild(b);
        if (f.hint) {
          var h = inline(el("p", "pg-hint"), f.hint);
          h.setAttribute("data-v", "field-hint");
          li.appendChild(h);
        }
        ul.appendChild(li);
      });
      section("Fields", ul, "fields");
    }
    if (v.problems && v.problems.length) {
      var pl = el("ul", "pg-problems");
      v.problems.forEach(function (p) {
        var li = el("li", "sev-" + (/^(error|warning|info)$/.test(p.severity) ? p.severity : "info"));
        li.appendChild(el("span", "pg-sev", p.severity));
        var m = inline(el("span", "pg-pmsg"), p.message);
        m.setAttribute("data-v", "problem");
        li.appendChild(m);
        if (p.line > 0 && ctx.onLine) {
          var go = el("button", "pg-btn pg-small", "line " + p.line + (p.column > 0 ? ":" + p.column : ""));
          go.type = "button";
          go.setAttribute("aria-label", "Show line " + p.line + " in the paste");
          go.addEventListener("click", function () { ctx.onLine(p.line); });
          li.appendChild(go);
        } else if (p.line > 0) {
          li.appendChild(el("span", "pg-fline", "line " + p.line));
        }
        pl.appendChild(li);
      });
      section("Problems", pl, "problems");
    }
    var docs = sitePath(ctx.base, v.docs);
    if (docs) {
      var dp = el("p", "pg-docs");
      var a = el("a", null, v.code && v.known ? "Read the page for " + v.code : "Read the docs");
      a.setAttribute("href", docs);
      a.setAttribute("data-v", "docs");
      dp.appendChild(a);
      box.appendChild(dp);
    }
    out.textContent = "";
    out.appendChild(box);
  }

  // ---------------------------------------------------------------------------------------
  // Share links: the state, as JSON, deflated and base64url-encoded after "#share=".

  function b64url(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i += 0x8000) {
      s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function unb64url(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function pipe(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer().then(function (b) {
      return new Uint8Array(b);
    });
  }

  function encodeShare(state) {
    var json = new TextEncoder().encode(JSON.stringify(state));
    return pipe(json, new CompressionStream("deflate-raw")).then(b64url);
  }

  // inflateCapped inflates a link's bytes as a stream and gives up as soon as the output passes
  // max bytes: a small link that inflates to a gigabyte is refused at once, not after the page
  // has frozen.
  function inflateCapped(bytes, max) {
    var reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    var parts = [], total = 0;
    function next() {
      return reader.read().then(function (r) {
        if (r.done) {
          var out = new Uint8Array(total), at = 0;
          parts.forEach(function (p) { out.set(p, at); at += p.length; });
          return out;
        }
        total += r.value.length;
        if (total > max) {
          reader.cancel().catch(function () {});
          throw new Error("it holds more than the largest paste errdocs reads (" + formatBytes(max) + ")");
        }
        parts.push(r.value);
        return next();
      });
    }
    return next().catch(function (e) {
      if (/holds more than/.test(e.message)) throw e;
      throw new Error("the link is damaged (it does not inflate)");
    });
  }

  // decodeShare reads a "#share=" fragment: the format is engine.ShareState (engine/share.go).
  // A verdict-only link holds engine.Share, which the engine turns back into a verdict from the
  // catalog; a paste link holds the paste with its secrets masked.
  function decodeShare(frag) {
    var bytes;
    try {
      bytes = unb64url(frag);
    } catch (e) {
      return Promise.reject(new Error("the link is damaged (it is not base64url)"));
    }
    // Room for the largest paste, JSON-escaped, and the list of what was masked.
    return inflateCapped(bytes, 2 * MAX_PASTE + 65536).then(function (raw) {
      var x;
      try {
        x = JSON.parse(new TextDecoder().decode(raw));
      } catch (e) {
        throw new Error("the link is damaged (its content is not JSON)");
      }
      if (!x || typeof x !== "object") throw new Error("the link is damaged");
      if (x.v === 1) throw new Error("it was made by an older errdocs; ask for a new link");
      if (x.v !== 2 || (x.mode !== "paste" && x.mode !== "verdict")) throw new Error("unknown link format");
      var st = { mode: x.mode, paste: "", share: "", masked: [] };
      if (x.mode === "paste") {
        if (typeof x.paste !== "string" || x.paste.length > MAX_PASTE) throw new Error("the link holds no paste");
        st.paste = x.paste;
        if (Array.isArray(x.masked)) {
          st.masked = x.masked.filter(function (m) { return typeof m === "string"; }).slice(0, 100);
        }
      } else {
        if (!x.verdict || typeof x.verdict !== "object") throw new Error("the link holds no verdict");
        st.share = JSON.stringify(x.verdict);
      }
      return st;
    });
  }

  // ---------------------------------------------------------------------------------------
  // Helpers shared by the page and the box.

  function config(root) {
    var d = root.dataset;
    return { base: d.base || "/", build: d.build, catalog: d.catalog, worker: d.worker, wasm: d.wasm, exec: d.wasmExec, sw: d.sw };
  }

  var engines = {};
  function engineFor(cfg) {
    var key = cfg.worker + " " + cfg.wasm;
    if (!engines[key]) engines[key] = new Engine(cfg);
    return engines[key];
  }

  var catalogInfo = null;
  function loadCatalog(cfg) {
    if (!catalogInfo) {
      catalogInfo = fetch(cfg.catalog, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("catalog.json: HTTP " + r.status);
        return r.json();
      }).then(function (c) {
        var apis = {}, examples = [];
        (c.apis || []).forEach(function (a) {
          apis[a.id] = a.name || a.id;
          (a.errors || []).forEach(function (e) {
            (e.examples || []).forEach(function (x, i) {
              examples.push({ api: a.name || a.id, entry: e, text: x.text, n: i, of: e.examples.length });
            });
          });
        });
        return { apis: apis, examples: examples };
      });
    }
    return catalogInfo;
  }

  function formatBytes(n) {
    if (n < 1024) return n + " B";
    if (n < 1 << 20) return (n / 1024).toFixed(1) + " KB";
    return (n / 1048576).toFixed(1) + " MB";
  }

  function formatMs(ms) {
    return ms < 10 ? ms.toFixed(1) + " ms" : Math.round(ms) + " ms";
  }

  // ---------------------------------------------------------------------------------------
  // The playground page.

  function Page(root) {
    this.root = root;
    this.cfg = config(root);
    this.ta = root.querySelector("#pg-paste");
    this.out = root.querySelector("#pg-verdict");
    this.status = root.querySelector("#pg-status");
    this.nums = root.querySelector("#pg-nums");
    this.mark = root.querySelector("#pg-mark");
    this.size = root.querySelector("#pg-size");
    this.editor = root.querySelector("#pg-editor");
    this.banner = root.querySelector("#pg-banner");
    this.bannerList = root.querySelector("#pg-banner-list");
    this.shared = root.querySelector("#pg-shared");
    this.largeNote = root.querySelector("#pg-large");
    this.large = null; // {text}: a paste too large for the paste area, which shows its start
    this.examples = root.querySelector("#pg-examples");
    this.shareButton = root.querySelector("#pg-share");
    this.dialog = root.querySelector("#pg-share-dialog");
    this.masked = []; // what was masked since the paste area was last emptied
    this.verdict = null;
    this.runId = 0;
    this.lines = 1;
    this.markLine = 0;
    this.apis = {};
    this.lastRun = null;
  }

  Page.prototype.say = function (msg) {
    var live = document.getElementById("live");
    if (!live) return;
    live.textContent = "";
    setTimeout(function () { live.textContent = msg; }, 30);
  };

  Page.prototype.setStatus = function (msg, kind) {
    this.status.textContent = msg;
    this.status.className = "pg-status" + (kind ? " " + kind : "");
  };

  Page.prototype.start = function () {
    var self = this;
    if (!this.cfg.wasm || !this.cfg.worker) return; // the page already says the module is missing
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      this.setStatus("This browser cannot run the playground: it needs WebAssembly and Web Workers.", "err");
      return;
    }
    this.engine = engineFor(this.cfg);
    this.exposeAPI();
    this.wire();
    this.gutter();
    loadCatalog(this.cfg).then(function (info) {
      self.apis = info.apis;
      self.fillExamples(info.examples);
      if (self.verdict) self.draw(self.verdict);
    }, function (e) {
      self.examples.firstChild.textContent = "Examples unavailable";
    });
    this.engine.ready.then(function () {
      var ms = self.engine.readyMs;
      self.root.setAttribute("data-engine", "ready");
      self.root.setAttribute("data-ready-ms", String(Math.round(ms)));
      var wt = self.engine.timing;
      if (wt) {
        // Where the time went, from navigation: the worker's start, the module compiled and
        // instantiated, Go started, the catalog loaded. The benchmark prints it.
        var at = function (t) { return Math.round(t + wt.origin - performance.timeOrigin); };
        self.root.setAttribute("data-engine-ms", JSON.stringify({
          worker: at(wt.start), compiled: at(wt.compiled), instantiated: at(wt.instantiated),
          run: at(wt.run), ready: at(wt.ready) }));
      }
      self.shareButton.disabled = false;
      if (self.runId === 0 && !self.pendingShare && !self.shareError) self.setStatus("Ready: the engine runs in your browser (loaded in " + formatMs(ms) + ").");
      if (self.ta.value && !self.verdict && !self.pendingShare) self.run("load");
    }, function () {});
    this.engine.stopped.then(function (e) {
      self.root.setAttribute("data-engine", "failed");
      self.setStatus("The engine could not start: " + e.message + ". The site may have been updated since this page was loaded: reload it to get the new version.", "err");
      // Beside the status line, not in it, so the next status does not take it away.
      var p = el("p");
      p.appendChild(reloadButton());
      self.status.parentNode.insertBefore(p, self.status.nextSibling);
    });
    this.openShare();
    // The service worker starts, and fetches everything again to cache it, only once the engine
    // is up: on a cold visit it would otherwise compete with the engine for the CPU.
    var sw = function () { self.registerServiceWorker(); };
    this.engine.ready.then(sw, sw);
  };

  Page.prototype.exposeAPI = function () {
    var engine = this.engine;
    function call(type, text) {
      if (typeof text !== "string") return Promise.reject(new TypeError("errdocs: the paste must be a string"));
      return engine.request(type, text, false).then(function (r) {
        if (r.error) throw new Error(r.error);
        return r;
      });
    }
    window.errdocs = {
      ready: engine.ready,
      explain: function (text) { return call("explain", text).then(function (r) { return JSON.parse(r.json); }); },
      explainJSON: function (text) { return call("explain", text).then(function (r) { return r.json; }); },
      redact: function (text) { return call("redact", text).then(function (r) { return { masked: r.masked, found: r.found }; }); },
    };
  };

  Page.prototype.wire = function () {
    var self = this, ta = this.ta, timer = 0;
    // A paste or drop that replaces the whole text starts over: what was masked before is gone.
    ta.addEventListener("beforeinput", function (e) {
      var t = e.inputType || "";
      if ((t === "insertFromPaste" || t === "insertFromDrop") && ta.selectionStart === 0 && ta.selectionEnd === ta.value.length) {
        self.clearMasked();
      }
    });
    // A paste too large to show whole goes around the paste area (see setInput).
    ta.addEventListener("paste", function (e) {
      var d = e.clipboardData && e.clipboardData.getData("text/plain");
      if (!d) return;
      var whole = self.large ? d : ta.value.slice(0, ta.selectionStart) + d + ta.value.slice(ta.selectionEnd);
      if (whole.length <= LARGE && !self.large) return;
      e.preventDefault();
      clearTimeout(timer);
      self.setInput(whole, "paste");
    });
    ta.addEventListener("input", function (e) {
      if (self.large) {
        // The preview is read-only; any other change means the paste area is the paste again.
        self.large = null;
        ta.readOnly = false;
        self.largeNote.hidden = true;
      }
      self.edited();
      clearTimeout(timer);
      var t = e.inputType || "";
      if (t === "insertFromPaste" || t === "insertFromDrop" || t === "insertReplacementText") {
        self.run("paste");
        return;
      }
      var wait = ta.value.length > 1 << 20 ? 700 : ta.value.length > 65536 ? 400 : 250;
      timer = setTimeout(function () { self.run("type"); }, wait);
    });
    ta.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        clearTimeout(timer);
        self.run("key");
      }
    });
    ta.addEventListener("scroll", function () { self.paintGutter(); });
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        self.lineMetrics = null;
        self.paintGutter();
      }).observe(ta);
    }

    // Files: drop one onto the editor, or open one.
    var ed = this.editor;
    ed.addEventListener("dragover", function (e) {
      if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0) {
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        ed.classList.add("drop");
      }
    });
    ed.addEventListener("dragleave", function () { ed.classList.remove("drop"); });
    ed.addEventListener("drop", function (e) {
      ed.classList.remove("drop");
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
        e.preventDefault();
        self.openFile(e.dataTransfer.files[0]);
      }
    });
    var file = this.root.querySelector("#pg-file");
    this.root.querySelector("#pg-open").addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      if (file.files && file.files[0]) self.openFile(file.files[0]);
      file.value = "";
    });
    this.root.querySelector("#pg-clear").addEventListener("click", function () {
      clearTimeout(timer);
      self.setInput("", "clear");
      self.ta.focus();
    });
    this.examples.addEventListener("change", function () {
      var x = self.exampleList && self.exampleList[+self.examples.value];
      if (x) self.setInput(x.text, "example");
    });
    this.shareButton.addEventListener("click", function () { self.share(); });
    this.root.querySelector("#pg-share-copy").addEventListener("click", function (e) {
      var u = self.root.querySelector("#pg-share-url");
      copyText(u.value, e.currentTarget, function (m) { self.say(m); });
    });
    Array.prototype.forEach.call(this.root.querySelectorAll("input[name=pg-share-mode]"), function (r) {
      r.addEventListener("change", function () { self.makeLink(); });
    });
    window.addEventListener("hashchange", function () {
      if (/^#share=/.test(location.hash) && location.hash !== self.ownHash) self.openShare();
    });
  };

  // edited runs on every change by the user: the page no longer shows a shared state.
  Page.prototype.edited = function () {
    this.countLines();
    this.hideMark();
    this.shareError = "";
    if (this.fromLink) {
      this.fromLink = false;
      this.shared.hidden = true;
      if (/^#share=/.test(location.hash)) history.replaceState(null, "", location.pathname + location.search);
    }
    if (!this.ta.value) this.clearMasked();
  };

  Page.prototype.openFile = function (f) {
    var self = this;
    if (f.size > MAX_PASTE) {
      this.setStatus("That file is " + formatBytes(f.size) + "; errdocs reads at most " + formatBytes(MAX_PASTE) + ".", "err");
      return;
    }
    f.text().then(function (t) { self.setInput(t, "file"); }, function (e) {
      self.setStatus("Could not read " + f.name + ": " + e.message, "err");
    });
  };

  // setInput replaces the paste and explains it at once. A text longer than LARGE stays out of
  // the paste area, which shows its first PREVIEW bytes read-only: a browser takes seconds to
  // lay out 10 MB in a textarea, and the page must not freeze.
  Page.prototype.setInput = function (text, why) {
    this.clearMasked();
    this.large = text.length > LARGE ? { text: text } : null;
    if (this.large) {
      this.showPreview();
    } else {
      this.ta.readOnly = false;
      this.ta.value = text;
      this.largeNote.hidden = true;
    }
    this.ta.scrollTop = 0;
    this.edited();
    this.run(why);
  };

  // text is the paste: the paste area's text, or the whole of a large paste.
  Page.prototype.text = function () {
    return this.large ? this.large.text : this.ta.value;
  };

  // showPreview puts the start of a large paste in the paste area: whole lines, each cut to
  // PREVIEW_LINE characters, so line numbers still match the paste's.
  Page.prototype.showPreview = function () {
    var t = this.large.text, out = [], size = 0, start = 0, lines = 0, cut = false;
    while (start <= t.length) {
      var end = t.indexOf("\n", start);
      if (end < 0) end = t.length;
      lines++;
      if (size < PREVIEW) {
        var line = t.slice(start, Math.min(end, start + PREVIEW_LINE));
        if (end - start > PREVIEW_LINE) {
          line += " …";
          cut = true;
        }
        out.push(line);
        size += line.length + 1;
      }
      start = end + 1;
    }
    var shown = out.length;
    this.ta.value = out.join("\n");
    this.ta.readOnly = true;
    this.largeNote.textContent = "This paste is " + formatBytes(t.length) + " (" + lines.toLocaleString("en") +
      (lines === 1 ? " line" : " lines") + "). To keep the page quick, the paste area shows " +
      (shown < lines ? "its first " + shown.toLocaleString("en") + " lines" : "it") +
      (cut ? ", long lines cut short," : "") + " read-only; errdocs explains all of it. Paste again or clear it to start over.";
    this.largeNote.hidden = false;
    this.countLines();
  };

  Page.prototype.fillExamples = function (list) {
    var sel = this.examples;
    this.exampleList = list;
    sel.textContent = "";
    var first = el("option", null, "Choose an example…");
    first.value = "";
    sel.appendChild(first);
    var groups = {};
    list.forEach(function (x, i) {
      var g = groups[x.api];
      if (!g) {
        g = groups[x.api] = el("optgroup");
        g.label = x.api;
        sel.appendChild(g);
      }
      var e = x.entry;
      var label = (e.status ? e.status + " " : "") + (e.code || "no code") + " · " + e.title;
      if (x.of > 1) label += " (" + (x.n + 1) + " of " + x.of + ")";
      var o = el("option", null, label);
      o.value = String(i);
      g.appendChild(o);
    });
    sel.disabled = list.length === 0;
  };

  // run explains the paste area's text. Only the newest run draws its verdict.
  Page.prototype.run = function (why) {
    var self = this, text = this.text(), id = ++this.runId;
    if (!this.engine) return Promise.resolve();
    if (text.length > MAX_PASTE) {
      this.setStatus("The paste is " + formatBytes(text.length) + ": errdocs reads the first " + formatBytes(MAX_PASTE) + ".", "warn");
    }
    var t0 = performance.now();
    var busy = setTimeout(function () {
      if (self.runId !== id) return;
      self.out.setAttribute("aria-busy", "true");
      self.root.classList.add("busy");
      self.setStatus("Explaining " + formatBytes(text.length) + "…", "busy");
    }, 120);
    this.root.setAttribute("data-run", "running");
    var p = this.engine.request("explain", text, true).then(function (r) {
      clearTimeout(busy);
      if (r.cancelled || self.runId !== id) return;
      self.out.setAttribute("aria-busy", "false");
      self.root.classList.remove("busy");
      if (r.error) {
        self.setStatus("errdocs could not explain this: " + r.error, "err");
        self.root.setAttribute("data-run", "error");
        return;
      }
      var v = JSON.parse(r.json);
      if (r.masked != null && self.text() === text) {
        if (self.large) {
          self.large.text = r.masked;
          self.showPreview();
        } else {
          self.maskInput(r.masked);
        }
      }
      self.addMasked(v.redacted);
      self.verdict = v;
      self.verdictShare = r.share;
      self.verdictFor = self.text();
      self.draw(v);
      var total = performance.now() - t0;
      self.lastRun = { bytes: text.length, engineMs: r.ms, totalMs: total };
      self.root.setAttribute("data-run", "done");
      self.root.setAttribute("data-run-id", String(id));
      self.root.setAttribute("data-run-ms", total.toFixed(2));
      self.root.setAttribute("data-run-engine-ms", (r.ms || 0).toFixed(2));
      self.setStatus(text ? "Explained " + formatBytes(text.length) + " in " + formatMs(total) + "." : "Ready.");
    });
    this.current = p;
    return p;
  };

  Page.prototype.draw = function (v) {
    var self = this;
    renderVerdict(this.out, v, {
      base: this.cfg.base, apis: this.apis,
      onLine: this.text() ? function (n) { self.showLine(n); } : null,
      say: function (m) { self.say(m); },
    });
  };

  // maskInput replaces the paste with its masked form, keeping the caret and the scroll where
  // they were. It replaces only the stretch that differs, with setRangeText: assigning the whole
  // value would move the caret and the scroll, and putting them back means reading scrollTop,
  // which forces a layout of the paste (about 1-2 ms for 2 KB, most of a paste's time in the
  // page besides the engine).
  Page.prototype.maskInput = function (masked) {
    var ta = this.ta, old = ta.value;
    var a = 0, n = Math.min(old.length, masked.length);
    while (a < n && old.charCodeAt(a) === masked.charCodeAt(a)) a++;
    var b = 0;
    while (b < n - a && old.charCodeAt(old.length - 1 - b) === masked.charCodeAt(masked.length - 1 - b)) b++;
    if (ta.setRangeText) {
      ta.setRangeText(masked.slice(a, masked.length - b), a, old.length - b, "preserve");
    } else {
      var pos = ta.selectionStart, atEnd = pos === old.length;
      ta.value = masked;
      var c = atEnd ? masked.length : Math.min(pos, masked.length);
      ta.setSelectionRange(c, c);
    }
    this.countLines();
  };

  Page.prototype.addMasked = function (list) {
    var self = this;
    (list || []).forEach(function (m) {
      if (self.masked.indexOf(m) < 0) self.masked.push(m);
    });
    this.drawBanner();
  };

  Page.prototype.clearMasked = function () {
    this.masked = [];
    this.drawBanner();
  };

  Page.prototype.drawBanner = function () {
    var list = this.bannerList;
    list.textContent = "";
    this.masked.forEach(function (m) { list.appendChild(el("li", null, m)); });
    this.banner.hidden = this.masked.length === 0;
  };

  // --- Line numbers. Only the visible numbers are drawn, so a 10 MB paste costs nothing here.

  Page.prototype.gutter = function () {
    this.countLines();
  };

  Page.prototype.countLines = function () {
    var t = this.ta.value, n = 1, i = -1;
    while ((i = t.indexOf("\n", i + 1)) >= 0) n++;
    this.lines = n;
    this.editor.style.setProperty("--digits", String(Math.max(2, String(n).length)));
    var all = this.text();
    this.size.textContent = !all ? "" : this.large ? formatBytes(all.length) :
      n + (n === 1 ? " line, " : " lines, ") + formatBytes(t.length);
    this.schedulePaint();
  };

  // schedulePaint redraws the gutter before the next frame, not now: reading the textarea's
  // scroll position right after changing the page would force a layout.
  Page.prototype.schedulePaint = function () {
    var self = this;
    if (this.paintQueued) return;
    this.paintQueued = true;
    requestAnimationFrame(function () {
      self.paintQueued = false;
      self.paintGutter();
    });
  };

  Page.prototype.metrics = function () {
    if (this.lineMetrics) return this.lineMetrics;
    var cs = getComputedStyle(this.ta);
    var lh = parseFloat(cs.lineHeight);
    if (!(lh > 0)) lh = parseFloat(cs.fontSize) * 1.5;
    this.lineMetrics = { lh: lh, pad: parseFloat(cs.paddingTop) || 0 };
    return this.lineMetrics;
  };

  Page.prototype.paintGutter = function () {
    var m = this.metrics(), ta = this.ta;
    var first = Math.max(0, Math.floor((ta.scrollTop - m.pad) / m.lh));
    var count = Math.ceil(ta.clientHeight / m.lh) + 2;
    var last = Math.min(this.lines, first + count);
    var s = [];
    for (var i = first + 1; i <= last; i++) s.push(i);
    this.nums.textContent = s.join("\n");
    this.nums.style.transform = "translateY(" + (m.pad + first * m.lh - ta.scrollTop) + "px)";
    if (this.markLine) {
      this.mark.style.transform = "translateY(" + (m.pad + (this.markLine - 1) * m.lh - ta.scrollTop) + "px)";
      this.mark.style.height = m.lh + "px";
    }
  };

  // showLine highlights line n of the paste, selects it and scrolls it into view.
  Page.prototype.showLine = function (n) {
    var t = this.ta.value, start = 0;
    for (var i = 1; i < n; i++) {
      var j = t.indexOf("\n", start);
      if (j < 0) {
        this.say("Line " + n + " is past the part of the paste shown here.");
        return;
      }
      start = j + 1;
    }
    var end = t.indexOf("\n", start);
    if (end < 0) end = t.length;
    var m = this.metrics();
    this.ta.focus({ preventScroll: true });
    this.ta.setSelectionRange(start, end);
    this.ta.scrollTop = Math.max(0, m.pad + (n - 1) * m.lh - this.ta.clientHeight / 3);
    this.markLine = n;
    this.mark.hidden = false;
    this.root.setAttribute("data-mark-line", String(n));
    this.paintGutter();
    this.say("Line " + n + " of the paste is selected.");
  };

  Page.prototype.hideMark = function () {
    this.markLine = 0;
    this.mark.hidden = true;
    this.root.removeAttribute("data-mark-line");
  };

  // --- Share links.

  Page.prototype.share = function () {
    var self = this;
    // Explain what is on screen first, so the link and the verdict agree.
    var wait = this.verdict && this.verdictFor === this.text() ? Promise.resolve() : this.run("share");
    this.dialog.showModal();
    wait.then(function () { self.makeLink(); });
  };

  Page.prototype.makeLink = function () {
    var self = this;
    var mode = this.root.querySelector("input[name=pg-share-mode]:checked").value;
    var url = this.root.querySelector("#pg-share-url");
    var note = this.root.querySelector("#pg-share-note");
    var text = this.text();
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
    var share = this.verdictShare;
    var made = mode === "paste"
      ? this.engine.request("redact", text, false).then(function (r) {
        if (r.error) throw new Error(r.error);
        // The area shows the paste masked already, so what was masked is the page's list.
        return { v: 2, mode: "paste", paste: r.masked, masked: self.masked.slice() };
      })
      : Promise.resolve({ v: 2, mode: "verdict", verdict: JSON.parse(share) });
    made.then(encodeShare).then(function (frag) {
      if (frag.length > SHARE_MAX) {
        note.textContent = "The paste is too large for a link (" + formatBytes(frag.length) + " compressed). Share only the verdict.";
        return;
      }
      var link = location.origin + location.pathname + "#share=" + frag;
      url.value = link;
      self.root.setAttribute("data-share", link);
      note.textContent = mode === "paste"
        ? "The link holds your paste with its secrets masked (check it before you send it)."
        : "The link holds only the API, status, code, operation and field names; your paste stays here.";
      url.select();
    }).catch(function (e) {
      note.textContent = "Could not make the link: " + e.message;
    });
  };

  // openShare restores the page from a #share= link. A paste link puts the masked paste back
  // and explains it; a verdict-only link shows the verdict the engine rebuilds from the
  // catalog. A link that cannot be read says why, and that message stays until the visitor
  // pastes something.
  Page.prototype.openShare = function () {
    var self = this;
    var m = /^#share=(.*)$/.exec(location.hash);
    if (!m) return;
    this.ownHash = location.hash;
    this.pendingShare = true;
    this.shareError = "";
    var fail = function (e) {
      self.pendingShare = false;
      self.shareError = "This share link could not be opened: " + e.message + ".";
      self.root.setAttribute("data-share-error", e.message);
      self.setStatus(self.shareError, "err");
    };
    if (!/^[A-Za-z0-9_-]+$/.test(m[1])) {
      fail(new Error("the link is damaged (it is not base64url)"));
      return;
    }
    decodeShare(m[1]).then(function (st) {
      self.fromLink = true;
      self.runId++; // a run started before this is stale now
      self.large = null;
      self.largeNote.hidden = true;
      self.ta.readOnly = false;
      self.ta.value = st.paste;
      self.countLines();
      self.masked = st.masked;
      self.drawBanner();
      self.shared.textContent = st.mode === "paste"
        ? "Opened from a shared link: the paste, with its secrets masked by the sender's browser."
        : "Opened from a shared link that holds only the API, status, code and field names: the sender kept the paste.";
      self.shared.hidden = false;
      return self.engine.ready.then(function () {
        if (st.mode === "paste") return self.run("share").then(function () { self.pendingShare = false; });
        return self.engine.request("shared", st.share, false).then(function (r) {
          self.pendingShare = false;
          if (r.error) throw new Error(r.error);
          var v = JSON.parse(r.json);
          self.verdict = v;
          self.verdictShare = st.share;
          self.verdictFor = "";
          self.draw(v);
          self.root.setAttribute("data-run", "done");
          self.setStatus("Restored from a shared link.");
        });
      });
    }).catch(fail);
  };

  // reloadButton reloads the page: the way out once the engine has given up.
  function reloadButton() {
    var b = el("button", "pg-btn pg-primary pg-reload", "Reload");
    b.type = "button";
    b.addEventListener("click", function () { location.reload(); });
    return b;
  }

  // --- Offline: a service worker caches the playground after the first visit. The page tells it
  // its build (data-build) and every URL it uses; sw.js keeps them as that build's set, whole.

  Page.prototype.registerServiceWorker = function () {
    var cfg = this.cfg;
    if (!cfg.sw || !cfg.build || !("serviceWorker" in navigator)) return;
    var self = this;
    navigator.serviceWorker.register(cfg.sw, { scope: cfg.base }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      var urls = [location.pathname, cfg.catalog, cfg.worker, cfg.wasm, cfg.exec];
      Array.prototype.forEach.call(document.querySelectorAll("link[rel=stylesheet], link[rel=icon], script[src]"), function (n) {
        urls.push(n.getAttribute("href") || n.getAttribute("src"));
      });
      var ch = new MessageChannel();
      ch.port1.onmessage = function (ev) {
        if (ev.data && ev.data.type === "cached") self.root.setAttribute("data-offline", ev.data.ok ? "ready" : "partial");
      };
      reg.active.postMessage({ type: "cache", build: cfg.build, urls: urls.filter(Boolean) }, [ch.port2]);
    }).catch(function () {
      self.root.setAttribute("data-offline", "unavailable");
    });
  };

  // ---------------------------------------------------------------------------------------
  // The "paste yours here" box on error pages.

  function box(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var cfg = config(root);
    var ta = root.querySelector(".paste-box-input");
    var out = root.querySelector(".paste-box-out");
    var go = root.querySelector(".paste-box-go");
    var engine = engineFor(cfg);
    engine.stopped.then(function () {
      var p = el("p");
      p.appendChild(reloadButton());
      out.parentNode.insertBefore(p, out.nextSibling);
    });
    var apis = {};
    loadCatalog(cfg).then(function (i) { apis = i.apis; }, function () {});
    var runId = 0, timer = 0;
    function run() {
      var text = ta.value, id = ++runId;
      if (!text.trim()) {
        out.textContent = "";
        return;
      }
      out.setAttribute("aria-busy", "true");
      if (!out.firstChild) out.appendChild(el("p", "pg-empty", "Explaining…"));
      engine.request("explain", text, true).then(function (r) {
        if (r.cancelled || id !== runId) return;
        out.setAttribute("aria-busy", "false");
        if (r.error) {
          out.textContent = "";
          out.appendChild(el("p", "pg-status err", "errdocs could not explain this: " + r.error));
          return;
        }
        if (r.masked != null && ta.value === text) ta.value = r.masked;
        renderVerdict(out, JSON.parse(r.json), { base: cfg.base, apis: apis, compact: true });
        root.setAttribute("data-run", "done");
      });
    }
    ta.addEventListener("input", function (e) {
      clearTimeout(timer);
      timer = setTimeout(run, e.inputType === "insertFromPaste" ? 0 : 300);
    });
    go.addEventListener("click", run);
    if (ta.value) run();
  }

  window.errdocsPlayground = { box: box, renderVerdict: renderVerdict, retryPlan: retryPlan };

  function init() {
    var root = document.getElementById("playground");
    if (root) new Page(root).start();
    Array.prototype.forEach.call(document.querySelectorAll(".paste-box[data-woken]"), box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
