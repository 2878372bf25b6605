// Package jsonlite reads and writes JSON exactly as encoding/json does, for plain data: structs
// with json tags, slices, arrays, maps with string or integer keys, pointers, strings, numbers,
// booleans and interface values that hold them. It exists for the WebAssembly playground: the
// module must read catalog.json and print the verdict byte for byte as "errdocs explain --json"
// does, and encoding/json costs it about 100 KB of brotli transfer. This package reuses the
// reflection that package fmt links anyway.
//
// It refuses what it does not do like encoding/json rather than guess: a type with its own
// MarshalJSON, UnmarshalJSON, MarshalText or UnmarshalText method, an embedded struct, or the
// ",string" tag option is an error. The tests check both directions against encoding/json on the
// shipped catalog, on every golden verdict and under fuzzing.
package jsonlite

import (
	"bytes"
	"encoding"
	"encoding/base64"
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/errdocs/errdocs/engine/printf"
)

// ErrUnsupported is wrapped by the errors for values this package does not handle like
// encoding/json.
var ErrUnsupported = errors.New("jsonlite: unsupported")

// field is one JSON member of a struct type.
type field struct {
	name      string
	index     int
	omitEmpty bool
}

var fieldCache sync.Map // reflect.Type → []field or error

type fieldsErr struct{ err error }

// fieldsOf lists the JSON members of struct type t, in declaration order.
func fieldsOf(t reflect.Type) ([]field, error) {
	if f, ok := fieldCache.Load(t); ok {
		if e, ok := f.(fieldsErr); ok {
			return nil, e.err
		}
		return f.([]field), nil
	}
	var out []field
	var err error
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		if sf.Anonymous {
			err = printf.Errorf("%w: embedded field %s in %s", ErrUnsupported, sf.Name, t)
			break
		}
		if !sf.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		f := field{name: name, index: i}
		for _, o := range strings.Split(opts, ",") {
			switch o {
			case "omitempty":
				f.omitEmpty = true
			case "", "omitzero":
				if o == "omitzero" {
					err = printf.Errorf("%w: omitzero on %s.%s", ErrUnsupported, t, sf.Name)
				}
			default:
				err = printf.Errorf("%w: tag option %q on %s.%s", ErrUnsupported, o, t, sf.Name)
			}
		}
		out = append(out, f)
	}
	if err != nil {
		fieldCache.Store(t, fieldsErr{err})
		return nil, err
	}
	fieldCache.Store(t, out)
	return out, nil
}

var (
	textMarshaler   = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonMarshaler   = reflect.TypeFor[interface{ MarshalJSON() ([]byte, error) }]()
	jsonUnmarshaler = reflect.TypeFor[interface{ UnmarshalJSON([]byte) error }]()
)

var customCache sync.Map // reflect.Type → bool

// custom reports whether t (or *t) has its own JSON or text encoding.
func custom(t reflect.Type) bool {
	if c, ok := customCache.Load(t); ok {
		return c.(bool)
	}
	c := false
	for _, x := range []reflect.Type{t, reflect.PointerTo(t)} {
		if x.Implements(jsonMarshaler) || x.Implements(jsonUnmarshaler) || x.Implements(textMarshaler) || x.Implements(textUnmarshaler) {
			c = true
		}
	}
	customCache.Store(t, c)
	return c
}

// ---------------------------------------------------------------------------------------------
// Encoding

// MarshalIndent is json.Encoder's Encode with SetIndent(prefix, indent) and SetEscapeHTML(false):
// the value, indented, and a final newline. With indent == "" and prefix == "" it is compact.
func MarshalIndent(v any, prefix, indent string) ([]byte, error) {
	e := encoder{prefix: prefix, indent: indent}
	if err := e.value(reflect.ValueOf(v), 0); err != nil {
		return nil, err
	}
	return append(e.b, '\n'), nil
}

type encoder struct {
	b              []byte
	prefix, indent string
	nest           int // pointers and interfaces followed, against cycles
}

func (e *encoder) newline(depth int) {
	if e.indent == "" && e.prefix == "" {
		return
	}
	e.b = append(e.b, '\n')
	e.b = append(e.b, e.prefix...)
	for range depth {
		e.b = append(e.b, e.indent...)
	}
}

func (e *encoder) pretty() bool { return e.indent != "" || e.prefix != "" }

func (e *encoder) value(v reflect.Value, depth int) error {
	if !v.IsValid() {
		e.b = append(e.b, "null"...)
		return nil
	}
	if depth+e.nest > 1000 {
		return printf.Errorf("%w: nesting deeper than 1000", ErrUnsupported)
	}
	t := v.Type()
	if t.Kind() != reflect.Interface && t.Kind() != reflect.Pointer && custom(t) {
		return printf.Errorf("%w: %s has its own encoding", ErrUnsupported, t)
	}
	switch t.Kind() {
	case reflect.Bool:
		e.b = strconv.AppendBool(e.b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.b = strconv.AppendInt(e.b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.b = strconv.AppendUint(e.b, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return e.float(v.Float(), t.Bits())
	case reflect.String:
		e.b = AppendString(e.b, v.String())
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			e.b = append(e.b, "null"...)
			return nil
		}
		if t.Kind() == reflect.Pointer && custom(t.Elem()) {
			return printf.Errorf("%w: %s has its own encoding", ErrUnsupported, t.Elem())
		}
		e.nest++
		defer func() { e.nest-- }()
		return e.value(v.Elem(), depth)
	case reflect.Struct:
		fs, err := fieldsOf(t)
		if err != nil {
			return err
		}
		e.b = append(e.b, '{')
		n := 0
		for _, f := range fs {
			fv := v.Field(f.index)
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			if n > 0 {
				e.b = append(e.b, ',')
			}
			n++
			e.newline(depth + 1)
			e.b = AppendString(e.b, f.name)
			e.b = append(e.b, ':')
			if e.pretty() {
				e.b = append(e.b, ' ')
			}
			if err := e.value(fv, depth+1); err != nil {
				return err
			}
		}
		if n > 0 {
			e.newline(depth)
		}
		e.b = append(e.b, '}')
	case reflect.Map:
		if v.IsNil() {
			e.b = append(e.b, "null"...)
			return nil
		}
		type kv struct {
			k string
			v reflect.Value
		}
		var kvs []kv
		for it := v.MapRange(); it.Next(); {
			k := it.Key()
			var ks string
			switch k.Kind() {
			case reflect.String:
				ks = k.String()
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
				ks = strconv.FormatInt(k.Int(), 10)
			case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
				ks = strconv.FormatUint(k.Uint(), 10)
			default:
				return printf.Errorf("%w: map key type %s", ErrUnsupported, k.Type())
			}
			kvs = append(kvs, kv{ks, it.Value()})
		}
		slices.SortFunc(kvs, func(a, b kv) int { return strings.Compare(a.k, b.k) })
		e.b = append(e.b, '{')
		for i, x := range kvs {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.newline(depth + 1)
			e.b = AppendString(e.b, x.k)
			e.b = append(e.b, ':')
			if e.pretty() {
				e.b = append(e.b, ' ')
			}
			if err := e.value(x.v, depth+1); err != nil {
				return err
			}
		}
		if len(kvs) > 0 {
			e.newline(depth)
		}
		e.b = append(e.b, '}')
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && v.IsNil() {
			e.b = append(e.b, "null"...)
			return nil
		}
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 && !custom(t.Elem()) {
			e.b = append(e.b, '"')
			e.b = base64.StdEncoding.AppendEncode(e.b, v.Bytes())
			e.b = append(e.b, '"')
			return nil
		}
		e.b = append(e.b, '[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.newline(depth + 1)
			if err := e.value(v.Index(i), depth+1); err != nil {
				return err
			}
		}
		if v.Len() > 0 {
			e.newline(depth)
		}
		e.b = append(e.b, ']')
	default:
		return printf.Errorf("%w: type %s", ErrUnsupported, t)
	}
	return nil
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// float writes f as encoding/json does: like ES6 number-to-string.
func (e *encoder) float(f float64, bits int) error {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return printf.Errorf("%w: float value %v", ErrUnsupported, f)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b := strconv.AppendFloat(e.b, f, format, -1, bits)
	if format == 'e' {
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	e.b = b
	return nil
}

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string, escaped as encoding/json does with HTML escaping off:
// quotes, backslashes and control characters, U+2028 and U+2029, and each byte of invalid UTF-8
// as \ufffd.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// ---------------------------------------------------------------------------------------------
// Decoding

// SyntaxError is a malformed JSON text, with the byte offset where reading stopped.
type SyntaxError struct {
	Msg    string
	Offset int
}

func (e *SyntaxError) Error() string { return printf.Sprintf("json: %s at offset %d", e.Msg, e.Offset) }

// Unmarshal reads the JSON text data into v, a non-nil pointer, as json.Unmarshal does: object
// keys match field names exactly or, failing that, without regard to case; unknown keys are
// skipped; null leaves a value as it is but clears pointers, maps, slices and interfaces.
func Unmarshal(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errors.New("jsonlite: Unmarshal needs a non-nil pointer")
	}
	d := decoder{s: data}
	d.space()
	if err := d.value(rv.Elem(), 0); err != nil {
		return err
	}
	d.space()
	if d.i < len(d.s) {
		return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after top-level value")
	}
	return nil
}

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
	return d.value(reflect.Value{}, depth)
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
func (d *decoder) value(v reflect.Value, depth int) error {
	if depth > 10000 {
		return d.syntax("exceeded max depth")
	}
	if d.i >= len(d.s) {
		return d.eof()
	}
	if v.IsValid() && v.Kind() != reflect.Interface && custom(v.Type()) {
		return printf.Errorf("%w: %s has its own encoding", ErrUnsupported, v.Type())
	}
	c := d.s[d.i]
	// Pointers: null clears them; anything else fills what they point to.
	if v.IsValid() && v.Kind() == reflect.Pointer {
		if c == 'n' {
			if err := d.literal("null"); err != nil {
				return err
			}
			v.SetZero()
			return nil
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return d.value(v.Elem(), depth+1)
	}
	if v.IsValid() && v.Kind() == reflect.Interface {
		if v.NumMethod() != 0 {
			return printf.Errorf("%w: interface type %s", ErrUnsupported, v.Type())
		}
		x, err := d.any(depth)
		if err != nil {
			return err
		}
		if x == nil {
			v.SetZero()
		} else {
			v.Set(reflect.ValueOf(x))
		}
		return nil
	}
	switch {
	case c == '{':
		return d.object(v, depth)
	case c == '[':
		return d.array(v, depth)
	case c == '"':
		s, err := d.str()
		if err != nil {
			return err
		}
		if !v.IsValid() {
			return nil
		}
		switch {
		case v.Kind() == reflect.String:
			v.SetString(s)
		case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return err
			}
			v.SetBytes(b)
		default:
			return typeErr("string", v)
		}
		return nil
	case c == 't' || c == 'f':
		word := "true"
		if c == 'f' {
			word = "false"
		}
		if err := d.literal(word); err != nil {
			return err
		}
		if !v.IsValid() {
			return nil
		}
		if v.Kind() != reflect.Bool {
			return typeErr("bool", v)
		}
		v.SetBool(c == 't')
		return nil
	case c == 'n':
		if err := d.literal("null"); err != nil {
			return err
		}
		if v.IsValid() {
			switch v.Kind() {
			case reflect.Map, reflect.Slice:
				v.SetZero()
			}
		}
		return nil
	case c == '-' || c >= '0' && c <= '9':
		num, err := d.number()
		if err != nil {
			return err
		}
		if !v.IsValid() {
			return nil
		}
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			n, err := strconv.ParseInt(num, 10, 64)
			if err != nil || v.OverflowInt(n) {
				return typeErr("number "+num, v)
			}
			v.SetInt(n)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			n, err := strconv.ParseUint(num, 10, 64)
			if err != nil || v.OverflowUint(n) {
				return typeErr("number "+num, v)
			}
			v.SetUint(n)
		case reflect.Float32, reflect.Float64:
			f, err := strconv.ParseFloat(num, v.Type().Bits())
			if err != nil || v.OverflowFloat(f) {
				return typeErr("number "+num, v)
			}
			v.SetFloat(f)
		default:
			return typeErr("number", v)
		}
		return nil
	}
	return d.syntax("invalid character " + quoteChar(c) + " looking for beginning of value")
}

func typeErr(what string, v reflect.Value) error {
	return printf.Errorf("json: cannot unmarshal %s into Go value of type %s", what, v.Type())
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

// object reads an object into a struct or a map (or skips it).
func (d *decoder) object(v reflect.Value, depth int) error {
	d.i++ // {
	var fs []field
	if v.IsValid() {
		switch v.Kind() {
		case reflect.Struct:
			var err error
			if fs, err = fieldsOf(v.Type()); err != nil {
				return err
			}
		case reflect.Map:
			switch v.Type().Key().Kind() {
			case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
				reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			default:
				return printf.Errorf("%w: map key type %s", ErrUnsupported, v.Type().Key())
			}
			if v.IsNil() {
				v.Set(reflect.MakeMap(v.Type()))
			}
		default:
			return typeErr("object", v)
		}
	}
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
		var f *field
		key := ""
		switch {
		case !v.IsValid():
		case v.Kind() == reflect.Struct:
			f = match(fs, keyb)
		default:
			key = string(keyb)
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
		switch {
		case !v.IsValid():
			err = d.value(reflect.Value{}, depth+1)
		case v.Kind() == reflect.Struct:
			target := reflect.Value{}
			if f != nil {
				target = v.Field(f.index)
			}
			err = d.value(target, depth+1)
		default: // map
			kt, et := v.Type().Key(), v.Type().Elem()
			kv := reflect.New(kt).Elem()
			if kt.Kind() == reflect.String {
				kv.SetString(key)
			} else if kt.Kind() >= reflect.Int && kt.Kind() <= reflect.Int64 {
				n, perr := strconv.ParseInt(key, 10, 64)
				if perr != nil || kv.OverflowInt(n) {
					return typeErr("number "+key, kv)
				}
				kv.SetInt(n)
			} else {
				n, perr := strconv.ParseUint(key, 10, 64)
				if perr != nil || kv.OverflowUint(n) {
					return typeErr("number "+key, kv)
				}
				kv.SetUint(n)
			}
			ev := reflect.New(et).Elem()
			if old := v.MapIndex(kv); old.IsValid() {
				ev.Set(old)
			}
			if err = d.value(ev, depth+1); err == nil {
				v.SetMapIndex(kv, ev)
			}
		}
		if err != nil {
			return err
		}
		d.space()
		if d.i >= len(d.s) {
			return d.eof()
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			return nil
		default:
			return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after object key:value pair")
		}
	}
}

// match finds the field for a key: the exact name, else the first whose name equals it without
// regard to case (Unicode simple folding), as encoding/json does.
func match(fs []field, key []byte) *field {
	for i := range fs {
		if fs[i].name == string(key) {
			return &fs[i]
		}
	}
	for i := range fs {
		if bytes.EqualFold([]byte(fs[i].name), key) {
			return &fs[i]
		}
	}
	return nil
}

// array reads an array into a slice or an array (or skips it).
func (d *decoder) array(v reflect.Value, depth int) error {
	d.i++ // [
	if v.IsValid() && v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return typeErr("array", v)
	}
	n := 0
	d.space()
	if d.i < len(d.s) && d.s[d.i] == ']' {
		d.i++
		d.finishArray(v, 0)
		return nil
	}
	for {
		d.space()
		var target reflect.Value
		if v.IsValid() {
			if v.Kind() == reflect.Slice {
				if n >= v.Cap() {
					v.Grow(1)
				}
				if n >= v.Len() {
					v.SetLen(n + 1)
				}
				target = v.Index(n)
				target.SetZero()
			} else if n < v.Len() {
				target = v.Index(n)
			}
		}
		if err := d.value(target, depth+1); err != nil {
			return err
		}
		n++
		d.space()
		if d.i >= len(d.s) {
			return d.eof()
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case ']':
			d.i++
			d.finishArray(v, n)
			return nil
		default:
			return d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after array element")
		}
	}
}

func (d *decoder) finishArray(v reflect.Value, n int) {
	if !v.IsValid() {
		return
	}
	if v.Kind() == reflect.Array {
		for i := n; i < v.Len(); i++ {
			v.Index(i).SetZero()
		}
		return
	}
	if n == 0 && v.IsNil() {
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		return
	}
	v.SetLen(n)
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

// number reads a number literal, checking its grammar.
func (d *decoder) number() (string, error) {
	start := d.i
	if d.s[d.i] == '-' {
		d.i++
	}
	digits := func() int {
		n := 0
		for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
			d.i++
			n++
		}
		return n
	}
	if d.i >= len(d.s) {
		return "", d.eof()
	}
	switch {
	case d.s[d.i] == '0':
		d.i++
	case d.s[d.i] >= '1' && d.s[d.i] <= '9':
		digits()
	default:
		return "", d.syntax("invalid character " + quoteChar(d.s[d.i]) + " in numeric literal")
	}
	if d.i < len(d.s) && d.s[d.i] == '.' {
		d.i++
		if d.i >= len(d.s) {
			return "", d.eof()
		}
		if digits() == 0 {
			return "", d.syntax("invalid character " + quoteChar(d.s[d.i]) + " after decimal point in numeric literal")
		}
	}
	if d.i < len(d.s) && (d.s[d.i] == 'e' || d.s[d.i] == 'E') {
		d.i++
		if d.i < len(d.s) && (d.s[d.i] == '+' || d.s[d.i] == '-') {
			d.i++
		}
		if d.i >= len(d.s) {
			return "", d.eof()
		}
		if digits() == 0 {
			return "", d.syntax("invalid character " + quoteChar(d.s[d.i]) + " in exponent of numeric literal")
		}
	}
	return string(d.s[start:d.i]), nil
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
			d.i++
			if d.i >= len(d.s) {
				return nil, d.eof()
			}
			switch e := d.s[d.i]; e {
			case '"', '\\', '/':
				b = append(b, e)
				d.i++
			case 'b':
				b = append(b, '\b')
				d.i++
			case 'f':
				b = append(b, '\f')
				d.i++
			case 'n':
				b = append(b, '\n')
				d.i++
			case 'r':
				b = append(b, '\r')
				d.i++
			case 't':
				b = append(b, '\t')
				d.i++
			case 'u':
				d.i++
				r, ok := d.hex4()
				if !ok {
					return nil, d.syntax("invalid character in \\u hexadecimal character escape")
				}
				if utf16.IsSurrogate(r) {
					// A high surrogate followed by \u and a low one is one character.
					if d.i+1 < len(d.s) && d.s[d.i] == '\\' && d.s[d.i+1] == 'u' {
						save := d.i
						d.i += 2
						r2, ok := d.hex4()
						if ok {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								b = utf8.AppendRune(b, dec)
								continue
							}
						}
						d.i = save
					}
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
			default:
				return nil, d.syntax("invalid character " + quoteChar(e) + " in string escape code")
			}
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

func (d *decoder) hex4() (rune, bool) {
	if d.i+4 > len(d.s) {
		return 0, false
	}
	var r rune
	for _, c := range d.s[d.i : d.i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	d.i += 4
	return r, true
}
