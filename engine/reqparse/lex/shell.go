package lex

import (
	"strings"
	"unicode/utf8"

	"github.com/errdocs/errdocs/internal/printf"
)

// This file splits a shell command line into words, as bash and as Windows cmd.exe (with the
// C runtime's argument rules) would, keeping the paste offset of every byte of every word.

// Notes is where a lexer reports what a shell would do differently from what it read, such as
// a line that lacks its continuation backslash.
type Notes interface {
	// AddNote receives each note, a full sentence.
	AddNote(note string)
	// Line returns the 1-based line of a byte offset of the paste, for a note to name.
	Line(off int) int
}

// note formats a note and adds it to n.
func note(n Notes, format string, args ...any) { n.AddNote(printf.Sprintf(format, args...)) }

// NewWordLexer returns a lexer over the command that starts at offset at of text: a cmdLexer
// when the command line is written for Windows cmd.exe, else a bashLexer.
func NewWordLexer(text string, at int, n Notes) WordLexer {
	if isCmdFlavour(text, at) {
		return &cmdLexer{notes: n, text: text, i: at, last: at, cmdAt: at}
	}
	return &bashLexer{notes: n, text: text, i: at, last: at, cmdAt: at}
}

// Word is one argument of a command, with quotes and escapes undone.
type Word struct {
	Value Mapped
	Start int // paste offset of the word's first byte, quote included
}

// Src returns the paste offset of the word's first character, after any opening quote.
func (w Word) Src() int {
	if len(w.Value.Segs) == 0 {
		return w.Start
	}
	return w.Value.Segs[0].Src
}

// WordLexer yields the words of one command.
type WordLexer interface {
	// Next returns the Next word, or false at the end of the command.
	Next() (Word, bool)
	// RestAt returns the offset where the text after the command starts. It is valid once next
	// has returned false.
	RestAt() int
	// LastAt returns the offset of the last byte of the command read so far.
	LastAt() int
	// Stdin returns the text a here-document or here-string feeds the command, if any.
	Stdin() (Mapped, bool)
}

// bashLexer splits a command as bash does: words separated by blanks, backslash-newline
// continuations, '…', "…" and $'…' quotes, and the command ending at an unquoted newline, ';',
// '|' or '&'. It is lenient where people slip: a space after a continuation backslash, a line
// without its backslash followed by a line of options, and an unquoted & inside a URL are read
// as meant, with a note.
type bashLexer struct {
	notes    Notes
	text     string
	i        int
	done     bool
	rest     int
	last     int
	heredoc  string // delimiter of a pending here-document
	heredocT bool   // <<- strips leading tabs
	in       Mapped
	hasIn    bool
	// cmdAt is where the command starts; vars are the variables a script sets before it,
	// read on the first $NAME.
	cmdAt int
	vars  map[string]shellVar
}

func (lx *bashLexer) RestAt() int           { return lx.rest }
func (lx *bashLexer) LastAt() int           { return lx.last }
func (lx *bashLexer) Stdin() (Mapped, bool) { return lx.in, lx.hasIn }

func (lx *bashLexer) finish(rest int) {
	lx.done = true
	lx.rest = rest
}

func (lx *bashLexer) Next() (Word, bool) {
	text := lx.text
	for !lx.done {
		if lx.i >= len(text) {
			lx.finish(len(text))
			break
		}
		c := text[lx.i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			lx.i++
		case c == '\\' && lx.continuation():
		case c == '`' && IsBlank(LineText(text, lx.i+1)) && lx.i+1 < len(text):
			// PowerShell's continuation.
			note(lx.notes, "Line %d ends with a backtick, PowerShell's continuation; in bash use a backslash.", lx.notes.Line(lx.i))
			lx.i = NextLine(text, lx.i)
		case c == '\n':
			if lx.heredoc != "" {
				lx.readHeredoc(lx.i + 1)
				break
			}
			if j, ok := lx.looseContinuation(lx.i); ok {
				lx.i = j
				break
			}
			lx.finish(lx.i + 1)
		case c == '#':
			lx.i = LineEnd(text, lx.i)
		case c == ';' || c == '|' || c == '&' && !(lx.i+1 < len(text) && text[lx.i+1] == '>'):
			lx.finish(NextLine(text, lx.i))
		case c == '<' || c == '>' || c == '&' || IsDigit(c) && lx.redirectAfterDigits():
			lx.redirect()
		default:
			return lx.word(), true
		}
	}
	return Word{}, false
}

// continuation reports whether the backslash at lx.i ends its line, and if so moves past the
// line end. Blanks between the backslash and the line end are forgiven, with a note.
func (lx *bashLexer) continuation() bool {
	text := lx.text
	j := lx.i + 1
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	k := j
	if k < len(text) && text[k] == '\r' {
		k++
	}
	if k < len(text) && text[k] != '\n' {
		return false
	}
	if j > lx.i+1 && k < len(text) {
		note(lx.notes, "Line %d has a space after the continuation backslash, so a shell would end the command there.", lx.notes.Line(lx.i))
	}
	lx.last = lx.i
	lx.i = min(k+1, len(text))
	return true
}

// looseContinuation reports whether the command goes on after the newline at i although the line
// lacks its backslash: the next line that is not blank starts with an option. It returns where
// to go on reading.
func (lx *bashLexer) looseContinuation(i int) (int, bool) {
	j := SkipBlankLines(lx.text, i+1)
	if j >= len(lx.text) {
		return 0, false
	}
	t := strings.TrimLeft(LineText(lx.text, j), " \t")
	if len(t) < 2 || t[0] != '-' {
		return 0, false
	}
	if !(isLetter(t[1]) || t[1] == '-' && len(t) > 2 && isLetter(t[2])) {
		return 0, false
	}
	note(lx.notes, "Line %d does not end with a backslash, so a shell would run line %d as a separate command.",
		lx.notes.Line(i), lx.notes.Line(j))
	return j, true
}

// redirectAfterDigits reports whether the digits at lx.i are a file descriptor before > or <.
func (lx *bashLexer) redirectAfterDigits() bool {
	j := lx.i
	for j < len(lx.text) && IsDigit(lx.text[j]) {
		j++
	}
	return j < len(lx.text) && (lx.text[j] == '>' || lx.text[j] == '<')
}

// redirect skips a redirection and its target. A here-document (<<EOF) or here-string (<<<)
// is kept as the command's standard input.
func (lx *bashLexer) redirect() {
	text := lx.text
	for lx.i < len(text) && IsDigit(text[lx.i]) {
		lx.i++
	}
	if strings.HasPrefix(text[lx.i:], "<<<") {
		lx.i += 3
		lx.skipBlanks()
		if w, ok := lx.wordHere(); ok {
			lx.in, lx.hasIn = w.Value, true
		}
		return
	}
	if strings.HasPrefix(text[lx.i:], "<<") {
		lx.i += 2
		if lx.i < len(text) && text[lx.i] == '-' {
			lx.heredocT = true
			lx.i++
		}
		lx.skipBlanks()
		if w, ok := lx.wordHere(); ok && w.Value.Text != "" {
			lx.heredoc = w.Value.Text
		}
		return
	}
	// >, >>, >|, &>, >&2, <, <>
	for lx.i < len(text) && strings.IndexByte("<>&|", text[lx.i]) >= 0 {
		lx.i++
	}
	if lx.i > 0 && text[lx.i-1] == '&' {
		for lx.i < len(text) && (IsDigit(text[lx.i]) || text[lx.i] == '-') {
			lx.i++
		}
		return
	}
	lx.skipBlanks()
	lx.wordHere()
}

func (lx *bashLexer) skipBlanks() {
	for lx.i < len(lx.text) && (lx.text[lx.i] == ' ' || lx.text[lx.i] == '\t') {
		lx.i++
	}
}

// wordHere reads a word at lx.i if one starts there.
func (lx *bashLexer) wordHere() (Word, bool) {
	if lx.i >= len(lx.text) || strings.IndexByte(" \t\r\n;|&<>", lx.text[lx.i]) >= 0 {
		return Word{}, false
	}
	return lx.word(), true
}

// readHeredoc reads the here-document body that starts at offset i, up to its delimiter line,
// and ends the command after it.
func (lx *bashLexer) readHeredoc(i int) {
	text := lx.text
	b := NewTextBuilder(text)
	j := i
	for j < len(text) {
		l := LineText(text, j)
		t := l
		if lx.heredocT {
			t = strings.TrimLeft(l, "\t")
		}
		if t == lx.heredoc {
			lx.last = j + len(l) - 1
			lx.in, lx.hasIn = b.Done(), true
			lx.finish(NextLine(text, j))
			return
		}
		e := NextLine(text, j)
		b.AddRun(text[j+len(l)-len(t):e], j+len(l)-len(t))
		j = e
	}
	note(lx.notes, "The here-document ends without its %s line.", lx.heredoc)
	lx.last = len(text) - 1
	lx.in, lx.hasIn = b.Done(), true
	lx.finish(len(text))
}

// word reads one word starting at lx.i.
func (lx *bashLexer) word() Word {
	text := lx.text
	start := lx.i
	b := NewTextBuilder(text)
loop:
	for lx.i < len(text) {
		c := text[lx.i]
		switch c {
		case ' ', '\t', '\n', '\r', ';', '|', '<', '>':
			break loop
		case '&':
			if lx.i+1 < len(text) && b.Len() > 0 && strings.IndexByte(" \t\r\n&;|<>", text[lx.i+1]) < 0 {
				note(lx.notes, "The & on line %d is not quoted, so a shell would end the command there; quote the URL.", lx.notes.Line(lx.i))
				b.Add('&', lx.i)
				lx.i++
				continue
			}
			break loop
		case '\\':
			if lx.i+1 >= len(text) {
				lx.i++
				continue
			}
			n := text[lx.i+1]
			switch {
			case n == '\n':
				lx.i += 2
			case n == '\r' && lx.i+2 < len(text) && text[lx.i+2] == '\n':
				lx.i += 3
			default:
				b.Add(n, lx.i+1)
				lx.i += 2
			}
		case '\'':
			lx.single(&b)
		case '"':
			lx.double(&b)
		case '$':
			switch {
			case lx.i+1 < len(text) && text[lx.i+1] == '\'':
				lx.ansi(&b)
			case lx.i+1 < len(text) && text[lx.i+1] == '"':
				lx.i++
				lx.double(&b)
			default:
				lx.dollar(&b)
			}
		case '`':
			lx.backtick(&b)
		default:
			j := lx.i + 1
			for j < len(text) && strings.IndexByte(" \t\n\r;|<>&\\'\"$`", text[j]) < 0 {
				j++
			}
			b.AddRun(text[lx.i:j], lx.i)
			lx.i = j
		}
	}
	lx.last = lx.i - 1
	return Word{Value: b.Done(), Start: start}
}

// single reads a '…' quote: everything up to the next quote, literally.
func (lx *bashLexer) single(b *Builder) {
	text := lx.text
	open := lx.i
	j := strings.IndexByte(text[open+1:], '\'')
	if j < 0 {
		note(lx.notes, "The quote opened on line %d is never closed.", lx.notes.Line(open))
		b.AddRun(text[open+1:], open+1)
		lx.i = len(text)
		if b.Len() == 0 {
			b.NewSeg(open + 1)
		}
		return
	}
	b.AddRun(text[open+1:open+1+j], open+1)
	if b.Len() == 0 {
		b.NewSeg(open + 1)
	}
	lx.i = open + j + 2
}

// double reads a "…" quote, where \ escapes only $ ` " \ and the line end.
func (lx *bashLexer) double(b *Builder) {
	text := lx.text
	open := lx.i
	lx.i++
	if b.Len() == 0 {
		b.NewSeg(lx.i)
	}
	for lx.i < len(text) {
		c := text[lx.i]
		switch c {
		case '"':
			lx.i++
			return
		case '\\':
			if lx.i+1 >= len(text) {
				b.Add('\\', lx.i)
				lx.i++
				continue
			}
			n := text[lx.i+1]
			switch {
			case n == '$' || n == '`' || n == '"' || n == '\\':
				b.Add(n, lx.i+1)
				lx.i += 2
			case n == '\n':
				lx.i += 2
			case n == '\r' && lx.i+2 < len(text) && text[lx.i+2] == '\n':
				lx.i += 3
			default:
				b.Add('\\', lx.i)
				lx.i++
			}
		case '$':
			lx.dollar(b)
		case '`':
			lx.backtick(b)
		default:
			j := lx.i + 1
			for j < len(text) && strings.IndexByte("\"\\$`", text[j]) < 0 {
				j++
			}
			b.AddRun(text[lx.i:j], lx.i)
			lx.i = j
		}
	}
	note(lx.notes, "The quote opened on line %d is never closed.", lx.notes.Line(open))
}

// dollar keeps a parameter or command substitution as written, and notes it.
func (lx *bashLexer) dollar(b *Builder) {
	text := lx.text
	start := lx.i
	j := start + 1
	switch {
	case j < len(text) && text[j] == '{':
		if k := strings.IndexByte(text[j:], '}'); k >= 0 && !strings.Contains(text[j:j+k], "\n") {
			j += k + 1
		} else {
			j++
		}
	case j < len(text) && text[j] == '(':
		depth := 0
		for ; j < len(text); j++ {
			if text[j] == '(' {
				depth++
			} else if text[j] == ')' {
				depth--
				if depth == 0 {
					j++
					break
				}
			} else if text[j] == '\n' {
				break
			}
		}
	case j < len(text) && (isLetter(text[j]) || text[j] == '_'):
		for j < len(text) && (IsAlnum(text[j]) || text[j] == '_') {
			j++
		}
		if j+1 < len(text) && text[j] == ':' && strings.EqualFold(text[start+1:j], "env") && (isLetter(text[j+1]) || text[j+1] == '_') {
			// PowerShell's $env:NAME.
			for j++; j < len(text) && (IsAlnum(text[j]) || text[j] == '_'); j++ {
			}
		}
	case j < len(text) && strings.IndexByte("0123456789@*#?$!-", text[j]) >= 0:
		j++
	default:
		b.Add('$', start)
		lx.i = j
		return
	}
	expr := text[start:j]
	lx.i = j
	if lx.vars == nil {
		lx.vars = scriptVars(text, lx.cmdAt)
	}
	if v, ok := lookupVar(lx.vars, strings.Trim(expr[1:], "{}")); ok && !strings.ContainsAny(v.value, "$`") {
		// A variable the script set above the command: its value, mapped to where it is set.
		b.AddRun(v.value, v.src)
		return
	}
	b.AddRun(expr, start)
	note(lx.notes, "The command uses %s, which a shell would expand; it is kept as written.", printf.Clip(expr, 60))
}

// backtick keeps a `command` substitution as written, and notes it.
func (lx *bashLexer) backtick(b *Builder) {
	text := lx.text
	start := lx.i
	j := strings.IndexByte(text[start+1:], '`')
	end := len(text)
	if j >= 0 {
		end = start + 1 + j + 1
	}
	b.AddRun(text[start:end], start)
	lx.i = end
	note(lx.notes, "The command uses %s, which a shell would run; it is kept as written.", printf.Clip(text[start:end], 60))
}

// ansi reads a $'…' quote, decoding its backslash escapes.
func (lx *bashLexer) ansi(b *Builder) {
	text := lx.text
	open := lx.i
	lx.i += 2
	if b.Len() == 0 {
		b.NewSeg(lx.i)
	}
	for lx.i < len(text) {
		c := text[lx.i]
		if c == '\'' {
			lx.i++
			return
		}
		if c != '\\' {
			j := lx.i + 1
			for j < len(text) && text[j] != '\'' && text[j] != '\\' {
				j++
			}
			b.AddRun(text[lx.i:j], lx.i)
			lx.i = j
			continue
		}
		at := lx.i
		if at+1 >= len(text) {
			b.Add('\\', at)
			lx.i++
			continue
		}
		n := text[at+1]
		lx.i = at + 2
		switch n {
		case 'n':
			b.AddAt("\n", at)
		case 't':
			b.AddAt("\t", at)
		case 'r':
			b.AddAt("\r", at)
		case 'a':
			b.AddAt("\a", at)
		case 'b':
			b.AddAt("\b", at)
		case 'e', 'E':
			b.AddAt("\x1b", at)
		case 'f':
			b.AddAt("\f", at)
		case 'v':
			b.AddAt("\v", at)
		case '\\', '\'', '"', '?':
			b.Add(n, at+1)
		case 'x':
			v, k := hexValue(text, lx.i, 2)
			if k == 0 {
				b.AddAt(`\x`, at)
				break
			}
			b.AddAt(string([]byte{byte(v)}), at)
			lx.i += k
		case 'u', 'U':
			width := 4
			if n == 'U' {
				width = 8
			}
			v, k := hexValue(text, lx.i, width)
			if k == 0 {
				b.AddAt(text[at:at+2], at)
				break
			}
			b.AddAt(string(utf8.AppendRune(nil, rune(v))), at)
			lx.i += k
		case 'c':
			if lx.i < len(text) {
				b.AddAt(string([]byte{text[lx.i] & 0x1f}), at)
				lx.i++
			}
		default:
			if '0' <= n && n <= '7' {
				v := int(n - '0')
				for k := 0; k < 2 && lx.i < len(text) && '0' <= text[lx.i] && text[lx.i] <= '7'; k++ {
					v = v*8 + int(text[lx.i]-'0')
					lx.i++
				}
				b.AddAt(string([]byte{byte(v)}), at)
				break
			}
			b.AddAt(text[at:at+2], at)
		}
	}
	note(lx.notes, "The quote opened on line %d is never closed.", lx.notes.Line(open))
}

// hexValue reads up to width hex digits at text[i:], returning the value and how many it read.
func hexValue(text string, i, width int) (int, int) {
	v, k := 0, 0
	for k < width && i+k < len(text) && IsHex(text[i+k]) {
		v = v*16 + int(Unhex(text[i+k]))
		k++
	}
	if v > utf8.MaxRune {
		v = utf8.RuneError
	}
	return v, k
}

// cmdLexer splits a command as Windows cmd.exe and then the C runtime do, which is what
// DevTools' "Copy as cURL (cmd)" writes for: ^ escapes the next character and continues a line,
// "^" with two line ends is a line feed, and in the words themselves "…" quotes and \" escapes
// a quote.
type cmdLexer struct {
	notes Notes
	text  string
	i     int
	inq   bool  // inside a cmd.exe quote, where ^ is literal
	q     []cch // characters after cmd.exe's pass, waiting to be split into words
	qh    int
	end   bool
	rest  int
	last  int
	// cmdAt is where the command starts; vars are the variables set lines before it set, read
	// on the first %NAME%.
	cmdAt int
	vars  map[string]shellVar
}

// cch is a character after cmd.exe's pass, with its paste offset.
type cch struct {
	c   byte
	src int
}

func (lx *cmdLexer) RestAt() int           { return lx.rest }
func (lx *cmdLexer) LastAt() int           { return lx.last }
func (lx *cmdLexer) Stdin() (Mapped, bool) { return Mapped{}, false }

// fill runs cmd.exe's pass over one more character; it returns false at the end of the command.
func (lx *cmdLexer) fill() bool {
	text := lx.text
	for !lx.end {
		if lx.i >= len(text) {
			lx.end, lx.rest = true, len(text)
			return false
		}
		c := text[lx.i]
		switch {
		case c == '\r':
			lx.i++
		case c == '^' && !lx.inq:
			j := lx.i + 1
			if j >= len(text) {
				lx.i = j
				continue
			}
			n := text[j]
			if n == '\r' && j+1 < len(text) && text[j+1] == '\n' {
				j++
				n = '\n'
			}
			if n == '\n' {
				k := j + 1
				if k+1 < len(text) && text[k] == '\r' && text[k+1] == '\n' {
					k++
				}
				if k < len(text) && text[k] == '\n' {
					lx.push('\n', k)
					lx.i = k + 1
					return true
				}
				lx.i = j + 1
				continue
			}
			lx.push(n, j)
			lx.i = j + 1
			return true
		case c == '%':
			if lx.percent() {
				return true
			}
		case c == '"':
			lx.inq = !lx.inq
			lx.push(c, lx.i)
			lx.i++
			return true
		case c == '\n':
			lx.end, lx.rest = true, lx.i+1
			return false
		case !lx.inq && (c == '&' || c == '|'):
			lx.end, lx.rest = true, NextLine(text, lx.i)
			return false
		default:
			lx.push(c, lx.i)
			lx.i++
			return true
		}
	}
	return false
}

// percent expands a %NAME% at lx.i that a set line above the command sets, as cmd.exe does
// before anything else, mapping the value to where it is set; it reports whether it pushed a
// character. Any other % is pushed as written.
func (lx *cmdLexer) percent() bool {
	name, next, ok := cmdVarAt(lx.text, lx.i)
	if ok {
		if lx.vars == nil {
			lx.vars = scriptVars(lx.text, lx.cmdAt)
		}
		if v, set := lx.vars["env:"+strings.ToLower(name)]; set {
			for k := 0; k < len(v.value); k++ {
				lx.push(v.value[k], v.src+k)
			}
			lx.i = next
			return v.value != ""
		}
		if strings.Trim(name, "0123456789abcdefABCDEF") != "" { // not a URL's %2F…%
			note(lx.notes, "The command uses %%%s%%, which cmd.exe would expand; it is kept as written.", printf.Clip(name, 60))
		}
	}
	lx.push('%', lx.i)
	lx.i++
	return true
}

func (lx *cmdLexer) push(c byte, src int) {
	if lx.qh > 0 && lx.qh == len(lx.q) {
		lx.q, lx.qh = lx.q[:0], 0
	}
	lx.q = append(lx.q, cch{c, src})
	lx.last = src
}

// peek returns the k-th waiting character.
func (lx *cmdLexer) peek(k int) (cch, bool) {
	for len(lx.q)-lx.qh <= k {
		if !lx.fill() {
			return cch{}, false
		}
	}
	return lx.q[lx.qh+k], true
}

func (lx *cmdLexer) pop(n int) { lx.qh += n }

func (lx *cmdLexer) Next() (Word, bool) {
	for {
		ch, ok := lx.peek(0)
		if !ok {
			return Word{}, false
		}
		if ch.c != ' ' && ch.c != '\t' && ch.c != '\n' {
			break
		}
		lx.pop(1)
	}
	first, _ := lx.peek(0)
	b := NewTextBuilder(lx.text)
	quoted := false
	for {
		ch, ok := lx.peek(0)
		if !ok || !quoted && (ch.c == ' ' || ch.c == '\t') {
			break
		}
		switch ch.c {
		case '\\':
			n := 1
			for {
				nx, ok := lx.peek(n)
				if !ok || nx.c != '\\' {
					break
				}
				n++
			}
			after, ok := lx.peek(n)
			if ok && after.c == '"' {
				for k := 1; k < n; k += 2 {
					b.Add('\\', lx.q[lx.qh+k].src)
				}
				lx.pop(n)
				if n%2 == 1 {
					b.Add('"', after.src)
				} else {
					quoted = !quoted
				}
				lx.pop(1)
				continue
			}
			for k := 0; k < n; k++ {
				b.Add('\\', lx.q[lx.qh+k].src)
			}
			lx.pop(n)
		case '"':
			if quoted {
				if nx, ok := lx.peek(1); ok && nx.c == '"' {
					b.Add('"', nx.src)
					lx.pop(2)
					continue
				}
			}
			quoted = !quoted
			lx.pop(1)
			if b.Len() == 0 {
				if nx, ok := lx.peek(0); ok {
					b.NewSeg(nx.src)
				}
			}
		default:
			b.Add(ch.c, ch.src)
			lx.pop(1)
		}
	}
	return Word{Value: b.Done(), Start: first.src}, true
}

// isCmdFlavour reports whether the command line at offset at is written for Windows cmd.exe:
// it ends with a ^ continuation, holds ^" escapes or uses a %NAME% a set line above it sets.
func isCmdFlavour(text string, at int) bool {
	l := strings.TrimRight(LineText(text, at), " \t")
	return strings.HasSuffix(l, "^") || strings.Contains(l, `^"`) || usesCmdVar(text, at)
}

func IsDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
