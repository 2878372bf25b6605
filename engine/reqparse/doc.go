// Package reqparse reads HTTP requests as people paste them: curl commands, raw HTTP/1.1 and
// HTTP/2 requests, curl -v transcripts and JavaScript fetch() calls. It turns each into one
// Request with the method, URL, headers and body that would go on the wire, and with the line
// and column of each part in the paste, so that a later check can point at the line to fix.
//
// It is pure Go with no I/O and no syscall/js: the errdocs engine calls it natively and, compiled
// to WebAssembly, in the browser. It may import the standard library (no regexp, no fmt, to keep
// the module small), internal/jsonx, internal/printf and engine/reqparse/lex, the lexers under
// it; nothing of errdocs imports it but engine, engine/reqcheck and the site's API reference.
// Its name says its layer: reqparse reads a request's text, engine/reqcheck checks what it read
// against the API.
//
// # Files
//
// request.go holds Request, the entry points and the position maps; detect.go finds where a
// request starts; curl.go and http.go read curl commands and raw HTTP; fetch.go reads fetch()
// calls, over jseval.go (values and constants) and jsjson.go (a JavaScript value as JSON text).
// Below them, package lex splits a command line into words as bash and cmd.exe do, reads
// JavaScript tokens, and holds the strings mapped to the paste that every form builds.
//
// # Use
//
// Detect cheaply says whether a paste starts with a request. Parse reads the first request in a
// paste. ParsePrefix reads a request at the start of a paste and returns what follows it, such as
// the response printed after a curl command, for the caller to read on:
//
//	r, rest, restLine, ok := reqparse.ParsePrefix(paste)
//	if ok {
//		ct := r.ContentType // "application/x-www-form-urlencoded" for curl -d without -H
//		line, col := reqparse.BodyPosition(r, 17) // where body byte 17 sits in the paste
//		...
//	}
//
// # What it reads
//
//   - curl, typed by hand or from DevTools' "Copy as cURL" in its bash and Windows cmd flavours:
//     backslash and caret continuations, single, double and $'…' quotes, and the flags that shape a
//     request (-X, -H, -d and its kin, --json, -F, -u, -G, -I, -A, -e, -b, --oauth2-bearer, --url,
//     --url-query, -T). Other flags are skipped, with their argument when they take one.
//   - Raw HTTP requests: a request line, headers, a blank line and a body, with LF or CRLF line
//     ends; HTTP/2 pseudo headers (:method, :path, :authority, :scheme) as DevTools shows them;
//     and the "> " lines of a curl -v transcript.
//   - fetch() calls, as DevTools' "Copy as fetch" writes them and as application code does: the
//     options object, headers as an object, a Headers or an array of pairs, a body that is a string,
//     a template literal, JSON.stringify(…) of an object literal, or URLSearchParams. Constants
//     declared in the paste before the call (const url = "…") are resolved.
//
// # Leniency
//
// The parser reads what was meant and says, in Request.Notes, where a shell or a browser would
// have done something else: a line without its continuation backslash, a space after the
// backslash, an unquoted & in a URL, a lower-case method, a body that comes from a file that was
// not pasted, a variable it cannot resolve (kept as written), or an object passed to fetch as the
// body without JSON.stringify.
//
// # Positions
//
// Lines and columns are 1-based. A column counts characters, not bytes: a UTF-8 sequence, or a
// byte that is not valid UTF-8, is one column. Every body keeps a map from its bytes to the
// paste, so BodyPosition is exact for bodies copied from the paste, even across lines and
// escapes (an escape maps to where it is written); for a body converted from a JavaScript object
// literal it is exact at each token. The converted JSON keeps the object's layout (its line
// breaks and indentation; comments become spaces) so that its lines still match the paste, and
// Request.Unresolved lists the values the parser had to keep as written.
//
// # Limits
//
// Parse never panics and works in time and memory linear in the paste: headers, query
// parameters, form fields and notes are capped; nesting deeper than a few hundred levels is not
// converted; evaluating constants stops after a budget of tokens; and the position map of a body
// is capped, after which positions are best effort. A body copied verbatim from the paste is a
// substring of it, not a copy.
package reqparse
