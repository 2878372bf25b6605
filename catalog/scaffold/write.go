package scaffold

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"go.yaml.in/yaml/v3"
)

// Writing the tree: the API's index, its error pages, its openapi.yaml and a home page.

func q(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (s *specAPI) write() (*Result, error) {
	r := &Result{Files: map[string][]byte{}, ID: s.o.ID}
	// Codes known only from an enum or a description come with every status of their shape.
	for _, sh := range s.shapes {
		for _, c := range sortedKeys(sh.codes) {
			if _, ok := s.pages[c]; ok {
				continue
			}
			sts := sortedStatuses(sh.statuses)
			if len(sts) == 0 {
				continue
			}
			if st := statusByName(c, sh.statuses); st != 0 {
				sts = []int{st}
			}
			p := s.page(c, sts[0], sh, false)
			p.named = true
			for _, st := range sts {
				p.statuses[st] = true
				for _, op := range sh.ops[st] {
					p.addOp(op, sh.descs[st])
				}
			}
		}
	}
	taken := map[string]bool{}
	id := s.o.ID
	for _, key := range s.order {
		p := s.pages[key]
		base := p.code
		if base == "" {
			base = catalog.ReasonPhrase(p.status)
			if base == "" {
				base = "status-" + strconv.Itoa(p.status)
			}
			if len(s.shapes) > 1 {
				base += " " + strings.TrimPrefix(p.shape.name, id+"-")
			}
		}
		slug := slugFor(taken, base)
		text, n := s.pageText(p)
		r.Files[errorsPath(id, slug)] = []byte(text)
		r.Pages++
		r.Examples += n
	}
	title := s.title()
	r.Files[id+"/index.md"] = []byte(s.indexText(title))
	r.Files["index.md"] = []byte(fmt.Sprintf("---\n%s\ntitle: %s\ndescription: %s\n---\n\nThe error reference of the [%s API](/%s/), written by `errdocs init` from its OpenAPI\ndescription. Paste a failed response into the [playground](/playground/) to have it explained.\n",
		modeline(s.o, "page"), q(title+" errors"), q("Every error the "+title+" API documents, what it means and how to fix it."), mdText(title), id))
	oa, err := s.openapiYAML()
	if err != nil {
		r.Notes = append(r.Notes, "openapi.yaml left out: "+err.Error())
	} else {
		r.Files[id+"/openapi.yaml"] = oa
	}
	if err := check(r); err != nil {
		return nil, err
	}
	return r, nil
}

// check loads the tree as errdocs build would. An openapi.yaml errdocs cannot read is left out
// with a note; any other error is this package's fault.
func check(r *Result) error {
	fsys := fstest.MapFS{}
	for p, b := range r.Files {
		fsys[p] = &fstest.MapFile{Data: b}
	}
	_, err := load.Content(fsys)
	if err == nil {
		return nil
	}
	var es load.Errors
	if !errors.As(err, &es) {
		return err
	}
	oa := r.ID + "/openapi.yaml"
	for _, e := range es {
		if e.File != oa {
			return fmt.Errorf("the tree written does not load: %w", err)
		}
	}
	delete(r.Files, oa)
	note := "openapi.yaml left out (errdocs cannot check requests against it): " + es[0].Error()
	if len(es) > 1 {
		note += fmt.Sprintf(" (and %d more)", len(es)-1)
	}
	r.Notes = append(r.Notes, note)
	return check(r)
}

func (s *specAPI) title() string {
	if s.doc.Info != nil && strings.TrimSpace(s.doc.Info.Title) != "" {
		t := strings.TrimSpace(s.doc.Info.Title)
		t = strings.TrimSuffix(strings.TrimSuffix(t, " API"), " REST")
		return t
	}
	return titleCase(strings.ReplaceAll(s.o.ID, "-", " "))
}

// statusByName guesses a code's status from its words, among the statuses its shape comes
// with; 0 when no word fits.
func statusByName(code string, statuses map[int]bool) int {
	c := strings.ToLower(code)
	for _, g := range []struct {
		words  []string
		status []int
	}{
		{[]string{"not_found", "notfound", "not-found", "no_such", "unknown_"}, []int{404}},
		{[]string{"rate", "limit", "quota", "too_many", "throttl", "exhausted"}, []int{429}},
		{[]string{"unauthenticated", "unauthorized", "auth", "token", "key"}, []int{401}},
		{[]string{"forbidden", "permission", "denied", "scope"}, []int{403}},
		{[]string{"conflict", "exists", "duplicate", "already"}, []int{409}},
		{[]string{"unavailable", "maintenance", "overloaded"}, []int{503, 500}},
		{[]string{"internal", "server", "unexpected"}, []int{500, 503}},
		{[]string{"invalid", "validation", "missing", "required", "malformed", "bad_"}, []int{400, 422}},
	} {
		for _, w := range g.words {
			if !strings.Contains(c, w) {
				continue
			}
			for _, st := range g.status {
				if statuses[st] {
					return st
				}
			}
		}
	}
	return 0
}

func sortedStatuses(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for st := range m {
		out = append(out, st)
	}
	sort.Ints(out)
	return out
}

// retryFor is the policy errdocs writes for a status: a retry only where the same request can
// succeed unchanged.
func (s *specAPI) retryFor(status int) string {
	switch {
	case status == 429 && s.retry429:
		return "{strategy: retry-after, detail: \"Wait for Retry-After, then send the same request again.\"}"
	case status == 429, status == 408, status == 500, status == 502, status == 503, status == 504:
		return "{strategy: backoff, base_seconds: 1, cap_seconds: 30, attempts: 5}"
	}
	return "{strategy: never}"
}

var (
	mdLinkRE = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	spaceRE  = regexp.MustCompile(`\s+`)
)

// mdText makes spec prose safe as one Markdown paragraph: links keep their text (their
// targets are the spec's site, not this one), and no raw HTML gets through.
func mdText(s string) string {
	s = mdLinkRE.ReplaceAllString(s, "$1")
	s = strings.NewReplacer("<", "&lt;", ">", "&gt;", "#", "\\#").Replace(s)
	return strings.TrimSpace(spaceRE.ReplaceAllString(s, " "))
}

func (s *specAPI) pageText(p *page) (string, int) {
	var b strings.Builder
	b.WriteString("---\n" + modeline(s.o, "code-page") + "\n")
	fmt.Fprintf(&b, "code: %s\nstatus: %d\n", q(p.code), p.status)
	if sts := sortedStatuses(p.statuses); len(sts) > 1 {
		parts := make([]string, len(sts))
		for i, st := range sts {
			parts[i] = strconv.Itoa(st)
		}
		fmt.Fprintf(&b, "statuses: [%s]\n", strings.Join(parts, ", "))
	}
	title := sentence(p.code)
	if p.code == "" {
		title = catalog.ReasonPhrase(p.status)
		if title == "" {
			title = "Status " + strconv.Itoa(p.status)
		}
	}
	fmt.Fprintf(&b, "title: %s\nshape: %s\nretry: %s\n---\n\n", q(title), q(p.shape.name), s.retryFor(p.status))
	reason := catalog.StatusText(p.status)
	if p.code != "" {
		fmt.Fprintf(&b, "The API answers `%s` with the code `%s`.\n\n", reason, p.code)
	} else {
		fmt.Fprintf(&b, "The API answers `%s` with a body that carries no code.\n\n", reason)
	}
	b.WriteString("## What it means\n")
	if d := mdText(p.desc); d != "" && !strings.EqualFold(d, catalog.ReasonPhrase(p.status)) {
		b.WriteString(d + "\n\n")
	}
	fmt.Fprintf(&b, "This page was written by `errdocs init` from %s; say here, in your own words, what the error means.\n", mdText(s.o.SpecName))
	if p.guessed {
		b.WriteString("The spec gives this answer as `default`, with no status: 400 is a guess.\n")
	}
	if p.named {
		b.WriteString("The spec lists this code without its status; the status here is guessed from the code's name.\n")
	}
	b.WriteString("\n## Common causes\n")
	ops := p.ops
	if len(ops) == 0 {
		b.WriteString("- Any request to the API can get this answer; the spec names no operation.\n")
	}
	for i, op := range ops {
		if i == 10 {
			fmt.Fprintf(&b, "- And %d more operations.\n", len(ops)-10)
			break
		}
		m, path, _ := strings.Cut(op, " ")
		fmt.Fprintf(&b, "- A call to `%s %s`, which the spec documents with this answer.\n", m, strings.ReplaceAll(path, "`", ""))
	}
	b.WriteString("\n## How to fix\n")
	for i, step := range fixSteps(p.status) {
		fmt.Fprintf(&b, "%d. %s\n", i+1, step)
	}
	b.WriteString("\n## Examples\n")
	n := 0
	exs := p.examples
	if len(exs) == 0 {
		body, _ := json.MarshalIndent(p.shape.synth(p.code, p.status, title), "", "  ")
		ct := "application/json"
		if p.shape.ctype != "" {
			ct = p.shape.ctype
		}
		exs = []example{{status: p.status, ctype: ct, body: string(body)}}
		b.WriteString("The spec has no example of this answer; this one is built from its schema.\n\n")
	} else {
		n = len(exs)
	}
	for _, e := range exs {
		if e.from != "" {
			fmt.Fprintf(&b, "From the spec (`%s`):\n\n", strings.ReplaceAll(e.from, "`", ""))
		}
		ct := e.ctype
		if ct == "*/*" {
			ct = "application/json"
		}
		fmt.Fprintf(&b, "```http response\nHTTP/1.1 %d %s\nContent-Type: %s\n", e.status, catalog.ReasonPhrase(e.status), ct)
		if e.status == 429 && s.retry429 {
			b.WriteString("Retry-After: 1\n")
		}
		fmt.Fprintf(&b, "\n%s\n```\n\n", e.body)
	}
	return strings.TrimRight(b.String(), "\n") + "\n", n
}

// fixSteps are the first things to try for a status.
func fixSteps(status int) []string {
	switch {
	case status == 401:
		return []string{"Check that the request sends its credentials, and that they are valid and not expired."}
	case status == 403:
		return []string{"Check that the credentials have the permission or scope this operation needs."}
	case status == 404:
		return []string{"Check the path and the identifiers in it: the resource may not exist, or the credentials may not see it."}
	case status == 409:
		return []string{"Fetch the resource's current state, reconcile the change with it, then send the request again."}
	case status == 429:
		return []string{"Wait before sending the same request again (for Retry-After when the answer has it), and slow down."}
	case status >= 500:
		return []string{"Send the same request again after a pause, waiting longer each time.", "If it keeps failing, report it to the API's owners with the request id."}
	}
	return []string{"Read the body's message: it says what to change in the request.", "Correct the request and send it again."}
}

func (s *specAPI) indexText(title string) string {
	var b strings.Builder
	b.WriteString("---\n" + modeline(s.o, "api-index") + "\n")
	fmt.Fprintf(&b, "title: %s\ndescription: %s\napi:\n  name: %s\n", q(title+" API"), q("Every error the "+title+" API documents, what it means and how to fix it."), q(title))
	hosts, prefixes := s.hostsOf()
	if len(hosts) > 0 {
		fmt.Fprintf(&b, "  hosts: %s\n", qList(hosts))
	}
	if len(prefixes) > 0 {
		fmt.Fprintf(&b, "  path_prefixes: %s\n", qList(prefixes))
	}
	var hl []string
	var rateLimit []string
	reset := ""
	for _, h := range sortedKeys(s.headers) {
		l := strings.ToLower(h)
		switch {
		case strings.Contains(l, "request-id") || strings.Contains(l, "requestid") || strings.Contains(l, "request_id") ||
			strings.Contains(l, "trace-id") || strings.Contains(l, "correlation-id"):
			if len(hl) == 0 || !strings.HasPrefix(hl[0], "request_id") {
				hl = append([]string{"request_id: " + q(h)}, hl...)
			}
		case l == "retry-after":
			hl = append(hl, "retry_after: "+q(h))
		case strings.Contains(l, "ratelimit") || strings.Contains(l, "rate-limit"):
			rateLimit = append(rateLimit, h)
			if strings.Contains(l, "reset") && reset == "" {
				reset = h
			}
		}
	}
	if len(rateLimit) > 0 {
		hl = append(hl, "rate_limit: "+qList(rateLimit))
	}
	if reset != "" {
		hl = append(hl, "rate_limit_reset: "+q(reset))
	}
	if s.idemKey != "" {
		hl = append(hl, "idempotency_key: "+q(s.idemKey))
	}
	if len(hl) > 0 {
		b.WriteString("  headers:\n")
		for _, h := range hl {
			b.WriteString("    " + h + "\n")
		}
	}
	b.WriteString("  shapes:\n")
	for _, sh := range s.shapes {
		fmt.Fprintf(&b, "    - name: %s\n", q(sh.name))
		keys := sortedKeys(sh.match)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = q(k) + ": " + q(sh.match[k])
		}
		preset := sh.problem && sh.envelope == ""
		if preset {
			b.WriteString("      preset: \"problem+json\"\n")
		}
		fmt.Fprintf(&b, "      match: {%s}\n", strings.Join(parts, ", "))
		for _, kv := range [][2]string{{"code", sh.full(sh.code)}, {"message", sh.full(sh.message)},
			{"status", sh.full(sh.status)}, {"request_id", sh.full(sh.requestID)}, {"fields", sh.full(sh.fields)},
			{"field_path", sh.fieldPath}, {"field_message", sh.fieldMsg}, {"field_code", sh.fieldCode},
			{"content_type", sh.ctype}} {
			if kv[1] != "" && !(preset && presetReads(kv[0], kv[1], sh)) {
				fmt.Fprintf(&b, "      %s: %s\n", kv[0], q(kv[1]))
			}
		}
	}
	b.WriteString("  retry:\n")
	fmt.Fprintf(&b, "    \"429\": %s\n", s.retryFor(429))
	b.WriteString("    \"5xx\": {strategy: backoff, base_seconds: 1, cap_seconds: 30, attempts: 5}\n")
	b.WriteString("    default: {strategy: never}\n---\n\n")
	fmt.Fprintf(&b, "The errors of the %s API, written by `errdocs init` from %s", mdText(title), mdText(s.o.SpecName))
	if s.doc.Info != nil && s.doc.Info.Version != "" {
		fmt.Fprintf(&b, " (version %s)", mdText(s.doc.Info.Version))
	}
	b.WriteString(". Each code the description documents has a page, and each status whose answer carries no code.\n")
	if auth := s.authLines(); len(auth) > 0 {
		b.WriteString("\n## Authentication\n")
		for _, a := range auth {
			b.WriteString("- " + a + "\n")
		}
	}
	b.WriteString("\n## Error bodies\n")
	for _, sh := range s.shapes {
		body, _ := json.MarshalIndent(sh.synth(exampleCode(sh), 400, "A message"), "", "  ")
		fmt.Fprintf(&b, "`%s`:\n\n```json\n%s\n```\n\n", sh.name, body)
		if sh.typeCode() {
			b.WriteString("Its code is the last segment of the problem `type` URI (RFC 9457)")
			if sh.typeURI != "" {
				fmt.Fprintf(&b, ": `%s` is the code `%s`", mdText(sh.typeURI), mdText(sh.codeOf(sh.typeURI)))
			}
			b.WriteString(".\n\n")
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// presetReads reports whether the problem+json preset already reads a shape's key as init
// inferred it (its paths list alternatives: code "code | type", message "detail | title", …),
// so that the index need not repeat it.
func presetReads(key, path string, sh *inferred) bool {
	p := (&catalog.Shape{Preset: "problem+json"}).WithPreset()
	if p == nil {
		return false
	}
	alts := map[string]string{"code": p.Code, "message": p.Message, "status": p.Status,
		"content_type": p.ContentType}
	switch key {
	case "fields", "field_path", "field_message":
		// The preset's field paths hold only if all three fit it.
		return hasAlt(p.Fields, sh.fields) && hasAlt(p.FieldPath, sh.fieldPath) && hasAlt(p.FieldMessage, sh.fieldMsg)
	}
	return hasAlt(alts[key], path)
}

// hasAlt reports whether a shape path's alternatives ("a | b") include alt.
func hasAlt(path, alt string) bool {
	for _, a := range strings.Split(path, "|") {
		if strings.TrimSpace(a) == alt {
			return true
		}
	}
	return false
}

func exampleCode(sh *inferred) string {
	if sh.code == "" {
		return ""
	}
	if sh.typeCode() {
		if sh.typeURI != "" {
			return sh.typeURI
		}
		return "https://example.com/problems/some-code"
	}
	for _, c := range sortedKeys(sh.codes) {
		return c
	}
	return "some_code"
}

func qList(list []string) string {
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = q(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// authLines describe the spec's security schemes.
func (s *specAPI) authLines() []string {
	if s.doc.Components == nil {
		return nil
	}
	var out []string
	for _, name := range sortedKeys(s.doc.Components.SecuritySchemes) {
		ref := s.doc.Components.SecuritySchemes[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		v := ref.Value
		what := v.Type
		switch v.Type {
		case "http":
			what = "HTTP " + v.Scheme + " authentication (`Authorization: " + titleCase(v.Scheme) + " …`)"
		case "apiKey":
			what = "an API key in the " + v.In + " `" + strings.ReplaceAll(v.Name, "`", "") + "`"
		case "oauth2":
			what = "OAuth 2.0 (a bearer token in `Authorization`)"
		case "openIdConnect":
			what = "OpenID Connect"
		}
		out = append(out, "`"+strings.ReplaceAll(name, "`", "")+"`: "+mdText(what))
	}
	return out
}

// openapiYAML is the document's operations, for request checks: the operations with their
// parameters, bodies and responses, and the components they use; no request examples.
func (s *specAPI) openapiYAML() ([]byte, error) {
	out := &yaml.Node{Kind: yaml.MappingNode}
	add := func(m *yaml.Node, k string, v *yaml.Node) {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, v)
	}
	keep := func(n *yaml.Node, keys ...string) *yaml.Node {
		m := &yaml.Node{Kind: yaml.MappingNode}
		for i := 0; n != nil && n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			for _, k := range keys {
				if n.Content[i].Value == k {
					m.Content = append(m.Content, n.Content[i], n.Content[i+1])
				}
			}
		}
		return m
	}
	methods := []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}
	for _, k := range []string{"openapi", "info", "servers", "paths", "components"} {
		v := mapGet(s.root, k)
		if v == nil {
			continue
		}
		switch k {
		case "info":
			v = keep(v, "title", "version")
		case "paths":
			paths := &yaml.Node{Kind: yaml.MappingNode}
			for i := 0; i+1 < len(v.Content); i += 2 {
				item := v.Content[i+1]
				ni := keep(item, append([]string{"$ref", "parameters"}, methods...)...)
				for j := 0; j+1 < len(ni.Content); j += 2 {
					if contains(methods, ni.Content[j].Value) {
						ni.Content[j+1] = s.trimOperation(ni.Content[j+1], keep)
					}
				}
				add(paths, v.Content[i].Value, ni)
			}
			v = paths
		case "components":
			v = keep(v, "schemas", "responses", "parameters", "requestBodies", "headers", "examples", "securitySchemes", "pathItems")
		}
		add(out, k, v)
	}
	unflow(out, 0)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), enc.Close()
}

func (s *specAPI) trimOperation(op *yaml.Node, keep func(*yaml.Node, ...string) *yaml.Node) *yaml.Node {
	n := keep(op, "operationId", "summary", "parameters", "requestBody", "responses", "security")
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != "requestBody" {
			continue
		}
		rb := n.Content[i+1]
		if mapGet(rb, "$ref") != nil {
			continue
		}
		nrb := keep(rb, "required", "content")
		for j := 0; j+1 < len(nrb.Content); j += 2 {
			if nrb.Content[j].Value != "content" {
				continue
			}
			c := nrb.Content[j+1]
			nc := &yaml.Node{Kind: yaml.MappingNode}
			for k := 0; c.Kind == yaml.MappingNode && k+1 < len(c.Content); k += 2 {
				nc.Content = append(nc.Content, c.Content[k], keep(c.Content[k+1], "schema"))
			}
			nrb.Content[j+1] = nc
		}
		n.Content[i+1] = nrb
	}
	return n
}

// unflow writes mappings and lists in block style (JSON input arrives in flow style).
func unflow(n *yaml.Node, depth int) {
	if n == nil || depth > 200 {
		return
	}
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		n.Style &^= yaml.FlowStyle
	}
	for _, c := range n.Content {
		unflow(c, depth+1)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
