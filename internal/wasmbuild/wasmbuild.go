// Package wasmbuild makes the playground's WebAssembly module from errdocs's own source with the
// local Go toolchain: the module (GOOS=js GOARCH=wasm go build ./wasm, with the flags below,
// then its data segments joined by package packdata),
// the toolchain's wasm_exec.js beside it, and the brotli and gzip copies static hosts serve.
//
// Two callers, one recipe:
//
//   - ./build.sh wasm runs it on the checkout (go run ./internal/wasmbuild/cmd/wasmbuild static).
//   - The errdocs command runs it (see [Find]) when its binary has no module embedded: a binary
//     from go install github.com/errdocs/errdocs/cmd/errdocs@VERSION embeds static/, and the
//     module is not committed there. It builds the module cache's copy of the version it was
//     installed at and keeps the result per version under the user's cache folder; a binary
//     built in a checkout builds that checkout's wasm/ into its static/, as ./build.sh wasm does.
//
// It may import the standard library, package static (for the file names), brotli and
// x/mod, and it runs the go command; the engine and
// the site never import it.
package wasmbuild

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/errdocs/errdocs/internal/wasmbuild/packdata"
	"github.com/errdocs/errdocs/static"
)

// ModulePath is errdocs's Go module path.
const ModulePath = "github.com/errdocs/errdocs"

// Files are the files a built module consists of, as static/ holds them.
var Files = static.ModuleFiles

// buildArgs are the go build flags of the shipped module. -gcflags=all=-l (no inlining) makes it
// about 120 KB of brotli smaller; the README's Performance section says what that costs in speed.
var buildArgs = []string{"build", "-trimpath", "-gcflags=all=-l", "-ldflags=-s -w"}

// Toolchain is the go command a build runs and the environment it runs in.
type Toolchain struct {
	// Go is the go command; "" means "go" looked up on PATH.
	Go string
	// Env is the environment (os.Environ()); GOOS, GOARCH, GOFLAGS and GOWORK are set over it.
	Env []string
}

// Version returns the Go version ("go1.26.8") the toolchain builds with in the folder src,
// after any switch go.mod's go line asks for (GOTOOLCHAIN).
func (tc Toolchain) Version(ctx context.Context, src string) (string, error) {
	return tc.goEnv(ctx, src, "GOVERSION")
}

func (tc Toolchain) goCmd() (string, error) {
	if tc.Go != "" {
		return tc.Go, nil
	}
	p, err := exec.LookPath("go")
	if err != nil {
		return "", errors.New("no Go toolchain on PATH (go is needed to build the playground module)")
	}
	return p, nil
}

// command is the go command with args in dir, in the build's environment: the module's own
// go.mod decides (no go.work), it is read-only (the module cache's copy is), and no VCS
// stamp goes in, so a checkout and the module cache build the same bytes.
func (tc Toolchain) command(ctx context.Context, dir string, args ...string) (*exec.Cmd, error) {
	g, err := tc.goCmd()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, g, args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, tc.Env...), "GOFLAGS=-mod=readonly -buildvcs=false", "GOWORK=off")
	return cmd, nil
}

func (tc Toolchain) goEnv(ctx context.Context, dir, key string) (string, error) {
	cmd, err := tc.command(ctx, dir, "env", key)
	if err != nil {
		return "", err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %v: %s", key, err, firstLine(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// Build builds the playground module of the errdocs source in src into the folder dir:
// errdocs.wasm, wasm_exec.js from the same toolchain, and errdocs.wasm.br and .gz (made again
// only when the module changed). An error names the step that failed and the go command's
// first line of complaint.
func Build(ctx context.Context, tc Toolchain, src, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	out, err := filepath.Abs(filepath.Join(dir, "errdocs.wasm"))
	if err != nil {
		return err
	}
	old, _ := os.ReadFile(out) // brotli at its best takes seconds: skipped for the same module
	if err := Module(ctx, tc, src, out); err != nil {
		return err
	}
	goroot, err := tc.goEnv(ctx, src, "GOROOT")
	if err != nil {
		return err
	}
	js, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return fmt.Errorf("wasm_exec.js: %w", err)
	}
	if err := writeIfChanged(filepath.Join(dir, "wasm_exec.js"), js); err != nil {
		return err
	}
	if mod, err := os.ReadFile(out); err == nil && bytes.Equal(mod, old) && Complete(dir) {
		return nil
	}
	_, _, err = Compress(out)
	return err
}

// Module builds the module alone of the errdocs source in src into the file out, with the
// shipped flags and any build tags (the browser tests add some), and joins its data segments.
func Module(ctx context.Context, tc Toolchain, src, out string, tags ...string) error {
	return Package(ctx, tc, src, "./wasm", out, tags...)
}

// Package builds the Go package pkg (a path relative to src) into the module out the way
// [Module] builds the playground's: bench-wasm's hello-world reference is built by it, so the
// two are compared on the same flags and packing.
func Package(ctx context.Context, tc Toolchain, src, pkg, out string, tags ...string) error {
	args := append([]string{}, buildArgs...)
	if len(tags) > 0 {
		args = append(args, "-tags", strings.Join(tags, ","))
	}
	cmd, err := tc.command(ctx, src, append(args, "-o", out, pkg)...)
	if err != nil {
		return err
	}
	cmd.Env = append(cmd.Env, "GOOS=js", "GOARCH=wasm")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v: %s", pkg, err, firstLine(string(msg)))
	}
	// The linker splits the module's data at every run of zeros; joined, the brotli copy is
	// about 68 KB smaller and the memory the same (package packdata says why).
	if _, err := packdata.PackFile(out); err != nil {
		return fmt.Errorf("packdata: %w", err)
	}
	return nil
}

// Compress writes name.br and name.gz beside the file name, at the best compression each format
// has, and returns their sizes. A copy is rewritten only when its content changes, so the
// site's fingerprints stay stable across builds.
func Compress(name string) (brSize, gzSize int, err error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return 0, 0, err
	}
	br, err := Brotli(data)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: brotli: %w", name, err)
	}
	gz, err := Gzip(data)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: gzip: %w", name, err)
	}
	if err := writeIfChanged(name+".br", br); err != nil {
		return 0, 0, err
	}
	if err := writeIfChanged(name+".gz", gz); err != nil {
		return 0, 0, err
	}
	return len(br), len(gz), nil
}

// Brotli compresses data at the best quality with a 16 MB window (LGWin 24, the largest
// browsers accept), which saves a few KB on the module over the default 4 MB window.
func Brotli(data []byte) ([]byte, error) {
	var b bytes.Buffer
	zw := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24})
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Gzip compresses data at the best level; the header holds no name or time, so the output
// depends on the input alone.
func Gzip(data []byte) ([]byte, error) {
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeIfChanged(name string, data []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return os.WriteFile(name, data, 0o644)
}

// firstLine is the first line of s that says something (not a "# package" heading of go
// build), so an error stays one line.
func firstLine(s string) string {
	for _, ln := range strings.Split(s, "\n") {
		if ln = strings.TrimSpace(ln); ln != "" && !strings.HasPrefix(ln, "# ") {
			return ln
		}
	}
	return ""
}
