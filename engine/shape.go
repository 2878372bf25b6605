package engine

import (
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/shapepath"
	"github.com/errdocs/errdocs/internal/jsonx"
	"github.com/errdocs/errdocs/internal/lazyre"
	"github.com/errdocs/errdocs/internal/printf"
)

// Step 2: recognise the body's shape. A body is JSON in one of the shapes the catalog declares,
// RFC 9457 problem details from any API, an HTML page, plain text, or nothing.

// body is what the body says, whatever its shape.
type body struct {
	dialect string
	// root is the parsed JSON, if the body is JSON.
	root *jsonx.Node
	// cut says the JSON ended early; jerr is its syntax error, if any.
	cut  bool
	jerr *jsonx.SyntaxError
	// candidates are the catalog shapes the body fits, best first; preset is the first built-in
	// shape it fits (catalog.Presets), for a body no catalog API claims.
	candidates []shapeMatch
	preset     *catalog.Shape
	// doc is what a shape reads: the JSON body and the response's headers.
	doc shapepath.Doc
	// For non-JSON bodies: an HTML page's title and the server it names.
	htmlTitle, htmlServer string
}

// shapeMatch is one catalog shape a body fits.
type shapeMatch struct {
	api   *catalog.API
	shape *catalog.Shape
	score int
}

// fields is what one shape reads from a body.
type fields struct {
	code, message, requestID string
	category, subCode        string
	// docURL is the API's own link for the error; retryDelay the wait the body asks for,
	// as written, and retryDelayPath where.
	docURL, retryDelay, retryDelayPath string
	status                             int
	issues                             []issue
	// issuesNode is the fields array, present even when empty.
	issuesNode *jsonx.Node
}

type issue struct {
	path, message, code string
	off                 int
}

// readBody parses the response body and finds the shapes it fits, with the response's headers
// (header returns one by name; nil when the paste has none).
func readBody(cat *catalog.Catalog, text string, contentType string, header func(string) (string, bool)) *body {
	b := &body{doc: shapepath.Doc{Header: header}}
	trimmed := strings.TrimSpace(text)
	switch {
	case trimmed == "":
		b.dialect = "empty"
		if header != nil {
			// A shape may live in the headers alone (RFC 6750's WWW-Authenticate: Bearer error=…).
			b.fit(cat)
		}
		return b
	case looksHTML(trimmed) || strings.Contains(strings.ToLower(contentType), "text/html"):
		b.dialect = "html"
		b.htmlTitle, b.htmlServer = htmlFacts(text)
		return b
	case trimmed[0] != '{' && trimmed[0] != '[':
		b.dialect = "text"
		return b
	}
	lead := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
	root, _, cut, jerr := jsonx.Parse(text[lead:])
	if jerr != nil {
		jerr.Off += lead
	}
	root.Shift(lead)
	b.root, b.cut, b.jerr = root, cut, jerr
	if root == nil && pythonish(trimmed) {
		// A Python dict printed by a log line: read it as the JSON it stands for.
		if root2, cut2 := parsePythonRepr(text[lead:]); root2 != nil {
			root2.Shift(lead)
			b.root, b.cut, b.jerr = root2, cut2, nil
		}
	} else if root != nil && jerr != nil && pythonish(trimmed) {
		if root2, cut2 := parsePythonRepr(text[lead:]); root2 != nil {
			root2.Shift(lead)
			b.root, b.cut, b.jerr = root2, cut2, nil
		}
	}
	if b.root == nil || b.root.Kind != jsonx.Object {
		b.dialect = "json"
		return b
	}
	b.doc.Root = b.root
	if isProblem(b.root, contentType) {
		b.dialect = "problem+json"
	}
	b.fit(cat)
	if b.dialect == "" {
		b.dialect = "json"
	}
	return b
}

// fit finds the catalog shapes the response fits, best first (ties keep catalog order), and
// when there is none the first preset it fits, unless it is problem details, which have their
// own reader.
func (b *body) fit(cat *catalog.Catalog) {
	for _, a := range cat.APIs {
		for _, s := range a.Shapes {
			if score, ok := shapepath.Fits(b.doc, s); ok {
				b.candidates = append(b.candidates, shapeMatch{api: a, shape: s, score: score})
			}
		}
	}
	for i := 1; i < len(b.candidates); i++ {
		for j := i; j > 0 && b.candidates[j].score > b.candidates[j-1].score; j-- {
			b.candidates[j], b.candidates[j-1] = b.candidates[j-1], b.candidates[j]
		}
	}
	// A catalog shape that fits always names its API (its strength scores at least 1), so the
	// presets are tried only when none does.
	if b.dialect == "problem+json" || len(b.candidates) > 0 {
		return
	}
	for _, s := range catalog.Presets() {
		if _, ok := shapepath.Fits(b.doc, s); ok {
			b.preset = s
			return
		}
	}
}

func atoiStatus(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 100 || n > 599 {
		return 0
	}
	return n
}

// isProblem reports whether a body is RFC 9457 problem details.
func isProblem(root *jsonx.Node, contentType string) bool {
	if strings.Contains(strings.ToLower(contentType), "application/problem+json") {
		return true
	}
	n := 0
	for _, k := range []string{"type", "title", "status", "detail", "instance"} {
		if v := root.Get(k); v != nil && (v.Kind == jsonx.String || k == "status" && v.Kind == jsonx.Number) {
			n++
		}
	}
	return n >= 3 && root.Get("title") != nil
}

// readProblem reads problem details: the code is a "code" member if there is one, else the code
// of "type" (catalog.ProblemTypeCode).
func (b *body) readProblem() fields {
	r := b.root
	f := fields{message: r.Get("detail").Text(), status: atoiStatus(r.Get("status").Text())}
	if f.message == "" {
		f.message = r.Get("title").Text()
	}
	for _, k := range []string{"code", "error_code", "errorCode"} {
		if c := r.Get(k).Text(); c != "" {
			f.code = c
			break
		}
	}
	f.docURL = webURL(r.Get("type").Text())
	if f.code == "" {
		f.code = catalog.ProblemTypeCode(r.Get("type").Text())
	}
	for _, k := range []string{"request_id", "requestId", "trace_id", "traceId", "instance"} {
		if v := r.Get(k).Text(); v != "" && !(k == "instance" && strings.HasPrefix(v, "/")) {
			f.requestID = v
			break
		}
	}
	for _, k := range []string{"errors", "invalid-params", "invalid_params", "violations"} {
		arr := r.Get(k)
		if arr == nil || arr.Kind != jsonx.Array {
			continue
		}
		f.issuesNode = arr
		for _, it := range arr.Vals {
			is := issue{off: it.Off}
			for _, pk := range []string{"pointer", "field", "name", "path", "propertyPath"} {
				if v := it.Get(pk); v != nil {
					is.path = strings.TrimPrefix(strings.ReplaceAll(issuePath(v), "/", "."), ".")
					break
				}
			}
			for _, mk := range []string{"detail", "reason", "message", "title"} {
				if v := it.Get(mk).Text(); v != "" {
					is.message = v
					break
				}
			}
			f.issues = append(f.issues, is)
		}
		break
	}
	return f
}

var (
	titleRE  = lazyre.New(`(?is)<title[^>]*>(.*?)</title>`)
	h1RE     = lazyre.New(`(?is)<h1[^>]*>(.*?)</h1>`)
	tagRE    = lazyre.New(`<[^>]*>`)
	serverRE = lazyre.New(`(?i)<center>\s*(nginx[^<]*|openresty[^<]*|apache[^<]*|cloudflare[^<]*)\s*</center>|(cloudflare)|(Amazon CloudFront|CloudFront)|(AWS ELB|awselb)|(Varnish)|(Heroku)|(Vercel)|(Fastly)`)
)

// htmlFacts reads an HTML error page's title (or first heading) and the server it names.
func htmlFacts(s string) (title, server string) {
	s = clipBytes(s, 64<<10)
	if m := titleRE().FindStringSubmatch(s); m != nil {
		title = m[1]
	} else if m := h1RE().FindStringSubmatch(s); m != nil {
		title = m[1]
	}
	title = strings.Join(strings.Fields(unescapeHTML(tagRE().ReplaceAllString(title, " "))), " ")
	if m := serverRE().FindStringSubmatch(s); m != nil {
		for _, g := range m[1:] {
			if g != "" {
				server = strings.TrimSpace(g)
				break
			}
		}
	}
	return printf.Clip(title, 200), server
}

var leadingStatusRE = lazyre.New(`\b([1-5][0-9][0-9])\b`)

// statusIn finds an HTTP status in a title such as "502 Bad Gateway".
func statusIn(s string) int {
	if m := leadingStatusRE().FindStringSubmatch(s); m != nil {
		return atoiStatus(m[1])
	}
	return 0
}

// htmlEntities are the entities error pages' titles use. (Package html knows all 2,231, at a
// cost to the browser module that a page title does not repay.)
var htmlEntities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`,
	"&#39;", "'", "&apos;", "'", "&nbsp;", " ", "&#34;", `"`, "&mdash;", "—", "&ndash;", "–")

var numericEntityRE = lazyre.New(`&#([0-9]{1,7}|[xX][0-9a-fA-F]{1,6});`)

// unescapeHTML replaces the common named entities and every numeric one.
func unescapeHTML(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	s = numericEntityRE().ReplaceAllStringFunc(s, func(m string) string {
		num := m[2 : len(m)-1]
		base := 10
		if num[0] == 'x' || num[0] == 'X' {
			num, base = num[1:], 16
		}
		n, err := strconv.ParseInt(num, base, 32)
		if err != nil || n <= 0 || n > 0x10FFFF {
			return m
		}
		return string(rune(n))
	})
	return htmlEntities.Replace(s)
}
