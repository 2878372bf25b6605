package reqparse

import (
	"strings"

	"github.com/errdocs/errdocs/engine/reqparse/lex"
)

// This file tells where a request starts in a paste and which form it is written in.

// skipBOM returns 3 when text starts with a UTF-8 byte order mark, else 0.
func skipBOM(text string) int {
	if strings.HasPrefix(text, "\ufeff") {
		return 3
	}
	return 0
}

// indentOf returns the spaces and tabs that start s.
func indentOf(s string) string {
	return s[:len(s)-len(strings.TrimLeft(s, " \t"))]
}

// classifyLine says which form of request the line at offset i starts, and the offset where
// that request's parser should begin. With deep set it may look past the line: over a code
// fence, over curl -v's "* " lines, and through a window of JavaScript for a fetch( call.
func classifyLine(text string, i int, deep bool) (kind, int) {
	if i >= len(text) {
		return kindNone, 0
	}
	line := lex.LineText(text, i)
	ind := len(indentOf(line))
	s := line[ind:]
	at := i + ind
	if deep && strings.HasPrefix(s, "```") {
		j := lex.SkipBlankLines(text, lex.NextLine(text, i))
		if j > i && j < len(text) && !strings.HasPrefix(strings.TrimLeft(lex.LineText(text, j), " \t"), "```") {
			return classifyLine(text, j, deep)
		}
		return kindNone, 0
	}
	if k := curlStart(s); k >= 0 {
		return kindCurl, at + k
	}
	if k := httpieStart(s); k >= 0 {
		return kindHTTPie, at + k
	}
	if strings.HasPrefix(s, ">") && isRequestLine(strings.TrimLeft(s[1:], " ")) {
		return kindTrace, at
	}
	if isRequestLine(s) {
		return kindHTTP, at
	}
	if isPseudoHeader(s) {
		return kindPseudo, at
	}
	if deep && isScriptLine(s) {
		// A shell script's first lines: a shebang, comments, set -e, variables. The request
		// is the first line that is none of these.
		for j, n := lex.NextLine(text, i), 0; j < len(text) && n < 200; j, n = lex.NextLine(text, j), n+1 {
			if t := strings.TrimLeft(lex.LineText(text, j), " \t"); !isScriptLine(t) && !lex.IsBlank(t) {
				return classifyLine(text, j, deep)
			}
		}
		return kindNone, 0
	}
	if deep && isTraceInfo(s) {
		// curl -v prints "* Trying…" lines before the request.
		j := i
		for n := 0; n < 1000 && j < len(text); n++ {
			l := lex.LineText(text, j)
			t := strings.TrimLeft(l, " \t")
			if strings.HasPrefix(t, ">") {
				if isRequestLine(strings.TrimLeft(t[1:], " ")) {
					return kindTrace, j + len(l) - len(t)
				}
				return kindNone, 0
			}
			if !isTraceInfo(t) && !lex.IsBlank(t) {
				return kindNone, 0
			}
			j = lex.NextLine(text, j)
		}
		return kindNone, 0
	}
	if looksLikeFetch(text, at, deep) {
		return kindFetch, at
	}
	return kindNone, 0
}

// isScriptLine reports whether s is a line a shell script starts with rather than a command
// that sends a request: a shebang or a comment, set (set -euo pipefail), or a variable
// assignment, exported or not; in a cmd.exe batch, @echo off, rem and :: comments and set
// NAME=value; in PowerShell, $env:NAME = "value" and $NAME = "value".
func isScriptLine(s string) bool {
	if strings.HasPrefix(s, "#") || strings.HasPrefix(s, "set -") || strings.HasPrefix(s, "set +") ||
		strings.HasPrefix(s, "::") || hasPrefixFold(s, "@echo ") || hasPrefixFold(s, "rem ") {
		return true
	}
	s = strings.TrimPrefix(s, "export ")
	if hasPrefixFold(s, "set ") {
		s = strings.TrimLeft(s[4:], ` "`)
	} else if strings.HasPrefix(s, "$") {
		s = s[1:]
		if hasPrefixFold(s, "env:") {
			s = s[4:]
		}
	}
	eq := strings.IndexByte(s, '=')
	return eq > 0 && isIdentifier(strings.TrimRight(s[:eq], " \t"))
}

// isTraceInfo reports whether a line is one curl -v prints around the request: "* …" or
// "{ [5 bytes data]".
func isTraceInfo(s string) bool {
	return strings.HasPrefix(s, "*") || strings.HasPrefix(s, "{ [") || strings.HasPrefix(s, "} [")
}

// curlStart returns the offset in s of a "curl" word that starts a command, after an optional
// shell prompt ("$ ", "% ", "user@host:~$ ", "PS C:\> ", "C:\Users\ada>"), or -1.
func curlStart(s string) int {
	limit := min(len(s), 256)
	for k := 0; k < limit; k++ {
		j := strings.Index(s[k:limit], "curl")
		if j < 0 {
			return -1
		}
		k += j
		if isCurlWord(s[k:]) && isPrompt(s[:k]) {
			return k
		}
	}
	return -1
}

// isCurlWord reports whether s starts with the word curl or curl.exe.
func isCurlWord(s string) bool {
	if !strings.HasPrefix(s, "curl") {
		return false
	}
	rest := s[4:]
	if len(rest) >= 4 && strings.EqualFold(rest[:4], ".exe") {
		rest = rest[4:]
	}
	return rest == "" || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\\' || rest[0] == '\r' ||
		rest[0] == '^'
}

// isPrompt reports whether p, the text before a command on its line, is empty or a shell prompt.
func isPrompt(p string) bool {
	p = strings.TrimRight(p, " \t")
	if p == "" {
		return true
	}
	if strings.HasSuffix(p, "❯") || strings.HasSuffix(p, "➜") {
		return true
	}
	switch p[len(p)-1] {
	case '$', '%', '#', '>':
	default:
		return false
	}
	pre := p[:len(p)-1]
	return pre == "" || strings.HasPrefix(pre, "PS ") || !strings.ContainsAny(pre, " \t")
}

// isRequestLine reports whether s is an HTTP request line: a method, a target that is a path,
// "*" or an absolute http(s) URL, and an optional protocol. Without a protocol the method must
// be in upper case, so that prose is not taken for a request.
func isRequestLine(s string) bool {
	sp := strings.IndexAny(s, " \t")
	if sp < 3 || sp > 7 || !isMethod(s[:sp]) {
		return false
	}
	if len(s) > 64<<10 {
		s = s[:64<<10]
	}
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 3 || !isMethod(f[0]) {
		return false
	}
	t := f[1]
	if !(strings.HasPrefix(t, "/") || t == "*" || hasPrefixFold(t, "http://") || hasPrefixFold(t, "https://")) {
		return false
	}
	if len(f) == 3 {
		return strings.HasPrefix(f[2], "HTTP/")
	}
	return f[0] == strings.ToUpper(f[0])
}

// isPseudoHeader reports whether s is an HTTP/2 pseudo header that starts a request.
func isPseudoHeader(s string) bool {
	for _, p := range []string{":method:", ":authority:", ":path:", ":scheme:"} {
		if hasPrefixFold(s, p) {
			return true
		}
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// jsStartWords are the words JavaScript around a fetch call may start with.
var jsStartWords = []string{"fetch", "await", "const", "let", "var", "return", "async", "function",
	"export", "import", "window", "globalThis", "self", "try", "void"}

// looksLikeFetch reports whether the JavaScript at offset at is, or leads to, a fetch( call. The
// line must start with a word JavaScript starts with, or a comment; the call must be on the line
// itself or, with deep set, within a window of the paste.
func looksLikeFetch(text string, at int, deep bool) bool {
	s := lex.LineText(text, at)
	if len(s) > 512 {
		s = s[:512]
	}
	word := s
	for i := 0; i < len(s); i++ {
		if !lex.IsIdentByte(s[i]) {
			word = s[:i]
			break
		}
	}
	ok := strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/*") || strings.HasPrefix(s, "(")
	for _, w := range jsStartWords {
		if word == w {
			ok = true
			break
		}
	}
	if !ok {
		return false
	}
	if containsFetchCall(s) {
		return true
	}
	if !deep {
		return false
	}
	end := min(len(text), at+detectWindow)
	return containsFetchCall(text[at:end])
}

// containsFetchCall reports whether s holds the word fetch followed by an opening parenthesis.
func containsFetchCall(s string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], "fetch")
		if j < 0 {
			return false
		}
		j += i
		i = j + 5
		if j > 0 && lex.IsIdentByte(s[j-1]) {
			continue
		}
		k := i
		for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
		if k < len(s) && s[k] == '(' {
			return true
		}
	}
}
