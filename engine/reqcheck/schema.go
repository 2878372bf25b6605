package reqcheck

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

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

func (v *validator) resolve(s *catalog.Schema) *catalog.Schema {
	for i := 0; s != nil && s.Ref != "" && i < 32; i++ {
		s = v.api.Schemas[s.Ref]
	}
	return s
}

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

func (v *validator) enumIssue(s *catalog.Schema, path []string, n *jsonx.Node, lenient bool) *vIssue {
	allStrings := true
	var strs []string
	for _, e := range s.Enum {
		str, ok := e.(string)
		allStrings = allStrings && ok
		strs = append(strs, str)
	}
	if s.Const {
		return v.issue(s, "const", path, n, lenient, msgVars{expected: literal(s.Enum[0]), value: n.Text()})
	}
	if allStrings && n.Kind != jsonx.String {
		return v.issue(s, "type", path, n, lenient, msgVars{expected: v.options(s.Enum), received: jsonTypeName(n)})
	}
	is := v.issue(s, "enum", path, n, lenient, msgVars{options: v.options(s.Enum), value: n.Text()})
	if allStrings {
		v.didYouMean(is, strs, n.Str)
	}
	return is
}

// didYouMean sets a hint, and a mechanical fix, when the value is a near miss of one of the
// allowed values: another case, or one or two letters off.
func (v *validator) didYouMean(is *vIssue, allowed []string, got string) {
	best, bestD := "", 1<<30
	for _, a := range allowed {
		var d int
		if strings.EqualFold(a, got) {
			d = 0
		} else {
			d = osaDistance(strings.ToLower(a), strings.ToLower(got))
		}
		if d < bestD {
			best, bestD = a, d
		}
	}
	limit := 2
	if utf8.RuneCountInString(got) <= 4 {
		limit = 1
	}
	if best == "" || bestD > limit {
		return
	}
	is.hint = "Did you mean " + strconv.Quote(best) + "?"
	is.fix, is.fixTo = "enum", best
}

// osaDistance is the optimal string alignment distance: insertions, deletions, substitutions
// and transpositions of neighbours each cost 1. Long strings are not compared.
func osaDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := 0; j <= len(rb); j++ {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// utf16Len is a string's length as JavaScript counts it.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

func (v *validator) stringChecks(n *jsonx.Node, s *catalog.Schema, path []string, lenient bool) []*vIssue {
	var out []*vIssue
	l := -1
	length := func() int {
		if l < 0 {
			l = utf16Len(n.Str)
		}
		return l
	}
	if s.MinLength != nil && length() < *s.MinLength {
		out = append(out, v.issue(s, "minLength", path, n, lenient, msgVars{limit: strconv.Itoa(*s.MinLength)}))
	}
	if s.MaxLength != nil && length() > *s.MaxLength {
		out = append(out, v.issue(s, "maxLength", path, n, lenient, msgVars{limit: strconv.Itoa(*s.MaxLength)}))
	}
	if s.Format != "" && !formatOK(s.Format, n.Str) {
		out = append(out, v.issue(s, "format", path, n, lenient, msgVars{format: s.Format}))
	}
	if s.Pattern != "" {
		if re := compiledPattern(s.Pattern); re != nil && !re.MatchString(n.Str) {
			out = append(out, v.issue(s, "pattern", path, n, lenient, msgVars{pattern: s.Pattern}))
		}
	}
	if len(s.Reserved) > 0 && s.ReservedIssue != nil && v.quiet == 0 {
		for _, p := range s.Reserved {
			if re := compiledPattern(p); re != nil && re.MatchString(n.Str) {
				v.reserved = append(v.reserved, reservedHit{issue: s.ReservedIssue, path: keepPath(path), node: n})
				break
			}
		}
	}
	return out
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func (v *validator) numberChecks(n *jsonx.Node, s *catalog.Schema, path []string, lenient bool) []*vIssue {
	f, err := strconv.ParseFloat(n.Str, 64)
	if err != nil {
		return nil
	}
	var out []*vIssue
	if s.Minimum != nil && f < *s.Minimum {
		out = append(out, v.issue(s, "minimum", path, n, lenient, msgVars{limit: formatNumber(*s.Minimum)}))
	}
	if s.ExclusiveMinimum != nil && f <= *s.ExclusiveMinimum {
		out = append(out, v.issue(s, "minimum", path, n, lenient, msgVars{limit: formatNumber(*s.ExclusiveMinimum)}))
	}
	if s.Maximum != nil && f > *s.Maximum {
		out = append(out, v.issue(s, "maximum", path, n, lenient, msgVars{limit: formatNumber(*s.Maximum)}))
	}
	if s.ExclusiveMaximum != nil && f >= *s.ExclusiveMaximum {
		out = append(out, v.issue(s, "maximum", path, n, lenient, msgVars{limit: formatNumber(*s.ExclusiveMaximum)}))
	}
	return out
}

func (v *validator) arrayChecks(n *jsonx.Node, s *catalog.Schema, path []string, lenient bool) (out []*vIssue, aborted bool) {
	if s.MinItems != nil && len(n.Vals) < *s.MinItems {
		out = append(out, v.issue(s, "minItems", path, n, lenient, msgVars{limit: strconv.Itoa(*s.MinItems)}))
	}
	if s.MaxItems != nil && len(n.Vals) > *s.MaxItems {
		out = append(out, v.issue(s, "maxItems", path, n, lenient, msgVars{limit: strconv.Itoa(*s.MaxItems)}))
	}
	if s.Items != nil {
		for i, it := range n.Vals {
			is, ab := v.validate(it, s.Items, appendPath(path, strconv.Itoa(i)), lenient)
			out = append(out, is...)
			aborted = aborted || ab
		}
	}
	if t := s.MaxTotalLength; t != nil && t.Max > 0 && !aborted {
		total := 0
		for _, it := range n.Vals {
			if p := member(it, t.Property); p != nil && p.Kind == jsonx.String {
				total += utf16Len(p.Str)
			}
		}
		if total > t.Max {
			is := v.issue(s, "rule", path, n, lenient, msgVars{})
			if t.Issue != nil {
				is.message, is.code = t.Issue.Message, t.Issue.Code
				if t.Issue.Field != "" {
					is.path = strings.Split(t.Issue.Field, ".")
					if len(path) > 1 {
						is.path = append(append([]string{}, path[:len(path)-1]...), is.path...)
					}
				}
			}
			out = append(out, is)
		}
	}
	return out, aborted
}

func (v *validator) objectChecks(n *jsonx.Node, s *catalog.Schema, path []string, lenient bool) (out []*vIssue, aborted bool) {
	add := func(is []*vIssue, ab bool) {
		out = append(out, is...)
		aborted = aborted || ab
	}
	for _, p := range s.Properties {
		child := member(n, p.Name)
		cpath := appendPath(path, p.Name)
		if child == nil {
			if slices.Contains(s.Required, p.Name) {
				is := v.requiredIssue(s, p.Schema, cpath, n, lenient)
				add([]*vIssue{is}, !is.lenient)
			}
			continue
		}
		add(v.validate(child, p.Schema, cpath, lenient))
	}
	for _, r := range s.Required {
		if member(n, r) != nil {
			continue
		}
		declared := false
		for _, p := range s.Properties {
			declared = declared || p.Name == r
		}
		if !declared {
			is := v.requiredIssue(s, nil, appendPath(path, r), n, lenient)
			add([]*vIssue{is}, !is.lenient)
		}
	}
	if s.NoAdditional || s.AdditionalProperties != nil || s.PropertyNames != nil {
		var extra []string
		for _, m := range n.Vals {
			declared := false
			for _, p := range s.Properties {
				declared = declared || p.Name == m.Key
			}
			if s.PropertyNames != nil {
				key := &jsonx.Node{Kind: jsonx.String, Str: m.Key, Off: m.KeyOff, KeyOff: -1}
				if m.KeyOff < 0 {
					key.Off = m.Off
				}
				is, _ := v.validate(key, s.PropertyNames, appendPath(path, m.Key), lenient)
				add(is, false)
			}
			if declared {
				continue
			}
			if s.NoAdditional {
				extra = append(extra, m.Key)
			} else if s.AdditionalProperties != nil {
				add(v.validate(m, s.AdditionalProperties, appendPath(path, m.Key), lenient))
			}
		}
		if len(extra) > 0 {
			quoted := make([]string, len(extra))
			for i, k := range extra {
				quoted[i] = "'" + k + "'"
			}
			is := v.issue(s, "additional", path, n, lenient, msgVars{keys: strings.Join(quoted, ", ")})
			add([]*vIssue{is}, false)
		}
	}
	if aborted {
		return out, aborted
	}
	// Rules across fields run once the fields themselves are sound.
	union := s.AnyOf
	if len(union) == 0 {
		union = s.OneOf
	}
	if constraintOnly(union) && !v.anyPasses(n, union, path) {
		if ri := s.RuleIssue; ri != nil && ri.Status != 0 {
			if v.quiet == 0 {
				v.answers = append(v.answers, ruleAnswer{issue: ri, path: keepPath(path), node: n})
			}
		} else {
			is := v.issue(s, "rule", path, n, lenient, msgVars{})
			if ri != nil {
				is.message, is.code = ri.Message, ri.Code
				if ri.Field != "" {
					is.path = append(append([]string{}, path...), strings.Split(ri.Field, ".")...)
					is.node, is.parent = member(n, ri.Field), n
				}
			}
			add([]*vIssue{is}, false)
		}
	}
	if v.quiet == 0 {
		for _, need := range s.Needed {
			if member(n, need.Field) != nil {
				continue
			}
			h := neededHit{need: need, path: keepPath(appendPath(path, need.Field)), parent: n}
			for _, u := range need.Unless {
				h.maybe = h.maybe || member(n, u) != nil
			}
			v.needed = append(v.needed, h)
		}
	}
	return out, aborted
}

// anyPasses reports whether n meets one of the constraint branches.
func (v *validator) anyPasses(n *jsonx.Node, branches []*catalog.Schema, path []string) bool {
	v.quiet++
	ok := false
	for _, b := range branches {
		if is, _ := v.validate(n, b, path, false); len(blocking(is)) == 0 {
			ok = true
			break
		}
	}
	v.quiet--
	return ok
}

func (v *validator) requiredIssue(parent, prop *catalog.Schema, path []string, n *jsonx.Node, lenient bool) *vIssue {
	// The property's own message for being required wins over the object's and the API's.
	var s *catalog.Schema = parent
	if ps := v.resolve(prop); ps != nil && ps.Messages["required"] != "" {
		s = ps
	}
	is := v.issue(s, "required", path, nil, lenient || lenientFor(parent, "required"), msgVars{received: "undefined"})
	is.parent = n
	return is
}

// schemaKeys maps an issue keyword to the x-errdocs-messages keys that word it.
var schemaKeys = map[string][]string{
	"integer":       {"integer", "type"},
	"union":         {"oneOf", "anyOf"},
	"discriminator": {"oneOf", "anyOf", "discriminator"},
	"const":         {"const", "enum"},
	"additional":    {"additionalProperties"},
}

// builtinMessages word a keyword when neither the schema nor the API does.
var builtinMessages = map[string]string{
	"required": "is required", "type": "must be {expected}", "integer": "must be an integer",
	"enum": "must be one of {options}", "const": "must be {expected}", "format": "must be a valid {format}",
	"pattern": "must match pattern {pattern}", "minLength": "must be at least {limit} characters",
	"maxLength": "must be at most {limit} characters", "minItems": "must have at least {limit} items",
	"maxItems": "must have at most {limit} items", "minimum": "must be at least {limit}",
	"maximum": "must be at most {limit}", "union": "does not match any allowed form",
	"discriminator": "must be one of {options}", "additional": "is not allowed: {keys}", "rule": "is invalid",
}

// issue builds an issue worded as the API words it.
func (v *validator) issue(s *catalog.Schema, keyword string, path []string, n *jsonx.Node, lenient bool, vars msgVars) *vIssue {
	is := &vIssue{path: keepPath(path), keyword: keyword, node: n,
		lenient: lenient || lenientFor(s, keyword) || keyword == "integer" && lenientFor(s, "type")}
	switch keyword {
	case "required", "type", "enum", "const", "union", "discriminator":
		is.abort = !is.lenient
	}
	text, found := catalog.IssueText{}, false
	if keyword == "format" {
		text, found = v.pred.Messages["format."+vars.format]
	}
	if !found {
		text, found = v.pred.Messages[keyword]
	}
	if !found {
		text = catalog.IssueText{Message: builtinMessages[keyword]}
	}
	keys := schemaKeys[keyword]
	if keys == nil {
		keys = []string{keyword}
	}
	if s != nil {
		for _, k := range keys {
			if m := s.Messages[k]; m != "" {
				text.Message = m
				break
			}
		}
	}
	is.message = expand(text.Message, vars)
	is.code = text.Code
	if text.Received != "" {
		is.received = expand(text.Received, vars)
	}
	return is
}

// msgVars fill the {names} of a message.
type msgVars struct {
	limit, expected, received, value, options, format, pattern, keys string
}

func (m *msgVars) get(name string) (string, bool) {
	switch name {
	case "limit":
		return m.limit, true
	case "expected":
		return m.expected, true
	case "received":
		return m.received, true
	case "value":
		return m.value, true
	case "options":
		return m.options, true
	case "format":
		return m.format, true
	case "pattern":
		return m.pattern, true
	case "keys":
		return m.keys, true
	}
	return "", false
}

// expand fills {name} in a message.
func expand(msg string, vars msgVars) string {
	if !strings.Contains(msg, "{") {
		return msg
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(msg, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(msg[i:], '}')
		if j < 0 {
			break
		}
		if val, ok := vars.get(msg[i+1 : i+j]); ok {
			b.WriteString(msg[:i])
			b.WriteString(val)
		} else {
			b.WriteString(msg[:i+j+1])
		}
		msg = msg[i+j+1:]
	}
	b.WriteString(msg)
	return b.String()
}

var patternCache sync.Map // string → *regexp.Regexp (nil when it does not compile)

func compiledPattern(p string) *regexp.Regexp {
	if re, ok := patternCache.Load(p); ok {
		return re.(*regexp.Regexp)
	}
	re, err := regexp.Compile(p)
	if err != nil {
		re = nil
	}
	patternCache.Store(p, re)
	return re
}

// formatOK checks the formats the APIs use. Unknown formats pass.
func formatOK(format, s string) bool {
	switch format {
	case "email":
		return emailOK(s)
	case "uuid":
		return uuidOK(s)
	case "uri", "url":
		return uriOK(s)
	case "date-time":
		return dateTimeOK(s)
	case "date":
		_, err := time.Parse("2006-01-02", s)
		return err == nil
	}
	return true
}

// emailOK follows zod's e-mail pattern: a local part of letters, digits and _'+-. that does
// not start with a dot and ends with a letter, digit, _, + or -; no two dots in a row; and a
// domain of dotted labels ending in a top-level domain of two letters or more.
func emailOK(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || strings.Contains(s, "..") || s[0] == '.' {
		return false
	}
	local, domain := s[:at], s[at+1:]
	for i := 0; i < len(local); i++ {
		c := local[i]
		if !(isAlnumByte(c) || strings.IndexByte("_'+-.", c) >= 0) {
			return false
		}
	}
	if last := local[len(local)-1]; !(isAlnumByte(last) || strings.IndexByte("_+-", last) >= 0) {
		return false
	}
	dot := strings.LastIndexByte(domain, '.')
	if dot < 0 {
		return false
	}
	tld := domain[dot+1:]
	if len(tld) < 2 {
		return false
	}
	for i := 0; i < len(tld); i++ {
		if !(tld[i] >= 'a' && tld[i] <= 'z' || tld[i] >= 'A' && tld[i] <= 'Z') {
			return false
		}
	}
	for rest := domain[:dot+1]; rest != ""; {
		i := strings.IndexByte(rest, '.')
		l := rest[:i]
		rest = rest[i+1:]
		if l == "" || !isAlnumByte(l[0]) {
			return false
		}
		for j := 0; j < len(l); j++ {
			if !isAlnumByte(l[j]) && l[j] != '-' {
				return false
			}
		}
	}
	return true
}

func isAlnumByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func uuidOK(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isHexDigit(s[i]) {
				return false
			}
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// uriOK accepts what a URL parser would: a scheme, and for hierarchical schemes a host.
func uriOK(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	for j := 0; j < i; j++ {
		c := s[j]
		if !(isAlnumByte(c) || j > 0 && strings.IndexByte("+.-", c) >= 0) || j == 0 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	rest := s[i+1:]
	switch strings.ToLower(s[:i]) {
	case "http", "https", "ws", "wss", "ftp":
		rest = strings.TrimPrefix(rest, "//")
		host := rest
		if k := strings.IndexAny(host, "/?#"); k >= 0 {
			host = host[:k]
		}
		return host != ""
	}
	return rest != ""
}

// dateTimeOK accepts RFC 3339 date-times, with or without fractional seconds.
func dateTimeOK(s string) bool {
	if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}
