package reqcheck

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

// vIssue is one failed keyword at one place in a value.
type vIssue struct {
	path []string
	// keyword is the failed check: "required", "type", "integer", "enum", "const", "format",
	// "pattern", "minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum",
	// "union", "discriminator", "additional" or "rule".
	keyword  string
	message  string
	code     string
	received string
	// abort says the value failed hard: zod stops a union branch and skips the rules of the
	// objects around it.
	abort bool
	// lenient says the server does not refuse it: advice only.
	lenient bool
	// node is the failing value; parent the object that lacks a required property.
	node, parent *jsonx.Node
	// hint is a "did you mean" text; fixTo and fix say how to fix it mechanically ("enum",
	// "quote", "unquote").
	hint, fixTo, fix string
	// header and query name the request part the value came from, when not the body.
	header, query string
}

// dotted returns the issue's path as the APIs write it: "attachments.0.filename".
func (is *vIssue) dotted() string { return strings.Join(is.path, ".") }

// pointer returns the issue's path as a JSON pointer: "/attachments/0/filename".
func (is *vIssue) pointer() string { return jsonPointer(is.path) }

func jsonPointer(path []string) string {
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

// reservedHit is a value the server refuses after the schema passed.
type reservedHit struct {
	issue *catalog.Issue
	path  []string
	node  *jsonx.Node
}

// neededHit is a field the server needs after the schema passed.
type neededHit struct {
	need   catalog.Needed
	path   []string
	parent *jsonx.Node
	// maybe says a field named in Unless was sent, so the need may be met by it.
	maybe bool
}

// ruleAnswer is a rule whose failure has an answer of its own.
type ruleAnswer struct {
	issue *catalog.Issue
	path  []string
	node  *jsonx.Node
}

type validator struct {
	api  *catalog.API
	pred *catalog.Predict
	// skip holds the JSON pointers of values written as expressions that could not be read.
	skip     map[string]bool
	reserved []reservedHit
	needed   []neededHit
	answers  []ruleAnswer
	depth    int
	// quiet > 0 while trying union branches: side findings are not recorded.
	quiet int
}

// resolve follows s's $ref (catalog.API.Resolve); nil when it leads nowhere.
func (v *validator) resolve(s *catalog.Schema) *catalog.Schema { return v.api.Resolve(s) }

// member returns an object's member named key (the last one, as JSON.parse keeps), or nil.
func member(n *jsonx.Node, key string) *jsonx.Node {
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

// validate checks n against s. It returns the issues in the order the server reports them, and
// whether n failed hard.
func (v *validator) validate(n *jsonx.Node, s *catalog.Schema, path []string, lenient bool) ([]*vIssue, bool) {
	s = v.resolve(s)
	if s == nil || n == nil || v.depth > 64 {
		return nil, false
	}
	if len(v.skip) > 0 && v.skip[jsonPointer(path)] {
		return nil, false
	}
	v.depth++
	out, aborted := v.check(n, s, path, lenient)
	v.depth--
	return out, aborted
}

// check is validate's work, on a resolved schema.
func (v *validator) check(n *jsonx.Node, s *catalog.Schema, path []string, lenient bool) (out []*vIssue, aborted bool) {
	if s.Lenient != "" && lenientFor(s, "*") {
		lenient = true
	}
	add := func(is []*vIssue, ab bool) {
		out = append(out, is...)
		aborted = aborted || ab
	}
	for _, sub := range s.AllOf {
		add(v.validate(n, sub, path, lenient))
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
		is := v.issue(s, "type", path, n, lenient, msgVars{expected: v.typeName(exp), received: jsonTypeName(n)})
		v.typeFix(is, s, n)
		add([]*vIssue{is}, !is.lenient)
		return out, aborted
	}
	if n.Kind == jsonx.Null {
		return out, aborted
	}
	if n.Kind == jsonx.Number && slices.Contains(s.Type, "integer") && !slices.Contains(s.Type, "number") && !isIntegral(n.Str) {
		add([]*vIssue{v.issue(s, "integer", path, n, lenient, msgVars{received: "float"})}, false)
	}
	if len(s.Enum) > 0 {
		if !enumHas(s.Enum, n) {
			add([]*vIssue{v.enumIssue(s, path, n, lenient)}, !lenient && !lenientFor(s, "enum"))
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

func (v *validator) typeName(t string) string {
	if n, ok := v.pred.TypeNames[t]; ok {
		return n
	}
	return t
}

// typeFix marks a type issue that quoting or unquoting the value fixes: the value written the
// other way must pass the schema.
func (v *validator) typeFix(is *vIssue, s *catalog.Schema, n *jsonx.Node) {
	want := s.Type[0]
	passes := func(alt *jsonx.Node) bool {
		v.quiet++
		issues, _ := v.validate(alt, s, is.path, false)
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
		is.fix, is.fixTo = "quote", n.Str
		is.hint = "Quote the value: " + strconv.Quote(n.Str) + "."
	case (want == "number" || want == "integer") && n.Kind == jsonx.String:
		if _, err := strconv.ParseFloat(n.Str, 64); err == nil && strings.TrimSpace(n.Str) == n.Str && n.Str != "" &&
			(want == "number" || isIntegral(n.Str)) && !strings.ContainsAny(n.Str, "xX_") {
			is.fix, is.fixTo = "unquote", n.Str
			is.hint = "Send the number without quotes: " + n.Str + "."
		}
	case want == "boolean" && n.Kind == jsonx.String && (n.Str == "true" || n.Str == "false"):
		is.fix, is.fixTo = "unquote", n.Str
		is.hint = "Send the boolean without quotes: " + n.Str + "."
	}
}

// union checks n against typed union branches, as zod's union does: the first branch that
// passes wins; else the first branch that failed only softly gives its issues; else one issue
// for the whole union.
func (v *validator) union(n *jsonx.Node, s *catalog.Schema, branches []*catalog.Schema, path []string, lenient bool) ([]*vIssue, bool) {
	var rest []*catalog.Schema
	nullable := false
	for _, b := range branches {
		if nullOnly(v.resolve(b)) {
			nullable = true
		} else {
			rest = append(rest, b)
		}
	}
	if nullable && n.Kind == jsonx.Null {
		return nil, false
	}
	if len(rest) == 1 {
		return v.validate(n, rest[0], path, lenient)
	}
	if prop, values, ok := v.discriminator(rest); ok && n.Kind == jsonx.Object {
		d := member(n, prop)
		for i, val := range values {
			if d != nil && d.Kind == jsonx.String && d.Str == val {
				return v.validate(n, rest[i], path, lenient)
			}
		}
		vars := msgVars{options: v.options(anySlice(values)), value: d.Text()}
		is := v.issue(s, "discriminator", appendPath(path, prop), d, lenient, vars)
		if d != nil && d.Kind == jsonx.String {
			v.didYouMean(is, values, d.Str)
		}
		if d == nil {
			is.parent = n
		}
		return []*vIssue{is}, !is.lenient
	}
	var soft []*vIssue
	found := false
	for _, b := range rest {
		// What a branch finds beyond its issues counts only if the branch is chosen.
		nr, nn, na := len(v.reserved), len(v.needed), len(v.answers)
		is, ab := v.validate(n, b, path, lenient)
		if len(blocking(is)) == 0 {
			return is, false
		}
		v.reserved, v.needed, v.answers = v.reserved[:nr], v.needed[:nn], v.answers[:na]
		if !ab && !found {
			soft, found = is, true
		}
	}
	if found {
		return soft, false
	}
	is := v.issue(s, "union", path, n, lenient, msgVars{})
	return []*vIssue{is}, !is.lenient
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// discriminator finds a property every branch fixes to a string const, such as "mode".
func (v *validator) discriminator(branches []*catalog.Schema) (string, []string, bool) {
	first := v.resolve(branches[0])
	if first == nil {
		return "", nil, false
	}
	for _, p := range first.Properties {
		var values []string
		for _, b := range branches {
			b = v.resolve(b)
			var ps *catalog.Schema
			for _, q := range b.Properties {
				if q.Name == p.Name {
					ps = v.resolve(q.Schema)
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
func blocking(is []*vIssue) []*vIssue {
	var out []*vIssue
	for _, i := range is {
		if !i.lenient {
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
func (v *validator) options(enum []any) string {
	opt, sep := v.pred.EnumOption, v.pred.EnumSeparator
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
