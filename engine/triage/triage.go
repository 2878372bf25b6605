// Package triage explains a paste that holds many HTTP exchanges: a HAR file (DevTools "Save all
// as HAR"), a log with many failed requests, several curl transcripts pasted one after another.
// It splits the paste into exchanges, explains each with engine.Explain (the engine stays the
// explainer of one exchange), and groups the failures by API, operation, status and code into
// the verdict's Exchanges.
//
// The verdict Explain returns is the one contract: it describes the first failed exchange in the
// paste's order (or the first exchange when none failed), with its places counted in the whole
// paste, and Exchanges holds the groups and a timeline. A paste of one exchange gets exactly
// engine.Explain's verdict, with Exchanges null.
//
// Redaction stays one pass: each exchange's verdict is redacted by the engine, then
// engine.RedactParts runs over the assembled verdict with the whole text, so a secret found in
// one exchange is masked wherever another echoes it.
//
// HAR files are read with internal/jsonlite's Decoder, one entry at a time, without
// encoding/json or reflection: the WebAssembly module links this package.
//
// It may import engine, catalog, internal/jsonlite and the standard library (no fmt, reflect or
// encoding/json). It does no I/O and reads no clock.
package triage

import (
	"sort"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine"
)

// MaxInput is the most of a paste Explain reads: a HAR file may be far larger than the
// engine's MaxPaste, which bounds each exchange and any text paste.
const MaxInput = 256 << 20

// exchange is one exchange cut out of a paste.
type exchange struct {
	// text is what the engine reads: a part of the paste, or the exchange a HAR entry records,
	// written out as HTTP.
	text string
	// off is text's offset in the text the parts were read from (the paste, or the HAR's
	// exchanges written out one after another).
	off int
	// line is the 1-based line of the paste where the exchange starts.
	line int
	// at is its time as RFC 3339, "" when unknown.
	at string
	// exact says text's lines are the paste's lines from line on; else (a HAR entry) every
	// place in the exchange is put at line.
	exact bool
	// unanswered says a HAR entry's request got no response (status 0: blocked, cancelled or
	// failed on the network): a failure whatever the request's verdict says.
	unanswered bool
	// status is the status a log line names, for when the engine finds none in it.
	status int
}

// split is a paste cut into exchanges.
type split struct {
	exchanges []exchange
	// text is what the exchanges were cut from (see exchange.off).
	text string
	// problems are what splitting found wrong (a HAR entry that could not be read).
	problems []engine.Problem
}

// Explain explains paste: one exchange as engine.Explain does, many as a grouped report. It
// never panics and always returns a verdict.
func Explain(cat *catalog.Catalog, paste string, opts ...engine.Options) (v *engine.Verdict) {
	defer func() {
		if r := recover(); r != nil {
			v = engine.FailedVerdict(r)
			engine.RedactParts(cat, paste, nil, v)
		}
	}()
	s := splitPaste(paste)
	if s == nil {
		return engine.Explain(cat, paste, opts...)
	}
	return assemble(cat, s, opts...)
}

// ExplainMasked is Explain, and also masks the paste as engine.Redact does (the playground shows
// the masked paste beside the verdict). A paste of one exchange gets engine.ExplainMasked's
// single search for secrets. A HAR file is masked with the exchanges it holds written out as HTTP (engine.RedactAlso), so
// that a header's value is masked in the file as it is in the verdict.
func ExplainMasked(cat *catalog.Catalog, paste string, opts ...engine.Options) (v *engine.Verdict, m engine.Masked) {
	defer func() {
		if r := recover(); r != nil {
			v = engine.FailedVerdict(r)
			engine.RedactParts(cat, paste, nil, v)
			m.Text, m.Found = engine.Redact(cat, paste)
		}
	}()
	s := splitPaste(paste)
	if s == nil {
		return engine.ExplainMasked(cat, paste, opts...)
	}
	if s.text != paste {
		m.Text, m.Found = engine.RedactAlso(cat, paste, s.text)
	} else {
		m.Text, m.Found = engine.Redact(cat, paste)
	}
	return assemble(cat, s, opts...), m
}

// Redact is engine.Redact, except that a HAR file is masked as ExplainMasked masks it: with the
// secrets its entries reveal once written out as HTTP.
func Redact(cat *catalog.Catalog, paste string) (string, []string) {
	if s, ok := readHARSafe(paste); ok {
		return engine.RedactAlso(cat, paste, s.text)
	}
	return engine.Redact(cat, paste)
}

// readHARSafe is readHAR, with a panic read as "not a HAR file".
func readHARSafe(paste string) (s *split, ok bool) {
	defer func() {
		if recover() != nil {
			s, ok = nil, false
		}
	}()
	return readHAR(paste[:min(len(paste), MaxInput)])
}

// splitPaste cuts paste into exchanges, or returns nil for a paste of one exchange (or none)
// that engine.Explain reads whole.
func splitPaste(paste string) (s *split) {
	defer func() {
		if recover() != nil {
			s = nil // a paste the splitter fails on is read whole, as before triage
		}
	}()
	if len(paste) > MaxInput {
		paste = paste[:MaxInput]
	}
	if s, ok := readHAR(paste); ok {
		return s
	}
	if len(paste) > engine.MaxPaste {
		return nil
	}
	return splitText(paste)
}

// Failed reports whether v describes a failure: an error status, a code without a status (a
// bare error body), no answer at all to a request the paste says was sent, or a problem of
// severity "error".
func Failed(v *engine.Verdict) bool {
	if v.Status >= 400 || v.Status == 0 && v.Code != "" && v.Input == "response" {
		return true
	}
	return Worst(v) == "error"
}

// Worst is the most severe problem's severity in v and in every verdict its exchanges hold:
// "error", "warning", "info" or "".
func Worst(v *engine.Verdict) string {
	rank := func(sev string) int { return strings.Index("info warning error", sev) }
	worst := ""
	var walk func(v *engine.Verdict)
	walk = func(v *engine.Verdict) {
		for _, p := range v.Problems {
			if p.Severity != "" && (worst == "" || rank(p.Severity) > rank(worst)) {
				worst = p.Severity
			}
		}
		if v.Exchanges != nil {
			for _, g := range v.Exchanges.Groups {
				if g.Verdict != nil {
					walk(g.Verdict)
				}
			}
		}
	}
	walk(v)
	return worst
}

// assemble explains each exchange of s and builds the report.
func assemble(cat *catalog.Catalog, s *split, opts ...engine.Options) *engine.Verdict {
	x := &engine.Exchanges{Total: len(s.exchanges), Groups: []engine.Group{}, Timeline: make([]engine.Point, 0, len(s.exchanges))}
	index := map[string]int{} // group key → index in x.Groups
	var top *engine.Verdict
	topFailed := false
	for i := range s.exchanges {
		ex := &s.exchanges[i]
		v := engine.Explain(cat, ex.text, opts...)
		place(v, ex)
		status := v.Status
		if status == 0 {
			status = ex.status
		}
		if ex.unanswered {
			// The engine explained the request alone, and its status is the predicted one.
			status = 0
			v.Problems = append([]engine.Problem{{Severity: "error", Line: ex.line,
				Message: "This request got no response (status 0 in the HAR file): it was blocked, cancelled, or failed on the network (DNS, TLS, CORS, a dropped connection). The verdict checks the request alone."}},
				v.Problems...)
		}
		pt := engine.Point{Line: ex.line, At: ex.at, Status: status, Group: -1}
		failed := ex.unanswered || status >= 400 || Failed(v)
		if failed {
			x.Failed++
			code := v.Code
			if ex.unanswered {
				code = ""
			}
			key := v.API + "\x00" + v.Operation + "\x00" + strconv.Itoa(status) + "\x00" + code
			gi, ok := index[key]
			if !ok {
				gi = len(x.Groups)
				index[key] = gi
				x.Groups = append(x.Groups, engine.Group{API: v.API, Operation: v.Operation, Status: status, Code: code,
					First: ex.at, Last: ex.at, Lines: []int{}, Verdict: v})
			}
			g := &x.Groups[gi]
			g.Count++
			g.Lines = append(g.Lines, ex.line)
			if ex.at != "" && (g.First == "" || ex.at < g.First) {
				g.First = ex.at
			}
			if ex.at > g.Last {
				g.Last = ex.at
			}
			pt.Group = gi
		}
		if failed && !topFailed {
			top, topFailed = v, true
		} else if top == nil {
			top = v
		}
		x.Timeline = append(x.Timeline, pt)
	}
	// Most frequent first, then in the order of their first exchange; the timeline follows.
	order := make([]int, len(x.Groups))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return x.Groups[order[a]].Count > x.Groups[order[b]].Count })
	renum := make([]int, len(order))
	groups := make([]engine.Group, len(order))
	for to, from := range order {
		renum[from] = to
		groups[to] = x.Groups[from]
	}
	x.Groups = groups
	for i := range x.Timeline {
		if g := x.Timeline[i].Group; g >= 0 {
			x.Timeline[i].Group = renum[g]
		}
	}
	out := clone(top)
	out.Problems = append(append([]engine.Problem{}, s.problems...), out.Problems...)
	if x.Total > 1 {
		out.Exchanges = x
	}
	engine.RedactParts(cat, s.text, s.lineAt, out)
	return out
}

// lineAt returns the paste's line for an offset in s.text: counted for a text paste, the
// entry's line for a HAR file.
func (s *split) lineAt(off int) int {
	i := sort.Search(len(s.exchanges), func(i int) bool { return s.exchanges[i].off > off }) - 1
	if i < 0 {
		return 1
	}
	ex := &s.exchanges[i]
	if !ex.exact {
		return ex.line
	}
	return ex.line + strings.Count(s.text[ex.off:min(off, ex.off+len(ex.text))], "\n")
}

// place moves v's places from the exchange's own text to the paste: by the exchange's first
// line when its lines are the paste's, else all to the line where a HAR entry starts.
func place(v *engine.Verdict, ex *exchange) {
	at := func(line, col *int) {
		if *line <= 0 {
			return
		}
		if ex.exact {
			*line += ex.line - 1
		} else {
			*line, *col = ex.line, 0
		}
	}
	var none int
	for i := range v.Fields {
		at(&v.Fields[i].Line, &none)
	}
	for i := range v.Problems {
		at(&v.Problems[i].Line, &v.Problems[i].Column)
	}
	for i, r := range v.Redacted {
		// "… (line N)": the engine's wording of where a secret stood.
		j := strings.LastIndex(r, " (line ")
		if j < 0 || !strings.HasSuffix(r, ")") {
			continue
		}
		n, err := strconv.Atoi(r[j+len(" (line ") : len(r)-1])
		if err != nil {
			continue
		}
		at(&n, &none)
		v.Redacted[i] = r[:j] + " (line " + strconv.Itoa(n) + ")"
	}
}

// clone copies v deeply enough that redacting the copy leaves v's slices alone.
func clone(v *engine.Verdict) *engine.Verdict {
	c := *v
	c.Fix = append([]string{}, v.Fix...)
	c.Fields = append([]engine.Field{}, v.Fields...)
	c.Problems = append([]engine.Problem{}, v.Problems...)
	c.Redacted = append([]string{}, v.Redacted...)
	return &c
}
