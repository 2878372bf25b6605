// Package jsonx is errdocs's one JSON byte layer: how a string is quoted (quote.go) and
// unescaped (escape.go), JSON's number grammar (number.go), and a forgiving reader that keeps
// the position of every value and whatever it read before a paste was cut off (tree.go).
//
// The engine reads bodies with it, engine/reqcheck reads and writes request and answer bodies,
// engine/reqparse writes the JSON a fetch() call would send, the playground's codecs
// (internal/jsonlite) quote and read strings and numbers with it, and the site's JSON
// highlighter scans numbers with it: each rule of the grammar is written once.
//
// It is linked into the WebAssembly module, so it imports only strconv, strings, unicode/...
// and internal/printf: never fmt, reflect or encoding/json (wasm's TestModuleDeps checks the
// module). Nothing in errdocs is below it but internal/printf.
package jsonx
