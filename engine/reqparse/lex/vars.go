package lex

import "strings"

// This file reads the variables a pasted script sets before its command, in the three shells
// people paste from, so that a lexer can expand them where the command uses them:
//
//	bash        NAME=value, export NAME=value     used as $NAME, ${NAME}
//	cmd.exe     set NAME=value, set "NAME=value"  used as %NAME%
//	PowerShell  $env:NAME = "value"               used as $env:NAME, ${env:NAME}
//	            $NAME = "value"                   used as $NAME
//
// Environment variables (cmd's set and PowerShell's $env:) share one name space and, as on
// Windows, their names ignore case; so do PowerShell's own variables.

// shellVar is a variable's value and the paste offset where the value is written.
type shellVar struct {
	value string
	src   int
}

// scriptVars maps the variables the lines before offset at set to their values: bash's under
// their name, environment variables under "env:" and PowerShell's under "ps:" and the lower-case
// name. One pair of quotes is undone and nothing is expanded inside them. It reads at most the
// 64 KB before at.
func scriptVars(text string, at int) map[string]shellVar {
	vars := map[string]shellVar{}
	from := max(0, at-64<<10)
	if from > 0 {
		from = NextLine(text, from) // the first whole line
	}
	for i := from; i < at && i < len(text); i = NextLine(text, i) {
		line := LineText(text, i)
		s := strings.TrimLeft(line, " \t@")
		off := i + len(line) - len(s)
		if key, v, src, ok := cmdSet(s, off); ok {
			vars[key] = shellVar{v, src}
			continue
		}
		key := ""
		if strings.HasPrefix(s, "$") {
			// PowerShell: $env:NAME = "value" or $NAME = "value".
			s, off = s[1:], off+1
			key = "ps:"
			if hasPrefixFold(s, "env:") {
				s, off, key = s[4:], off+4, "env:"
			}
		} else if t := strings.TrimPrefix(s, "export "); len(t) < len(s) {
			s, off = t, off+len(s)-len(t)
		}
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			continue
		}
		name := s[:eq]
		if key != "" {
			name = strings.ToLower(strings.TrimRight(name, " \t"))
		}
		if !isName(name) {
			continue
		}
		v, src := s[eq+1:], off+eq+1
		if key != "" {
			t := strings.TrimLeft(v, " \t")
			v, src = t, src+len(v)-len(t)
		}
		if q := strings.IndexByte(v[min(1, len(v)):], firstByte(v)); len(v) > 1 && (v[0] == '"' || v[0] == '\'') && q >= 0 {
			v, src = v[1:1+q], src+1
		} else if k := strings.IndexAny(v, " \t;#"); k >= 0 {
			v = v[:k]
		}
		vars[key+name] = shellVar{v, src}
	}
	return vars
}

// cmdSet reads a cmd.exe assignment, set NAME=value or set "NAME=value", in s, which starts at
// paste offset off. As in cmd.exe, the value of the first form is the rest of the line, quotes
// and all.
func cmdSet(s string, off int) (key, value string, src int, ok bool) {
	if !hasPrefixFold(s, "set ") {
		return "", "", 0, false
	}
	t := strings.TrimLeft(s[4:], " \t")
	off += len(s) - len(t)
	quoted := strings.HasPrefix(t, `"`)
	if quoted {
		t, off = t[1:], off+1
		if q := strings.LastIndexByte(t, '"'); q >= 0 {
			t = t[:q]
		}
	}
	eq := strings.IndexByte(t, '=')
	if eq <= 0 || !isName(t[:eq]) {
		return "", "", 0, false
	}
	return "env:" + strings.ToLower(t[:eq]), t[eq+1:], off + eq + 1, true
}

// lookupVar returns the value of the variable a command uses as name: "NAME" ($NAME, which
// may be bash's or PowerShell's) or "env:NAME" ($env:NAME, %NAME%).
func lookupVar(vars map[string]shellVar, name string) (shellVar, bool) {
	if hasPrefixFold(name, "env:") {
		v, ok := vars["env:"+strings.ToLower(name[4:])]
		return v, ok
	}
	if v, ok := vars[name]; ok {
		return v, true
	}
	v, ok := vars["ps:"+strings.ToLower(name)]
	return v, ok
}

// isName reports whether s is a variable name: letters, digits and _, not starting with a digit.
func isName(s string) bool {
	if s == "" || IsDigit(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(IsAlnum(s[i]) || s[i] == '_') {
			return false
		}
	}
	return true
}

func firstByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// cmdVarAt reads a %NAME% reference at text[i] (a '%'): it returns the name and the offset
// after the closing '%', or false when none starts there.
func cmdVarAt(text string, i int) (string, int, bool) {
	e := LineEnd(text, i)
	k := strings.IndexByte(text[i+1:e], '%')
	if k <= 0 || !isName(text[i+1:i+1+k]) {
		return "", 0, false
	}
	return text[i+1 : i+1+k], i + k + 2, true
}

// usesCmdVar reports whether the line at offset at uses a %NAME% that a cmd.exe set line above
// it sets: such a command is written for cmd.exe.
func usesCmdVar(text string, at int) bool {
	line := LineText(text, at)
	if !strings.Contains(line, "%") {
		return false
	}
	var vars map[string]shellVar
	for i := strings.IndexByte(line, '%'); i >= 0; {
		if name, _, ok := cmdVarAt(text, at+i); ok {
			if vars == nil {
				vars = scriptVars(text, at)
			}
			if _, ok := vars["env:"+strings.ToLower(name)]; ok {
				return true
			}
		}
		j := strings.IndexByte(line[i+1:], '%')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}
