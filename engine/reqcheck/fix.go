package reqcheck

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/errdocs/errdocs/engine/reqcheck/schema"
	"github.com/errdocs/errdocs/engine/reqparse"
	"github.com/errdocs/errdocs/internal/ascii"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// The corrected request. Each mechanical fix is an edit of the paste itself, so the corrected
// request keeps the form it was pasted in (curl stays curl, with its quoting and line breaks;
// httpie stays httpie: Name:value items, = and := fields),
// and only what had to change changes. An edit is made only where the paste reads exactly as
// expected; otherwise the fix is not mechanical, and no corrected request is offered.

// edit replaces paste[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// lineStart returns the byte offset where a 1-based line of the paste starts, or -1.
func (c *reqChecker) lineStart(line int) int {
	if c.lines == nil {
		c.lines = []int{0}
		for i := 0; i < len(c.paste); i++ {
			if c.paste[i] == '\n' {
				c.lines = append(c.lines, i+1)
			}
		}
	}
	if line < 1 || line > len(c.lines) {
		return -1
	}
	return c.lines[line-1]
}

// lineEnd returns the offset of the end of the line that starts at off (before its newline).
func (c *reqChecker) lineEnd(off int) int {
	if i := strings.IndexByte(c.paste[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(c.paste)
}

// offsetAt converts a 1-based line and column (in characters) to a byte offset, or -1.
func (c *reqChecker) offsetAt(line, col int) int {
	off := c.lineStart(line)
	if off < 0 || col < 1 {
		return -1
	}
	end := c.lineEnd(off)
	for k := 1; k < col; k++ {
		if off >= end {
			return -1
		}
		_, size := utf8.DecodeRuneInString(c.paste[off:])
		off += size
	}
	return off
}

// bodyOffset maps a byte offset of the body to a byte offset of the paste, or -1.
func (c *reqChecker) bodyOffset(off int) int {
	line, col := reqparse.BodyPosition(c.req, off)
	if line == 0 {
		return -1
	}
	return c.offsetAt(line, col)
}

func (c *reqChecker) addEdit(start, end int, text string) bool {
	if start < 0 || end < start || end > len(c.paste) {
		return false
	}
	for _, e := range c.fixes {
		if start < e.end && e.start < end || start == e.start && end == e.end {
			return false
		}
	}
	c.fixes = append(c.fixes, edit{start, end, text})
	return true
}

// lineText returns a line of the paste and its start offset.
func (c *reqChecker) lineText(line int) (string, int) {
	start := c.lineStart(line)
	if start < 0 {
		return "", -1
	}
	return c.paste[start:c.lineEnd(start)], start
}

// fixHeaderValue replaces old with new in a header's value, on the header's line.
func (c *reqChecker) fixHeaderValue(h *reqparse.Header, old, new string) bool {
	if h.Flag != "" && h.Flag != "item" || h.Line == 0 || old == "" {
		return false
	}
	text, start := c.lineText(h.Line)
	name := strings.Index(ascii.Lower(text), ascii.Lower(h.Name))
	if name < 0 {
		return false
	}
	i := strings.Index(text[name+len(h.Name):], old)
	if i < 0 {
		return false
	}
	at := start + name + len(h.Name) + i
	return c.addEdit(at, at+len(old), new)
}

// quoteStyle is the quote the curl command uses for -H arguments.
func (c *reqChecker) quoteStyle() byte {
	text := c.requestText()
	if strings.Contains(text, "^\n") || strings.Contains(text, "^\r\n") ||
		strings.Contains(text, `-H "`) && !strings.Contains(text, `-H '`) {
		return '"'
	}
	return '\''
}

func (c *reqChecker) requestText() string {
	start := c.lineStart(c.req.StartLine)
	endLine := c.lineStart(c.req.EndLine)
	if start < 0 || endLine < 0 {
		return ""
	}
	return c.paste[start:c.lineEnd(endLine)]
}

// addHeader adds a header in the request's own form.
func (c *reqChecker) addHeader(name, value string) bool {
	switch c.req.Form {
	case "curl":
		q := string(c.quoteStyle())
		arg := "-H " + q + name + ": " + value + q
		// On its own line before the last header's line, when that line continues one above.
		last := 0
		for _, h := range c.req.Headers {
			if h.Flag == "" && h.Line > last {
				last = h.Line
			}
		}
		if last > c.req.StartLine {
			text, start := c.lineText(last)
			prev, _ := c.lineText(last - 1)
			prev = strings.TrimRight(prev, " \r")
			if cont := prev[max(0, len(prev)-1):]; cont == "\\" || cont == "^" || cont == "`" {
				indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
				nl := "\n"
				if strings.HasSuffix(text, "\r") {
					nl = "\r\n"
				}
				return c.addEdit(start, start, indent+arg+" "+cont+nl)
			}
		}
		text, start := c.lineText(c.req.StartLine)
		i := strings.Index(text, "curl")
		if i < 0 {
			return false
		}
		at := start + i + len("curl")
		return c.addEdit(at, at, " "+arg)
	case "http":
		last := c.req.StartLine
		for _, h := range c.req.Headers {
			if h.Line > last {
				last = h.Line
			}
		}
		text, start := c.lineText(last)
		if start < 0 {
			return false
		}
		prefix := ""
		if strings.HasPrefix(text, "> ") {
			prefix = "> "
		}
		nl := "\n"
		if strings.HasSuffix(text, "\r") {
			nl = "\r\n"
		}
		lower := len(c.req.Headers) > 0
		for _, h := range c.req.Headers {
			lower = lower && h.Name == strings.ToLower(h.Name)
		}
		if lower {
			name = strings.ToLower(name)
		}
		at := start + len(strings.TrimSuffix(text, "\r"))
		return c.addEdit(at, at, nl+prefix+name+": "+value)
	case "fetch":
		return c.addFetchHeader(name, value)
	case "httpie":
		return c.addHTTPieItem(name, value)
	}
	return false
}

// addFetchHeader adds a header to a fetch() call's options.
func (c *reqChecker) addFetchHeader(name, value string) bool {
	var first *reqparse.Header
	for i := range c.req.Headers {
		if h := &c.req.Headers[i]; h.Line > 0 && (first == nil || h.Line < first.Line) {
			first = h
		}
	}
	if first != nil {
		text, start := c.lineText(first.Line)
		q := "'"
		if i := strings.IndexAny(text, `'"`); i >= 0 {
			q = text[i : i+1]
		}
		entry := q + name + q + ": " + q + value + q
		if t := strings.TrimSpace(text); strings.HasPrefix(t, "[") {
			entry = "[" + q + name + q + ", " + q + value + q + "]"
		}
		if h := strings.Index(text, "headers"); h >= 0 {
			// The headers are on the line that opens them: insert right after the brace.
			b := strings.IndexAny(text[h:], "{[")
			if b < 0 {
				return false
			}
			at := start + h + b + 1
			if text[h+b] == '[' && strings.HasPrefix(text[h+b+1:], "[") {
				entry = "[" + q + name + q + ", " + q + value + q + "]"
			}
			return c.addEdit(at, at, " "+entry+",")
		}
		indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
		return c.addEdit(start, start, indent+entry+",\n")
	}
	// No headers: add the option before the body.
	bodyAt := c.bodyOffset(0)
	if bodyAt < 0 {
		return false
	}
	from := max(0, bodyAt-400)
	i := strings.LastIndex(c.paste[from:bodyAt], "body")
	if i < 0 {
		return false
	}
	at := from + i
	lineStart := strings.LastIndexByte(c.paste[:at], '\n') + 1
	entry := "headers: {'" + name + "': '" + value + "'},"
	if strings.TrimSpace(c.paste[lineStart:at]) == "" {
		return c.addEdit(lineStart, lineStart, c.paste[lineStart:at]+entry+"\n")
	}
	return c.addEdit(at, at, entry+" ")
}

// addHTTPieItem adds a header item (Name:value) at the end of an httpie command, quoted as the
// command quotes when the value needs it. A command line that goes on with a pipe, a redirection
// or a comment is left alone.
func (c *reqChecker) addHTTPieItem(name, value string) bool {
	text, start := c.lineText(c.req.EndLine)
	t := strings.TrimRight(text, " \t\r")
	if start < 0 || t == "" {
		return false
	}
	for i, q := 0, byte(0); i < len(t); i++ {
		switch {
		case q != 0:
			if t[i] == q {
				q = 0
			}
		case t[i] == '\'' || t[i] == '"':
			q = t[i]
		case strings.IndexByte("|<>;&#", t[i]) >= 0:
			return false
		}
	}
	item := name + ":" + value
	if strings.ContainsAny(value, " \t\"'$`\\*?[]{}()!;&|<>^%") {
		q := string(c.quoteStyle())
		if strings.Contains(value, q) {
			return false
		}
		item = name + ":" + q + value + q
	}
	return c.addEdit(start+len(t), start+len(t), " "+item)
}

// removeHeader removes a header from the request.
func (c *reqChecker) removeHeader(h *reqparse.Header) bool {
	if h.Flag != "" && !(h.Flag == "item" && c.req.Form == "httpie") || h.Line == 0 {
		return false
	}
	text, start := c.lineText(h.Line)
	i := strings.Index(ascii.Lower(text), ascii.Lower(h.Name))
	if i < 0 {
		return false
	}
	switch c.req.Form {
	case "http":
		end := c.lineEnd(start)
		if end < len(c.paste) {
			end++
		}
		return c.addEdit(start, end, "")
	case "curl":
		// -H 'Name: value' or --header "Name: value": remove the flag and its argument.
		if i == 0 {
			return false
		}
		q := text[i-1]
		if q != '\'' && q != '"' {
			return false
		}
		close := strings.IndexByte(text[i:], q)
		if close < 0 {
			return false
		}
		flagEnd := strings.TrimRight(text[:i-1], " ")
		var flagStart int
		switch {
		case strings.HasSuffix(flagEnd, "-H"):
			flagStart = len(flagEnd) - 2
		case strings.HasSuffix(flagEnd, "--header"):
			flagStart = len(flagEnd) - 8
		default:
			return false
		}
		end := i + close + 1
		for end < len(text) && text[end] == ' ' {
			end++
		}
		if strings.TrimSpace(text[:flagStart]) == "" && strings.TrimSpace(text[end:]) == `\` {
			// The header is alone on its line: remove the line.
			lineEnd := c.lineEnd(start)
			if lineEnd < len(c.paste) {
				lineEnd++
			}
			return c.addEdit(start, lineEnd, "")
		}
		return c.addEdit(start+flagStart, start+end, "")
	case "httpie":
		// Name:value, 'Name: value' or Name:"value": remove the item and the blank before it.
		w := i
		if w > 0 && (text[w-1] == '\'' || text[w-1] == '"') {
			w--
		}
		if w == 0 || text[w-1] != ' ' && text[w-1] != '\t' {
			return false
		}
		end, q := w, byte(0)
		for ; end < len(text) && (q != 0 || text[end] != ' ' && text[end] != '\t' && text[end] != '\r'); end++ {
			switch {
			case q == 0 && (text[end] == '\'' || text[end] == '"'):
				q = text[end]
			case text[end] == q:
				q = 0
			}
		}
		if q != 0 {
			return false
		}
		for w > 0 && (text[w-1] == ' ' || text[w-1] == '\t') {
			w--
		}
		return c.addEdit(start+w, start+end, "")
	case "fetch":
		rest := strings.TrimSpace(text[:i])
		if rest != "" && rest != "'" && rest != `"` {
			return false
		}
		lineEnd := c.lineEnd(start)
		if lineEnd < len(c.paste) {
			lineEnd++
		}
		return c.addEdit(start, lineEnd, "")
	}
	return false
}

// removeQuery removes a query parameter from the URL.
func (c *reqChecker) removeQuery(name string) bool {
	text, start := c.lineText(c.req.URLLine)
	if start < 0 {
		return false
	}
	for _, sep := range []string{"?", "&"} {
		i := strings.Index(text, sep+name+"=")
		if i < 0 {
			continue
		}
		end := i + len(sep) + len(name) + 1
		for end < len(text) && !strings.ContainsRune("&#'\" \t\\`", rune(text[end])) {
			end++
		}
		if sep == "?" {
			if end < len(text) && text[end] == '&' {
				return c.addEdit(start+i+1, start+end+1, "")
			}
			return c.addEdit(start+i, start+end, "")
		}
		return c.addEdit(start+i, start+end, "")
	}
	return false
}

// moveQueryKey moves a key from the query string to the Authorization header.
func (c *reqChecker) moveQueryKey(name, key, scheme string) bool {
	// A variable moves as written; a placeholder or a masked key has no value to move.
	if k := PlaceholderKind(key); k != "" && k != "variable" {
		return false
	}
	return c.removeQuery(name) && c.addHeader("Authorization", scheme+" "+key)
}

// replaceUserFlag replaces curl's -u user:password with an Authorization header.
func (c *reqChecker) replaceUserFlag(value string) bool {
	if c.req.Form != "curl" {
		return false
	}
	line := c.lineOf(c.req.User)
	text, start := c.lineText(line)
	i := strings.Index(text, c.req.User)
	if i < 0 {
		return false
	}
	end := i + len(c.req.User)
	q := byte(0)
	if i > 0 && (text[i-1] == '\'' || text[i-1] == '"') {
		q = text[i-1]
		i--
		if end < len(text) && text[end] == q {
			end++
		}
	}
	head := strings.TrimRight(text[:i], " ")
	var flagStart int
	switch {
	case strings.HasSuffix(head, "--user"):
		flagStart = len(head) - 6
	case strings.HasSuffix(head, "-u"):
		flagStart = len(head) - 2
	default:
		return false
	}
	qs := string(c.quoteStyle())
	return c.addEdit(start+flagStart, start+end, "-H "+qs+"Authorization: "+value+qs)
}

// setContentTypeJSON makes the request send Content-Type: application/json.
func (c *reqChecker) setContentTypeJSON(h *reqparse.Header) bool {
	if h != nil {
		return c.fixHeaderValue(h, strings.TrimSpace(h.Value), "application/json")
	}
	return c.addHeader("Content-Type", "application/json")
}

// removeTrailingComma removes the comma before the } or ] at body offset off.
func (c *reqChecker) removeTrailingComma(off int) bool {
	i := trailingComma(c.req.Body, off)
	if i < 0 {
		return false
	}
	at := c.bodyOffset(i)
	if at < 0 || at >= len(c.paste) || c.paste[at] != ',' {
		return false
	}
	return c.addEdit(at, at+1, "")
}

// rawEnd returns the offset just past the JSON scalar that starts at off in s.
func rawEnd(s string, off int) int {
	if off >= len(s) {
		return -1
	}
	if s[off] != '"' {
		i := off
		for i < len(s) && strings.IndexByte("0123456789+-.eEtruefalsn", s[i]) >= 0 {
			i++
		}
		return i
	}
	for i := off + 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// bodyQuote is how a JSON double quote is written in the paste around the body: \" inside a
// double-quoted shell argument, " elsewhere.
func (c *reqChecker) bodyQuote() string {
	at := c.bodyOffset(0)
	if c.req.Form == "curl" && at > 0 && c.paste[at-1] == '"' {
		return `\"`
	}
	return `"`
}

// fixValue edits a body value: an enum near miss, a number or boolean that needs quotes or
// a quoted one that needs none.
func (c *reqChecker) fixValue(is *schema.Issue) bool {
	n := is.Node
	if n == nil || c.body == nil {
		return false
	}
	b := c.req.Body
	end := rawEnd(b, n.Off)
	if end < 0 {
		return false
	}
	start, stop := c.bodyOffset(n.Off), c.bodyOffset(end)
	if start < 0 || stop < start && c.req.Form != "httpie" { // httpie maps a closing } to the last item
		return false
	}
	switch is.Fix {
	case "enum":
		if n.Kind != jsonx.String || strings.ContainsAny(is.FixTo, `"\'`+"`$") {
			return false
		}
		in0, in1 := c.bodyOffset(n.Off+1), c.bodyOffset(end-1)
		if in0 < 0 || in1 < in0 || c.paste[in0:in1] != b[n.Off+1:end-1] {
			return false
		}
		return c.addEdit(in0, in1, is.FixTo)
	case "quote":
		if c.req.Form == "httpie" {
			// name:=5 sends raw JSON; name=5 sends the string.
			return start >= 2 && c.paste[start-2:start] == ":=" && strings.HasPrefix(c.paste[start:], b[n.Off:end]) &&
				c.addEdit(start-2, start, "=")
		}
		if stop < start || c.paste[start:stop] != b[n.Off:end] {
			return false
		}
		q := c.bodyQuote()
		return c.addEdit(start, stop, q+b[n.Off:end]+q)
	case "unquote":
		in0, in1 := c.bodyOffset(n.Off+1), c.bodyOffset(end-1)
		if in0 < 0 || in1 < in0 || c.paste[in0:in1] != b[n.Off+1:end-1] {
			return false
		}
		if c.req.Form == "httpie" {
			// name=5 sends the string; name:=5 sends raw JSON.
			return in0 >= 2 && c.paste[in0-1] == '=' && c.paste[in0-2] != ':' &&
				c.addEdit(in0-1, in0-1, ":") && c.addEdit(in0, in1, is.FixTo)
		}
		return stop >= start && c.addEdit(start, stop, is.FixTo)
	}
	return false
}

// fixedRequest applies the edits and returns the request's part of the paste.
func (c *reqChecker) fixedRequest() string {
	start := c.lineStart(c.req.StartLine)
	endLine := c.lineStart(c.req.EndLine)
	if start < 0 || endLine < 0 {
		return ""
	}
	end := c.lineEnd(endLine)
	c.updateContentLength()
	edits := append([]edit{}, c.fixes...)
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	prev := start
	for _, e := range edits {
		if e.start < start || e.end > end || e.start < prev {
			if e.start <= end && e.end > end {
				end = e.end
			} else {
				continue
			}
		}
		b.WriteString(c.paste[prev:e.start])
		b.WriteString(e.text)
		prev = e.end
	}
	if prev < end {
		b.WriteString(c.paste[prev:end])
	}
	return strings.TrimRight(b.String(), "\r\n")
}

// updateContentLength corrects a raw request's Content-Length after body edits.
func (c *reqChecker) updateContentLength() {
	if c.req.Form != "http" || c.req.Body == "" {
		return
	}
	bodyAt := c.bodyOffset(0)
	if bodyAt < 0 {
		return
	}
	delta, touched := 0, false
	for _, e := range c.fixes {
		if e.start >= bodyAt {
			delta += len(e.text) - (e.end - e.start)
			touched = true
		}
	}
	if !touched || delta == 0 {
		return
	}
	for i := range c.req.Headers {
		h := &c.req.Headers[i]
		if strings.EqualFold(h.Name, "Content-Length") {
			if n, err := strconv.Atoi(strings.TrimSpace(h.Value)); err == nil {
				c.fixHeaderValue(h, strings.TrimSpace(h.Value), strconv.Itoa(n+delta))
			}
		}
	}
}
