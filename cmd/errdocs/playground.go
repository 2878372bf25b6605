package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/internal/wasmbuild"
	"github.com/errdocs/errdocs/static"
)

// contentFS is the content a command reads: the folder dir (--content), else ./content when it
// exists, else the demo catalog built into errdocs. For the demo catalog, note is the line the
// command prints on stderr to say so.
func contentFS(cmd, dir string) (fsys fs.FS, note string, err error) {
	if dir == "" && isDir("content") {
		dir = "content"
	}
	if dir == "" {
		return content.FS, "errdocs " + cmd + ": no ./content folder here, so using the built-in demo catalog (Plunk and Puck); --content DIR reads another\n", nil
	}
	if !isDir(dir) {
		return nil, "", fmt.Errorf("--content %s: not a folder", dir)
	}
	return os.DirFS(dir), "", nil
}

// playgroundModule returns the playground module's files for a site whose static files are
// staticFS: nil when staticFS holds them, the embedded ones when this binary has them, else
// those package wasmbuild builds (once per version, saying so on stderr). Its error is one
// line.
func playgroundModule(staticFS fs.FS, stderr io.Writer) (fs.FS, error) {
	if wasmbuild.CompleteFS(staticFS) {
		return nil, nil
	}
	if wasmbuild.CompleteFS(static.FS) {
		return static.FS, nil
	}
	bi, _ := debug.ReadBuildInfo()
	_, file, _, _ := runtime.Caller(0)
	cache, _ := os.UserCacheDir()
	wd, _ := os.Getwd()
	dir, err := wasmbuild.Find(context.Background(), wasmbuild.Options{
		Toolchain: wasmbuild.Toolchain{Env: os.Environ()},
		Build:     bi, SourceFile: file, Dir: wd, CacheDir: cache, Log: stderr,
	})
	if err != nil {
		return nil, fmt.Errorf("this errdocs has no playground module and cannot build one: %v (install Go 1.26 to let it, or pass --no-playground)", err)
	}
	return os.DirFS(dir), nil
}
