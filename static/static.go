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

import "embed"

// FS holds every asset file in this folder.
//
//go:embed *
var FS embed.FS
