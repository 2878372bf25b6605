package load

import (
	"testing"

	"github.com/errdocs/errdocs/content"
)

// BenchmarkLoadShipped reads the shipped content tree: front matter (checked against its types),
// bodies and both openapi.yaml files.
func BenchmarkLoadShipped(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Content(content.FS); err != nil {
			b.Fatal(err)
		}
	}
}
