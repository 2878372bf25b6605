package reqcheck

import (
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/reqcheck/schema"
	"github.com/errdocs/errdocs/engine/reqparse"
	"github.com/errdocs/errdocs/internal/jsonx"
	"github.com/errdocs/errdocs/internal/printf"
)

// Checking the body: what the server reads of it (its Content-Type), its JSON syntax, and its
// fields against the operation's schema.

// maxIssues caps the field issues reported for one body, so a huge paste stays readable.
const maxIssues = 200

// mediaType returns a Content-Type's media type in lower case, without parameters.
func mediaType(ct string) string {
	mt, _, _ := strings.Cut(ct, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

func isJSONMedia(mt string) bool {
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

func (c *reqChecker) contentTypeHeader() *reqparse.Header {
	for i := range c.req.Headers {
		if strings.EqualFold(c.req.Headers[i].Name, "Content-Type") {
			return &c.req.Headers[i]
		}
	}
	return nil
}

// bodyPos maps a byte offset of the body to the paste.
func (c *reqChecker) bodyPos(off int) (int, int) {
	if l, col := reqparse.BodyPosition(c.req, off); l > 0 {
		return l, col
	}
	if c.req.BodyLine > 0 {
		return c.req.BodyLine, c.req.BodyCol
	}
	return c.req.StartLine, 0
}

// issuePos is where an issue sits in the paste: its key, its value, or the object that lacks it.
func (c *reqChecker) issuePos(is *schema.Issue) (int, int) {
	switch {
	case is.Header != "":
		for _, h := range c.req.Headers {
			if strings.EqualFold(h.Name, is.Header) {
				return h.Line, 0
			}
		}
	case is.Query != "":
		return c.req.URLLine, 0
	case is.Node != nil && is.Node.KeyOff >= 0:
		return c.bodyPos(is.Node.KeyOff)
	case is.Node != nil:
		return c.bodyPos(is.Node.Off)
	case is.Parent != nil:
		return c.bodyPos(is.Parent.Off)
	}
	return c.bodyPos(0)
}

func (c *reqChecker) checkBody() {
	op, req := c.op, c.req
	hasBody := strings.TrimSpace(req.Body) != "" || len(req.FormFields) > 0
	if op.Body == nil && len(op.MediaTypes) == 0 {
		if hasBody && (req.Method == "GET" || req.Method == "HEAD" || req.Method == "DELETE") {
			c.problem("info", ckContentType, op.Name()+" takes no body; the body sent is ignored.", "", req.BodyLine, req.BodyCol)
		}
		return
	}
	jsonOp, multipartOp := false, false
	for _, mt := range op.MediaTypes {
		mt = mediaType(mt)
		jsonOp = jsonOp || isJSONMedia(mt)
		multipartOp = multipartOp || mt == "multipart/form-data"
	}
	if req.BodyFile != "" {
		c.problem("info", ckContentType, "The body comes from "+bodyFileName(req.BodyFile)+", which is not in the paste, so its fields are not checked.", "", req.BodyLine, req.BodyCol)
		return
	}
	c.unresolved = map[string]bool{}
	for _, u := range req.Unresolved {
		if u.Pointer != "" {
			c.unresolved[u.Pointer] = true
		}
	}
	ct := mediaType(req.ContentType)
	if !hasBody {
		if req.Form == "http" && !contentLengthZero(req) {
			c.problem("info", ckContentType, "The paste shows no body, so the body is not checked. Paste the whole request, body included, to check it.", "", req.EndLine, 0)
			return
		}
		if !op.BodyRequired {
			return
		}
		if multipartOp && !jsonOp {
			c.checkForm()
			return
		}
		c.problem("warning", ckContentType, "The request sends no body; "+c.api.Name+" reads it as {}.", "", req.StartLine, 0)
		c.validateBody(&jsonx.Node{Kind: jsonx.Object, KeyOff: -1}, bodyRead)
		return
	}
	if multipartOp && (!jsonOp || ct == "multipart/form-data") {
		c.checkForm()
		return
	}
	if !jsonOp {
		return
	}
	root, end, cut, jerr := c.parseBody()
	complete := root != nil && jerr == nil && !cut && strings.TrimSpace(req.Body[end:]) == ""
	if !isJSONMedia(ct) {
		c.unreadBody(ct, complete)
		c.validateBody(&jsonx.Node{Kind: jsonx.Object, KeyOff: -1}, bodyUnread)
		if complete {
			c.body = root
			c.validateBody(root, bodyAfterFix)
		}
		return
	}
	if !complete {
		c.jsonProblem(root, end, cut, jerr)
		return
	}
	c.body = root
	c.validateBody(root, bodyRead)
}

func bodyFileName(f string) string {
	if f == "-" {
		return "standard input"
	}
	return f
}

func contentLengthZero(req *reqparse.Request) bool {
	v, ok := req.Header("Content-Length")
	return ok && strings.TrimSpace(v) == "0"
}

// parseBody parses the body as JSON, with offsets into req.Body.
func (c *reqChecker) parseBody() (*jsonx.Node, int, bool, *jsonx.SyntaxError) {
	b := c.req.Body
	lead := len(b) - len(strings.TrimLeft(b, " \t\r\n\ufeff"))
	root, end, cut, err := jsonx.Parse(b[lead:])
	root.Shift(lead)
	if err != nil {
		err.Off += lead
	}
	return root, end + lead, cut, err
}

// unreadBody reports a body the server does not read, for its Content-Type.
func (c *reqChecker) unreadBody(ct string, isJSON bool) {
	req := c.req
	h := c.contentTypeHeader()
	how := "with no Content-Type"
	switch {
	case h != nil:
		how = "as " + ct + " (its Content-Type header)"
	case req.Form == "curl" && ct == "application/x-www-form-urlencoded":
		how = "as application/x-www-form-urlencoded, which curl -d sets when no Content-Type is given"
	case req.Form == "curl" && ct == "multipart/form-data":
		how = "as multipart/form-data, which curl -F sets"
	case req.Form == "fetch" && ct == "text/plain":
		how = "as text/plain, which fetch sets for a string body"
	case req.Form == "fetch" && ct != "":
		how = "as " + ct + ", which fetch sets for this kind of body"
	case ct != "":
		how = "as " + ct
	}
	msg := "The body goes " + how + ". " + c.api.Name + " reads only JSON bodies, so it sees {} and reports every required field as missing."
	if isJSON {
		msg += " Send the header Content-Type: application/json"
		if req.Form == "curl" {
			msg += " (-H 'Content-Type: application/json', or use --json)"
		}
		msg += "."
	} else {
		msg += " Send the fields as a JSON object, with Content-Type: application/json."
	}
	line, col := req.BodyLine, req.BodyCol
	if h != nil {
		line, col = h.Line, c.headerCol(h)
	}
	c.problem("error", ckContentType, msg, "", line, col)
	if !isJSON || !c.setContentTypeJSON(h) {
		c.unfixable = true
	}
}

// jsonProblem reports a body that is not valid JSON.
func (c *reqChecker) jsonProblem(root *jsonx.Node, end int, cut bool, jerr *jsonx.SyntaxError) {
	off, msg := end, "unexpected text after the JSON value"
	switch {
	case jerr != nil:
		off, msg = jerr.Off, jerr.Msg
	case cut:
		off, msg = len(c.req.Body), "the body ends before the JSON value is complete"
	case root == nil:
		off, msg = 0, "no JSON value"
	}
	line, col := c.bodyPos(off)
	c.problem("error", ckBodyJSON, "The body is not valid JSON: "+msg+" (line "+strconv.Itoa(line)+", column "+strconv.Itoa(col)+").", "", line, col)
	c.fail(ckBodyJSON, &schema.Issue{Keyword: "json", Message: "must be valid JSON", Code: "invalid_json"})
	if jerr == nil || !strings.HasPrefix(jerr.Msg, "trailing comma") || !c.removeTrailingComma(jerr.Off) {
		c.unfixable = true
		return
	}
	// Check the body the fix makes: the comma blanked out keeps every offset.
	if comma := trailingComma(c.req.Body, jerr.Off); comma >= 0 {
		fixed := c.req.Body[:comma] + " " + c.req.Body[comma+1:]
		lead := len(fixed) - len(strings.TrimLeft(fixed, " \t\r\n\ufeff"))
		root, end, cut, err := jsonx.Parse(fixed[lead:])
		root.Shift(lead)
		if root == nil || err != nil || cut || strings.TrimSpace(fixed[lead+end:]) != "" {
			c.unfixable = true
			return
		}
		c.body = root
		c.validateBody(root, bodyAfterFix)
	}
}

// trailingComma finds the comma before the } or ] at off, or -1.
func trailingComma(b string, off int) int {
	i := off - 1
	for i >= 0 && strings.IndexByte(" \t\r\n", b[i]) >= 0 {
		i--
	}
	if i < 0 || b[i] != ',' {
		return -1
	}
	return i
}

// How validateBody treats a body.
const (
	// bodyRead is the body the server reads: its issues decide the answer.
	bodyRead = iota
	// bodyUnread is the {} a server sees for a body it does not read: its issues decide the
	// answer, but the problem is the Content-Type, reported on its own.
	bodyUnread
	// bodyAfterFix is the body as the server will read it once another fix is made (the
	// Content-Type, a trailing comma): its issues do not decide this answer, but they need fixes
	// of their own for the corrected request to pass.
	bodyAfterFix
)

// validateBody checks a parsed body against the operation's schema.
func (c *reqChecker) validateBody(root *jsonx.Node, mode int) {
	v := c.newValidator()
	issues, _ := v.Validate(root, c.op.Body, nil, false)
	if len(issues) > maxIssues {
		c.problem("warning", c.bodyCheck(issues[maxIssues]), "The body has "+strconv.Itoa(len(issues))+" problems; the first "+strconv.Itoa(maxIssues)+" are shown.", "", 0, 0)
		issues = issues[:maxIssues]
	}
	// An operation whose documented checks leave out the body does not refuse what its
	// schema says: a departure is advice.
	unchecked := !c.checks(ckBodySchema) && !c.checks(ckBodyRequired) && !c.checks(ckBodyInvalid)
	blockingCount := 0
	for _, is := range issues {
		note := ""
		if unchecked && !is.Lenient {
			is.Lenient = true
			note = " " + c.api.Name + " does not check this on " + c.op.Name() + ", as documented."
		}
		sev := "error"
		if is.Lenient {
			sev = "warning"
		} else {
			blockingCount++
		}
		line, col := c.issuePos(is)
		msg := fieldLabel(is) + ": " + is.Message
		if is.Node != nil && (is.Node.Kind == jsonx.String || is.Node.Kind == jsonx.Number || is.Node.Kind == jsonx.Bool) && is.Keyword != "required" {
			msg += " (got " + printf.Clip(quoteIfString(is.Node), 60) + ")"
		}
		if is.Hint != "" {
			msg += ". " + is.Hint
		} else {
			msg += "."
		}
		msg += note
		switch mode {
		case bodyUnread:
			sev = "info"
		case bodyAfterFix:
			if is.Lenient {
				continue
			}
			msg = "Once the body is read: " + msg
		}
		c.problem(sev, c.bodyCheck(is), msg, is.Pointer(), line, col)
		if is.Lenient {
			continue
		}
		if mode != bodyAfterFix {
			c.fail(c.bodyCheck(is), is)
		}
		if mode != bodyUnread && (is.Fix == "" || !c.fixValue(is)) {
			c.unfixable = true
		}
	}
	if blockingCount > 0 {
		return
	}
	fail := func(f *failure) {
		if mode != bodyAfterFix {
			c.failures = append(c.failures, f)
		}
		c.unfixable = true
	}
	prefix := ""
	if mode == bodyAfterFix {
		prefix = "Once the body is read: "
	}
	for _, a := range v.Answers {
		f := &failure{check: c.answerCheck(), answer: a.Issue}
		fail(f)
		line, col := c.bodyPos(a.Node.Off)
		msg := a.Issue.Message
		if msg == "" {
			msg = "The body breaks a rule of " + c.op.Name()
		}
		c.problem("error", f.check, prefix+msg+".", schema.JSONPointer(a.Path), line, col)
	}
	for _, r := range v.Reserved {
		vars := schema.Vars{Value: r.Node.Str}
		is := &schema.Issue{Path: r.Path, Keyword: "reserved", Node: r.Node, Code: r.Issue.Code,
			Message: schema.Expand(r.Issue.Message, vars), Received: schema.Expand(r.Issue.Received, vars)}
		if r.Issue.Field != "" {
			is.Path = strings.Split(r.Issue.Field, ".")
		}
		f := &failure{check: ckReserved, issues: []*schema.Issue{is}, message: r.Issue.ErrorMessage, ownIssues: true}
		fail(f)
		line, col := c.issuePos(is)
		c.problem("error", ckReserved, prefix+fieldLabel(is)+": "+is.Message+".", is.Pointer(), line, col)
	}
	for _, n := range v.Needed {
		is := &schema.Issue{Path: n.Path, Keyword: "required", Parent: n.Parent, Code: n.Need.Issue.Code,
			Message: n.Need.Issue.Message}
		line, col := c.issuePos(is)
		if n.Maybe {
			c.problem("info", n.Need.When, fieldLabel(is)+": not sent, so it must come from the "+joinOr(n.Need.Unless)+".", is.Pointer(), line, col)
			continue
		}
		fail(&failure{check: n.Need.When, issues: []*schema.Issue{is}, message: n.Need.Issue.ErrorMessage, ownIssues: true})
		c.problem("error", n.Need.When, prefix+fieldLabel(is)+": "+is.Message+".", is.Pointer(), line, col)
	}
}

// answerCheck is the check a rule with an answer of its own fails.
func (c *reqChecker) answerCheck() string {
	for _, o := range c.op.Order {
		if o == ckBodyRequired || o == ckBodyInvalid {
			return o
		}
	}
	return c.bodyCheck(&schema.Issue{})
}

func fieldLabel(is *schema.Issue) string {
	if len(is.Path) == 0 {
		return "The body"
	}
	return "`" + is.Dotted() + "`"
}

func quoteIfString(n *jsonx.Node) string {
	if n.Kind == jsonx.String {
		return strconv.Quote(n.Str)
	}
	return n.Str
}

// checkForm checks a multipart body: the parts the schema requires must be there.
func (c *reqChecker) checkForm() {
	s := c.newValidator().Resolve(c.op.Body)
	if s == nil {
		return
	}
	root := &jsonx.Node{Kind: jsonx.Object, KeyOff: -1}
	for _, f := range c.req.FormFields {
		root.Vals = append(root.Vals, &jsonx.Node{Kind: jsonx.String, Key: f.Name, Str: f.Value, KeyOff: -1})
	}
	v := c.newValidator()
	for _, name := range s.Required {
		if schema.Member(root, name) != nil {
			continue
		}
		var ps *catalog.Schema
		for _, p := range s.Properties {
			if p.Name == name {
				ps = p.Schema
			}
		}
		is := v.RequiredIssue(s, ps, []string{name}, root, false)
		c.problem("error", c.bodyCheck(is), "The form has no part named "+name+" (with curl: -F '"+name+"=@file').", "/"+name, c.req.StartLine, 0)
		c.fail(c.bodyCheck(is), is)
		c.unfixable = true
	}
}
