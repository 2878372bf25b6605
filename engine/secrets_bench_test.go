package engine

import (
	"strings"
	"testing"
)

// The redactor's cost grows linearly with the paste whatever it holds: these measure 1 MB of
// plain log lines, and 1 MB with a secret on every line (about 10,000 of them, each in a
// different placement), so a regression to quadratic shows as a jump in ns/op.

func benchRedact(b *testing.B, line string) {
	cat := shippedCatalog(b)
	paste := strings.Repeat(line, (1<<20)/len(line))
	Redact(cat, paste) // warm the redactor cache
	b.SetBytes(int64(len(paste)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Redact(cat, paste)
	}
}

func BenchmarkRedact1MBPlain(b *testing.B) {
	benchRedact(b, "2026-01-02T03:04:05Z INFO request finished path=/v1/track status=200 took=12ms key_count=3\n")
}

func BenchmarkRedact1MBSecrets(b *testing.B) {
	var lines []string
	for _, k := range secretKinds[:20] {
		lines = append(lines, "Authorization: Bearer "+k.secret+"\n", "{\"api_key\":\""+k.secret+"\"}\n")
	}
	benchRedact(b, strings.Join(lines, ""))
}
