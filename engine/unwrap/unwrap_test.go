package unwrap

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/internal/jsonx"
	"golang.org/x/tools/txtar"
)

func TestStatus(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       int
	}{
		{"axios", "AxiosError: Request failed with status code 422\n    at settle", 422},
		{"httpx", "httpx.HTTPStatusError: Client error '429 Too Many Requests' for url 'https://x'", 429},
		{"urllib", "urllib.error.HTTPError: HTTP Error 404: Not Found", 404},
		{"faraday", "the server responded with status 401 for POST https://x", 401},
		{".NET", "System.Net.Http.HttpRequestException: Response status code does not indicate success: 503 (Service Unavailable).", 503},
		{"Windows PowerShell", "The remote server returned an error: (401) Unauthorized.", 401},
		{"guzzle", "resulted in a `422 Unprocessable Entity` response:", 422},
		{"requests repr", "<Response [500]>", 500},
		{"okhttp toString", "Response{protocol=h2, code=429, message=, url=https://x}", 429},
		{"net/http inspect", "#<Net::HTTPUnprocessableEntity 422 Unprocessable Entity readbody=true>", 422},
		{"earliest wins", "status=500 then Request failed with status code 404", 500},
		{"four digits are no status", "status code 4221", 0},
		{"not a status", "status code 999", 0},
		{"none", "all good", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := Status(tc.text); got != tc.want {
				t.Errorf("Status = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestStatusNumber(t *testing.T) {
	for in, want := range map[string]int{"422": 422, "UnprocessableEntity": 422, "TooManyRequests": 429, "NotFound": 404,
		"InternalServerError": 500, "RequestEntityTooLarge": 413, "OK": 200, "Teapot": 0, "42": 0, "": 0} {
		if got := statusNumber(in); got != want {
			t.Errorf("statusNumber(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestLiteral(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"python", `{'a': True, 'b': None, 'c': 'it\'s', "d": [1, 2.5]}`, `{"a":true,"b":null,"c":"it's","d":[1,2.5]}`},
		{"python bytes and tuple", `{'a': b'x', 'b': (1, 2)}`, `{"a":"x","b":[1,2]}`},
		{"node", "{ code: 'ERR', n: [ [Object], [Array] ], f: [Function: f], h: Object [AxiosHeaders] { Accept: '*/*' }, u: undefined }", `{"code":"ERR","n":[null,null],"f":null,"h":{"Accept":"*/*"},"u":null}`},
		{"node string split over lines", "{ m: 'Request failed ' +\n    'with 422' }", `{"m":"Request failed with 422"}`},
		{"node ref and symbol keys", "{ r: <ref *1> ClientRequest { [Symbol(kCapture)]: false }, more: 1 }", `{"r":{"[Symbol(kCapture)]":false},"more":1}`},
		{"ruby hash rockets", `{:status=>401, "body"=>"{\"a\":1}", :m=>:post, :u=>#<URI::HTTPS https://x>}`, `{"status":401,"body":"{\"a\":1}","m":"post","u":null}`},
		{"ruby 3.4", `{status: 401, body: nil}`, `{"status":401,"body":null}`},
		{"trailing comma", `{'a': 1,}`, `{"a":1}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, cut := Literal(tc.in)
			if n == nil || cut {
				t.Fatalf("Literal(%q) = %v, cut %v", tc.in, n, cut)
			}
			if got := compact(n); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	for _, bad := range []string{"", "x", "{'a': 1} ", "{ a: 1 ; }"} {
		if n, _ := Literal(bad); n != nil && bad != "{'a': 1} " {
			t.Errorf("Literal(%q) read %s", bad, compact(n))
		}
	}
}

// compact writes a tree as compact JSON, for comparing.
func compact(n *jsonx.Node) string {
	switch n.Kind {
	case jsonx.Object, jsonx.Array:
		open, close := "[", "]"
		if n.Kind == jsonx.Object {
			open, close = "{", "}"
		}
		parts := make([]string, len(n.Vals))
		for i, v := range n.Vals {
			parts[i] = compact(v)
			if n.Kind == jsonx.Object {
				parts[i] = jsonx.Quote(v.Key, jsonx.JS) + ":" + parts[i]
			}
		}
		return open + strings.Join(parts, ",") + close
	case jsonx.String:
		return jsonx.Quote(n.Str, jsonx.JS)
	case jsonx.Null:
		return "null"
	}
	return n.Str
}

func TestCleanBody(t *testing.T) {
	for _, tc := range []struct {
		name, in, want  string
		decoded, edited bool
		skip, notes     int
	}{
		{"plain", `{"a":1}`, `{"a":1}`, false, false, 0, 0},
		{"bom", "\ufeff{\"a\":1}", `{"a":1}`, false, false, 3, 1},
		{"html-escaped", `{&quot;a&quot;:&quot;x &amp; y&quot;}`, `{"a":"x & y"}`, true, false, 0, 1},
		{"double-encoded", `"{\"a\":1}"`, `{"a":1}`, true, false, 0, 1},
		{"a JSON string that is no JSON", `"{not json"`, `"{not json"`, false, false, 0, 0},
		{"trailing commas", `{"a":[1,2,],"b":"x,}",}`, `{"a":[1,2 ],"b":"x,}" }`, false, true, 0, 1},
		{"guzzle", `{"a":"bc (truncated...)`, `{"a":"bc`, false, false, 0, 1},
		{"text", "Bad Gateway", "Bad Gateway", false, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := CleanBody(tc.in)
			if c.Text != tc.want || c.Decoded != tc.decoded || c.Edited != tc.edited || c.Skip != tc.skip || len(c.Notes) != tc.notes {
				t.Errorf("CleanBody(%q) = %+v", tc.in, c)
			}
		})
	}
}

func TestStrip(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"logcat threadtime", "11-30 10:30:00.101  4321  4398 I okhttp.OkHttpClient: <-- 401 https://x (1ms)\n11-30 10:30:00.101  4321  4398 I okhttp.OkHttpClient: {\"a\":1}\n", "<-- 401 https://x (1ms)\n{\"a\":1}\n"},
		{"logcat brief", "I/okhttp( 1234): a\nI/okhttp( 1234): b", "a\nb"},
		{"syslog", "Nov 30 10:30:00 web-3 mailer[2211]: {\nNov  3 10:30:00 web-3 mailer[2211]: }\n", "{\n}\n"},
		{"timestamp and level", "2025-11-30T10:30:00.412Z ERROR a\n[2025-11-30 10:30:00,123] [error] b\n2025-11-30 10:30:00 c\n", "a\nb\nc\n"},
		{"one line is not a log", "2025-11-30T10:30:00Z ERROR a\nplain\nplain\n", "2025-11-30T10:30:00Z ERROR a\nplain\nplain\n"},
		{"blank lines stay", "2025-11-30T10:30:00Z a\n\n2025-11-30T10:30:00Z b", "a\n\nb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := Strip(tc.in)
			if got != tc.want {
				t.Errorf("Strip = %q, want %q", got, tc.want)
			}
			if strings.Count(got, "\n") != strings.Count(tc.in, "\n") {
				t.Error("Strip changed the number of lines")
			}
		})
	}
}

// seedPastes adds every golden paste of the engine to a fuzz corpus.
func seedPastes(f *testing.F) {
	files, _ := filepath.Glob("../testdata/explain/*.txtar")
	if len(files) == 0 {
		f.Fatal("no golden pastes")
	}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range ar.Files {
			if af.Name == "paste" {
				f.Add(string(af.Data))
			}
		}
	}
}

// FuzzFind checks that Strip and Find never panic, that Strip keeps the lines, and that what
// Find returns points into the text: a body that is not Decoded is the text at BodyOff.
func FuzzFind(f *testing.F) {
	seedPastes(f)
	f.Fuzz(func(t *testing.T, text string) {
		s, _ := Strip(text)
		if strings.Count(s, "\n") != strings.Count(text, "\n") {
			t.Fatal("Strip changed the number of lines")
		}
		Status(s)
		x := Find(s)
		if x == nil {
			x = FindDump(s)
		}
		if x == nil {
			return
		}
		for _, off := range []int{x.StatusOff, x.BodyOff} {
			if off < -1 || off > len(s) {
				t.Fatalf("offset %d outside the text of %d bytes", off, len(s))
			}
		}
		for _, h := range x.Headers {
			if h.Off < -1 || h.Off > len(s) {
				t.Fatalf("header offset %d outside the text", h.Off)
			}
		}
		if !x.Decoded && x.Body != "" && (x.BodyOff < 0 || x.BodyOff+len(x.Body) > len(s) || s[x.BodyOff:x.BodyOff+len(x.Body)] != x.Body) {
			t.Fatalf("body %q is not the text at %d", x.Body, x.BodyOff)
		}
	})
}

// FuzzCleanBody checks that CleanBody never panics and that a body it neither decoded nor
// edited is the input's own text after Skip.
func FuzzCleanBody(f *testing.F) {
	seedPastes(f)
	for _, s := range []string{"\ufeff{}", `{&quot;a&quot;:1}`, `"{\"a\":1,}"`, `[1,2,]`, `{"a":"b (truncated...)`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		c := CleanBody(body)
		if c.Skip < 0 || c.Skip > len(body) {
			t.Fatalf("Skip %d outside the body", c.Skip)
		}
		if !c.Decoded && !c.Edited && !strings.HasPrefix(body[c.Skip:], c.Text) {
			t.Fatalf("text %q is not the body after %d", c.Text, c.Skip)
		}
		if c.Edited && len(c.Text) != len(body)-c.Skip {
			t.Fatal("an edit changed the body's length")
		}
	})
}

// FuzzLiteral checks that Literal never panics and that literalJSON never reads past its input.
func FuzzLiteral(f *testing.F) {
	seedPastes(f)
	f.Fuzz(func(t *testing.T, s string) {
		if i := strings.IndexByte(s, '{'); i >= 0 {
			s = s[i:]
		}
		if _, n, ok := literalJSON(s); ok && (n < 0 || n > len(s)) {
			t.Fatalf("read %d of %d bytes", n, len(s))
		}
		Literal(s)
	})
}

// TestPatternStatus holds patternStatus to what its three patterns find run over the whole text,
// as Status ran them before: on these lines, on each of them after and before 100 KB of log text,
// and on the engine's golden pastes.
func TestPatternStatus(t *testing.T) {
	whole := func(text string) (int, int) {
		for _, re := range [...]func() *regexp.Regexp{statusReasonRE, statusKVRE, statusFailRE} {
			if m := re().FindStringSubmatchIndex(text); m != nil {
				return statusNumber(text[m[2]:m[3]]), m[2]
			}
		}
		return 0, -1
	}
	texts := []string{
		"", "422", "HTTP 422 Unprocessable Entity", "Error: 404 Not Found for url", "status=429", `"statusCode": 503,`,
		"Request failed with status code 422", "requests.exceptions.HTTPError: 500 Server Error: x", "HTTPError: 401 Unauthorized",
		"STATUS: 400", "status 4221", "status: '409'", "took 250 ms, then 404\nNot Found", "1422 Bad Request", "x 200 OK 503 Service Unavailable",
		"status_code: 599", "http_status=302 Found", "failed with status 418", "Status:\t\t  502 Bad Gateway",
	}
	noise := strings.Repeat("2025-11-30T10:30:00Z worker 3 took 125 ms for job 31337\n", 2000)
	for _, tx := range texts {
		for _, s := range []string{tx, noise + tx, tx + "\n" + noise} {
			gn, go1 := patternStatus(s)
			wn, wo := whole(s)
			if gn != wn || go1 != wo {
				t.Errorf("%.60q…: got %d at %d, the whole-text patterns %d at %d", tx, gn, go1, wn, wo)
			}
		}
	}
	files, _ := filepath.Glob("../testdata/explain/*.txtar")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		gn, go1 := patternStatus(string(data))
		if wn, wo := whole(string(data)); gn != wn || go1 != wo {
			t.Errorf("%s: got %d at %d, the whole-text patterns %d at %d", f, gn, go1, wn, wo)
		}
	}
}

// TestStatusAtTheEnd: a client's phrase that ends the text (Ruby's "#<Net::HTTP" with nothing
// after it) is no status and no panic (found by FuzzExplain).
func TestStatusAtTheEnd(t *testing.T) {
	for _, s := range []string{"=> #<Net::HTTP", " body, headek.securs)\n=> #<Net::HTTP", "status=", `"status":`} {
		if n, off := Status(s); n != 0 || off != -1 {
			t.Errorf("%q: %d at %d", s, n, off)
		}
	}
}
