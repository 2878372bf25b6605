package engine

// Verdict is what errdocs says about one paste. It is the machine contract: the CLI prints it
// with --json, the playground's window.errdocs.explain returns it, and the golden files hold it.
// Every field is always present in JSON, so consumers need no existence checks. The wire
// codecs and wasm/verdict.gen.d.ts are generated from this declaration (./build.sh generate);
// changing it means regenerating them and changing README.md's contract in the same commit.
type Verdict struct {
	// Input is what the paste was: "response", "request" or "unknown".
	Input string `json:"input"`
	// API is the catalog id of the API the paste came from; "" when none matched.
	API string `json:"api"`
	// Dialect is the body's shape: a catalog shape name, a preset's name when no catalog API
	// claims the body ("stripe", "aip-193", "json-api", "graphql", "oauth2"), "problem+json",
	// "html", "text", "empty", "json" or "".
	Dialect string `json:"dialect"`
	// Confidence is how sure the API and dialect are: "high", "medium" or "low".
	Confidence string `json:"confidence"`
	// Status is the HTTP status: the status line's when there is one, else the body's; 0 if
	// unknown.
	Status int `json:"status"`
	// Code is the error code exactly as the API spells it; "" if none.
	Code string `json:"code"`
	// Category is the error's broad class as the API sends it, beside the code (Stripe's
	// error.type "card_error", AIP-193's status "RESOURCE_EXHAUSTED"); "" if none.
	Category string `json:"category"`
	// SubCode is a finer code under Code (Stripe's decline_code "insufficient_funds"); "" if
	// none.
	SubCode string `json:"sub_code"`
	// Known says the code is in the catalog.
	Known bool `json:"known"`
	// Title is the code's page title, or a status's name when no page speaks for it.
	Title string `json:"title"`
	// Meaning says what the error means, from the code's page; paragraphs are separated by a
	// blank line, and `backticks` mark code.
	Meaning string `json:"meaning"`
	// Cause is the likeliest cause in this instance; "" when errdocs cannot tell.
	Cause string `json:"cause"`
	// Fix lists the steps that fix it, in order.
	Fix []string `json:"fix"`
	// Retry is whether, when and how to retry.
	Retry Retry `json:"retry"`
	// RequestID is the id to quote to support, from the body or the header.
	RequestID string `json:"request_id"`
	// Fields are the field-level issues the body lists, with their places in the paste.
	Fields []Field `json:"fields"`
	// Problems are the ways the paste departs from what the API documents, and what errdocs
	// could not read.
	Problems []Problem `json:"problems"`
	// Redacted describes each secret that was masked in this verdict.
	Redacted []string `json:"redacted"`
	// Docs is the URL path of the code's page, or of the API's overview.
	Docs string `json:"docs"`
	// DocURL is the API's own documentation link for this error, an http or https URL from the
	// body or a header (Stripe's doc_url, OAuth's error_uri, AIP-193's Help link); "" if none.
	DocURL string `json:"doc_url"`
	// Message is the error message the body carried.
	Message string `json:"message"`
	// Operation is the API operation a pasted request calls, as "POST /v1/track"; "" when
	// there is no request or it matches none.
	Operation string `json:"operation"`
	// Predicted is the answer the API would send to a pasted request that has no response;
	// null otherwise, or when errdocs cannot tell.
	Predicted *Predicted `json:"predicted"`
	// FixedRequest is the pasted request with every mechanical fix made, in the form it was
	// pasted in; "" when there is nothing to fix or a fix needs a decision.
	FixedRequest string `json:"fixed_request"`
}

// Predicted is the answer the API is expected to send to a pasted request. It has the fields of
// reqcheck.Predicted, which finds it; the Verdict keeps its own type so that the contract (and
// the .d.ts and codecs generated from it) is declared in this one file.
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

// Retry is the retry advice for this response.
type Retry struct {
	// Retryable says the same request, sent again unchanged, can succeed. It is false for a
	// "conditional" policy, whose request fails the same way until something changes (a
	// resource that does not exist yet, a URL the API cannot reach, an account setting): Detail
	// names the condition.
	Retryable bool `json:"retryable"`
	// Strategy is "retry-after", "backoff", "never" or "conditional".
	Strategy string `json:"strategy"`
	// AfterSeconds is how long to wait before the first retry; 0 when not known or not
	// retryable.
	AfterSeconds float64 `json:"after_seconds"`
	// Schedule lists the waits in seconds for a backoff policy, e.g. [1, 2, 4, 8, 16].
	Schedule []float64 `json:"schedule"`
	// Detail says in words when to retry, naming the header or body part the advice rests on
	// (Retry-After, Stripe-Should-Retry, RetryInfo), and the condition of a "conditional" policy.
	Detail string `json:"detail"`
	// Plan is the advice as a short label, worded by catalog.RetryPlan: "Retry in 30 s",
	// "Back off: 1 s, 2 s, 4 s, then stop", "Do not retry".
	Plan string `json:"plan"`
}

// Field is one field-level issue.
type Field struct {
	// Path is the field's path, dotted ("to.0.email"); "" for the body as a whole.
	Path string `json:"path"`
	// Message is the API's message for the field.
	Message string `json:"message"`
	// Code is the API's code for the issue ("invalid_string"); "" when it gives none.
	Code string `json:"code"`
	// Hint says how to fix the field, from the catalog; "" when it has none.
	Hint string `json:"hint"`
	// Line is the 1-based line of the paste that holds the field, in the pasted request when
	// there is one, else in the response; 0 when not found.
	Line int `json:"line"`
}

// Problem is one way the paste departs from what the API documents, or a reason the paste
// could not be read fully.
type Problem struct {
	// Severity is "error", "warning" or "info".
	Severity string `json:"severity"`
	Message  string `json:"message"`
	// Line and Column point into the paste, 1-based; 0 when the problem has no place.
	Line   int `json:"line"`
	Column int `json:"column"`
	// Pointer is the JSON pointer of the request body value concerned ("/email"); "" when the
	// problem is not about a body value.
	Pointer string `json:"pointer"`
}
