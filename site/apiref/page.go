package apiref

import (
	"strconv"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/site/highlight"
)

// Example is a highlighted example, ready to draw.
type Example struct {
	Title Rich   // the example's summary, or its name
	Label string // the code block's label
	HTML  string // chroma's HTML
	// Lang and Text are the example as written, for the page's Markdown twin.
	Lang, Text string
	// Predicted is the success status a checked example request is predicted to get.
	Predicted int
	// Entry is the catalog entry an error example decodes to; Code and Status what it read.
	Entry  *catalog.Entry
	Code   string
	Status int
	// Checked says the build checked the example.
	Checked bool
}

// ResponseSection is one documented answer of an operation.
type ResponseSection struct {
	ID       string
	Status   int
	Title    string
	Desc     Rich
	Examples []Example
}

// A Page is an operation's reference page, ready to draw.
type Page struct {
	API    *catalog.API
	Op     *catalog.Operation
	Params []FieldRow // the parameters' table
	// Body is the request body's table, BodyDesc the body's description and Notes what the
	// body's own schema says beyond its fields.
	Body     []FieldRow
	BodyDesc Rich
	Notes    []Rich
	Idem     *IdemRule // nil when the operation says nothing of the idempotency header
	Requests []Example
	// NoRequest says why the page shows no example request, when it shows none.
	NoRequest string
	Success   []ResponseSection
	Errors    []ResponseSection // the error answers, and the answer for any other status
}

// Line is a response section's opening line: its status, in bold, and its description.
func (s ResponseSection) Line() Rich {
	r := Rich{}.strong(s.Title)
	if len(s.Desc) > 0 {
		r = append(r.text(": "), s.Desc...)
	}
	return r
}

// NewPage prepares an operation's page: its tables, and its examples as Check left them (ex
// may be nil), highlighted by h. hasPage reports whether the site has a page at a path, so the
// page links only to pages that are there.
func NewPage(a *catalog.API, op *catalog.Operation, ex *Examples, h *highlight.Highlighter, hasPage func(path string) bool) *Page {
	ev := &Page{API: a, Op: op, Params: ParamTable(a, op), Idem: Idempotency(a, op, hasPage)}
	if op.Body != nil {
		ev.Body, ev.Notes, ev.BodyDesc = BodyTable(a, op.Body)
	}
	d := ex
	if d == nil {
		d = &Examples{}
	}
	ev.NoRequest = d.noRequest
	for _, r := range d.requests {
		ex := Example{Title: r.title, Label: "Shell · curl", HTML: h.HTML("bash", r.curl),
			Lang: "bash", Text: r.curl, Predicted: r.predicted, Checked: true}
		ev.Requests = append(ev.Requests, ex)
	}
	for _, rs := range d.responses {
		sec := ResponseSection{Status: rs.resp.Status, Title: StatusText(rs.resp.Status), Desc: richFrom(rs.resp.Description),
			ID: "status-" + strconv.Itoa(rs.resp.Status)}
		if rs.resp.Status == 0 {
			sec.Title, sec.ID = "Any other status", "status-default"
		}
		for _, x := range rs.examples {
			label := "HTTP · example response"
			if x.lang == "json" {
				label = "JSON · example response"
			}
			ex := Example{Title: x.title, Label: label, HTML: h.HTML(x.lang, x.text), Lang: x.lang, Text: x.text, Entry: x.entry,
				Code: x.code, Status: x.status, Checked: x.checked}
			sec.Examples = append(sec.Examples, ex)
		}
		if rs.resp.Status >= 200 && rs.resp.Status < 300 {
			ev.Success = append(ev.Success, sec)
		} else if rs.resp.Status >= 300 || rs.resp.Status == 0 {
			ev.Errors = append(ev.Errors, sec)
		}
	}
	return ev
}
