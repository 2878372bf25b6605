package load

import "embed"

//go:generate go run ./internal/refgen -md schema/front-matter.md -schema schema

// Schemas holds the JSON Schemas of front matter, generated from the Go types (see
// FrontMatterType and ./internal/refgen): schema/api-index.json for an API's index.md,
// schema/code-page.json for an error page and schema/page.json for any other page. The site
// serves them at /schema/<name>.json, the URL the yaml-language-server modelines errdocs init
// writes name, so editors complete and check front matter. schema/front-matter.md, beside them
// and served beside them, is the same reference in words.
//
//go:embed schema/*.json schema/front-matter.md
var Schemas embed.FS
