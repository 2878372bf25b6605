package reqcheck

import (
	"sort"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/reqcheck/schema"
	"github.com/errdocs/errdocs/engine/shapepath"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// Predicting the answer: the first failed check, in the operation's order, decides it. Its body
// is the operation's example for that check, in the API's own shape, with the field issues, the
// code, the message and the suggestion this request earns, and placeholders for what changes
// with every call.

func (c *reqChecker) predict() {
	var best *failure
	bestName, bestRank := "", 1<<30
	for _, f := range c.failures {
		if name, r := c.rank(f.check); r < bestRank {
			best, bestName, bestRank = f, name, r
		}
	}
	if best == nil {
		c.out.Predicted = c.success()
		if c.out.Predicted.Status == 0 {
			c.alwaysFails()
		}
		return
	}
	c.out.Predicted = c.answer(best, bestName)
	if bestName != best.check && !sameFamily(bestName, best.check) {
		c.problem("info", best.check, c.api.Name+" does not document how "+c.op.Name()+" answers this ("+best.check+"); the predicted answer is the one it gives for "+bestName+".", "", 0, 0)
	}
	for _, is := range best.issues {
		if is.Keyword == "json" {
			continue
		}
		line, _ := c.issuePos(is)
		c.out.Fields = append(c.out.Fields, Field{Path: is.Dotted(), Message: is.Message, Code: is.Code, Hint: is.Hint, Line: line})
	}
}

// sameFamily reports whether two checks are the same kind of check under the names different
// APIs give it (body-schema for a whole body at once, body-required and body-invalid apart).
func sameFamily(a, b string) bool {
	family := func(c string) int {
		switch c {
		case ckBodySchema, ckBodyRequired, ckBodyInvalid:
			return 1
		case ckAuthMalformed, ckAuthWrongKey, ckAuthSession:
			return 2
		}
		return 0
	}
	return family(a) != 0 && family(a) == family(b)
}

// alwaysFails predicts the answer of an operation that has no success: the last check of its
// order that has an example (a reserved endpoint's 501).
func (c *reqChecker) alwaysFails() {
	for i := len(c.op.Order) - 1; i >= 0; i-- {
		when := c.op.Order[i]
		for _, r := range c.op.Responses {
			for _, ex := range r.Examples {
				if ex.When != when {
					continue
				}
				c.out.Predicted = c.build(answerSpec{when: when, status: r.Status})
				msg := c.op.Name() + " always answers " + strconv.Itoa(r.Status)
				if r.Description != "" {
					msg += ": " + r.Description
				} else {
					msg += "."
				}
				c.problem("warning", when, msg, "", c.req.URLLine, 0)
				return
			}
		}
	}
}

func (c *reqChecker) success() *Predicted {
	p := &Predicted{Status: c.op.Success, Check: CheckOK}
	for _, r := range c.op.Responses {
		if r.Status == c.op.Success && len(r.Examples) > 0 {
			if root, _, _, err := jsonx.Parse(r.Examples[0].Body); root != nil && err == nil {
				p.setBody(root)
			}
			break
		}
	}
	return p
}

// answerSpec says how to build an answer.
type answerSpec struct {
	when   string
	status int
	shape  *catalog.Shape
	// code and message replace the template's when set.
	code, message string
	issues        []*schema.Issue
	// writeIssues puts the issues in the body; dropIssues removes the template's;
	// issuesIfTemplate writes them only where the template has field issues.
	writeIssues, dropIssues, issuesIfTemplate bool
	suggest                                   bool
	// ownOnly takes the template from the operation's own examples only.
	ownOnly bool
}

func allRequired(issues []*schema.Issue) bool {
	for _, is := range issues {
		if is.Keyword != "required" {
			return false
		}
	}
	return len(issues) > 0
}

func (c *reqChecker) answer(f *failure, name string) *Predicted {
	val := c.op.Validation
	sp := answerSpec{when: name, issues: f.issues}
	switch {
	case f.answer != nil:
		a := f.answer
		sp.status, sp.code, sp.message, sp.dropIssues = a.Status, a.Code, a.Message, true
		sp.shape = c.api.Shape(a.Shape)
		if sp.shape == nil && val != nil {
			sp.shape = c.api.Shape(val.Shape)
		}
	case validationCheck(name) && len(f.issues) > 0:
		sp.suggest = true
		if val == nil {
			if root, _ := c.example(name, 0, nil, true); root != nil {
				// The operation's own example is the form of the answer: keep its message,
				// and give issues only if it has them.
				sp.ownOnly, sp.issuesIfTemplate, sp.writeIssues = true, true, true
				break
			}
			val = c.apiValidation()
		}
		if val == nil {
			sp.writeIssues = true
			break
		}
		sp.status, sp.shape = val.Status, c.api.Shape(val.Shape)
		sp.code = val.Code
		if val.CodeMissing != "" && allRequired(f.issues) {
			sp.code = val.CodeMissing
		}
		if val.Issues == "first" {
			sp.message, sp.dropIssues = f.issues[0].Message, true
		} else {
			sp.message, sp.writeIssues = val.Message, true
		}
	default:
		sp.writeIssues = f.ownIssues && len(f.issues) > 0
		sp.message = f.message
		if val != nil && f.ownIssues {
			sp.shape = c.api.Shape(val.Shape)
		}
	}
	p := c.build(sp)
	if p.Body == nil && !validationCheck(name) {
		// No example for this check anywhere: answer as the API answers a body it refuses.
		if v := c.apiValidation(); v != nil {
			p = c.build(answerSpec{when: name, status: v.Status, shape: c.api.Shape(v.Shape), code: v.Code, message: v.Message})
		}
	}
	return p
}

// apiValidation is the validation rule most of the API's operations share.
func (c *reqChecker) apiValidation() *catalog.Validation {
	if c.op.Validation != nil {
		return c.op.Validation
	}
	count := map[catalog.Validation]int{}
	var best *catalog.Validation
	for _, op := range c.api.Operations {
		if v := op.Validation; v != nil {
			count[*v]++
			if best == nil || count[*v] > count[*best] {
				best = v
			}
		}
	}
	return best
}

// example finds the example answer for a check: the operation's own first, then any of the
// API's; with the status when one is given. An example that does not fit the shape is passed
// over.
func (c *reqChecker) example(when string, status int, shape *catalog.Shape, ownOnly bool) (*jsonx.Node, int) {
	try := func(ex catalog.ResponseExample) *jsonx.Node {
		root, _, _, err := jsonx.Parse(ex.Body)
		if root == nil || err != nil {
			return nil
		}
		if shape != nil {
			if _, ok := FitsShape(root, shape); !ok {
				return nil
			}
		}
		return root
	}
	scopes := [][]*catalog.Operation{{c.op}, c.api.Operations}
	if ownOnly {
		scopes = scopes[:1]
	}
	for _, ops := range scopes {
		for _, strict := range []bool{true, false} {
			if strict && status == 0 {
				continue
			}
			for _, op := range ops {
				for _, r := range op.Responses {
					if strict && r.Status != status {
						continue
					}
					for _, ex := range r.Examples {
						if ex.When == when {
							if root := try(ex); root != nil {
								return root, r.Status
							}
						}
					}
				}
			}
		}
	}
	return nil, 0
}

// shapeOf finds the API shape a body has.
func (c *reqChecker) shapeOf(root *jsonx.Node) *catalog.Shape {
	var best *catalog.Shape
	bestScore := -1
	for _, s := range c.api.Shapes {
		if score, ok := FitsShape(root, s); ok && score > bestScore {
			best, bestScore = s, score
		}
	}
	return best
}

func (c *reqChecker) build(sp answerSpec) *Predicted {
	root, status := c.example(sp.when, sp.status, sp.shape, sp.ownOnly)
	if sp.status != 0 {
		status = sp.status
	}
	shape := sp.shape
	if shape == nil && root != nil {
		shape = c.shapeOf(root)
	}
	if root == nil {
		if shape == nil {
			return &Predicted{Status: status, Check: sp.when}
		}
		root = skeleton(shape)
	}
	if shape != nil {
		code, message, st, fields := shapepath.Primary(shape.Code), shapepath.Primary(shape.Message),
			shapepath.Primary(shape.Status), shapepath.Primary(shape.Fields)
		if sp.code != "" && code != "" {
			setPath(root, code, &jsonx.Node{Kind: jsonx.String, Str: sp.code})
		}
		if sp.message != "" && message != "" {
			setPath(root, message, &jsonx.Node{Kind: jsonx.String, Str: sp.message})
		}
		if st != "" && status != 0 {
			setPath(root, st, &jsonx.Node{Kind: jsonx.Number, Str: strconv.Itoa(status)})
		}
		if fields != "" {
			old := root.Get(fields)
			switch {
			case sp.writeIssues && len(sp.issues) > 0 && (!sp.issuesIfTemplate || old != nil):
				arr := c.issueArray(shape, sp.issues)
				replaceEqual(root, old, arr)
				setPath(root, fields, arr)
			case sp.dropIssues:
				replaceEqual(root, old, nil)
				deletePath(root, fields)
			}
		}
	}
	if s := c.pred.Suggestion; s != nil && sp.suggest && sp.writeIssues && (s.When == "" || s.When == sp.when) {
		if text := suggestion(s, sp.issues); text != "" {
			setPath(root, s.Path, &jsonx.Node{Kind: jsonx.String, Str: text})
		}
	}
	paths := make([]string, 0, len(c.pred.Vary))
	for p := range c.pred.Vary {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if root.Get(p) != nil {
			setPath(root, p, &jsonx.Node{Kind: jsonx.String, Str: c.pred.Vary[p]})
		}
	}
	p := &Predicted{Status: status, Check: sp.when}
	p.setBody(root)
	if shape != nil && shape.Code != "" {
		p.Code = shapepath.Doc{Root: root}.Code(shape)
	}
	return p
}

// suggestion picks the suggestion text for a set of issues.
func suggestion(s *catalog.Suggestion, issues []*schema.Issue) string {
	for _, r := range s.Rules {
		ok := true
		if r.IssueCode != "" {
			ok = false
			for _, is := range issues {
				ok = ok || is.Code == r.IssueCode
			}
		}
		if ok && r.MessageContains != "" {
			ok = false
			for _, is := range issues {
				ok = ok || strings.Contains(strings.ToLower(is.Message), strings.ToLower(r.MessageContains))
			}
		}
		if ok {
			return r.Text
		}
	}
	return ""
}

// issueArray writes issues as the shape's field issues.
func (c *reqChecker) issueArray(shape *catalog.Shape, issues []*schema.Issue) *jsonx.Node {
	arr := &jsonx.Node{Kind: jsonx.Array}
	for _, is := range issues {
		it := &jsonx.Node{Kind: jsonx.Object}
		if fp := shapepath.Primary(shape.FieldPath); fp != "" {
			setPath(it, fp, &jsonx.Node{Kind: jsonx.String, Str: is.Dotted()})
		}
		if fm := shapepath.Primary(shape.FieldMessage); fm != "" {
			setPath(it, fm, &jsonx.Node{Kind: jsonx.String, Str: is.Message})
		}
		if fc := shapepath.Primary(shape.FieldCode); fc != "" && is.Code != "" {
			setPath(it, fc, &jsonx.Node{Kind: jsonx.String, Str: is.Code})
		}
		if c.pred.Received != "" && is.Received != "" {
			setPath(it, c.pred.Received, &jsonx.Node{Kind: jsonx.String, Str: is.Received})
		}
		arr.Vals = append(arr.Vals, it)
	}
	return arr
}

// skeleton builds the smallest body of a shape: its literals and its promised paths.
func skeleton(s *catalog.Shape) *jsonx.Node {
	root := &jsonx.Node{Kind: jsonx.Object}
	keys := make([]string, 0, len(s.Match))
	for k := range s.Match {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		want := s.Match[k]
		if lit, ok := strings.CutPrefix(want, "="); ok && shapepath.Primary(k) == k {
			n := &jsonx.Node{Kind: jsonx.String, Str: lit}
			switch {
			case lit == "true" || lit == "false":
				n.Kind = jsonx.Bool
			case lit == "null":
				n.Kind = jsonx.Null
			default:
				if _, err := strconv.ParseFloat(lit, 64); err == nil {
					n.Kind = jsonx.Number
				}
			}
			setPath(root, k, n)
		}
	}
	for _, p := range append(append([]string{}, s.Promised...), shapepath.Primary(s.Code), shapepath.Primary(s.Message)) {
		if p != "" && root.Get(p) == nil {
			setPath(root, p, &jsonx.Node{Kind: jsonx.String})
		}
	}
	return root
}

// setPath sets the value at a dotted path, creating objects on the way and keeping key order.
func setPath(root *jsonx.Node, path string, val *jsonx.Node) {
	n := root
	for {
		seg, rest, more := strings.Cut(path, ".")
		if n.Kind != jsonx.Object {
			return
		}
		var next *jsonx.Node
		idx := -1
		for i, v := range n.Vals {
			if v.Key == seg {
				next, idx = v, i
			}
		}
		if !more {
			cp := *val
			cp.Key = seg
			if idx >= 0 {
				n.Vals[idx] = &cp
			} else {
				n.Vals = append(n.Vals, &cp)
			}
			return
		}
		if next == nil || next.Kind != jsonx.Object {
			next = &jsonx.Node{Kind: jsonx.Object, Key: seg}
			if idx >= 0 {
				n.Vals[idx] = next
			} else {
				n.Vals = append(n.Vals, next)
			}
		}
		n, path = next, rest
	}
}

func deletePath(root *jsonx.Node, path string) {
	parent := root
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		parent = root.Get(path[:i])
		path = path[i+1:]
	}
	if parent == nil || parent.Kind != jsonx.Object {
		return
	}
	out := parent.Vals[:0]
	for _, v := range parent.Vals {
		if v.Key != path {
			out = append(out, v)
		}
	}
	parent.Vals = out
}

// replaceEqual replaces, anywhere in root, every value equal to old (a copy of the field issues
// in details.errors) with val, or removes it when val is nil.
func replaceEqual(root, old, val *jsonx.Node) {
	if old == nil || root == nil {
		return
	}
	want := writeJSONNode(old)
	var walk func(n *jsonx.Node)
	walk = func(n *jsonx.Node) {
		if n.Kind != jsonx.Object && n.Kind != jsonx.Array {
			return
		}
		out := n.Vals[:0]
		for _, v := range n.Vals {
			if v != old && v.Kind == old.Kind && writeJSONNode(v) == want {
				if val == nil {
					continue
				}
				cp := *val
				cp.Key = v.Key
				v = &cp
			} else {
				walk(v)
			}
			out = append(out, v)
		}
		n.Vals = out
	}
	walk(root)
}

// setBody sets the predicted body from its JSON tree.
func (p *Predicted) setBody(root *jsonx.Node) {
	p.Body = plainValue(root, 0)
	p.Text = writeJSONNode(root)
}

// plainValue converts a JSON tree to plain Go data, as encoding/json would decode it.
func plainValue(n *jsonx.Node, depth int) any {
	if n == nil || depth > jsonx.MaxDepth {
		return nil
	}
	switch n.Kind {
	case jsonx.Bool:
		return n.Str == "true"
	case jsonx.Number:
		f, _ := strconv.ParseFloat(n.Str, 64)
		return f
	case jsonx.String:
		return n.Str
	case jsonx.Object:
		m := make(map[string]any, len(n.Vals))
		for _, v := range n.Vals {
			m[v.Key] = plainValue(v, depth+1)
		}
		return m
	case jsonx.Array:
		s := make([]any, len(n.Vals))
		for i, v := range n.Vals {
			s[i] = plainValue(v, depth+1)
		}
		return s
	}
	return nil
}

// writeJSONNode writes a node as compact JSON, keeping key order.
func writeJSONNode(n *jsonx.Node) string {
	var b strings.Builder
	writeNode(&b, n)
	return b.String()
}

func writeNode(b *strings.Builder, n *jsonx.Node) {
	if n == nil {
		b.WriteString("null")
		return
	}
	switch n.Kind {
	case jsonx.Null:
		b.WriteString("null")
	case jsonx.Bool, jsonx.Number:
		b.WriteString(n.Str)
	case jsonx.String:
		b.Write(jsonx.AppendQuote(nil, n.Str, jsonx.JS))
	case jsonx.Object:
		b.WriteByte('{')
		for i, v := range n.Vals {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(jsonx.AppendQuote(nil, v.Key, jsonx.JS))
			b.WriteByte(':')
			writeNode(b, v)
		}
		b.WriteByte('}')
	case jsonx.Array:
		b.WriteByte('[')
		for i, v := range n.Vals {
			if i > 0 {
				b.WriteByte(',')
			}
			writeNode(b, v)
		}
		b.WriteByte(']')
	}
}
