// Package static holds the site's hand-written assets: the stylesheet, the small scripts (theme,
// copy buttons, search) and the favicon. They are embedded so the errdocs command builds a
// complete site from any folder; errdocs serve reads this folder from disk instead when it runs
// inside the repository, so an edit shows on reload.
//
// Package site fingerprints every file here but the Go sources (name.HASH.ext under /assets/) and appends the
// generated syntax-highlighting CSS to site.css. Files named playground* and worker*, boot.js,
// sw.js and reasons.gen.js belong to the playground; the site build treats them like any other
// asset, except that it rewrites an ES module's relative imports ("./playground-engine.js") to
// the fingerprinted names (site/modules.go). The scripts are type-checked by ./build.sh
// typecheck against wasm/errdocs.d.ts; no type declaration lives here, so none ships.
package static

import (
	"embed"
	"strings"
)

// FS holds every asset file in this folder.
//
//go:embed *
var FS embed.FS

// ModuleFiles are the playground module's files: the module, its brotli and gzip copies and the
// Go toolchain's wasm_exec.js. They are built, not committed (./build.sh wasm writes them here;
// package internal/wasmbuild makes them), so a binary embeds them only when they were built
// before it.
var ModuleFiles = []string{"errdocs.wasm", "errdocs.wasm.br", "errdocs.wasm.gz", "wasm_exec.js"}

// Playground reports whether the file name of this folder belongs to the playground (its
// scripts, worker, service worker, styles and module) rather than to every page.
func Playground(name string) bool {
	switch name {
	case "boot.js", "sw.js", "reasons.gen.js", "wasm_exec.js":
		return true
	}
	return strings.HasPrefix(name, "playground") || strings.HasPrefix(name, "worker") ||
		strings.HasPrefix(name, "errdocs.wasm")
}
