package reqcheck

import (
	"encoding/base64"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/reqcheck/schema"
	"github.com/errdocs/errdocs/engine/reqparse"
	"github.com/errdocs/errdocs/internal/ascii"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// The checks on a request's parts: the Authorization header and the key, the other headers the
// operation declares, the path and query parameters, and the body.

// queryKeyNames are query parameters people put API keys in.
var queryKeyNames = []string{"api_key", "apikey", "apiKey", "api-key", "key", "token", "access_token",
	"accessToken", "auth", "secret", "authorization"}

// authHeader returns the Authorization header the request sends, or nil. A curl -u user:password
// sends Basic credentials; it is returned as such with fromUser set.
func (c *reqChecker) authHeader() (h *reqparse.Header, fromUser bool) {
	for i := range c.req.Headers {
		if strings.EqualFold(c.req.Headers[i].Name, "Authorization") {
			return &c.req.Headers[i], false
		}
	}
	if c.req.User != "" {
		return &reqparse.Header{Name: "Authorization",
			Value: "Basic " + base64.StdEncoding.EncodeToString([]byte(c.req.User)),
			Line:  c.lineOf(c.req.User)}, true
	}
	return nil, false
}

// queryKey finds a query parameter that carries an API key.
func (c *reqChecker) queryKey() (name, value string) {
	keys := make([]string, 0, len(c.req.Query))
	for k := range c.req.Query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range c.req.Query[k] {
			if kf := KeyKindOf(c.api, v); kf != nil && len(v) > len(kf.Prefix)+3 {
				return k, v
			}
		}
	}
	for _, k := range keys {
		if slices.Contains(queryKeyNames, k) && len(c.req.Query[k]) > 0 && c.req.Query[k][0] != "" {
			if !c.declaresQuery(k) {
				return k, c.req.Query[k][0]
			}
		}
	}
	return "", ""
}

func (c *reqChecker) declaresQuery(name string) bool {
	for _, p := range c.op.Params {
		if p.In == "query" && p.Name == name {
			return true
		}
	}
	return false
}

// keyFormat returns the API's key format of a kind.
func (c *reqChecker) keyFormat(kind string) *catalog.KeyFormat {
	for i := range c.api.Keys {
		if c.api.Keys[i].Kind == kind {
			return &c.api.Keys[i]
		}
	}
	return nil
}

func (c *reqChecker) prefixes() string {
	var ps []string
	for _, k := range c.api.Keys {
		ps = append(ps, k.Prefix)
	}
	return joinOr(ps)
}

func (c *reqChecker) checkAuth() {
	op, api := c.op, c.api
	h, fromUser := c.authHeader()
	qName, qVal := c.queryKey()
	if op.Scope == "none" {
		if h != nil {
			c.problem("info", ckAuthMissing, op.Name()+" takes no API key: the secret in its URL is the credential, so the Authorization header is ignored.", "", h.Line, c.headerCol(h))
		}
		return
	}
	if len(api.Keys) == 0 && op.Key == "" && op.Scope == "" && op.Cookie == nil {
		return
	}
	if c.checkSession(h, qName) {
		return
	}
	scheme := c.pred.Auth.Scheme
	if scheme == "" {
		scheme = "Bearer"
	}
	if qName != "" {
		if h == nil {
			c.problem("error", ckAuthMissing, "The key is in the query string (?"+qName+"=…). "+api.Name+" reads keys only from the Authorization header, so it sees no key at all. Send it as Authorization: "+scheme+" <key>, and never in a URL: URLs end up in logs.", "", c.req.URLLine, c.queryCol(qName))
			c.fail(ckAuthMissing)
			if !c.moveQueryKey(qName, qVal, scheme) {
				c.unfixable = true
			}
		} else {
			c.problem("warning", ckAuthMissing, "The query string also carries a key (?"+qName+"=…). "+api.Name+" ignores it, but URLs end up in logs: remove it, and rotate the key if it is live.", "", c.req.URLLine, c.queryCol(qName))
			c.removeQuery(qName)
		}
	}
	if h == nil {
		if qName == "" {
			c.problem("error", ckAuthMissing, "No Authorization header: "+api.Name+" needs Authorization: "+scheme+" <key>"+c.keyNeed()+".", "", c.req.StartLine, 0)
			c.fail(ckAuthMissing)
			c.unfixable = true
		}
		return
	}
	key := c.checkScheme(h, fromUser, scheme)
	if key == "" {
		return
	}
	if kind := KeyPlaceholder(api, key); kind != "" {
		if !c.KeyExplained {
			c.placeholderKey(h, key, kind)
		}
	} else if kf := KeyKindOf(api, key); kf == nil {
		how := api.Name + " finds no key like it and answers 401."
		if c.pred.Auth.CheckPrefix {
			how = api.Name + " checks the prefix and answers a wrong one with 401."
		}
		c.problem("error", ckAuthWrongKey, "The key does not look like a "+api.Name+" key: "+api.Name+" keys start with "+c.prefixes()+". "+how, "", h.Line, c.headerCol(h))
		c.fail(ckAuthWrongKey)
		c.unfixable = true
	} else if op.Key != "" && kf.Kind != op.Key {
		want := c.keyFormat(op.Key)
		msg := op.Name() + " takes a " + op.Key + " key"
		if want != nil {
			msg += " (" + want.Prefix + "…)"
		}
		msg += ", but this is a " + kf.Kind + " key (" + kf.Prefix + "…). " + api.Name + " looks the key up among its " + op.Key + " keys only, so it answers as for an unknown key."
		if want != nil && want.Note != "" {
			msg += " The " + op.Key + " key: " + want.Note + "."
		}
		c.problem("error", ckAuthWrongKey, msg, "", h.Line, c.headerCol(h))
		c.fail(ckAuthWrongKey)
		c.unfixable = true
	}
	if op.Scope != "" {
		c.problem("info", ckScope, op.Name()+" needs a key with the scope "+op.Scope+". A request does not show its key's scopes; a key without it gets 403.", "", h.Line, c.headerCol(h))
	}
}

// placeholderKey reports a key that is a placeholder rather than a key, by its kind (see
// placeholderKind): an unset variable sends no key, so the API refuses the request; a variable
// and the docs' placeholder cannot be checked; a masked key without a known prefix neither.
func (c *reqChecker) placeholderKey(h *reqparse.Header, key, kind string) {
	api, op := c.api, c.op
	need := ""
	if k := c.keyFormat(op.Key); k != nil {
		need = " " + op.Name() + " takes a " + k.Kind + " key (" + k.Prefix + "…)."
	}
	// gets says what the API answers a request without a usable key.
	gets := "it is refused: " + api.Name + " answers it as it answers an unknown key"
	if name, _ := c.rank(ckAuthWrongKey); name != "" {
		if _, status := c.example(name, 0, nil, false); status != 0 {
			gets = "it gets a " + strconv.Itoa(status) + ": " + api.Name + " answers it as it answers an unknown key"
		}
	}
	line, col := h.Line, c.headerCol(h)
	switch kind {
	case "unset":
		c.problem("error", ckAuthWrongKey, "The key is `"+key+"`: the variable meant to hold it was not set, so no key reaches "+api.Name+" and "+gets+"."+need, "", line, col)
		c.fail(ckAuthWrongKey)
		c.unfixable = true
	case "variable":
		unset := "no key reaches " + api.Name
		switch {
		case c.req.Form == "curl" && strings.HasPrefix(key, "$"):
			unset = "the header goes out as `" + c.scheme() + " ` with nothing after it"
		case c.req.Form == "fetch":
			unset = "the header goes out as `" + c.scheme() + " undefined`"
		}
		c.problem("info", ckAuthWrongKey, "The key is the variable `"+key+"`, so errdocs cannot check it. Make sure it is set where the request is made: if it is not, "+unset+" and "+gets+"."+need, "", line, col)
	case "template":
		c.problem("warning", ckAuthWrongKey, "The key is `"+key+"`, the placeholder from the docs: put your key in its place. Sent as is, "+gets+"."+need, "", line, col)
	default:
		c.problem("info", ckAuthWrongKey, "The key is masked (`"+key+"`), so errdocs cannot check it."+need, "", line, col)
	}
}

// scheme is the Authorization scheme word the API reads.
func (c *reqChecker) scheme() string {
	if c.pred.Auth.Scheme != "" {
		return c.pred.Auth.Scheme
	}
	return "Bearer"
}

// headerCol is the column where a header's name starts on its line, or 0.
func (c *reqChecker) headerCol(h *reqparse.Header) int {
	text, _ := c.lineText(h.Line)
	i := strings.Index(ascii.Lower(text), ascii.Lower(h.Name))
	if i < 0 {
		return 0
	}
	return utf8.RuneCountInString(text[:i]) + 1
}

// queryCol is the column of a query parameter on the URL's line, or 0.
func (c *reqChecker) queryCol(name string) int {
	text, _ := c.lineText(c.req.URLLine)
	for _, sep := range []string{"?", "&"} {
		if i := strings.Index(text, sep+name+"="); i >= 0 {
			return utf8.RuneCountInString(text[:i+1]) + 1
		}
	}
	return 0
}

// keyNeed says which key the operation takes, for messages: " and a secret key (sk_…)".
func (c *reqChecker) keyNeed() string {
	if c.op.Key != "" {
		if k := c.keyFormat(c.op.Key); k != nil {
			return ", with a " + k.Kind + " key (" + k.Prefix + "…)"
		}
	}
	if c.op.Scope != "" && c.op.Scope != "none" {
		return ", with a key that has the scope " + c.op.Scope
	}
	return ""
}

// checkScheme checks the form of the Authorization header and returns the key it carries ("" if
// none can be read).
func (c *reqChecker) checkScheme(h *reqparse.Header, fromUser bool, scheme string) string {
	rule := c.pred.Auth
	value := strings.TrimSpace(h.Value)
	fields := strings.Fields(value)
	var parts []string
	if rule.Strict {
		parts = strings.Split(value, " ")
	} else {
		parts = fields
	}
	word := ""
	if len(parts) > 0 {
		word = parts[0]
	}
	schemeOK := word == scheme || !rule.CaseSensitive && strings.EqualFold(word, scheme)
	if len(parts) == 2 && schemeOK && parts[1] != "" {
		return parts[1]
	}
	if rest := strings.TrimSpace(strings.TrimPrefix(value, word)); schemeOK && len(fields) > 2 && PlaceholderKind(rest) != "" {
		// A placeholder such as "<secret key>" may hold spaces of its own.
		return rest
	}
	how := "must be exactly \"" + scheme + " <key>\""
	if rule.CaseSensitive {
		how += ", with " + scheme + " written just so"
	}
	api := c.api.Name
	fail := func(msg string) {
		c.problem("error", ckAuthMalformed, msg, "", h.Line, c.headerCol(h))
		c.fail(ckAuthMalformed)
	}
	switch {
	case fromUser:
		user, _, _ := strings.Cut(c.req.User, ":")
		fail("curl -u sends Basic credentials, which " + api + " does not read: the Authorization header " + how + ".")
		if KeyKindOf(c.api, user) == nil || !c.replaceUserFlag(scheme+" "+user) {
			c.unfixable = true
		}
		return user
	case len(fields) == 2 && strings.EqualFold(fields[0], scheme) && fields[0] != scheme:
		fail("The Authorization header is written " + strconv.Quote(fields[0]+" …") + ". " + api + " compares the scheme word case-sensitively: it " + how + ".")
		if !c.fixHeaderValue(h, fields[0], scheme) {
			c.unfixable = true
		}
		return fields[1]
	case len(fields) == 2 && strings.EqualFold(fields[0], scheme):
		fail("The Authorization header has more than one space between " + fields[0] + " and the key. " + api + " splits it on single spaces: it " + how + ".")
		if !c.fixHeaderValue(h, h.Value, scheme+" "+fields[1]) {
			c.unfixable = true
		}
		return fields[1]
	case len(fields) == 1 && !strings.EqualFold(fields[0], scheme):
		fail("The Authorization header has the key but no scheme word: it " + how + ".")
		if !c.fixHeaderValue(h, fields[0], scheme+" "+fields[0]) {
			c.unfixable = true
		}
		return fields[0]
	case len(fields) == 2 && strings.EqualFold(fields[0], "Basic"):
		raw, err := base64.StdEncoding.DecodeString(fields[1])
		user, _, _ := strings.Cut(string(raw), ":")
		fail("The Authorization header sends Basic credentials, which " + api + " does not read: it " + how + ".")
		if err != nil || KeyKindOf(c.api, user) == nil || !c.fixHeaderValue(h, h.Value, scheme+" "+user) {
			c.unfixable = true
		}
		if err == nil {
			return user
		}
		return ""
	case len(fields) == 1:
		// "Bearer " with nothing after it: what a shell sends for an unset $TOKEN.
		fail("The Authorization header has " + fields[0] + " and no key after it: the variable meant to hold the key was most likely empty or unset. It " + how + ".")
		c.unfixable = true
	case len(fields) == 0:
		fail("The Authorization header carries no key: it " + how + ".")
		c.unfixable = true
	default:
		fail("The Authorization header is not in the form " + api + " reads: it " + how + ".")
		c.unfixable = true
	}
	return ""
}

// checkHeaders checks the headers the operation declares or refuses.
func (c *reqChecker) checkHeaders() {
	op := c.op
	idem := c.api.Headers.IdempotencyKey
	declared := func(name string) bool {
		for _, p := range op.Params {
			if p.In == "header" && strings.EqualFold(p.Name, name) {
				return true
			}
		}
		return false
	}
	for _, rh := range op.RefusedHeaders {
		for i := range c.req.Headers {
			h := &c.req.Headers[i]
			if !strings.EqualFold(h.Name, rh.Name) {
				continue
			}
			c.problem("error", rh.When, op.Name()+" refuses the "+rh.Name+" header ("+strconv.Itoa(rh.Status)+"). Leave it out.", "", h.Line, c.headerCol(h))
			c.fail(rh.When)
			if !c.removeHeader(h) {
				c.unfixable = true
			}
		}
	}
	for _, p := range op.Params {
		if p.In != "header" || p.Schema == nil {
			continue
		}
		var h *reqparse.Header
		for i := range c.req.Headers {
			if strings.EqualFold(c.req.Headers[i].Name, p.Name) {
				h = &c.req.Headers[i]
				break
			}
		}
		if h == nil {
			continue
		}
		check := ckBodyInvalid
		if idem != "" && strings.EqualFold(p.Name, idem) {
			check = ckIdemInvalid
		}
		v := c.newValidator()
		n := &jsonx.Node{Kind: jsonx.String, Str: strings.TrimSpace(h.Value), KeyOff: -1}
		issues, _ := v.Validate(n, p.Schema, []string{p.Name}, false)
		for _, is := range issues {
			is.Header = p.Name
			sev := "error"
			if is.Lenient {
				sev = "warning"
			}
			c.problem(sev, check, "The "+p.Name+" header: "+is.Message+headerAdvice(is, h.Value), "", h.Line, c.headerCol(h))
			if !is.Lenient {
				c.fail(check, is)
				c.unfixable = true
			}
		}
	}
	if idem != "" && !declared(idem) {
		refused := false
		for _, rh := range op.RefusedHeaders {
			refused = refused || strings.EqualFold(rh.Name, idem)
		}
		if !refused {
			for _, h := range c.req.Headers {
				if strings.EqualFold(h.Name, idem) {
					c.problem("info", ckIdemInvalid, op.Name()+" does not support the "+idem+" header; it is ignored here, so a retry is not protected.", "", h.Line, c.headerCol(&h))
				}
			}
		}
	}
}

// headerAdvice says what is wrong with a header value in particular.
func headerAdvice(is *schema.Issue, value string) string {
	for i := 0; i < len(value); i++ {
		if value[i] < 0x20 || value[i] > 0x7e {
			return ". It has characters outside printable ASCII; hash the id (a SHA-256 hex digest is 64 ASCII characters)."
		}
	}
	if is.Keyword == "maxLength" || is.Keyword == "pattern" && len(value) > 255 {
		return ". It is " + strconv.Itoa(schema.UTF16Len(value)) + " characters long; hash it to a shorter key."
	}
	if strings.TrimSpace(value) == "" {
		return ". It is empty; leave the header out, or send a key."
	}
	return "."
}

func (c *reqChecker) newValidator() *schema.Validator {
	return &schema.Validator{API: c.api, Pred: c.pred, Skip: c.unresolved}
}

// checkParams checks the path and query parameters.
func (c *reqChecker) checkParams() {
	for _, p := range c.op.Params {
		if p.Schema == nil {
			continue
		}
		switch p.In {
		case "path":
			val, ok := c.pathVals[p.Name]
			if !ok {
				continue
			}
			v := c.newValidator()
			// A path segment is text, read as the schema's type, like a query value: /keys/42
			// sends the integer 42.
			issues, _ := v.Validate(queryValue(val, v.Resolve(p.Schema)), p.Schema, []string{p.Name}, false)
			for _, is := range issues {
				is.Query = p.Name
				c.paramProblem(ckPathParam, "The path parameter "+p.Name, is)
			}
		case "query":
			vals := c.req.Query[p.Name]
			if len(vals) == 0 {
				if p.Required {
					v := c.newValidator()
					is := v.Issue(p.Schema, "required", []string{p.Name}, nil, false, schema.Vars{Received: "undefined"})
					is.Query = p.Name
					c.paramProblem(ckBodyRequired, "The query parameter "+p.Name, is)
				}
				continue
			}
			v := c.newValidator()
			issues, _ := v.Validate(queryValue(vals[0], v.Resolve(p.Schema)), p.Schema, []string{p.Name}, false)
			for _, is := range issues {
				is.Query = p.Name
				c.paramProblem(ckBodyInvalid, "The query parameter "+p.Name, is)
			}
		}
	}
}

// queryValue reads a query or path parameter as the JSON value the schema expects.
func queryValue(s string, schema *catalog.Schema) *jsonx.Node {
	if schema != nil {
		for _, t := range schema.Type {
			switch t {
			case "integer", "number":
				if _, err := strconv.ParseFloat(s, 64); err == nil {
					return &jsonx.Node{Kind: jsonx.Number, Str: s, KeyOff: -1}
				}
			case "boolean":
				if s == "true" || s == "false" {
					return &jsonx.Node{Kind: jsonx.Bool, Str: s, KeyOff: -1}
				}
			}
		}
	}
	return &jsonx.Node{Kind: jsonx.String, Str: s, KeyOff: -1}
}

func (c *reqChecker) paramProblem(check, what string, is *schema.Issue) {
	sev := "error"
	if is.Lenient {
		sev = "warning"
	}
	msg := what + ": " + is.Message
	if is.Hint != "" {
		msg += ". " + is.Hint
	} else {
		msg += "."
	}
	c.problem(sev, check, msg, "", c.req.URLLine, c.queryCol(is.Query))
	if !is.Lenient {
		if is.Keyword == "required" && check == ckBodyRequired {
			c.fail(c.bodyCheck(is), is)
		} else if check == ckPathParam {
			c.fail(ckPathParam, is)
		} else {
			c.fail(c.bodyCheck(is), is)
		}
		c.unfixable = true
	}
}

// bodyCheck names the check a field issue fails: body-schema when the operation checks the
// whole body at once, else body-required or body-invalid.
func (c *reqChecker) bodyCheck(is *schema.Issue) string {
	req, _ := c.rank(ckBodyRequired)
	inv, _ := c.rank(ckBodyInvalid)
	if req == inv {
		return req
	}
	if is.Keyword == "required" {
		return req
	}
	return inv
}

// lineOf finds the first line of the request that contains s.
func (c *reqChecker) lineOf(s string) int {
	if s == "" {
		return 0
	}
	i := strings.Index(c.paste, s)
	if i < 0 {
		return c.req.StartLine
	}
	return strings.Count(c.paste[:i], "\n") + 1
}
