package reqparse

import (
	"strings"
	"testing"
)

// curl2K is a DevTools "Copy as cURL" command of about 2 KB.
var curl2K = chromeCurlPlunk + ` \
  -H 'x-request-id: 6f1c0e0a-3d4b-4c6e-9a8b-7c6d5e4f3a2b' \
  --data-raw '` + strings.Repeat(`{"event":"page-view","email":"ada@example.com","data":{"path":"/pricing","ref":"newsletter"}},`, 12) + `'`

func BenchmarkParseCurl2K(b *testing.B) {
	if n := len(curl2K); n < 1800 || n > 2400 {
		b.Fatalf("input is %d bytes, want about 2 KB", n)
	}
	b.SetBytes(int64(len(curl2K)))
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := Parse(curl2K); !ok {
			b.Fatal("no request")
		}
	}
}

func BenchmarkParseFetch(b *testing.B) {
	b.SetBytes(int64(len(appFetchPlunk)))
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := Parse(appFetchPlunk); !ok {
			b.Fatal("no request")
		}
	}
}

// BenchmarkParse1MBody parses a curl command with a 1 MB body, to show the cost is linear.
func BenchmarkParse1MBody(b *testing.B) {
	in := "curl https://x.test -d '" + strings.Repeat(`{"a":"b"},`, 100000) + "'"
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := Parse(in); !ok {
			b.Fatal("no request")
		}
	}
}
