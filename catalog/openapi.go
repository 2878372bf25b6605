package catalog

// This file holds an API's operations as plain data, compiled at build time from the API's
// openapi.yaml (see package catalog/load) into just what checking a pasted request needs. The
// browser gets them inside catalog.json, so they carry no OpenAPI or JSON Schema library: the
// engine reads these few types itself. They are plain data (no json.RawMessage, no methods for
// JSON), which the playground's small JSON package reads as encoding/json does.

// Operation is one endpoint of an API: a method on a path template.
type Operation struct {
	// ID is the OpenAPI operationId, e.g. "trackEvent".
	ID     string `json:"id,omitempty"`
	Method string `json:"method"`
	// Path is the path template, with {name} for each path parameter: "/contacts/{id}".
	Path    string `json:"path"`
	Summary string `json:"summary,omitempty"`
	// Key is the kind of key the operation takes (a KeyFormat.Kind such as "secret" or
	// "public"); "" when any of the API's keys will do.
	Key string `json:"key,omitempty"`
	// Scope is the scope the key needs; "none" when the operation takes no key at all (its URL
	// carries a secret instead), "" when the API has no scopes.
	Scope string `json:"scope,omitempty"`
	// Success is the status of a successful answer (the lowest 2xx response).
	Success int `json:"success"`
	// Params are the path, query and header parameters, path parameters first.
	Params []*Param `json:"params,omitempty"`
	// Body is the schema of the request body; nil when the operation takes none.
	Body *Schema `json:"body,omitempty"`
	// BodyRequired says a body must be sent.
	BodyRequired bool `json:"body_required,omitempty"`
	// MediaTypes are the media types the body may be sent as, e.g. "application/json".
	MediaTypes []string `json:"media_types,omitempty"`
	// Examples are the example request bodies; each must pass the checks.
	Examples []RequestExample `json:"examples,omitempty"`
	// Order lists the checks in the order the server runs them (x-errdocs-order), by name:
	// "body-json", "auth-missing", "auth-malformed", "auth-wrong-key", "idempotency-key-invalid",
	// "body-schema", …. The first check that fails decides the answer. Empty means the engine's
	// default order.
	Order []string `json:"order,omitempty"`
	// Validation says how a body that fails its schema is answered (x-errdocs-validation).
	Validation *Validation `json:"validation,omitempty"`
	// RefusedHeaders are request headers the operation refuses outright.
	RefusedHeaders []RefusedHeader `json:"refused_headers,omitempty"`
	// Cookie is the session cookie that signs a request in to the operation in place of a key;
	// nil when no security requirement of the operation names one.
	Cookie *CookieAuth `json:"cookie,omitempty"`
	// Responses are the documented answers with their examples, by status.
	Responses []*Response `json:"responses,omitempty"`
	// Inferred says the operation itself is inferred rather than documented.
	Inferred bool `json:"inferred,omitempty"`
	// Line is the line of the operation in the API's openapi.yaml.
	Line int `json:"line,omitempty"`
}

// Name returns "METHOD /path", e.g. "POST /v1/track".
func (o *Operation) Name() string { return o.Method + " " + o.Path }

// Param is one parameter of an operation.
type Param struct {
	Name string `json:"name"`
	// In is "path", "query" or "header".
	In       string  `json:"in"`
	Required bool    `json:"required,omitempty"`
	Schema   *Schema `json:"schema,omitempty"`
}

// Validation says how an operation answers a body that fails its schema.
type Validation struct {
	Status int `json:"status"`
	// Shape is the catalog shape of the answer, e.g. "plunk-envelope".
	Shape string `json:"shape,omitempty"`
	// Code and Message are the answer's code and message; "" when they come from the issues.
	// CodeMissing, when set, is the code instead when a required field is missing.
	Code        string `json:"code,omitempty"`
	CodeMissing string `json:"code_missing,omitempty"`
	Message     string `json:"message,omitempty"`
	// Issues is "all" (every failing field, in schema order) or "first" (only the first
	// problem, as the message).
	Issues string `json:"issues,omitempty"`
}

// RefusedHeader is a request header an operation refuses.
type RefusedHeader struct {
	Name   string `json:"name"`
	Status int    `json:"status"`
	Code   string `json:"code,omitempty"`
	// When is the check name, matching an error example's When.
	When string `json:"when,omitempty"`
}

// CookieAuth is a session cookie an operation accepts in place of a key: a security requirement
// whose scheme is an apiKey "in: cookie", with the headers ("in: header" apiKeys) the same
// requirement needs beside it.
type CookieAuth struct {
	// Name is the cookie's name; Scheme the securityScheme's.
	Name   string `json:"name"`
	Scheme string `json:"scheme"`
	// Headers are the headers the session needs beside the cookie.
	Headers []SessionHeader `json:"headers,omitempty"`
}

// SessionHeader is a header a session cookie needs beside it, and the answer to a session sent
// without it (the scheme's x-errdocs-missing), if documented.
type SessionHeader struct {
	Name    string `json:"name"`
	Missing *Issue `json:"missing,omitempty"`
}

// Response is one documented answer of an operation.
type Response struct {
	// Status is the HTTP status; 0 for OpenAPI's "default".
	Status      int               `json:"status"`
	Description string            `json:"description,omitempty"`
	Examples    []ResponseExample `json:"examples,omitempty"`
}

// ResponseExample is an example answer body.
type ResponseExample struct {
	Name    string `json:"name"`
	Summary string `json:"summary,omitempty"`
	// When names the check whose failure produces this body (x-errdocs-when).
	When string `json:"when,omitempty"`
	// Body is the example's JSON text.
	Body string `json:"body"`
	Line int    `json:"line,omitempty"`
}

// RequestExample is an example request body.
type RequestExample struct {
	Name      string `json:"name"`
	Summary   string `json:"summary,omitempty"`
	MediaType string `json:"media_type,omitempty"`
	// Body is the example's JSON text.
	Body string `json:"body"`
	Line int    `json:"line,omitempty"`
}

// Schema is a compact JSON Schema: the keywords errdocs checks, and nothing else. A schema
// with Ref set stands for the named schema in API.Schemas, which keeps recursive schemas
// finite; its other fields are empty.
type Schema struct {
	Ref string `json:"ref,omitempty"`
	// Type lists the JSON types allowed ("string", "number", "integer", "boolean", "object",
	// "array", "null"); empty allows any.
	Type []string `json:"type,omitempty"`
	// Enum lists the allowed values. Const says it came from const (a single literal).
	Enum  []any `json:"enum,omitempty"`
	Const bool  `json:"const,omitempty"`
	// Format is "email", "uuid", "uri", "date-time", … .
	Format  string `json:"format,omitempty"`
	Pattern string `json:"pattern,omitempty"`

	MinLength *int     `json:"min_length,omitempty"`
	MaxLength *int     `json:"max_length,omitempty"`
	Minimum   *float64 `json:"minimum,omitempty"`
	Maximum   *float64 `json:"maximum,omitempty"`
	// ExclusiveMinimum and ExclusiveMaximum are OpenAPI 3.1's numeric forms.
	ExclusiveMinimum *float64 `json:"exclusive_minimum,omitempty"`
	ExclusiveMaximum *float64 `json:"exclusive_maximum,omitempty"`
	MinItems         *int     `json:"min_items,omitempty"`
	MaxItems         *int     `json:"max_items,omitempty"`
	Items            *Schema  `json:"items,omitempty"`

	// Required lists required properties in the schema's order; Properties keeps the order
	// of the properties as written, which is the order the server checks them in.
	Required   []string   `json:"required,omitempty"`
	Properties []Property `json:"properties,omitempty"`
	// AdditionalProperties is the schema of other properties; NoAdditional says other
	// properties are refused (additionalProperties: false).
	AdditionalProperties *Schema `json:"additional_properties,omitempty"`
	NoAdditional         bool    `json:"no_additional,omitempty"`
	PropertyNames        *Schema `json:"property_names,omitempty"`

	AnyOf []*Schema `json:"any_of,omitempty"`
	OneOf []*Schema `json:"one_of,omitempty"`
	AllOf []*Schema `json:"all_of,omitempty"`

	// Messages are the server's own messages for failed keywords (x-errdocs-messages), keyed
	// by keyword: "required", "type", "format", "pattern", "minLength", "oneOf", … .
	Messages map[string]string `json:"messages,omitempty"`
	// Rule is a rule JSON Schema cannot state exactly, in words (x-errdocs-rule), and
	// RuleIssue what the server sends when the schema's anyOf or oneOf, which states it
	// approximately, fails.
	Rule      string `json:"rule,omitempty"`
	RuleIssue *Issue `json:"rule_issue,omitempty"`
	// Reserved are regular expressions for values the server refuses after the schema passed
	// (x-errdocs-reserved), answered with ReservedIssue.
	Reserved      []string `json:"reserved,omitempty"`
	ReservedIssue *Issue   `json:"reserved_issue,omitempty"`
	// Needed lists fields the server needs after the schema passed, unless one of the fields
	// named in Unless is sent (x-errdocs-sender-issue: a sender, unless a template gives one).
	Needed []Needed `json:"needed,omitempty"`
	// MaxTotalLength caps the total length of one string property over an array's items.
	MaxTotalLength *TotalLength `json:"max_total_length,omitempty"`
	// Lenient says the server does not refuse values outside the constraints (it clamps,
	// ignores or falls back): a violation is advice, not an error.
	Lenient    string `json:"lenient,omitempty"`
	Deprecated bool   `json:"deprecated,omitempty"`
	// Description is the schema's description, for reference pages.
	Description string `json:"description,omitempty"`
}

// Property is one named property of an object schema.
type Property struct {
	Name   string  `json:"name"`
	Schema *Schema `json:"schema"`
}

// Issue is an answer the server sends for a rule: a field issue (Field, Code, Message,
// Received), and, when Status is set, an answer of its own instead of the schema answer.
type Issue struct {
	Field    string `json:"field,omitempty"`
	Code     string `json:"code,omitempty"`
	Message  string `json:"message,omitempty"`
	Received string `json:"received,omitempty"`
	// ErrorMessage is the answer's message, when it is not the validation message.
	ErrorMessage string `json:"error_message,omitempty"`
	// Status, Shape and (with Status) Code describe an answer of its own.
	Status int    `json:"status,omitempty"`
	Shape  string `json:"shape,omitempty"`
	// Messages are messages by a field's value, when the rule words each case apart.
	Messages map[string]string `json:"messages,omitempty"`
}

// Needed is a field the server needs after the schema passed.
type Needed struct {
	Field  string   `json:"field"`
	Unless []string `json:"unless,omitempty"`
	// When is the check name, e.g. "sender-missing".
	When  string `json:"when"`
	Issue Issue  `json:"issue"`
}

// TotalLength caps the summed length of Property over the items of an array.
type TotalLength struct {
	Property string `json:"property"`
	Max      int    `json:"max"`
	Issue    *Issue `json:"issue,omitempty"`
}

// Predict says how an API answers requests that fail its checks, in the words no single
// openapi.yaml example gives: how it reads the Authorization header, how it words a failed
// schema keyword, and which parts of an answer change with every call. It comes from the
// optional "predict:" block of the API's index page.
type Predict struct {
	Auth AuthRule `json:"auth"`
	// Messages words each failed keyword, keyed "required", "type", "integer", "enum",
	// "const", "format", "format.email", "pattern", "minLength", "maxLength", "minItems",
	// "maxItems", "minimum", "maximum", "union", "discriminator", "additional". A message may
	// hold {limit}, {expected}, {received}, {value}, {options}, {format}, {pattern} and
	// {keys}.
	Messages map[string]IssueText `json:"messages,omitempty"`
	// EnumOption and EnumSeparator format {options}, e.g. "'{value}'" and " | ".
	EnumOption    string `json:"enum_option,omitempty"`
	EnumSeparator string `json:"enum_separator,omitempty"`
	// TypeNames renames schema types in messages, e.g. {"integer": "number"}.
	TypeNames map[string]string `json:"type_names,omitempty"`
	// Received is the key of an issue's received type in the answer ("received"), set only
	// on issues whose IssueText has one.
	Received string `json:"received,omitempty"`
	// Suggestion picks a text for the answer's suggestion.
	Suggestion *Suggestion `json:"suggestion,omitempty"`
	// Vary maps answer paths whose values change with every call (a request id, a timestamp)
	// to the placeholder shown in a predicted answer.
	Vary map[string]string `json:"vary,omitempty"`
}

// AuthRule says how an API reads the Authorization header.
type AuthRule struct {
	// Scheme is the scheme word, e.g. "Bearer".
	Scheme string `json:"scheme,omitempty"`
	// CaseSensitive says the scheme word must be written exactly so.
	CaseSensitive bool `json:"case_sensitive,omitempty"`
	// Strict says the header must be exactly "<scheme> <key>": one space, nothing else.
	Strict bool `json:"strict,omitempty"`
	// CheckPrefix says the server refuses a key without one of the API's prefixes.
	CheckPrefix bool `json:"check_prefix,omitempty"`
}

// IssueText words one failed keyword.
type IssueText struct {
	Message  string `json:"message"`
	Code     string `json:"code,omitempty"`
	Received string `json:"received,omitempty"`
}

// Suggestion picks the answer's suggestion text from its issues: the first rule that holds
// wins.
type Suggestion struct {
	// Path is where the text goes in the answer, e.g. "error.suggestion".
	Path string `json:"path"`
	// When is the check the rules apply to ("body-schema").
	When  string           `json:"when,omitempty"`
	Rules []SuggestionRule `json:"rules"`
}

// SuggestionRule is one case of a Suggestion. With neither condition set it always holds.
type SuggestionRule struct {
	// IssueCode holds when some issue has this code.
	IssueCode string `json:"issue_code,omitempty"`
	// MessageContains holds when some issue's message contains this text (in any case).
	MessageContains string `json:"message_contains,omitempty"`
	Text            string `json:"text"`
}
