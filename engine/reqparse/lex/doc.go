// Package lex holds the lexers under engine/reqparse: it splits pasted text into the words of
// a shell command and the tokens of JavaScript, and keeps, for every byte it yields, the byte of
// the paste it came from, so that a parser above it can point at the line and column to fix.
//
// It knows nothing of HTTP or of curl's options: reqparse decides what a word or a token means.
// It is pure Go with no I/O and no syscall/js, and it may import only the standard library (no
// regexp, no fmt, to keep the WebAssembly module small) and internal/printf. It must not import
// engine/reqparse or anything above it; only engine/reqparse imports it.
//
// # Files
//
// text.go holds line helpers, Mapped (a string with a map from its bytes to the paste) and
// Builder, which assembles one without copying text taken verbatim; shell.go splits a command
// line into Words as bash and as Windows cmd.exe do (NewWordLexer picks the flavour), reporting
// what a shell would read differently through Notes; vars.go reads the variables a script
// sets before its command (bash, cmd.exe's set, PowerShell's $env:) for the lexers to expand;
// jslex.go reads JavaScript Tokens (JSLexer) and decodes string literals (CookJS).
//
// # Positions
//
// Offsets are byte offsets into the paste. A Mapped string's Segs say where each run of its
// bytes was written; a byte produced by an escape maps to where the escape is written, and past
// 65,536 segs the map ends with a Seg whose Src is -1.
package lex
