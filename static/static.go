// Package static holds the site's hand-written assets: the stylesheet, the small scripts (theme,
// copy buttons, search) and the favicon. They are embedded so the errdocs command builds a
// complete site from any folder; errdocs serve reads this folder from disk instead when it runs
// inside the repository, so an edit shows on reload.
//
// Package site fingerprints every file here but the Go sources (name.HASH.ext under /assets/) and appends the
// generated syntax-highlighting CSS to site.css. Files named playground* and worker* belong to the
// playground; the site build treats them like any other asset.
package static

import "embed"

// FS holds every asset file in this folder.
//
//go:embed *
var FS embed.FS
