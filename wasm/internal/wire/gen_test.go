//go:build !js

package wire

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGeneratedUpToDate fails when codec_gen.go is not what gen writes from today's types.
func TestGeneratedUpToDate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "codec_gen.go")
	cmd := exec.Command("go", "run", "./gen", "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./gen: %v\n%s", err, b)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("codec_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, got) {
		t.Fatal("codec_gen.go is stale: run go generate ./wasm/internal/wire (./build.sh generate) and commit it")
	}
}
