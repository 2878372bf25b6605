package reqcheck

import (
	"strings"

	"github.com/errdocs/errdocs/engine/reqparse"
)

// Session cookies. An API may accept a login session's cookie in place of a key on some routes
// (an OpenAPI security requirement naming an apiKey "in: cookie", read into
// catalog.Operation.Cookie), often with a header beside it. A request that sends cookies and no
// key is judged against that: the cookie the route reads, its value, and the headers it needs.

// ckAuthSession is the check of the headers a session cookie needs beside it.
const ckAuthSession = "auth-session-header"

// checkSession judges the credentials of a request that sends a Cookie header, h being its
// Authorization header (nil when none) and qName a query parameter that carries a key. It
// reports whether it judged them, so that the key checks do not run.
func (c *reqChecker) checkSession(h *reqparse.Header, qName string) bool {
	ck := c.cookieHeader()
	if ck == nil {
		return false
	}
	api, op, auth := c.api.Name, c.op, c.op.Cookie
	line, col := ck.Line, c.headerCol(ck)
	if h != nil || qName != "" {
		if auth != nil && h != nil {
			c.problem("info", ckAuthMissing, api+" reads the Authorization header first and ignores the "+auth.Name+" session cookie when the header is there.", "", line, col)
		}
		return false
	}
	if auth == nil {
		c.problem("error", ckAuthMissing, "No Authorization header: the request sends cookies, but "+op.Name()+" reads no session cookie. "+api+" needs Authorization: "+c.scheme()+" <key>"+c.keyNeed()+".", "", line, col)
		c.fail(ckAuthMissing)
		c.unfixable = true
		return true
	}
	v, found := cookieValue(ck.Value, auth.Name)
	instead := " From code, send Authorization: " + c.scheme() + " <key>" + c.keyNeed() + " instead."
	switch kind := PlaceholderKind(v); {
	case !found:
		c.problem("error", ckAuthMissing, "No Authorization header, and none of the cookies sent is "+auth.Name+", the session cookie "+op.Name()+" reads in its place: "+api+" answers as to a request with no credentials."+instead, "", line, col)
		c.fail(ckAuthMissing)
		c.unfixable = true
		return true
	case kind == "unset":
		c.problem("error", ckAuthMissing, "The "+auth.Name+" cookie is `"+v+"`: the variable meant to hold the session was not set, so "+api+" answers as to a request with no credentials."+instead, "", line, col)
		c.fail(ckAuthMissing)
		c.unfixable = true
		return true
	case kind == "variable" || kind == "template":
		c.problem("warning", ckAuthMissing, "The "+auth.Name+" cookie is `"+v+"`, not a session: make sure it holds one where the request is made, or "+api+" answers as to a request with no credentials.", "", line, col)
	default:
		c.problem("info", ckAuthMissing, "The request signs in with the "+auth.Name+" session cookie (security scheme "+auth.Scheme+") in place of a key. errdocs cannot check a session: an expired or foreign one is answered as no credentials at all."+instead, "", line, col)
	}
	for _, sh := range auth.Headers {
		if _, ok := c.req.Header(sh.Name); ok {
			continue
		}
		c.problem("error", ckAuthSession, "The "+auth.Name+" session cookie needs the "+sh.Name+" header beside it, and the request has none.", "", line, col)
		f := c.fail(ckAuthSession)
		if sh.Missing != nil {
			f.answer = sh.Missing
		}
		c.unfixable = true
	}
	return true
}

// cookieHeader returns the request's Cookie header (curl's -b included), or nil.
func (c *reqChecker) cookieHeader() *reqparse.Header {
	for i := range c.req.Headers {
		if strings.EqualFold(c.req.Headers[i].Name, "Cookie") {
			return &c.req.Headers[i]
		}
	}
	return nil
}

// cookieValue returns the value of the cookie named name in a Cookie header's value.
func cookieValue(header, name string) (string, bool) {
	for _, pair := range strings.Split(header, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(pair), "=")
		if k == name {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}
