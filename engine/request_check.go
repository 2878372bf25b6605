package engine

import (
	"github.com/errdocs/errdocs/internal/jsonx"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/reqparse"
	"github.com/errdocs/errdocs/internal/printf"
)

// Checking a pasted request.
//
// CheckRequest takes a request read from a paste and the API it calls, finds the operation
// from the method and the path, and runs the checks the API's server runs, in the order it runs
// them (the operation's x-errdocs-order): the JSON syntax of the body, the Authorization header
// and the kind of key, the Idempotency-Key header, the Content-Type, the path and query
// parameters and the body against the operation's schema. Each departure is a problem with its
// JSON pointer and its place in the paste. The first check that fails decides the predicted
// answer, built in the API's own shape from the examples of its openapi.yaml and the wording
// of its predict: block. When every fix is mechanical, the corrected request is written in the
// form it was pasted in.
//
// Everything API-specific comes from the catalog: the operations and schemas from openapi.yaml,
// the wording of failed keywords and the rules for the Authorization header from the API's
// predict: block. The code knows JSON Schema and the check names, not the APIs.

// RequestCheck is what errdocs finds in a pasted request.
type RequestCheck struct {
	// Operation is the operation the request calls, as "POST /v1/track"; "" when none matched.
	Operation string `json:"operation"`
	// Predicted is the API's likely answer; nil when errdocs cannot tell.
	Predicted *Predicted `json:"predicted"`
	// Problems lists every departure from what the API accepts, most serious first.
	Problems []RequestProblem `json:"problems"`
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

// RequestProblem is one way a request departs from what its API accepts.
type RequestProblem struct {
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
	ckOK            = "ok"
)

// defaultOrder is the order of checks for an operation that does not declare one.
var defaultOrder = []string{ckBodyJSON, ckAuthMissing, ckAuthMalformed, ckAuthWrongKey, ckScope,
	ckIdemInvalid, ckPathParam, ckBodySchema, ckBodyRequired, ckBodyInvalid, ckReserved}

// fallbacks are the checks that stand in for one the operation's order does not name.
var fallbacks = map[string][]string{
	ckAuthMalformed: {ckAuthWrongKey, ckAuthMissing},
	ckAuthWrongKey:  {ckAuthMalformed},
	ckBodyJSON:      {ckBodyInvalid, ckBodySchema},
	ckBodySchema:    {ckBodyInvalid, ckBodyRequired},
	ckBodyRequired:  {ckBodySchema, ckBodyInvalid},
	ckBodyInvalid:   {ckBodySchema, ckBodyRequired},
	ckPathParam:     {ckNotFound, ckBodyInvalid, ckBodySchema},
	ckIdemInvalid:   {ckBodyInvalid, ckBodySchema},
}

// validationChecks are answered from the operation's x-errdocs-validation and the issues.
var validationChecks = map[string]bool{ckBodySchema: true, ckBodyRequired: true, ckBodyInvalid: true, ckPathParam: true}

// failure is one failed check.
type failure struct {
	check  string
	issues []*vIssue
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
	out   *RequestCheck
	reqOptions

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

// CheckRequest checks req, read from paste, against the API it calls. api may be nil: the API
// is then found from the host and the path among cat's APIs. It never panics; a request to an
// unknown API or operation gets a RequestCheck with a problem that says so.
func CheckRequest(cat *catalog.Catalog, api *catalog.API, req *reqparse.Request, paste string) *RequestCheck {
	return checkRequest(cat, api, req, paste, reqOptions{})
}

// reqOptions say how a request pasted with its response is checked.
type reqOptions struct {
	// noPredict skips building the predicted answer, which a request pasted with its real
	// response does not need.
	noPredict bool
	// keyExplained says the verdict explains the request's placeholder key already, from what
	// the paste shows was sent (see checkSentKey); the key check then says nothing of it.
	keyExplained bool
}

// checkRequest is CheckRequest, with options.
func checkRequest(cat *catalog.Catalog, api *catalog.API, req *reqparse.Request, paste string, opt reqOptions) (rc *RequestCheck) {
	rc = &RequestCheck{Problems: []RequestProblem{}, Fields: []Field{}}
	defer func() {
		if r := recover(); r != nil {
			rc = &RequestCheck{Problems: []RequestProblem{{Severity: "error",
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
	if err := cat.Complete(); err != nil {
		rc.Problems = append(rc.Problems, RequestProblem{Severity: "error",
			Message: "errdocs could not read the catalog's operations, so it cannot check this request: " + err.Error()})
		return rc
	}
	c := &reqChecker{cat: cat, api: api, req: req, paste: paste, out: rc, reqOptions: opt}
	c.run()
	return rc
}

func (c *reqChecker) problem(sev, check, msg, pointer string, line, col int) {
	c.out.Problems = append(c.out.Problems, RequestProblem{Severity: sev, Message: msg, Pointer: pointer,
		Line: line, Column: col, Check: check})
}

func (c *reqChecker) fail(check string, issues ...*vIssue) *failure {
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
	if !c.noPredict {
		c.predict()
	}
	sortRequestProblems(c.out.Problems)
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
	for _, cand := range append([]string{check}, fallbacks[check]...) {
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

// sortRequestProblems orders problems by severity, keeping their order within one severity.
func sortRequestProblems(ps []RequestProblem) {
	out := make([]RequestProblem, 0, len(ps))
	for _, sev := range [...]string{"error", "warning", "info"} {
		for _, p := range ps {
			if p.Severity == sev {
				out = append(out, p)
			}
		}
	}
	copy(ps, out)
}

// keyKindOf returns the API's key format a token has, or nil.
func keyKindOf(a *catalog.API, tok string) *catalog.KeyFormat {
	var best *catalog.KeyFormat
	for i := range a.Keys {
		k := &a.Keys[i]
		if strings.HasPrefix(tok, k.Prefix) && (best == nil || len(k.Prefix) > len(best.Prefix)) {
			best = k
		}
	}
	return best
}

// keyPlaceholder is placeholderKind as the key checks use it: a masked key whose kept prefix is
// one of the API's key formats ("pck_live_****c450") is a key of that kind, not a placeholder,
// so it returns "" for it.
func keyPlaceholder(a *catalog.API, key string) string {
	kind := placeholderKind(key)
	if kind == "masked" && a != nil && keyKindOf(a, strings.Trim(key, `"'`)) != nil {
		return ""
	}
	return kind
}

// schemeWords are the Authorization schemes that come before a key.
var schemeWords = []string{"Bearer", "Token", "Basic", "ApiKey", "Api-Key"}

func schemeWord(w string) bool {
	for _, s := range schemeWords {
		if strings.EqualFold(w, s) {
			return true
		}
	}
	return false
}

// splitCredential splits a header's value into its scheme word and its key.
func splitCredential(value string) (scheme, key string) {
	value = strings.TrimSpace(value)
	word, rest, _ := strings.Cut(value, " ")
	if schemeWord(word) {
		return word, strings.TrimSpace(rest)
	}
	return "", value
}
