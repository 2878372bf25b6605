package apiref

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/errdocs/errdocs/catalog"
)

// responseText is an example answer as it comes over the wire: the status line, the content
// type and the body, indented. A "default" answer has no status: its body alone.
func responseText(status int, body string) (text, lang string) {
	var pretty strings.Builder
	if err := indentJSON(&pretty, body); err != nil {
		pretty.Reset()
		pretty.WriteString(body)
	}
	if status == 0 {
		return pretty.String(), "json"
	}
	head := "HTTP/1.1 " + catalog.StatusText(status)
	if strings.TrimSpace(body) == "" {
		return head, "http"
	}
	return head + "\nContent-Type: application/json\n\n" + pretty.String(), "http"
}

func indentJSON(w *strings.Builder, body string) error {
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(plainJSON(body)), "", "  "); err != nil {
		return err
	}
	w.Write(out.Bytes())
	return nil
}

// plainJSON undoes the escapes encoding/json writes for <, > and & (the loader writes an
// example's YAML value as JSON with it), so an example reads as a person writes it: "<p>", not
// "\u003cp\u003e". The text stays valid JSON with the same value.
func plainJSON(s string) string {
	if !strings.Contains(s, `\u00`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		if s[i+1] == 'u' && i+6 <= len(s) {
			switch s[i+2 : i+6] {
			case "003c", "003C":
				b.WriteByte('<')
				i += 5
				continue
			case "003e", "003E":
				b.WriteByte('>')
				i += 5
				continue
			case "0026":
				b.WriteByte('&')
				i += 5
				continue
			}
		}
		// Any other escape stays as it is, with the character it escapes.
		b.WriteString(s[i : i+2])
		i++
	}
	return b.String()
}
