// Command compress writes FILE.br and FILE.gz beside each FILE given, at the best compression
// each format has, for static hosts that serve precompressed files. ./build.sh wasm runs it on
// the playground's module:
//
//	go run ./site/internal/compress static/errdocs.wasm
//
// Brotli runs at quality 11 with a 16 MB window (LGWin 24, the largest browsers accept), which
// saves a few KB on the module over the default 4 MB window. A copy is rewritten only when its
// content changes, so the site's fingerprints stay stable across builds.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"

	"github.com/andybalholm/brotli"
)

func main() {
	if err := Main(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "compress:", err)
		os.Exit(1)
	}
}

// Main compresses each named file and reports the sizes on w.
func Main(args []string, w io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: compress FILE [FILE]")
	}
	for _, name := range args {
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		br, err := Brotli(data)
		if err != nil {
			return fmt.Errorf("%s: brotli: %w", name, err)
		}
		gz, err := Gzip(data)
		if err != nil {
			return fmt.Errorf("%s: gzip: %w", name, err)
		}
		if err := writeIfChanged(name+".br", br); err != nil {
			return err
		}
		if err := writeIfChanged(name+".gz", gz); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %d bytes, brotli %d (%.1f KB), gzip %d (%.1f KB)\n",
			name, len(data), len(br), float64(len(br))/1024, len(gz), float64(len(gz))/1024)
	}
	return nil
}

// Brotli compresses data at the best quality with a 16 MB window.
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
