// Package printf formats the engine's messages without package fmt.
//
// The playground's WebAssembly module links everything the engine reaches, and fmt was about
// 40 KB of its brotli transfer (measured in November 2026). The engine only ever formats
// strings, integers, a float and errors into prose, so this package does that subset, the way fmt
// does it: the verbs %s %v %d %q %c %f %w and %%, and %x %X of integers and strings, with the
// flags '#', '0' and '-', a width and a precision. The tests compare it with fmt on every verb
// and type it takes.
//
// A verb that does not fit its argument prints as fmt marks it (%!d(string=text)), so a new call
// site with an unexpected type shows up in that site's golden output rather than crashing.
//
// It sits below everything that the module links (engine, engine/reqcheck, engine/reqparse,
// engine/reqparse/lex, internal/jsonx, the wasm shim and its codecs) and imports only errors,
// strconv and unicode/utf8. build.sh's vet step names its Sprintf to go vet's printf check.
package printf

import (
	"errors"
	"strconv"
	"unicode/utf8"
)

// Sprintf formats like fmt.Sprintf, for the verbs and argument types the package names.
func Sprintf(format string, args ...any) string {
	b, _ := appendf(nil, format, args)
	return string(b)
}

// Errorf formats like fmt.Errorf: the result unwraps to the arguments given to %w.
func Errorf(format string, args ...any) error {
	b, wrapped := appendf(nil, format, args)
	switch len(wrapped) {
	case 0:
		return errors.New(string(b))
	case 1:
		return &wrapError{msg: string(b), err: wrapped[0]}
	}
	return &wrapErrors{msg: string(b), errs: wrapped}
}

type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }
func (e *wrapError) Unwrap() error { return e.err }

type wrapErrors struct {
	msg  string
	errs []error
}

func (e *wrapErrors) Error() string   { return e.msg }
func (e *wrapErrors) Unwrap() []error { return e.errs }

// spec is one parsed verb: %[flags][width][.prec]verb.
type spec struct {
	sharp, zero, minus bool
	width, prec        int // -1 when absent
	verb               byte
}

func appendf(b []byte, format string, args []any) ([]byte, []error) {
	var wrapped []error
	n := 0
	for i := 0; i < len(format); {
		c := format[i]
		if c != '%' {
			j := i + 1
			for j < len(format) && format[j] != '%' {
				j++
			}
			b = append(b, format[i:j]...)
			i = j
			continue
		}
		i++
		s := spec{width: -1, prec: -1}
	flags:
		for ; i < len(format); i++ {
			switch format[i] {
			case '#':
				s.sharp = true
			case '0':
				s.zero = true
			case '-':
				s.minus = true
			default:
				break flags
			}
		}
		s.width, i = number(format, i)
		if i < len(format) && format[i] == '.' {
			s.prec, i = number(format, i+1)
			if s.prec < 0 {
				s.prec = 0
			}
		}
		if i >= len(format) {
			b = append(b, "%!(NOVERB)"...)
			break
		}
		s.verb = format[i]
		i++
		if s.verb == '%' {
			b = append(b, '%')
			continue
		}
		if n >= len(args) {
			b = append(b, "%!"...)
			b = append(b, s.verb)
			b = append(b, "(MISSING)"...)
			continue
		}
		a := args[n]
		n++
		if s.verb == 'w' {
			if err, ok := a.(error); ok {
				wrapped = append(wrapped, err)
			}
			s.verb = 'v'
		}
		b = s.pad(b, format1(nil, s, a))
	}
	if n < len(args) {
		b = append(b, "%!(EXTRA "...)
		for i, a := range args[n:] {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = typed(b, a)
		}
		b = append(b, ')')
	}
	return b, wrapped
}

// number reads a decimal number at s[i:], returning -1 when there is none.
func number(s string, i int) (int, int) {
	n := -1
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if n < 0 {
			n = 0
		}
		if n < 1e6 {
			n = n*10 + int(s[i]-'0')
		}
	}
	return n, i
}

// pad applies the width to the formatted text t. As in fmt, zero padding goes after a sign (and
// after the 0x of %#x), and strings are zero-padded too.
func (s spec) pad(b, t []byte) []byte {
	w := s.width - utf8.RuneCount(t)
	if w <= 0 {
		return append(b, t...)
	}
	if s.minus {
		b = append(b, t...)
		for ; w > 0; w-- {
			b = append(b, ' ')
		}
		return b
	}
	fill := byte(' ')
	if s.zero {
		fill = '0'
		if s.verb == 'f' && len(t) > 0 && (t[0] == '-' || t[0] == '+') {
			b = append(b, t[0])
			t = t[1:]
		}
	}
	for ; w > 0; w-- {
		b = append(b, fill)
	}
	return append(b, t...)
}

// stringer is fmt.Stringer.
type stringer interface{ String() string }

func format1(b []byte, s spec, a any) []byte {
	switch x := a.(type) {
	case nil:
		if s.verb == 'v' {
			return append(b, "<nil>"...)
		}
	case string:
		return formatString(b, s, x, a)
	case []byte:
		return formatString(b, s, string(x), a)
	case error:
		return formatString(b, s, x.Error(), a)
	case stringer:
		return formatString(b, s, x.String(), a)
	case bool:
		if s.verb == 'v' || s.verb == 't' {
			return strconv.AppendBool(b, x)
		}
	case int:
		return formatInt(b, s, int64(x), x < 0, a)
	case int64:
		return formatInt(b, s, x, x < 0, a)
	case int32:
		return formatInt(b, s, int64(x), x < 0, a)
	case uint8:
		return formatInt(b, s, int64(x), false, a)
	case uint16:
		return formatInt(b, s, int64(x), false, a)
	case uint32:
		return formatInt(b, s, int64(x), false, a)
	case float64:
		switch s.verb {
		case 'v', 'g':
			return strconv.AppendFloat(b, x, 'g', s.prec, 64)
		case 'f':
			p := s.prec
			if p < 0 {
				p = 6
			}
			return strconv.AppendFloat(b, x, 'f', p, 64)
		}
	case []int:
		if s.verb == 'v' || s.verb == 'd' {
			b = append(b, '[')
			for i, v := range x {
				if i > 0 {
					b = append(b, ' ')
				}
				b = strconv.AppendInt(b, int64(v), 10)
			}
			return append(b, ']')
		}
	case []string:
		if s.verb == 'v' || s.verb == 's' {
			b = append(b, '[')
			for i, v := range x {
				if i > 0 {
					b = append(b, ' ')
				}
				b = append(b, v...)
			}
			return append(b, ']')
		}
	}
	return bad(b, s.verb, a)
}

// bad marks an argument the verb does not fit, as fmt does: %!verb(type=value).
func bad(b []byte, verb byte, a any) []byte {
	b = append(b, '%', '!', verb, '(')
	return append(typed(b, a), ')')
}

// typed writes "type=value" for an argument, as fmt's error marks do, or "<nil>".
func typed(b []byte, a any) []byte {
	name := typeName(a)
	if name == "" {
		return append(b, "unsupported"...)
	}
	if a == nil {
		return append(b, name...)
	}
	b = append(append(b, name...), '=')
	return format1(b, spec{width: -1, prec: -1, verb: 'v'}, a)
}

func typeName(a any) string {
	switch a.(type) {
	case nil:
		return "<nil>"
	case string:
		return "string"
	case []byte:
		return "[]uint8"
	case bool:
		return "bool"
	case int:
		return "int"
	case int64:
		return "int64"
	case int32:
		return "int32"
	case uint8:
		return "uint8"
	case uint16:
		return "uint16"
	case uint32:
		return "uint32"
	case float64:
		return "float64"
	case []int:
		return "[]int"
	case []string:
		return "[]string"
	}
	return ""
}

func formatString(b []byte, s spec, x string, a any) []byte {
	switch s.verb {
	case 'v', 's':
		if s.prec >= 0 {
			x = truncate(x, s.prec)
		}
		return append(b, x...)
	case 'q':
		if s.prec >= 0 {
			x = truncate(x, s.prec)
		}
		if s.sharp && strconv.CanBackquote(x) {
			return append(append(append(b, '`'), x...), '`')
		}
		return strconv.AppendQuote(b, x)
	case 'x', 'X':
		digits := "0123456789abcdef"
		if s.verb == 'X' {
			digits = "0123456789ABCDEF"
		}
		if s.sharp && x != "" {
			b = append(b, '0', s.verb)
		}
		for i := 0; i < len(x); i++ {
			b = append(b, digits[x[i]>>4], digits[x[i]&15])
		}
		return b
	}
	return bad(b, s.verb, a)
}

// truncate keeps the first n runes of x.
func truncate(x string, n int) string {
	for i := range x {
		if n == 0 {
			return x[:i]
		}
		n--
	}
	return x
}

func formatInt(b []byte, s spec, v int64, neg bool, a any) []byte {
	switch s.verb {
	case 'v', 'd', 'x', 'X':
		u := uint64(v)
		if neg {
			b = append(b, '-')
			u = uint64(-v)
		}
		base := 10
		if s.verb == 'x' || s.verb == 'X' {
			base = 16
			if s.sharp {
				b = append(b, '0', s.verb)
			}
		}
		t := strconv.AppendUint(nil, u, base)
		if s.verb == 'X' {
			for i, c := range t {
				if c >= 'a' {
					t[i] = c - 'a' + 'A'
				}
			}
		}
		// As in fmt, a zero-padded width counts the digits and the sign, not a 0x prefix.
		if s.zero && !s.minus && s.width > 0 {
			n := s.width - len(t)
			if neg {
				n--
			}
			for ; n > 0; n-- {
				b = append(b, '0')
			}
		}
		return append(b, t...)
	case 'c':
		return utf8.AppendRune(b, rune(v))
	case 'q':
		return strconv.AppendQuoteRune(b, rune(v))
	}
	return bad(b, s.verb, a)
}

// Clip shortens s to at most n bytes, at a character boundary, marking the cut with "…". The
// engine's messages quote pasted text through it.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
