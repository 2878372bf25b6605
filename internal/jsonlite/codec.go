package jsonlite

import (
	"bytes"
	"math"
	"slices"
	"strconv"

	"github.com/errdocs/errdocs/internal/printf"
)

// maxDepth is how deep values may nest, as in encoding/json.
const maxDepth = 10000

// ---------------------------------------------------------------------------------------------
// Decoding

// Decoder reads one JSON document a value at a time, as json.Unmarshal would fill Go values of
// the types the caller knows. A caller reads a value with exactly one call: Null, String, Int,
// Float, Bool, Any, Skip, or ObjectStart or ArrayStart followed by a More loop (and, in an
// object, Key before each value). In a struct, a member the caller does not know is read with
// Skip.
//
// After a syntax error every read returns a zero value and More returns false, so the caller's
// loops end; Finish reports the error. A value of the wrong type (a string for an int) is
// skipped, and Finish reports the first such mismatch, as encoding/json does once it has read
// the rest.
type Decoder struct {
	d       decoder
	err     error  // the first syntax error: reading stops
	typeErr error  // the first type mismatch: reading goes on
	open    []byte // the brackets of the objects and arrays being read
	first   bool   // the next More is the first in its object or array
}

// NewDecoder returns a Decoder for the JSON text data.
func NewDecoder(data []byte) *Decoder {
	dec := &Decoder{d: decoder{s: data, check: true}}
	dec.d.space()
	return dec
}

// Offset is the byte offset in the input of the next value to read (after any space), for a
// caller that places what it reads in the text.
func (dec *Decoder) Offset() int {
	dec.d.space()
	return dec.d.i
}

// Failed reports whether reading has stopped at a syntax error (Finish returns it), so that a
// caller can drop the value the error cut short.
func (dec *Decoder) Failed() bool { return dec.err != nil }

// Finish checks that nothing but space follows the value and returns the first syntax error,
// else the first type mismatch, else nil.
func (dec *Decoder) Finish() error {
	if dec.err == nil {
		dec.d.space()
		if dec.d.i < len(dec.d.s) {
			dec.err = dec.d.syntax("invalid character " + quoteChar(dec.d.s[dec.d.i]) + " after top-level value")
		}
	}
	if dec.err != nil {
		return dec.err
	}
	return dec.typeErr
}

// Rest returns the input after the values read so far, unchecked, and the first syntax error
// or type mismatch in them. A caller that needs only the start of a document now reads it and
// stops there (Members can check the whole later).
func (dec *Decoder) Rest() ([]byte, error) {
	if dec.err != nil {
		return nil, dec.err
	}
	return dec.d.s[dec.d.i:], dec.typeErr
}

func (dec *Decoder) fail(err error) {
	if dec.err == nil {
		dec.err = err
	}
	dec.open = dec.open[:0]
}

// peek returns the first byte of the next value, or 0 after an error or at the end of input.
func (dec *Decoder) peek() byte {
	if dec.err != nil {
		return 0
	}
	dec.d.space()
	if dec.d.i >= len(dec.d.s) {
		dec.fail(dec.d.eof())
		return 0
	}
	return dec.d.s[dec.d.i]
}

// mismatch records that the next value, JSON kind what, does not fit Go type typ, and skips it.
func (dec *Decoder) mismatch(what, typ string) {
	if dec.typeErr == nil {
		dec.typeErr = printf.Errorf("json: cannot unmarshal %s into Go value of type %s", what, typ)
	}
	dec.Skip()
}

// kind names the JSON kind of a value that starts with c, as encoding/json's errors do.
func kind(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	}
	return "number"
}

// Skip reads a value and drops it.
func (dec *Decoder) Skip() {
	if dec.peek() == 0 {
		return
	}
	if err := dec.d.skip(len(dec.open) + 1); err != nil {
		dec.fail(err)
	}
}

// Null reads the next value if it is null, and reports whether it was.
func (dec *Decoder) Null() bool {
	if dec.peek() != 'n' {
		return false
	}
	if err := dec.d.literal("null"); err != nil {
		dec.fail(err)
	}
	return true
}

// scalar reads null or a value that starts with one of the bytes in want. It returns the first
// byte, or 0 when the value was null, did not fit (typ names the Go type, for the error) or
// could not be read.
func (dec *Decoder) scalar(want, typ string) byte {
	c := dec.peek()
	switch {
	case c == 0:
		return 0
	case c == 'n':
		dec.Null()
		return 0
	case bytes.IndexByte([]byte(want), c) < 0:
		dec.misfit(c, typ)
		return 0
	}
	return c
}

// misfit handles a value that starts with c where Go type typ cannot take it: a punctuation
// mark is a syntax error; any other value is a mismatch, and is skipped.
func (dec *Decoder) misfit(c byte, typ string) {
	if c == '}' || c == ']' || c == ',' || c == ':' {
		dec.fail(dec.d.syntax("invalid character " + quoteChar(c) + " looking for beginning of value"))
		return
	}
	dec.mismatch(kind(c), typ)
}

// String reads a string. ok is false when the value was null or did not fit: encoding/json then
// leaves the Go string as it was.
func (dec *Decoder) String() (s string, ok bool) {
	if dec.scalar(`"`, "string") == 0 {
		return "", false
	}
	s, err := dec.d.str()
	if err != nil {
		dec.fail(err)
		return "", false
	}
	return s, true
}

const numberStart = "-0123456789"

// number reads a number's text, or returns "" (see scalar).
func (dec *Decoder) number(typ string) string {
	if dec.scalar(numberStart, typ) == 0 {
		return ""
	}
	num, err := dec.d.number()
	if err != nil {
		dec.fail(err)
		return ""
	}
	return num
}

// Int reads an integer that fits an int; a fraction, an exponent or an overflow is a mismatch.
func (dec *Decoder) Int() (int, bool) {
	num := dec.number("int")
	if num == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(num, 10, strconv.IntSize)
	if err != nil {
		if dec.typeErr == nil {
			dec.typeErr = printf.Errorf("json: cannot unmarshal number %s into Go value of type int", num)
		}
		return 0, false
	}
	return int(n), true
}

// Float reads a number as a float64; an overflow is a mismatch.
func (dec *Decoder) Float() (float64, bool) {
	num := dec.number("float64")
	if num == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		if dec.typeErr == nil {
			dec.typeErr = printf.Errorf("json: cannot unmarshal number %s into Go value of type float64", num)
		}
		return 0, false
	}
	return f, true
}

// Bool reads true or false.
func (dec *Decoder) Bool() (bool, bool) {
	c := dec.scalar("tf", "bool")
	if c == 0 {
		return false, false
	}
	word := "true"
	if c == 'f' {
		word = "false"
	}
	if err := dec.d.literal(word); err != nil {
		dec.fail(err)
		return false, false
	}
	return c == 't', true
}

// Any reads a value as encoding/json fills an empty interface: map[string]any, []any, string,
// float64, bool or nil.
func (dec *Decoder) Any() any {
	if dec.peek() == 0 {
		return nil
	}
	x, err := dec.d.any(len(dec.open) + 1)
	if err != nil {
		if _, ok := err.(*SyntaxError); ok {
			dec.fail(err)
		} else {
			// A number too large for a float64: encoding/json reports it once it has read
			// the rest of the document.
			if dec.typeErr == nil {
				dec.typeErr = err
			}
		}
		return nil
	}
	return x
}

// ObjectStart starts reading an object into Go type typ (named in a mismatch error). It
// returns false when the value is null or not an object; the value has then been read.
func (dec *Decoder) ObjectStart(typ string) bool { return dec.start('{', typ) }

// ArrayStart starts reading an array, as ObjectStart does an object.
func (dec *Decoder) ArrayStart(typ string) bool { return dec.start('[', typ) }

func (dec *Decoder) start(open byte, typ string) bool {
	c := dec.peek()
	switch {
	case c == 0:
		return false
	case c == 'n':
		dec.Null()
		return false
	case c != open:
		dec.misfit(c, typ)
		return false
	}
	if len(dec.open) >= maxDepth {
		dec.fail(dec.d.syntax("exceeded max depth"))
		return false
	}
	dec.d.i++
	dec.open = append(dec.open, open)
	dec.first = true
	return true
}

// More reports whether the object or array being read has another member or element, reading
// the comma before it, or the closing bracket after the last.
func (dec *Decoder) More() bool {
	if dec.err != nil || len(dec.open) == 0 {
		return false
	}
	open := dec.open[len(dec.open)-1]
	closer := byte(']')
	if open == '{' {
		closer = '}'
	}
	c := dec.peek()
	if c == 0 {
		return false
	}
	if dec.first {
		dec.first = false
		if c == closer {
			dec.d.i++
			dec.open = dec.open[:len(dec.open)-1]
			return false
		}
		return true
	}
	switch c {
	case ',':
		dec.d.i++
		return true
	case closer:
		dec.d.i++
		dec.open = dec.open[:len(dec.open)-1]
		return false
	}
	if open == '{' {
		dec.fail(dec.d.syntax("invalid character " + quoteChar(c) + " after object key:value pair"))
	} else {
		dec.fail(dec.d.syntax("invalid character " + quoteChar(c) + " after array element"))
	}
	return false
}

// Key reads a member's key and the colon after it. The bytes are valid until the next read.
func (dec *Decoder) Key() []byte {
	c := dec.peek()
	if c == 0 {
		return nil
	}
	if c != '"' {
		dec.fail(dec.d.syntax("invalid character " + quoteChar(c) + " looking for beginning of object key string"))
		return nil
	}
	key, err := dec.d.strBytes()
	if err != nil {
		dec.fail(err)
		return nil
	}
	switch c := dec.peek(); {
	case c == 0:
		return nil
	case c != ':':
		dec.fail(dec.d.syntax("invalid character " + quoteChar(c) + " after object key"))
		return nil
	}
	dec.d.i++
	return key
}

// Field returns the index of the struct field a key names among names, the fields' JSON names:
// the exact name, else the first that equals it without regard to case, as encoding/json
// matches. It returns -1 for a key that names no field.
func Field(key []byte, names []string) int {
	for i, n := range names {
		if n == string(key) {
			return i
		}
	}
	for i, n := range names {
		if bytes.EqualFold([]byte(n), key) {
			return i
		}
	}
	return -1
}

// ---------------------------------------------------------------------------------------------
// Encoding

// Encoder writes one JSON value as a json.Encoder does with SetIndent and SetEscapeHTML(false).
// The caller writes a struct as ObjectStart, then Key and a value for each member it writes,
// then ObjectEnd; an array as ArrayStart, then Elem and a value for each element, then
// ArrayEnd.
type Encoder struct {
	b              []byte
	prefix, indent string
	depth          int
	first          bool // nothing is written yet in the current object or array
	err            error
}

// NewEncoder returns an Encoder that indents as json.Encoder.SetIndent(prefix, indent) does;
// with both empty, it writes compact JSON.
func NewEncoder(prefix, indent string) *Encoder { return &Encoder{prefix: prefix, indent: indent} }

// Bytes returns the value written and a final newline, as json.Encoder.Encode does, or the
// first error (a NaN or an infinite float, or a type Any does not know).
func (e *Encoder) Bytes() ([]byte, error) {
	if e.err != nil {
		return nil, e.err
	}
	return append(e.b, '\n'), nil
}

func (e *Encoder) newline() {
	if e.indent == "" && e.prefix == "" {
		return
	}
	e.b = append(e.b, '\n')
	e.b = append(e.b, e.prefix...)
	for range e.depth {
		e.b = append(e.b, e.indent...)
	}
}

// ObjectStart writes the start of an object.
func (e *Encoder) ObjectStart() { e.open('{') }

// ArrayStart writes the start of an array.
func (e *Encoder) ArrayStart() { e.open('[') }

func (e *Encoder) open(c byte) {
	e.b = append(e.b, c)
	e.depth++
	e.first = true
}

// ObjectEnd writes the end of an object.
func (e *Encoder) ObjectEnd() { e.close('}') }

// ArrayEnd writes the end of an array.
func (e *Encoder) ArrayEnd() { e.close(']') }

func (e *Encoder) close(c byte) {
	e.depth--
	if !e.first {
		e.newline()
	}
	e.b = append(e.b, c)
	e.first = false
}

// Key writes a member's key, quoted as JSON (the generated code passes it quoted), and its colon.
func (e *Encoder) Key(quoted string) {
	e.Elem()
	e.b = append(e.b, quoted...)
	e.b = append(e.b, ':')
	if e.indent != "" || e.prefix != "" {
		e.b = append(e.b, ' ')
	}
}

// Elem starts an array element.
func (e *Encoder) Elem() {
	if !e.first {
		e.b = append(e.b, ',')
	}
	e.first = false
	e.newline()
}

// Null writes null.
func (e *Encoder) Null() { e.b = append(e.b, "null"...) }

// String writes a string.
func (e *Encoder) String(s string) { e.b = AppendString(e.b, s) }

// Bool writes true or false.
func (e *Encoder) Bool(v bool) { e.b = strconv.AppendBool(e.b, v) }

// Int writes an integer.
func (e *Encoder) Int(n int) { e.b = strconv.AppendInt(e.b, int64(n), 10) }

// Float writes a float64 as encoding/json does (like JavaScript's Number.toString). NaN and the
// infinities have no JSON form: they are an error, as in encoding/json.
func (e *Encoder) Float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		if e.err == nil {
			e.err = printf.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64))
		}
		e.b = append(e.b, '0')
		return
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b := strconv.AppendFloat(e.b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	e.b = b
}

// Any writes plain data as encoding/json does: nil, strings, bools, float64 and int, and maps
// (keys in sorted order) and slices of those. Another type is an error.
func (e *Encoder) Any(v any) {
	if e.depth > 1000 {
		if e.err == nil {
			e.err = printf.Errorf("json: nesting deeper than 1000")
		}
		e.Null()
		return
	}
	switch x := v.(type) {
	case nil:
		e.Null()
	case string:
		e.String(x)
	case bool:
		e.Bool(x)
	case float64:
		e.Float(x)
	case int:
		e.Int(x)
	case []any:
		if x == nil {
			e.Null()
			return
		}
		e.ArrayStart()
		for _, y := range x {
			e.Elem()
			e.Any(y)
		}
		e.ArrayEnd()
	case []string:
		if x == nil {
			e.Null()
			return
		}
		e.ArrayStart()
		for _, y := range x {
			e.Elem()
			e.String(y)
		}
		e.ArrayEnd()
	case map[string]any:
		if x == nil {
			e.Null()
			return
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		e.ObjectStart()
		for _, k := range keys {
			e.Key(string(AppendString(nil, k)))
			e.Any(x[k])
		}
		e.ObjectEnd()
	case map[string]string:
		if x == nil {
			e.Null()
			return
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		e.ObjectStart()
		for _, k := range keys {
			e.Key(string(AppendString(nil, k)))
			e.String(x[k])
		}
		e.ObjectEnd()
	default:
		if e.err == nil {
			e.err = printf.Errorf("jsonlite: cannot encode a value of this type (%v)", v)
		}
		e.Null()
	}
}
