package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/site/markdown"
)

// Endpoint pages: each operation of an API's openapi.yaml (catalog.API.Operations, read by
// package catalog/load) gets a reference page at /<api>/api/<method>-<path>/, e.g.
// /plunk/api/post-v1-track/ for POST /v1/track, and each API with operations an index at
// /<api>/api/ (a content page at <api>/api/index.md, if there is one, is drawn above it). A page
// shows the method and path, the key or scope the operation needs, its parameters and request
// body as tables (nested objects flattened to dotted paths, a union's forms each under a heading
// of its own), the Idempotency-Key rule, the success status, the example requests as curl
// commands and the documented answers with their examples, each linked to its error's page.
//
// The examples are checked at build time (endpoints_engine.go): each example request must pass
// engine.CheckRequest, and each error example must decode, through engine.Explain, to an error
// of the API that the catalog documents. A failure is a build error at its line in openapi.yaml.

// endpointIndexURL is the site path of an API's endpoint index.
func endpointIndexURL(a *catalog.API) string { return "/" + a.ID + "/api/" }

// endpointSlug is an operation's URL segment: its method and path template, lower case, with
// every run of other characters a dash: "POST /contacts/{id}" is "post-contacts-id".
func endpointSlug(op *catalog.Operation) string { return catalog.Slug(op.Method + " " + op.Path) }

// endpointURL is the site path of an operation's page.
func endpointURL(a *catalog.API, op *catalog.Operation) string {
	return endpointIndexURL(a) + endpointSlug(op) + "/"
}

// openapiFile is the content file an API's operations come from.
func openapiFile(a *catalog.API) string { return a.ID + "/openapi.yaml" }

// endpointPages adds the endpoint index and one page per operation of every API.
func (b *builder) endpointPages() {
	for _, a := range b.site.Catalog.APIs {
		if len(a.Operations) == 0 {
			continue
		}
		u := endpointIndexURL(a)
		if b.byURL[u] == nil {
			b.add(&page{kind: kindEndpointIndex, url: u, title: a.Name + " endpoints", section: a.ID, api: a,
				desc: fmt.Sprintf("Every endpoint of the %s API: its method and path, the key it needs and what it does.", a.Name)})
		}
		seen := map[string]*catalog.Operation{}
		for i, op := range a.Operations {
			pu := endpointURL(a, op)
			if prev := seen[pu]; prev != nil {
				b.fail(openapiFile(a), op.Line, "%s: its page URL %s is also %s's", op.Name(), pu, prev.Name())
				continue
			}
			seen[pu] = op
			if prev := b.byURL[pu]; prev != nil {
				other := "a generated page"
				if prev.src != nil {
					other = prev.src.File
				}
				b.fail(openapiFile(a), op.Line, "%s: its page URL %s is also %s", op.Name(), pu, other)
				continue
			}
			title := op.Summary
			if title == "" {
				title = op.Name()
			}
			desc := op.Name()
			if op.Summary != "" {
				desc += ": " + strings.TrimSuffix(op.Summary, ".") + "."
			}
			if k := keyPhrase(a, op); k != "" {
				desc += " " + k
			}
			b.add(&page{kind: kindEndpoint, url: pu, title: title, desc: desc, section: a.ID, api: a, op: op,
				weight: i})
		}
	}
}

// keyPhrase says in a sentence what an operation needs to authenticate.
func keyPhrase(a *catalog.API, op *catalog.Operation) string {
	switch {
	case op.Scope == "none":
		return "It takes no key: its URL carries a secret."
	case op.Scope != "":
		return "It needs a key with the " + op.Scope + " scope."
	case op.Key != "":
		if k := keyFormat(a, op.Key); k != nil {
			return "It needs a " + k.Kind + " key (" + k.Prefix + "…)."
		}
		return "It needs a " + op.Key + " key."
	}
	return ""
}

func keyFormat(a *catalog.API, kind string) *catalog.KeyFormat {
	for i := range a.Keys {
		if a.Keys[i].Kind == kind {
			return &a.Keys[i]
		}
	}
	return nil
}

// richPart is a run of text, or of code.
type richPart struct {
	Text   string
	Code   bool
	Strong bool
}

// rich is a line of text with code spans, drawn by the richText component.
type rich []richPart

func (r rich) text(s string) rich   { return append(r, richPart{Text: s}) }
func (r rich) code(s string) rich   { return append(r, richPart{Text: s, Code: true}) }
func (r rich) strong(s string) rich { return append(r, richPart{Text: s, Strong: true}) }

// richFrom reads the Markdown an openapi.yaml description holds as far as a table cell needs:
// `code` spans become code, and ** and __ emphasis marks are dropped.
func richFrom(s string) rich {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return nil
	}
	var r rich
	for i, part := range strings.Split(s, "`") {
		if part == "" {
			continue
		}
		if i%2 == 1 {
			r = r.code(part)
		} else {
			r = r.text(strings.ReplaceAll(strings.ReplaceAll(part, "**", ""), "__", ""))
		}
	}
	return r
}

// fieldRow is one row of a parameter or body table, or (Group set) a heading row for the rows
// of one form of a union.
type fieldRow struct {
	Group    rich
	Path     string
	In       string // a parameter's place: "path", "query" or "header"
	Type     string
	Required bool
	Rules    []rich
	Desc     rich
}

// maxRows bounds a table, so a huge or hostile schema cannot blow up a page.
const maxRows = 400

// flattener turns a schema into table rows.
type flattener struct {
	api   *catalog.API
	rows  []fieldRow
	stack []namedAt // named schemas being expanded, so recursive ones stop
	depth int       // how deep rules is in a union's members
}

// resolve follows a reference to the API's named schema; never nil.
func (f *flattener) resolve(s *catalog.Schema) *catalog.Schema {
	for i := 0; s != nil && s.Ref != "" && i < 16; i++ {
		s = f.api.Schemas[s.Ref]
	}
	if s == nil || s.Ref != "" {
		return &catalog.Schema{}
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
func sizeRule(lo, hi *int, unit string) rich {
	switch {
	case lo != nil && hi != nil && *lo == *hi:
		return rich{}.text("exactly " + plural(*lo, unit))
	case lo != nil && hi != nil:
		return rich{}.text(strconv.Itoa(*lo) + "–" + plural(*hi, unit))
	case lo != nil && *lo == 1 && unit == "character":
		return rich{}.text("not empty")
	case lo != nil && *lo > 0:
		return rich{}.text("at least " + plural(*lo, unit))
	case hi != nil:
		return rich{}.text("at most " + plural(*hi, unit))
	}
	return nil
}

// rules words the constraints of a (merged) schema on its own value, not its properties'.
func (f *flattener) rules(s *catalog.Schema) []rich {
	var out []rich
	add := func(r rich) {
		if len(r) > 0 {
			out = append(out, r)
		}
	}
	switch {
	case s.Const && len(s.Enum) == 1:
		add(rich{}.text("must be ").code(valueText(s.Enum[0])))
	case len(s.Enum) > 0:
		r := rich{}.text("one of ")
		for i, v := range s.Enum {
			if i > 0 {
				r = r.text(", ")
			}
			r = r.code(valueText(v))
		}
		add(r)
	}
	if s.Format != "" {
		add(rich{}.text("format ").code(s.Format))
	}
	if s.Pattern != "" {
		add(rich{}.text("matches ").code(s.Pattern))
	}
	add(sizeRule(s.MinLength, s.MaxLength, "character"))
	add(sizeRule(s.MinItems, s.MaxItems, "item"))
	switch {
	case s.Minimum != nil && s.Maximum != nil:
		add(rich{}.text("from " + num(*s.Minimum) + " to " + num(*s.Maximum)))
	case s.Minimum != nil:
		add(rich{}.text("at least " + num(*s.Minimum)))
	case s.Maximum != nil:
		add(rich{}.text("at most " + num(*s.Maximum)))
	}
	if s.ExclusiveMinimum != nil {
		add(rich{}.text("more than " + num(*s.ExclusiveMinimum)))
	}
	if s.ExclusiveMaximum != nil {
		add(rich{}.text("less than " + num(*s.ExclusiveMaximum)))
	}
	if s.Items != nil {
		it := f.merge(s.Items)
		if len(it.Properties) == 0 && len(it.OneOf)+len(it.AnyOf) == 0 {
			for _, r := range f.rules(it) {
				add(append(rich{}.text("each item: "), r...))
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
				r := rich{}.text("as " + withArticle(f.typeText(mb, 0)) + ": ")
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
		add(rich{}.text("no other keys"))
	}
	if pn := s.PropertyNames; pn != nil {
		if p := f.merge(pn).Pattern; p != "" {
			add(rich{}.text("keys match ").code(p))
		}
	}
	if t := s.MaxTotalLength; t != nil && t.Property != "" {
		add(rich{}.text("every item's ").code(t.Property).text(" together: at most " + plural(t.Max, "character")))
	}
	if len(s.Reserved) > 0 {
		r := rich{}.text("reserved values are refused: ")
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
		add(rich{}.text("deprecated"))
	}
	if s.Lenient != "" {
		add(append(rich{}.text("not enforced: "), richFrom(s.Lenient)...))
	}
	return out
}

// alternatives words the members of a union that only constrain an object: "needs one of:
// `template`; or `subject` and `body`".
func (f *flattener) alternatives(s *catalog.Schema) rich {
	bs, kind := branches(s)
	var forms []rich
	for _, b := range bs {
		mb := f.merge(b)
		if f.typed(mb, 0) {
			continue
		}
		var r rich
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
	out := rich{}.text("needs at least one of: ")
	if kind == "oneOf" {
		out = rich{}.text("needs exactly one of: ")
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
	row := fieldRow{Path: path, Type: f.typeText(m, 0), Required: required, Desc: richFrom(m.Description)}
	if !ok {
		if at == "" {
			row.Rules = []rich{rich{}.text("the same shape as the body")}
		} else {
			row.Rules = []rich{rich{}.text("the same shape as ").code(at)}
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
		f.rows = append(f.rows, fieldRow{Group: f.formLabel(mb, path, bs, i)})
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
func (f *flattener) formLabel(b *catalog.Schema, path string, siblings []*catalog.Schema, i int) rich {
	for _, p := range b.Properties {
		ps := f.merge(p.Schema)
		if len(ps.Enum) == 1 && slices.Contains(b.Required, p.Name) {
			return rich{}.text("When ").code(joinPath(path, p.Name)).text(" is ").code(valueText(ps.Enum[0]))
		}
	}
	r := rich{}.text("When ")
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

// bodyTable flattens an operation's request body.
func bodyTable(a *catalog.API, s *catalog.Schema) (rows []fieldRow, notes []rich, desc rich) {
	f := &flattener{api: a}
	_, _, leave := f.enter(s, "")
	defer leave()
	m := f.merge(s)
	f.children(m, "", 0)
	// What the body's own schema says beyond its fields.
	for _, r := range f.rules(m) {
		notes = append(notes, r)
	}
	if len(m.Properties) == 0 && len(f.rows) == 0 {
		notes = append([]rich{rich{}.text("The body is " + withArticle(f.typeText(m, 0)) + ".")}, notes...)
	}
	return f.rows, notes, richFrom(m.Description)
}

// paramTable lists an operation's parameters.
func paramTable(a *catalog.API, op *catalog.Operation) []fieldRow {
	f := &flattener{api: a}
	var rows []fieldRow
	for _, p := range op.Params {
		m := f.merge(p.Schema)
		rows = append(rows, fieldRow{Path: p.Name, In: p.In, Type: f.typeText(m, 0), Required: p.Required || p.In == "path",
			Rules: f.rules(m), Desc: richFrom(m.Description)})
	}
	return rows
}

// idempotencyHeader is the name of the API's idempotency header.
func idempotencyHeader(a *catalog.API) string {
	if a.Headers.IdempotencyKey != "" {
		return a.Headers.IdempotencyKey
	}
	return "Idempotency-Key"
}

// idempotencyRule says what an operation makes of the idempotency header: the rules of the
// header parameter, or that it refuses it. Nil when the operation says nothing of it.
func (b *builder) idempotencyRule(a *catalog.API, op *catalog.Operation) *idemRule {
	name := idempotencyHeader(a)
	for _, h := range op.RefusedHeaders {
		if strings.EqualFold(h.Name, name) {
			r := &idemRule{Header: h.Name, Refused: true, Status: h.Status, Code: h.Code}
			if e := entryFor(a, h.Code, h.Status, ""); e != nil && b.byURL[e.Docs] != nil {
				r.Docs = e.Docs
			}
			return r
		}
	}
	for _, p := range op.Params {
		if p.In == "header" && strings.EqualFold(p.Name, name) {
			f := &flattener{api: a}
			return &idemRule{Header: p.Name, Required: p.Required, Rules: f.rules(f.merge(p.Schema))}
		}
	}
	return nil
}

// idemRule is an operation's idempotency header rule.
type idemRule struct {
	Header   string
	Required bool
	Rules    []rich
	// Refused says the operation refuses the header, answering Status and Code.
	Refused bool
	Status  int
	Code    string
	Docs    string // the page of the refusal's error, if any
}

// entryFor finds an API's catalog entry for a code sent with a status: the entry whose
// condition on the message holds, else the one without a condition, else any.
func entryFor(a *catalog.API, code string, status int, message string) *catalog.Entry {
	var plain, other *catalog.Entry
	for _, e := range a.Errors {
		if e.Code != code || (status != 0 && !e.HasStatus(status)) {
			continue
		}
		switch {
		case e.When != "" && message != "" && e.WhenMatches(message):
			return e
		case e.When == "" && plain == nil:
			plain = e
		case other == nil:
			other = e
		}
	}
	if plain != nil {
		return plain
	}
	return other
}

// codeExample is a highlighted example, ready to draw.
type codeExample struct {
	Title rich   // the example's summary, or its name
	Label string // the code block's label
	HTML  string // chroma's HTML
	// Predicted is the success status a checked example request is predicted to get.
	Predicted int
	// Entry is the catalog entry an error example decodes to; Code and Status what it read.
	Entry  *catalog.Entry
	Code   string
	Status int
	// Checked says the build checked the example.
	Checked bool
}

// responseSection is one documented answer of an operation.
type responseSection struct {
	ID       string
	Status   int
	Title    string
	Desc     rich
	Examples []codeExample
}

// endpointView is an endpoint page's operation, ready to draw.
type endpointView struct {
	api      *catalog.API
	op       *catalog.Operation
	params   []fieldRow
	body     []fieldRow
	bodyDesc rich
	notes    []rich
	idem     *idemRule
	requests []codeExample
	// noRequest says why the page shows no example request, when it shows none.
	noRequest string
	success   []responseSection
	errors    []responseSection
	toc       []markdown.TOCItem
}

// endpointView prepares an endpoint page: tables, highlighted examples and its contents.
func (w *worker) endpointView(p *page) *endpointView {
	a, op := p.api, p.op
	ev := &endpointView{api: a, op: op, params: paramTable(a, op), idem: w.b.idempotencyRule(a, op)}
	if op.Body != nil {
		ev.body, ev.notes, ev.bodyDesc = bodyTable(a, op.Body)
	}
	d := w.b.endpoints[op]
	if d == nil {
		d = &endpointData{}
	}
	ev.noRequest = d.noRequest
	for _, r := range d.requests {
		ex := codeExample{Title: r.title, Label: "Shell · curl", HTML: w.h.HTML("bash", r.curl),
			Predicted: r.predicted, Checked: true}
		ev.requests = append(ev.requests, ex)
	}
	for _, rs := range d.responses {
		sec := responseSection{Status: rs.resp.Status, Title: statusText(rs.resp.Status), Desc: richFrom(rs.resp.Description),
			ID: "status-" + strconv.Itoa(rs.resp.Status)}
		if rs.resp.Status == 0 {
			sec.Title, sec.ID = "Any other status", "status-default"
		}
		for _, x := range rs.examples {
			label := "HTTP · example response"
			if x.lang == "json" {
				label = "JSON · example response"
			}
			ex := codeExample{Title: x.title, Label: label, HTML: w.h.HTML(x.lang, x.text), Entry: x.entry,
				Code: x.code, Status: x.status, Checked: x.checked}
			sec.Examples = append(sec.Examples, ex)
		}
		if rs.resp.Status >= 200 && rs.resp.Status < 300 {
			ev.success = append(ev.success, sec)
		} else if rs.resp.Status >= 300 || rs.resp.Status == 0 {
			ev.errors = append(ev.errors, sec)
		}
	}
	h2 := func(id, text string) { ev.toc = append(ev.toc, markdown.TOCItem{ID: id, Text: text, Level: 2}) }
	if len(ev.params) > 0 {
		h2("parameters", "Parameters")
	}
	if op.Body != nil {
		h2("request-body", "Request body")
	}
	if ev.idem != nil {
		h2("idempotency", "Idempotency")
	}
	if len(ev.requests) > 0 {
		h2("example-requests", "Example requests")
	}
	if len(ev.success) > 0 {
		h2("success", "Success")
	}
	if len(ev.errors) > 0 {
		h2("errors", "Errors")
		for _, s := range ev.errors {
			ev.toc = append(ev.toc, markdown.TOCItem{ID: s.ID, Text: s.Title, Level: 3})
		}
	}
	return ev
}

// responseText is an example answer as it comes over the wire: the status line, the content
// type and the body, indented. A "default" answer has no status: its body alone.
func responseText(status int, body string) (text, lang string) {
	var pretty strings.Builder
	if err := indentJSON(&pretty, body); err != nil {
		pretty.Reset()
		pretty.WriteString(body)
	}
	if status == 0 {
		return pretty.String(), "json"
	}
	head := "HTTP/1.1 " + strconv.Itoa(status)
	if t := http.StatusText(status); t != "" {
		head += " " + t
	}
	if strings.TrimSpace(body) == "" {
		return head, "http"
	}
	return head + "\nContent-Type: application/json\n\n" + pretty.String(), "http"
}

func indentJSON(w *strings.Builder, body string) error {
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(plainJSON(body)), "", "  "); err != nil {
		return err
	}
	w.Write(out.Bytes())
	return nil
}

// plainJSON undoes the escapes encoding/json writes for <, > and & (the loader writes an
// example's YAML value as JSON with it), so an example reads as a person writes it: "<p>", not
// "\u003cp\u003e". The text stays valid JSON with the same value.
func plainJSON(s string) string {
	if !strings.Contains(s, `\u00`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		if s[i+1] == 'u' && i+6 <= len(s) {
			switch s[i+2 : i+6] {
			case "003c", "003C":
				b.WriteByte('<')
				i += 5
				continue
			case "003e", "003E":
				b.WriteByte('>')
				i += 5
				continue
			case "0026":
				b.WriteByte('&')
				i += 5
				continue
			}
		}
		// Any other escape stays as it is, with the character it escapes.
		b.WriteString(s[i : i+2])
		i++
	}
	return b.String()
}

// bodyText says how an operation's body is sent: "application/json, required".
func bodyText(op *catalog.Operation) rich {
	var r rich
	for i, mt := range op.MediaTypes {
		if i > 0 {
			r = r.text(", ")
		}
		r = r.code(mt)
	}
	if op.BodyRequired {
		return r.text(", required")
	}
	return r.text(", optional")
}

// sentence words an idempotency rule.
func (r *idemRule) sentence() rich {
	if r.Refused {
		s := rich{}.text("This endpoint refuses the ").code(r.Header).text(" header: sending it is a " + statusText(r.Status))
		if r.Code != "" {
			s = s.text(" ").code(r.Code)
		}
		return s.text(".")
	}
	s := rich{}.text("The ").code(r.Header).text(" request header is optional")
	if r.Required {
		s = rich{}.text("The ").code(r.Header).text(" request header is required")
	}
	for i, x := range r.Rules {
		if i == 0 {
			s = s.text(": ")
		} else {
			s = s.text("; ")
		}
		s = append(s, x...)
	}
	return s.text(".")
}

// keyText names the key an operation takes, for its page and the index.
func keyText(a *catalog.API, op *catalog.Operation) rich {
	switch {
	case op.Scope == "none":
		return rich{}.text("none: the URL carries a secret")
	case op.Scope != "":
		return rich{}.text("scope ").code(op.Scope)
	case op.Key != "":
		if k := keyFormat(a, op.Key); k != nil {
			return rich{}.text(k.Kind + " key ").code(k.Prefix + "…")
		}
		return rich{}.text(op.Key + " key")
	}
	var r rich
	for i, k := range a.Keys {
		if i > 0 {
			r = r.text(" or ")
		}
		r = r.code(k.Prefix + "…")
	}
	if len(r) == 0 {
		return rich{}.text("any key")
	}
	return append(rich{}.text("any key: "), r...)
}

// keyFact is keyText without the word "scope", for the page's Scope fact.
func keyFact(a *catalog.API, op *catalog.Operation) rich {
	if op.Scope != "" && op.Scope != "none" {
		return rich{}.code(op.Scope)
	}
	return keyText(a, op)
}

// line is a response section's opening line: its status, in bold, and its description.
func (s responseSection) line() rich {
	r := rich{}.strong(s.Title)
	if len(s.Desc) > 0 {
		r = append(r.text(": "), s.Desc...)
	}
	return r
}

// keyNote is the note of the key kind an operation takes, if any.
func keyNote(a *catalog.API, op *catalog.Operation) string {
	if op.Scope == "" && op.Key != "" {
		if k := keyFormat(a, op.Key); k != nil {
			return k.Note
		}
	}
	return ""
}

func (r fieldRow) requiredText() string {
	if r.Required {
		return "Yes"
	}
	return "No"
}

// endpointPageFor returns the page of an operation, or nil.
func (v *view) endpointPage(op *catalog.Operation) *page {
	return v.b.byURL[endpointURL(v.p.api, op)]
}

// rowGroup is the rows of a table under one heading; the first group may have none.
type rowGroup struct {
	Label rich
	Rows  []fieldRow
}

// groupRows splits rows at their heading rows.
func groupRows(rows []fieldRow) []rowGroup {
	var out []rowGroup
	for _, r := range rows {
		if r.Group != nil {
			out = append(out, rowGroup{Label: r.Group})
			continue
		}
		if len(out) == 0 {
			out = append(out, rowGroup{})
		}
		out[len(out)-1].Rows = append(out[len(out)-1].Rows, r)
	}
	return out
}

func firstColumn(withIn bool) string {
	if withIn {
		return "Name"
	}
	return "Field"
}

// joinRich joins lines of rich text with a separator.
func joinRich(rs []rich, sep string) rich {
	var out rich
	for i, r := range rs {
		if i > 0 {
			out = out.text(sep)
		}
		out = append(out, r...)
	}
	return out
}

func columns(withIn bool) int {
	if withIn {
		return 5
	}
	return 4
}

// hasNested reports whether a table has rows for fields inside objects or arrays.
func hasNested(rows []fieldRow) bool {
	for _, r := range rows {
		if strings.ContainsAny(r.Path, ".[") {
			return true
		}
	}
	return false
}
