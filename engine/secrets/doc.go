// Package secrets holds the kinds of secret errdocs masks, and finds them in text.
//
// kinds.go is the one table of secret kinds: vendors' keys known by their prefix, and secrets
// known by where they stand (a header, a URL, a field or variable name). find.go finds them in a
// text (Find, FindAlso), with the catalog's own key formats and secret URL paths added, and masks
// them (Apply). Each search runs only around a pattern's anchors, so it is linear in the text.
//
// It finds; it does not decide where to look. The one redaction pass over a Verdict (what it
// masks, what it lists in Redacted, the warning to rotate a live key) stays in package engine:
// engine.Redact, RedactAlso and RedactParts are its only callers, and no other code masks
// anything.
//
// # Imports
//
// It may import catalog (the APIs' key formats and secret paths), engine/reqcheck (a
// placeholder is not a secret: reqcheck.PlaceholderKind), internal/ascii, internal/lazyre,
// internal/printf and the standard library (no fmt, reflect or encoding/json: the WebAssembly
// module links it). It must not import engine: engine imports it.
package secrets
