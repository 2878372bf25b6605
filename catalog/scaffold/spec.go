package scaffold

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v3"
)

// The spec's error responses, read into shapes, codes and examples.

// specAPI is what the spec says about the API's errors.
type specAPI struct {
	o        Options
	doc      *openapi3.T
	root     *yaml.Node
	shapes   []*inferred
	pages    map[string]*page
	order    []string
	headers  map[string]bool
	retry429 bool // a 429 response declares Retry-After
	idemKey  string
}

// inferred is one shape of error body, merged over every schema with the same envelope.
type inferred struct {
	name      string
	envelope  string // "error." for {"error": {…}}, else ""
	problem   bool
	code      string
	codeKind  string
	message   string
	status    string
	statusStr bool // the status path holds a string ("404")
	requestID string
	fields    string
	fieldPath string
	fieldMsg  string
	fieldCode string
	match     map[string]string
	statuses  map[int]bool
	ops       map[int][]string // the operations answering each status with this shape, and why
	descs     map[int]string
	codes     map[string]bool // from the enum and descriptions, status unknown
	typeURI   string          // a problem type URI from an example, when the code is its last segment
	ctype     string
}

// page is one error page to write.
type page struct {
	code     string
	status   int
	statuses map[int]bool
	shape    *inferred
	desc     string
	ops      []string
	examples []example
	guessed  bool // the status comes from "default"
	// named says the spec lists the code (in an enum or the code's description) with no
	// status; the status was guessed from the code's words.
	named bool
}

type example struct {
	status int
	ctype  string
	body   string
	from   string // where in the spec, e.g. "POST /v1/things 404"
}

var codeWordRE = regexp.MustCompile("`([A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+)`|\\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\\b")

func fromSpec(o Options) (*Result, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(o.Spec, &root); err != nil {
		return nil, specErr("%s: %v", o.SpecName, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, specErr("%s: not an OpenAPI document (want a mapping with openapi, info and paths)", o.SpecName)
	}
	top := root.Content[0]
	v := mapGet(top, "openapi")
	if v == nil {
		if mapGet(top, "swagger") != nil {
			return nil, specErr("%s: Swagger 2.0 is not supported; convert it to OpenAPI 3 first", o.SpecName)
		}
		return nil, specErr("%s: no openapi version (want 3.0 or 3.1)", o.SpecName)
	}
	if !strings.HasPrefix(v.Value, "3.0") && !strings.HasPrefix(v.Value, "3.1") {
		return nil, specErr("%s: openapi %q is not 3.0 or 3.1", o.SpecName, v.Value)
	}
	plain, err := plainValue(top, 0)
	if err != nil {
		return nil, specErr("%s: %v", o.SpecName, err)
	}
	data, err := json.Marshal(plain)
	if err != nil {
		return nil, specErr("%s: %v", o.SpecName, err)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, specErr("%s: %v", o.SpecName, err)
	}
	if doc.Paths == nil || doc.Paths.Len() == 0 {
		return nil, specErr("%s: no paths", o.SpecName)
	}
	if o.ID == "" && doc.Info != nil {
		o.ID = strings.Trim(slugID(doc.Info.Title), "-")
	}
	if o.ID == "" {
		o.ID = "api"
	}
	s := &specAPI{o: o, doc: doc, root: top, pages: map[string]*page{}, headers: map[string]bool{}}
	s.read()
	if len(s.shapes) == 0 {
		return nil, specErr("%s: no error response (status 400 or more) has a JSON body with a schema errdocs can read", o.SpecName)
	}
	return s.write()
}

// slugID is a short folder name from a title: "Train Travel API" → "train-travel".
func slugID(title string) string {
	words := strings.Fields(strings.ToLower(title))
	var keep []string
	for _, w := range words {
		if w != "api" && w != "rest" && w != "the" {
			keep = append(keep, w)
		}
	}
	s := strings.ReplaceAll(strings.Join(keep, "-"), "_", "-")
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		}
	}
	out := b.String()
	if len(out) > 30 {
		out = strings.TrimRight(out[:30], "-")
	}
	return out
}

// plainValue converts a YAML node to JSON-ready data, keys as written (YAML's 200: is "200").
func plainValue(n *yaml.Node, depth int) (any, error) {
	if depth > 200 {
		return nil, fmt.Errorf("line %d: nested too deeply", n.Line)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return plainValue(n.Alias, depth+1)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Tag == "!!merge" {
				mv, err := plainValue(v, depth+1)
				if err != nil {
					return nil, err
				}
				if mm, ok := mv.(map[string]any); ok {
					for mk, x := range mm {
						if _, has := m[mk]; !has {
							m[mk] = x
						}
					}
				}
				continue
			}
			x, err := plainValue(v, depth+1)
			if err != nil {
				return nil, err
			}
			m[k.Value] = x
		}
		return m, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			x, err := plainValue(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool", "!!int", "!!float":
			var x any
			if err := n.Decode(&x); err == nil {
				if f, ok := x.(float64); ok && (f != f || f > 1e308 || f < -1e308) {
					return n.Value, nil // NaN and infinities have no JSON form
				}
				return x, nil
			}
		}
		return n.Value, nil
	}
	return nil, nil
}

func mapGet(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// read walks every operation's error responses.
func (s *specAPI) read() {
	pm := s.doc.Paths.Map()
	for _, p := range sortedKeys(pm) {
		item := pm[p]
		if item == nil {
			continue
		}
		ops := item.Operations()
		for _, m := range sortedKeys(ops) {
			op := ops[m]
			for _, prm := range append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...) {
				if prm != nil && prm.Value != nil && prm.Value.In == "header" &&
					strings.Contains(strings.ToLower(prm.Value.Name), "idempotency") {
					s.idemKey = prm.Value.Name
				}
			}
			if op.Responses == nil {
				continue
			}
			rm := op.Responses.Map()
			for _, k := range sortedKeys(rm) {
				status, guessed := statusOf(k)
				if status == 0 || rm[k] == nil || rm[k].Value == nil {
					continue
				}
				s.response(m+" "+p, status, guessed, rm[k].Value)
			}
		}
	}
}

// statusOf reads a responses key: an error status, a class, or "default" (taken as 400).
func statusOf(k string) (int, bool) {
	switch strings.ToUpper(k) {
	case "4XX":
		return 400, false
	case "5XX":
		return 500, false
	case "DEFAULT":
		return 400, true
	}
	n, err := strconv.Atoi(k)
	if err != nil || n < 400 || n > 599 {
		return 0, false
	}
	return n, false
}

func (s *specAPI) response(op string, status int, guessed bool, r *openapi3.Response) {
	for name, h := range r.Headers {
		if h != nil {
			s.headers[name] = true
			if status == 429 && strings.EqualFold(name, "Retry-After") {
				s.retry429 = true
			}
		}
	}
	desc := ""
	if r.Description != nil {
		desc = *r.Description
	}
	for _, ct := range sortedKeys(r.Content) {
		mt := r.Content[ct]
		if mt == nil || mt.Schema == nil || mt.Schema.Value == nil || !isJSON(ct) {
			continue
		}
		sh := s.shapeFor(mt.Schema, ct)
		if sh == nil {
			continue
		}
		sh.statuses[status] = true
		if !contains(sh.ops[status], op) {
			sh.ops[status] = append(sh.ops[status], op)
		}
		if sh.descs[status] == "" {
			sh.descs[status] = desc
		}
		for _, c := range descCodes(desc) {
			s.page(c, status, sh, guessed).addOp(op, desc)
		}
		var exs []any
		if mt.Example != nil {
			exs = append(exs, mt.Example)
		}
		for _, name := range sortedKeys(mt.Examples) {
			if e := mt.Examples[name]; e != nil && e.Value != nil && e.Value.Value != nil {
				exs = append(exs, e.Value.Value)
			}
		}
		if len(exs) == 0 && mt.Schema.Value.Example != nil {
			exs = append(exs, mt.Schema.Value.Example)
		}
		found := false
		for _, ex := range exs {
			obj, ok := ex.(map[string]any)
			if !ok {
				continue
			}
			body, err := json.MarshalIndent(obj, "", "  ")
			if err != nil {
				continue
			}
			raw := textAt(obj, sh.full(sh.code))
			code := sh.codeOf(raw)
			if sh.typeCode() && code != "" && sh.typeURI == "" {
				sh.typeURI = raw
			}
			p := s.page(code, status, sh, guessed)
			p.addOp(op, desc)
			p.addExample(example{status: status, ctype: ct, body: string(body), from: op + " " + strconv.Itoa(status)})
			found = true
		}
		if !found && len(sh.codes) == 0 && len(descCodes(desc)) == 0 {
			s.page("", status, sh, guessed).addOp(op, desc)
		}
	}
}

func isJSON(ct string) bool {
	ct = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	return ct == "application/json" || strings.HasSuffix(ct, "+json") || ct == "*/*"
}

// descCodes finds error codes written in a description: in backquotes, or in UPPER_SNAKE_CASE.
func descCodes(desc string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range codeWordRE.FindAllStringSubmatch(desc, -1) {
		c := m[1] + m[2]
		if strings.Contains(c, ".") || seen[c] {
			continue // a dotted word in backquotes is a path or a file, not a code
		}
		seen[c] = true
		out = append(out, c)
	}
	return out
}

// page returns the page of a code, or of a status and shape for a body without a code.
func (s *specAPI) page(code string, status int, sh *inferred, guessed bool) *page {
	key := code
	if code == "" {
		key = fmt.Sprintf("%d|%s", status, sh.name)
	}
	p := s.pages[key]
	if p == nil {
		p = &page{code: code, status: status, statuses: map[int]bool{}, shape: sh, guessed: guessed}
		s.pages[key] = p
		s.order = append(s.order, key)
	}
	if p.guessed && !guessed {
		p.status, p.guessed = status, false
		p.statuses = map[int]bool{}
	}
	if !guessed || p.guessed {
		p.statuses[status] = true
	}
	return p
}

func (p *page) addOp(op, desc string) {
	for _, o := range p.ops {
		if o == op {
			return
		}
	}
	p.ops = append(p.ops, op)
	if p.desc == "" {
		p.desc = desc
	}
}

func (p *page) addExample(e example) {
	for _, x := range p.examples {
		if x.body == e.body && x.status == e.status {
			return
		}
	}
	p.examples = append(p.examples, e)
}

// textAt reads a dotted path of a decoded JSON body as text.
func textAt(v any, path string) string {
	if path == "" {
		return ""
	}
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = m[k]
	}
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	}
	return ""
}

// hostsOf reads the servers' hosts; a templated first label becomes "*.".
func (s *specAPI) hostsOf() (hosts, prefixes []string) {
	seen := map[string]bool{}
	for _, sv := range s.doc.Servers {
		if sv == nil {
			continue
		}
		raw := sv.URL
		if !strings.Contains(raw, "://") {
			continue
		}
		scheme, rest, _ := strings.Cut(raw, "://")
		host, p, _ := strings.Cut(rest, "/")
		if strings.Contains(host, "{") {
			labels := strings.SplitN(host, ".", 2)
			if len(labels) < 2 || strings.Contains(labels[1], "{") || !strings.Contains(labels[0], "{") {
				continue
			}
			host = "*." + labels[1]
		}
		if u, err := url.Parse(scheme + "://" + host); err != nil || u.Hostname() == "" {
			continue
		} else {
			host = u.Hostname()
		}
		if host == "localhost" || host == "127.0.0.1" {
			continue
		}
		if !seen[host] {
			seen[host] = true
			hosts = append(hosts, host)
		}
		if p = strings.TrimRight(p, "/"); p != "" && !strings.Contains(p, "{") && !seen["/"+p] {
			seen["/"+p] = true
			prefixes = append(prefixes, "/"+p)
		}
	}
	sort.Strings(hosts)
	return hosts, prefixes
}
