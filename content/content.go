// Package content embeds the error catalog and guides that ship with errdocs, so the errdocs
// command explains pastes from any folder. The Markdown files beside this one are the only
// source of truth for every code, status, retry policy and word of prose; see package
// catalog/load for their format.
package content

import "embed"

// FS holds every file of the shipped content tree.
//
//go:embed *
var FS embed.FS
