package reqparse

import "testing"

func TestHTTPie(t *testing.T) { runCases(t, httpieCases) }

var httpieCases = []tc{
	{
		name: "json fields, a header and a query", in: `$ http POST https://next-api.useplunk.com/v1/send Authorization:"Bearer sk_x" to=ada@example.com count:=2 dry==1`,
		form: "httpie", method: "POST", host: "next-api.useplunk.com", path: "/v1/send", ct: "application/json",
		headers: []string{"Authorization: Bearer sk_x"}, body: `{"to":"ada@example.com","count":2}`, bodyLine: 1,
		query: map[string][]string{"dry": {"1"}}, noNotes: true,
	},
	{
		name: "no method, no scheme: GET over http", in: "http api.puck.security/v1/findings limit==5",
		method: "GET", host: "api.puck.security", path: "/v1/findings", query: map[string][]string{"limit": {"5"}},
	},
	{
		name: "https and a field make a POST", in: "https api.puck.security/v1/investigations query='Which hosts ran curl | sh?'",
		method: "POST", url: "https://api.puck.security/v1/investigations", body: `{"query":"Which hosts ran curl | sh?"}`,
	},
	{
		name: "form", in: "http -f POST localhost:8080/contacts email=ada@example.com",
		method: "POST", ct: "application/x-www-form-urlencoded", body: "email=ada%40example.com",
	},
	{
		name: "flags with arguments", in: "http --timeout 5 -a ann:pw :8080/v1/track event=signup",
		method: "POST", host: "localhost", path: "/v1/track", body: `{"event":"signup"}`,
	},
	{name: "prose", in: "http requests to the API fail", noReq: true},
	{name: "the word alone", in: "http", noReq: true},
}

func TestScriptVariables(t *testing.T) {
	runCases(t, []tc{{
		name: "a variable set above the command is expanded", in: "#!/bin/bash\nset -e\nexport KEY='sk_abc'\nHOST=https://x.test\ncurl \"$HOST/v1/send\" -H \"Authorization: Bearer ${KEY}\"",
		form: "curl", url: "https://x.test/v1/send", headers: []string{"Authorization: Bearer sk_abc"}, noNotes: true,
	}, {
		name: "an unset variable stays as written", in: "curl https://x.test -H \"Authorization: Bearer $TOKEN\"",
		headers: []string{"Authorization: Bearer $TOKEN"}, notes: []string{"$TOKEN"},
	}})
}
