package engine

import (
	"slices"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/internal/printf"
)

// Share is everything a verdict-only share link holds: which API, shape, status and code the
// paste was read as, the operation a pasted request calls, and the paths of the fields at
// fault. It holds nothing else the visitor pasted: no message, no request id, no header, no
// body value, no request. The page that opens the link rebuilds the verdict from its own
// catalog with ExplainShare.
type Share struct {
	// Input is "response", "request" or "unknown", as in the Verdict.
	Input string `json:"input"`
	API   string `json:"api"`
	// Dialect is the catalog shape the body had, or what it was ("html", "text", "json",
	// "empty", "problem+json", "").
	Dialect string `json:"dialect"`
	Status  int    `json:"status"`
	Code    string `json:"code"`
	// Operation is the operation a pasted request calls, as "POST /v1/track".
	Operation string `json:"operation"`
	// Fields are the paths of the fields at fault ("email", "data.plan").
	Fields []string `json:"fields"`
}

// ShareOf is the part of v that a verdict-only share link may hold. v is a finished verdict,
// so its secrets are masked already. For a pasted request, the status and code are those of
// the answer errdocs predicts.
func ShareOf(v *Verdict) Share {
	s := Share{Input: v.Input, API: v.API, Dialect: v.Dialect, Status: v.Status, Code: v.Code, Operation: v.Operation, Fields: []string{}}
	if v.Input == "request" && v.Predicted != nil {
		s.Status, s.Code = v.Predicted.Status, v.Predicted.Code
	}
	for _, f := range v.Fields {
		if f.Path != "" && !slices.Contains(s.Fields, f.Path) {
			s.Fields = append(s.Fields, f.Path)
		}
	}
	return s
}

// ExplainShare rebuilds a verdict from a share link's content, with the catalog's own words:
// the code's title, meaning, fix, retry advice and page. A share names no paste, so nothing in
// the result comes from one; an API or a code the catalog does not know still gets a verdict,
// in general terms.
func ExplainShare(cat *catalog.Catalog, s Share) (v *Verdict) {
	if cat == nil {
		cat = &catalog.Catalog{}
	}
	// A share carries no headers, so nothing here reads a Retry-After date or the clock (now).
	e := &explainer{cat: cat, v: newVerdict(), p: &paste{resp: &response{status: s.Status}}, b: &body{}}
	v = e.v
	defer func() {
		if r := recover(); r != nil {
			v = newVerdict()
			v.Problems = append(v.Problems, Problem{Severity: "error", Message: "errdocs could not read this share link."})
		}
	}()
	switch s.Input {
	case "response", "request":
		v.Input = s.Input
	}
	v.Status, v.Code, v.Operation = s.Status, printf.Clip(s.Code, 200), printf.Clip(s.Operation, 200)
	if a := cat.API(s.API); a != nil {
		e.api = a
		v.API, v.Confidence = a.ID, "high"
		if e.shape = a.Shape(s.Dialect); e.shape != nil {
			v.Dialect, e.b.dialect = e.shape.Name, e.shape.Name
		}
	}
	switch s.Dialect {
	case "html", "text", "json", "empty", "problem+json":
		v.Dialect, e.b.dialect = s.Dialect, s.Dialect
	}
	e.lookup()
	e.describe()
	e.advise()
	if x := e.entry; x != nil && len(x.Causes) > 0 {
		v.Cause = "Most often: " + x.Causes[0]
	}
	for _, p := range s.Fields {
		if len(v.Fields) == maxFields {
			break
		}
		v.Fields = append(v.Fields, Field{Path: printf.Clip(p, 200)})
	}
	redactVerdict(cat, "", v)
	return v
}

// ShareState is what a share link carries: this value as JSON, compressed with raw DEFLATE
// (RFC 1951, the browser's "deflate-raw") and base64url-encoded without padding, after
// "#share=" in the playground's URL. The playground (static/playground-share.js) writes and reads
// it; the tests decode links it made into this type.
type ShareState struct {
	// V is the format's version: 2. (Version 1 links carried the sender's whole verdict.)
	V int `json:"v"`
	// Mode is "verdict" (Verdict is set: nothing of the paste but Share's facts) or "paste"
	// (Paste is the paste with its secrets masked, Masked says what was masked).
	Mode    string   `json:"mode"`
	Verdict *Share   `json:"verdict,omitempty"`
	Paste   string   `json:"paste,omitempty"`
	Masked  []string `json:"masked,omitempty"`
}
