package reqcheck

import (
	"math"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/reqcheck/schema"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// ExampleCurl writes an operation's example request as a curl command: the API's first host,
// the path with sample path parameters, the key (written as given: pass a placeholder such as
// "$PLUNK_SECRET_KEY" for docs, or a sample key to check the example), and the body. The site
// shows it on an endpoint's reference page and checks it with CheckRequest at build time, so
// every example request is known to pass.
func ExampleCurl(api *catalog.API, op *catalog.Operation, ex *catalog.RequestExample, key string) string {
	host := "api.example.com"
	for _, h := range api.Hosts {
		if !strings.HasPrefix(h, "*.") {
			host = h
			break
		}
	}
	var b strings.Builder
	b.WriteString("curl")
	if op.Method != "GET" && !(op.Method == "POST" && ex != nil) {
		b.WriteString(" -X " + op.Method)
	}
	b.WriteString(" " + shellQuote("https://"+host+samplePath(api, op)))
	scheme := "Bearer"
	if api.Predict != nil && api.Predict.Auth.Scheme != "" {
		scheme = api.Predict.Auth.Scheme
	}
	if op.Scope != "none" && key != "" {
		h := "Authorization: " + scheme + " " + key
		if strings.HasPrefix(key, "$") {
			// A shell variable: in double quotes, so the shell expands it. In single quotes
			// the API would get the variable's name and answer 401.
			b.WriteString(" \\\n  -H " + shellQuoteExpanding(h))
		} else {
			b.WriteString(" \\\n  -H " + shellQuote(h))
		}
	}
	if ex == nil {
		return b.String()
	}
	mt := mediaType(ex.MediaType)
	if mt == "multipart/form-data" {
		root, _, _, _ := jsonx.Parse(ex.Body)
		if root == nil || root.Kind != jsonx.Object {
			return b.String()
		}
		for _, f := range root.Vals {
			if f.Kind == jsonx.String && strings.Contains(f.Str, "\n") {
				// A file's content: upload it from a file of that name.
				b.WriteString(" \\\n  -F " + shellQuote(f.Key+"=@"+f.Key+".csv"))
			} else if f.Kind == jsonx.String {
				b.WriteString(" \\\n  -F " + shellQuote(f.Key+"="+f.Str))
			} else {
				b.WriteString(" \\\n  -F " + shellQuote(f.Key+"="+writeJSONNode(f)))
			}
		}
		return b.String()
	}
	b.WriteString(" \\\n  -H " + shellQuote("Content-Type: application/json"))
	b.WriteString(" \\\n  -d " + shellQuote(ex.Body))
	return b.String()
}

// shellQuote quotes s for a POSIX shell in single quotes.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// shellQuoteExpanding quotes s for a POSIX shell in double quotes, so that its $VARIABLES
// are expanded and nothing else is.
func shellQuoteExpanding(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' || c == '`' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

// samplePath fills an operation's path parameters with values their schemas accept.
func samplePath(api *catalog.API, op *catalog.Operation) string {
	v := &schema.Validator{API: api, Pred: api.Predict}
	if v.Pred == nil {
		v.Pred = &catalog.Predict{}
	}
	segs := pathSegments(op.Path)
	for i, s := range segs {
		if !strings.HasPrefix(s, "{") {
			continue
		}
		name := strings.Trim(s, "{}")
		val := "example-" + name
		for _, p := range op.Params {
			if p.In != "path" || p.Name != name {
				continue
			}
			if ps := v.Resolve(p.Schema); ps != nil {
				switch {
				case len(ps.Enum) > 0:
					if e, ok := ps.Enum[0].(string); ok {
						val = e
					}
				case ps.Format == "uuid":
					val = "8a1e4f27-6c3b-4d90-b5e2-0f7c9d2a6b13"
				case numeric(ps.Type):
					// An id such as Akamai's {accessKeyUid}: the least whole number allowed.
					n := 1.0
					if ps.Minimum != nil && *ps.Minimum > n {
						n = math.Ceil(*ps.Minimum)
					}
					if ps.ExclusiveMinimum != nil && *ps.ExclusiveMinimum >= n {
						n = math.Floor(*ps.ExclusiveMinimum) + 1
					}
					val = strconv.FormatFloat(n, 'f', -1, 64)
				}
			}
		}
		segs[i] = val
	}
	return "/" + strings.Join(segs, "/")
}

// numeric reports whether a schema's types are all numbers ("integer" or "number").
func numeric(types []string) bool {
	for _, t := range types {
		if t != "integer" && t != "number" {
			return false
		}
	}
	return len(types) > 0
}
