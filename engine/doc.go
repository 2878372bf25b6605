// Package engine turns a paste into a verdict: what went wrong, why, how to fix it, whether to
// retry, and where the paste departs from what its API documents.
//
// It is pure Go with no I/O and no syscall/js, so the same code runs in the errdocs command, in
// tests and, compiled to WebAssembly, in the browser. It knows shapes of error bodies, not APIs:
// every API fact comes from the *catalog.Catalog it is given.
//
// # One pass, in order
//
//  1. Read the paste: HTTP messages, curl -i and -v transcripts, requests followed by their
//     responses, JSON inside log lines, bare bodies, truncated JSON, HTML error pages.
//  2. Recognise the body's shape among the catalog's declared shapes (read through package
//     engine/shapepath), RFC 9457 problem details, and, when no catalog shape fits, the
//     built-in presets (catalog.Presets: Stripe-style, AIP-193, JSON:API, GraphQL, OAuth 2.0).
//  3. Weigh the evidence for each API: shape, host, key prefix, headers.
//  4. Advise from the catalog entry and this response: meaning, cause, fix, retry. What the
//     response says about retrying (a should-retry header, a body's retry delay, Retry-After)
//     overrides the catalog (retry_override.go).
//  5. Check the paste against what the API documents, as problems.
//  6. Redact secrets in the whole verdict, always last (redact.go; package engine/secrets holds
//     the kinds of secret and finds them in text).
//
// Explain reads one exchange. A paste of many (a HAR file, a log, several transcripts) is split
// by package engine/triage, which explains each part with Explain and redacts the assembled
// verdict once more with RedactParts.
//
// A paste that holds a request is also checked against the operation it calls, by package
// engine/reqcheck; the engine converts what it finds (problems, fields, the predicted answer)
// into the verdict (request.go).
//
// # Inputs
//
// Explain takes everything it reads as arguments: the catalog, the paste and Options, whose
// clock (Now) dates a Retry-After; the zero Options has no clock (the engine links no package
// time). No package variable changes what it says.
//
// # Imports
//
// It may import catalog, engine/reqcheck, engine/reqparse, engine/secrets, engine/shapepath, internal/ascii,
// internal/instant, internal/jsonx, internal/printf, internal/timetext and the standard library
// (no fmt, reflect, encoding/json or time: the WebAssembly module links it). It never imports site, wasm or cmd; they import it.
package engine
