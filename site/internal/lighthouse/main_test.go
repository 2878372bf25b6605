package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestCompress checks that text goes out compressed as the request accepts, and that a response
// already encoded, or not text, goes out as it was.
func TestCompress(t *testing.T) {
	page := strings.Repeat("<p>errdocs</p>", 200)
	h := compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, page)
		case "/module.wasm":
			w.Header().Set("Content-Type", "application/wasm")
			w.Header().Set("Content-Encoding", "br")
			io.WriteString(w, "precompressed")
		case "/image":
			w.Header().Set("Content-Type", "image/png")
			w.WriteHeader(http.StatusTeapot)
			io.WriteString(w, strings.Repeat("x", 1000))
		}
	}))
	for _, tc := range []struct {
		name, path, accept, wantEncoding string
		wantStatus                       int
		decode                           func(io.Reader) io.Reader
		want                             string
	}{
		{"brotli first", "/page", "gzip, deflate, br, zstd", "br", 200, func(r io.Reader) io.Reader { return brotli.NewReader(r) }, page},
		{"gzip", "/page", "gzip", "gzip", 200, func(r io.Reader) io.Reader { z, _ := gzip.NewReader(r); return z }, page},
		{"nothing accepted", "/page", "", "", 200, nil, page},
		{"already encoded", "/module.wasm", "br", "br", 200, nil, "precompressed"},
		{"not text, status kept", "/image", "br", "", http.StatusTeapot, nil, strings.Repeat("x", 1000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", tc.path, nil)
			if tc.accept != "" {
				req.Header.Set("Accept-Encoding", tc.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.wantStatus || rec.Header().Get("Content-Encoding") != tc.wantEncoding {
				t.Fatalf("status %d, Content-Encoding %q; want %d, %q", rec.Code, rec.Header().Get("Content-Encoding"), tc.wantStatus, tc.wantEncoding)
			}
			var body io.Reader = bytes.NewReader(rec.Body.Bytes())
			if tc.decode != nil {
				body = tc.decode(body)
			}
			got, err := io.ReadAll(body)
			if err != nil || string(got) != tc.want {
				t.Errorf("body %.40q (%v), want %.40q", got, err, tc.want)
			}
		})
	}
}

// TestMedian checks the score that counts for a page: the lower median of its runs.
func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{{[]float64{100}, 100}, {[]float64{93, 100, 100}, 100}, {[]float64{100, 93, 98}, 98}, {[]float64{100, 93}, 93}} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
