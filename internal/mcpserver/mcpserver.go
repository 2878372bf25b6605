// Package mcpserver is errdocs as a Model Context Protocol server (errdocs mcp), built on the
// official Go SDK, github.com/modelcontextprotocol/go-sdk. It offers:
//
//   - the tool explain: a paste in, its verdict out, exactly as errdocs explain --json prints
//     it, as structured output (with the Verdict's JSON Schema) and as text;
//   - the tool lookup: a code, a status or words (and optionally an API) in, the matching code
//     pages out: API, code, status, title, URL and the page's Markdown;
//   - each code page as a resource (errdocs://<api>/errors/<slug>, text/markdown).
//
// The code pages are the site's Markdown twins (site.CodePages), so an agent reads what the
// site's pages say; lookup ranks words with the site's search terms (package site/search).
//
// # Secrets
//
// Everything the server returns passes through the engine's redaction: the verdict is
// triage.Explain's (engine.Explain per exchange), which redacts it last (as errdocs explain does), and every other text it
// returns (a page's Markdown, a message that quotes the query) goes through engine.Redact. No
// call site masks by hand.
//
// Package mcpserver may import catalog, engine, site, site/search, the MCP SDK and the standard
// library. cmd/errdocs imports it; the WebAssembly module never links it.
package mcpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"reflect"
	"strings"
	"time"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/engine/triage"
	"github.com/errdocs/errdocs/internal/instant"
	"github.com/errdocs/errdocs/site"
	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// Config is what a server serves.
type Config struct {
	// Catalog and Pages are a content tree's catalog and code pages (site.CodePages).
	Catalog *catalog.Catalog
	Pages   []site.CodePage
	// Now is the clock that dates a Retry-After; nil means time.Now.
	Now func() time.Time
	// Version is the server's version, as initialize reports it.
	Version string
}

// server holds what the tools and resources read.
type server struct {
	cat   *catalog.Catalog
	pages []site.CodePage
	now   func() instant.Time
}

// New returns the MCP server for cfg, with its tools and one resource per code page. Run it
// with (*mcp.Server).Run on a transport (mcp.StdioTransport for errdocs mcp).
func New(cfg Config) *mcp.Server {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	// The engine's clock is an instant.Time (it links no package time).
	s := &server{cat: cfg.Catalog, pages: cfg.Pages, now: func() instant.Time { return instant.Unix(0, now().UnixNano()) }}
	version := cfg.Version
	if version == "" {
		version = "dev"
	}
	srv := mcp.NewServer(&mcp.Implementation{Name: "errdocs", Title: "errdocs", Version: version}, &mcp.ServerOptions{
		Instructions: "errdocs explains HTTP API errors from the API's own error catalog. Call explain with a pasted " +
			"response, curl transcript, log line or request to learn what went wrong, why, how to fix it and whether " +
			"to retry. Call lookup with an error code, an HTTP status or words to read the code's page. " +
			"APIs in this catalog: " + s.apiNames() + ".",
	})
	mcp.AddTool(srv, &mcp.Tool{
		Name:  "explain",
		Title: "Explain an API error",
		Description: "Explain a pasted HTTP error: a response, a curl -i or -v transcript, a log line with JSON in it, " +
			"or a request (curl, raw HTTP or fetch) alone or followed by its response. Returns the verdict exactly as " +
			"`errdocs explain --json` prints it: the API and code, what it means, the likely cause, how to fix it, " +
			"whether and when to retry, field issues, problems, and a request's predicted answer and corrected form. " +
			"Secrets in the paste are masked in the verdict.",
		OutputSchema: verdictSchema(),
		Annotations:  &mcp.ToolAnnotations{ReadOnlyHint: true, OpenWorldHint: ptr(false)},
	}, s.explain)
	mcp.AddTool(srv, &mcp.Tool{
		Name:  "lookup",
		Title: "Look up an error code's page",
		Description: "Find error code pages by code (RATE_LIMIT_EXCEEDED), HTTP status (429) or words (\"rate limit\"), " +
			"optionally in one API. Returns each page's API, code, status, title, URL and Markdown.",
		Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true, OpenWorldHint: ptr(false)},
	}, s.lookup)
	for i := range s.pages {
		p := &s.pages[i]
		e := p.Entry
		srv.AddResource(&mcp.Resource{
			URI:         ResourceURI(e),
			Name:        resourceName(e),
			Title:       e.Title,
			Description: s.redact(describe(e)),
			MIMEType:    "text/markdown",
			Size:        int64(len(s.redact(p.Markdown))),
		}, s.readPage)
	}
	return srv
}

func ptr[T any](v T) *T { return &v }

// verdictSchema is the JSON Schema of a verdict, the explain tool's output. A verdict nests
// verdicts (exchanges.groups[].verdict), which the SDK's inference refuses as a cycle, so the
// schema is inferred for a copy of the type and each nested verdict refers back to the root.
func verdictSchema() *jsonschema.Schema {
	type root engine.Verdict
	s, err := jsonschema.For[root](&jsonschema.ForOptions{TypeSchemas: map[reflect.Type]*jsonschema.Schema{
		reflect.TypeFor[engine.Verdict](): {Type: "object", Ref: "#"}, // a group always has its verdict
	}})
	if err != nil {
		panic("mcpserver: the verdict's schema: " + err.Error()) // a Go type that cannot change at run time
	}
	return s
}

// apiNames lists the catalog's APIs for the server's instructions: "Plunk (plunk), Puck (puck)".
func (s *server) apiNames() string {
	var names []string
	for _, a := range s.cat.APIs {
		names = append(names, a.Name+" ("+a.ID+")")
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// redact masks the secrets in text with the engine's one redaction pass.
func (s *server) redact(text string) string {
	masked, _ := engine.Redact(s.cat, text)
	return masked
}

// ExplainArgs are the explain tool's arguments.
type ExplainArgs struct {
	Paste string `json:"paste" jsonschema:"the HTTP response, curl transcript, log line or request to explain, as pasted"`
}

// explain runs the engine over a paste. The verdict is triage.Explain's, as errdocs explain
// --json prints it (it redacts last); its text is the same bytes.
func (s *server) explain(_ context.Context, _ *mcp.CallToolRequest, in ExplainArgs) (*mcp.CallToolResult, *engine.Verdict, error) {
	v := triage.Explain(s.cat, in.Paste, engine.Options{Now: s.now})
	text, err := VerdictJSON(v)
	if err != nil {
		return nil, nil, err
	}
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(text)}}}, v, nil
}

// VerdictJSON writes a verdict as errdocs explain --json prints it: indented by two spaces,
// without HTML escapes, with a final newline. cmd/errdocs prints with it, so the tool's text and
// the command's output are the same bytes.
func VerdictJSON(v *engine.Verdict) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ResourceURI is the URI of an error code's page as a resource: errdocs://<api>/errors/<slug>,
// from the page's URL path ("/plunk/errors/rate-limit-exceeded/").
func ResourceURI(e *catalog.Entry) string {
	p := strings.Trim(e.Docs, "/")
	api, rest, _ := strings.Cut(p, "/")
	u := url.URL{Scheme: "errdocs", Host: api, Path: "/" + rest}
	return u.String()
}

// resourceName names a page's resource: the API and code ("plunk RATE_LIMIT_EXCEEDED 429"),
// or the page's slug for a codeless entry.
func resourceName(e *catalog.Entry) string {
	api := ""
	if e.API != nil {
		api = e.API.ID + " "
	}
	if e.Code == "" {
		return api + path.Base(strings.TrimSuffix(e.Docs, "/"))
	}
	return api + e.Code + " " + fmt.Sprint(e.Status)
}

// describe is a page's one-line description: "429 Too Many Requests: Rate limit exceeded".
func describe(e *catalog.Entry) string {
	st := make([]string, len(e.Statuses))
	for i, s := range e.Statuses {
		st[i] = catalog.StatusText(s)
	}
	return strings.Join(st, ", ") + ": " + e.Title
}

// readPage reads a code page's resource.
func (s *server) readPage(_ context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
	uri := req.Params.URI
	for i := range s.pages {
		p := &s.pages[i]
		if ResourceURI(p.Entry) == uri {
			return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{
				{URI: uri, MIMEType: "text/markdown", Text: s.redact(p.Markdown)},
			}}, nil
		}
	}
	return nil, mcp.ResourceNotFoundError(uri)
}
