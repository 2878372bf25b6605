package scaffold

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/getkin/kin-openapi/openapi3"
)

// Shapes from schemas: where an error body keeps its code, message, status, request id and
// field issues, by the names APIs use for them.

var (
	codeNames      = []string{"code", "error_code", "errorCode"}
	messageNames   = []string{"message", "detail", "error_description", "title", "msg", "error_message", "errorMessage", "description"}
	statusNames    = []string{"status", "statusCode", "status_code", "http_status", "httpStatus"}
	requestIDNames = []string{"request_id", "requestId", "trace_id", "traceId", "correlation_id", "correlationId"}
	fieldsNames    = []string{"errors", "invalid_params", "invalid-params", "violations", "field_errors", "fieldErrors", "issues", "details"}
	fieldPathNames = []string{"field", "path", "pointer", "name", "param", "loc", "property"}
	fieldMsgNames  = []string{"message", "detail", "reason", "msg", "description"}
)

// props is a schema's properties, with those of allOf members and of a single object
// alternative of anyOf/oneOf (a nullable object), and its required names.
type props struct {
	by       map[string]*openapi3.Schema
	required map[string]bool
}

func propsOf(s *openapi3.Schema) props {
	p := props{by: map[string]*openapi3.Schema{}, required: map[string]bool{}}
	p.add(s, 0)
	return p
}

func (p props) add(s *openapi3.Schema, depth int) {
	if s == nil || depth > 20 {
		return
	}
	for name, r := range s.Properties {
		if r != nil && r.Value != nil {
			if _, ok := p.by[name]; !ok {
				p.by[name] = r.Value
			}
		}
	}
	for _, name := range s.Required {
		p.required[name] = true
	}
	for _, r := range s.AllOf {
		if r != nil {
			p.add(r.Value, depth+1)
		}
	}
	for _, alts := range []openapi3.SchemaRefs{s.AnyOf, s.OneOf} {
		var obj *openapi3.Schema
		n := 0
		for _, r := range alts {
			if r != nil && r.Value != nil && !isNull(r.Value) {
				obj, n = r.Value, n+1
			}
		}
		if n == 1 {
			p.add(obj, depth+1)
		}
	}
}

func isNull(s *openapi3.Schema) bool {
	return s.Type != nil && len(s.Type.Slice()) == 1 && s.Type.Is("null")
}

// kindOf is a schema's JSON kind ("string", "number", "object", "array", "boolean") and
// whether it may be null.
func kindOf(s *openapi3.Schema) (kind string, nullable bool) {
	if s == nil {
		return "", true
	}
	nullable = s.Nullable
	if s.Type != nil {
		for _, t := range s.Type.Slice() {
			switch t {
			case "null":
				nullable = true
			case "integer", "number":
				kind = "number"
			default:
				kind = t
			}
		}
	}
	for _, alts := range []openapi3.SchemaRefs{s.AnyOf, s.OneOf} {
		for _, r := range alts {
			if r == nil || r.Value == nil {
				continue
			}
			k, n := kindOf(r.Value)
			nullable = nullable || n
			if kind == "" && k != "" {
				kind = k
			}
		}
	}
	if kind == "" && len(s.Properties) > 0 {
		kind = "object"
	}
	return kind, nullable
}

func first(p props, names []string, kinds ...string) string {
	for _, n := range names {
		if s, ok := p.by[n]; ok {
			k, _ := kindOf(s)
			for _, want := range kinds {
				if k == want || k == "" {
					return n
				}
			}
		}
	}
	return ""
}

// shapeFor finds (or makes) the shape of a schema. Schemas with the same envelope merge into
// one shape: paths found in any of them, and only the paths every one of them requires in
// match. It returns nil for a schema that is not a JSON object with a message or a code.
func (s *specAPI) shapeFor(ref *openapi3.SchemaRef, ctype string) *inferred {
	p := propsOf(ref.Value)
	if len(p.by) == 0 {
		return nil
	}
	envelope := ""
	if e, ok := p.by["error"]; ok {
		if k, _ := kindOf(e); k == "object" {
			inner := propsOf(e)
			if len(inner.by) > 0 {
				envelope = "error."
				p = inner
			}
		}
	}
	problem := strings.Contains(strings.ToLower(ctype), "problem") ||
		envelope == "" && p.by["title"] != nil && p.by["status"] != nil && (p.by["type"] != nil || p.by["detail"] != nil)
	sh := &inferred{envelope: envelope, problem: problem, match: map[string]string{}, statuses: map[int]bool{},
		ops: map[int][]string{}, descs: map[int]string{}, codes: map[string]bool{}}
	if problem {
		sh.ctype = "application/problem+json"
	}
	sh.code = first(p, codeNames, "string", "number")
	sh.status = first(p, statusNames, "number", "string")
	if c, ok := p.by["code"]; ok && envelope != "" {
		// Google's AIP-193: {"error": {"code": 404, "status": "NOT_FOUND"}}; the code is the
		// status word, and "code" is the HTTP status.
		if k, _ := kindOf(c); k == "number" {
			if st, ok := p.by["status"]; ok {
				if k2, _ := kindOf(st); k2 == "string" {
					sh.code, sh.status = "status", "code"
				}
			}
		}
	}
	if sh.code == "" && envelope == "" {
		if e, ok := p.by["error"]; ok {
			if k, _ := kindOf(e); k == "string" {
				sh.code = "error" // OAuth 2.0: {"error": "invalid_grant", "error_description": …}
			}
		}
	}
	if problem && sh.code == "" && envelope == "" {
		if t, ok := p.by["type"]; ok {
			if k, _ := kindOf(t); k == "string" || k == "" {
				// RFC 9457: the type URI names the error; its last segment is the code.
				sh.code = "type"
			}
		}
	}
	if st := p.by[sh.status]; st != nil && sh.status != "" {
		k, _ := kindOf(st)
		sh.statusStr = k == "string"
	}
	sh.message = first(p, messageNames, "string")
	if problem && p.by["detail"] != nil {
		sh.message = "detail"
	}
	sh.requestID = first(p, requestIDNames, "string")
	for _, n := range fieldsNames {
		arr, ok := p.by[n]
		if !ok || arr.Items == nil || arr.Items.Value == nil {
			continue
		}
		ip := propsOf(arr.Items.Value)
		fp, fm := first(ip, fieldPathNames, "string", "array"), first(ip, fieldMsgNames, "string")
		if fp == "" && fm == "" {
			continue
		}
		sh.fields, sh.fieldPath, sh.fieldMsg = n, fp, fm
		sh.fieldCode = first(ip, []string{"code", "type"}, "string")
		break
	}
	if sh.code == "" && sh.message == "" {
		return nil
	}
	if c := p.by[sh.code]; c != nil && sh.code != "" {
		sh.codeKind, _ = kindOf(c)
		if sh.codeKind == "" {
			sh.codeKind = "string"
		}
		if sh.typeCode() {
			// A problem type's enum, const and examples are URIs: each one's code.
			vals := append(append([]any{c.Const, c.Example}, c.Enum...), c.Examples...)
			for _, v := range vals {
				if str, ok := v.(string); ok && sh.codeOf(str) != "" {
					sh.codes[sh.codeOf(str)] = true
				}
			}
		} else {
			for _, v := range c.Enum {
				if str, ok := v.(string); ok && str != "" {
					sh.codes[str] = true
				}
			}
			for _, w := range descCodes(c.Description) {
				sh.codes[w] = true
			}
		}
	}
	// match: the envelope, and the paths the schema requires that are never null.
	if envelope != "" {
		sh.match["error"] = "object"
	}
	for name := range p.required {
		k, nullable := kindOf(p.by[name])
		if k == "" || nullable {
			continue
		}
		sh.match[envelope+name] = k
	}
	if len(sh.match) == 0 || len(sh.match) == 1 && envelope != "" {
		if sh.message != "" {
			sh.match[envelope+sh.message] = "string"
		} else {
			sh.match[envelope+sh.code] = sh.codeKind
		}
	}
	for _, have := range s.shapes {
		if have.envelope == sh.envelope && have.problem == sh.problem {
			have.merge(sh)
			return have
		}
	}
	sh.name = s.o.ID + "-error"
	if problem {
		sh.name = s.o.ID + "-problem"
	}
	if envelope == "" && len(s.shapes) > 0 && !problem {
		sh.name = s.o.ID + "-flat"
	}
	for i := 2; s.shapeNamed(sh.name); i++ {
		sh.name = fmt.Sprintf("%s-%d", strings.TrimRight(sh.name, "-0123456789"), i)
	}
	s.shapes = append(s.shapes, sh)
	return sh
}

func (s *specAPI) shapeNamed(name string) bool {
	for _, x := range s.shapes {
		if x.name == name {
			return true
		}
	}
	return false
}

// merge folds another schema of the same envelope into sh.
func (sh *inferred) merge(o *inferred) {
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&sh.code, o.code)
	fill(&sh.codeKind, o.codeKind)
	fill(&sh.message, o.message)
	if sh.status == "" {
		sh.status, sh.statusStr = o.status, o.statusStr
	}
	fill(&sh.requestID, o.requestID)
	fill(&sh.typeURI, o.typeURI)
	if sh.fields == "" {
		sh.fields, sh.fieldPath, sh.fieldMsg, sh.fieldCode = o.fields, o.fieldPath, o.fieldMsg, o.fieldCode
	}
	for c := range o.codes {
		sh.codes[c] = true
	}
	for k, v := range sh.match {
		if o.match[k] != v {
			delete(sh.match, k)
		}
	}
	if len(sh.match) == 0 || len(sh.match) == 1 && sh.envelope != "" {
		if sh.message != "" {
			sh.match[sh.envelope+sh.message] = "string"
		}
	}
}

// typeCode says the shape's code is its problem type URI's last segment.
func (sh *inferred) typeCode() bool {
	return sh.problem && sh.envelope == "" && sh.code == "type"
}

// codeOf is the code a body of the shape carries, given the text at its code path: the rule
// the engine reads it by (catalog.Shape.CodeAt), so that every example decodes to its page.
func (sh *inferred) codeOf(text string) string {
	return (&catalog.Shape{ContentType: sh.ctype}).CodeAt(sh.full(sh.code), text)
}

// full is a path inside the envelope.
func (sh *inferred) full(p string) string {
	if p == "" {
		return ""
	}
	return sh.envelope + p
}

// synth builds a body of the shape for a page without an example of its own.
func (sh *inferred) synth(code string, status int, title string) map[string]any {
	body := map[string]any{}
	set := func(path string, v any) {
		if path == "" {
			return
		}
		m := body
		parts := strings.Split(path, ".")
		for _, k := range parts[:len(parts)-1] {
			next, ok := m[k].(map[string]any)
			if !ok {
				next = map[string]any{}
				m[k] = next
			}
			m = next
		}
		m[parts[len(parts)-1]] = v
	}
	keys := make([]string, 0, len(sh.match))
	for k := range sh.match {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch sh.match[k] {
		case "string":
			set(k, title)
		case "number":
			set(k, status)
		case "boolean":
			set(k, false)
		case "array":
			set(k, []any{})
		case "object":
			if _, ok := body[k]; !ok && !strings.Contains(k, ".") {
				set(k, map[string]any{})
			}
		}
	}
	if sh.problem {
		set("type", "about:blank")
		set("title", title)
	}
	set(sh.full(sh.message), title)
	if sh.status != "" && sh.statusStr {
		set(sh.full(sh.status), strconv.Itoa(status))
	} else if sh.status != "" {
		set(sh.full(sh.status), status)
	}
	if code != "" {
		if sh.codeKind == "number" {
			var n float64
			if _, err := fmt.Sscan(code, &n); err == nil {
				set(sh.full(sh.code), n)
			} else {
				set(sh.full(sh.code), code)
			}
		} else {
			set(sh.full(sh.code), code)
		}
	}
	return body
}
