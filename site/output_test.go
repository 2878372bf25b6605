package site

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/content"
)

// TestDirOutputRemovesStale checks that a build into a folder deletes what the previous build
// wrote and this one did not, and nothing else.
func TestDirOutputRemovesStale(t *testing.T) {
	dir := t.TempDir()
	build := func(files ...string) {
		t.Helper()
		out := DirOutput(dir)
		for _, f := range files {
			if err := out.WriteFile(f, []byte(f)); err != nil {
				t.Fatal(err)
			}
		}
		if err := out.(interface{ Finish() error }).Finish(); err != nil {
			t.Fatal(err)
		}
	}
	exists := func(name string) bool {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		return err == nil
	}
	if err := os.WriteFile(filepath.Join(dir, "CNAME"), []byte("docs.example.com"), 0o644); err != nil {
		t.Fatal(err)
	}
	build("index.html", "plunk/errors/gone/index.html", "plunk/errors/kept/index.html")
	build("index.html", "plunk/errors/kept/index.html")
	if exists("plunk/errors/gone/index.html") || exists("plunk/errors/gone") {
		t.Error("the removed page and its folder are still there")
	}
	for _, f := range []string{"index.html", "plunk/errors/kept/index.html", "CNAME"} {
		if !exists(f) {
			t.Errorf("%s was deleted", f)
		}
	}
}

// plainOutput is an Output with WriteFile alone: files written in pieces reach it joined.
type plainOutput struct{ m *MemOutput }

func (o plainOutput) WriteFile(name string, data []byte) error { return o.m.WriteFile(name, data) }

// TestOutputsAgree builds the shipped content into memory, into a folder and into an Output
// that cannot take a file in pieces, and checks that all three hold the same files, byte for
// byte: llms-full.txt, streamed out in pieces, included.
func TestOutputsAgree(t *testing.T) {
	build := func(opts Options) {
		t.Helper()
		opts.Content, opts.BaseURL = content.FS, "https://example.org/docs/"
		if _, err := BuildReport(opts); err != nil {
			var les load.Errors
			if !errors.As(err, &les) {
				t.Fatal(err)
			}
		}
	}
	mem, plain := NewMemOutput(), NewMemOutput()
	dir := t.TempDir()
	build(Options{Output: mem})
	build(Options{Output: plainOutput{plain}})
	build(Options{OutDir: dir})
	names := mem.Names()
	if !slices.Equal(names, plain.Names()) {
		t.Fatalf("the plain output holds other files than memory's")
	}
	if full, _ := mem.File("llms-full.txt"); len(full) == 0 {
		t.Fatal("llms-full.txt is empty")
	}
	for _, name := range names {
		want, _ := mem.File(name)
		if got, _ := plain.File(name); !bytes.Equal(got, want) {
			t.Errorf("%s differs in the plain output", name)
		}
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs on disk (%v)", name, err)
		}
	}
}
