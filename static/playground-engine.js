// @ts-check
// playground-engine.js: the engine client. One Web Worker (worker.js) runs the engine
// (errdocs.wasm); the client sends it requests in order, answers each with the worker's reply,
// and cancels a request by restarting the worker. The messages are typed in wasm/errdocs.d.ts
// (ToWorker, FromWorker).
//
// A worker that cannot start (its script, wasm_exec.js, the module or the catalog missing, as
// when a deploy replaced them under an open page, or the module failing to load) is started
// again after each wait in START_RETRIES, then given up on: the engine stops, every request is
// answered with the error, and engine.stopped settles so the page can say so and offer a reload.
// A worker that dies once it was running (a run cut short, the Go program exiting) is replaced
// at once; only when that new worker cannot start do the waits apply.

/**
 * @typedef {import("../wasm/errdocs.js").Verdict} Verdict
 * @typedef {import("../wasm/errdocs.js").Answer} Answer
 * @typedef {import("../wasm/errdocs.js").FromWorker} FromWorker
 * @typedef {import("../wasm/errdocs.js").ToWorker} ToWorker
 * @typedef {import("../wasm/errdocs.js").WorkerTiming} WorkerTiming
 * @typedef {import("./playground-common.js").Config} Config
 */

/**
 * RequestType is what a request asks the worker: explain a paste, mask its secrets, or rebuild
 * the verdict of a verdict-only share link.
 * @typedef {"explain" | "redact" | "shared"} RequestType
 */

/**
 * Pending is a request not answered yet.
 * @typedef {object} Pending
 * @property {number} id
 * @property {RequestType} type
 * @property {string} text
 * @property {boolean} ui a request of the page's own UI: a newer one cancels it
 * @property {(a: Answer) => void} resolve
 * @property {boolean} sent
 * @property {number} at when it was sent (performance.now())
 */

const START_RETRIES = [500, 1000, 2000, 4000]; // ms

/**
 * workerFailed words a worker's error event: a script that could not be loaded has no message.
 * @param {string | undefined} msg
 */
function workerFailed(msg) {
  return msg ? "the worker failed: " + msg : "the worker's script could not be loaded";
}

export class Engine {
  /** @param {Config} cfg */
  constructor(cfg) {
    this.cfg = cfg;
    this.seq = 0;
    /** @type {Pending[]} */
    this.pending = [];
    /** @type {WebAssembly.Module | null} */
    this.module = null;
    /** @type {ArrayBuffer | null} */
    this.catalogBytes = null;
    /** @type {"off" | "starting" | "ready" | "waiting" | "failed"} waiting: to start again */
    this.state = "off";
    this.failures = 0; // starts failed in a row
    this.everReady = false;
    this.readyMs = 0;
    /** @type {WorkerTiming | undefined} worker-relative: start, compiled, ready */
    this.timing = undefined;
    this.error = "";
    /** @type {Worker | null} */
    this.w = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.retryTimer = undefined;
    /** @type {() => void} */
    this._resolveReady = () => {};
    /** @type {(e: Error) => void} */
    this._rejectReady = () => {};
    /** @type {Promise<void>} settles once the engine has loaded; rejects if it gives up first */
    this.ready = new Promise((resolve, reject) => {
      this._resolveReady = resolve;
      this._rejectReady = reject;
    });
    this.ready.catch(() => {}); // callers see the error through their own requests
    /** @type {(e: Error) => void} */
    this._stopped = () => {};
    /** @type {Promise<Error>} resolves once the engine has given up, before or after it was ready */
    this.stopped = new Promise((resolve) => {
      this._stopped = resolve;
    });
    this.start();
  }

  start() {
    this.state = "starting";
    /** @type {Worker} */
    let w;
    /** @type {import("../wasm/errdocs.js").Boot["early"] | null} */
    let early = null;
    // boot.js may have started the worker from the page's <head>; adopt it once.
    const boot = window.errdocsBoot;
    if (boot && !this.module && boot.wasm === this.cfg.wasm) {
      window.errdocsBoot = null;
      w = boot.worker;
      early = boot.early;
    } else {
      try {
        w = new Worker(/** @type {string} */ (this.cfg.worker));
      } catch (e) {
        this.failStart("could not start the worker: " + e);
        return;
      }
    }
    this.w = w;
    w.onmessage = (ev) => {
      if (this.w === w) this.onMessage(ev.data || {});
    };
    w.onerror = (ev) => {
      if (ev && ev.preventDefault) ev.preventDefault();
      if (this.w === w) this.onFatal(workerFailed(ev && ev.message));
    };
    if (early) {
      early.forEach((m) => {
        if (this.w !== w) return;
        if ("error" in m) this.onFatal(workerFailed(m.error));
        else this.onMessage(m.data || {});
      });
      return;
    }
    /** @type {ToWorker} */
    const init = { type: "init", exec: /** @type {string} */ (this.cfg.exec), wasm: /** @type {string} */ (this.cfg.wasm), catalog: /** @type {string} */ (this.cfg.catalog) };
    if (this.module && this.catalogBytes) {
      init.module = this.module;
      init.catalogBytes = this.catalogBytes.slice(0);
    }
    w.postMessage(init);
  }

  /** @param {string} msg */
  failStart(msg) {
    if (this.w) this.w.terminate();
    this.w = null;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.state = "failed";
    this.error = "the engine could not start: " + msg;
    const p = this.pending, err = this.error;
    this.pending = [];
    p.forEach((q) => {
      q.resolve({ error: err });
    });
    // Settled last, so what the page says about the engine comes after each request's answer.
    this._rejectReady(new Error(msg));
    this._stopped(new Error(msg));
  }

  /**
   * retryStart starts a worker again after the next wait, or gives up when none is left.
   * @param {string} msg
   */
  retryStart(msg) {
    if (this.w) this.w.terminate();
    this.w = null;
    if (this.failures >= START_RETRIES.length) {
      this.failStart(msg + " (tried " + (this.failures + 1) + " times)");
      return;
    }
    this.state = "waiting";
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => { this.start(); }, START_RETRIES[this.failures++]);
  }

  /** @param {FromWorker | Record<string, never>} m */
  onMessage(m) {
    if (m.type === "ready") {
      this.state = "ready";
      this.failures = 0;
      if (m.module) {
        this.module = m.module;
        this.catalogBytes = m.catalogBytes || null;
      }
      if (!this.everReady) {
        this.everReady = true;
        this.readyMs = performance.now();
        this.timing = m.ms;
        this._resolveReady();
      }
      this.flush();
      return;
    }
    if (m.type === "fatal") {
      this.onFatal(m.error);
      return;
    }
    for (let i = 0; i < this.pending.length; i++) {
      const q = this.pending[i];
      if (q.id === m.id) {
        this.pending.splice(i, 1);
        q.resolve(m);
        break;
      }
    }
    this.arm();
  }

  /**
   * onFatal handles a worker that cannot start or whose engine stopped.
   * @param {string} msg
   */
  onFatal(msg) {
    if (this.state === "starting") {
      this.retryStart(msg);
      return;
    }
    // The engine died on the request it was running: answer that one with an error verdict and
    // carry on with a fresh worker.
    const head = this.running();
    if (head) {
      this.pending.splice(this.pending.indexOf(head), 1);
      head.resolve(failure(head, "the engine stopped: " + msg));
    }
    this.restart();
  }

  /** running is the request the worker is working on: the first one sent and not answered. */
  running() {
    for (let i = 0; i < this.pending.length; i++) {
      if (this.pending[i].sent) return this.pending[i];
    }
    return null;
  }

  restart() {
    if (this.state === "failed") return;
    if (this.w) this.w.terminate();
    this.w = null;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.pending.forEach((q) => {
      q.sent = false;
    });
    this.start();
  }

  flush() {
    if (this.state !== "ready" || !this.w) return;
    for (let i = 0; i < this.pending.length; i++) {
      const q = this.pending[i];
      if (!q.sent) {
        q.sent = true;
        q.at = performance.now();
        /** @type {ToWorker} */
        const msg = { type: q.type, id: q.id, text: q.text, mask: q.ui };
        this.w.postMessage(msg);
      }
    }
    this.arm();
  }

  /**
   * arm sets a watchdog on the running request: the engine promises bounded time, and a run
   * that overstays it is cut short so the page keeps working.
   */
  arm() {
    clearTimeout(this.timer);
    const head = this.running();
    if (!head) return;
    const limit = 20000 + head.text.length / 200; // 20 s plus 5 ms a KB
    this.timer = setTimeout(() => {
      if (this.running() !== head) return;
      this.pending.splice(this.pending.indexOf(head), 1);
      head.resolve(failure(head, "it took longer than " + Math.round(limit / 1000) + " s"));
      this.restart();
    }, Math.max(0, limit - (performance.now() - head.at)));
  }

  /**
   * request asks the worker for an explain, a redact or a shared verdict. A ui request cancels
   * any older ui request: its promise resolves with {cancelled: true}, and a long one still
   * running is stopped by restarting the worker.
   * @param {RequestType} type
   * @param {string} text
   * @param {boolean} ui
   * @returns {Promise<Answer>}
   */
  request(type, text, ui) {
    return new Promise((resolve) => {
      if (this.state === "failed") {
        resolve({ error: this.error });
        return;
      }
      /** @type {Pending} */
      const q = { id: ++this.seq, type, text, ui: !!ui, resolve, sent: false, at: 0 };
      if (ui) {
        const head = this.running();
        let stop = false;
        this.pending = this.pending.filter((o) => {
          if (!o.ui) return true;
          o.resolve({ cancelled: true });
          if (o === head && (o.text.length > 65536 || performance.now() - o.at > 50)) stop = true;
          return false;
        });
        if (stop) {
          this.pending.push(q);
          this.restart();
          return;
        }
      }
      this.pending.push(q);
      this.flush();
    });
  }
}

/**
 * failure is the answer to a request the engine could not finish: for an explain, an error
 * verdict of the same shape as every verdict.
 * @param {Pending} q
 * @param {string} why
 * @returns {Answer}
 */
function failure(q, why) {
  const msg = "errdocs failed on this paste (" + why + "). Please report it, with the paste if you can share it.";
  if (q.type === "redact") return { masked: "", found: [], error: msg };
  /** @type {Verdict} */
  const v = {
    input: "unknown", api: "", dialect: "", confidence: "low", status: 0, code: "", category: "", sub_code: "", known: false,
    title: "", meaning: "", cause: "", fix: [],
    retry: { retryable: false, strategy: "never", after_seconds: 0, schedule: [], detail: "", plan: "Do not retry" },
    request_id: "", fields: [], problems: [{ severity: "error", message: msg, line: 0, column: 0, pointer: "" }],
    redacted: [], docs: "", doc_url: "", message: "", operation: "", predicted: null, fixed_request: "",
  };
  return { json: JSON.stringify(v, null, 2) + "\n", masked: null, found: [], error: "" };
}

/** @type {Record<string, Engine>} */
const engines = {};

/**
 * engineFor is the one engine of the page for cfg's worker and module.
 * @param {Config} cfg
 */
export function engineFor(cfg) {
  const key = cfg.worker + " " + cfg.wasm;
  if (!engines[key]) engines[key] = new Engine(cfg);
  return engines[key];
}
