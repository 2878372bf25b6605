package wasmbuild

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestCompress compresses a file and reads both copies back.
func TestCompress(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "m.wasm")
	data := bytes.Repeat([]byte("errdocs playground module \x00\x01\x02"), 5000)
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	brSize, gzSize, err := Compress(name)
	if err != nil {
		t.Fatal(err)
	}
	br, _ := os.ReadFile(name + ".br")
	if len(br) != brSize {
		t.Errorf("brotli size %d, file %d", brSize, len(br))
	}
	got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("brotli copy does not read back: %v", err)
	}
	gz, _ := os.ReadFile(name + ".gz")
	if len(gz) != gzSize {
		t.Errorf("gzip size %d, file %d", gzSize, len(gz))
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	got, err = io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("gzip copy does not read back: %v", err)
	}
	if _, _, err := Compress(filepath.Join(dir, "missing.wasm")); err == nil {
		t.Error("a missing file: no error")
	}
}

// installed is the build information of errdocs installed at version v from the module proxy.
func installed(v string) *debug.BuildInfo {
	return &debug.BuildInfo{Main: debug.Module{Path: ModulePath, Version: v, Sum: "h1:x="}}
}

// noGo is a toolchain whose go command does not exist: Find must not need it.
var noGo = Toolchain{Go: "/nonexistent/go"}

// TestFindCached: an installed version whose module is in the cache is found there, and no go
// command runs (noGo would fail).
func TestFindCached(t *testing.T) {
	cache := t.TempDir()
	dir := filepath.Join(cache, "errdocs", "playground", "v1.2.3")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range Files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var log strings.Builder
	got, err := Find(context.Background(), Options{Toolchain: noGo, Build: installed("v1.2.3"), CacheDir: cache, Log: &log})
	if err != nil || got != dir {
		t.Fatalf("Find = %q, %v; want %q", got, err, dir)
	}
	if log.Len() != 0 {
		t.Errorf("said %q with nothing to build", log.String())
	}
}

// TestFindFails: each way Find cannot make a module gives a one-line reason.
func TestFindFails(t *testing.T) {
	cache := t.TempDir()
	for _, tc := range []struct {
		name string
		o    Options
		want string
	}{
		{"an installed version, no go", Options{Toolchain: noGo, Build: installed("v1.2.3"), CacheDir: cache}, "go mod download"},
		{"an installed version, no cache folder", Options{Toolchain: noGo, Build: installed("v1.2.3")}, "no user cache folder"},
		{"a checkout build far from its checkout", Options{Toolchain: noGo, Build: &debug.BuildInfo{Main: debug.Module{Path: ModulePath, Version: "(devel)"}},
			SourceFile: "github.com/errdocs/errdocs/cmd/errdocs/build.go", Dir: t.TempDir()}, "not at hand"},
		{"no build information", Options{Toolchain: noGo, Dir: t.TempDir()}, "not at hand"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Find(context.Background(), tc.o)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v, want one line with %q", err, tc.want)
			}
		})
	}
}

// TestCheckout finds this checkout from a file in it and from a folder in it, and nothing
// above a folder that is not in one.
func TestCheckout(t *testing.T) {
	wd, _ := os.Getwd()
	root := filepath.Dir(filepath.Dir(wd))
	if got := checkoutOf(filepath.Join(wd, "find.go")); got != root {
		t.Errorf("checkoutOf = %q, want %q", got, root)
	}
	if got, err := Checkout(wd); got != root || err != nil {
		t.Errorf("Checkout = %q, %v; want %q", got, err, root)
	}
	if got := checkoutOf("github.com/errdocs/errdocs/internal/wasmbuild/find.go"); got != "" {
		t.Errorf("a trimmed path gave %q", got)
	}
	if _, err := Checkout(t.TempDir()); err == nil {
		t.Error("a temporary folder is in a checkout")
	}
}
