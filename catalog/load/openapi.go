package load

import (
	"errors"
	"io/fs"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
)

// The API's OpenAPI description.
//
// An API folder may hold openapi.yaml, an OpenAPI 3.1 description of its endpoints. The loader
// reads it natively, without an OpenAPI library, into the compact catalog.Operation and
// catalog.Schema types that travel with the catalog: each operation's method and path template,
// the key kind or scope it needs (x-errdocs-key, x-errdocs-scope), its parameters and request
// body schema, its example requests, and its documented answers with their example bodies.
// References to #/components/… are resolved; a named schema becomes one entry of API.Schemas,
// referred to by name, so recursive schemas stay finite. Only the schemas that requests use are
// kept.
//
// Errors name the file and line, like every content error.

// openapi reads the API's openapi.yaml, if it has one.
func (l *loader) openapi(a *catalog.API) {
	file := a.ID + "/openapi.yaml"
	data, err := fs.ReadFile(l.fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		l.fail(file, 0, "%v", err)
		return
	}
	root, err := yamlTree(data)
	if err != nil {
		line, msg := yamlErrorLine(err)
		l.fail(file, line, "%s", msg)
		return
	}
	var bad []typeProblem
	checkTyped(root, reflect.TypeOf(oaDocument{}), "", &bad)
	for _, p := range bad {
		l.fail(file, p.line, "%s", p.msg)
	}
	if len(bad) > 0 {
		return
	}
	r := &oaReader{l: l, file: file, root: root, api: a, schemas: map[string]*catalog.Schema{},
		building: map[string]bool{}}
	r.read()
	r.webhooks()
	if len(r.schemas) > 0 {
		a.Schemas = r.schemas
	}
}

// oaReader reads one OpenAPI document.
type oaReader struct {
	l        *loader
	file     string
	root     *ynode
	api      *catalog.API
	schemas  map[string]*catalog.Schema
	building map[string]bool
	// checks are the check names the document declares (root x-errdocs-when), if any.
	checks map[string]bool
}

func (r *oaReader) fail(n *ynode, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.line
	}
	r.l.fail(r.file, line, format, args...)
}

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

func (r *oaReader) read() {
	if v := r.root.get("openapi").str(); !strings.HasPrefix(v, "3.") {
		r.fail(r.root, "openapi: version %q is not 3.x", v)
	}
	if w := r.root.get("x-errdocs-when"); w != nil && w.kind == yMap {
		r.checks = map[string]bool{}
		for _, k := range w.keys {
			r.checks[k] = true
		}
	}
	paths := r.root.get("paths")
	if paths == nil || paths.kind != yMap {
		r.fail(r.root, "paths: missing")
		return
	}
	for i, p := range paths.keys {
		item := r.deref(paths.vals[i], "pathItems")
		if !strings.HasPrefix(p, "/") {
			r.fail(paths.vals[i], "paths: %q does not start with /", p)
			continue
		}
		shared := item.get("parameters")
		for j, k := range item.keys {
			if !contains(methods, k) {
				continue
			}
			if op := r.operation(strings.ToUpper(k), p, item.vals[j], shared); op != nil {
				r.api.Operations = append(r.api.Operations, op)
			}
		}
	}
}

// deref follows a $ref to #/components/<kind>/<name>, repeatedly.
func (r *oaReader) deref(n *ynode, kind string) *ynode {
	for i := 0; i < 16 && n != nil; i++ {
		ref := n.get("$ref")
		if ref == nil {
			return n
		}
		t := r.target(ref, kind)
		if t == nil {
			return &ynode{kind: yMap, line: n.line}
		}
		n = t
	}
	return n
}

// target finds the node a $ref names. It reports a ref that is not local or does not resolve.
func (r *oaReader) target(ref *ynode, kind string) *ynode {
	s := ref.str()
	name, ok := strings.CutPrefix(s, "#/components/"+kind+"/")
	if !ok || strings.Contains(name, "/") {
		r.fail(ref, "$ref %q: want #/components/%s/<name>", s, kind)
		return nil
	}
	name = unescapePointer(name)
	t := r.root.get("components").get(kind).get(name)
	if t == nil {
		r.fail(ref, "$ref %q: no such %s", s, kind)
	}
	return t
}

func unescapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

func (r *oaReader) checkName(n *ynode, what, name string) {
	if r.checks != nil && name != "" && !r.checks[name] {
		r.fail(n, "%s: %q is not one of the checks in x-errdocs-when", what, name)
	}
}

func (r *oaReader) operation(method, path string, n *ynode, shared *ynode) *catalog.Operation {
	op := &catalog.Operation{Method: method, Path: path, Line: n.line,
		ID: n.get("operationId").str(), Summary: n.get("summary").str(),
		Key: n.get("x-errdocs-key").str(), Scope: n.get("x-errdocs-scope").str()}
	op.Inferred = boolOf(n.get("x-errdocs-inferred"))
	if op.Key != "" {
		found := false
		for _, k := range r.api.Keys {
			found = found || k.Kind == op.Key
		}
		if !found {
			r.fail(n.get("x-errdocs-key"), "x-errdocs-key: %q is not the kind of any of %s's keys", op.Key, r.api.ID)
		}
	}
	if op.Scope == "" {
		// The scope may also be written as a security requirement's scope list.
		if sec := n.get("security"); sec != nil && sec.kind == ySeq && len(sec.vals) > 0 {
			req := sec.vals[0]
			if req.kind == yMap && len(req.vals) > 0 && req.vals[0].kind == ySeq && len(req.vals[0].vals) > 0 {
				op.Scope = req.vals[0].vals[0].str()
			}
		}
	}
	if ord := n.get("x-errdocs-order"); ord != nil {
		for _, v := range ord.vals {
			r.checkName(v, "x-errdocs-order", v.str())
			op.Order = append(op.Order, v.str())
		}
	}
	if v := n.get("x-errdocs-validation"); v != nil {
		st, _ := strconv.Atoi(v.get("status").str())
		op.Validation = &catalog.Validation{Status: st, Shape: v.get("shape").str(),
			Code: v.get("code").str(), CodeMissing: v.get("code_missing").str(), Message: v.get("message").str(),
			Issues: v.get("issues").str()}
		if op.Validation.Shape != "" && r.api.Shape(op.Validation.Shape) == nil {
			r.fail(v, "x-errdocs-validation: shape %q is not one of %s's shapes", op.Validation.Shape, r.api.ID)
		}
		switch op.Validation.Issues {
		case "", "all", "first":
		default:
			r.fail(v, `x-errdocs-validation: issues %q is not "all" or "first"`, op.Validation.Issues)
		}
	}
	if rh := n.get("x-errdocs-refused-headers"); rh != nil {
		for _, h := range rh.vals {
			st, _ := strconv.Atoi(h.get("status").str())
			op.RefusedHeaders = append(op.RefusedHeaders, catalog.RefusedHeader{Name: h.get("name").str(),
				Status: st, Code: h.get("code").str(), When: h.get("when").str()})
			r.checkName(h, "x-errdocs-refused-headers", h.get("when").str())
		}
	}
	op.Cookie = r.cookieAuth(n)
	// Parameters: the path item's, overridden by the operation's of the same name and place.
	var params []*catalog.Param
	add := func(list *ynode) {
		if list == nil {
			return
		}
		for _, pn := range list.vals {
			pn = r.deref(pn, "parameters")
			p := &catalog.Param{Name: pn.get("name").str(), In: pn.get("in").str()}
			p.Required = boolOf(pn.get("required"))
			if s := pn.get("schema"); s != nil {
				p.Schema = r.schema(s, 0)
			}
			replaced := false
			for i, q := range params {
				if q.In == p.In && strings.EqualFold(q.Name, p.Name) {
					params[i], replaced = p, true
				}
			}
			if !replaced {
				params = append(params, p)
			}
		}
	}
	add(shared)
	add(n.get("parameters"))
	sort.SliceStable(params, func(i, j int) bool { return params[i].In == "path" && params[j].In != "path" })
	for _, seg := range pathParams(path) {
		found := false
		for _, p := range params {
			found = found || p.In == "path" && p.Name == seg
		}
		if !found {
			r.fail(n, "%s %s: path parameter {%s} is not declared", method, path, seg)
		}
	}
	op.Params = params
	if rb := n.get("requestBody"); rb != nil {
		r.requestBody(op, r.deref(rb, "requestBodies"))
	}
	if rs := n.get("responses"); rs != nil {
		for i, k := range rs.keys {
			r.response(op, k, r.deref(rs.vals[i], "responses"))
		}
	}
	for _, resp := range op.Responses {
		if resp.Status >= 200 && resp.Status < 300 && (op.Success == 0 || resp.Status < op.Success) {
			op.Success = resp.Status
		}
	}
	return op
}

// pathParams lists the {name} segments of a path template.
func pathParams(path string) []string {
	var out []string
	for {
		i := strings.IndexByte(path, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(path[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, path[i+1:i+j])
		path = path[i+j+1:]
	}
}

func (r *oaReader) requestBody(op *catalog.Operation, rb *ynode) {
	op.BodyRequired = boolOf(rb.get("required"))
	content := rb.get("content")
	if content == nil {
		return
	}
	var chosen *ynode
	for i, mt := range content.keys {
		op.MediaTypes = append(op.MediaTypes, mt)
		c := content.vals[i]
		if chosen == nil || isJSONType(mt) && !isJSONType(op.MediaTypes[0]) {
			chosen = c
		}
		if exs := c.get("examples"); exs != nil {
			for j, name := range exs.keys {
				ex := r.deref(exs.vals[j], "examples")
				r.requestExample(op, mt, name, ex.get("summary").str(), ex.get("value"), exs.vals[j].line)
			}
		}
		if ex := c.get("example"); ex != nil {
			r.requestExample(op, mt, "example", "", ex, ex.line)
		}
	}
	if chosen != nil && chosen.get("schema") != nil {
		op.Body = r.schema(chosen.get("schema"), 0)
	}
}

func isJSONType(mt string) bool {
	mt = strings.ToLower(mt)
	return strings.HasPrefix(mt, "application/json") || strings.HasSuffix(strings.SplitN(mt, ";", 2)[0], "+json")
}

func (r *oaReader) requestExample(op *catalog.Operation, mt, name, summary string, v *ynode, line int) {
	if v == nil {
		r.fail(&ynode{line: line}, "%s %s: example %q has no value", op.Method, op.Path, name)
		return
	}
	body, err := jsonOf(v)
	if err != nil {
		r.fail(v, "example %q: %v", name, err)
		return
	}
	op.Examples = append(op.Examples, catalog.RequestExample{Name: name, Summary: summary, MediaType: mt,
		Body: body, Line: line})
}

func (r *oaReader) response(op *catalog.Operation, status string, n *ynode) {
	resp := &catalog.Response{Description: n.get("description").str()}
	if status != "default" {
		st, err := strconv.Atoi(status)
		if err != nil || st < 100 || st > 599 {
			if !strings.HasSuffix(strings.ToUpper(status), "XX") {
				r.fail(n, "responses: %q is not an HTTP status", status)
			}
			return
		}
		resp.Status = st
	}
	if content := n.get("content"); content != nil {
		for _, c := range content.vals {
			if exs := c.get("examples"); exs != nil {
				for j, name := range exs.keys {
					ex := r.deref(exs.vals[j], "examples")
					r.responseExample(resp, name, ex, exs.vals[j].line)
				}
			}
			if ex := c.get("example"); ex != nil {
				r.responseExample(resp, "example", &ynode{kind: yMap, line: ex.line,
					keys: []string{"value"}, vals: []*ynode{ex}}, ex.line)
			}
		}
	}
	op.Responses = append(op.Responses, resp)
}

func (r *oaReader) responseExample(resp *catalog.Response, name string, ex *ynode, line int) {
	v := ex.get("value")
	if v == nil {
		r.fail(ex, "response example %q has no value", name)
		return
	}
	body, err := jsonOf(v)
	if err != nil {
		r.fail(v, "response example %q: %v", name, err)
		return
	}
	if resp.Status >= 200 && resp.Status < 300 {
		r.addForm(v, "")
	}
	when := ex.get("x-errdocs-when").str()
	r.checkName(ex, "x-errdocs-when", when)
	resp.Examples = append(resp.Examples, catalog.ResponseExample{Name: name, Summary: ex.get("summary").str(),
		When: when, Body: body, Line: line})
}

// namedSchema converts components/schemas/<name> once and returns a reference to it.
func (r *oaReader) namedSchema(ref *ynode) *catalog.Schema {
	t := r.target(ref, "schemas")
	if t == nil {
		return &catalog.Schema{}
	}
	name := unescapePointer(strings.TrimPrefix(ref.str(), "#/components/schemas/"))
	if _, done := r.schemas[name]; !done && !r.building[name] {
		r.building[name] = true
		r.schemas[name] = r.schema(t, 0)
		delete(r.building, name)
	}
	return &catalog.Schema{Ref: name}
}

func intPtr(n *ynode) *int {
	if n == nil {
		return nil
	}
	v, err := strconv.Atoi(n.str())
	if err != nil {
		return nil
	}
	return &v
}

func floatPtr(n *ynode) *float64 {
	if n == nil {
		return nil
	}
	v, err := strconv.ParseFloat(n.str(), 64)
	if err != nil {
		return nil
	}
	return &v
}

// schema converts one schema object.
func (r *oaReader) schema(n *ynode, depth int) *catalog.Schema {
	s := &catalog.Schema{}
	if n == nil || depth > 64 {
		return s
	}
	if n.kind == yScalar {
		// true as a schema: anything.
		return s
	}
	if ref := n.get("$ref"); ref != nil {
		named := r.namedSchema(ref)
		rest := 0
		for _, k := range n.keys {
			if k != "$ref" && k != "description" && k != "summary" {
				rest++
			}
		}
		if rest == 0 {
			return named
		}
		// Keywords beside a $ref (OpenAPI 3.1) apply together with it.
		cp := &ynode{kind: yMap, line: n.line}
		for i, k := range n.keys {
			if k != "$ref" {
				cp.keys = append(cp.keys, k)
				cp.vals = append(cp.vals, n.vals[i])
			}
		}
		s = r.schema(cp, depth+1)
		s.AllOf = append([]*catalog.Schema{named}, s.AllOf...)
		return s
	}
	if t := n.get("type"); t != nil {
		if t.kind == ySeq {
			for _, v := range t.vals {
				s.Type = append(s.Type, v.str())
			}
		} else {
			s.Type = []string{t.str()}
		}
		for _, ty := range s.Type {
			switch ty {
			case "string", "number", "integer", "boolean", "object", "array", "null":
			default:
				r.fail(t, "type %q is not a JSON Schema type", ty)
			}
		}
	}
	if boolOf(n.get("nullable")) && len(s.Type) > 0 {
		s.Type = append(s.Type, "null")
	}
	if e := n.get("enum"); e != nil {
		s.Enum = []any{}
		for _, v := range e.vals {
			s.Enum = append(s.Enum, goValue(v))
		}
	}
	if c := n.get("const"); c != nil {
		s.Enum, s.Const = []any{goValue(c)}, true
	}
	s.Format = n.get("format").str()
	if p := n.get("pattern"); p != nil {
		s.Pattern = p.str()
		if _, err := regexp.Compile(s.Pattern); err != nil {
			r.fail(p, "pattern %q: %v (patterns must be RE2: no lookaround or backreferences)", s.Pattern, err)
			s.Pattern = ""
		}
	}
	s.MinLength, s.MaxLength = intPtr(n.get("minLength")), intPtr(n.get("maxLength"))
	s.MinItems, s.MaxItems = intPtr(n.get("minItems")), intPtr(n.get("maxItems"))
	s.Minimum, s.Maximum = floatPtr(n.get("minimum")), floatPtr(n.get("maximum"))
	s.ExclusiveMinimum, s.ExclusiveMaximum = floatPtr(n.get("exclusiveMinimum")), floatPtr(n.get("exclusiveMaximum"))
	if it := n.get("items"); it != nil {
		s.Items = r.schema(it, depth+1)
	}
	if req := n.get("required"); req != nil {
		if req.kind != ySeq {
			r.fail(req, "required: want a list of property names")
		}
		for _, v := range req.vals {
			s.Required = append(s.Required, v.str())
		}
	}
	if props := n.get("properties"); props != nil {
		for i, k := range props.keys {
			s.Properties = append(s.Properties, catalog.Property{Name: k, Schema: r.schema(props.vals[i], depth+1)})
		}
	}
	if ap := n.get("additionalProperties"); ap != nil {
		if b, ok := ap.val.(bool); ok && ap.kind == yScalar {
			s.NoAdditional = !b
		} else {
			s.AdditionalProperties = r.schema(ap, depth+1)
		}
	}
	if pn := n.get("propertyNames"); pn != nil {
		s.PropertyNames = r.schema(pn, depth+1)
	}
	for _, k := range []string{"anyOf", "oneOf", "allOf"} {
		list := n.get(k)
		if list == nil {
			continue
		}
		var out []*catalog.Schema
		for _, v := range list.vals {
			out = append(out, r.schema(v, depth+1))
		}
		switch k {
		case "anyOf":
			s.AnyOf = out
		case "oneOf":
			s.OneOf = out
		default:
			s.AllOf = append(s.AllOf, out...)
		}
	}
	if m := n.get("x-errdocs-messages"); m != nil {
		s.Messages = map[string]string{}
		for i, k := range m.keys {
			s.Messages[k] = m.vals[i].str()
		}
	}
	s.Rule = n.get("x-errdocs-rule").str()
	if ri := n.get("x-errdocs-rule-issue"); ri != nil {
		s.RuleIssue = issueOf(ri)
	}
	if rv := n.get("x-errdocs-reserved"); rv != nil {
		for _, v := range rv.vals {
			if _, err := regexp.Compile(v.str()); err != nil {
				r.fail(v, "x-errdocs-reserved: %v", err)
				continue
			}
			s.Reserved = append(s.Reserved, v.str())
		}
		if ri := n.get("x-errdocs-reserved-issue"); ri != nil {
			s.ReservedIssue = issueOf(ri)
		} else {
			r.fail(rv, "x-errdocs-reserved needs x-errdocs-reserved-issue")
		}
	}
	if si := n.get("x-errdocs-sender-issue"); si != nil {
		is := issueOf(si)
		need := catalog.Needed{Field: is.Field, When: "sender-missing", Issue: *is}
		if u := si.get("unless"); u != nil {
			for _, v := range u.vals {
				need.Unless = append(need.Unless, v.str())
			}
		} else {
			// Unless it says otherwise, a field that alone satisfies the schema's anyOf (a
			// template) may bring the needed field with it.
			for _, b := range append(append([]*catalog.Schema{}, s.AnyOf...), s.OneOf...) {
				if len(b.Required) == 1 && len(b.Type) == 0 {
					need.Unless = append(need.Unless, b.Required[0])
				}
			}
		}
		if w := si.get("when").str(); w != "" {
			need.When = w
		}
		r.checkName(si, "x-errdocs-sender-issue", need.When)
		s.Needed = append(s.Needed, need)
	}
	if mt := n.get("x-errdocs-max-total-length"); mt != nil {
		max, _ := strconv.Atoi(mt.get("max").str())
		s.MaxTotalLength = &catalog.TotalLength{Property: mt.get("property").str(), Max: max, Issue: s.RuleIssue}
		if is := mt.get("issue"); is != nil {
			s.MaxTotalLength.Issue = issueOf(is)
		}
	}
	s.Lenient = n.get("x-errdocs-lenient").str()
	s.Deprecated = boolOf(n.get("deprecated"))
	s.Description = n.get("description").str()
	return s
}

func boolOf(n *ynode) bool {
	if n == nil {
		return false
	}
	b, _ := n.val.(bool)
	return b
}

func issueOf(n *ynode) *catalog.Issue {
	st, _ := strconv.Atoi(n.get("status").str())
	is := &catalog.Issue{Field: n.get("field").str(), Code: n.get("code").str(), Message: n.get("message").str(),
		Received: n.get("received").str(), ErrorMessage: n.get("error_message").str(), Status: st,
		Shape: n.get("shape").str()}
	if m := n.get("messages"); m != nil {
		is.Messages = map[string]string{}
		for i, k := range m.keys {
			is.Messages[k] = m.vals[i].str()
		}
	}
	return is
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// cookieAuth reads the session cookie an operation accepts: the first of its security
// requirements (else the document's) that names an apiKey scheme "in: cookie", with the
// "in: header" apiKeys the same requirement names beside it. It returns nil when none does.
func (r *oaReader) cookieAuth(n *ynode) *catalog.CookieAuth {
	sec := n.get("security")
	if sec == nil {
		sec = r.root.get("security")
	}
	if sec == nil {
		return nil
	}
	schemes := r.root.get("components").get("securitySchemes")
	for _, req := range sec.vals {
		var auth *catalog.CookieAuth
		var headers []catalog.SessionHeader
		for i, name := range req.keys {
			s := schemes.get(name)
			if s == nil {
				r.fail(req.vals[i], "security: %q is not one of components.securitySchemes", name)
				continue
			}
			if s.get("type").str() != "apiKey" {
				continue
			}
			switch s.get("in").str() {
			case "cookie":
				auth = &catalog.CookieAuth{Name: s.get("name").str(), Scheme: name}
			case "header":
				h := catalog.SessionHeader{Name: s.get("name").str()}
				if m := s.get("x-errdocs-missing"); m != nil {
					st, _ := strconv.Atoi(m.get("status").str())
					h.Missing = &catalog.Issue{Status: st, Shape: m.get("shape").str(), Code: m.get("code").str(), Message: m.get("message").str()}
					if h.Missing.Shape != "" && r.api.Shape(h.Missing.Shape) == nil {
						r.fail(m, "x-errdocs-missing: shape %q is not one of %s's shapes", h.Missing.Shape, r.api.ID)
					}
				}
				headers = append(headers, h)
			}
		}
		if auth != nil {
			auth.Headers = headers
			return auth
		}
	}
	return nil
}
