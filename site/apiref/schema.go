package apiref

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
)

// FieldRow is one row of a parameter or body table, or (Group set) a heading row for the rows
// of one form of a union.
type FieldRow struct {
	Group    Rich
	Path     string
	In       string // a parameter's place: "path", "query" or "header"
	Type     string
	Required bool
	Rules    []Rich
	Desc     Rich
}

// maxRows bounds a table, so a huge or hostile schema cannot blow up a page.
const maxRows = 400

// flattener turns a schema into table rows.
type flattener struct {
	api   *catalog.API
	rows  []FieldRow
	stack []namedAt // named schemas being expanded, so recursive ones stop
	depth int       // how deep rules is in a union's members
}

// resolve follows a reference to the API's named schema; never nil.
func (f *flattener) resolve(s *catalog.Schema) *catalog.Schema {
	if s = f.api.Resolve(s); s == nil {
		return &catalog.Schema{} // a ref that leads nowhere shows as an empty schema
	}
	return s
}

func or[T any](a, b *T) *T {
	if a != nil {
		return a
	}
	return b
}

// merge resolves s and folds its allOf members into one schema (the loader writes keywords
// beside a $ref as allOf with the named schema).
func (f *flattener) merge(s *catalog.Schema) *catalog.Schema { return f.mergeDepth(s, 0) }

func (f *flattener) mergeDepth(s *catalog.Schema, depth int) *catalog.Schema {
	s = f.resolve(s)
	if len(s.AllOf) == 0 || depth > 8 {
		return s
	}
	m := *s
	m.AllOf = nil
	m.Properties = slices.Clone(s.Properties)
	m.Required = slices.Clone(s.Required)
	for _, a := range s.AllOf {
		a = f.mergeDepth(a, depth+1)
		if len(m.Type) == 0 {
			m.Type = a.Type
		}
		if m.Enum == nil {
			m.Enum, m.Const = a.Enum, a.Const
		}
		if m.Format == "" {
			m.Format = a.Format
		}
		if m.Pattern == "" {
			m.Pattern = a.Pattern
		}
		m.MinLength, m.MaxLength = or(m.MinLength, a.MinLength), or(m.MaxLength, a.MaxLength)
		m.Minimum, m.Maximum = or(m.Minimum, a.Minimum), or(m.Maximum, a.Maximum)
		m.ExclusiveMinimum, m.ExclusiveMaximum = or(m.ExclusiveMinimum, a.ExclusiveMinimum), or(m.ExclusiveMaximum, a.ExclusiveMaximum)
		m.MinItems, m.MaxItems = or(m.MinItems, a.MinItems), or(m.MaxItems, a.MaxItems)
		m.Items = or(m.Items, a.Items)
		m.AdditionalProperties = or(m.AdditionalProperties, a.AdditionalProperties)
		m.PropertyNames = or(m.PropertyNames, a.PropertyNames)
		m.MaxTotalLength = or(m.MaxTotalLength, a.MaxTotalLength)
		m.NoAdditional = m.NoAdditional || a.NoAdditional
		m.Deprecated = m.Deprecated || a.Deprecated
		for _, r := range a.Required {
			if !slices.Contains(m.Required, r) {
				m.Required = append(m.Required, r)
			}
		}
		for _, p := range a.Properties {
			if !slices.ContainsFunc(m.Properties, func(q catalog.Property) bool { return q.Name == p.Name }) {
				m.Properties = append(m.Properties, p)
			}
		}
		if m.AnyOf == nil {
			m.AnyOf = a.AnyOf
		}
		if m.OneOf == nil {
			m.OneOf = a.OneOf
		}
		if len(m.Reserved) == 0 {
			m.Reserved = a.Reserved
		}
		if m.Description == "" {
			m.Description = a.Description
		}
		if m.Rule == "" {
			m.Rule = a.Rule
		}
		if m.Lenient == "" {
			m.Lenient = a.Lenient
		}
	}
	return &m
}

// branches are a schema's union members: oneOf, else anyOf.
func branches(s *catalog.Schema) ([]*catalog.Schema, string) {
	if len(s.OneOf) > 0 {
		return s.OneOf, "oneOf"
	}
	return s.AnyOf, "anyOf"
}

// typed reports whether a (merged) union member states a type of value, rather than only
// constraining an object (required fields, a property's value).
func (f *flattener) typed(s *catalog.Schema, depth int) bool {
	if len(s.Type) > 0 || len(s.Enum) > 0 {
		return true
	}
	if depth > 4 {
		return false
	}
	bs, _ := branches(s)
	for _, b := range bs {
		if f.typed(f.merge(b), depth+1) {
			return true
		}
	}
	return false
}

// typeText names the JSON types a schema allows: "string", "array of string",
// "string, object or array of (string or object)".
func (f *flattener) typeText(s *catalog.Schema, depth int) string {
	s = f.merge(s)
	if depth > 4 {
		return "any"
	}
	var parts []string
	add := func(t string) {
		if t != "" && t != "any" && !slices.Contains(parts, t) {
			parts = append(parts, t)
		}
	}
	switch {
	case len(s.Type) > 0:
		for _, t := range s.Type {
			if t == "array" && s.Items != nil {
				if it := f.typeText(s.Items, depth+1); it != "any" {
					if strings.Contains(it, " or ") {
						it = "(" + it + ")"
					}
					t = "array of " + it
				}
			}
			add(t)
		}
	case len(s.Enum) > 0:
		for _, v := range s.Enum {
			add(jsonType(v))
		}
	default:
		bs, _ := branches(s)
		for _, b := range bs {
			if mb := f.merge(b); f.typed(mb, 0) {
				add(f.typeText(mb, depth+1))
			}
		}
		if len(parts) == 0 && (len(s.Properties) > 0 || s.AdditionalProperties != nil) {
			add("object")
		}
	}
	if len(parts) == 0 {
		return "any"
	}
	return joinOr(parts)
}

func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64, int, int64:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	case []any:
		return "array"
	}
	return "object"
}

// joinOr joins "a", "b" and "c" as "a, b or c".
func joinOr(parts []string) string {
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// valueText writes an enum value as it is sent: a string bare, anything else as JSON.
func valueText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

// sizeRule words a length or item-count limit: "1–998 characters", "at most 10 items".
func sizeRule(lo, hi *int, unit string) Rich {
	switch {
	case lo != nil && hi != nil && *lo == *hi:
		return Rich{}.text("exactly " + plural(*lo, unit))
	case lo != nil && hi != nil:
		return Rich{}.text(strconv.Itoa(*lo) + "–" + plural(*hi, unit))
	case lo != nil && *lo == 1 && unit == "character":
		return Rich{}.text("not empty")
	case lo != nil && *lo > 0:
		return Rich{}.text("at least " + plural(*lo, unit))
	case hi != nil:
		return Rich{}.text("at most " + plural(*hi, unit))
	}
	return nil
}

// rules words the constraints of a (merged) schema on its own value, not its properties'.
func (f *flattener) rules(s *catalog.Schema) []Rich {
	var out []Rich
	add := func(r Rich) {
		if len(r) > 0 {
			out = append(out, r)
		}
	}
	switch {
	case s.Const && len(s.Enum) == 1:
		add(Rich{}.text("must be ").code(valueText(s.Enum[0])))
	case len(s.Enum) > 0:
		r := Rich{}.text("one of ")
		for i, v := range s.Enum {
			if i > 0 {
				r = r.text(", ")
			}
			r = r.code(valueText(v))
		}
		add(r)
	}
	if s.Format != "" {
		add(Rich{}.text("format ").code(s.Format))
	}
	if s.Pattern != "" {
		add(Rich{}.text("matches ").code(s.Pattern))
	}
	add(sizeRule(s.MinLength, s.MaxLength, "character"))
	add(sizeRule(s.MinItems, s.MaxItems, "item"))
	switch {
	case s.Minimum != nil && s.Maximum != nil:
		add(Rich{}.text("from " + num(*s.Minimum) + " to " + num(*s.Maximum)))
	case s.Minimum != nil:
		add(Rich{}.text("at least " + num(*s.Minimum)))
	case s.Maximum != nil:
		add(Rich{}.text("at most " + num(*s.Maximum)))
	}
	if s.ExclusiveMinimum != nil {
		add(Rich{}.text("more than " + num(*s.ExclusiveMinimum)))
	}
	if s.ExclusiveMaximum != nil {
		add(Rich{}.text("less than " + num(*s.ExclusiveMaximum)))
	}
	if s.Items != nil {
		it := f.merge(s.Items)
		if len(it.Properties) == 0 && len(it.OneOf)+len(it.AnyOf) == 0 {
			for _, r := range f.rules(it) {
				add(append(Rich{}.text("each item: "), r...))
			}
		}
	}
	// A member of a union with no values of its own (a string, an array of strings) has no
	// rows: its rules go here.
	if bs, _ := branches(s); len(bs) > 0 && f.depth < 4 {
		f.depth++
		for _, b := range bs {
			mb := f.merge(b)
			if !f.typed(mb, 0) || f.structured(mb) {
				continue
			}
			if rs := f.rules(mb); len(rs) > 0 {
				r := Rich{}.text("as " + withArticle(f.typeText(mb, 0)) + ": ")
				for i, x := range rs {
					if i > 0 {
						r = r.text("; ")
					}
					r = append(r, x...)
				}
				add(r)
			}
		}
		f.depth--
	}
	if s.NoAdditional {
		add(Rich{}.text("no other keys"))
	}
	if pn := s.PropertyNames; pn != nil {
		if p := f.merge(pn).Pattern; p != "" {
			add(Rich{}.text("keys match ").code(p))
		}
	}
	if t := s.MaxTotalLength; t != nil && t.Property != "" {
		add(Rich{}.text("every item's ").code(t.Property).text(" together: at most " + plural(t.Max, "character")))
	}
	if len(s.Reserved) > 0 {
		r := Rich{}.text("reserved values are refused: ")
		for i, p := range s.Reserved {
			if i > 0 {
				r = r.text(", ")
			}
			r = r.code(p)
		}
		add(r)
	}
	if s.Rule != "" {
		add(richFrom(s.Rule))
	} else {
		add(f.alternatives(s))
	}
	if s.Deprecated {
		add(Rich{}.text("deprecated"))
	}
	if s.Lenient != "" {
		add(append(Rich{}.text("not enforced: "), richFrom(s.Lenient)...))
	}
	return out
}

// alternatives words the members of a union that only constrain an object: "needs one of:
// `template`; or `subject` and `body`".
func (f *flattener) alternatives(s *catalog.Schema) Rich {
	bs, kind := branches(s)
	var forms []Rich
	for _, b := range bs {
		mb := f.merge(b)
		if f.typed(mb, 0) {
			continue
		}
		var r Rich
		for i, name := range mb.Required {
			if i > 0 {
				r = r.text(" and ")
			}
			r = r.code(name)
		}
		if len(mb.Required) > 0 {
			r = r.text(" given")
		}
		for _, p := range mb.Properties {
			ps := f.merge(p.Schema)
			if len(ps.Enum) == 0 {
				continue
			}
			if len(r) > 0 {
				r = r.text(", ")
			}
			r = r.code(p.Name)
			if len(ps.Enum) == 1 {
				r = r.text(" is ").code(valueText(ps.Enum[0]))
			} else {
				r = r.text(" is one of ")
				for i, v := range ps.Enum {
					if i > 0 {
						r = r.text(", ")
					}
					r = r.code(valueText(v))
				}
			}
		}
		if len(r) > 0 {
			forms = append(forms, r)
		}
	}
	if len(forms) == 0 {
		return nil
	}
	out := Rich{}.text("needs at least one of: ")
	if kind == "oneOf" {
		out = Rich{}.text("needs exactly one of: ")
	}
	for i, r := range forms {
		if i > 0 {
			out = out.text("; or ")
		}
		out = append(out, r...)
	}
	return out
}

// structured reports whether a (merged) schema holds values that get rows of their own.
func (f *flattener) structured(s *catalog.Schema) bool {
	if len(s.Properties) > 0 || s.AdditionalProperties != nil {
		return true
	}
	bs, _ := branches(s)
	for _, b := range bs {
		if f.typed(f.merge(b), 0) {
			return true
		}
	}
	if s.Items != nil {
		it := f.merge(s.Items)
		if len(it.Properties) > 0 || it.AdditionalProperties != nil {
			return true
		}
		bs, _ := branches(it)
		for _, b := range bs {
			if f.typed(f.merge(b), 0) {
				return true
			}
		}
	}
	return false
}

// withArticle puts "a" or "an" before a type: "an object", "a string".
func withArticle(t string) string {
	if t == "any" {
		return "any JSON value"
	}
	if t != "" && strings.ContainsRune("aeiou", rune(t[0])) {
		return "an " + t
	}
	return "a " + t
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// namedAt is a named schema being expanded at a path.
type namedAt struct{ ref, path string }

// enter marks a named schema as being expanded at path; when it already is, it returns false
// and the path where, so a recursive schema is drawn once.
func (f *flattener) enter(s *catalog.Schema, path string) (bool, string, func()) {
	if s == nil || s.Ref == "" {
		return true, "", func() {}
	}
	for _, n := range f.stack {
		if n.ref == s.Ref {
			return false, n.path, nil
		}
	}
	f.stack = append(f.stack, namedAt{s.Ref, path})
	return true, "", func() { f.stack = f.stack[:len(f.stack)-1] }
}

// object adds a row for each property of s, and their rows.
func (f *flattener) object(s *catalog.Schema, path string, depth int) {
	for _, p := range s.Properties {
		f.property(joinPath(path, p.Name), p.Schema, slices.Contains(s.Required, p.Name), depth)
	}
	if ap := s.AdditionalProperties; ap != nil {
		f.property(joinPath(path, "*"), ap, false, depth)
	}
}

// property adds the row of one value and the rows of what it holds.
func (f *flattener) property(path string, s *catalog.Schema, required bool, depth int) {
	if len(f.rows) >= maxRows {
		return
	}
	ok, at, leave := f.enter(s, path)
	m := f.merge(s)
	row := FieldRow{Path: path, Type: f.typeText(m, 0), Required: required, Desc: richFrom(m.Description)}
	if !ok {
		if at == "" {
			row.Rules = []Rich{Rich{}.text("the same shape as the body")}
		} else {
			row.Rules = []Rich{Rich{}.text("the same shape as ").code(at)}
		}
		f.rows = append(f.rows, row)
		return
	}
	defer leave()
	row.Rules = f.rules(m)
	f.rows = append(f.rows, row)
	if depth < 8 {
		f.children(m, path, depth+1)
	}
}

// children adds the rows of the values inside a (merged) schema: an object's properties, an
// array's items and a union's forms.
func (f *flattener) children(m *catalog.Schema, path string, depth int) {
	f.object(m, path, depth)
	if m.Items != nil {
		if ok, _, leave := f.enter(m.Items, path+"[]"); ok {
			it := f.merge(m.Items)
			f.object(it, path+"[]", depth)
			f.forms(it, path+"[]", depth)
			leave()
		}
	}
	f.forms(m, path, depth)
}

// forms adds, for each member of a union that holds values of its own, a heading row that says
// when it applies and the rows of its values.
func (f *flattener) forms(m *catalog.Schema, path string, depth int) {
	bs, _ := branches(m)
	for i, b := range bs {
		if len(f.rows) >= maxRows {
			return
		}
		ok, _, leave := f.enter(b, path)
		if !ok {
			continue
		}
		mb := f.merge(b)
		if !f.typed(mb, 0) {
			leave()
			continue
		}
		at := len(f.rows)
		f.rows = append(f.rows, FieldRow{Group: f.formLabel(mb, path, bs, i)})
		f.children(mb, path, depth)
		switch {
		case len(f.rows) == at+1:
			// A form with nothing inside (a string): its type is in the parent's row.
			f.rows = f.rows[:at]
		case f.rows[at+1].Group != nil:
			// An array whose items are a union: the items' headings say it all.
			f.rows = slices.Delete(f.rows, at, at+1)
		}
		leave()
	}
}

// formLabel says when one member of a union applies: "When `mode` is `ids`", "When `to` is an
// object", "When an item of `to` is an object".
func (f *flattener) formLabel(b *catalog.Schema, path string, siblings []*catalog.Schema, i int) Rich {
	for _, p := range b.Properties {
		ps := f.merge(p.Schema)
		if len(ps.Enum) == 1 && slices.Contains(b.Required, p.Name) {
			return Rich{}.text("When ").code(joinPath(path, p.Name)).text(" is ").code(valueText(ps.Enum[0]))
		}
	}
	r := Rich{}.text("When ")
	switch {
	case path == "":
		r = r.text("the body")
	case strings.HasSuffix(path, "[]"):
		r = r.text("an item of ").code(strings.TrimSuffix(path, "[]"))
	default:
		r = r.code(path)
	}
	t := f.typeText(b, 0)
	same := 0
	for _, s := range siblings {
		if f.typeText(s, 0) == t {
			same++
		}
	}
	if same > 1 {
		return r.text(" takes form " + strconv.Itoa(i+1) + " (" + t + ")")
	}
	kind, _, _ := strings.Cut(t, " ")
	return r.text(" is " + withArticle(strings.TrimSuffix(kind, ",")))
}

// BodyTable flattens an operation's request body.
func BodyTable(a *catalog.API, s *catalog.Schema) (rows []FieldRow, notes []Rich, desc Rich) {
	f := &flattener{api: a}
	_, _, leave := f.enter(s, "")
	defer leave()
	m := f.merge(s)
	f.children(m, "", 0)
	// What the body's own schema says beyond its fields.
	notes = append(notes, f.rules(m)...)
	if len(m.Properties) == 0 && len(f.rows) == 0 {
		notes = append([]Rich{Rich{}.text("The body is " + withArticle(f.typeText(m, 0)) + ".")}, notes...)
	}
	return f.rows, notes, richFrom(m.Description)
}

// ParamTable lists an operation's parameters.
func ParamTable(a *catalog.API, op *catalog.Operation) []FieldRow {
	f := &flattener{api: a}
	var rows []FieldRow
	for _, p := range op.Params {
		m := f.merge(p.Schema)
		rows = append(rows, FieldRow{Path: p.Name, In: p.In, Type: f.typeText(m, 0), Required: p.Required || p.In == "path",
			Rules: f.rules(m), Desc: richFrom(m.Description)})
	}
	return rows
}

func (r FieldRow) RequiredText() string {
	if r.Required {
		return "Yes"
	}
	return "No"
}

// RowGroup is the rows of a table under one heading; the first group may have none.
type RowGroup struct {
	Label Rich
	Rows  []FieldRow
}

// GroupRows splits rows at their heading rows.
func GroupRows(rows []FieldRow) []RowGroup {
	var out []RowGroup
	for _, r := range rows {
		if r.Group != nil {
			out = append(out, RowGroup{Label: r.Group})
			continue
		}
		if len(out) == 0 {
			out = append(out, RowGroup{})
		}
		out[len(out)-1].Rows = append(out[len(out)-1].Rows, r)
	}
	return out
}

func FirstColumn(withIn bool) string {
	if withIn {
		return "Name"
	}
	return "Field"
}

func Columns(withIn bool) int {
	if withIn {
		return 5
	}
	return 4
}

// HasNested reports whether a table has rows for fields inside objects or arrays.
func HasNested(rows []FieldRow) bool {
	for _, r := range rows {
		if strings.ContainsAny(r.Path, ".[") {
			return true
		}
	}
	return false
}
