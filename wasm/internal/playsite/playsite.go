//go:build !js

// Package playsite builds the site with a given playground module and serves it as a static
// host would, for the playground's browser tests (wasm/internal/browsertest) and its benchmark
// (wasm/internal/benchwasm). It is test tooling, not part of errdocs serve.
package playsite

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/internal/wasmbuild"
	"github.com/errdocs/errdocs/site"
)

// Root returns the module's root folder (where go.mod is).
func Root() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("not inside the errdocs module")
	}
	return filepath.Dir(mod), nil
}

// BuildModule builds the playground module into dir with the shipped recipe (package
// wasmbuild: the same flags and data packing, plus any build tags), copies wasm_exec.js beside
// it, and returns the module's path.
func BuildModule(root, dir string, tags ...string) (string, error) {
	out := filepath.Join(dir, "errdocs.wasm")
	if err := wasmbuild.Module(context.Background(), wasmbuild.Toolchain{Env: os.Environ()}, root, out, tags...); err != nil {
		return "", err
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", err
	}
	js, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return "", err
	}
	return out, os.WriteFile(filepath.Join(dir, "wasm_exec.js"), js, 0o644)
}

// Options say what to build.
type Options struct {
	// Root is the repository root; its static/ folder supplies the assets.
	Root string
	// ModuleDir, when set, holds errdocs.wasm and wasm_exec.js (and maybe .br and .gz) that
	// replace those in static/. When empty, static/ must hold them (./build.sh wasm).
	ModuleDir string
	// Gzip makes errdocs.wasm.gz from the module when ModuleDir has none (brotli at its best
	// quality takes seconds; tests do without).
	Gzip bool
	// Content is the content tree to build; nil means the shipped one (content.FS). The
	// redeploy tests build a second version of the site from an edited copy.
	Content fs.FS
}

// Build builds the shipped content into memory with the playground module. Content errors
// (load.Errors: an example that decodes to another code, a broken link) are the site's tests'
// business: the site is still complete, so Build returns it with the error, and the caller may
// go on.
func Build(o Options) (*site.MemOutput, error) {
	static := os.DirFS(filepath.Join(o.Root, "static"))
	var fsys fs.FS = static
	if o.ModuleDir != "" {
		over := fstest.MapFS{}
		for _, name := range []string{"errdocs.wasm", "wasm_exec.js", "errdocs.wasm.br", "errdocs.wasm.gz"} {
			data, err := os.ReadFile(filepath.Join(o.ModuleDir, name))
			if err != nil {
				if os.IsNotExist(err) && strings.HasPrefix(name, "errdocs.wasm.") {
					continue
				}
				return nil, err
			}
			over[name] = &fstest.MapFile{Data: data}
		}
		if _, ok := over["errdocs.wasm.gz"]; !ok && o.Gzip {
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
			zw.Write(over["errdocs.wasm"].Data)
			zw.Close()
			over["errdocs.wasm.gz"] = &fstest.MapFile{Data: b.Bytes()}
		}
		fsys = overlay{base: static, over: over, hide: "errdocs.wasm"}
	}
	tree := o.Content
	if tree == nil {
		tree = content.FS
	}
	out := site.NewMemOutput()
	_, err := site.BuildReport(site.Options{Content: tree, Static: fsys, Output: out})
	var les load.Errors
	if err != nil && !errors.As(err, &les) {
		return nil, err
	}
	if _, ok := out.File("playground/index.html"); !ok {
		return nil, fmt.Errorf("the build wrote no playground page: %v", err)
	}
	return out, err
}

// overlay is base with the files of over on top; base's files named hide* are hidden.
type overlay struct {
	base fs.FS
	over fstest.MapFS
	hide string
}

func (o overlay) Open(name string) (fs.File, error) {
	if _, ok := o.over[name]; ok {
		return o.over.Open(name)
	}
	if strings.HasPrefix(name, o.hide) || name == "wasm_exec.js" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if name == "." {
		return o.dir()
	}
	return o.base.Open(name)
}

// dir lists the root: base's files less the hidden ones, plus over's.
func (o overlay) dir() (fs.File, error) {
	ents, err := fs.ReadDir(o.base, ".")
	if err != nil {
		return nil, err
	}
	m := fstest.MapFS{}
	for _, e := range ents {
		if e.IsDir() || strings.HasPrefix(e.Name(), o.hide) || e.Name() == "wasm_exec.js" {
			continue
		}
		data, err := fs.ReadFile(o.base, e.Name())
		if err != nil {
			return nil, err
		}
		m[e.Name()] = &fstest.MapFile{Data: data}
	}
	for k, v := range o.over {
		m[k] = v
	}
	return m.Open(".")
}

// Handler serves a built site as a static host does: site.Handler (index.html for folders,
// 404.html, the _headers file's headers, the Content-Security-Policy among them, and the
// precompressed NAME.br or NAME.gz a browser accepts), so the module's transfer size is what a
// visitor would get.
func Handler(out *site.MemOutput) http.Handler {
	return site.Handler(out, "/")
}

// PasteJS is a JavaScript function that pastes its argument into the playground as a person
// would (a paste that replaces the whole text), waits for the verdict to be drawn and returns
// the text the paste area held before masking (a textarea turns CRLF into LF).
const PasteJS = `(async (text) => {
  const root = document.getElementById("playground");
  const ta = document.getElementById("pg-paste");
  const before = +(root.dataset.runId || 0);
  ta.focus();
  ta.select();
  ta.dispatchEvent(new InputEvent("beforeinput", {inputType: "insertFromPaste", bubbles: true, cancelable: true}));
  ta.value = text;
  const sent = ta.value;
  ta.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste", bubbles: true}));
  const t0 = performance.now();
  while (!(+(root.dataset.runId || 0) > before && root.dataset.run === "done")) {
    if (performance.now() - t0 > 60000) throw new Error("no verdict after 60 s");
    await new Promise(r => setTimeout(r, 2));
  }
  return sent;
})`
