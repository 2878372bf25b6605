package engine

import (
	"strings"
	"testing"

	"github.com/errdocs/errdocs/internal/testkit"
)

// TestMaskedKeyKind checks that a masked key is still known by its kept prefix, both by the
// explainer's hints and by the request checks.
func TestMaskedKeyKind(t *testing.T) {
	cat := shippedCatalog(t)
	for _, tc := range []struct {
		name, paste, api, want string
	}{
		{"masked Puck live key", "curl https://api.puck.security/v1/investigations -H 'Authorization: Bearer pck_live_****c450'", "puck", "live"},
		{"masked Plunk public key", "curl https://next-api.useplunk.com/v1/track -H 'Authorization: Bearer pk_****6071'", "plunk", "public"},
		{"placeholder with a prefix", "curl https://next-api.useplunk.com/v1/send -H 'Authorization: Bearer sk_YOUR_SECRET_KEY'", "plunk", "other"},
		{"unset", "curl https://api.puck.security/v1/investigations -H 'Authorization: Bearer undefined'", "puck", "other"},
		{"no header", "curl https://api.puck.security/v1/investigations", "puck", "none"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := &explainer{cat: cat, v: newVerdict(), p: read(tc.paste)}
			if got := e.keyKind(testkit.ShippedAPI(t, tc.api)); got != tc.want {
				t.Errorf("keyKind = %q, want %q", got, tc.want)
			}
		})
	}

}

// TestSentPlaceholder checks the problem and the cause a response paste gets when its request
// sent a placeholder as the key, and that nothing else gets them.
func TestSentPlaceholder(t *testing.T) {
	cat := shippedCatalog(t)
	const (
		plunk401 = `{"success":false,"error":{"code":"INVALID_API_KEY","message":"Invalid secret API key. This endpoint requires a secret key (sk_*), not a public key.","statusCode":401,"requestId":"9b9c1984-9199-4d6e-ab01-fc39861777d6"},"timestamp":"2025-11-30T10:30:00.000Z"}`
		puck401  = `{"error":"invalid_api_key"}`
	)
	for _, tc := range []struct {
		name, paste string
		// sev and message are the placeholder problem's; "" when there must be none.
		sev, message string
		line, col    int
	}{
		{name: "Bearer undefined, curl -i",
			paste: "curl -i https://next-api.useplunk.com/v1/send -H 'Authorization: Bearer undefined'\nHTTP/2 401\ncontent-type: application/json\n\n" + plunk401,
			sev:   "error", message: "The Authorization header was sent as `Bearer undefined`: the variable meant to hold the key was not set, so no key reached Plunk.", line: 1, col: 51},
		{name: "X-Api-Key undefined, raw request and response",
			paste: "GET /v1/investigations HTTP/1.1\nHost: api.puck.security\nX-Api-Key: undefined\n\nHTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n" + puck401,
			sev:   "error", message: "The X-Api-Key header was sent as `undefined`: the variable meant to hold the key was not set, so no key reached Puck.", line: 3, col: 1},
		{name: "Bearer null in a log line",
			paste: `Error: Request failed with status code 401 ` + plunk401 + ` config.headers: {"Authorization":"Bearer null"}`,
			sev:   "error", message: "The Authorization header was sent as `Bearer null`", line: 1},
		{name: "bare Bearer undefined in a log line",
			paste: `401 Unauthorized: sent Bearer undefined to POST /v1/send ` + plunk401,
			sev:   "error", message: "The request sent `Bearer undefined`: the variable meant to hold the key was not set", line: 1, col: 24},
		{name: "docs placeholder",
			paste: "curl -i https://next-api.useplunk.com/v1/send -H 'Authorization: Bearer <YOUR_API_KEY>'\nHTTP/2 401\n\n" + plunk401,
			sev:   "warning", message: "The Authorization header was sent as `Bearer <YOUR_API_KEY>`: `<YOUR_API_KEY>` is the placeholder from the docs, sent as is.", line: 1, col: 51},
		{name: "JavaScript variable",
			paste: "await fetch('https://api.puck.security/v1/investigations', {\n  headers: { Authorization: `Bearer ${process.env.PUCK_KEY}` },\n});\n" + "HTTP/1.1 401 Unauthorized\n\n" + puck401,
			sev:   "warning", message: "The Authorization header is written as `Bearer ${process.env.PUCK_KEY}`: `${process.env.PUCK_KEY}` is filled in when the code runs; if that variable is not set there, no key reaches Puck.", line: 2, col: 14},
		{name: "not a 401", paste: "curl -i https://next-api.useplunk.com/v1/send -H 'Authorization: Bearer undefined'\nHTTP/2 422\n\n{}"},
		{name: "a 403 Plunk does not send for keys", paste: "curl -i https://next-api.useplunk.com/v1/send -H 'Authorization: Bearer undefined'\nHTTP/2 403\n\n{}"},
		{name: "a real key", paste: "curl -i https://api.puck.security/v1/investigations -H 'Authorization: Bearer pck_live_8f2a7e22562b45d49bc9428f77ddc450'\nHTTP/1.1 401 Unauthorized\n\n" + puck401},
		{name: "a masked key", paste: "curl -i https://api.puck.security/v1/investigations -H 'Authorization: Bearer pck_live_****c450'\nHTTP/1.1 401 Unauthorized\n\n" + puck401},
		{name: "the body's own YOUR_API_KEY", paste: `HTTP/2 401` + "\n\n" + `{"success":false,"error":{"code":"MISSING_AUTH","message":"Authorization header must use Bearer token format: \"Authorization: Bearer YOUR_API_KEY\"","statusCode":401}}`},
		{name: "prose about a bearer token", paste: `POST /v1/send failed: 401 invalid Bearer token ` + plunk401},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := Explain(cat, tc.paste, testOpts)
			var found *Problem
			for i, p := range v.Problems {
				if strings.Contains(p.Message, "was sent as") || strings.Contains(p.Message, "is written as") || strings.HasPrefix(p.Message, "The request sent") {
					found = &v.Problems[i]
				}
			}
			if tc.message == "" {
				if found != nil {
					t.Fatalf("unexpected placeholder problem: %+v", *found)
				}
				return
			}
			if found == nil {
				t.Fatalf("no placeholder problem; problems: %+v", v.Problems)
			}
			if found.Severity != tc.sev || !strings.HasPrefix(found.Message, tc.message) || found.Line != tc.line || tc.col != 0 && found.Column != tc.col {
				t.Errorf("problem %+v\nwant %s %q at %d:%d", *found, tc.sev, tc.message, tc.line, tc.col)
			}
			if v.Cause != found.Message {
				t.Errorf("cause %q, want the problem's message", v.Cause)
			}
			for _, r := range v.Redacted {
				t.Errorf("a placeholder was masked: %s", r)
			}
		})
	}
}

func TestInsideSingleQuotes(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       bool
	}{
		{"single quotes", `curl -H 'Authorization: Bearer $TOKEN' https://x`, true},
		{"double quotes", `curl -H "Authorization: Bearer $TOKEN" https://x`, false},
		{"single inside double", `curl -H "Authorization: 'Bearer' $TOKEN" https://x`, false},
		{"unquoted", `curl -H Authorization:\ Bearer\ $TOKEN https://x`, false},
		{"closed before", `curl -H 'Authorization: Bearer '$TOKEN https://x`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := insideSingleQuotes(tc.line, strings.Index(tc.line, "$TOKEN")); got != tc.want {
				t.Errorf("insideSingleQuotes = %v, want %v", got, tc.want)
			}
		})
	}
}
