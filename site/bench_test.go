package site

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/content"
)

// BenchmarkBuildShipped builds the shipped content into memory: what errdocs serve pays on
// each edit. Content errors are TestShippedContent's to report.
func BenchmarkBuildShipped(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_, err := BuildReport(Options{Content: content.FS, Output: NewMemOutput(), BaseURL: "https://example.org/docs/"})
		var les load.Errors
		if err != nil && !errors.As(err, &les) {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildNested builds a site of one page of deeply nested Markdown (issue 14's slow
// inputs): 100,000 nested block quote markers (budget: 1 s), and 9 MB of lists nested by
// indentation and by markers on each line (budget: 5 s and 500 MB, measured on the test binary
// with /usr/bin/time -v; see the README). The build reports the page as nested too deep, so its
// error is expected.
func BenchmarkBuildNested(b *testing.B) {
	quotes := strings.Repeat(">", 100_000) + " deep\n"
	var indent strings.Builder
	for i := 0; indent.Len() < 9<<20; i++ {
		indent.WriteString(strings.Repeat("  ", i%3000) + "- item\n")
	}
	line := strings.Repeat("- ", 500) + "item\n"
	markers := strings.Repeat(line, (9<<20)/len(line))
	for _, tc := range []struct{ name, body string }{
		{"quotes", quotes}, {"lists-indent", indent.String()}, {"lists-markers", markers},
	} {
		b.Run(tc.name, func(b *testing.B) {
			fsys := fstest.MapFS{
				"index.md": {Data: []byte("---\ntitle: Nested\n---\n\nSee [the page](deep.md).\n")},
				"deep.md":  {Data: []byte("---\ntitle: Deep\n---\n\n" + tc.body)},
			}
			b.SetBytes(int64(len(tc.body)))
			for b.Loop() {
				_, err := BuildReport(Options{Content: fsys, Output: NewMemOutput(), BaseURL: "https://example.org/"})
				var les load.Errors
				if !errors.As(err, &les) || !strings.Contains(err.Error(), "deep.md:") || !strings.Contains(err.Error(), "block quotes and lists nest more than") {
					b.Fatalf("want the nesting reported in deep.md, got %v", err)
				}
			}
		})
	}
}
