package wasmbuild

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"

	"golang.org/x/mod/modfile"
)

// Options tell [Find] which errdocs is running and where it may build. They are the process's
// own facts, passed in so a test can state them.
type Options struct {
	Toolchain Toolchain
	// Build is the running binary's build information (debug.ReadBuildInfo).
	Build *debug.BuildInfo
	// SourceFile is the path of one of errdocs's Go files as the binary was compiled
	// (runtime.Caller): absolute for a checkout build, module-relative under -trimpath.
	SourceFile string
	// Dir is the working folder; a checkout is looked for above it when SourceFile is trimmed.
	Dir string
	// CacheDir is the user's cache folder (os.UserCacheDir); modules built for an installed
	// version live in CacheDir/errdocs/playground/VERSION.
	CacheDir string
	// Log receives one line when Find builds a module.
	Log io.Writer
}

// Find returns a folder holding the playground module (Files) for the running errdocs,
// building it when it is not there yet:
//
//   - A binary installed from the module proxy (its build information names errdocs's module
//     at a version with a checksum) builds the module cache's copy of that version (go mod
//     download fetches it again when the cache was cleaned) into CacheDir, once per version.
//   - A binary built in a checkout builds the checkout's wasm/ into its static/, as
//     ./build.sh wasm does (and a later go build or go run embeds it).
//
// The error is one line that says why no module could be made.
func Find(ctx context.Context, o Options) (string, error) {
	mod := ownModule(o.Build)
	if mod != nil && mod.Sum != "" && mod.Version != "" && mod.Version != "(devel)" {
		return fromModuleCache(ctx, o, mod.Version)
	}
	root := checkoutOf(o.SourceFile)
	if root == "" {
		root = checkoutAbove(o.Dir)
	}
	if root == "" {
		return "", errors.New("this errdocs was built from source that is not at hand (neither a go install of a version nor a checkout above this folder)")
	}
	dir := filepath.Join(root, "static")
	if Complete(dir) {
		return dir, nil
	}
	v, err := o.Toolchain.Version(ctx, root)
	if err != nil {
		return "", err
	}
	say(o.Log, "errdocs: building the playground module with %s from the checkout %s into its static/ (as ./build.sh wasm does)", v, root)
	if err := Build(ctx, o.Toolchain, root, dir); err != nil {
		return "", err
	}
	return dir, nil
}

// fromModuleCache returns the cached module of errdocs at version, building it first if needed.
func fromModuleCache(ctx context.Context, o Options, version string) (string, error) {
	if o.CacheDir == "" {
		return "", errors.New("no user cache folder to keep the playground module in (set XDG_CACHE_HOME or HOME)")
	}
	parent := filepath.Join(o.CacheDir, "errdocs", "playground")
	dir := filepath.Join(parent, version)
	if Complete(dir) {
		return dir, nil
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	src, err := download(ctx, o.Toolchain, parent, ModulePath+"@"+version)
	if err != nil {
		return "", err
	}
	v, err := o.Toolchain.Version(ctx, src)
	if err != nil {
		return "", err
	}
	say(o.Log, "errdocs: building the playground module with %s from %s@%s into %s (once per version)", v, ModulePath, version, dir)
	tmp, err := os.MkdirTemp(parent, ".build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	if err := Build(ctx, o.Toolchain, src, tmp); err != nil {
		return "", err
	}
	os.RemoveAll(dir) // an incomplete earlier attempt
	if err := os.Rename(tmp, dir); err != nil && !Complete(dir) {
		return "", err
	}
	return dir, nil
}

// download returns the module cache's folder of module@version, fetching it when it is missing.
func download(ctx context.Context, tc Toolchain, dir, modVersion string) (string, error) {
	cmd, err := tc.command(ctx, dir, "mod", "download", "-json", modVersion)
	if err != nil {
		return "", err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var m struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &m); jerr == nil && m.Error != "" {
		return "", fmt.Errorf("go mod download %s: %s", modVersion, firstLine(m.Error))
	}
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %v: %s", modVersion, err, firstLine(stderr.String()))
	}
	if m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: no folder in its answer", modVersion)
	}
	return m.Dir, nil
}

// ownModule is errdocs's module in the build information: the main module, or a dependency
// when another main package links errdocs's command.
func ownModule(bi *debug.BuildInfo) *debug.Module {
	if bi == nil {
		return nil
	}
	if bi.Main.Path == ModulePath {
		return &bi.Main
	}
	for _, d := range bi.Deps {
		if d.Path == ModulePath {
			if d.Replace != nil {
				return d.Replace
			}
			return d
		}
	}
	return nil
}

// checkoutOf returns the checkout that holds the source file file, or "".
func checkoutOf(file string) string {
	if !filepath.IsAbs(file) {
		return ""
	}
	return checkoutAbove(filepath.Dir(file))
}

// checkoutAbove returns the nearest folder at or above dir that is errdocs's source (a go.mod
// of ModulePath and a wasm/ folder), or "".
func checkoutAbove(dir string) string {
	if dir == "" {
		return ""
	}
	for {
		if isSource(dir) {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

func isSource(dir string) bool {
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	if modfile.ModulePath(gomod) != ModulePath {
		return false
	}
	st, err := os.Stat(filepath.Join(dir, "wasm", "main.go"))
	return err == nil && !st.IsDir()
}

// Complete reports whether the folder dir holds every file of a built module.
func Complete(dir string) bool {
	return CompleteFS(os.DirFS(dir))
}

// CompleteFS reports whether fsys holds every file of a built module at its root.
func CompleteFS(fsys fs.FS) bool {
	for _, f := range Files {
		if st, err := fs.Stat(fsys, f); err != nil || st.IsDir() {
			return false
		}
	}
	return true
}

func say(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

// Checkout returns the errdocs source folder at or above dir.
func Checkout(dir string) (string, error) {
	if root := checkoutAbove(dir); root != "" {
		return root, nil
	}
	return "", fmt.Errorf("%s is not inside an errdocs checkout", dir)
}
