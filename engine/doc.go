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
//  2. Recognise the body's shape among the catalog's declared shapes and RFC 9457 problem
//     details.
//  3. Weigh the evidence for each API: shape, host, key prefix, headers.
//  4. Advise from the catalog entry and this response: meaning, cause, fix, retry.
//  5. Check the paste against what the API documents, as problems.
//  6. Redact secrets in the whole verdict, always last.
package engine
