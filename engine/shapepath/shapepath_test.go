package shapepath

import (
	"strings"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/internal/jsonx"
)

const aip = `{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "message": "Quota exceeded.",
  "details": [
    {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED", "domain": "gizmo.test"},
    {"@type": "type.googleapis.com/google.rpc.Help", "links": [{"url": "https://gizmo.test/quota"}]},
    {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [{"field": "a"}, {"field": "b"}]},
    {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [{"field": "c"}]}
  ]}}`

func doc(t *testing.T, body string, headers map[string]string) Doc {
	t.Helper()
	root, _, _, err := jsonx.Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	d := Doc{Root: root}
	if headers != nil {
		d.Header = func(name string) (string, bool) {
			for k, v := range headers {
				if strings.EqualFold(k, name) {
					return v, true
				}
			}
			return "", false
		}
	}
	return d
}

func TestPaths(t *testing.T) {
	d := doc(t, aip, map[string]string{"Request-Id": "req_1", "WWW-Authenticate": `Bearer realm="x", error="invalid_token"`})
	for _, tc := range []struct{ name, path, want string }{
		{"plain", "error.status", "RESOURCE_EXHAUSTED"},
		{"number", "error.code", "429"},
		{"fallback", "error.type | error.status", "RESOURCE_EXHAUSTED"},
		{"first wins", "error.message|error.status", "Quota exceeded."},
		{"selector", "error.details[@type=type.googleapis.com/google.rpc.ErrorInfo].reason", "RATE_LIMIT_EXCEEDED"},
		{"selector then index", "error.details[@type=type.googleapis.com/google.rpc.Help].links.0.url", "https://gizmo.test/quota"},
		{"selector misses", "error.details[@type=nope].reason", ""},
		{"selector on an object", "error[@type=x].reason", ""},
		{"presence selector", "error.details[domain].domain", "gizmo.test"},
		{"header", "header:request-id", "req_1"},
		{"header param", "header:WWW-Authenticate.error", "invalid_token"},
		{"missing header param", "header:WWW-Authenticate.scope", ""},
		{"missing header", "header:X-Nope | error.status", "RESOURCE_EXHAUSTED"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := d.Text(tc.path); got != tc.want {
				t.Errorf("Text(%q) = %q, want %q", tc.path, got, tc.want)
			}
		})
	}
	all := d.All("error.details[@type=type.googleapis.com/google.rpc.BadRequest].fieldViolations")
	if len(all) != 2 || len(all[0].Vals) != 2 || len(all[1].Vals) != 1 {
		t.Errorf("All over two BadRequest details = %d values", len(all))
	}
	if got := len(d.All("error.details[@type]")); got != 4 {
		t.Errorf("All(details[@type]) = %d, want 4", got)
	}
	if d.InBody("header:Request-Id") || !d.InBody("error.code") {
		t.Error("InBody mixes up the header and the body")
	}
	if (Doc{}).First("header:X") != nil || (Doc{}).Text("a.b") != "" {
		t.Error("an empty Doc has values")
	}
}

func TestPrimaryAndTops(t *testing.T) {
	for path, want := range map[string]string{"error.code | error.type": "error.code", "header:X": "", "a[b=c].d": "", "": ""} {
		if got := Primary(path); got != want {
			t.Errorf("Primary(%q) = %q, want %q", path, got, want)
		}
	}
	var tops []string
	Tops("error.code | header:X | errors[source].a | data", func(k string) { tops = append(tops, k) })
	if strings.Join(tops, ",") != "error,errors,data" {
		t.Errorf("Tops = %v", tops)
	}
}

func TestParam(t *testing.T) {
	for _, tc := range []struct {
		name, value, param, want string
		ok                       bool
	}{
		{"quoted", `Bearer realm="example", error="invalid_token", error_description="The access token expired"`, "error_description", "The access token expired", true},
		{"token", `Bearer error=insufficient_scope, scope="read write"`, "error", "insufficient_scope", true},
		{"case", `Bearer ERROR="x"`, "error", "x", true},
		{"escape", `Bearer error_description="say \"hi\""`, "error_description", `say "hi"`, true},
		{"semicolon", `text/html; charset=utf-8`, "charset", "utf-8", true},
		{"absent", `Bearer realm="x"`, "error", "", false},
		{"token68", `Basic dXNlcjpwYXNz==`, "error", "", false},
		{"unclosed", `Bearer error="oops`, "error", "oops", true},
		{"spaces around =", `Bearer error = "x"`, "error", "x", true},
		{"two challenges", `Basic realm="a", Bearer error="invalid_token"`, "error", "invalid_token", true},
		{"empty", ``, "error", "", false},
		{"junk", `=,;==  "`, "error", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Param(tc.value, tc.param)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Param(%q, %q) = %q, %v; want %q, %v", tc.value, tc.param, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func FuzzParam(f *testing.F) {
	f.Add(`Bearer realm="example", error="invalid_token"`, "error")
	f.Add(`a=b; c="d\"e"`, "c")
	f.Fuzz(func(t *testing.T, value, name string) {
		v, ok := Param(value, name)
		if !ok && v != "" {
			t.Errorf("Param(%q, %q) = %q but not ok", value, name, v)
		}
		if ok && len(v) > len(value) {
			t.Errorf("Param(%q, %q) = %q, longer than the value", value, name, v)
		}
	})
}

func TestFits(t *testing.T) {
	stripe := &catalog.Shape{Name: "s", Strength: "medium", Match: map[string]string{"error.type": "string", "error.message | error.code": "string"}}
	oauth := &catalog.Shape{Name: "o", Strength: "low", Match: map[string]string{"error | header:WWW-Authenticate.error": "string"}}
	only := &catalog.Shape{Name: "p", Strength: "high", Only: true, Match: map[string]string{"error": "string"}, Fields: "issues"}
	absent := &catalog.Shape{Name: "j", Match: map[string]string{"errors.0": "object", "errors.0.message": "absent", "data | errors.0.title": "present"}}
	for _, tc := range []struct {
		name    string
		shape   *catalog.Shape
		body    string
		headers map[string]string
		score   int
		ok      bool
	}{
		{"stripe", stripe, `{"error":{"type":"card_error","code":"card_declined"}}`, nil, 2, true},
		{"stripe without message or code", stripe, `{"error":{"type":"card_error"}}`, nil, 0, false},
		{"oauth body", oauth, `{"error":"invalid_grant"}`, nil, 1, true},
		{"oauth header, no body", oauth, ``, map[string]string{"WWW-Authenticate": `Bearer error="invalid_token"`}, 1, true},
		{"oauth neither", oauth, ``, map[string]string{"WWW-Authenticate": `Bearer realm="x"`}, 0, false},
		{"only with issues", only, `{"error":"x","issues":[]}`, nil, 6, true},
		{"only with more", only, `{"error":"x","more":1}`, nil, 0, false},
		{"absent holds", absent, `{"errors":[{"title":"t"}]}`, nil, 0, true},
		{"absent fails", absent, `{"errors":[{"title":"t","message":"m"}]}`, nil, 0, false},
		{"present fails", absent, `{"errors":[{"code":"c"}]}`, nil, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Doc{}
			if tc.body != "" {
				d = doc(t, tc.body, tc.headers)
			} else if tc.headers != nil {
				d = doc(t, "{}", tc.headers)
				d.Root = nil
			}
			score, ok := Fits(d, tc.shape)
			if score != tc.score || ok != tc.ok {
				t.Errorf("Fits = %d, %v; want %d, %v", score, ok, tc.score, tc.ok)
			}
		})
	}
}
