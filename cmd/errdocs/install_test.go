package main

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/errdocs/errdocs/internal/testkit"
	"github.com/errdocs/errdocs/internal/wasmbuild"
	"github.com/errdocs/errdocs/site"
	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

var browser testkit.Browser

func TestMain(m *testing.M) {
	code := m.Run()
	browser.Close()
	os.Exit(code)
}

// TestGoInstall installs errdocs the way go install does for a user, and checks that the
// installed binary ships a working playground:
//
//  1. the checkout's files (those git tracks or would track: nothing gitignored, so no built
//     module) are zipped as the module at a new pseudo-version, into a GOPROXY=file://
//     folder (.info, .mod, .zip, list, @latest), ahead of the usual proxy;
//  2. go install github.com/errdocs/errdocs/cmd/errdocs@that-version into a temporary GOBIN;
//  3. errdocs build in an empty folder builds the module from the module cache (and says so),
//     and a second build uses the cached one;
//  4. the built site, served as a static host would, answers a paste in headless Chromium;
//  5. with no go command and no cached module, errdocs build fails in one line, and
//     --no-playground builds a site without it.
//
// It shares the Go build and module caches, and removes the module version it added to the
// module cache.
func TestGoInstall(t *testing.T) {
	testkit.NeedChromium(t)
	goCmd, root := buildsWithGo(t, "builds errdocs and its module from a module proxy")
	goenv := func(key string) string {
		out, err := exec.Command(goCmd, "env", key).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", key, err)
		}
		return strings.TrimSpace(string(out))
	}
	gocache, modcache, upstream := goenv("GOCACHE"), goenv("GOMODCACHE"), goenv("GOPROXY")

	tmp := t.TempDir()
	proxy := filepath.Join(tmp, "proxy")
	version := publish(t, root, proxy)
	t.Cleanup(func() { forget(t, modcache, version) })

	gobin := filepath.Join(tmp, "bin")
	env := append(os.Environ(),
		"GOPROXY=file://"+filepath.ToSlash(proxy)+","+upstream,
		"GONOSUMDB="+wasmbuild.ModulePath, "GOFLAGS=", "GOWORK=off",
		"GOBIN="+gobin, "GOCACHE="+gocache, "GOMODCACHE="+modcache,
		"XDG_CACHE_HOME="+filepath.Join(tmp, "cache"))
	run := func(dir string, env []string, name string, args ...string) (stdout, stderr string, err error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err = cmd.Run()
		return o.String(), e.String(), err
	}
	if _, errs, err := run(tmp, env, goCmd, "install", wasmbuild.ModulePath+"/cmd/errdocs@"+version); err != nil {
		t.Fatalf("go install: %v\n%s", err, errs)
	}
	errdocs := filepath.Join(gobin, "errdocs")

	site1 := filepath.Join(tmp, "site1")
	os.Mkdir(site1, 0o755)
	out, errs, err := run(site1, env, errdocs, "build")
	if err != nil {
		t.Fatalf("errdocs build: %v\n%s", err, errs)
	}
	for _, want := range []string{"building the playground module with go1.", wasmbuild.ModulePath + "@" + version, "(once per version)",
		"using the built-in demo catalog"} {
		if !strings.Contains(errs, want) {
			t.Errorf("errdocs build's stderr lacks %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, "built ") {
		t.Errorf("stdout: %q", out)
	}
	if _, errs, err := run(site1, env, errdocs, "build", "-o", "again"); err != nil || strings.Contains(errs, "building") {
		t.Errorf("a second build (%v) built the module again:\n%s", err, errs)
	}

	// No go command and nothing cached: one line, exit 1; --no-playground still builds.
	bare := []string{"PATH=" + filepath.Join(tmp, "nothing"), "HOME=" + tmp, "XDG_CACHE_HOME=" + filepath.Join(tmp, "cache2")}
	_, errs, err = run(site1, bare, errdocs, "build", "-o", "nogo")
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "--no-playground") {
		t.Errorf("without go: %v, stderr %q; want exit 1 and one line naming --no-playground", err, errs)
	}
	if _, errs, err = run(site1, bare, errdocs, "build", "--no-playground", "-o", "nogo"); err != nil {
		t.Errorf("--no-playground without go: %v\n%s", err, errs)
	} else if matches, _ := filepath.Glob(filepath.Join(site1, "nogo", "assets", "*.wasm")); len(matches) > 0 {
		t.Errorf("--no-playground shipped %v", matches)
	}

	// The playground of the first site, served as a static host serves it, answers a paste.
	mem := site.NewMemOutput()
	public := filepath.Join(site1, "public")
	err = filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		return mem.WriteFile(filepath.ToSlash(rel), data)
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler(mem, "/"))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(browser.Tab(t), 90*time.Second)
	defer cancel()
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/playground/"),
		chromedp.Evaluate[chromedp.Void](`window.errdocs.ready.then(() => true)`, chromedp.EvalAwaitPromise),
		chromedp.Evaluate[chromedp.Void](`(() => {
			const ta = document.getElementById("pg-paste");
			ta.value = `+strconv.Quote(plunk429)+`;
			ta.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste", bubbles: true}));
		})()`))
	if err != nil {
		t.Fatalf("the playground of the installed errdocs: %v", err)
	}
	verdict, err := chromedp.Run(ctx, chromedp.Poll[string](
		`document.getElementById("pg-verdict").textContent.includes("RATE_LIMIT_EXCEEDED") && document.getElementById("pg-verdict").textContent`,
		chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil {
		t.Fatalf("no verdict in the playground of the installed errdocs: %v", err)
	}
	if !strings.Contains(verdict, "Rate limit exceeded") {
		t.Errorf("verdict drawn: %q", verdict)
	}

	// The README's commands and the action, in a project whose content/ is a small catalog,
	// with errdocs on PATH as go install leaves it.
	project := filepath.Join(tmp, "project")
	if err := os.CopyFS(filepath.Join(project, "content"), os.DirFS(filepath.Join(root, "engine", "testdata", "thirdapi"))); err != nil {
		t.Fatal(err)
	}
	// For "Start your catalog": a real public spec (JSON is YAML too) and a response it documents.
	spec, err := os.ReadFile(filepath.Join(root, "catalog", "scaffold", "testdata", "specs", "akamai-cam", "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	response := "HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\n\r\n" +
		`{"type":"/cam/error-types/access-key-does-not-exist","title":"Domain Error","detail":"Access key with accessKeyUID '56517' does not exist.","instance":"c135eff0-43ec-4d0e-98c9-40efb5d19f35","status":404,"accessKeyUID":56517}` + "\n"
	for name, data := range map[string][]byte{"openapi.yaml": spec, "response.txt": []byte(response)} {
		if err := os.WriteFile(filepath.Join(project, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env = append(env, "PATH="+gobin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Run("README", func(t *testing.T) { runReadme(t, root, project, gobin, env) })
	t.Run("action", func(t *testing.T) { runAction(t, root, project, tmp, version, env) })
}

// publish zips the checkout at root as errdocs's module at a new pseudo-version into the module
// proxy folder proxy, and returns the version. The files are those git lists as tracked or
// untracked but not ignored: what a commit of this working tree would hold.
func publish(t *testing.T, root, proxy string) string {
	t.Helper()
	var files []modzip.File
	h := sha256.New()
	for _, name := range checkoutFiles(t, root) {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(name + "\x00"))
		h.Write(data)
		files = append(files, repoFile{root: root, name: name})
	}
	now := time.Now().UTC()
	version := module.PseudoVersion("", "", now, hex.EncodeToString(h.Sum(nil))[:12])
	mv := module.Version{Path: wasmbuild.ModulePath, Version: version}
	esc, err := module.EscapePath(mv.Path)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(proxy, filepath.FromSlash(esc), "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var zbuf bytes.Buffer
	if err := modzip.Create(&zbuf, mv, files); err != nil {
		t.Fatalf("zip the module: %v", err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	info, _ := json.Marshal(map[string]any{"Version": version, "Time": now.Format(time.RFC3339)})
	for name, data := range map[string][]byte{version + ".zip": zbuf.Bytes(), version + ".mod": gomod,
		version + ".info": info, "list": []byte(version + "\n")} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// @latest: go asks for it when the list holds no release version, only this pseudo-version.
	if err := os.WriteFile(filepath.Join(filepath.Dir(dir), "@latest"), info, 0o644); err != nil {
		t.Fatal(err)
	}
	// The zip must hold no module: a stale static/errdocs.wasm would make the test pass for the
	// wrong reason.
	zr, err := zip.NewReader(bytes.NewReader(zbuf.Bytes()), int64(zbuf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".wasm") {
			t.Fatalf("the module zip holds %s", f.Name)
		}
	}
	return version
}

// buildsWithGo skips a test that builds errdocs (why says what) under -short or without a go
// command; else it returns the go command and the checkout's root.
func buildsWithGo(t *testing.T, why string) (goCmd, root string) {
	t.Helper()
	if testing.Short() {
		t.Skip(why)
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err = filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return goCmd, root
}

// checkoutFiles lists the files of the checkout at root that git tracks or would track
// (untracked but not ignored), as slash-separated paths: what a commit of the working tree
// would hold. Nothing built (the module, public/) is among them.
func checkoutFiles(t *testing.T, root string) []string {
	t.Helper()
	ls, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	var names []string
	for _, name := range strings.Split(strings.TrimRight(string(ls), "\x00"), "\x00") {
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(name))); err == nil { // not deleted
			names = append(names, name)
		}
	}
	return names
}

// repoFile is a file of the checkout, for modzip.Create.
type repoFile struct{ root, name string }

func (f repoFile) Path() string { return f.name }
func (f repoFile) Lstat() (fs.FileInfo, error) {
	return os.Lstat(filepath.Join(f.root, filepath.FromSlash(f.name)))
}
func (f repoFile) Open() (io.ReadCloser, error) {
	return os.Open(filepath.Join(f.root, filepath.FromSlash(f.name)))
}

// forget removes errdocs at version from the module cache (its files are read-only there).
func forget(t *testing.T, modcache, version string) {
	dirs := []string{filepath.Join(modcache, "github.com", "errdocs", "errdocs@"+version)}
	dl := filepath.Join(modcache, "cache", "download", "github.com", "errdocs", "errdocs", "@v")
	matches, _ := filepath.Glob(filepath.Join(dl, version+".*"))
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err == nil && e.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
		if err := os.RemoveAll(d); err != nil {
			t.Errorf("clean the module cache: %v", err)
		}
	}
	for _, m := range matches {
		os.Remove(m)
	}
	os.Remove(filepath.Dir(dirs[0])) // only when empty: github.com/errdocs held nothing else
}
