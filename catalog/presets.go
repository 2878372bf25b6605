package catalog

import "sync"

// The built-in shapes. An API's index selects one by name ("preset: stripe" on a shape) and may
// replace any of its keys; the engine also recognises a body in one of them when no catalog API
// claims it (problem+json has its own reader there, which reads any RFC 9457 body). They are
// data, kept here once; the playground's module links them, so they stay small.

// AIP-193's detail types.
const (
	aipErrorInfo  = "error.details[@type=type.googleapis.com/google.rpc.ErrorInfo]"
	aipBadRequest = "error.details[@type=type.googleapis.com/google.rpc.BadRequest]"
	aipQuota      = "error.details[@type=type.googleapis.com/google.rpc.QuotaFailure]"
	aipRetry      = "error.details[@type=type.googleapis.com/google.rpc.RetryInfo]"
	aipHelp       = "error.details[@type=type.googleapis.com/google.rpc.Help]"
)

// presets are the built-in shapes, in the order the engine tries them.
var presets = [...]Shape{
	{ // Stripe and the APIs that copy it (OpenAI, Anthropic): {error: {type, code, decline_code, param, message, doc_url}}.
		Name: "stripe", Strength: "medium",
		Code:     "error.code | error.type",
		Category: "error.type", SubCode: "error.decline_code",
		Message: "error.message", DocURL: "error.doc_url",
		RequestID: "error.request_log_url | header:Request-Id", RequestIDPattern: `\breq_[A-Za-z0-9]+`,
		Fields: "error", FieldPath: "param", FieldMessage: "message", FieldCode: "code",
		ShouldRetry: "Stripe-Should-Retry",
	},
	{ // Google AIP-193: {error: {code, status, message, details: [ErrorInfo, BadRequest, …]}}.
		Name: "aip-193", Strength: "medium",
		Code:     aipErrorInfo + ".reason | error.status",
		Category: "error.status",
		Message:  "error.message", Status: "error.code",
		Fields:    aipBadRequest + ".fieldViolations | " + aipQuota + ".violations",
		FieldPath: "field | subject", FieldMessage: "description", FieldCode: "reason",
		DocURL: aipHelp + ".links.0.url", RetryDelay: aipRetry + ".retryDelay",
	},
	{ // JSON:API: {errors: [{status, code, title, detail, source: {pointer, parameter}}]}.
		Name: "json-api", Strength: "medium",
		Code: "errors.0.code", Message: "errors.0.detail | errors.0.title", Status: "errors.0.status",
		RequestID: "errors.0.id", DocURL: "errors.0.links.about",
		Fields: "errors[source]", FieldPath: "source.pointer | source.parameter | source.header",
		FieldMessage: "detail | title", FieldCode: "code",
		ContentType: "application/vnd.api+json",
	},
	{ // GraphQL: {errors: [{message, locations, path, extensions: {code}}], data}, often on a 200.
		Name: "graphql", Strength: "medium",
		Code: "errors.0.extensions.code", Category: "errors.0.extensions.classification",
		Message: "errors.0.message",
		Fields:  "errors[path]", FieldPath: "path", FieldMessage: "message", FieldCode: "extensions.code",
		Allow2xx: true,
	},
	{ // OAuth 2.0: RFC 6749 §5.2 {error, error_description, error_uri}, or RFC 6750's
		// WWW-Authenticate: Bearer error="invalid_token", error_description="…".
		Name: "oauth2", Strength: "medium",
		CodePattern: `^(invalid_(request|client|grant|scope|token|dpop_proof)|unauthorized_client|unsupported_(grant|response)_type|insufficient_scope|access_denied|server_error|temporarily_unavailable|authorization_pending|slow_down|expired_token|use_dpop_nonce)$`,
		Code:        "error | header:WWW-Authenticate.error",
		Message:     "error_description | header:WWW-Authenticate.error_description",
		DocURL:      "error_uri | header:WWW-Authenticate.error_uri",
	},
	{ // RFC 9457 problem details, for an API that selects it: the code is "code", else the type URI's last segment (CodeAt).
		Name: "problem+json", Strength: "medium",
		Code: "code | type", Message: "detail | title", Status: "status", DocURL: "type",
		Fields: "errors | invalid-params", FieldPath: "pointer | name | field", FieldMessage: "detail | reason | message",
		ContentType: "application/problem+json",
	},
}

// presetMatch is each preset's Match, in the order of presets. (A map literal per preset would
// be built by code at start-up, which costs the playground's module 5 KB of brotli; these rows
// are static data, turned into maps once, by prepare.)
var presetMatch = [len(presets)][]struct{ path, want string }{
	{{"error.type", "string"}, {"error.message | error.code", "string"}}, // stripe
	{{"error.code", "number"}, {"error.status", "string"}},               // aip-193
	{{"errors.0", "object"}, {"errors.0.message", "absent"}, {"data", "absent"}, {"errors.0.status | errors.0.code | errors.0.title | errors.0.detail", "string"}}, // json-api
	{{"errors.0.message", "string"}, {"errors.0.extensions | errors.0.locations | errors.0.path | data", "present"}},                                               // graphql
	{{"error | header:WWW-Authenticate.error", "string"}},        // oauth2
	{{"title | type", "string"}, {"status | detail", "present"}}, // problem+json
}

var (
	presetsOnce sync.Once
	presetList  []*Shape
)

// Presets returns the built-in shapes the engine recognises without a catalog, in the order it
// tries them (problem+json, which the engine reads its own way, is not among them). They are
// shared: a caller must not change them.
func Presets() []*Shape {
	presetsOnce.Do(preparePresets)
	return presetList
}

// preparePresets gives each preset its Match and compiles its patterns.
func preparePresets() {
	for i := range presets {
		p := &presets[i]
		p.Match = make(map[string]string, len(presetMatch[i]))
		for _, m := range presetMatch[i] {
			p.Match[m.path] = m.want
		}
		if err := p.compile(); err != nil {
			panic("catalog: preset " + p.Name + ": " + err.Error())
		}
		if p.Name != "problem+json" {
			presetList = append(presetList, p)
		}
	}
}

// PresetNames lists every preset's name, for messages.
func PresetNames() []string {
	out := make([]string, len(presets))
	for i := range presets {
		out[i] = presets[i].Name
	}
	return out
}

// WithPreset returns s completed from the preset it names: the preset's keys, each replaced by
// s's value where s sets one (a Match replaces the whole preset Match). It returns s itself when
// s names no preset, and nil when the preset does not exist.
func (s *Shape) WithPreset() *Shape {
	if s.Preset == "" {
		return s
	}
	presetsOnce.Do(preparePresets)
	var base *Shape
	for i := range presets {
		if presets[i].Name == s.Preset {
			base = &presets[i]
		}
	}
	if base == nil {
		return nil
	}
	out := *base
	out.codeRE, out.requestIDRE = nil, nil
	out.Preset = s.Preset
	or := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	for _, f := range [...]struct {
		dst *string
		v   string
	}{{&out.Name, s.Name}, {&out.CodePattern, s.CodePattern}, {&out.Code, s.Code}, {&out.Message, s.Message},
		{&out.Status, s.Status}, {&out.RequestID, s.RequestID}, {&out.RequestIDPattern, s.RequestIDPattern},
		{&out.Category, s.Category}, {&out.SubCode, s.SubCode}, {&out.DocURL, s.DocURL},
		{&out.ShouldRetry, s.ShouldRetry}, {&out.RetryDelay, s.RetryDelay}, {&out.Fields, s.Fields},
		{&out.FieldPath, s.FieldPath}, {&out.FieldMessage, s.FieldMessage}, {&out.FieldCode, s.FieldCode},
		{&out.Strength, s.Strength}, {&out.ContentType, s.ContentType}} {
		or(f.dst, f.v)
	}
	if len(s.Match) > 0 {
		out.Match = s.Match
	}
	if len(s.Promised) > 0 {
		out.Promised = s.Promised
	}
	if len(s.FieldsOnly) > 0 {
		out.FieldsOnly = s.FieldsOnly
	}
	out.Only = out.Only || s.Only
	out.Allow2xx = out.Allow2xx || s.Allow2xx
	return &out
}
