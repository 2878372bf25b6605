package highlight

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// tokens collects chroma tokens, merging a token into the one before it when both have the same
// type, as chroma.Coalesce does.
type tokens []chroma.Token

func (ts *tokens) emit(t chroma.TokenType, v string) {
	if v == "" {
		return
	}
	if n := len(*ts); n > 0 && (*ts)[n-1].Type == t {
		(*ts)[n-1].Value += v
		return
	}
	*ts = append(*ts, chroma.Token{Type: t, Value: v})
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// asciiOnly reports whether s is printable ASCII text without carriage returns: the input the
// fast tokenisers take. Anything else (Unicode letters, which chroma's \w and \p{L} classes
// read differently, or \r, which chroma normalises) goes to chroma.
func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c == '\r' || c == 0 {
			return false
		}
	}
	return true
}

// wordAt returns the run of word characters at s[i:] when a word starts at i (the byte before is
// not a word character), as a regular expression's \b\w+ would see it; else "".
func wordAt(s string, i int) string {
	if i > 0 && isWordByte(s[i-1]) {
		return ""
	}
	j := i
	for j < len(s) && isWordByte(s[j]) {
		j++
	}
	return s[i:j]
}

var shKeywords = setOf("if fi else while do done for then return function case select continue until esac elif")

var shBuiltins = setOf("alias bg bind break builtin caller cd command compgen complete declare dirs disown echo " +
	"enable eval exec exit export false fc fg getopts hash help history jobs kill let local logout popd printf " +
	"pushd pwd read readonly set shift shopt source suspend test time times trap true type typeset ulimit umask " +
	"unalias unset wait")

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// shTokens tokenises a shell script exactly as chroma's Bash lexer (lexers/embedded/bash.xml)
// does, coalesced, in one pass without regular expressions: keywords, builtins, comments, the
// shebang, backslash escapes and continuations, assignments, heredocs, single- and double-quoted strings
// with $VAR, ${…}, $(…) and $((…)) inside, numbers and the punctuation between. It reports
// ok = false for what it leaves to chroma: non-ASCII text, backticks, $'…', and
// anything chroma's lexer would mark as an error (an unterminated quote, a trailing backslash).
func shTokens(s string) (out []chroma.Token, ok bool) {
	if !asciiOnly(s) {
		return nil, false
	}
	const (
		stRoot = iota
		stString
		stParen
		stMath
		stCurly
	)
	var ts tokens
	stack := []int{stRoot}
	for i := 0; i < len(s); {
		st := stack[len(stack)-1]
		c := s[i]
		switch st {
		case stString:
			switch c {
			case '"':
				ts.emit(chroma.LiteralStringDouble, `"`)
				stack = stack[:len(stack)-1]
				i++
				continue
			case '$':
				n, ok := shInterp(&ts, s, i, &stack)
				if !ok {
					return nil, false
				}
				i = n
				continue
			}
			j := i
			for j < len(s) && s[j] != '"' && s[j] != '$' {
				if s[j] == '\\' {
					if j+1 == len(s) {
						return nil, false
					}
					j++
				}
				j++
			}
			ts.emit(chroma.LiteralStringDouble, s[i:j])
			i = j
			continue
		case stCurly:
			switch {
			case c == '}':
				ts.emit(chroma.LiteralStringInterpol, "}")
				stack = stack[:len(stack)-1]
				i++
				continue
			case strings.HasPrefix(s[i:], ":-"):
				ts.emit(chroma.Keyword, ":-")
				i += 2
				continue
			case isWordByte(c):
				j := i
				for j < len(s) && isWordByte(s[j]) {
					j++
				}
				ts.emit(chroma.NameVariable, s[i:j])
				i = j
				continue
			case c == ':':
				ts.emit(chroma.Punctuation, ":")
				i++
				continue
			case strings.IndexByte("}\"'`$\\", c) < 0:
				j := i
				for j < len(s) && strings.IndexByte("}:\"'`$\\", s[j]) < 0 {
					j++
				}
				ts.emit(chroma.Punctuation, s[i:j])
				i = j
				continue
			}
		case stParen:
			if c == ')' {
				ts.emit(chroma.Keyword, ")")
				stack = stack[:len(stack)-1]
				i++
				continue
			}
		case stMath:
			switch {
			case strings.HasPrefix(s[i:], "))"):
				ts.emit(chroma.Keyword, "))")
				stack = stack[:len(stack)-1]
				i += 2
				continue
			case strings.IndexByte("-+*/%^|&", c) >= 0:
				ts.emit(chroma.Operator, s[i:i+1])
				i++
				continue
			case isDigitByte(c):
				j := i
				for j < len(s) && isDigitByte(s[j]) {
					j++
				}
				if j < len(s) && s[j] == '#' {
					k := j + 1
					for k < len(s) && isDigitByte(s[k]) {
						k++
					}
					switch {
					case k > j+1:
						j = k
					case k == len(s) || s[k] != ' ':
						j = k
					}
				}
				ts.emit(chroma.LiteralNumber, s[i:j])
				i = j
				continue
			}
		}
		// The root rules (basic, data, interp), which the paren and math states include.
		if w := wordAt(s, i); w != "" {
			end := i + len(w)
			if shKeywords[w] {
				ts.emit(chroma.Keyword, w)
				i = end
				continue
			}
			if shBuiltins[w] && end < len(s) && (isSpaceByte(s[end]) || s[end] == ')' || s[end] == '`') {
				ts.emit(chroma.NameBuiltin, w)
				i = end
				continue
			}
		}
		if i == 0 && strings.HasPrefix(s, "#!") {
			if nl := strings.IndexByte(s, '\n'); nl > 2 {
				ts.emit(chroma.CommentPreproc, s[:nl+1])
				i = nl + 1
				continue
			}
		}
		switch c {
		case '#':
			j := i
			for j < len(s) && s[j] != '\n' {
				j++
			}
			ts.emit(chroma.CommentSingle, s[i:j])
			i = j
			continue
		case '\\':
			if i+1 == len(s) {
				return nil, false
			}
			ts.emit(chroma.LiteralStringEscape, s[i:i+2])
			i += 2
			continue
		}
		if w := wordAt(s, i); w != "" {
			j := i + len(w)
			for j < len(s) && isSpaceByte(s[j]) {
				j++
			}
			k := j
			if k < len(s) && s[k] == '+' {
				k++
			}
			if k < len(s) && s[k] == '=' {
				ts.emit(chroma.NameVariable, w)
				ts.emit(chroma.Text, s[i+len(w):j])
				ts.emit(chroma.Operator, s[j:k+1])
				i = k + 1
				continue
			}
		}
		switch {
		case strings.IndexByte("[]{}()=", c) >= 0:
			ts.emit(chroma.Operator, s[i:i+1])
			i++
			continue
		case strings.HasPrefix(s[i:], "<<<"):
			ts.emit(chroma.Operator, "<<<")
			i += 3
			continue
		case strings.HasPrefix(s[i:], "<<"):
			end, ok := shHeredoc(s, i)
			if !ok {
				return nil, false
			}
			ts.emit(chroma.LiteralString, s[i:end])
			i = end
			continue
		case strings.HasPrefix(s[i:], "&&") || strings.HasPrefix(s[i:], "||"):
			ts.emit(chroma.Operator, s[i:i+2])
			i += 2
			continue
		case c == '`':
			return nil, false
		}
		// data
		if c == '"' || c == '$' && i+1 < len(s) && s[i+1] == '"' {
			if end, ok := shPlainDouble(s, i); ok {
				ts.emit(chroma.LiteralStringDouble, s[i:end])
				i = end
				continue
			}
			if c == '"' {
				ts.emit(chroma.LiteralStringDouble, `"`)
				stack = append(stack, stString)
				i++
				continue
			}
		}
		if c == '$' && i+1 < len(s) && s[i+1] == '\'' {
			return nil, false
		}
		switch {
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, false
			}
			ts.emit(chroma.LiteralStringSingle, s[i:i+end+2])
			i += end + 2
			continue
		case c == ';' || c == '&' || c == '|':
			ts.emit(chroma.Punctuation, s[i:i+1])
			i++
			continue
		case isSpaceByte(c):
			j := i
			for j < len(s) && isSpaceByte(s[j]) {
				j++
			}
			ts.emit(chroma.Text, s[i:j])
			i = j
			continue
		case isDigitByte(c):
			j := i
			for j < len(s) && isDigitByte(s[j]) {
				j++
			}
			if j == len(s) || s[j] == ' ' || s[j] == '\n' {
				ts.emit(chroma.LiteralNumber, s[i:j])
				i = j
				continue
			}
		case c == '<':
			ts.emit(chroma.Text, "<")
			i++
			continue
		case c == '$':
			n, ok := shInterp(&ts, s, i, &stack)
			if !ok {
				return nil, false
			}
			i = n
			continue
		}
		j := i
		for j < len(s) && strings.IndexByte("=[]{}()$\"'`\\<&|;", s[j]) < 0 && !isSpaceByte(s[j]) {
			j++
		}
		if j == i {
			return nil, false
		}
		ts.emit(chroma.Text, s[i:j])
		i = j
	}
	return ts, true
}

// shPlainDouble matches chroma's \$?"(\\\\|\\[0-7]+|\\.|[^"\\$])*" at s[i:]: a double-quoted
// string with no unescaped $ in it.
func shPlainDouble(s string, i int) (int, bool) {
	if s[i] == '$' {
		i++
	}
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '$':
			return 0, false
		case '"':
			return i + 1, true
		}
	}
	return 0, false
}

// shInterp tokenises the interp rules at s[i] == '$' and returns where they end.
func shInterp(ts *tokens, s string, i int, stack *[]int) (int, bool) {
	const stParen, stMath, stCurly = 2, 3, 4
	rest := s[i+1:]
	switch {
	case strings.HasPrefix(rest, "(("):
		ts.emit(chroma.Keyword, "$((")
		*stack = append(*stack, stMath)
		return i + 3, true
	case strings.HasPrefix(rest, "("):
		ts.emit(chroma.Keyword, "$(")
		*stack = append(*stack, stParen)
		return i + 2, true
	case strings.HasPrefix(rest, "{#"):
		ts.emit(chroma.LiteralStringInterpol, "${#")
		*stack = append(*stack, stCurly)
		return i + 3, true
	case strings.HasPrefix(rest, "{"):
		ts.emit(chroma.LiteralStringInterpol, "${")
		*stack = append(*stack, stCurly)
		return i + 2, true
	case rest != "" && (rest[0] == '_' || rest[0] >= 'a' && rest[0] <= 'z' || rest[0] >= 'A' && rest[0] <= 'Z'):
		j := i + 2
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		ts.emit(chroma.NameVariable, s[i:j])
		return j, true
	case rest != "" && isDigitByte(rest[0]):
		j := i + 1
		for j < len(s) && isDigitByte(s[j]) {
			j++
		}
		ts.emit(chroma.NameVariable, s[i:j])
		return j, true
	case rest != "" && strings.IndexByte("#$?!_*@-", rest[0]) >= 0:
		ts.emit(chroma.NameVariable, s[i:i+2])
		return i + 2, true
	}
	ts.emit(chroma.Text, "$")
	return i + 1, true
}

// consoleTokens tokenises a shell session as chroma's BashSession lexer
// (lexers/embedded/bash_session.xml) does: a line that starts with a prompt ($, #, % or >) is
// the prompt, the space after it and the command, tokenised on its own as Bash; any other line is
// output. It reports ok = false for what it leaves to chroma: an empty line (chroma's lexer marks
// it as an error), a prompt with nothing after it, a [user@host] prompt, a command shTokens
// declines, a last line without its newline, and text that is not valid UTF-8 or holds \r.
func consoleTokens(s string) (out []chroma.Token, ok bool) {
	if !utf8.ValidString(s) || strings.ContainsRune(s, '\r') || s != "" && !strings.HasSuffix(s, "\n") {
		return nil, false // chroma adds a final newline and may keep it in the last token
	}
	var ts tokens
	for rest := s; rest != ""; {
		line := rest
		if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
			line = rest[:nl+1]
		}
		rest = rest[len(line):]
		body := strings.TrimSuffix(line, "\n")
		if body == "" || body[0] == '[' {
			return nil, false
		}
		if strings.IndexByte("#$%>", body[0]) < 0 {
			ts.emit(chroma.GenericOutput, line)
			continue
		}
		j := 1
		for j < len(body) && isSpaceByte(body[j]) {
			j++
		}
		if j == len(body) {
			return nil, false // \s* would run on into the next line
		}
		cmd, ok := shTokens(line[j:])
		if !ok {
			return nil, false
		}
		ts.emit(chroma.GenericPrompt, body[:1])
		ts.emit(chroma.Text, body[1:j])
		for _, t := range cmd {
			ts.emit(t.Type, t.Value)
		}
	}
	return ts, true
}

// shHeredoc matches chroma's heredoc rule at s[i:] == "<<…" and returns its end:
// <<-?\s*('?)\\?(\w+)[\w\W]+?\2, the text up to the next occurrence of the word (or, when the
// word never recurs, of its longest prefix that does, as the regular expression backtracks).
func shHeredoc(s string, i int) (int, bool) {
	j := i + 2
	if j < len(s) && s[j] == '-' {
		j++
	}
	for j < len(s) && isSpaceByte(s[j]) {
		j++
	}
	if j < len(s) && s[j] == '\'' {
		j++
	}
	if j < len(s) && s[j] == '\\' {
		j++
	}
	k := j
	for k < len(s) && isWordByte(s[k]) {
		k++
	}
	for n := k - j; n > 0; n-- {
		word, from := s[j:j+n], j+n+1
		if from > len(s) {
			continue
		}
		if at := strings.Index(s[from:], word); at >= 0 {
			return from + at + n, true
		}
	}
	return 0, false
}
