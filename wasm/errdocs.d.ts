// errdocs.d.ts types the JavaScript contract of the errdocs playground.
//
// On the playground page (/playground/), window.errdocs explains pastes with the same engine and
// catalog as the errdocs command: errdocs.explain(text) resolves to exactly the JSON value that
// `errdocs explain --json` prints for the same text, and errdocs.explainJSON(text) to the same
// bytes. The verdict's fields mirror the Go type engine.Verdict (engine/verdict.go); a change there
// changes this file and README.md in the same commit.
//
// Inside the playground's Web Worker, the WebAssembly module (wasm/main.go) installs
// errdocsEngine on the worker's global scope; static/worker.js is its only caller.

/** What errdocs says about one paste. Every field is always present. */
export interface Verdict {
  /** What the paste was. */
  input: "response" | "request" | "unknown";
  /** The catalog id of the API the paste came from, e.g. "plunk"; "" when none matched. */
  api: string;
  /** The body's shape: a catalog shape name, "problem+json", "html", "text", "empty" or "". */
  dialect: string;
  /** How sure the API and dialect are. */
  confidence: "high" | "medium" | "low";
  /** The HTTP status: the status line's when there is one, else the body's; 0 if unknown. */
  status: number;
  /** The error code exactly as the API spells it; "" if none. */
  code: string;
  /** The code is in the catalog. */
  known: boolean;
  title: string;
  /** What the code means. Paragraphs are separated by a blank line; `backticks` mark code. */
  meaning: string;
  /** The likely cause in this instance. */
  cause: string;
  /** The steps to fix it, in order. */
  fix: string[];
  retry: Retry;
  /** The id to quote to support, from the body or the header; "" if none. */
  request_id: string;
  fields: Field[];
  problems: Problem[];
  /** Each secret that was masked in this verdict, e.g. "Plunk secret key sk_****3d4e (line 2)". */
  redacted: string[];
  /** The site path of the code's page, or of the API's overview, e.g. "/plunk/errors/conflict/". */
  docs: string;
  /** The error message the body carried. */
  message: string;
  /** The API operation a pasted request calls, as "POST /v1/track"; "" when none. */
  operation: string;
  /** The answer the API would send to a pasted request that has no response; null otherwise. */
  predicted: Predicted | null;
  /** The pasted request with every mechanical fix made, in the form it was pasted in; "". */
  fixed_request: string;
}

/** The answer the API would send to a pasted request. */
export interface Predicted {
  status: number;
  /** The answer's code as the API spells it; "" for a success. */
  code: string;
  /** The answer's body in the API's own shape (plain JSON data), or null when not known. */
  body: unknown;
  /** The body as the API writes it, keys in the API's order, compact; "" when not known. */
  text: string;
  /** The check that decides the answer ("auth-missing", "body-schema", …), or "ok". */
  check: string;
}

/** The retry advice for this response. */
export interface Retry {
  retryable: boolean;
  strategy: "retry-after" | "backoff" | "never" | "conditional";
  /** How long to wait before the first retry, in seconds; 0 when not known or not retryable. */
  after_seconds: number;
  /** The waits in seconds, e.g. [1, 2, 4, 8, 16] for a backoff; [30] for "retry in 30 s". */
  schedule: number[];
  detail: string;
  /** The advice as a short label: "Retry in 30 s", "Back off: 1 s, 2 s, 4 s, then stop", "Do not retry". */
  plan: string;
}

/** One field-level issue. */
export interface Field {
  /** The field's path, dotted, e.g. "to.0.email"; "" for the body as a whole. */
  path: string;
  message: string;
  code: string;
  hint: string;
  /** The 1-based line of the paste that holds the field; 0 when not found. */
  line: number;
}

/** One way the paste departs from what its API documents, or a reason it was not read fully. */
export interface Problem {
  severity: "error" | "warning" | "info";
  message: string;
  /** 1-based line and column in the paste; 0 when the problem has no place. */
  line: number;
  column: number;
  /** The JSON pointer of the request body value concerned ("/email"); "" when none. */
  pointer: string;
}

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
  }
}

// ---- Inside the worker: the module's own functions. ----

/** What the module's explain returns. */
export interface EngineResult {
  /** The verdict as `errdocs explain --json` prints it; "" when error is set. */
  json: string;
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
  /** Decodes what load left for later; returns "" or what is wrong with it. */
  complete(): string;
  /**
   * Explains a paste. With mask, the result's masked holds the paste with its secrets masked
   * (for display); without, masked is null. Never throws: a panic in the engine becomes an error
   * verdict.
   */
  explain(text: string, mask?: boolean): EngineResult;
  /** Masks the secrets in a text. */
  redact(text: string): Redaction & { error: string };
}
