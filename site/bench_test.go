package site

import (
	"errors"
	"testing"

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
