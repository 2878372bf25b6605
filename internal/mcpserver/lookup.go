package mcpserver

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/site"
	"github.com/errdocs/errdocs/site/search"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// maxLookup is the most pages lookup returns for words: each comes with its whole Markdown.
const maxLookup = 5

// LookupArgs are the lookup tool's arguments.
type LookupArgs struct {
	Query string `json:"query" jsonschema:"an error code as the API spells it (RATE_LIMIT_EXCEEDED), an HTTP status (429) or words (rate limit)"`
	API   string `json:"api,omitempty" jsonschema:"only this API: its id or name (plunk or Plunk)"`
}

// LookupResult is what lookup returns: the matching code pages, best first.
type LookupResult struct {
	Pages []PageResult `json:"pages"`
}

// PageResult is one code page.
type PageResult struct {
	API    string `json:"api" jsonschema:"the API's catalog id"`
	Code   string `json:"code" jsonschema:"the code exactly as the API spells it; empty for a codeless error"`
	Status int    `json:"status" jsonschema:"the documented HTTP status"`
	// Statuses lists every status the code is sent with.
	Statuses []int  `json:"statuses" jsonschema:"every HTTP status the code is sent with"`
	Title    string `json:"title"`
	URL      string `json:"url" jsonschema:"the page on the docs site"`
	Resource string `json:"resource" jsonschema:"the page as a resource of this server"`
	Markdown string `json:"markdown" jsonschema:"the page as Markdown: its facts, then what it means, causes, fixes and examples"`
}

// lookup finds code pages: by code, by status, or by words as the site's search does.
func (s *server) lookup(_ context.Context, _ *mcp.CallToolRequest, in LookupArgs) (*mcp.CallToolResult, *LookupResult, error) {
	pages := s.find(in.Query, in.API)
	res := &LookupResult{Pages: []PageResult{}}
	var text strings.Builder
	for _, p := range pages {
		e := p.Entry
		r := PageResult{Code: e.Code, Status: e.Status, Statuses: e.Statuses, Title: e.Title, URL: p.URL,
			Resource: ResourceURI(e), Markdown: s.redact(p.Markdown)}
		if e.API != nil {
			r.API = e.API.ID
		}
		res.Pages = append(res.Pages, r)
		if text.Len() > 0 {
			text.WriteString("\n---\n\n")
		}
		text.WriteString("Source: " + p.URL + "\n\n" + r.Markdown)
	}
	if len(pages) == 0 {
		text.WriteString(s.redact("No code page matches " + strconv.Quote(in.Query) + s.inAPI(in.API) +
			". Try a code as the API spells it, an HTTP status, or other words; or call explain with the whole response."))
	}
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: text.String()}}}, res, nil
}

func (s *server) inAPI(api string) string {
	if api == "" {
		return ""
	}
	return " in the API " + strconv.Quote(api)
}

// find returns the code pages a query means, best first: every page of a code when the query
// is a code (in its own spelling or its page's slug), every page sent with a status when it is a
// three-digit status, and otherwise the pages that match the most of its words (terms made by
// search.Tokenize, weighed as the site's search index weighs them), at most maxLookup of them.
func (s *server) find(query, api string) []*site.CodePage {
	q := strings.TrimSpace(query)
	var in []*site.CodePage
	for i := range s.pages {
		p := &s.pages[i]
		if api == "" || p.Entry.API != nil && (strings.EqualFold(p.Entry.API.ID, api) || strings.EqualFold(p.Entry.API.Name, api)) {
			in = append(in, p)
		}
	}
	if q == "" {
		return nil
	}
	// A code, as the API spells it or as its page's slug.
	var out []*site.CodePage
	for _, p := range in {
		e := p.Entry
		if e.Code != "" && (strings.EqualFold(e.Code, q) || catalog.Slug(e.Code) == catalog.Slug(q)) {
			out = append(out, p)
		}
	}
	if len(out) > 0 {
		return out
	}
	// A status: its pages, those documented with it first.
	if n, err := strconv.Atoi(q); err == nil && len(q) == 3 && n >= 100 && n <= 599 {
		for _, p := range in {
			if p.Entry.HasStatus(n) {
				out = append(out, p)
			}
		}
		slices.SortStableFunc(out, func(x, y *site.CodePage) int {
			return cmp.Compare(b2i(x.Entry.Status != n), b2i(y.Entry.Status != n))
		})
		return out
	}
	// Words.
	var terms []string
	search.Tokenize(q, func(t string) {
		if !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	})
	type scored struct {
		p       *site.CodePage
		matched int
		weight  int32
	}
	var hits []scored
	for _, p := range in {
		sc := scored{p: p}
		for _, t := range terms {
			if w := p.Terms.Weight(t); w > 0 {
				sc.matched++
				sc.weight += w
			}
		}
		if sc.matched > 0 {
			hits = append(hits, sc)
		}
	}
	slices.SortStableFunc(hits, func(x, y scored) int {
		if c := cmp.Compare(y.matched, x.matched); c != 0 {
			return c
		}
		return cmp.Compare(y.weight, x.weight)
	})
	for _, h := range hits[:min(len(hits), maxLookup)] {
		out = append(out, h.p)
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
