package engine

import (
	"strconv"
	"strings"
)

// Step 5: rules. Each rule checks the paste against what its API documents and adds a problem
// for each departure: it may be the very clue to the error (a proxy that rewrote the status), or
// a sign that the docs are wrong. A rule reads what the earlier steps found and changes nothing
// but the problems. Each lives in its own rule_*.go file with its own golden cases
// (testdata/README.md lists them), and TestRules checks that each one fires on one of them.

// rule is one named consistency check on a response.
type rule struct {
	name  string
	check func(e *explainer)
}

// rules run in this order, after the verdict is described and advised.
var rules = []rule{
	{"json-syntax", ruleJSONSyntax},
	{"body-kind", ruleBodyKind},
	{"status-rewritten", ruleStatusRewritten},
	{"error-on-success", ruleErrorOnSuccess},
	{"code", ruleCode},
	{"request-id", ruleRequestID},
	{"promised-keys", rulePromisedKeys},
	{"fields-only", ruleFieldsOnly},
	{"content-type", ruleContentType},
	{"success", ruleSuccess},
	{"failed-items", ruleFailedItems},
}

// check runs every rule; fired, when set, hears the name of each rule that added a problem.
func (e *explainer) check() {
	for _, r := range rules {
		n := len(e.v.Problems)
		r.check(e)
		if e.fired != nil && len(e.v.Problems) > n {
			e.fired(r.name)
		}
	}
}

// apiName is the API's name for messages, or "the API".
func (e *explainer) apiName() string {
	if e.api != nil {
		return e.api.Name
	}
	return "the API"
}

func (e *explainer) statusOff() int {
	if r := e.p.resp; r != nil && r.statusLine > 0 {
		return e.p.lines[r.statusLine-1]
	}
	return -1
}

func (e *explainer) headerOff(name string) int {
	for _, h := range e.p.resp.headers {
		if strings.EqualFold(h.name, name) && h.line > 0 {
			return e.p.lines[h.line-1]
		}
	}
	return -1
}

func (e *explainer) codeOff() int {
	if e.shape == nil || e.b.root == nil {
		return -1
	}
	if n := e.b.doc.First(e.shape.Code); n != nil && n.Off >= 0 {
		return e.p.resp.at(n.Off)
	}
	return -1
}

// codeCaseMatch finds a catalog code that differs from code only in case or separators.
func (e *explainer) codeCaseMatch(code string) string {
	norm := func(s string) string { return strings.ToLower(strings.NewReplacer("-", "_", " ", "_").Replace(s)) }
	for _, c := range e.api.Codes() {
		if c != code && norm(c) == norm(code) {
			return c
		}
	}
	return ""
}

func statusList(ss []int) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = strconv.Itoa(s)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = "`" + s + "`"
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
