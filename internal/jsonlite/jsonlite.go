// Package jsonlite reads and writes JSON exactly as encoding/json does, without reflection, for
// the WebAssembly playground. The module must read catalog.json and print each verdict byte for
// byte as "errdocs explain --json" does. Reading and writing JSON by reflection (encoding/json,
// or an earlier jsonlite) cost the module about 35 KB of brotli transfer.
//
// It has two halves. Members, Elements and ObjectsIn split a document without decoding it, so a
// caller can decode part of it now and the rest later. Decoder and Encoder read and write one
// value at a time, for code that knows its types: package wire's generated code, which the tests
// check against encoding/json on the shipped catalog, every golden verdict and under fuzzing.
//
// It lives under internal/ rather than wasm/ because engine/triage reads HAR files with its
// Decoder too: the engine's packages are linked into the module, which avoids encoding/json.
package jsonlite

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/errdocs/errdocs/internal/jsonx"
	"github.com/errdocs/errdocs/internal/printf"
)

// AppendString appends s as a JSON string, escaped as encoding/json does with HTML escaping off:
// quotes, backslashes and control characters, U+2028 and U+2029, and each byte of invalid UTF-8
// as \ufffd. It is internal/jsonx's quoting, the one every part of errdocs uses.
func AppendString(dst []byte, s string) []byte { return jsonx.AppendQuote(dst, s, jsonx.Go) }

// ---------------------------------------------------------------------------------------------
// Splitting

// SyntaxError is a malformed JSON text, with the byte offset where reading stopped.
type SyntaxError struct {
	Msg    string
	Offset int
}

func (e *SyntaxError) Error() string { return printf.Sprintf("json: %s at offset %d", e.Msg, e.Offset) }

// Member is one member of a JSON object, its value not decoded.
type Member struct {
	Key   string
	Value []byte // the value's JSON text: a sub-slice of the input
}

// Members splits the JSON object data into its members, in order, without decoding their
// values. With Elements, it lets a caller decode part of a document now and the rest later. It
// checks the nesting of the values, not their contents (a string's escapes, a number's digits):
// decoding a value checks it in full.
func Members(data []byte) ([]Member, error) {
	d := decoder{s: data}
	d.space()
	var out []Member
	if err := d.members(func(key string, value []byte) { out = append(out, Member{key, value}) }); err != nil {
		return nil, err
	}
	d.space()
	if d.i < len(d.s) {
		return nil, d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after top-level value")
	}
	return out, nil
}

// members reads the object at d.i, calling f with each member's key and value text.
func (d *decoder) members(f func(key string, value []byte)) error {
	if d.i >= len(d.s) {
		return d.eof()
	}
	if d.s[d.i] != '{' {
		return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " looking for '{'")
	}
	d.i++
	d.space()
	if d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		return nil
	}
	for {
		d.space()
		if d.i >= len(d.s) {
			return d.eof()
		}
		if d.s[d.i] != '"' {
			return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " looking for beginning of object key string")
		}
		keyb, err := d.strBytes()
		if err != nil {
			return err
		}
		key := string(keyb)
		d.space()
		if d.i >= len(d.s) {
			return d.eof()
		}
		if d.s[d.i] != ':' {
			return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after object key")
		}
		d.i++
		d.space()
		start := d.i
		if err := d.skip(1); err != nil {
			return err
		}
		f(key, d.s[start:d.i])
		d.space()
		if d.i >= len(d.s) {
			return d.eof()
		}
		switch d.s[d.i] {
		case ',':
			d.i++
			continue
		case '}':
			d.i++
			return nil
		}
		return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after object key:value pair")
	}
}

// Elements splits the JSON array data into the JSON texts of its elements, in order, without
// decoding them. Like Members, it checks the nesting of the values, not their contents.
func Elements(data []byte) ([][]byte, error) {
	d := decoder{s: data}
	var out [][]byte
	err := d.split('[', ']', func() error {
		start := d.i
		if err := d.skip(1); err != nil {
			return err
		}
		out = append(out, d.s[start:d.i])
		return nil
	})
	return out, err
}

// ObjectsIn splits the JSON array data, an array of objects, into each object's members, as
// Members does for one object, in a single pass.
func ObjectsIn(data []byte) ([][]Member, error) {
	d := decoder{s: data}
	var out [][]Member
	err := d.split('[', ']', func() error {
		var ms []Member
		err := d.members(func(key string, value []byte) { ms = append(ms, Member{key, value}) })
		out = append(out, ms)
		return err
	})
	return out, err
}

// skip moves past one JSON value quickly: it follows the nesting of objects and arrays and
// finds the end of each string, without decoding anything. Numbers and literals are read as
// value reads them.
func (d *decoder) skip(depth int) error {
	if depth > 10000 {
		return d.syntax("exceeded max depth")
	}
	if d.i >= len(d.s) {
		return d.eof()
	}
	switch c := d.s[d.i]; c {
	case '"':
		if d.check {
			_, err := d.strBytes()
			return err
		}
		// The string ends at the first quote after an even run of backslashes.
		for j := d.i + 1; ; {
			k := bytes.IndexByte(d.s[j:], '"')
			if k < 0 {
				d.i = len(d.s)
				return d.eof()
			}
			j += k
			n := 0
			for n < j-d.i-1 && d.s[j-1-n] == '\\' {
				n++
			}
			j++
			if n%2 == 0 {
				d.i = j
				return nil
			}
		}
	case '{', '[':
		end := byte(']')
		if c == '{' {
			end = '}'
		}
		d.i++
		d.space()
		if d.i < len(d.s) && d.s[d.i] == end {
			d.i++
			return nil
		}
		for {
			d.space()
			if c == '{' {
				if d.i >= len(d.s) {
					return d.eof()
				}
				if d.s[d.i] != '"' {
					return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " looking for beginning of object key string")
				}
				if err := d.skip(depth + 1); err != nil {
					return err
				}
				d.space()
				if d.i >= len(d.s) {
					return d.eof()
				}
				if d.s[d.i] != ':' {
					return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after object key")
				}
				d.i++
				d.space()
			}
			if err := d.skip(depth + 1); err != nil {
				return err
			}
			d.space()
			if d.i >= len(d.s) {
				return d.eof()
			}
			switch d.s[d.i] {
			case ',':
				d.i++
				continue
			case end:
				d.i++
				return nil
			}
			return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after " + quoteChar(c) + "…" + quoteChar(end) + " item")
		}
	}
	return d.scalar()
}

// split reads the whole input as one object or array (open and close are its brackets),
// calling item at the start of each member or element.
func (d *decoder) split(open, close byte, item func() error) error {
	d.space()
	if d.i >= len(d.s) {
		return d.eof()
	}
	if d.s[d.i] != open {
		return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " looking for " + quoteChar(open))
	}
	d.i++
	d.space()
	if d.i < len(d.s) && d.s[d.i] == close {
		d.i++
	} else {
		for {
			d.space()
			if d.i >= len(d.s) {
				return d.eof()
			}
			if err := item(); err != nil {
				return err
			}
			d.space()
			if d.i >= len(d.s) {
				return d.eof()
			}
			if d.s[d.i] == ',' {
				d.i++
				continue
			}
			if d.s[d.i] != close {
				return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after " + quoteChar(open) + "…" + quoteChar(close) + " item")
			}
			d.i++
			break
		}
	}
	d.space()
	if d.i < len(d.s) {
		return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after top-level value")
	}
	return nil
}

type decoder struct {
	s []byte
	i int
	// check makes skip read each string in full, checking its escapes and characters, as
	// encoding/json does for every value it is given. Members and Elements leave that to the
	// decoding of the values they return.
	check bool
}

func (d *decoder) syntax(msg string) error { return &SyntaxError{Msg: msg, Offset: d.i} }

func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

func (d *decoder) space() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *decoder) eof() error {
	return &SyntaxError{Msg: "unexpected end of JSON input", Offset: d.i}
}

// value reads one value into v (which may be invalid: the value is then skipped).

// scalar moves past a number or a literal, checking its grammar.
func (d *decoder) scalar() error {
	switch c := d.s[d.i]; {
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		_, err := d.number()
		return err
	default:
		return d.syntax("invalid character " + quoteChar(c) + " looking for beginning of value")
	}
}

func (d *decoder) literal(word string) error {
	if len(d.s)-d.i < len(word) {
		if string(d.s[d.i:]) == word[:len(d.s)-d.i] {
			d.i = len(d.s)
			return d.eof()
		}
	}
	for j := 0; j < len(word); j++ {
		if d.i+j >= len(d.s) {
			d.i += j
			return d.eof()
		}
		if d.s[d.i+j] != word[j] {
			d.i += j
			return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " in literal " + word + " (expecting " + quoteChar(word[j]) + ")")
		}
	}
	d.i += len(word)
	return nil
}

// any reads a value as encoding/json does into an empty interface.
func (d *decoder) any(depth int) (any, error) {
	if depth > 10000 {
		return nil, d.syntax("exceeded max depth")
	}
	if d.i >= len(d.s) {
		return nil, d.eof()
	}
	switch c := d.s[d.i]; {
	case c == '{':
		m := map[string]any{}
		d.i++
		d.space()
		if d.i < len(d.s) && d.s[d.i] == '}' {
			d.i++
			return m, nil
		}
		for {
			d.space()
			if d.i >= len(d.s) {
				return nil, d.eof()
			}
			if d.s[d.i] != '"' {
				return nil, d.syntax("invalid character " + quoteChar(d.s[d.i]) + " looking for beginning of object key string")
			}
			k, err := d.str()
			if err != nil {
				return nil, err
			}
			d.space()
			if d.i >= len(d.s) {
				return nil, d.eof()
			}
			if d.s[d.i] != ':' {
				return nil, d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after object key")
			}
			d.i++
			d.space()
			x, err := d.any(depth + 1)
			if err != nil {
				return nil, err
			}
			m[k] = x
			d.space()
			if d.i >= len(d.s) {
				return nil, d.eof()
			}
			switch d.s[d.i] {
			case ',':
				d.i++
			case '}':
				d.i++
				return m, nil
			default:
				return nil, d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after object key:value pair")
			}
		}
	case c == '[':
		a := []any{}
		d.i++
		d.space()
		if d.i < len(d.s) && d.s[d.i] == ']' {
			d.i++
			return a, nil
		}
		for {
			d.space()
			x, err := d.any(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, x)
			d.space()
			if d.i >= len(d.s) {
				return nil, d.eof()
			}
			switch d.s[d.i] {
			case ',':
				d.i++
			case ']':
				d.i++
				return a, nil
			default:
				return nil, d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after array element")
			}
		}
	case c == '"':
		return d.str()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		num, err := d.number()
		if err != nil {
			return nil, err
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return nil, printf.Errorf("json: cannot unmarshal number %s into Go value of type float64", num)
		}
		return f, nil
	default:
		return nil, d.syntax("invalid character " + quoteChar(c) + " looking for beginning of value")
	}
}

// numberBytes are the bytes a JSON number is made of.
const numberBytes = "+-.0123456789Ee"

// number reads a number literal, checking its grammar (internal/jsonx's).
func (d *decoder) number() (string, error) {
	// ScanNumber reads no byte outside numberBytes, so it needs only the run of them at d.i.
	end := d.i
	for end < len(d.s) && strings.IndexByte(numberBytes, d.s[end]) >= 0 {
		end++
	}
	lit := string(d.s[d.i:end])
	n := jsonx.ScanNumber(lit)
	if n.Fault == jsonx.NumberOK {
		d.i += n.End
		return lit[:n.End], nil
	}
	d.i += n.At
	if d.i >= len(d.s) {
		return "", d.eof()
	}
	where := " in numeric literal"
	switch n.Fault {
	case jsonx.NoFraction:
		where = " after decimal point in numeric literal"
	case jsonx.NoExponent:
		where = " in exponent of numeric literal"
	}
	return "", d.syntax("invalid character " + quoteChar(d.s[d.i]) + where)
}

// str reads a string literal, undoing its escapes as encoding/json does.
func (d *decoder) str() (string, error) {
	b, err := d.strBytes()
	return string(b), err
}

// strBytes reads a string literal; the bytes may be a view of the input, valid until the next
// read.
func (d *decoder) strBytes() ([]byte, error) {
	d.i++ // "
	start := d.i
	// Fast path: no escapes, ASCII or valid UTF-8.
	for d.i < len(d.s) {
		c := d.s[d.i]
		if c == '"' {
			s := d.s[start:d.i]
			d.i++
			if utf8.Valid(s) {
				return s, nil
			}
			d.i = start
			break
		}
		if c == '\\' || c < 0x20 {
			d.i = start
			break
		}
		d.i++
	}
	if d.i >= len(d.s) {
		return nil, d.eof()
	}
	var b []byte
	for {
		if d.i >= len(d.s) {
			return nil, d.eof()
		}
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return b, nil
		case c < 0x20:
			return nil, d.syntax("invalid character " + quoteChar(c) + " in string literal")
		case c == '\\':
			r, n, fault := jsonx.Unescape(string(d.s[d.i:min(d.i+jsonx.MaxEscape, len(d.s))]))
			switch fault {
			case jsonx.EscapeEnd:
				d.i++
				return nil, d.eof()
			case jsonx.EscapeUnknown:
				d.i++
				return nil, d.syntax("invalid character " + quoteChar(d.s[d.i]) + " in string escape code")
			case jsonx.HexEnd, jsonx.HexBad:
				d.i += 2
				return nil, d.syntax("invalid character in \\u hexadecimal character escape")
			}
			b = utf8.AppendRune(b, r)
			d.i += n
		case c < utf8.RuneSelf:
			b = append(b, c)
			d.i++
		default:
			r, size := utf8.DecodeRune(d.s[d.i:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, d.s[d.i:d.i+size]...)
			}
			d.i += size
		}
	}
}
