package apiref

import (
	"strings"
)

// Part is a run of text, or of code.
type Part struct {
	Text   string
	Code   bool
	Strong bool
}

// Rich is a line of text with code spans, drawn by the richText component.
type Rich []Part

func (r Rich) text(s string) Rich   { return append(r, Part{Text: s}) }
func (r Rich) code(s string) Rich   { return append(r, Part{Text: s, Code: true}) }
func (r Rich) strong(s string) Rich { return append(r, Part{Text: s, Strong: true}) }

// richFrom reads the Markdown an openapi.yaml description holds as far as a table cell needs:
// `code` spans become code, and ** and __ emphasis marks are dropped.
func richFrom(s string) Rich {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return nil
	}
	var r Rich
	for i, part := range strings.Split(s, "`") {
		if part == "" {
			continue
		}
		if i%2 == 1 {
			r = r.code(part)
		} else {
			r = r.text(strings.ReplaceAll(strings.ReplaceAll(part, "**", ""), "__", ""))
		}
	}
	return r
}

// JoinRich joins lines of Rich text with a separator.
func JoinRich(rs []Rich, sep string) Rich {
	var out Rich
	for i, r := range rs {
		if i > 0 {
			out = out.text(sep)
		}
		out = append(out, r...)
	}
	return out
}
