package engine

import (
	"slices"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/reqcheck"
	"github.com/errdocs/errdocs/engine/reqparse"
	"github.com/errdocs/errdocs/engine/secrets"
	"github.com/errdocs/errdocs/internal/instant"
	"github.com/errdocs/errdocs/internal/jsonx"
	"github.com/errdocs/errdocs/internal/printf"
)

// Options are the inputs of Explain besides the catalog and the paste. The zero Options is
// what the command and the playground use.
type Options struct {
	// Now is the clock a Retry-After date (or a reset given as Unix time) counts from when the
	// response has no Date header. The engine does not read the system clock itself (the
	// WebAssembly module links no package time): the command passes time.Now's instant, the
	// playground JavaScript's Date.now(), tests a fixed instant. nil means no clock: such a
	// date then gives no wait.
	Now func() instant.Time

	// fired, when set, hears the name of each rule that adds a problem (TestRules).
	fired func(rule string)
}

// options returns the first of opts, with its defaults filled in.
func options(opts []Options) Options {
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	return o
}

// Explain reads a paste and says what it is, what went wrong and what to do. It never panics
// and always returns a verdict: an empty, unreadable or unknown paste gets one too, with the
// reason among its problems. cat may hold no APIs. At most one Options is used; none means
// the zero Options.
func Explain(cat *catalog.Catalog, text string, opts ...Options) *Verdict {
	return explain(cat, text, options(opts), nil)
}

// Masked is a paste with its secrets masked, and a description of each secret, as Redact
// returns them.
type Masked struct {
	Text  string
	Found []string
}

// ExplainMasked is Explain, and also masks the paste exactly as Redact does, from the same
// search for secrets: the playground shows the masked paste beside the verdict, and calling
// Redact as well would search the paste a second time.
func ExplainMasked(cat *catalog.Catalog, text string, opts ...Options) (*Verdict, Masked) {
	var m Masked
	v := explain(cat, text, options(opts), &m)
	return v, m
}

func explain(cat *catalog.Catalog, text string, opt Options, mask *Masked) (v *Verdict) {
	defer func() {
		if r := recover(); r != nil {
			v = FailedVerdict(r)
		}
		found := redactVerdict(cat, text, v)
		if mask != nil {
			if len(text) > MaxPaste {
				// The verdict's search stopped at MaxPaste; Redact reads the whole text.
				found = secrets.Find(cat, text)
			}
			mask.Text, mask.Found = secrets.Apply(text, found), describe(found, text)
		}
	}()
	if cat == nil {
		cat = &catalog.Catalog{}
	}
	e := &explainer{cat: cat, now: opt.Now, fired: opt.fired, v: newVerdict(), p: read(text)}
	e.run()
	return e.v
}

// FailedVerdict is the verdict for a paste errdocs failed on, with the failure (a recovered
// panic) among its problems. Explain returns it when it panics; the playground's shim, for a
// panic of its own.
func FailedVerdict(failure any) *Verdict {
	v := newVerdict()
	v.Problems = append(v.Problems, Problem{Severity: "error",
		Message: printf.Sprintf("errdocs failed on this paste (%v). Please report it, with the paste if you can share it.", failure)})
	return v
}

func newVerdict() *Verdict {
	return &Verdict{Input: "unknown", Confidence: "low", Fix: []string{}, Fields: []Field{},
		Problems: []Problem{}, Redacted: []string{}, Retry: Retry{Strategy: "never", Schedule: []float64{}, Plan: "Do not retry"}}
}

// maxMessage and maxFields bound what a verdict quotes from a body.
const (
	maxMessage = 2000
	maxFields  = 200
)

type explainer struct {
	cat *catalog.Catalog
	// now is the clock (Options.Now); nil for none.
	now func() instant.Time
	// fired, when set, hears the name of each rule that adds a problem (tests only).
	fired func(rule string)
	v     *Verdict
	p     *paste
	b     *body
	// api and shape are the chosen API and shape; entry the catalog entry.
	api   *catalog.API
	shape *catalog.Shape
	entry *catalog.Entry
	f     fields
	// bodyStatus is the status the body states; wireStatus the status line's.
	bodyStatus, wireStatus int
	// rb is the pasted request's body, read once.
	rb *requestBody
	// ph is the placeholder credential the request sent, when the response refuses its key.
	ph *sentKey
}

func (e *explainer) problem(sev, msg string, off int) {
	pr := Problem{Severity: sev, Message: msg}
	if off >= 0 {
		pr.Line, pr.Column = e.p.pos(off)
	}
	e.v.Problems = append(e.v.Problems, pr)
}

func (e *explainer) run() {
	p, v := e.p, e.v
	defer func() { v.Problems = append(append([]Problem{}, p.problems...), v.Problems...) }()
	switch p.form {
	case "empty":
		v.Title = "Nothing to explain"
		v.Meaning = "The paste is empty."
		v.Fix = []string{"Paste an HTTP response (for example the output of curl -i), a log line with the error body, the body alone, or the request you are about to send."}
		return
	case "binary":
		v.Title = "Not text"
		v.Meaning = "The paste is binary data, not an HTTP message or a JSON body."
		return
	}
	if p.resp == nil {
		e.explainRequest()
		return
	}
	v.Input = "response"
	r := p.resp
	ct, _ := r.header("Content-Type")
	e.b = readBody(e.cat, r.body, ct, r.header)
	v.Dialect = e.b.dialect
	e.wireStatus = r.status
	e.chooseAPI()
	e.usePreset()
	e.readFields()
	e.pickStatus()
	e.lookup()
	e.describe()
	e.advise()
	e.checkSentKey()
	e.mapFields()
	e.check()
	if e.p.req != nil {
		e.checkRequest()
	}
}

// chooseAPI is step 3: weigh the evidence for each API.
func (e *explainer) chooseAPI() {
	type cand struct {
		api   *catalog.API
		shape *catalog.Shape
		score int
	}
	var best, second cand
	for _, a := range e.cat.APIs {
		c := cand{api: a}
		for _, m := range e.b.candidates {
			if m.api == a {
				c.shape, c.score = m.shape, m.score
				break
			}
		}
		c.score += e.hostEvidence(a) + e.keyEvidence(a) + e.headerEvidence(a) + e.bodyEvidence(a)
		if c.score > best.score {
			best, second = c, best
		} else if c.score > second.score {
			second = c
		}
	}
	if best.api == nil || best.score < 1 {
		if e.b.dialect == "problem+json" {
			e.v.Confidence = "medium"
		}
		return
	}
	e.api, e.shape = best.api, best.shape
	e.v.API = best.api.ID
	switch gap := best.score - second.score; {
	case best.score >= 5 && gap >= 3:
		e.v.Confidence = "high"
	case best.score >= 3 && gap >= 2:
		e.v.Confidence = "medium"
	default:
		e.v.Confidence = "low"
	}
	if e.shape != nil {
		e.v.Dialect = e.shape.Name
	}
}

// urls are the URLs the paste talks about: the request's, then any in the text.
func (e *explainer) urls() []string {
	var out []string
	if e.p.req != nil {
		if e.p.req.URL != "" {
			out = append(out, e.p.req.URL)
		}
		if h := e.p.req.Host; h != "" {
			out = append(out, "https://"+h+e.p.req.Path)
		}
	}
	return append(out, e.p.urls...)
}

func (e *explainer) hostEvidence(a *catalog.API) int {
	score := 0
	for i, raw := range e.urls() {
		host, path := splitURL(raw)
		if host == "" {
			continue
		}
		for _, h := range a.Hosts {
			if host == h || strings.HasPrefix(h, "*.") && strings.HasSuffix(host, h[1:]) {
				if i == 0 && e.p.req != nil && e.p.resp.statusLine > 0 {
					return 8 // the request's host answered, whatever its path or key say
				}
				return 4
			}
		}
		for _, pre := range a.PathPrefixes {
			if strings.HasPrefix(path, pre) {
				score = 2
			}
		}
	}
	if e.p.req != nil && score == 0 {
		for _, pre := range a.PathPrefixes {
			if strings.HasPrefix(e.p.req.Path, pre) {
				score = 2
			}
		}
	}
	return score
}

// keyKind returns the kind of the API key the paste shows for a, or "".
func (e *explainer) keyKind(a *catalog.API) string {
	if a == nil {
		return ""
	}
	if e.p.req != nil {
		auth, ok := e.p.req.Header("Authorization")
		if !ok {
			return "none"
		}
		_, tok := reqcheck.SplitCredential(auth)
		// A placeholder is no key of any kind, even with a prefix ("sk_YOUR_KEY"); a masked key
		// keeps its prefix, and so its kind ("pck_live_****c450").
		if reqcheck.KeyPlaceholder(a, tok) != "" {
			return "other"
		}
		if k := reqcheck.KeyKindOf(a, tok); k != nil {
			return k.Kind
		}
		return "other"
	}
	return ""
}

func (e *explainer) keyEvidence(a *catalog.API) int {
	text := e.p.text
	if len(text) > 1<<20 {
		text = text[:1<<20]
	}
	for _, k := range a.Keys {
		// Short prefixes such as "sk_" are shared with other vendors; a longer one is a signature.
		if i := strings.Index(text, k.Prefix); i >= 0 {
			if len(k.Prefix) >= 5 {
				return 4
			}
			if e.p.req != nil {
				if auth, ok := e.p.req.Header("Authorization"); ok && strings.Contains(auth, k.Prefix) &&
					!strings.Contains(auth, k.Prefix+"live_") && !strings.Contains(auth, k.Prefix+"test_") {
					return 3
				}
			}
			return 1
		}
	}
	return 0
}

func (e *explainer) headerEvidence(a *catalog.API) int {
	for _, h := range a.Headers.Identifying {
		if _, ok := e.p.resp.header(h); ok {
			return 1
		}
	}
	return 0
}

// bodyEvidence is 1 when a body no error shape fits has the top level of a's success answers or
// webhook payloads, and of no other API's (catalog.APIOfBody).
func (e *explainer) bodyEvidence(a *catalog.API) int {
	if r := e.b.root; r != nil && len(e.b.candidates) == 0 && e.cat.APIOfBody(r.MemberForms()) == a {
		return 1
	}
	return 0
}

// readFields reads code, message, status, request id and issues from the body.
func (e *explainer) readFields() {
	switch {
	case e.shape != nil:
		e.f = e.b.read(e.shape)
	case e.b.dialect == "problem+json":
		e.f = e.b.readProblem()
	case e.b.root != nil && e.b.root.Kind == jsonx.Object:
		e.f = genericFields(e.b.root)
	}
	e.bodyStatus = e.f.status
	// A verdict quotes the body, it does not echo it: over-long values are cut.
	if len(e.f.message) > maxMessage {
		e.problem("info", printf.Sprintf("The error message is %d bytes long; the verdict shows its first %d.", len(e.f.message), maxMessage), -1)
		e.f.message = printf.Clip(e.f.message, maxMessage)
	}
	e.f.code, e.f.requestID = printf.Clip(e.f.code, 200), printf.Clip(e.f.requestID, 200)
	e.f.category, e.f.subCode, e.f.docURL = printf.Clip(e.f.category, 200), printf.Clip(e.f.subCode, 200), printf.Clip(e.f.docURL, 500)
	for i := range e.f.issues {
		is := &e.f.issues[i]
		is.path, is.message, is.code = printf.Clip(is.path, 500), printf.Clip(is.message, 1000), printf.Clip(is.code, 100)
	}
	if len(e.f.issues) > maxFields {
		e.problem("info", printf.Sprintf("The body lists %d field issues; the verdict shows the first %d.", len(e.f.issues), maxFields), -1)
		e.f.issues = e.f.issues[:maxFields]
	}
	e.v.Code, e.v.Category, e.v.SubCode, e.v.DocURL = e.f.code, e.f.category, e.f.subCode, e.f.docURL
	e.v.Message = e.f.message
	e.v.RequestID = e.f.requestID
	if e.api != nil && e.api.Headers.RequestID != "" {
		if h, ok := e.p.resp.header(e.api.Headers.RequestID); ok && e.v.RequestID == "" {
			e.v.RequestID = h
		}
	}
	if e.v.RequestID == "" {
		for _, name := range []string{"X-Request-ID", "X-Request-Id", "Request-Id", "X-Correlation-ID", "X-Amzn-RequestId", "CF-Ray", "X-Amz-Cf-Id"} {
			if h, ok := e.p.resp.header(name); ok {
				e.v.RequestID = h
				break
			}
		}
	}
}

// genericFields reads the commonest spellings from JSON that fits no declared shape.
func genericFields(root *jsonx.Node) fields {
	var f fields
	pick := func(paths ...string) string {
		for _, p := range paths {
			if t := root.Get(p).Text(); t != "" {
				return t
			}
		}
		return ""
	}
	f.code = pick("error.code", "code", "error_code", "errorCode", "error.type", "type")
	if n := root.Get("error"); n != nil && n.Kind == jsonx.String {
		f.message = n.Str
	}
	if f.message == "" {
		f.message = pick("error.message", "message", "detail", "error_description", "msg")
	}
	f.status = atoiStatus(pick("status", "statusCode", "status_code", "error.status", "error.statusCode"))
	f.requestID = pick("requestId", "request_id", "error.requestId", "error.request_id", "traceId", "trace_id")
	return f
}

// pickStatus settles the verdict's status: the status line's, else the body's, else one named
// around the body in a log, else one in an HTML page's title.
func (e *explainer) pickStatus() {
	s := e.wireStatus
	if s == 0 {
		s = e.bodyStatus
	}
	if s == 0 {
		s = e.p.statusHint
	}
	if s == 0 && e.b.dialect == "html" {
		s = statusIn(e.b.htmlTitle)
	}
	e.v.Status = s
}

// lookup finds the catalog entry for the code, status, shape and message.
func (e *explainer) lookup() {
	if e.api == nil {
		return
	}
	code, status, msg := e.v.Code, e.v.Status, e.v.Message
	shapeName := ""
	if e.shape != nil {
		shapeName = e.shape.Name
	}
	fitsShape := func(x *catalog.Entry) bool { return x.Shape == "" || x.Shape == shapeName }
	var sameCode []*catalog.Entry
	if code != "" {
		for _, x := range e.api.Errors {
			if x.Code == code && fitsShape(x) {
				sameCode = append(sameCode, x)
			}
		}
	}
	if len(sameCode) > 0 {
		e.v.Known = true
		e.entry = bestEntry(sameCode, status, msg)
		return
	}
	// An unknown code, or none: fall back to the codeless page for this shape and status.
	// With no JSON body at all, the codeless page of an API with one shape stands for its status.
	var codeless []*catalog.Entry
	for _, x := range e.api.Errors {
		if x.Code == "" && (fitsShape(x) || e.shape == nil && e.b.root == nil && len(e.api.Shapes) == 1) {
			codeless = append(codeless, x)
		}
	}
	if len(codeless) > 0 && (e.shape != nil || status != 0) {
		best := bestEntry(codeless, status, msg)
		if best.HasStatus(status) || best.Shape != "" && best.Shape == shapeName {
			e.entry = best
		}
	}
}

// bestEntry picks among entries of one code: the status must fit, then a When that matches the
// message beats no When.
func bestEntry(list []*catalog.Entry, status int, msg string) *catalog.Entry {
	score := func(x *catalog.Entry) int {
		s := 0
		if x.HasStatus(status) {
			s += 4
		}
		if x.Status == status {
			s++
		}
		if x.When != "" {
			if x.WhenMatches(msg) {
				s += 2
			} else {
				s -= 8
			}
		}
		return s
	}
	best := list[0]
	for _, x := range list[1:] {
		if score(x) > score(best) {
			best = x
		}
	}
	return best
}

// describe fills title, meaning, fix and docs from the entry, or in general terms.
func (e *explainer) describe() {
	v := e.v
	if x := e.entry; x != nil {
		v.Title, v.Meaning, v.Docs = x.Title, x.Meaning, x.Docs
		v.Fix = append([]string{}, x.Fix...)
		if x.Code == "" && v.Code != "" {
			// A codeless page stands in for an unknown code: keep the code as sent.
			v.Known = false
		}
		return
	}
	if e.api != nil {
		v.Docs = e.api.Docs
	}
	status := v.Status
	switch e.b.dialect {
	case "html":
		who := "A proxy, load balancer or CDN"
		if e.b.htmlServer != "" {
			who = e.b.htmlServer
		}
		v.Title = "HTML error page"
		if e.b.htmlTitle != "" {
			v.Title = "HTML error page: " + e.b.htmlTitle
		}
		v.Meaning = who + " answered with an HTML page instead of the API's JSON error. The request may never have reached the API."
		v.Fix = htmlFix(status)
	case "empty":
		v.Title = statusTitle(status)
		v.Meaning = "The response has no body, so only its status speaks. " + statusMeaning(status)
	default:
		v.Title = statusTitle(status)
		if v.Code != "" {
			v.Title = v.Code
			if status != 0 {
				v.Title = v.Code + " (" + catalog.StatusText(status) + ")"
			}
		}
		v.Meaning = statusMeaning(status)
		if status == 0 && e.api != nil {
			v.Meaning = "The body is " + e.api.Name + "'s, but errdocs could not tell what status it had."
		}
	}
	if len(v.Fix) == 0 && status >= 400 {
		v.Fix = statusFix(status)
	}
}

func htmlCause(status int) string {
	switch status {
	case 502:
		return "The proxy could not get an answer from the API server behind it: the server was down, restarting, or refused the connection."
	case 503:
		return "The proxy or the service behind it is overloaded or in maintenance."
	case 504:
		return "The API server behind the proxy took longer than the proxy's timeout to answer."
	case 413:
		return "The request body is larger than the proxy allows."
	case 403, 429:
		return "A firewall or CDN rule refused the request before it reached the API."
	case 404:
		return "The URL reached a web server, but not the API: check the host and the path."
	}
	return ""
}

func htmlFix(status int) []string {
	switch {
	case status == 502 || status == 503 || status == 504:
		return []string{"Retry with exponential backoff: the service behind the proxy was down, restarting or too slow.",
			"If it persists, check the API's status page; if you host it yourself, check that the API process is running and reachable from the proxy."}
	case status == 413:
		return []string{"Send a smaller body: the proxy refused it before the API saw it."}
	case status == 403 || status == 429:
		return []string{"A web application firewall or CDN refused the request. Send it from a server rather than a browser extension or VPN, and include the headers the API documents."}
	}
	return []string{"Check the URL: an HTML page often means the request went to a website, not to the API's host or path."}
}

// cause picks the likeliest cause in this instance.
func (e *explainer) cause() string {
	v := e.v
	if e.ph != nil {
		return e.ph.message
	}
	if c := e.contentTypeCause(); c != "" {
		return c
	}
	if c := e.missingFieldCause(); c != "" {
		return c
	}
	if x := e.entry; x != nil {
		kind := e.keyKind(e.api)
		// Distinct messages only: a list of issues often repeats one message many times.
		msgs := make([]string, 0, len(e.f.issues))
		for _, is := range e.f.issues {
			if !slices.Contains(msgs, is.message) {
				msgs = append(msgs, is.message)
			}
		}
		// Without a header block, no header condition can be judged.
		var has func(string) bool
		if e.p.resp.statusLine > 0 || len(e.p.resp.headers) > 0 {
			has = func(name string) bool { _, ok := e.p.resp.header(name); return ok }
		}
		for i := range x.Hints {
			if x.Hints[i].MatchesCodes(v.Category, v.SubCode) && x.Hints[i].Matches(v.Message, kind, has, msgs) {
				return x.Hints[i].Cause
			}
		}
	}
	if v.Message != "" {
		return "The API said: " + printf.Clip(v.Message, 300)
	}
	if e.entry != nil && len(e.entry.Causes) > 0 {
		return "Most often: " + e.entry.Causes[0]
	}
	if e.b.dialect == "html" {
		return htmlCause(v.Status)
	}
	return ""
}

// contentTypeCause spots a body sent without a JSON content type: the API reads it as empty,
// so every field it needs comes back as required.
func (e *explainer) contentTypeCause() string {
	req := e.p.req
	if req == nil || len(e.f.issues) == 0 || strings.TrimSpace(req.Body) == "" {
		return ""
	}
	for _, is := range e.f.issues {
		if !isRequiredMessage(is.message, is.code) {
			return ""
		}
	}
	ct := strings.ToLower(req.ContentType)
	if strings.Contains(ct, "json") {
		return ""
	}
	sent := 0
	for _, is := range e.f.issues {
		if e.reqBody().has(is.path) {
			sent++
		}
	}
	if sent == 0 {
		return ""
	}
	how := "with no Content-Type"
	if ct != "" {
		how = "as " + ct
	}
	return printf.Sprintf("Every field came back as required, yet the request sends them: the body went %s, which the API does not parse, so it saw an empty body. Add the header Content-Type: application/json (with curl: -H 'Content-Type: application/json', or use --json).", how)
}

// missingFieldCause names the required fields a JSON request body leaves out.
func (e *explainer) missingFieldCause() string {
	req := e.p.req
	if req == nil || len(e.f.issues) == 0 {
		return ""
	}
	var missing []string
	for _, is := range e.f.issues {
		if isRequiredMessage(is.message, is.code) && !e.reqBody().has(is.path) {
			missing = append(missing, "`"+is.path+"`")
		}
	}
	if len(missing) == 0 {
		return ""
	}
	return printf.Sprintf("The request body has no %s.", joinAnd(missing))
}

func isRequiredMessage(msg, code string) bool {
	if code == "required" {
		return true
	}
	m := strings.TrimSpace(msg)
	if len(m) < 8 || !strings.Contains(m, "equired") && !strings.Contains(m, "EQUIRED") {
		return false
	}
	m = strings.ToLower(m)
	return m == "required" || strings.HasSuffix(m, " is required") ||
		strings.Contains(m, "missing required") || strings.HasPrefix(m, "required:")
}

// splitURL returns the lower-cased host (without port or user information) and the path of an
// absolute URL; host is "" when raw is not one.
func splitURL(raw string) (host, path string) {
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return "", ""
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	host, path = rest[:end], rest[end:]
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if strings.HasPrefix(host, "[") {
		if i := strings.IndexByte(host, ']'); i >= 0 {
			host = host[1:i]
		}
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	return strings.ToLower(host), path
}

// reqBody returns the pasted request's body, read on first use.
func (e *explainer) reqBody() *requestBody {
	if e.rb == nil {
		e.rb = readRequestBody(e.p.req.Body)
	}
	return e.rb
}

func hasPrefixIn(s string, prefixes []string) bool {
	return slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(s, p) })
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// mapFields fills the verdict's field issues with hints and lines.
func (e *explainer) mapFields() {
	var reqRoot *jsonx.Node
	var req *reqparse.Request = e.p.req
	if req != nil && strings.HasPrefix(strings.TrimSpace(req.Body), "{") {
		lead := len(req.Body) - len(strings.TrimLeft(req.Body, " \t\r\n"))
		reqRoot, _, _, _ = jsonx.Parse(req.Body[lead:])
		reqRoot.Shift(lead)
	}
	// Issues often repeat one message for many paths: the hint's wording work is done once per
	// message and code, and the path put in after.
	type hintKey struct{ message, code string }
	hints := map[hintKey]string{}
	for _, is := range e.f.issues {
		var hint string
		if is.path == "" {
			hint = fieldHint(is)
		} else {
			k := hintKey{is.message, is.code}
			h, ok := hints[k]
			if !ok {
				h = fieldHint(issue{path: "\x00", message: is.message, code: is.code})
				hints[k] = h
			}
			hint = strings.ReplaceAll(h, "\x00", is.path)
		}
		f := Field{Path: is.path, Message: is.message, Code: is.code, Hint: hint}
		if reqRoot != nil {
			if n := reqRoot.Get(is.path); n != nil {
				off := n.KeyOff
				if off < 0 {
					off = n.Off
				}
				f.Line, _ = reqparse.BodyPosition(req, off)
			} else if req.BodyLine > 0 {
				f.Line = req.BodyLine
			}
		}
		if f.Line == 0 {
			f.Line = e.p.lineAt(e.p.resp.at(is.off))
		}
		e.v.Fields = append(e.v.Fields, f)
	}
	e.v.Cause = e.cause()
}

// sortProblems orders problems by severity, keeping their order within one severity.
func sortProblems(ps []Problem) {
	out := make([]Problem, 0, len(ps))
	for _, sev := range [...]string{"error", "warning", "info"} {
		for _, p := range ps {
			if p.Severity == sev {
				out = append(out, p)
			}
		}
	}
	copy(ps, out)
}
