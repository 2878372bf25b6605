package unwrap

import (
	"strings"

	"github.com/errdocs/errdocs/internal/jsonx"
)

// Cleaned is a body made ready to parse.
type Cleaned struct {
	// Text is the body to parse. Skip bytes at the body's start were left out (a byte order
	// mark); Text is the body's own text from there unless Decoded or Edited is set.
	Text string
	Skip int
	// Decoded says Text was decoded (HTML entities, a JSON string): offsets into it do not
	// point into the body. Edited says bytes were blanked in place (trailing commas): offsets
	// still do.
	Decoded, Edited bool
	Notes           []Note
}

// CleanBody reads a body as printed and returns what to parse: without a byte order mark,
// without the "(truncated...)" note Guzzle ends a cut body with, unescaped when the body was
// HTML-escaped, decoded when it is a JSON string holding JSON, and with trailing commas blanked.
// Each change is a Note, the trailing commas a warning: JSON does not allow them.
func CleanBody(body string) Cleaned {
	c := Cleaned{Text: body}
	lead := len(body) - len(strings.TrimLeft(body, " \t\r\n"))
	if strings.HasPrefix(body[lead:], "\ufeff") {
		c.Skip = lead + len("\ufeff")
		c.Text = body[c.Skip:]
		c.Notes = append(c.Notes, Note{"info", "The body starts with a byte order mark (U+FEFF), which JSON does not allow; it was skipped.", lead})
	}
	t := strings.TrimSpace(c.Text)
	if t == "" || t[0] != '{' && t[0] != '[' && t[0] != '"' {
		return c
	}
	if i := strings.Index(c.Text, " (truncated...)"); i >= 0 {
		c.Text = c.Text[:i]
		c.Notes = append(c.Notes, Note{"info", "The client printed only the start of the body and marked it (truncated...); errdocs read that start.", c.Skip + i})
		return c
	}
	switch {
	case strings.HasPrefix(t, "{&quot;") || strings.HasPrefix(t, "[{&quot;") || strings.HasPrefix(t, "{&#34;"):
		c.Text, c.Decoded = htmlUnescaper.Replace(t), true
		c.Notes = append(c.Notes, Note{"info", "The body is HTML-escaped (&quot; for \"): it went through an HTML page or template on its way here. errdocs read it unescaped.", c.Skip})
		return c
	case t[0] == '"' && len(t) > 2 && (t[1] == '{' || t[1] == '['):
		if n, _, _, err := jsonx.Parse(t); n != nil && n.Kind == jsonx.String && err == nil && validJSON(n.Str) {
			c.Text, c.Decoded = n.Str, true
			c.Notes = append(c.Notes, Note{"warning", "The body is a JSON string that holds JSON: it was encoded twice (a JSON.stringify or json.dumps of text that was already JSON). errdocs read the JSON inside.", c.Skip})
			return c
		}
	}
	if blanked, first := blankTrailingCommas(c.Text); first >= 0 {
		c.Text, c.Edited = blanked, true
		c.Notes = append(c.Notes, Note{"warning", "The body has a comma before a closing bracket, which JSON does not allow (a strict parser rejects the whole body); errdocs read it without.", c.Skip + first})
	}
	return c
}

var htmlUnescaper = strings.NewReplacer("&quot;", `"`, "&#34;", `"`, "&#39;", "'", "&#x27;", "'", "&apos;", "'", "&lt;", "<", "&gt;", ">", "&amp;", "&")

// blankTrailingCommas replaces each comma that comes right before a closing bracket (white
// space aside), outside strings, with a space. It returns the text and the offset of the first
// such comma, or -1 when there is none (and the text unchanged).
func blankTrailingCommas(s string) (string, int) {
	if !trailingCommaAt(s) {
		return s, -1
	}
	var b []byte
	first := -1
	in := false
	comma := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case in:
			if c == '\\' {
				i++
			} else if c == '"' {
				in = false
			}
		case c == '"':
			in, comma = true, -1
		case c == ',':
			comma = i
		case c == '}' || c == ']':
			if comma >= 0 {
				if b == nil {
					b = []byte(s)
					first = comma
				}
				b[comma] = ' '
			}
			comma = -1
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			comma = -1
		}
	}
	if b == nil {
		return s, -1
	}
	return string(b), first
}

// trailingCommaAt reports whether s may hold a trailing comma: a comma with a closing bracket
// after it, white space aside, wherever it is. It jumps from comma to comma, so the common
// body, which has none, costs a fraction of blankTrailingCommas's full scan.
func trailingCommaAt(s string) bool {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], ',')
		if j < 0 {
			return false
		}
		i += j + 1
		for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
			i++
		}
		if i < len(s) && (s[i] == '}' || s[i] == ']') {
			return true
		}
	}
}
