package schema

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/internal/jsonx"
	"github.com/errdocs/errdocs/internal/printf"
)

// Checking a JSON value against a compact schema, the way the APIs' validators do: properties in
// the schema's order, every failing field reported, a union answered by its first branch that
// fails only softly, and rules that span fields checked only when no field failed hard. That is
// zod's behaviour, which Plunk uses; it agrees with any validator that reports all issues.

// Issue is one failed keyword at one place in a value.
type Issue struct {
	Path []string
	// Keyword is the failed check: "required", "type", "integer", "enum", "const", "format",
	// "pattern", "minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum",
	// "union", "discriminator", "additional" or "rule".
	Keyword  string
	Message  string
	Code     string
	Received string
	// Abort says the value failed hard: zod stops a union branch and skips the rules of the
	// objects around it.
	Abort bool
	// Lenient says the server does not refuse it: advice only.
	Lenient bool
	// Node is the failing value; Parent the object that lacks a required property.
	Node, Parent *jsonx.Node
	// Hint is a "did you mean" text; FixTo and Fix say how to Fix it mechanically ("enum",
	// "quote", "unquote").
	Hint, FixTo, Fix string
	// Header and Query name the request part the value came from, when not the body.
	Header, Query string
}

// Dotted returns the issue's path as the APIs write it: "attachments.0.filename".
func (is *Issue) Dotted() string { return strings.Join(is.Path, ".") }

// Pointer returns the issue's path as a JSON Pointer: "/attachments/0/filename".
func (is *Issue) Pointer() string { return JSONPointer(is.Path) }

// JSONPointer writes a path as a JSON Pointer (RFC 6901): "" for the whole value.
func JSONPointer(path []string) string {
	if len(path) == 0 {
		return ""
	}
	var b strings.Builder
	for _, s := range path {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1"))
	}
	return b.String()
}

// Reserved is a value the server refuses after the schema passed.
type Reserved struct {
	Issue *catalog.Issue
	Path  []string
	Node  *jsonx.Node
}

// Needed is a field the server needs after the schema passed.
type Needed struct {
	Need   catalog.Needed
	Path   []string
	Parent *jsonx.Node
	// Maybe says a field named in Unless was sent, so the need may be met by it.
	Maybe bool
}

// Answer is a rule whose failure has an answer of its own.
type Answer struct {
	Issue *catalog.Issue
	Path  []string
	Node  *jsonx.Node
}

// Validator checks values against the schemas of one API. Reserved, Needed and Answers collect
// what the API's predict: block says the server refuses or needs after the schema passed.
type Validator struct {
	API  *catalog.API
	Pred *catalog.Predict
	// Skip holds the JSON pointers of values written as expressions that could not be read.
	Skip     map[string]bool
	Reserved []Reserved
	Needed   []Needed
	Answers  []Answer
	depth    int
	// quiet > 0 while trying union branches: side findings are not recorded.
	quiet int
}

// Resolve follows s's $ref (catalog.API.Resolve); nil when it leads nowhere.
func (v *Validator) Resolve(s *catalog.Schema) *catalog.Schema { return v.API.Resolve(s) }

// Member returns an object's member named key (the last one, as JSON.parse keeps), or nil.
func Member(n *jsonx.Node, key string) *jsonx.Node {
	if n == nil || n.Kind != jsonx.Object {
		return nil
	}
	for i := len(n.Vals) - 1; i >= 0; i-- {
		if n.Vals[i].Key == key {
			return n.Vals[i]
		}
	}
	return nil
}

// appendPath extends a path while walking the value depth first. Siblings share the backing
// array, so anything that keeps a path must copy it (keepPath).
func appendPath(path []string, seg string) []string {
	return append(path, seg)
}

// keepPath copies a path for an issue or a finding to keep.
func keepPath(path []string) []string {
	return append([]string(nil), path...)
}

// jsonTypeName is the name a validator gives a JSON value's type.
func jsonTypeName(n *jsonx.Node) string {
	if n == nil {
		return "undefined"
	}
	switch n.Kind {
	case jsonx.Number:
		return "number"
	case jsonx.Bool:
		return "boolean"
	}
	return n.Kind.String()
}

func isIntegral(lit string) bool {
	f, err := strconv.ParseFloat(lit, 64)
	return err == nil && f == math.Trunc(f) && !math.IsInf(f, 0)
}

func typeAllows(types []string, n *jsonx.Node) bool {
	for _, t := range types {
		switch t {
		case "integer", "number":
			if n.Kind == jsonx.Number {
				return true
			}
		case "string":
			if n.Kind == jsonx.String {
				return true
			}
		case "boolean":
			if n.Kind == jsonx.Bool {
				return true
			}
		case "object":
			if n.Kind == jsonx.Object {
				return true
			}
		case "array":
			if n.Kind == jsonx.Array {
				return true
			}
		case "null":
			if n.Kind == jsonx.Null {
				return true
			}
		}
	}
	return false
}

// nullOnly reports whether a schema allows only null ({type: 'null'}).
func nullOnly(s *catalog.Schema) bool {
	return s != nil && len(s.Type) == 1 && s.Type[0] == "null"
}

// constraintOnly reports whether union branches only constrain an object's properties (a rule
// across fields, such as "template, or subject and body"), rather than offer types.
func constraintOnly(branches []*catalog.Schema) bool {
	for _, b := range branches {
		if b.Ref != "" || len(b.Type) > 0 || len(b.Enum) > 0 || b.Items != nil || len(b.AnyOf) > 0 || len(b.OneOf) > 0 {
			return false
		}
	}
	return len(branches) > 0
}

// lenientFor reports whether s is lenient about keyword. A lenient text that starts with a
// keyword and a colon ("format: …") covers that keyword only.
func lenientFor(s *catalog.Schema, keyword string) bool {
	if s == nil || s.Lenient == "" {
		return false
	}
	head, _, ok := strings.Cut(s.Lenient, ":")
	if ok && isKeyword(head) {
		return head == keyword || head == "type" && keyword == "integer"
	}
	return true
}

func isKeyword(s string) bool {
	switch s {
	case "required", "type", "enum", "const", "format", "pattern", "minLength", "maxLength", "minItems",
		"maxItems", "minimum", "maximum", "oneOf", "anyOf", "additionalProperties":
		return true
	}
	return false
}

// Validate checks n against s. It returns the issues in the order the server reports them, and
// whether n failed hard.
func (v *Validator) Validate(n *jsonx.Node, s *catalog.Schema, path []string, lenient bool) ([]*Issue, bool) {
	s = v.Resolve(s)
	if s == nil || n == nil || v.depth > 64 {
		return nil, false
	}
	if len(v.Skip) > 0 && v.Skip[JSONPointer(path)] {
		return nil, false
	}
	v.depth++
	out, aborted := v.check(n, s, path, lenient)
	v.depth--
	return out, aborted
}

// check is validate's work, on a resolved schema.
func (v *Validator) check(n *jsonx.Node, s *catalog.Schema, path []string, lenient bool) (out []*Issue, aborted bool) {
	if s.Lenient != "" && lenientFor(s, "*") {
		lenient = true
	}
	add := func(is []*Issue, ab bool) {
		out = append(out, is...)
		aborted = aborted || ab
	}
	for _, sub := range s.AllOf {
		add(v.Validate(n, sub, path, lenient))
	}
	union := s.OneOf
	if len(union) == 0 {
		union = s.AnyOf
	}
	typedUnion := len(union) > 0 && !constraintOnly(union)
	if typedUnion {
		add(v.union(n, s, union, path, lenient))
		if aborted || len(s.Type) == 0 {
			return out, aborted
		}
	}
	if len(s.Type) > 0 && !typeAllows(s.Type, n) {
		exp := s.Type[0]
		if exp == "null" && len(s.Type) > 1 {
			exp = s.Type[1]
		}
		is := v.Issue(s, "type", path, n, lenient, Vars{expected: v.typeName(exp), Received: jsonTypeName(n)})
		v.typeFix(is, s, n)
		add([]*Issue{is}, !is.Lenient)
		return out, aborted
	}
	if n.Kind == jsonx.Null {
		return out, aborted
	}
	if n.Kind == jsonx.Number && slices.Contains(s.Type, "integer") && !slices.Contains(s.Type, "number") && !isIntegral(n.Str) {
		add([]*Issue{v.Issue(s, "integer", path, n, lenient, Vars{Received: "float"})}, false)
	}
	if len(s.Enum) > 0 {
		if !enumHas(s.Enum, n) {
			add([]*Issue{v.enumIssue(s, path, n, lenient)}, !lenient && !lenientFor(s, "enum"))
			return out, aborted
		}
	}
	switch n.Kind {
	case jsonx.String:
		add(v.stringChecks(n, s, path, lenient), false)
	case jsonx.Number:
		add(v.numberChecks(n, s, path, lenient), false)
	case jsonx.Array:
		add(v.arrayChecks(n, s, path, lenient))
	case jsonx.Object:
		add(v.objectChecks(n, s, path, lenient))
	}
	return out, aborted
}

func (v *Validator) typeName(t string) string {
	if n, ok := v.Pred.TypeNames[t]; ok {
		return n
	}
	return t
}

// typeFix marks a type issue that quoting or unquoting the value fixes: the value written the
// other way must pass the schema.
func (v *Validator) typeFix(is *Issue, s *catalog.Schema, n *jsonx.Node) {
	want := s.Type[0]
	passes := func(alt *jsonx.Node) bool {
		v.quiet++
		issues, _ := v.Validate(alt, s, is.Path, false)
		v.quiet--
		return len(blocking(issues)) == 0
	}
	switch {
	case want == "string" && (n.Kind == jsonx.Number || n.Kind == jsonx.Bool):
		if !passes(&jsonx.Node{Kind: jsonx.String, Str: n.Str, KeyOff: -1}) {
			return
		}
	case (want == "number" || want == "integer") && n.Kind == jsonx.String:
		if !passes(&jsonx.Node{Kind: jsonx.Number, Str: n.Str, KeyOff: -1}) {
			return
		}
	case want == "boolean" && n.Kind == jsonx.String:
		if !passes(&jsonx.Node{Kind: jsonx.Bool, Str: n.Str, KeyOff: -1}) {
			return
		}
	}
	switch {
	case want == "string" && (n.Kind == jsonx.Number || n.Kind == jsonx.Bool):
		is.Fix, is.FixTo = "quote", n.Str
		is.Hint = "Quote the value: " + strconv.Quote(n.Str) + "."
	case (want == "number" || want == "integer") && n.Kind == jsonx.String:
		if _, err := strconv.ParseFloat(n.Str, 64); err == nil && strings.TrimSpace(n.Str) == n.Str && n.Str != "" &&
			(want == "number" || isIntegral(n.Str)) && !strings.ContainsAny(n.Str, "xX_") {
			is.Fix, is.FixTo = "unquote", n.Str
			is.Hint = "Send the number without quotes: " + n.Str + "."
		}
	case want == "boolean" && n.Kind == jsonx.String && (n.Str == "true" || n.Str == "false"):
		is.Fix, is.FixTo = "unquote", n.Str
		is.Hint = "Send the boolean without quotes: " + n.Str + "."
	}
}

// union checks n against typed union branches, as zod's union does: the first branch that
// passes wins; else the first branch that failed only softly gives its issues; else one issue
// for the whole union.
func (v *Validator) union(n *jsonx.Node, s *catalog.Schema, branches []*catalog.Schema, path []string, lenient bool) ([]*Issue, bool) {
	var rest []*catalog.Schema
	nullable := false
	for _, b := range branches {
		if nullOnly(v.Resolve(b)) {
			nullable = true
		} else {
			rest = append(rest, b)
		}
	}
	if nullable && n.Kind == jsonx.Null {
		return nil, false
	}
	if len(rest) == 1 {
		return v.Validate(n, rest[0], path, lenient)
	}
	if prop, values, ok := v.discriminator(rest); ok && n.Kind == jsonx.Object {
		d := Member(n, prop)
		for i, val := range values {
			if d != nil && d.Kind == jsonx.String && d.Str == val {
				return v.Validate(n, rest[i], path, lenient)
			}
		}
		vars := Vars{options: v.options(anySlice(values)), Value: d.Text()}
		is := v.Issue(s, "discriminator", appendPath(path, prop), d, lenient, vars)
		if d != nil && d.Kind == jsonx.String {
			v.didYouMean(is, values, d.Str)
		}
		if d == nil {
			is.Parent = n
		}
		return []*Issue{is}, !is.Lenient
	}
	var soft []*Issue
	found := false
	for _, b := range rest {
		// What a branch finds beyond its issues counts only if the branch is chosen.
		nr, nn, na := len(v.Reserved), len(v.Needed), len(v.Answers)
		is, ab := v.Validate(n, b, path, lenient)
		if len(blocking(is)) == 0 {
			return is, false
		}
		v.Reserved, v.Needed, v.Answers = v.Reserved[:nr], v.Needed[:nn], v.Answers[:na]
		if !ab && !found {
			soft, found = is, true
		}
	}
	if found {
		return soft, false
	}
	is := v.Issue(s, "union", path, n, lenient, Vars{})
	return []*Issue{is}, !is.Lenient
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// discriminator finds a property every branch fixes to a string const, such as "mode".
func (v *Validator) discriminator(branches []*catalog.Schema) (string, []string, bool) {
	first := v.Resolve(branches[0])
	if first == nil {
		return "", nil, false
	}
	for _, p := range first.Properties {
		var values []string
		for _, b := range branches {
			b = v.Resolve(b)
			var ps *catalog.Schema
			for _, q := range b.Properties {
				if q.Name == p.Name {
					ps = v.Resolve(q.Schema)
				}
			}
			if ps == nil || !ps.Const || len(ps.Enum) != 1 {
				values = nil
				break
			}
			str, ok := ps.Enum[0].(string)
			if !ok {
				values = nil
				break
			}
			values = append(values, str)
		}
		if len(values) == len(branches) {
			return p.Name, values, true
		}
	}
	return "", nil, false
}

// blocking returns the issues that are not lenient.
func blocking(is []*Issue) []*Issue {
	var out []*Issue
	for _, i := range is {
		if !i.Lenient {
			out = append(out, i)
		}
	}
	return out
}

func enumHas(enum []any, n *jsonx.Node) bool {
	for _, e := range enum {
		switch x := e.(type) {
		case string:
			if n.Kind == jsonx.String && n.Str == x {
				return true
			}
		case float64:
			if n.Kind == jsonx.Number {
				if f, err := strconv.ParseFloat(n.Str, 64); err == nil && f == x {
					return true
				}
			}
		case int:
			if n.Kind == jsonx.Number {
				if f, err := strconv.ParseFloat(n.Str, 64); err == nil && f == float64(x) {
					return true
				}
			}
		case bool:
			if n.Kind == jsonx.Bool && n.Str == strconv.FormatBool(x) {
				return true
			}
		case nil:
			if n.Kind == jsonx.Null {
				return true
			}
		}
	}
	return false
}

// literal writes an enum value as JSON.
func literal(e any) string {
	switch x := e.(type) {
	case string:
		return strconv.Quote(x)
	case float64:
		return formatNumber(x)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return "null"
	}
	return printf.Sprintf("%v", e)
}

// options lists enum values the way the API's messages do.
func (v *Validator) options(enum []any) string {
	opt, sep := v.Pred.EnumOption, v.Pred.EnumSeparator
	if opt == "" {
		opt = "{value}"
	}
	if sep == "" {
		sep = ", "
	}
	parts := make([]string, 0, len(enum))
	for _, e := range enum {
		s, ok := e.(string)
		if !ok {
			s = literal(e)
		}
		parts = append(parts, strings.ReplaceAll(opt, "{value}", s))
	}
	return strings.Join(parts, sep)
}
