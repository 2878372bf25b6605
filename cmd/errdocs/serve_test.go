package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"testing/fstest"

	"github.com/errdocs/errdocs/internal/testkit"
	"github.com/errdocs/errdocs/static"
)

// TestServeScript runs testdata/serve.txt against errdocs serve's handler, listening on
// 127.0.0.1:8080, over a small content tree. The reload stream says hello, then waits for
// builds: its requests come with a context that has ended, so they stop there.
func TestServeScript(t *testing.T) {
	s := &server{stdout: io.Discard, stderr: io.Discard, id: "test", subs: map[chan struct{}]struct{}{},
		contentFS: fstest.MapFS{"index.md": {Data: []byte("---\ntitle: Home\n---\n\nHello.\n")}},
		staticFS:  static.FS, base: "http://127.0.0.1:8080/"}
	s.rebuild()
	h := s.routes(newHostCheck("127.0.0.1:8080", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}))
	endStream := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/_errdocs/events" {
			ctx, cancel := context.WithCancel(r.Context())
			cancel()
			r = r.WithContext(ctx)
		}
		h.ServeHTTP(w, r)
	})
	testkit.RunScripts(t, endStream, "testdata/serve.txt", nil)
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
