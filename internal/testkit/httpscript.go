package testkit

import (
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// RunScripts runs every HTTP script the glob matches (say testdata/http/*.txt) against h, one
// subtest a file and one a request. vars, which may be nil, fill ${name} in the scripts, for
// what only the test knows (a fingerprinted asset's URL).
//
// A script is a list of cases. A case starts with a request line, a method and a path;
// request headers may follow, one "Name: value" a line (Host: sets the request's host); then
// the checks of the answer, one a line:
//
//	code == 301
//	header Location == /docs/
//	header Content-Type contains text/html
//	header Content-Encoding ==          (no such header, or empty)
//	body contains <h1>Home</h1>
//	body !contains SECRET
//	body == plain
//
// A value is the rest of the line, trimmed; one in double quotes is a Go string literal, for
// spaces at its ends. Blank lines and lines starting with # are for the reader.
func RunScripts(t *testing.T, h http.Handler, glob string, vars map[string]string) {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no scripts match %s", glob)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			cases, err := parseScript(file, expand(string(data), vars))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cases {
				t.Run(c.name(), func(t *testing.T) { c.run(t, h) })
			}
		})
	}
}

// expand fills ${name} from vars.
func expand(s string, vars map[string]string) string {
	for k, v := range vars {
		s = strings.ReplaceAll(s, "${"+k+"}", v)
	}
	return s
}

// A scriptCase is one request of a script and the checks of its answer.
type scriptCase struct {
	pos          string // file:line of the request
	method, path string
	header       http.Header
	host         string
	checks       []check
}

type check struct {
	pos        string
	what, name string // "code", "body" or "header" with its name
	op, value  string
}

func (c *scriptCase) name() string {
	n := c.method + " " + c.path
	if c.host != "" {
		n += " " + c.host
	}
	for _, k := range slices.Sorted(maps.Keys(c.header)) {
		n += " " + k + "=" + strings.Join(c.header[k], ",")
	}
	return n
}

// isMethod reports whether s is an HTTP method's name: upper-case letters.
func isMethod(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func parseScript(file, text string) ([]*scriptCase, error) {
	var cases []*scriptCase
	var cur *scriptCase
	for i, line := range strings.Split(text, "\n") {
		pos := fmt.Sprintf("%s:%d", file, i+1)
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		switch {
		case isMethod(f[0]) && len(f) == 2:
			cur = &scriptCase{pos: pos, method: f[0], path: f[1], header: http.Header{}}
			cases = append(cases, cur)
		case cur == nil:
			return nil, fmt.Errorf("%s: a script starts with a request, METHOD /path; have %q", pos, line)
		case f[0] == "code" || f[0] == "body" || f[0] == "header":
			c := check{pos: pos, what: f[0]}
			rest := strings.TrimSpace(strings.TrimPrefix(line, f[0]))
			if c.what == "header" {
				if len(f) < 3 {
					return nil, fmt.Errorf("%s: want header NAME OP VALUE; have %q", pos, line)
				}
				c.name = f[1]
				rest = strings.TrimSpace(strings.TrimPrefix(rest, f[1]))
			}
			op, value, _ := strings.Cut(rest, " ")
			c.op, c.value = op, strings.TrimSpace(value)
			switch {
			case c.what == "code" && c.op != "==",
				c.op != "==" && c.op != "contains" && c.op != "!contains":
				return nil, fmt.Errorf("%s: unknown check %q", pos, line)
			}
			if strings.HasPrefix(c.value, `"`) {
				v, err := strconv.Unquote(c.value)
				if err != nil {
					return nil, fmt.Errorf("%s: %v in %s", pos, err, c.value)
				}
				c.value = v
			}
			cur.checks = append(cur.checks, c)
		case strings.HasSuffix(f[0], ":") && len(cur.checks) == 0:
			name, value, _ := strings.Cut(line, ":")
			value = strings.TrimSpace(value)
			if http.CanonicalHeaderKey(name) == "Host" {
				cur.host = value
			} else {
				cur.header.Add(name, value)
			}
		default:
			return nil, fmt.Errorf("%s: unknown line %q (a request, a request header before the checks, or a check)", pos, line)
		}
	}
	for _, c := range cases {
		if len(c.checks) == 0 {
			return nil, fmt.Errorf("%s: %s %s checks nothing", c.pos, c.method, c.path)
		}
	}
	return cases, nil
}

func (c *scriptCase) run(t *testing.T, h http.Handler) {
	r := httptest.NewRequest(c.method, c.path, nil)
	if c.host != "" {
		r.Host = c.host
	}
	for k, v := range c.header {
		r.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	body := rec.Body.String()
	for _, k := range c.checks {
		var got string
		switch k.what {
		case "code":
			got = strconv.Itoa(rec.Code)
		case "body":
			got = body
		case "header":
			got = rec.Header().Get(k.name)
		}
		what := k.what
		if k.name != "" {
			what += " " + k.name
		}
		switch k.op {
		case "==":
			if got != k.value {
				t.Errorf("%s: %s is %q, want %q%s", k.pos, what, clip(got), k.value, bodyNote(k, body))
			}
		case "contains":
			if !strings.Contains(got, k.value) {
				t.Errorf("%s: %s %q lacks %q", k.pos, what, clip(got), k.value)
			}
		case "!contains":
			if strings.Contains(got, k.value) {
				t.Errorf("%s: %s %q has %q", k.pos, what, clip(got), k.value)
			}
		}
	}
}

// bodyNote shows the body beside a wrong status, which it often explains.
func bodyNote(k check, body string) string {
	if k.what != "code" {
		return ""
	}
	return fmt.Sprintf(" (body %q)", clip(body))
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
