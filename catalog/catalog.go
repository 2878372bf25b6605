// Package catalog holds the error catalog as data: the APIs errdocs knows, the shapes their error
// bodies take, and one entry for each documented error code with its status, retry policy, prose
// and examples.
//
// The catalog is written once, as Markdown with front matter under content/, and read by
// package catalog/load. Everything downstream (the engine, the site, the CLI and the WebAssembly
// playground) takes a *Catalog. It travels between them as JSON (catalog.json), so this package
// holds only types and has no dependencies beyond the standard library: the browser module links
// it without a YAML or Markdown parser.
//
// # Shapes are declared, not coded per API
//
// An API's front matter lists the shapes of its error bodies. A Shape names where, in a JSON body,
// the code, message, status, request id and field issues live (as dotted paths), which keys every
// such body must carry, and which keys identify it. The engine knows how to read any shape
// described this way; it knows no API by name.
package catalog

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Catalog is every API in a content tree. A Catalog from New (or from catalog/load, or from the
// playground's decoder, which both call New) is ready to use; one built by hand must go
// through New too.
type Catalog struct {
	APIs []*API `json:"apis"`
}

// New links apis into a catalog ready to use: each entry knows its API and its statuses, and the
// patterns every paste needs (a shape's code pattern, an entry's When) are compiled. A hint's
// patterns compile the first time the hint is tried (Check compiles them all). It fails on the
// first pattern that does not compile, naming its file.
func New(apis []*API) (*Catalog, error) {
	c := &Catalog{APIs: apis}
	if err := c.compile(true); err != nil {
		return nil, err
	}
	return c, nil
}

// Check compiles every pattern of c, hints included, and reports the first that does not
// compile. catalog/load runs it when it reads content/, so a bad pattern fails the build, not
// a visitor's paste.
func (c *Catalog) Check() error { return c.compile(false) }

// API is one API's machine facts, from the front matter of its index page.
type API struct {
	// ID is the API's folder name under content/, e.g. "plunk".
	ID   string `json:"id"`
	Name string `json:"name"`
	// Hosts are the hostnames the API answers on. A leading "*." matches any subdomain.
	Hosts []string `json:"hosts"`
	// PathPrefixes are URL path prefixes that point to this API on an unknown host, such as a
	// self-hosted or single-tenant deployment (e.g. "/v1/investigations").
	PathPrefixes []string `json:"path_prefixes,omitempty"`
	// SecretPaths are URL path templates with a secret segment, written {secret}, e.g.
	// "/v1/webhooks/incoming/{provider}/{secret}". The secret is masked wherever it appears.
	SecretPaths []string    `json:"secret_paths,omitempty"`
	Keys        []KeyFormat `json:"keys"`
	Headers     Headers     `json:"headers"`
	Shapes      []*Shape    `json:"shapes"`
	// Retry is the API's retry policy by HTTP status ("429", "5xx", "default").
	Retry map[string]Retry `json:"retry"`
	// Docs is the URL path of the API's overview page, e.g. "/plunk/".
	Docs string `json:"docs"`
	// Errors are the API's catalog entries, in a stable order.
	Errors []*Entry `json:"errors"`
	// Operations, Schemas and Predict describe the API's requests (see openapi.go).
	Operations []*Operation       `json:"operations,omitempty"`
	Schemas    map[string]*Schema `json:"schemas,omitempty"`
	Predict    *Predict           `json:"predict,omitempty"`
	// Bodies are the top-level forms of the API's success answers and webhook payloads.
	Bodies []BodyForm `json:"bodies,omitempty"`
	// Source is the index page, relative to the content root.
	Source string `json:"source"`
}

// KeyFormat describes one kind of API key.
type KeyFormat struct {
	// Prefix is how the key starts, e.g. "sk_live_".
	Prefix string `json:"prefix"`
	// Kind is the key's role, e.g. "secret", "public", "live", "test".
	Kind string `json:"kind"`
	// Secret says the key must never be shared; a pasted one should be rotated.
	Secret bool `json:"secret"`
	// Note is shown to the user, e.g. "server-side only".
	Note string `json:"note,omitempty"`
}

// Headers names the response and request headers that matter for an API. Empty means the API
// does not send it.
type Headers struct {
	// RequestID is the header that carries the request id, e.g. "X-Request-Id".
	RequestID string `json:"request_id,omitempty"`
	// RetryAfter is the header that says how long to wait, e.g. "Retry-After".
	RetryAfter string `json:"retry_after,omitempty"`
	// RateLimit are the rate-limit headers, e.g. ["RateLimit-Limit", "RateLimit-Remaining"].
	RateLimit []string `json:"rate_limit,omitempty"`
	// RateLimitReset is the header that says when the limit resets.
	RateLimitReset string `json:"rate_limit_reset,omitempty"`
	// IdempotencyKey is the request header that makes a retry safe, e.g. "Idempotency-Key".
	IdempotencyKey string `json:"idempotency_key,omitempty"`
	// Identifying are headers whose presence points to this API (e.g. "RateLimit-Reset").
	Identifying []string `json:"identifying,omitempty"`
}

// Shape declares one form of an API's error body.
//
// Every path below is dotted ("error.code", "errors.0.detail") and may also:
//   - list alternatives separated by "|": the first one present wins ("error.code | error.type");
//   - select the elements of an array by a member's value or presence, then go on in each:
//     "error.details[@type=type.googleapis.com/google.rpc.ErrorInfo].reason", "errors[source]";
//   - read a response header, or one parameter of it: "header:Request-Id",
//     "header:WWW-Authenticate.error" (an auth-param of a challenge, or a ";" parameter).
type Shape struct {
	// Name is the dialect name reported in verdicts, e.g. "plunk-envelope". It defaults to the
	// preset's name.
	Name string `json:"name"`
	// Preset names a built-in shape (see Presets: "stripe", "aip-193", "json-api", "graphql",
	// "oauth2", "problem+json") this one starts from; every key set beside it replaces the
	// preset's value for that key.
	Preset string `json:"preset,omitempty"`
	// Match lists the paths a body must have for this shape, each with the JSON type it must
	// hold ("string", "number", "boolean", "object", "array"), a literal after "=", "present"
	// (any value) or "absent" (the path must not be there).
	// Example: {"success": "=false", "error": "object", "error.code": "string"}.
	Match map[string]string `json:"match"`
	// Only says the body has no top-level keys beyond those named in Match and the paths below.
	Only bool `json:"only,omitempty"`
	// CodePattern, when set, is a regular expression the code must match for the shape to fit
	// (Puck's codes are snake_case strings; a sentence in the same key is not a code).
	CodePattern string `json:"code_pattern,omitempty"`

	// Code is the path of the error code, e.g. "error.code". In a shape sent as
	// application/problem+json (its content type), a code read from "type" (alone, or as in
	// "code | type") is the last segment of the type URI:
	// "https://example.com/probs/out-of-credit" is the code "out-of-credit".
	Code string `json:"code,omitempty"`
	// Message is the path of the human-readable message.
	Message string `json:"message,omitempty"`
	// Status is the path of the HTTP status the body repeats, if any.
	Status string `json:"status,omitempty"`
	// RequestID is the path of the request id.
	RequestID string `json:"request_id,omitempty"`
	// RequestIDPattern, when set, is a regular expression that picks the request id out of a
	// longer value at RequestID, such as a log URL: its first group if it has one, else the
	// whole match.
	RequestIDPattern string `json:"request_id_pattern,omitempty"`
	// Category is the path of the error's broad class (Stripe's error.type, AIP-193's
	// error.status), shown in verdicts; a hint can require it.
	Category string `json:"category,omitempty"`
	// SubCode is the path of a finer code under Code (Stripe's error.decline_code), shown in
	// verdicts; a hint can require it.
	SubCode string `json:"sub_code,omitempty"`
	// DocURL is the path of the API's own documentation link for the error (Stripe's doc_url,
	// OAuth's error_uri, AIP-193's Help link). Only an http or https URL is shown.
	DocURL string `json:"doc_url,omitempty"`
	// ShouldRetry is a response header whose "true" or "false" overrides the retry advice
	// (Stripe-Should-Retry). X-Should-Retry is read for every shape.
	ShouldRetry string `json:"should_retry,omitempty"`
	// RetryDelay is the path of the wait the body asks for before a retry, in seconds or as a
	// duration such as "3.5s" (AIP-193's RetryInfo retryDelay): when present, the error is
	// retryable after that wait.
	RetryDelay string `json:"retry_delay,omitempty"`
	// Fields is the path of the field issues: an array of issues, or a single object that is
	// one issue when FieldPath is in it (Stripe's error with its param).
	Fields string `json:"fields,omitempty"`
	// FieldPath, FieldMessage and FieldCode are paths inside one issue. A FieldPath value that
	// starts with "/" is a JSON pointer, read as a dotted path.
	FieldPath    string `json:"field_path,omitempty"`
	FieldMessage string `json:"field_message,omitempty"`
	FieldCode    string `json:"field_code,omitempty"`
	// Promised are the paths the docs promise in every body of this shape.
	Promised []string `json:"promised,omitempty"`
	// FieldsOnly lists the statuses on which Fields may appear; elsewhere it is a departure.
	FieldsOnly []int `json:"fields_only,omitempty"`
	// Strength is how strongly this shape alone identifies the API: "high", "medium" or "low".
	// Default: medium
	Strength string `json:"strength"`
	// ContentType is the media type this shape is sent with, if it is distinctive.
	ContentType string `json:"content_type,omitempty"`
	// Allow2xx says errors of this shape come with a 2xx status too (GraphQL answers them with
	// 200), so that is no departure.
	Allow2xx bool `json:"allow_2xx,omitempty"`

	codeRE, requestIDRE *regexp.Regexp
}

// Retry is a retry policy.
type Retry struct {
	// Strategy is "never", "retry-after", "backoff" or "conditional".
	Strategy string `json:"strategy"`
	// BaseSeconds, CapSeconds and Attempts shape exponential backoff.
	BaseSeconds float64 `json:"base_seconds,omitempty"`
	CapSeconds  float64 `json:"cap_seconds,omitempty"`
	Attempts    int     `json:"attempts,omitempty"`
	// Detail says in words when to retry, for "conditional" and to qualify the others.
	Detail string `json:"detail,omitempty"`
}

// Retryable reports whether the same request, sent again unchanged, can succeed under this
// policy: true for "retry-after" and "backoff". A "conditional" policy is not retryable: its
// request fails the same way until something changes, and Detail says what.
func (r Retry) Retryable() bool { return r.Strategy == "retry-after" || r.Strategy == "backoff" }

// Entry is one catalog page: an error code (or a codeless situation) with its facts and prose.
type Entry struct {
	API *API `json:"-"`
	// Code is the code exactly as the API spells it; "" for a codeless body matched by shape and
	// status (Plunk's flat bodies, Puck's 500).
	Code string `json:"code"`
	// Status is the documented HTTP status. Statuses lists every status the code is sent with.
	Status   int   `json:"status"`
	Statuses []int `json:"statuses"`
	// Shape, when set, limits the entry to bodies of that shape.
	Shape string `json:"shape,omitempty"`
	// When, when set, is a regular expression on the message that selects this entry over
	// others with the same code and status (Plunk's INTERNAL_SERVER_ERROR on a 429 is the billing
	// cap).
	When  string `json:"when,omitempty"`
	Title string `json:"title"`
	Retry Retry  `json:"retry"`
	// Meaning, Causes and Fix are plain text from the page's sections.
	Meaning string   `json:"meaning"`
	Causes  []string `json:"causes"`
	Fix     []string `json:"fix"`
	// Hints select a cause for this instance from what the paste shows.
	Hints []Hint `json:"hints,omitempty"`
	// Fields lists the keys this entry's bodies must carry beyond the shape's promise.
	Docs     string    `json:"docs"`
	Examples []Example `json:"examples"`
	// Drift notes where the API's docs and its code disagree about this entry.
	Drift string `json:"drift,omitempty"`
	// Source is the page file, relative to the content root, and Line its first line.
	Source string `json:"source"`

	whenRE *regexp.Regexp
}

// Hint is a cause the engine picks when a paste meets its conditions. Every condition that is
// set must hold.
type Hint struct {
	// Message is a regular expression on the body's message.
	Message string `json:"message,omitempty"`
	// KeyKind is the kind of key the pasted request sent ("secret", "public", "none").
	KeyKind string `json:"key_kind,omitempty"`
	// Header is a response header that must be present ("!Name" for absent).
	Header string `json:"header,omitempty"`
	// Field is a regular expression on a field issue's message.
	Field string `json:"field,omitempty"`
	// Category must equal the error's category, as the shape reads it (Stripe's error.type).
	Category string `json:"category,omitempty"`
	// SubCode must equal the error's sub-code, as the shape reads it (Stripe's
	// error.decline_code).
	SubCode string `json:"sub_code,omitempty"`
	// Cause is the text the verdict gives as the cause.
	Cause string `json:"cause"`

	messageRE, fieldRE *regexp.Regexp
}

// Example is a fenced example response from a page.
type Example struct {
	// Lang is the fence's language ("json", "http").
	Lang string `json:"lang"`
	Text string `json:"text"`
	// Line is the line of the opening fence in Source.
	Line int `json:"line"`
}

func (c *Catalog) compile(lazyHints bool) error {
	for _, a := range c.APIs {
		for _, s := range a.Shapes {
			if err := s.compile(); err != nil {
				return placed(a.Source+": shape "+s.Name, err)
			}
		}
		for _, e := range a.Errors {
			e.API = a
			if len(e.Statuses) == 0 && e.Status != 0 {
				e.Statuses = []int{e.Status}
			}
			if e.When != "" {
				re, err := regexp.Compile(e.When)
				if err != nil {
					return placed(e.Source+": when", err)
				}
				e.whenRE = re
			}
			for i := range e.Hints {
				h := &e.Hints[i]
				if lazyHints {
					continue
				}
				var err error
				if h.Message != "" {
					if h.messageRE, err = regexp.Compile(h.Message); err != nil {
						return placed(e.Source+": hints["+strconv.Itoa(i)+"].message", err)
					}
				}
				if h.Field != "" {
					if h.fieldRE, err = regexp.Compile(h.Field); err != nil {
						return placed(e.Source+": hints["+strconv.Itoa(i)+"].field", err)
					}
				}
			}
		}
	}
	return nil
}

// placeError says where in the catalog an error was found, and unwraps to the error. (The
// catalog does without fmt and encoding/json, which the playground's module would otherwise link:
// see load.Decode.)
type placeError struct {
	where string
	err   error
}

func (e *placeError) Error() string { return e.where + ": " + e.err.Error() }
func (e *placeError) Unwrap() error { return e.err }

func placed(where string, err error) error { return &placeError{where: where, err: err} }

// API returns the API with the given id, or nil.
func (c *Catalog) API(id string) *API {
	for _, a := range c.APIs {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// compile compiles the shape's patterns.
func (s *Shape) compile() error {
	var err error
	if s.CodePattern != "" && s.codeRE == nil {
		if s.codeRE, err = regexp.Compile(s.CodePattern); err != nil {
			return placed("code_pattern", err)
		}
	}
	if s.RequestIDPattern != "" && s.requestIDRE == nil {
		if s.requestIDRE, err = regexp.Compile(s.RequestIDPattern); err != nil {
			return placed("request_id_pattern", err)
		}
	}
	return nil
}

// RequestIDIn picks the request id out of v with the shape's RequestIDPattern: its first group,
// else its whole match; "" when the pattern does not match. Without a pattern it returns v.
func (s *Shape) RequestIDIn(v string) string {
	if s.requestIDRE == nil {
		return v
	}
	m := s.requestIDRE.FindStringSubmatch(v)
	switch {
	case m == nil:
		return ""
	case len(m) > 1 && m[1] != "":
		return m[1]
	}
	return m[0]
}

// CodeMatches reports whether code fits the shape's code pattern (always, if it has none).
func (s *Shape) CodeMatches(code string) bool {
	return s.codeRE == nil || s.codeRE.MatchString(code)
}

// WhenMatches reports whether the entry's When pattern matches msg (always, if it has none).
func (e *Entry) WhenMatches(msg string) bool {
	return e.whenRE == nil || e.whenRE.MatchString(msg)
}

// HasStatus reports whether the entry documents status.
func (e *Entry) HasStatus(status int) bool {
	for _, s := range e.Statuses {
		if s == status {
			return true
		}
	}
	return false
}

// Matches reports whether every condition of h holds. The caller supplies what the paste shows;
// hasHeader is nil when the paste has no headers, and then no header condition holds.
func (h *Hint) Matches(message, keyKind string, hasHeader func(string) bool, fieldMessages []string) bool {
	h.prepare()
	if h.messageRE != nil && !h.messageRE.MatchString(message) {
		return false
	}
	if h.KeyKind != "" && h.KeyKind != keyKind {
		return false
	}
	if h.Header != "" {
		name, absent := strings.CutPrefix(h.Header, "!")
		if hasHeader == nil || hasHeader(name) == absent {
			return false
		}
	}
	if h.fieldRE != nil {
		ok := false
		for _, m := range fieldMessages {
			if h.fieldRE.MatchString(m) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// MatchesCodes reports whether the hint's Category and SubCode conditions, if set, hold for
// the error's category and sub-code.
func (h *Hint) MatchesCodes(category, subCode string) bool {
	return (h.Category == "" || h.Category == category) && (h.SubCode == "" || h.SubCode == subCode)
}

// hintMu guards the lazy compilation of hint patterns (see Link).
var hintMu sync.Mutex

// prepare compiles the hint's patterns if Link left them for later. A pattern that does not
// compile never matches; the build reports it, since Compile checks every one.
func (h *Hint) prepare() {
	if h.Message == "" && h.Field == "" {
		return
	}
	hintMu.Lock()
	defer hintMu.Unlock()
	if h.Message != "" && h.messageRE == nil {
		h.messageRE = compileOrNever(h.Message)
	}
	if h.Field != "" && h.fieldRE == nil {
		h.fieldRE = compileOrNever(h.Field)
	}
}

var never = regexp.MustCompile(`$^`)

func compileOrNever(pattern string) *regexp.Regexp {
	if re, err := regexp.Compile(pattern); err == nil {
		return re
	}
	return never
}

// RetryFor returns the API's policy for status: the exact status, then "4xx"/"5xx", then
// "default", then never.
func (a *API) RetryFor(status int) Retry {
	if r, ok := a.Retry[strconv.Itoa(status)]; ok {
		return r
	}
	if status > 0 {
		if r, ok := a.Retry[strconv.Itoa(status/100)+"xx"]; ok {
			return r
		}
	}
	if r, ok := a.Retry["default"]; ok {
		return r
	}
	return Retry{Strategy: "never"}
}

// Codes returns the distinct codes of the API, sorted.
func (a *API) Codes() []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range a.Errors {
		if e.Code != "" && !seen[e.Code] {
			seen[e.Code] = true
			out = append(out, e.Code)
		}
	}
	sort.Strings(out)
	return out
}

// Shape returns the API's shape with the given name, or nil.
func (a *API) Shape(name string) *Shape {
	for _, s := range a.Shapes {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Slug turns a code into its URL segment: "RATE_LIMIT_EXCEEDED" → "rate-limit-exceeded".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// WorkerCatalog is the catalog as the playground's worker loads it (the site writes it beside
// catalog.json, fingerprinted): the APIs without their operations and schemas, then those by
// API id. Two thirds of the catalog serve only to check a pasted request, so the worker
// decodes APIs at once and Requests once it has reported ready (or for the first paste).
type WorkerCatalog struct {
	APIs     []*API              `json:"apis"`
	Requests map[string]Requests `json:"requests"`
}

// Requests are one API's operations and schemas.
type Requests struct {
	Operations []*Operation       `json:"operations"`
	Schemas    map[string]*Schema `json:"schemas"`
}

// ForWorker splits c into its WorkerCatalog. It copies each API, so c is unchanged.
func (c *Catalog) ForWorker() WorkerCatalog {
	w := WorkerCatalog{Requests: map[string]Requests{}}
	for _, a := range c.APIs {
		cp := *a
		if len(a.Operations) > 0 || len(a.Schemas) > 0 {
			w.Requests[a.ID] = Requests{Operations: a.Operations, Schemas: a.Schemas}
		}
		cp.Operations, cp.Schemas = nil, nil
		w.APIs = append(w.APIs, &cp)
	}
	return w
}

// AddRequests gives each API of c the operations and schemas r holds for it.
func (c *Catalog) AddRequests(r map[string]Requests) {
	for _, a := range c.APIs {
		if x, ok := r[a.ID]; ok {
			a.Operations, a.Schemas = x.Operations, x.Schemas
		}
	}
}
