package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Strict front matter.
//
// Front matter and errdocs's own OpenAPI extensions are checked against the Go types they
// decode into before they are decoded: every mapping key must name a field, and every value
// must have the YAML kind its field's type takes (a list for a slice, a mapping for a struct or
// a map, a number for a number). Each problem is reported at its own line, all of them at
// once, naming the key's path and what was expected; a near miss of a known key gets "did you
// mean". The rules come from reflection over the types, so a key added to a type is covered,
// and documented (see reference.go), with no more work.

// FrontMatterType is the Go type every page's front matter decodes into. Its fields' "page"
// tags say which kinds of page take them ("api" for an API's index.md, "error" for an error
// page, "page" for any other; none for every page), a "!" after a kind that the key is
// required there.
var FrontMatterType = reflect.TypeOf(frontMatter{})

// typeProblem is one key or value that does not fit its Go type.
type typeProblem struct {
	line int
	msg  string
}

// checkTyped reports, into out, every key of n that t has no field for and every value whose
// YAML kind does not fit its Go type. at is the dotted path of n, for messages.
func checkTyped(n *ynode, t reflect.Type, at string, out *[]typeProblem) {
	checkValue(n, t, at, out, 0)
}

func checkValue(n *ynode, t reflect.Type, at string, out *[]typeProblem, depth int) {
	if n == nil || depth > 100 {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.kind == yScalar && n.val == nil {
		return // null (or an empty value) is the zero value of any type
	}
	if decodesItself(t) {
		// A type that reads several forms itself (a path or a list of paths, say) is the judge.
		if err := decodeCustom(n, reflect.New(t), depth); err != nil {
			msg := firstLine(err.Error())
			if at != "" {
				msg = at + ": " + msg
			}
			*out = append(*out, typeProblem{n.line, msg})
		}
		return
	}
	bad := func() {
		msg := fmt.Sprintf("want %s, got %s", TypeWords(t), nodeWords(n))
		if at != "" {
			msg = at + ": " + msg
		}
		*out = append(*out, typeProblem{n.line, msg})
	}
	switch t.Kind() {
	case reflect.Interface:
		return
	case reflect.Struct:
		if n.kind != yMap {
			bad()
			return
		}
		fields := structKeys(t)
		open := reflect.PointerTo(t).Implements(openObjectType)
		for i, k := range n.keys {
			f, ok := fields[k]
			if !ok {
				if open && !strings.HasPrefix(k, "x-errdocs") {
					continue
				}
				*out = append(*out, typeProblem{n.keyLine(i), unknownKey(at, k, fields)})
				continue
			}
			checkValue(n.vals[i], f.Type, join(at, k), out, depth+1)
		}
	case reflect.Map:
		if n.kind != yMap {
			bad()
			return
		}
		for i, k := range n.keys {
			if _, err := mapKey(k, t.Key()); err != nil {
				*out = append(*out, typeProblem{n.keyLine(i), fmt.Sprintf("%s: key %q: %v", nameOf(at), k, err)})
				continue
			}
			checkValue(n.vals[i], t.Elem(), join(at, k), out, depth+1)
		}
	case reflect.Slice, reflect.Array:
		if n.kind != ySeq {
			bad()
			return
		}
		for i, v := range n.vals {
			checkValue(v, t.Elem(), at+"["+strconv.Itoa(i)+"]", out, depth+1)
		}
	}
	if n.kind != yScalar {
		if k := t.Kind(); k != reflect.Struct && k != reflect.Map && k != reflect.Slice && k != reflect.Array {
			bad()
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		// A number is a fine string (a numeric error code); a mapping, a list or a boolean is not.
		switch n.val.(type) {
		case string, int64, uint64, float64:
		default:
			bad()
		}
	case reflect.Bool:
		if _, ok := n.val.(bool); !ok {
			bad()
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		switch v := n.val.(type) {
		case int64, uint64:
		case float64:
			if v != math.Trunc(v) {
				bad()
			}
		default:
			bad()
		}
	case reflect.Float32, reflect.Float64:
		switch n.val.(type) {
		case int64, uint64, float64:
		default:
			bad()
		}
	}
}

func (n *ynode) keyLine(i int) int {
	if i < len(n.klines) && n.klines[i] > 0 {
		return n.klines[i]
	}
	return n.vals[i].line
}

func join(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}

// StructKey is the YAML key of a struct field, and whether the field is decoded at all: the
// "yaml" tag, else the "json" tag, else the field's name in lower case.
func StructKey(f reflect.StructField) (key string, ok bool) {
	if !f.IsExported() {
		return "", false
	}
	for _, tag := range []string{"yaml", "json"} {
		if v, has := f.Tag.Lookup(tag); has {
			name, _, _ := strings.Cut(v, ",")
			if name == "-" {
				return "", false
			}
			if name != "" {
				return name, true
			}
			break
		}
	}
	return strings.ToLower(f.Name), true
}

// structKeys maps each YAML key of a struct type to its field.
// An embedded struct tagged ",inline" adds its own keys.
func structKeys(t reflect.Type) map[string]reflect.StructField {
	m := map[string]reflect.StructField{}
	for _, f := range StructFields(t) {
		k, _ := StructKey(f)
		m[k] = f
	}
	return m
}

// StructFields are the fields of a struct type that YAML keys decode into, in order, with
// those of embedded structs tagged ",inline" in their place.
func StructFields(t reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct && strings.Contains(f.Tag.Get("yaml"), ",inline") {
			for _, g := range StructFields(f.Type) {
				g.Index = append([]int{i}, g.Index...)
				out = append(out, g)
			}
			continue
		}
		if _, ok := StructKey(f); ok {
			out = append(out, f)
		}
	}
	return out
}

func unknownKey(at, key string, fields map[string]reflect.StructField) string {
	known := make([]string, 0, len(fields))
	for k := range fields {
		known = append(known, k)
	}
	sort.Strings(known)
	where := ""
	if at != "" {
		where = at + ": "
	}
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(key), k); d < bestD && d <= len(k)/3+1 {
			best, bestD = k, d
		}
	}
	if best != "" {
		return fmt.Sprintf("%sunknown key %q (did you mean %q?)", where, key, best)
	}
	return fmt.Sprintf("%sunknown key %q (known keys: %s)", where, key, strings.Join(known, ", "))
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// TypeWords says in words what YAML a Go type takes: "a string", "a list of integers", "a
// mapping".
func TypeWords(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list of " + plural(TypeWords(t.Elem()))
	case reflect.Map:
		return "a mapping of names to " + plural(TypeWords(t.Elem()))
	case reflect.Struct:
		return "a mapping"
	}
	return "any value"
}

func plural(words string) string {
	switch words {
	case "true or false":
		return "booleans"
	case "any value":
		return "values"
	}
	w := strings.TrimPrefix(strings.TrimPrefix(words, "an "), "a ")
	if first, rest, ok := strings.Cut(w, " "); ok {
		return first + "s " + rest
	}
	return w + "s"
}

// nodeWords says what a YAML node is, quoting a short scalar.
func nodeWords(n *ynode) string {
	switch n.kind {
	case yMap:
		return "a mapping"
	case ySeq:
		return "a list"
	}
	switch v := n.val.(type) {
	case string:
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return "the string " + strconv.Quote(v)
	case bool:
		return "the boolean " + strconv.FormatBool(v)
	case int64, uint64:
		return fmt.Sprintf("the integer %v", v)
	case float64:
		return "the number " + strconv.FormatFloat(v, 'g', -1, 64)
	}
	return "a value"
}

// decodeNode stores n in v, by the same key rules as checkTyped, which must have passed: a
// value of the wrong kind is left at its zero value.
func decodeNode(n *ynode, v reflect.Value, depth int) {
	if n == nil || depth > 200 || (n.kind == yScalar && n.val == nil) {
		return
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		decodeNode(n, v.Elem(), depth+1)
		return
	}
	t := v.Type()
	if decodesItself(t) && v.CanAddr() {
		_ = decodeCustom(n, v.Addr(), depth) // checkValue reported its error
		return
	}
	switch t.Kind() {
	case reflect.Interface:
		if x := goValue(n); x != nil {
			v.Set(reflect.ValueOf(x))
		}
	case reflect.Struct:
		fields := structKeys(t)
		for i, k := range n.keys {
			if f, ok := fields[k]; ok {
				decodeNode(n.vals[i], v.FieldByIndex(f.Index), depth+1)
			}
		}
	case reflect.Map:
		if n.kind != yMap {
			return
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(t))
		}
		for i, k := range n.keys {
			e := reflect.New(t.Elem()).Elem()
			decodeNode(n.vals[i], e, depth+1)
			if key, err := mapKey(k, t.Key()); err == nil {
				v.SetMapIndex(key, e)
			}
		}
	case reflect.Slice:
		if n.kind != ySeq {
			return
		}
		s := reflect.MakeSlice(t, len(n.vals), len(n.vals))
		for i, e := range n.vals {
			decodeNode(e, s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.String:
		if s, ok := n.val.(string); ok {
			v.SetString(s)
		} else if n.kind == yScalar {
			v.SetString(n.raw)
		}
	case reflect.Bool:
		if b, ok := n.val.(bool); ok {
			v.SetBool(b)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		switch x := n.val.(type) {
		case int64:
			v.SetInt(x)
		case uint64:
			v.SetInt(int64(x))
		case float64:
			v.SetInt(int64(x))
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		switch x := n.val.(type) {
		case int64:
			v.SetUint(uint64(x))
		case uint64:
			v.SetUint(x)
		case float64:
			v.SetUint(uint64(x))
		}
	case reflect.Float32, reflect.Float64:
		switch x := n.val.(type) {
		case int64:
			v.SetFloat(float64(x))
		case uint64:
			v.SetFloat(float64(x))
		case float64:
			v.SetFloat(x)
		}
	}
}

// yamlFuncUnmarshaler is the decoding hook of goccy/go-yaml and yaml.v2 (and yaml.v3's older
// one): a type that needs no YAML import can implement it.
type yamlFuncUnmarshaler interface {
	UnmarshalYAML(unmarshal func(any) error) error
}

var (
	yamlFuncType        = reflect.TypeOf((*yamlFuncUnmarshaler)(nil)).Elem()
	jsonUnmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
)

// decodesItself reports whether t reads its own YAML: through UnmarshalYAML(func(any) error)
// or, for the catalog's types, which travel as JSON and link no YAML, UnmarshalJSON (given the
// value as JSON).
func decodesItself(t reflect.Type) bool {
	pt := reflect.PointerTo(t)
	return pt.Implements(yamlFuncType) || pt.Implements(jsonUnmarshalerType)
}

// decodeCustom decodes n into ptr, a pointer to a type that decodes itself.
func decodeCustom(n *ynode, ptr reflect.Value, depth int) error {
	if depth > 100 {
		return errors.New("nested too deeply")
	}
	if u, ok := ptr.Interface().(yamlFuncUnmarshaler); ok {
		return u.UnmarshalYAML(func(x any) error {
			rv := reflect.ValueOf(x)
			if rv.Kind() != reflect.Pointer || rv.IsNil() {
				return errors.New("UnmarshalYAML: want a non-nil pointer")
			}
			var bad []typeProblem
			checkValue(n, rv.Elem().Type(), "", &bad, depth+1)
			if len(bad) > 0 {
				return errors.New(bad[0].msg)
			}
			decodeNode(n, rv.Elem(), depth+1)
			return nil
		})
	}
	text, err := jsonOf(n)
	if err != nil {
		return err
	}
	return ptr.Interface().(json.Unmarshaler).UnmarshalJSON([]byte(text))
}

// mapKey converts a mapping key to a map's key type: a string, or an integer ("429").
func mapKey(k string, t reflect.Type) (reflect.Value, error) {
	switch t.Kind() {
	case reflect.String:
		return reflect.ValueOf(k).Convert(t), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(k, 10, t.Bits())
		if err != nil {
			return reflect.Value{}, errors.New("want an integer")
		}
		return reflect.ValueOf(n).Convert(t), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(k, 10, t.Bits())
		if err != nil {
			return reflect.Value{}, errors.New("want a positive integer")
		}
		return reflect.ValueOf(n).Convert(t), nil
	}
	return reflect.Value{}, fmt.Errorf("keys of type %s are not supported", t)
}

func nameOf(at string) string {
	if at == "" {
		return "front matter"
	}
	return at
}
