package reqcheck

import (
	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/reqcheck/schema"
	"github.com/errdocs/errdocs/engine/reqparse"
	"github.com/errdocs/errdocs/internal/jsonx"
	"github.com/errdocs/errdocs/internal/printf"
)

// Result is what errdocs finds in a pasted request.
type Result struct {
	// Operation is the operation the request calls, as "POST /v1/track"; "" when none matched.
	Operation string `json:"operation"`
	// Predicted is the API's likely answer; nil when errdocs cannot tell.
	Predicted *Predicted `json:"predicted"`
	// Problems lists every departure from what the API accepts, most serious first.
	Problems []Problem `json:"problems"`
	// Fields are the field issues of the predicted answer, with their lines in the paste.
	Fields []Field `json:"fields"`
	// FixedRequest is the request with every mechanical fix made, in the form it was pasted
	// in; "" when there is nothing to fix or a fix needs a decision.
	FixedRequest string `json:"fixed_request"`
}

// Predicted is the answer the API is expected to send.
type Predicted struct {
	Status int `json:"status"`
	// Code is the answer's code as the API spells it; "" for a success.
	Code string `json:"code"`
	// Body is the answer's body in the API's own shape, with placeholders for the parts that
	// change with every call; null when not known. It is plain data (maps, slices, strings,
	// float64, bool), so an encoder writes an object's keys in sorted order; Text keeps the
	// API's own order.
	Body any `json:"body"`
	// Text is the body as the API writes it, keys in the API's order, compact; "" when not
	// known.
	Text string `json:"text"`
	// Check names the check that decides the answer ("auth-missing", "body-schema", …), or
	// "ok" when every check passes.
	Check string `json:"check"`
}

// Problem is one way a request departs from what its API accepts.
type Problem struct {
	// Severity is "error" (the API refuses the request), "warning" or "info".
	Severity string `json:"severity"`
	Message  string `json:"message"`
	// Pointer is the JSON pointer of the body value concerned ("/email"), "" when the problem
	// is not in the body.
	Pointer string `json:"pointer"`
	// Line and Column point into the paste, 1-based; 0 when the problem has no place.
	Line   int `json:"line"`
	Column int `json:"column"`
	// Check is the check that found the problem.
	Check string `json:"check"`
}

// The check names, as openapi.yaml's x-errdocs-order and x-errdocs-when spell them.
const (
	ckBodyJSON      = "body-json"
	ckAuthMissing   = "auth-missing"
	ckAuthMalformed = "auth-malformed"
	ckAuthWrongKey  = "auth-wrong-key"
	ckScope         = "scope"
	ckIdemInvalid   = "idempotency-key-invalid"
	ckPathParam     = "path-param"
	ckBodySchema    = "body-schema"
	ckBodyRequired  = "body-required"
	ckBodyInvalid   = "body-invalid"
	ckReserved      = "reserved-event"
	ckContentType   = "content-type"
	ckNotFound      = "not-found"
	ckOperation     = "operation"
	CheckOK         = "ok"
)

// KeyRefused reports whether the named check refuses the request's key: missing, malformed or
// of the wrong kind. The engine asks it of an operation's example answers.
func KeyRefused(check string) bool {
	return check == ckAuthMissing || check == ckAuthMalformed || check == ckAuthWrongKey
}

// defaultOrder is the order of checks for an operation that does not declare one.
var defaultOrder = []string{ckBodyJSON, ckAuthMissing, ckAuthMalformed, ckAuthWrongKey, ckScope,
	ckIdemInvalid, ckPathParam, ckBodySchema, ckBodyRequired, ckBodyInvalid, ckReserved}

// fallbacks are the checks that stand in for one the operation's order does not name.
func fallbacks(check string) []string {
	switch check {
	case ckAuthMalformed:
		return []string{ckAuthWrongKey, ckAuthMissing}
	case ckAuthWrongKey:
		return []string{ckAuthMalformed}
	case ckAuthSession:
		return []string{ckAuthMalformed, ckAuthMissing}
	case ckBodyJSON:
		return []string{ckBodyInvalid, ckBodySchema}
	case ckBodySchema:
		return []string{ckBodyInvalid, ckBodyRequired}
	case ckBodyRequired:
		return []string{ckBodySchema, ckBodyInvalid}
	case ckBodyInvalid:
		return []string{ckBodySchema, ckBodyRequired}
	case ckPathParam:
		return []string{ckNotFound, ckBodyInvalid, ckBodySchema}
	case ckIdemInvalid:
		return []string{ckBodyInvalid, ckBodySchema}
	}
	return nil
}

// validationCheck reports whether a check is answered from the operation's x-errdocs-validation
// and the issues.
func validationCheck(name string) bool {
	switch name {
	case ckBodySchema, ckBodyRequired, ckBodyInvalid, ckPathParam:
		return true
	}
	return false
}

// failure is one failed check.
type failure struct {
	check  string
	issues []*schema.Issue
	// answer is a rule's answer of its own (status, shape, code, message), when it has one.
	answer *catalog.Issue
	// message, when set, is the answer's message.
	message string
	// ownIssues says the issues belong in the answer even though the check is not a schema
	// check (a reserved value, a needed field).
	ownIssues bool
}

// reqChecker checks one request.
type reqChecker struct {
	cat   *catalog.Catalog
	api   *catalog.API
	op    *catalog.Operation
	req   *reqparse.Request
	paste string
	pred  *catalog.Predict
	out   *Result
	Options

	// pathVals are the values of the path parameters.
	pathVals map[string]string
	failures []*failure
	fixes    []edit
	// unfixable says some error has no mechanical fix.
	unfixable bool
	// body is the parsed JSON body; nil when there is none or the server does not read it.
	body       *jsonx.Node
	unresolved map[string]bool
	// lines holds the offset of each line of the paste, once needed.
	lines []int
}

// Options say how a request pasted with its response is checked. The zero Options checks a
// request on its own, predicting its answer.
type Options struct {
	// NoPredict skips building the predicted answer, which a request pasted with its real
	// response does not need.
	NoPredict bool
	// KeyExplained says the caller explains the request's placeholder key already, from what
	// the paste shows was sent (the engine's checkSentKey); the key check then says nothing of it.
	KeyExplained bool
}

// Check checks req, read from paste, against the API it calls. api may be nil: the API is then
// found from the host and the path among cat's APIs. It never panics; a request to an unknown
// API or operation gets a Result with a problem that says so. At most one Options is used.
func Check(cat *catalog.Catalog, api *catalog.API, req *reqparse.Request, paste string, opts ...Options) (rc *Result) {
	var opt Options
	if len(opts) > 0 {
		opt = opts[0]
	}
	rc = &Result{Problems: []Problem{}, Fields: []Field{}}
	defer func() {
		if r := recover(); r != nil {
			rc = &Result{Problems: []Problem{{Severity: "error",
				Message: printf.Sprintf("errdocs failed while checking this request (%v). Please report it.", r)}},
				Fields: []Field{}}
		}
	}()
	if req == nil {
		return rc
	}
	if cat == nil {
		cat = &catalog.Catalog{}
	}
	c := &reqChecker{cat: cat, api: api, req: req, paste: paste, out: rc, Options: opt}
	c.run()
	return rc
}

func (c *reqChecker) problem(sev, check, msg, pointer string, line, col int) {
	c.out.Problems = append(c.out.Problems, Problem{Severity: sev, Message: msg, Pointer: pointer,
		Line: line, Column: col, Check: check})
}

func (c *reqChecker) fail(check string, issues ...*schema.Issue) *failure {
	for _, f := range c.failures {
		if f.check == check && f.answer == nil {
			f.issues = append(f.issues, issues...)
			return f
		}
	}
	f := &failure{check: check, issues: issues}
	c.failures = append(c.failures, f)
	return f
}

func (c *reqChecker) run() {
	c.findOperation()
	if c.op == nil {
		return
	}
	c.pred = c.api.Predict
	if c.pred == nil {
		c.pred = &catalog.Predict{}
	}
	c.out.Operation = c.op.Name()
	c.checkAuth()
	c.checkHeaders()
	c.checkParams()
	c.checkBody()
	if !c.NoPredict {
		c.predict()
	}
	sortProblems(c.out.Problems)
	// A corrected request is offered only when it would pass: every error has a mechanical fix.
	if len(c.fixes) > 0 && !c.unfixable {
		c.out.FixedRequest = c.fixedRequest()
	}
}

// rank is the position of a check in the operation's order, after fallbacks; checks the order
// does not name come after those it does, in the default order.
func (c *reqChecker) rank(check string) (string, int) {
	order := c.op.Order
	if len(order) == 0 {
		order = defaultOrder
	}
	for _, cand := range append([]string{check}, fallbacks(check)...) {
		for i, o := range order {
			if o == cand {
				return cand, i
			}
		}
	}
	for i, o := range defaultOrder {
		if o == check {
			return check, 1000 + i
		}
	}
	return check, 2000
}

// checks reports whether the operation runs a check: its order names it or a stand-in for it.
// An operation without an order runs every check.
func (c *reqChecker) checks(check string) bool {
	if len(c.op.Order) == 0 {
		return true
	}
	_, r := c.rank(check)
	return r < 1000
}

// sortProblems orders problems by severity, keeping their order within one severity.
func sortProblems(ps []Problem) {
	out := make([]Problem, 0, len(ps))
	for _, sev := range [...]string{"error", "warning", "info"} {
		for _, p := range ps {
			if p.Severity == sev {
				out = append(out, p)
			}
		}
	}
	copy(ps, out)
}

// Field is one field-level issue of the predicted answer. engine.Field has the same fields; the
// engine converts.
type Field struct {
	Path    string `json:"path"`
	Message string `json:"message"`
	Code    string `json:"code"`
	Hint    string `json:"hint"`
	// Line is the 1-based line of the paste that holds the field; 0 when not found.
	Line int `json:"line"`
}
