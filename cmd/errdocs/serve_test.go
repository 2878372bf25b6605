package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errdocs/errdocs/static"
)

// serveScript is what errdocs serve, listening on 127.0.0.1:8080, answers: one request a line,
// method, path and Host header, then after "→" the status and text the body must hold. Every 405
// must also say "Allow: GET, HEAD". A request for the reload stream ends as soon as the stream
// has said hello.
const serveScript = `
# The site, by every name of the loopback address it listens on.
GET     /                    127.0.0.1:8080        → 200 <h1>Home</h1>
HEAD    /                    127.0.0.1:8080        → 200
GET     /                    localhost:8080        → 200 <h1>Home</h1>
GET     /                    LocalHost:8080        → 200 <h1>Home</h1>
GET     /                    [::1]:8080            → 200 <h1>Home</h1>
GET     /_errdocs/reload.js  localhost:8080        → 200 EventSource
GET     /_errdocs/events     127.0.0.1:8080        → 200 event: hello
HEAD    /_errdocs/events     127.0.0.1:8080        → 200

# Any other name is a page that rebound its domain to 127.0.0.1: no page, no build errors, no
# reload stream. A right name on the wrong port is refused too.
GET     /                    rebind.evil.test:8080 → 421 errdocs serve answers only for http://127.0.0.1:8080/
GET     /_errdocs/events     rebind.evil.test:8080 → 421 answers only
GET     /_errdocs/reload.js  rebind.evil.test:8080 → 421 answers only
GET     /                    rebind.evil.test      → 421 answers only
GET     /                    localhost.:8080       → 421 answers only
GET     /                    localhost:9999        → 421 answers only
GET     /                    localhost             → 421 answers only
POST    /_errdocs/events     rebind.evil.test:8080 → 421 answers only

# GET and HEAD only.
POST    /                    127.0.0.1:8080        → 405 method not allowed
PUT     /index.html          127.0.0.1:8080        → 405 method not allowed
DELETE  /                    localhost:8080        → 405 method not allowed
OPTIONS /                    127.0.0.1:8080        → 405 method not allowed
POST    /_errdocs/events     127.0.0.1:8080        → 405 method not allowed
POST    /_errdocs/reload.js  127.0.0.1:8080        → 405 method not allowed

# What the build writes for itself or its host is not served.
GET     /.errdocs-files      127.0.0.1:8080        → 404 Page not found
GET     /_headers            127.0.0.1:8080        → 404 Page not found
GET     /.env                127.0.0.1:8080        → 404 Page not found
`

// TestServeScript runs serveScript against errdocs serve's handler over a small content tree.
func TestServeScript(t *testing.T) {
	s := &server{stdout: io.Discard, stderr: io.Discard, id: "test", subs: map[chan struct{}]struct{}{},
		contentFS: fstest.MapFS{"index.md": {Data: []byte("---\ntitle: Home\n---\n\nHello.\n")}},
		staticFS:  static.FS, base: "http://127.0.0.1:8080/"}
	s.rebuild()
	h := s.routes(newHostCheck("127.0.0.1:8080", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}))
	for _, line := range strings.Split(serveScript, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		req, want, ok := strings.Cut(line, "→")
		f := strings.Fields(req)
		if !ok || len(f) != 3 {
			t.Fatalf("bad script line %q", line)
		}
		code, body, _ := strings.Cut(strings.TrimSpace(want), " ")
		t.Run(strings.Join(f, " "), func(t *testing.T) {
			r := httptest.NewRequest(f[0], f[1], nil)
			r.Host = f[2]
			if f[1] == "/_errdocs/events" {
				// The stream says hello, then waits for builds: end it there.
				ctx, cancel := context.WithCancel(r.Context())
				cancel()
				r = r.WithContext(ctx)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if got := strconv.Itoa(rec.Code); got != code {
				t.Errorf("status %s, want %s (body %q)", got, code, rec.Body.String())
			}
			if !strings.Contains(rec.Body.String(), body) {
				t.Errorf("body %q lacks %q", rec.Body.String(), body)
			}
			switch rec.Code {
			case http.StatusMethodNotAllowed:
				if a := rec.Header().Get("Allow"); a != "GET, HEAD" {
					t.Errorf("Allow = %q, want GET, HEAD", a)
				}
			case http.StatusMisdirectedRequest:
				if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
					t.Errorf("Content-Type = %q, want plain text", ct)
				}
			}
		})
	}
}

// TestHostCheck checks which Host headers errdocs serve accepts for the addresses it can listen
// on.
func TestHostCheck(t *testing.T) {
	for _, tc := range []struct {
		name      string
		flag      string // --addr
		bound     string // the socket's address
		ok, notOK []string
	}{
		{"loopback", "127.0.0.1:8080", "127.0.0.1:8080",
			[]string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080"},
			[]string{"evil.test:8080", "127.0.0.1:8081", "192.168.1.5:8080", "", "127.0.0.1"}},
		{"localhost as given", "localhost:8080", "127.0.0.1:8080",
			[]string{"localhost:8080", "127.0.0.1:8080"}, []string{"evil.test:8080"}},
		{"IPv6 loopback", "[::1]:4000", "[::1]:4000",
			[]string{"[::1]:4000", "localhost:4000", "127.0.0.1:4000"}, []string{"[::1]:4001", "evil.test:4000"}},
		{"port 80", "127.0.0.1:80", "127.0.0.1:80",
			[]string{"localhost", "127.0.0.1", "[::1]", "localhost:80"}, []string{"evil.test", "localhost:8080"}},
		{"a LAN address", "192.168.1.5:8080", "192.168.1.5:8080",
			[]string{"192.168.1.5:8080"}, []string{"localhost:8080", "127.0.0.1:8080", "evil.test:8080", "10.0.0.1:8080"}},
		{"a host name", "docs.lan:8080", "192.168.1.5:8080",
			[]string{"docs.lan:8080", "DOCS.LAN:8080", "192.168.1.5:8080"}, []string{"evil.test:8080"}},
		{"every interface", ":8080", "[::]:8080",
			[]string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "192.168.1.5:8080", "[fe80::1]:8080"},
			[]string{"evil.test:8080", "192.168.1.5:9090", "localhost.:8080"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bound, err := net.ResolveTCPAddr("tcp", tc.bound)
			if err != nil {
				t.Fatal(err)
			}
			hc := newHostCheck(tc.flag, bound)
			for _, h := range tc.ok {
				if !hc.allows(h) {
					t.Errorf("Host %q refused", h)
				}
			}
			for _, h := range tc.notOK {
				if hc.allows(h) {
					t.Errorf("Host %q accepted", h)
				}
			}
		})
	}
}
