// Package scaffold writes the content tree of a new API for "errdocs init": a small, commented
// sample, or a tree drawn from the API's OpenAPI document.
//
// # From an OpenAPI document
//
// New reads an OpenAPI 3.0 or 3.1 document (YAML or JSON) with kin-openapi, after go.yaml.in/yaml/v3
// has turned YAML into JSON (it reads YAML that bundlers write and kin-openapi's own YAML reader
// may not). From every error response (a status of 400 or more, "4XX", "5XX" or "default") with
// a JSON body it infers:
//
//   - the body's shape: an "error" envelope, a flat body, or problem details (written as the
//     problem+json preset, with the keys the preset does not read); where the code, message,
//     status, request id and field issues are (by the names APIs use for them); which paths
//     every such body has (the schema's required properties);
//   - the codes: the code property's enum, the codes of the spec's own examples, and codes
//     written in backquotes or UPPER_SNAKE_CASE in the response's and the code's descriptions;
//     for RFC 9457 problem details without a code member, the type URIs of the type's enum,
//     const and examples, each read as its code by catalog.ProblemTypeCode, as the engine reads
//     them;
//   - statuses, hosts (servers), authentication (securitySchemes, named in the overview), and
//     the request-id, Retry-After and rate-limit headers the responses declare.
//
// It writes the API's index.md, one page per code (one per status and shape for bodies without
// a code) with the spec's examples as checked examples (a body built from the schema where the
// spec has none, and the page says so), and openapi.yaml with the document's operations for
// request checks (request examples left out: they are the spec's, not checked answers). If
// catalog/load does not accept that openapi.yaml (a remote $ref, say), it is left out and a note
// says why.
//
// Every Markdown file it writes starts its front matter with a yaml-language-server modeline
// naming the JSON Schema of its kind of page (see load.Schemas), so editors complete and check
// the keys.
//
// The package reads no files: it takes the document's bytes and returns the files to write. It
// is not linked into the playground's module.
package scaffold

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/errdocs/errdocs/catalog"
)

// Options say what to write.
type Options struct {
	// ID is the API's folder name under content/, e.g. "acme"; a slug of the spec's title (or
	// "example") when empty.
	ID string
	// Spec is an OpenAPI document, YAML or JSON; nil writes the sample.
	Spec []byte
	// SpecName names the document in messages and in the pages it writes, e.g. "openapi.yaml".
	SpecName string
	// SchemaBase is the URL the JSON Schemas are served under (a site's root); the modeline
	// names SchemaBase + "schema/<kind>.json".
	SchemaBase string
}

// Result is the tree to write.
type Result struct {
	// Files are the files by slash-separated path, relative to the content folder.
	Files map[string][]byte
	// ID is the API's folder name.
	ID string
	// Pages counts the error pages; Examples the spec examples among them.
	Pages, Examples int
	// Notes say what was left out and why.
	Notes []string
}

// ErrSpec matches (errors.Is) every error about the spec itself.
var ErrSpec = errors.New("bad OpenAPI document")

type specError struct{ msg string }

func (e *specError) Error() string        { return e.msg }
func (e *specError) Is(target error) bool { return target == ErrSpec }

func specErr(format string, args ...any) error {
	return &specError{msg: fmt.Sprintf(format, args...)}
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// New returns the content tree Options ask for.
func New(o Options) (*Result, error) {
	if o.ID != "" && !idRE.MatchString(o.ID) {
		return nil, fmt.Errorf("name %q: use lower-case letters, digits and dashes (it is a folder name)", o.ID)
	}
	if o.SchemaBase == "" {
		o.SchemaBase = "/"
	}
	if !strings.HasSuffix(o.SchemaBase, "/") {
		o.SchemaBase += "/"
	}
	if o.Spec == nil {
		if o.ID == "" {
			o.ID = "example"
		}
		r := &Result{Files: map[string][]byte{}, ID: o.ID}
		name := titleCase(strings.ReplaceAll(o.ID, "-", " "))
		for p, text := range sample {
			r.Files[fill(p, o, name)] = []byte(fill(text, o, name))
			if strings.Contains(p, "/errors/") {
				r.Pages++
			}
		}
		return r, nil
	}
	return fromSpec(o)
}

// modeline is the yaml-language-server comment that names a page kind's JSON Schema.
func modeline(o Options, kind string) string {
	return "# yaml-language-server: $schema=" + o.SchemaBase + "schema/" + kind + ".json"
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// sentence turns a code into a title: "rate_limit_exceeded" → "Rate limit exceeded".
func sentence(code string) string {
	s := strings.ToLower(strings.NewReplacer("_", " ", "-", " ", ".", " ").Replace(code))
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return code
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// slugFor gives each page a unique file name.
func slugFor(taken map[string]bool, base string) string {
	s := catalog.Slug(base)
	if s == "" {
		s = "error"
	}
	for i := 2; taken[s]; i++ {
		s = fmt.Sprintf("%s-%d", catalog.Slug(base), i)
	}
	taken[s] = true
	return s
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func errorsPath(id, slug string) string { return path.Join(id, "errors", slug+".md") }
