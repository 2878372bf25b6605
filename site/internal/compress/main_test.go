package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestRoundTrip compresses a file and reads both copies back.
func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "m.wasm")
	data := bytes.Repeat([]byte("errdocs playground module \x00\x01\x02"), 5000)
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := Main([]string{name}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "brotli") {
		t.Errorf("report: %q", out.String())
	}
	br, _ := os.ReadFile(name + ".br")
	got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("brotli copy does not read back: %v", err)
	}
	gz, _ := os.ReadFile(name + ".gz")
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	got, err = io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("gzip copy does not read back: %v", err)
	}
	if err := Main(nil, &out); err == nil {
		t.Error("no arguments: no error")
	}
}
