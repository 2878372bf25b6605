//go:build !js

package wire

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGeneratedContractUpToDate fails when the TypeScript declarations of the verdict
// (wasm/verdict.gen.d.ts) or the playground's reason phrases (static/reasons.gen.js) are not
// what gen writes from today's Go declarations and catalog.
func TestGeneratedContractUpToDate(t *testing.T) {
	dir := t.TempDir()
	dts, reasons := filepath.Join(dir, "verdict.gen.d.ts"), filepath.Join(dir, "reasons.gen.js")
	cmd := exec.Command("go", "run", "./gen", "-o", filepath.Join(dir, "codec_gen.go"), "-dts", dts, "-reasons", reasons)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./gen: %v\n%s", err, b)
	}
	for _, f := range []struct{ generated, committed string }{
		{dts, "../../verdict.gen.d.ts"},
		{reasons, "../../../static/reasons.gen.js"},
	} {
		want, err := os.ReadFile(f.generated)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(f.committed)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s is stale: run go generate ./wasm/internal/wire (./build.sh generate) and commit it", f.committed)
		}
	}
}
