package reqparse

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/internal/printf"
)

// tc is one parsing case. Zero-valued expectations are not checked, except Body, which is
// always compared, and the fields listed in the comments below.
type tc struct {
	name  string
	in    string
	noReq bool // Parse must return ok=false

	form, method, url, host, path, ct string
	query                             map[string][]string
	headers                           []string // "Name: Value", compared in full when not nil
	headerLines                       []int    // compared when not nil
	body                              string
	bodyLine, bodyCol                 int // compared when body != ""
	bodyFile, user                    string
	fields                            []FormField
	notes                             []string // each must be a substring of some note
	noNotes                           bool     // Notes must be empty
	start, end                        int
	methodLine, urlLine               int
	rest                              string // rest from ParsePrefix must start with it
	restLine                          int
	unresolved                        []string // pointers, compared when not nil
}

func runCases(t *testing.T, cases []tc) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, ok := Parse(c.in)
			if c.noReq {
				if ok {
					t.Fatalf("Parse found a request in %q: %+v", c.in, r)
				}
				return
			}
			if !ok {
				t.Fatalf("Parse found no request in:\n%s", c.in)
			}
			checkRequest(t, c, r)
			if c.rest != "" || c.restLine != 0 {
				_, rest, restLine, ok := ParsePrefix(c.in)
				if !ok {
					t.Fatalf("ParsePrefix found no request")
				}
				if !strings.HasPrefix(rest, c.rest) {
					t.Errorf("rest = %q, want prefix %q", printf.Clip(rest, 80), c.rest)
				}
				if c.restLine != 0 && restLine != c.restLine {
					t.Errorf("restLine = %d, want %d", restLine, c.restLine)
				}
			}
		})
	}
}

func checkRequest(t *testing.T, c tc, r *Request) {
	t.Helper()
	str := func(field, got, want string) {
		if want != "" && got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	num := func(field string, got, want int) {
		if want != 0 && got != want {
			t.Errorf("%s = %d, want %d", field, got, want)
		}
	}
	str("Form", r.Form, c.form)
	str("Method", r.Method, c.method)
	str("URL", r.URL, c.url)
	str("Host", r.Host, c.host)
	str("Path", r.Path, c.path)
	str("ContentType", r.ContentType, c.ct)
	str("BodyFile", r.BodyFile, c.bodyFile)
	str("User", r.User, c.user)
	num("StartLine", r.StartLine, c.start)
	num("EndLine", r.EndLine, c.end)
	num("MethodLine", r.MethodLine, c.methodLine)
	num("URLLine", r.URLLine, c.urlLine)
	if r.Body != c.body {
		t.Errorf("Body = %q, want %q", r.Body, c.body)
	}
	if c.body != "" {
		num("BodyLine", r.BodyLine, c.bodyLine)
		num("BodyCol", r.BodyCol, c.bodyCol)
	} else if r.BodyLine != 0 || r.BodyCol != 0 {
		t.Errorf("BodyLine, BodyCol = %d, %d for an empty body", r.BodyLine, r.BodyCol)
	}
	if c.query != nil && !reflect.DeepEqual(r.Query, c.query) {
		t.Errorf("Query = %v, want %v", r.Query, c.query)
	}
	if c.headers != nil {
		var got []string
		for _, h := range r.Headers {
			got = append(got, h.Name+": "+h.Value)
		}
		if !(len(got) == 0 && len(c.headers) == 0) && !reflect.DeepEqual(got, c.headers) {
			t.Errorf("Headers =\n\t%q\nwant\n\t%q", got, c.headers)
		}
	}
	if c.headerLines != nil {
		var got []int
		for _, h := range r.Headers {
			got = append(got, h.Line)
		}
		if !reflect.DeepEqual(got, c.headerLines) {
			t.Errorf("header lines = %v, want %v", got, c.headerLines)
		}
	}
	if c.fields != nil && !reflect.DeepEqual(r.FormFields, c.fields) {
		t.Errorf("FormFields = %+v, want %+v", r.FormFields, c.fields)
	}
	for _, n := range c.notes {
		found := false
		for _, got := range r.Notes {
			if strings.Contains(got, n) {
				found = true
			}
		}
		if !found {
			t.Errorf("no note contains %q; notes: %q", n, r.Notes)
		}
	}
	if c.noNotes && len(r.Notes) > 0 {
		t.Errorf("Notes = %q, want none", r.Notes)
	}
	if c.unresolved != nil {
		var got []string
		for _, u := range r.Unresolved {
			got = append(got, u.Pointer)
		}
		if !(len(got) == 0 && len(c.unresolved) == 0) && !reflect.DeepEqual(got, c.unresolved) {
			t.Errorf("Unresolved pointers = %q, want %q", got, c.unresolved)
		}
	}
}

// The real-world pastes below are written as Chrome and Firefox DevTools write them.

const chromeCurlPlunk = `curl 'https://next-api.useplunk.com/v1/track' \
  -H 'accept: */*' \
  -H 'accept-language: en-GB,en;q=0.9' \
  -H 'authorization: Bearer pk_live_7Hq2' \
  -H 'content-type: application/json' \
  -H 'origin: http://localhost:3000' \
  -H 'priority: u=1, i' \
  -H 'referer: http://localhost:3000/' \
  -H 'sec-ch-ua: "Chromium";v="131", "Not_A Brand";v="24"' \
  -H 'sec-ch-ua-mobile: ?0' \
  -H 'sec-ch-ua-platform: "macOS"' \
  -H 'sec-fetch-dest: empty' \
  -H 'sec-fetch-mode: cors' \
  -H 'sec-fetch-site: cross-site' \
  -H 'user-agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' \
  --data-raw '{"event":"user-signup","email":"ada@example.com","subscribed":true,"data":{"plan":"pro"}}'`

const chromeCurlPuck = `curl 'https://api.puck.security/v1/investigations' \
  -H 'accept: application/json' \
  -H 'authorization: Bearer pck_live_9f8e7d6c5b4a' \
  -H 'content-type: application/json' \
  -H 'idempotency-key: 3f2b1c9e-8d7a-4b6c-9e5f-0a1b2c3d4e5f' \
  --data-raw $'{"query":"Which hosts still run OpenSSL 3.0? It\'s urgent","depth":"standard","scope":{"type":"selector","filter":{"tags":{"team":"engineering"},"last_seen_within":"7d"}}}'`

const chromeCurlCmdPlunk = `curl ^"https://next-api.useplunk.com/v1/track^" ^
  -H ^"accept: */*^" ^
  -H ^"authorization: Bearer pk_live_7Hq2^" ^
  -H ^"content-type: application/json^" ^
  -H ^"sec-ch-ua: ^\^"Chromium^\^";v=^\^"131^\^"^" ^
  --data-raw ^"^{^\^"event^\^":^\^"user-signup^\^",^\^"email^\^":^\^"ada@example.com^\^"^}^"`

const firefoxCurlPuck = `curl 'https://api.puck.security/v1/investigations' -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' -H 'Accept: */*' -H 'Accept-Language: en-US,en;q=0.5' -H 'Accept-Encoding: gzip, deflate, br, zstd' -H 'Content-Type: application/json' -H 'Authorization: Bearer pck_test_1a2b3c' -H 'Origin: http://localhost:5173' -H 'Connection: keep-alive' -H 'Sec-Fetch-Dest: empty' -H 'Sec-Fetch-Mode: cors' -H 'Sec-Fetch-Site: cross-site' --data-raw '{"query":"failed logins in the last day","depth":"quick"}'`

const chromeFetchPlunk = `fetch("https://next-api.useplunk.com/v1/track", {
  "headers": {
    "accept": "*/*",
    "accept-language": "en-GB,en;q=0.9",
    "authorization": "Bearer pk_live_7Hq2",
    "content-type": "application/json",
    "priority": "u=1, i",
    "sec-ch-ua": "\"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"",
    "sec-ch-ua-mobile": "?0",
    "sec-ch-ua-platform": "\"macOS\"",
    "sec-fetch-dest": "empty",
    "sec-fetch-mode": "cors",
    "sec-fetch-site": "cross-site"
  },
  "referrer": "http://localhost:3000/",
  "referrerPolicy": "strict-origin-when-cross-origin",
  "body": "{\"event\":\"user-signup\",\"email\":\"ada@example.com\"}",
  "method": "POST",
  "mode": "cors",
  "credentials": "include"
});`

const chromeFetchPuck = `fetch("https://api.puck.security/v1/investigations", {
  "headers": {
    "accept": "application/json",
    "authorization": "Bearer pck_live_9f8e7d6c5b4a",
    "content-type": "application/json"
  },
  "referrer": "http://localhost:5173/",
  "body": "{\"query\":\"Which hosts still run OpenSSL 3.0?\",\"depth\":\"deep\"}",
  "method": "POST",
  "mode": "cors",
  "credentials": "omit"
});`

const firefoxFetchPlunk = `await fetch("https://next-api.useplunk.com/v1/track", {
    "credentials": "omit",
    "headers": {
        "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Accept": "*/*",
        "Content-Type": "application/json",
        "Authorization": "Bearer pk_live_7Hq2",
        "Sec-Fetch-Mode": "cors"
    },
    "referrer": "http://localhost:3000/",
    "body": "{\"event\":\"user-signup\",\"email\":\"ada@example.com\"}",
    "method": "POST",
    "mode": "cors"
});`

const appFetchPlunk = `const res = await fetch("https://next-api.useplunk.com/v1/track", {
  method: "POST",
  headers: {
    "Content-Type": "application/json",
    Authorization: ` + "`Bearer ${publicKey}`" + `,
  },
  body: JSON.stringify({
    event: 'user-signup',
    email: 'ada@example.com', // from the form
    subscribed: true,
    data: { plan: 'pro', },
  }),
});`

const curlVerbose = `> POST /v1/send HTTP/2
> Host: next-api.useplunk.com
> User-Agent: curl/8.7.1
> Accept: */*
> Authorization: Bearer pk_live_7Hq2
> Content-Type: application/json
> Content-Length: 61
>
} [61 bytes data]
* upload completely sent off: 61 bytes
< HTTP/2 401
< content-type: application/json; charset=utf-8
<
{"success":false,"error":{"code":"INVALID_API_KEY"}}`

var devtoolsHeadersPlunk = []string{
	"accept: */*",
	"accept-language: en-GB,en;q=0.9",
	"authorization: Bearer pk_live_7Hq2",
	"content-type: application/json",
	"origin: http://localhost:3000",
	"priority: u=1, i",
	"referer: http://localhost:3000/",
	`sec-ch-ua: "Chromium";v="131", "Not_A Brand";v="24"`,
	"sec-ch-ua-mobile: ?0",
	`sec-ch-ua-platform: "macOS"`,
	"sec-fetch-dest: empty",
	"sec-fetch-mode: cors",
	"sec-fetch-site: cross-site",
	"user-agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
}

func TestDevTools(t *testing.T) { runCases(t, devtoolsCases) }

var devtoolsCases = []tc{
	{
		name: "chrome copy as cURL bash, Plunk track",
		in:   chromeCurlPlunk,
		form: "curl", method: "POST", url: "https://next-api.useplunk.com/v1/track",
		host: "next-api.useplunk.com", path: "/v1/track", ct: "application/json",
		headers:  devtoolsHeadersPlunk,
		body:     `{"event":"user-signup","email":"ada@example.com","subscribed":true,"data":{"plan":"pro"}}`,
		bodyLine: 16, bodyCol: 15, start: 1, end: 16, urlLine: 1, noNotes: true,
	},
	{
		name: "chrome copy as cURL bash with $'' quoting, Puck investigations",
		in:   chromeCurlPuck,
		form: "curl", method: "POST", url: "https://api.puck.security/v1/investigations",
		host: "api.puck.security", path: "/v1/investigations", ct: "application/json",
		headers: []string{
			"accept: application/json",
			"authorization: Bearer pck_live_9f8e7d6c5b4a",
			"content-type: application/json",
			"idempotency-key: 3f2b1c9e-8d7a-4b6c-9e5f-0a1b2c3d4e5f",
		},
		headerLines: []int{2, 3, 4, 5},
		body:        `{"query":"Which hosts still run OpenSSL 3.0? It's urgent","depth":"standard","scope":{"type":"selector","filter":{"tags":{"team":"engineering"},"last_seen_within":"7d"}}}`,
		bodyLine:    6, bodyCol: 16, start: 1, end: 6, noNotes: true,
	},
	{
		name: "chrome copy as cURL cmd, Plunk track",
		in:   chromeCurlCmdPlunk,
		form: "curl", method: "POST", url: "https://next-api.useplunk.com/v1/track",
		host: "next-api.useplunk.com", ct: "application/json",
		headers: []string{
			"accept: */*",
			"authorization: Bearer pk_live_7Hq2",
			"content-type: application/json",
			`sec-ch-ua: "Chromium";v="131"`,
		},
		body:     `{"event":"user-signup","email":"ada@example.com"}`,
		bodyLine: 6, bodyCol: 17, start: 1, end: 6,
	},
	{
		name: "firefox copy as cURL on one line, Puck investigations",
		in:   firefoxCurlPuck,
		form: "curl", method: "POST", methodLine: 1, host: "api.puck.security",
		path: "/v1/investigations", ct: "application/json",
		body:     `{"query":"failed logins in the last day","depth":"quick"}`,
		bodyLine: 1, bodyCol: strings.Index(firefoxCurlPuck, `{"query"`) + 1,
	},
	{
		name: "chrome copy as fetch, Plunk track",
		in:   chromeFetchPlunk,
		form: "fetch", method: "POST", url: "https://next-api.useplunk.com/v1/track",
		host: "next-api.useplunk.com", path: "/v1/track", ct: "application/json",
		headers: []string{
			"accept: */*",
			"accept-language: en-GB,en;q=0.9",
			"authorization: Bearer pk_live_7Hq2",
			"content-type: application/json",
			"priority: u=1, i",
			`sec-ch-ua: "Chromium";v="131", "Not_A Brand";v="24"`,
			"sec-ch-ua-mobile: ?0",
			`sec-ch-ua-platform: "macOS"`,
			"sec-fetch-dest: empty",
			"sec-fetch-mode: cors",
			"sec-fetch-site: cross-site",
		},
		body:     `{"event":"user-signup","email":"ada@example.com"}`,
		bodyLine: 17, bodyCol: 12, start: 1, end: 21, methodLine: 18, noNotes: true,
	},
	{
		name: "chrome copy as fetch, Puck investigations",
		in:   chromeFetchPuck,
		form: "fetch", method: "POST", host: "api.puck.security", path: "/v1/investigations",
		ct:       "application/json",
		body:     `{"query":"Which hosts still run OpenSSL 3.0?","depth":"deep"}`,
		bodyLine: 8, bodyCol: 12, start: 1, end: 12,
	},
	{
		name: "firefox copy as fetch with await",
		in:   firefoxFetchPlunk,
		form: "fetch", method: "POST", host: "next-api.useplunk.com",
		headerLines: []int{4, 5, 6, 7, 8},
		ct:          "application/json",
		body:        `{"event":"user-signup","email":"ada@example.com"}`,
		bodyLine:    11, bodyCol: 14, start: 1, end: 14,
	},
	{
		name: "application code with JSON.stringify of an object literal",
		in:   appFetchPlunk,
		form: "fetch", method: "POST", url: "https://next-api.useplunk.com/v1/track",
		headers: []string{"Content-Type: application/json", "Authorization: Bearer ${publicKey}"},
		ct:      "application/json",
		body: `{
    "event": "user-signup",
    "email": "ada@example.com",    
    "subscribed": true,
    "data": { "plan": "pro" }
  }`,
		bodyLine: 7, bodyCol: 24, start: 1, end: 13,
		notes:      []string{"Authorization uses ${publicKey}, which was not pasted"},
		unresolved: []string{},
	},
	{
		name: "curl -v transcript parses as http",
		in:   curlVerbose,
		form: "http", method: "POST", url: "https://next-api.useplunk.com/v1/send",
		host: "next-api.useplunk.com", path: "/v1/send", ct: "application/json",
		headers: []string{
			"Host: next-api.useplunk.com", "User-Agent: curl/8.7.1", "Accept: */*",
			"Authorization: Bearer pk_live_7Hq2", "Content-Type: application/json",
			"Content-Length: 61",
		},
		start: 1, end: 8, rest: "} [61 bytes data]", restLine: 9,
	},
}

// lines joins lines with LF.
func lines(l ...string) string { return strings.Join(l, "\n") }

func TestCurl(t *testing.T) { runCases(t, curlCases) }

var curlCases = []tc{
	{
		name: "bare GET", in: "curl https://api.puck.security/v1/investigations/abc",
		form: "curl", method: "GET", host: "api.puck.security", path: "/v1/investigations/abc",
		ct: "", start: 1, end: 1, noNotes: true,
	},
	{
		name: "shell prompt", in: "$ curl -s https://x.test/a",
		method: "GET", host: "x.test", path: "/a",
	},
	{
		name: "prompt with user and directory", in: "ada@box:~/src$ curl https://x.test/a",
		host: "x.test",
	},
	{
		name: "zsh percent prompt", in: "% curl https://x.test/a", host: "x.test",
	},
	{
		name: "powershell prompt and curl.exe", in: `PS C:\Users\ada> curl.exe https://x.test/a`,
		host: "x.test",
	},
	{
		name: "blank lines before the command", in: "\n\n  \ncurl https://x.test/a", start: 4, host: "x.test",
	},
	{
		name: "markdown code fence", in: "```bash\ncurl https://x.test/a -d 'a=1'\n```\n",
		host: "x.test", body: "a=1", bodyLine: 2, bodyCol: 27, rest: "```", restLine: 3,
	},
	{
		name: "-X sets the method", in: "curl -X DELETE https://x.test/v1/investigations/1",
		method: "DELETE", methodLine: 1,
	},
	{
		name: "--request with lower-case method is noted", in: "curl --request patch https://x.test/a",
		method: "PATCH", notes: []string{`curl sends the method "patch" exactly as written`},
	},
	{
		name: "-XPOST attached", in: "curl -XPOST https://x.test/a", method: "POST",
	},
	{
		name:   "-d implies POST and form encoding",
		in:     "curl https://x.test/v1/track -d '{\"event\":\"a\"}'",
		method: "POST", ct: "application/x-www-form-urlencoded",
		body: `{"event":"a"}`, bodyLine: 1, bodyCol: 34,
	},
	{
		name: "repeated -d joined with &",
		in:   "curl https://x.test/a -d a=1 --data b=2 --data-ascii c=3",
		body: "a=1&b=2&c=3", bodyLine: 1, bodyCol: 26,
	},
	{
		name: "--data-binary keeps the text", in: "curl https://x.test/a --data-binary 'x y'",
		body: "x y", method: "POST", ct: "application/x-www-form-urlencoded",
	},
	{
		name: "--data-raw does not read @", in: "curl https://x.test/a --data-raw '@me'",
		body: "@me", bodyFile: "",
	},
	{
		name: "-d attached value", in: `curl https://x.test/a -d'{"a":1}'`,
		body: `{"a":1}`, bodyLine: 1, bodyCol: 26,
	},
	{
		name:   "--json sets JSON content type and POST",
		in:     `curl --json '{"event":"a"}' https://x.test/v1/track`,
		method: "POST", ct: "application/json", body: `{"event":"a"}`, bodyLine: 1, bodyCol: 14,
	},
	{
		name: "repeated --json concatenated", in: `curl --json '{"a":' --json '1}' https://x.test/a`,
		body: `{"a":1}`, ct: "application/json",
	},
	{
		name: "explicit content type wins over -d",
		in:   `curl -H 'Content-Type: application/json' -d '{}' https://x.test/a`,
		ct:   "application/json", body: "{}",
	},
	{
		name: "content type header removed with Name:",
		in:   `curl -H 'Content-Type:' -d 'a=1' https://x.test/a`,
		ct:   "", headers: []string{"Content-Type: "}, body: "a=1",
	},
	{
		name: "empty header with Name;", in: `curl -H 'X-Empty;' https://x.test/a`,
		headers: []string{"X-Empty: "},
	},
	{
		name: "header without colon is noted", in: `curl -H 'garbage' https://x.test/a`,
		headers: []string{}, notes: []string{"has no colon"},
	},
	{
		name: "--data-urlencode",
		in:   `curl https://x.test/a --data-urlencode 'q=a b&c' --data-urlencode '=x/y' --data-urlencode 'plain'`,
		body: "q=a%20b%26c&x%2Fy&plain", notes: []string{"--data-urlencode encodes"},
	},
	{
		name: "-d @file is noted, not an error", in: "curl https://x.test/v1/track -H 'Content-Type: application/json' -d @payload.json",
		method: "POST", bodyFile: "payload.json", body: "",
		notes: []string{"The body comes from payload.json, which was not pasted."},
	},
	{
		name: "--data-binary @- with a here-document",
		in: lines(
			"curl https://x.test/v1/track --data-binary @- <<'EOF'",
			`{"event":"a",`,
			` "email":"b"}`,
			"EOF",
			"HTTP/1.1 200 OK",
		),
		body: "{\"event\":\"a\",\n \"email\":\"b\"}\n", bodyLine: 2, bodyCol: 1, end: 4,
		rest: "HTTP/1.1 200 OK", restLine: 5,
	},
	{
		name: "here-string", in: `curl https://x.test/a -d @- <<< '{"a":1}'`,
		body: `{"a":1}`, bodyLine: 1, bodyCol: 34,
	},
	{
		name: "-F fields", in: `curl https://x.test/upload -F 'name=ada' -F 'file=@photo.png;type=image/png' -F 'note=<note.txt' --form-string 'raw=@literal'`,
		method: "POST", ct: "multipart/form-data",
		fields: []FormField{
			{Name: "name", Value: "ada", Line: 1},
			{Name: "file", File: "photo.png", Type: "image/png", Line: 1},
			{Name: "note", File: "note.txt", Line: 1},
			{Name: "raw", Value: "@literal", Line: 1},
		},
		notes: []string{"The form field file comes from the file photo.png"},
	},
	{
		name: "-u user", in: "curl -u sk_live_abc: https://x.test/a", user: "sk_live_abc:",
	},
	{
		name: "user in the URL", in: "curl https://ada:secret@x.test/a", user: "ada:secret", host: "x.test",
	},
	{
		name:   "-G moves data into the query",
		in:     "curl -G https://x.test/search?limit=5 -d 'q=open ssl' -d page=2",
		method: "GET", body: "", ct: "",
		query: map[string][]string{"limit": {"5"}, "q": {"open ssl"}, "page": {"2"}},
		notes: []string{"With -G curl sends the data in the query string"},
	},
	{
		name:   "-G with a single -d",
		in:     "curl -G https://x.test/search -d q=1",
		method: "GET", body: "", ct: "",
		query: map[string][]string{"q": {"1"}},
		notes: []string{"With -G curl sends the data in the query string"},
	},
	{
		name: "-I is HEAD", in: "curl -I https://x.test/a", method: "HEAD",
	},
	{
		name: "bundled switches -sSL", in: "curl -sSLk -o /dev/null -w '%{http_code}' https://x.test/a",
		method: "GET", host: "x.test", path: "/a",
	},
	{
		name: "common switches skipped",
		in:   "curl -i -v -s -S -L --compressed -k --http2 --fail-with-body https://x.test/a",
		host: "x.test", method: "GET",
	},
	{
		name: "options with arguments skipped",
		in:   "curl --max-time 10 --retry 3 -m 5 --connect-timeout 2 -x http://proxy:8080 --cacert ca.pem https://x.test/a",
		host: "x.test", url: "https://x.test/a",
	},
	{
		name:    "-A -e -b set headers with their flag",
		in:      "curl -A 'agent/1' -e 'https://ref.test/;auto' -b 'sid=1; theme=dark' https://x.test/a",
		headers: []string{"User-Agent: agent/1", "Referer: https://ref.test/", "Cookie: sid=1; theme=dark"},
	},
	{
		name: "--oauth2-bearer", in: "curl --oauth2-bearer pk_live_x https://x.test/a",
		headers: []string{"Authorization: Bearer pk_live_x"},
	},
	{
		name: "-b with a file name is noted", in: "curl -b cookies.txt https://x.test/a",
		headers: []string{}, notes: []string{"cookies.txt"},
	},
	{
		name: "--url", in: "curl --url 'https://x.test/a?b=1' -d x", host: "x.test", body: "x", bodyLine: 1, bodyCol: 38,
		query: map[string][]string{"b": {"1"}},
	},
	{
		name: "--url-query", in: "curl https://x.test/a --url-query 'q=a b' --url-query '+raw=%20'",
		query: map[string][]string{"q": {"a b"}, "raw": {" "}},
	},
	{
		name: "-T uploads with PUT", in: "curl -T report.csv https://x.test/upload",
		method: "PUT", bodyFile: "report.csv",
	},
	{
		name: "unknown long option is skipped", in: "curl --frobnicate https://x.test/a", host: "x.test",
	},
	{
		name: "scheme-less URL", in: "curl localhost:3000/v1/track -d a", host: "localhost", path: "/v1/track", body: "a",
	},
	{
		name: "double-quoted body with escapes",
		in:   `curl https://x.test/a -d "{\"email\":\"a@b.c\",\"cost\":\"\$5\"}"`,
		body: `{"email":"a@b.c","cost":"$5"}`, bodyLine: 1, bodyCol: 27,
	},
	{
		name: "$'' escapes", in: `curl https://x.test/a -d $'line1\nline2\t\x41\u00e9\'q\''`,
		body: "line1\nline2\tAé'q'",
	},
	{
		name: "multi-line single-quoted body",
		in: lines(
			"curl https://x.test/v1/track \\",
			"  -H 'Content-Type: application/json' \\",
			"  -d '{",
			`    "event": "signup",`,
			`    "email": "ada@example.com"`,
			"  }'",
		),
		body:     "{\n    \"event\": \"signup\",\n    \"email\": \"ada@example.com\"\n  }",
		bodyLine: 3, bodyCol: 7, end: 6,
	},
	{
		name: "CRLF line ends", in: "curl https://x.test/a \\\r\n  -H 'X-A: 1' \\\r\n  -d 'b=2'\r\n",
		headers: []string{"X-A: 1"}, body: "b=2", bodyLine: 3, bodyCol: 7,
	},
	{
		name:    "space after the continuation backslash",
		in:      "curl https://x.test/a \\ \n  -H 'X-A: 1'",
		headers: []string{"X-A: 1"}, notes: []string{"Line 1 has a space after the continuation backslash"},
	},
	{
		name:    "missing continuation backslash",
		in:      "curl https://x.test/a\n  -H 'X-A: 1'\n  -d 'b=2'",
		headers: []string{"X-A: 1"}, body: "b=2", end: 3,
		notes: []string{"Line 1 does not end with a backslash, so a shell would run line 2 as a separate command."},
	},
	{
		name: "unquoted & in a URL", in: "curl https://x.test/a?x=1&y=2",
		query: map[string][]string{"x": {"1"}, "y": {"2"}}, notes: []string{"The & on line 1 is not quoted"},
	},
	{
		name:    "shell variable kept as written",
		in:      `curl https://x.test/a -H "Authorization: Bearer $PLUNK_KEY"`,
		headers: []string{"Authorization: Bearer $PLUNK_KEY"},
		notes:   []string{"The command uses $PLUNK_KEY, which a shell would expand"},
	},
	{
		name: "URL through a variable", in: `curl "$BASE/v1/track" -d a=1`, host: "", path: "/v1/track", body: "a=1",
	},
	{
		name: "pipe ends the command", in: "curl https://x.test/a | jq .\n{\"a\":1}",
		host: "x.test", rest: `{"a":1}`, restLine: 2,
	},
	{
		name: "redirections skipped", in: "curl https://x.test/a -d x > out.json 2>&1",
		body: "x", host: "x.test",
	},
	{
		name: "comment after the command", in: "curl https://x.test/a # try it\nnext",
		host: "x.test", rest: "next", restLine: 2,
	},
	{
		name: "DevTools glob escapes in the URL", in: `curl 'https://x.test/a?ids\[\]=1'`,
		url: "https://x.test/a?ids[]=1", query: map[string][]string{"ids[]": {"1"}},
	},
	{
		name: "command followed by its response",
		in:   "curl -i https://x.test/a\nHTTP/1.1 404 Not Found\ncontent-type: application/json\n\n{}",
		rest: "HTTP/1.1 404", restLine: 2,
	},
	{
		name: "unclosed quote", in: "curl https://x.test/a -d '{\"a\":1}", body: `{"a":1}`,
		notes: []string{"never closed"},
	},
	{
		name: "curl without a URL is no request", in: "curl --version", noReq: true,
	},
	{
		name: "prose before the command", in: "Here is what I run:\n\ncurl https://x.test/a -d x=1",
		start: 3, body: "x=1", bodyLine: 3, bodyCol: 26,
	},
	{
		name: "windows cmd with plain quotes", in: `curl "https://x.test/a" -H "X-A: 1" -d "{\"a\":1}" ^` + "\n" + `  --compressed`,
		headers: []string{"X-A: 1"}, body: `{"a":1}`,
	},
	{
		name: "windows cmd caret newline is a line feed",
		in:   "curl ^\"https://x.test/a^\" ^\n  --data-raw ^\"a^\n\nb^\"",
		body: "a\nb",
	},
	{
		name: "powershell backtick continuation",
		in:   "curl.exe https://x.test/a `\n  -d x=1",
		body: "x=1", notes: []string{"backtick"},
	},
	{
		name:    "windows cmd expands %VAR% from a set line above",
		in:      "@echo off\nrem send\nset PLUNK_KEY=sk_abc\ncurl https://x.test/a%2Fb -H \"Authorization: Bearer %PLUNK_KEY%\" -d x=1",
		url:     "https://x.test/a%2Fb",
		headers: []string{"Authorization: Bearer sk_abc"}, headerLines: []int{4}, body: "x=1", noNotes: true,
	},
	{
		name:    "windows cmd expands a quoted set, case-blind, across ^ continuations",
		in:      "set \"Plunk_Key=sk_abc\"\ncurl ^\"https://x.test/a^\" ^\n  -H ^\"Authorization: Bearer %PLUNK_KEY%^\"",
		headers: []string{"Authorization: Bearer sk_abc"}, headerLines: []int{3},
	},
	{
		name:    "windows cmd keeps an unset %VAR% and says so",
		in:      "curl https://x.test/a ^\n  -H \"Authorization: Bearer %PLUNK_KEY%\"",
		headers: []string{"Authorization: Bearer %PLUNK_KEY%"}, notes: []string{"%PLUNK_KEY%, which cmd.exe would expand"},
	},
	{
		name: "powershell expands $env:VAR from an assignment above",
		in: "# PowerShell 7\n$env:PLUNK_KEY = \"sk_abc\"\ncurl.exe https://x.test/a `\n" +
			"  -H \"Authorization: Bearer $env:PLUNK_KEY\" `\n  -d x=1",
		headers: []string{"Authorization: Bearer sk_abc"}, headerLines: []int{4}, body: "x=1",
	},
	{
		name:    "powershell expands $var and ${env:VAR}, names ignoring case",
		in:      "$Key = 'sk_abc'\n$env:H='v'\ncurl.exe https://x.test/a -H \"Authorization: Bearer $key\" -H \"X-H: ${ENV:h}\"",
		headers: []string{"Authorization: Bearer sk_abc", "X-H: v"}, headerLines: []int{3, 3},
	},
	{
		name:    "powershell keeps an unset $env:VAR and says so",
		in:      "curl.exe https://x.test/a -H \"Authorization: Bearer $env:PLUNK_KEY\"",
		headers: []string{"Authorization: Bearer $env:PLUNK_KEY"}, notes: []string{"$env:PLUNK_KEY, which a shell would expand"},
	},
}

func TestHTTP(t *testing.T) { runCases(t, httpCases) }

var httpCases = []tc{
	{
		name: "raw HTTP/1.1 with a JSON body and a response after it",
		in: lines(
			"POST /v1/send HTTP/1.1",
			"Host: next-api.useplunk.com",
			"Authorization: Bearer sk_live_1",
			"Content-Type: application/json",
			"",
			"{",
			`  "to": "ada@example.com"`,
			"}",
			"",
			"HTTP/1.1 401 Unauthorized",
		),
		form: "http", method: "POST", url: "https://next-api.useplunk.com/v1/send",
		host: "next-api.useplunk.com", path: "/v1/send", ct: "application/json",
		headers:  []string{"Host: next-api.useplunk.com", "Authorization: Bearer sk_live_1", "Content-Type: application/json"},
		body:     "{\n  \"to\": \"ada@example.com\"\n}",
		bodyLine: 6, bodyCol: 1, start: 1, end: 8, methodLine: 1,
		rest: "HTTP/1.1 401", restLine: 10,
	},
	{
		name: "request followed by a bare JSON response",
		in:   "POST /v1/track HTTP/1.1\nHost: x.test\n\n{\"event\": \"a\",\n \"x\": \"}\"}\n\n{\"success\":false}\n",
		body: "{\"event\": \"a\",\n \"x\": \"}\"}", bodyLine: 4, bodyCol: 1, end: 5,
		rest: `{"success":false}`, restLine: 7,
	},
	{
		name: "CRLF", in: "POST /v1/track HTTP/1.1\r\nHost: x.test\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n",
		headers: []string{"Host: x.test", "Content-Type: application/json"},
		body:    `{"a":1}`, bodyLine: 5, bodyCol: 1, url: "https://x.test/v1/track",
	},
	{
		name: "absolute target", in: "GET https://api.puck.security/v1/investigations?limit=2 HTTP/1.1\n",
		url: "https://api.puck.security/v1/investigations?limit=2", host: "api.puck.security",
		query: map[string][]string{"limit": {"2"}},
	},
	{
		name: "REST client form without protocol", in: "POST https://x.test/v1/track\nContent-Type: application/json\n\n{}",
		method: "POST", body: "{}", bodyLine: 4,
	},
	{
		name: "host with a port", in: "GET /a HTTP/1.1\nHost: LOCALHOST:3000\n",
		url: "https://LOCALHOST:3000/a", host: "localhost",
	},
	{
		name: "no Host header keeps the path", in: "DELETE /v1/investigations/42 HTTP/1.1\n",
		url: "/v1/investigations/42", host: "", path: "/v1/investigations/42",
	},
	{
		name: "lower-case method", in: "post /a HTTP/1.1\nHost: x.test\n", method: "POST",
		notes: []string{`The request line has the method "post"`},
	},
	{
		name: "missing blank line before the body", in: "POST /a HTTP/1.1\nHost: x.test\n{\"a\":1}",
		body: `{"a":1}`, bodyLine: 3, notes: []string{"Line 3 is not a header"},
	},
	{
		name: "folded header", in: "GET /a HTTP/1.1\nHost: x.test\nX-Long: one\n two\n",
		headers: []string{"Host: x.test", "X-Long: one two"},
	},
	{
		name: "indented paste", in: "    POST /a HTTP/1.1\n    Host: x.test\n\n    a=1\n",
		headers: []string{"Host: x.test"}, body: "a=1", bodyLine: 4, bodyCol: 5,
	},
	{
		name: "HTTP/2 pseudo headers as DevTools shows them",
		in: lines(
			":authority: next-api.useplunk.com",
			":method: POST",
			":path: /v1/track?x=1",
			":scheme: https",
			"accept: */*",
			"content-type: application/json",
		),
		form: "http", method: "POST", url: "https://next-api.useplunk.com/v1/track?x=1",
		host: "next-api.useplunk.com", path: "/v1/track", methodLine: 2, urlLine: 3,
		headers: []string{"accept: */*", "content-type: application/json"},
	},
	{
		name: "curl -v after its info lines",
		in: lines(
			"*   Trying 104.18.2.2:443...",
			"* Connected to api.puck.security (104.18.2.2) port 443",
			"* [HTTP/2] [1] [:method: POST]",
			"> POST /v1/investigations HTTP/2",
			"> Host: api.puck.security",
			"> Authorization: Bearer pck_live_1",
			">",
			"< HTTP/2 403",
		),
		form: "http", host: "api.puck.security", start: 4, end: 7, rest: "< HTTP/2 403", restLine: 8,
	},
	{
		name: "curl -v followed by a curl command line",
		in:   "$ curl -v https://x.test/a\n> GET /a HTTP/1.1\n> Host: x.test\n>\n< HTTP/1.1 200 OK",
		form: "curl", rest: "> GET /a", restLine: 2,
	},
	{
		name: "prose is no request", in: "POST requests to /v1/track fail for me", noReq: true,
	},
	{
		name: "response is no request", in: "HTTP/1.1 422 Unprocessable Entity\n\n{}", noReq: true,
	},
}

func TestFetch(t *testing.T) { runCases(t, fetchCases) }

var fetchCases = []tc{
	{
		name: "GET by default", in: `fetch("https://x.test/a")`, form: "fetch", method: "GET", host: "x.test",
	},
	{
		name: "single quotes, unquoted keys, trailing commas, comments",
		in: lines(
			"fetch('https://x.test/a', {",
			"  // the method",
			"  method: 'DELETE', /* no body */",
			"  headers: { 'X-A': '1', },",
			"});",
		),
		method: "DELETE", methodLine: 3, headers: []string{"X-A: 1"}, headerLines: []int{4},
	},
	{
		name:   "patch is not upper-cased by fetch",
		in:     `fetch("https://x.test/a", {method: "patch"})`,
		method: "PATCH", notes: []string{`fetch sends the method "patch" exactly as written`},
	},
	{
		name: "template literal URL with a resolved constant",
		in: lines(
			"const BASE = 'https://api.puck.security';",
			"const id = 'inv_1';",
			"await fetch(`${BASE}/v1/investigations/${id}`);",
		),
		url: "https://api.puck.security/v1/investigations/inv_1", host: "api.puck.security",
		path: "/v1/investigations/inv_1", start: 1, end: 3, urlLine: 3, noNotes: true,
	},
	{
		name: "template literal URL with an unknown origin",
		in:   "fetch(`${process.env.API_URL}/v1/track`, {method: 'POST'})",
		url:  "${process.env.API_URL}/v1/track", host: "", path: "/v1/track",
		notes: []string{"The URL uses ${process.env.API_URL}, which was not pasted"},
	},
	{
		name: "URL from a constant", in: "const url = \"https://x.test/v1/track\"\nfetch(url, {method: 'POST', body: 'a'})",
		url: "https://x.test/v1/track", body: "a", bodyLine: 2, bodyCol: 36,
	},
	{
		name: "string body is text/plain without a header",
		in:   `fetch("https://x.test/a", {method: "POST", body: '{"a":1}'})`,
		ct:   "text/plain;charset=UTF-8", body: `{"a":1}`, bodyLine: 1, bodyCol: 51,
		notes: []string{"fetch sends a string body as text/plain;charset=UTF-8"},
	},
	{
		name: "template literal body",
		in:   "fetch('https://x.test/a', {method:'POST', headers:{'content-type':'application/json'}, body: `{\"email\":\"${email}\"}`})",
		body: `{"email":"${email}"}`, unresolved: []string{""},
		notes: []string{"The body uses ${email}, which was not pasted"},
	},
	{
		name: "JSON.stringify of a constant object",
		in: lines(
			"const payload = {",
			"  event: 'signup',",
			"  email: `ada@example.com`,",
			"};",
			"fetch('https://x.test/v1/track', {",
			"  method: 'POST',",
			"  headers: {'Content-Type': 'application/json'},",
			"  body: JSON.stringify(payload),",
			"});",
		),
		body:     "{\n  \"event\": \"signup\",\n  \"email\": \"ada@example.com\"\n}",
		bodyLine: 1, bodyCol: 17, start: 1, end: 9,
	},
	{
		name: "JSON.stringify of an unknown variable",
		in:   "fetch('https://x.test/a', {method:'POST', body: JSON.stringify(payload)})",
		body: "", notes: []string{"The body is JSON.stringify(payload), and payload was not pasted."},
	},
	{
		name: "JSON.stringify with shorthand, spread, numbers and undefined",
		in: lines(
			"const base = { source: 'web' };",
			"const plan = 'pro';",
			"fetch('https://x.test/a', { method: 'POST', body: JSON.stringify({",
			"  ...base,",
			"  plan,",
			"  count: 1_000,",
			"  hex: 0xff,",
			"  neg: -2,",
			"  gone: undefined,",
			"  list: [1, undefined, , 'x'],",
			"  when: new Date().toISOString(),",
			"  nested: { deep: [ { a: null } ] },",
			"}) })",
		),
		body: `{
   "source": "web",
  "plan":"pro",
  "count": 1000,
  "hex": 255,
  "neg": -2,
  "list": [1,null, null, "x"],
  "when": "new Date().toISOString()",
  "nested": { "deep": [ { "a": null } ] }
}`,
		unresolved: []string{"/when"},
	},
	{
		name: "JSON.stringify with extra arguments",
		in:   "fetch('https://x.test/a', {method:'POST', body: JSON.stringify({a: 1}, null, 2)})",
		body: `{"a": 1}`,
	},
	{
		name: "object body without JSON.stringify",
		in:   "fetch('https://x.test/a', {method:'POST', body: {a: 1}})",
		body: "[object Object]", notes: []string{"sends the text \"[object Object]\""},
	},
	{
		name: "URLSearchParams body", in: "fetch('https://x.test/a', {method:'POST', body: new URLSearchParams({q: 'a b', n: 2})})",
		body: "q=a+b&n=2", ct: "application/x-www-form-urlencoded;charset=UTF-8",
	},
	{
		name: "FormData body", in: "fetch('https://x.test/a', {method:'POST', body: formData})",
		notes: []string{"The body comes from formData"},
	},
	{
		name: "new FormData body", in: "fetch('https://x.test/a', {method:'POST', body: new FormData(form)})",
		ct: "multipart/form-data",
	},
	{
		name:    "Headers object and concatenation",
		in:      "fetch('https://x.test/a', {headers: new Headers({'Authorization': 'Bearer ' + key, 'X-N': 2})})",
		headers: []string{"Authorization: Bearer ${key}", "X-N: 2"},
	},
	{
		name: "headers as pairs", in: "fetch('https://x.test/a', {headers: [['X-A', '1'], ['X-B', '2']]})",
		headers: []string{"X-A: 1", "X-B: 2"},
	},
	{
		name: "headers from an unknown variable", in: "fetch('https://x.test/a', {headers})",
		notes: []string{"The headers come from headers, which was not pasted."},
	},
	{
		name: "header value is an expression", in: "fetch('https://x.test/a', {headers: {'x-api-key': process.env.KEY}})",
		headers: []string{"x-api-key: process.env.KEY"},
		notes:   []string{"The header x-api-key is process.env.KEY, which was not pasted"},
	},
	{
		name:   "options from a constant",
		in:     "const opts = { method: 'PUT', body: 'x' };\nawait fetch('https://x.test/a', opts);",
		method: "PUT", body: "x", bodyLine: 1, bodyCol: 38,
	},
	{
		name: "then chain is part of the call",
		in:   "fetch('https://x.test/a')\n  .then(r => r.json())\n  .then(console.log);\nnext line",
		end:  3, rest: "next line", restLine: 4,
	},
	{
		name: "window.fetch", in: "window.fetch('https://x.test/a')", host: "x.test",
	},
	{
		name: "fetch in a function", in: "async function track() {\n  return fetch('https://x.test/a', {method: 'POST', body: 'x'});\n}",
		method: "POST", body: "x",
	},
	{
		name: "fetch named only in a string is no request", in: "const s = 'fetch(x)';", noReq: true,
	},
	{
		name: "fetch without arguments is no request", in: "fetch()", noReq: true,
	},
	{
		name: "unclosed call", in: "fetch('https://x.test/a', {method: 'POST'", method: "POST",
		notes: []string{"never closed"},
	},
	{
		name: "escapes in a string body",
		in:   `fetch('https://x.test/a', {method:'POST', body: "{\"a\":\"\u00e9\\n\"}"})`,
		body: "{\"a\":\"é\\n\"}",
	},
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"curl https://x.test", true},
		{"\n\n$ curl -X POST https://x.test", true},
		{"POST /v1/track HTTP/1.1\nHost: x", true},
		{"GET https://x.test/a", true},
		{"> POST /v1/send HTTP/2\n> Host: x", true},
		{"* Trying 1.2.3.4:443...\n> GET / HTTP/1.1", true},
		{":method: POST\n:path: /", true},
		{"fetch('https://x.test')", true},
		{"await fetch(url)", true},
		{"const res = await fetch(url, opts)", true},
		{"const body = {a: 1};\nfetch(url, {body})", true},
		{"{\"error\":\"not_found\"}", false},
		{"HTTP/1.1 404 Not Found", false},
		{"the curl command failed", false},
		{"", false},
		{"POST requests fail", false},
		{"const x = 1;", false},
		{"#!/bin/sh\nset -e\n# send\nexport KEY=abc\nURL=https://x.test\n\ncurl -X POST $URL", true},
		{"# a comment\nPOST /v1/send HTTP/1.1", true},
		{"#!/bin/sh\nset -e\nKEY=abc\n", false},
		{"# just notes\nsome prose", false},
	} {
		if got := Detect(c.in); got != c.want {
			t.Errorf("Detect(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestHeaderLookup(t *testing.T) {
	r, ok := Parse("curl https://x.test -H 'content-type: a' -H 'Content-Type: b'")
	if !ok {
		t.Fatal("no request")
	}
	if v, ok := r.Header("CONTENT-TYPE"); !ok || v != "a" {
		t.Errorf("Header = %q, %v; want the first, a", v, ok)
	}
	if _, ok := r.Header("X-Missing"); ok {
		t.Error("Header found a missing header")
	}
	var nilReq *Request
	if _, ok := nilReq.Header("a"); ok {
		t.Error("Header on nil found a header")
	}
}

// TestBodyPosition checks that each byte of a body maps back to where it was written.
func TestBodyPosition(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		// marks maps a substring of the body to the line and column where it starts in the
		// paste.
		marks map[string][2]int
	}{
		{
			name: "multi-line single-quoted curl body",
			in:   "curl https://x.test \\\n  -d '{\n  \"event\": \"a\",\n  \"email\": \"b\"\n}'",
			marks: map[string][2]int{
				`{`: {2, 7}, `"event"`: {3, 3}, `"email"`: {4, 3}, `"b"`: {4, 12},
			},
		},
		{
			name: "double quotes with escapes",
			in:   "curl https://x.test -d \"{\\\"event\\\":\\\"a\\\",\n\\\"email\\\":1}\"",
			marks: map[string][2]int{
				`"email"`: {2, 2}, `1}`: {2, 11},
			},
		},
		{
			name: "line continuation inside double quotes",
			in:   "curl https://x.test -d \"a=1&\\\nb=2\"",
			marks: map[string][2]int{
				`a=1`: {1, 25}, `b=2`: {2, 1},
			},
		},
		{
			name: "repeated -d on several lines",
			in:   "curl https://x.test \\\n  -d a=1 \\\n  -d b=2",
			marks: map[string][2]int{
				`a=1`: {2, 6}, `b=2`: {3, 6},
			},
		},
		{
			name: "$'' body with \\n escapes",
			in:   "curl https://x.test --data-raw $'{\\n  \"a\": 1,\\n  \"b\": 2\\n}'",
			marks: map[string][2]int{
				`"a"`: {1, 39}, `"b"`: {1, 50},
			},
		},
		{
			name: "raw HTTP body",
			in:   "POST /a HTTP/1.1\nHost: x\n\n{\n  \"é\": 1,\n  \"b\": 2\n}",
			marks: map[string][2]int{
				`"b"`: {6, 3}, `1,`: {5, 8},
			},
		},
		{
			name: "JSON.stringify of a multi-line literal",
			in:   "fetch('https://x', {method: 'POST', body: JSON.stringify({\n  event: 'a', // c\n  email: 'b',\n  data: {\n    plan: `pro`,\n  },\n})})",
			marks: map[string][2]int{
				`{`: {1, 58}, `"event"`: {2, 3}, `"a"`: {2, 10}, `"email"`: {3, 3}, `"b"`: {3, 10},
				`"plan"`: {5, 5}, `"pro"`: {5, 11},
			},
		},
		{
			name: "fetch string body with escaped quotes",
			in:   `fetch("https://x", {"body": "{\"query\":\"q\",\"depth\":\"deep\"}", "method": "POST"});`,
			marks: map[string][2]int{
				`"depth"`: {1, 48}, `"q"`: {1, 42},
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, ok := Parse(c.in)
			if !ok {
				t.Fatal("no request")
			}
			for sub, want := range c.marks {
				off := strings.Index(r.Body, sub)
				if off < 0 {
					t.Errorf("body %q lacks %q", r.Body, sub)
					continue
				}
				l, col := BodyPosition(r, off)
				if l != want[0] || col != want[1] {
					t.Errorf("BodyPosition(%q at %d) = %d:%d, want %d:%d", sub, off, l, col, want[0], want[1])
				}
			}
		})
	}
	t.Run("out of range offsets are clamped", func(t *testing.T) {
		r, _ := Parse("curl https://x.test -d abc")
		if l, c := BodyPosition(r, -5); l != 1 || c != 24 {
			t.Errorf("BodyPosition(-5) = %d:%d", l, c)
		}
		if l, c := BodyPosition(r, 99); l != 1 || c != 27 {
			t.Errorf("BodyPosition(99) = %d:%d", l, c)
		}
		if l, c := BodyPosition(nil, 0); l != 0 || c != 0 {
			t.Errorf("BodyPosition(nil) = %d:%d", l, c)
		}
	})
}

// TestLimits checks that hostile pastes are read in bounded time and without panics.
func TestLimits(t *testing.T) {
	big := func(s string, n int) string { return strings.Repeat(s, n) }
	for _, c := range []struct {
		name string
		in   string
	}{
		{"many headers", "curl https://x.test " + big("-H 'a: b' ", 5000)},
		{"many query parameters", "curl 'https://x.test/?" + big("a=1&", 5000) + "'"},
		{"deep nesting in JSON.stringify", "fetch('https://x', {body: JSON.stringify(" + big("[", 100000) + ")})"},
		{"deep nesting in the options", "fetch('https://x', " + big("{a:", 100000) + ")"},
		{"deep nesting of templates", "fetch(" + big("`${", 10000) + ")"},
		{"binary junk", "curl \x00\xff\xfe '\x01" + big("\x80", 1000)},
		{"invalid UTF-8 in a body", "curl https://x.test -d '\xff\xfe{\"a\":1}'"},
		{"many notes", "curl https://x.test " + big("$A$B ", 1000)},
		{"unterminated everything", "fetch(`${'\"/*"},
		{"many escapes", "curl https://x.test -d \"" + big(`\"`, 100000) + "\""},
		{"many unresolved values", "fetch('x', {body: JSON.stringify({" + big("a: b.c, ", 5000) + "})})"},
		{"self-referential constants", "const a = [a, a, a, a];\nfetch('x', {body: JSON.stringify(a)})"},
		{"mutually recursive constants", "const a = {b: b, c: b};\nconst b = {a: a, c: a};\nfetch('x', {body: JSON.stringify(a), headers: a})"},
		{"many here-document lines", "curl https://x -d @- <<EOF\n" + big("line\n", 10000)},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, ok := Parse(c.in)
			if ok {
				checkInvariants(t, c.in, r)
				if len(r.Headers) > maxHeaders || len(r.Notes) > maxNotes {
					t.Errorf("caps not applied: %d headers, %d notes", len(r.Headers), len(r.Notes))
				}
			}
		})
	}
}

// checkInvariants checks what must hold for any parsed request.
func checkInvariants(t *testing.T, text string, r *Request) {
	t.Helper()
	n := strings.Count(text, "\n") + 1
	if r.StartLine < 1 || r.StartLine > r.EndLine || r.EndLine > n {
		t.Errorf("lines %d..%d outside 1..%d", r.StartLine, r.EndLine, n)
	}
	if (r.Body == "") != (r.BodyLine == 0) {
		t.Errorf("Body %q with BodyLine %d", printf.Clip(r.Body, 40), r.BodyLine)
	}
	if r.Body != "" && (r.BodyLine < 1 || r.BodyLine > n || r.BodyCol < 1) {
		t.Errorf("BodyLine %d, BodyCol %d outside the text of %d lines", r.BodyLine, r.BodyCol, n)
	}
	for _, off := range []int{0, len(r.Body) / 2, len(r.Body)} {
		if l, _ := BodyPosition(r, off); r.Body != "" && (l < 1 || l > n) {
			t.Errorf("BodyPosition(%d) line %d outside 1..%d", off, l, n)
		}
	}
	for _, h := range r.Headers {
		if h.Line < 1 || h.Line > n {
			t.Errorf("header %q on line %d outside 1..%d", h.Name, h.Line, n)
		}
	}
	if r.Form != "curl" && r.Form != "http" && r.Form != "fetch" && r.Form != "httpie" {
		t.Errorf("Form = %q", r.Form)
	}
	if r.Method == "" || r.Method != strings.ToUpper(r.Method) {
		t.Errorf("Method = %q", r.Method)
	}
	for _, u := range r.Unresolved {
		if u.Offset < 0 || u.Offset > len(r.Body) {
			t.Errorf("unresolved %q at offset %d outside the body", u.Expr, u.Offset)
		}
	}
}

func ExampleParsePrefix() {
	paste := `$ curl https://next-api.useplunk.com/v1/track \
    -H 'Authorization: Bearer pk_live_123' \
    -d '{"event":"signup","email":"ada@example.com"}'
HTTP/2 422
content-type: application/json

{"success":false}`
	r, rest, restLine, _ := ParsePrefix(paste)
	fmt.Println(r.Form, r.Method, r.Host, r.Path)
	fmt.Println(r.ContentType)
	fmt.Println(r.BodyLine, r.BodyCol)
	fmt.Println(restLine, strings.SplitN(rest, "\n", 2)[0])
	// Output:
	// curl POST next-api.useplunk.com /v1/track
	// application/x-www-form-urlencoded
	// 3 9
	// 4 HTTP/2 422
}
