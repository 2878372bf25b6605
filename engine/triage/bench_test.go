package triage

import (
	"runtime"
	"testing"
	"time"

	"github.com/errdocs/errdocs/internal/testkit"
)

// genHAR is testkit.HAR: a generated HAR file of n entries, each answer about pad bytes.
func genHAR(n, pad int) string { return testkit.HAR(n, pad) }

// har10MB is a 10 MB HAR file of 1,000 entries.
func har10MB() string { return genHAR(1000, 8300) }

// BenchmarkTriageHAR10MB triages a 10 MB HAR file of 1,000 entries (budget: 1 s). It reports
// the heap in use at its peak during one call, sampled, as a multiple of the input
// (peak-x-input; budget: under 10).
func BenchmarkTriageHAR10MB(b *testing.B) {
	cat := testkit.ShippedCatalog(b)
	har := har10MB()
	Explain(cat, har, testOpts) // warm the redactor cache
	b.SetBytes(int64(len(har)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Explain(cat, har, testOpts)
	}
	b.StopTimer()
	b.ReportMetric(peakHeap(func() { Explain(cat, har, testOpts) })/float64(len(har)), "peak-x-input")
}

// peakHeap runs f and returns the most heap in use while it ran, beyond what was in use before
// it, sampled every millisecond (HeapInuse after a GC at the start).
func peakHeap(f func()) float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base := m.HeapInuse
	peak := uint64(0)
	done := make(chan bool)
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				done <- true
				return
			case <-tick.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
		}
	}()
	f()
	done <- true
	<-done
	runtime.ReadMemStats(&m)
	peak = max(peak, m.HeapInuse)
	return float64(peak - min(base, peak))
}

// BenchmarkTriageOneExchange explains one curl -i transcript through Explain: the engine's work
// and the splitter's look at the paste, which finds one exchange. Compare with package
// engine's BenchmarkExplain2KB for what triage adds to a single paste.
func BenchmarkTriageOneExchange(b *testing.B) {
	cat := testkit.ShippedCatalog(b)
	a := testkit.ReadTxtar(b, "../testdata/explain/curl-i-transcript.txtar")
	paste, _ := a.Section("paste")
	b.SetBytes(int64(len(paste)))
	b.ReportAllocs()
	for b.Loop() {
		Explain(cat, paste, testOpts)
	}
}

// BenchmarkSplitOneExchange is the splitter alone on the same paste: what triage adds.
func BenchmarkSplitOneExchange(b *testing.B) {
	a := testkit.ReadTxtar(b, "../testdata/explain/curl-i-transcript.txtar")
	paste, _ := a.Section("paste")
	b.SetBytes(int64(len(paste)))
	b.ReportAllocs()
	for b.Loop() {
		if splitPaste(paste) != nil {
			b.Fatal("cut")
		}
	}
}
