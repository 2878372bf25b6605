// errdocs.d.ts types the JavaScript contract of the errdocs playground.
//
// On the playground page (/playground/), window.errdocs explains pastes with the same engine and
// catalog as the errdocs command: errdocs.explain(text) resolves to exactly the JSON value that
// `errdocs explain --json` prints for the same text, and errdocs.explainJSON(text) to the same
// bytes. The verdict's types are generated from the Go type engine.Verdict (engine/verdict.go)
// into verdict.gen.d.ts, re-exported here; ./build.sh generate rewrites them, and a test fails
// when they are stale. This file keeps what has no Go declaration: window.errdocs, the module's
// functions and the messages between the page and its worker.
//
// Two points of the contract that its field comments state, restated for readers of this file:
// retry.retryable means "the same request, sent again unchanged, can succeed", so it is false
// for a "conditional" strategy, whose request fails the same way until something changes (the
// condition is in retry.detail); and category, sub_code and doc_url are the error's class
// (Stripe's type, AIP-193's status), its finer code (Stripe's decline_code) and the API's own
// documentation link (always http or https), each "" when the body has none.
// A paste of many exchanges (a HAR file, a log, several transcripts) gets one Verdict too: it
// describes the first failed exchange, and its exchanges member holds the failures grouped (each
// group with its own nested Verdict) and a timeline of every exchange; exchanges is null for a
// paste of one exchange (engine/triage; the README's JSON contract). A dropped file is read by
// the worker itself (ToWorker "file", with "progress" messages back).
//
// Inside the playground's Web Worker, the WebAssembly module (wasm/main.go) installs
// errdocsEngine on the worker's global scope; static/worker.js is its only caller.
//
// The playground's scripts (static/playground*.js, worker.js, boot.js, sw.js) import these
// types in JSDoc; tsc checks them (./build.sh typecheck). Nothing here ships with the site.

export type { Verdict, Retry, Field, Problem, Predicted, Exchanges, Group, Point, Share, ShareState } from "./verdict.gen.js";
import type { Verdict } from "./verdict.gen.js";

/** A text with its secrets masked, and what was masked. */
export interface Redaction {
  masked: string;
  found: string[];
}

/** window.errdocs on the playground page. */
export interface ErrdocsPage {
  /** Settles once the engine has loaded (the module and catalog.json); rejects if it cannot. */
  readonly ready: Promise<void>;
  /**
   * Explains a paste: the JSON value `errdocs explain --json` prints for the same text. Rejects
   * with a TypeError when text is not a string, and with an Error when the engine cannot run.
   * A paste the engine fails on still resolves, to a verdict whose problems say so.
   */
  explain(text: string): Promise<Verdict>;
  /** Like explain, as the exact text the CLI prints: two-space indent and a final newline. */
  explainJSON(text: string): Promise<string>;
  /** Masks the secrets in a text, as the verdict does. */
  redact(text: string): Promise<Redaction>;
}

declare global {
  interface Window {
    errdocs?: ErrdocsPage;
    /** The worker boot.js started from the page's <head>, until the playground adopts it. */
    errdocsBoot?: Boot | null;
    /** When boot.js ran (performance.now()), for the benchmark. */
    __tboot?: number;
  }
  /** Installed on the worker's global scope by errdocs.wasm once it runs. */
  var errdocsEngine: ErrdocsEngine | undefined;
  /** The Go runtime's JavaScript half, installed by wasm_exec.js (GOROOT/lib/wasm). */
  var Go: { new (): GoRuntime };
}

/** One Go program's runtime (wasm_exec.js's Go). */
export interface GoRuntime {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

/** What boot.js leaves for the playground: its worker, and what the worker said meanwhile. */
export interface Boot {
  worker: Worker;
  /** The module's URL: the playground adopts the worker only for the same module. */
  wasm: string;
  /** The worker's messages, and its error events ({error: message, "" when its script did not load}). */
  early: Array<{ data: FromWorker } | { error: string }>;
}

// ---- Inside the worker: the module's own functions. ----

/** What the module's explain returns. */
export interface EngineResult {
  /** The verdict as `errdocs explain --json` prints it; "" when error is set. */
  json: string;
  /** What a verdict-only share link of this verdict holds (engine.Share), as JSON. */
  share: string;
  /** The paste with its secrets masked, or null when it held none or mask was not asked. */
  masked: string | null;
  /** Each masked secret, described. */
  found: string[];
  /** Why there is no verdict (the catalog is not loaded, the argument is not a string), or "". */
  error: string;
}

/** globalThis.errdocsEngine, installed by errdocs.wasm when it starts. */
export interface ErrdocsEngine {
  /**
   * Installs the catalog from catalog.json; returns "" or what is wrong with it. Each API's
   * operations and schemas (needed only to check a pasted request) are decoded later: by
   * complete(), or by the first request paste, whichever comes first.
   */
  load(catalogJSON: Uint8Array | string): string;
  /**
   * Decodes what load left for later and compiles the engine's patterns (compiled on first use
   * otherwise, to keep them out of the start); returns "" or what is wrong.
   */
  complete(): string;
  /**
   * Explains a paste. With mask, the result's masked holds the paste with its secrets masked
   * (for display); without, masked is null. Never throws: a panic in the engine becomes an error
   * verdict.
   */
  explain(text: string, mask?: boolean): EngineResult;
  /** Masks the secrets in a text. */
  redact(text: string): Redaction & { error: string };
  /**
   * Rebuilds a verdict from what a verdict-only share link holds (engine.Share as JSON), with
   * the catalog's own words: json is the verdict, as explain's.
   */
  shared(shareJSON: string): { json: string; error: string };
}

// ---- Between the page and its worker (static/playground-engine.js ⇄ static/worker.js). ----

/** What the page asks its worker. */
export type ToWorker =
  | {
      type: "init";
      /** URLs of wasm_exec.js, the module and catalog.json. */
      exec: string;
      wasm: string;
      catalog: string;
      /** On a restart: the module compiled by the first worker, and the catalog's bytes. */
      module?: WebAssembly.Module;
      catalogBytes?: ArrayBuffer;
    }
  | {
      /** shared: text is a verdict-only share link's engine.Share, as JSON. */
      type: "explain" | "redact" | "shared";
      id: number;
      text: string;
      /** explain: also return the paste masked, for display. */
      mask: boolean;
    }
  | {
      /**
       * file: the worker reads the file in slices, posting progress, then explains its text with
       * mask; the result's text is the file's text (masked when it held secrets).
       */
      type: "file";
      id: number;
      file: Blob;
    };

/** When the worker's steps ended, in the worker's performance.now(); origin is its timeOrigin. */
export interface WorkerTiming {
  origin: number;
  start: number;
  compiled: number;
  instantiated: number;
  run: number;
  ready: number;
}

/** What the worker answers. */
export type FromWorker =
  | { type: "ready"; ms: WorkerTiming; module?: WebAssembly.Module; catalogBytes?: ArrayBuffer }
  | ({ type: "result"; id: number } & Answer)
  | ({ type: "redacted"; id: number } & Answer)
  | { type: "fatal"; error: string }
  /** A file request's progress: bytes read so far, then phase "explain" once it is all read. */
  | { type: "progress"; id: number; loaded: number; total: number; phase: "read" | "explain" };

/**
 * The answer to one request, as the page's engine client resolves it: a worker's result or
 * redacted message, {error} when the engine cannot answer, or {cancelled: true} when a newer
 * request of the page took its place. Members are there as the request's type has them.
 */
export interface Answer {
  cancelled?: boolean;
  /** explain, shared: the verdict as the CLI prints it. */
  json?: string;
  /** explain: what a verdict-only share link of the verdict holds, as JSON. */
  share?: string;
  /** The paste with its secrets masked (null when none were, or not asked). */
  masked?: string | null;
  found?: string[];
  error?: string;
  /** explain: the engine's time in the worker, in ms. */
  ms?: number;
  /** file: the file's text, masked when it held secrets. */
  text?: string;
}
