package reqcheck

import (
	"slices"
	"strings"
	"sync"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/reqparse"
)

// Finding the operation a request calls, from its host, method and path.

// maxSkipped is how many leading path segments a self-hosted deployment may put before the
// API's own paths ("/api/v1/track" behind a proxy).
const maxSkipped = 2

type opMatch struct {
	api  *catalog.API
	op   *catalog.Operation
	vals map[string]string
	// literal counts the template's literal segments; skipped the request's leading segments
	// that were ignored.
	literal, skipped int
	host, method     bool
}

func (m opMatch) better(o opMatch) bool {
	if o.op == nil {
		return true
	}
	if m.method != o.method {
		return m.method
	}
	if m.host != o.host {
		return m.host
	}
	if m.skipped != o.skipped {
		return m.skipped < o.skipped
	}
	return m.literal > o.literal
}

// pathSegments splits a URL path into its segments, ignoring a trailing slash.
func pathSegments(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

var templateSegs sync.Map // path template → its segments

// matchTemplate matches path segments against a template such as "/contacts/{id}".
func matchTemplate(tpl string, segs []string) (vals map[string]string, literal int, ok bool) {
	var ts []string
	if v, ok := templateSegs.Load(tpl); ok {
		ts = v.([]string)
	} else {
		ts = pathSegments(tpl)
		templateSegs.Store(tpl, ts)
	}
	if len(ts) != len(segs) {
		return nil, 0, false
	}
	for i, t := range ts {
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
			if segs[i] == "" {
				return nil, 0, false
			}
			if vals == nil {
				vals = map[string]string{}
			}
			vals[t[1:len(t)-1]] = reqparse.UnescapeQuery(strings.ReplaceAll(segs[i], "+", "%2B"))
			continue
		}
		if t != segs[i] {
			return nil, 0, false
		}
		literal++
	}
	return vals, literal, true
}

func hostMatches(a *catalog.API, host string) bool {
	host = strings.ToLower(host)
	for _, h := range a.Hosts {
		if host == h || strings.HasPrefix(h, "*.") && strings.HasSuffix(host, h[1:]) {
			return true
		}
	}
	return false
}

// findOperation sets c.api and c.op, or explains why it cannot.
func (c *reqChecker) findOperation() {
	apis := c.cat.APIs
	if c.api != nil {
		apis = []*catalog.API{c.api}
	}
	segs := pathSegments(c.req.Path)
	method := c.req.Method
	if method == "HEAD" {
		method = "GET" // servers answer HEAD with their GET route, without the body
	}
	var best opMatch
	for _, a := range apis {
		host := c.req.Host != "" && hostMatches(a, c.req.Host)
		if c.api == nil && c.req.Host != "" && !host && len(c.cat.APIs) > 1 {
			// Another API's host: only a path match on an unknown host counts.
			known := false
			for _, b := range c.cat.APIs {
				known = known || hostMatches(b, c.req.Host)
			}
			if known {
				continue
			}
		}
		for skip := 0; skip <= maxSkipped && skip <= len(segs); skip++ {
			for _, op := range a.Operations {
				vals, lit, ok := matchTemplate(op.Path, segs[skip:])
				if !ok {
					continue
				}
				m := opMatch{api: a, op: op, vals: vals, literal: lit, skipped: skip, host: host,
					method: op.Method == method}
				if m.better(best) {
					best = m
				}
			}
		}
	}
	if best.op == nil {
		if c.api != nil && len(c.api.Operations) > 0 {
			c.problem("warning", ckOperation, c.req.Method+" "+c.req.Path+" is not an operation errdocs knows for the "+c.api.Name+" API, so the request cannot be checked against it. Check the path against "+c.api.Name+"'s reference.", "", c.req.URLLine, 0)
		}
		return
	}
	c.api = best.api
	if !best.method && method == "OPTIONS" {
		c.problem("info", ckOperation, "An OPTIONS request to "+best.op.Path+" is a CORS preflight: the server answers it before any check, so there is nothing to predict.", "", c.req.URLLine, 0)
		return
	}
	if !best.method {
		var others []string
		for _, op := range best.api.Operations {
			if _, _, ok := matchTemplate(op.Path, segs[best.skipped:]); ok && !slices.Contains(others, op.Method) {
				others = append(others, op.Method)
			}
		}
		line := c.req.MethodLine
		if line == 0 {
			line = c.req.URLLine
		}
		c.problem("error", ckOperation, "The "+best.api.Name+" API has no "+c.req.Method+" "+best.op.Path+": that path takes "+joinOr(others)+". Use the method of the operation you mean.", "", line, 0)
		return
	}
	c.op, c.pathVals = best.op, best.vals
	if best.skipped > 0 {
		c.problem("info", ckOperation, "The path starts with "+"/"+strings.Join(segs[:best.skipped], "/")+" before "+best.api.Name+"'s own path "+best.op.Path+"; read as a deployment behind a proxy.", "", c.req.URLLine, 0)
	}
}

func joinOr(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
