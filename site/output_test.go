package site

import (
	"os"
	"path/filepath"
	"testing"
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
