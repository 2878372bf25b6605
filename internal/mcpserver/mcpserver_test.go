package mcpserver

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/engine/triage"
	"github.com/errdocs/errdocs/internal/instant"
	"github.com/errdocs/errdocs/site"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// The server, driven by the SDK's own client over its in-memory transport.

var clock = func() time.Time { return time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC) }

// secretKey is a Plunk secret key in the shipped catalog's format; it must never come back.
const secretKey = "sk_3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e"

// githubToken is a GitHub token, a secret kind of the engine's table that no page mentions.
const githubToken = "ghp_Qx7Lm2Np9Rt4Vw6Yz8Ab1Cd3Ef5Gh0Jk2Mn4P"

// connect starts a server over the shipped content and connects a client to it with the
// initialize handshake of protocol version 2025-06-18, which today's agent clients speak.
func connect(t *testing.T) (*mcp.ClientSession, *catalog.Catalog, []site.CodePage) {
	t.Helper()
	cat, pages, err := site.CodePages(site.Options{Content: content.FS})
	if err != nil {
		t.Fatal(err)
	}
	srv := New(Config{Catalog: cat, Pages: pages, Now: clock, Version: "test"})
	st, ct := mcp.NewInMemoryTransports()
	ctx := context.Background()
	ss, err := srv.Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := mcp.NewClient(&mcp.Implementation{Name: "test-client", Version: "v0"}, nil)
	cs, err := client.Connect(ctx, ct, &mcp.ClientSessionOptions{ProtocolVersion: "2025-06-18"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cs.Close()
		ss.Wait()
	})
	return cs, cat, pages
}

func text(t *testing.T, res *mcp.CallToolResult) string {
	t.Helper()
	if res.IsError {
		t.Fatalf("the tool failed: %+v", res.Content)
	}
	if len(res.Content) != 1 {
		t.Fatalf("%d content blocks, want 1", len(res.Content))
	}
	tc, ok := res.Content[0].(*mcp.TextContent)
	if !ok {
		t.Fatalf("content is %T, not text", res.Content[0])
	}
	return tc.Text
}

func TestServer(t *testing.T) {
	cs, cat, pages := connect(t)
	ctx := context.Background()

	init := cs.InitializeResult()
	if init == nil || init.ServerInfo == nil || init.ServerInfo.Name != "errdocs" || init.Capabilities.Tools == nil || init.Capabilities.Resources == nil {
		t.Fatalf("initialize: %+v", init)
	}

	tools, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range tools.Tools {
		names = append(names, tool.Name)
		schema, _ := json.Marshal(tool.InputSchema)
		out, _ := json.Marshal(tool.OutputSchema)
		switch tool.Name {
		case "explain":
			if !strings.Contains(string(schema), `"paste"`) || !strings.Contains(string(out), `"fixed_request"`) {
				t.Errorf("explain: input schema %s, output schema %.200s", schema, out)
			}
		case "lookup":
			if !strings.Contains(string(schema), `"query"`) || !strings.Contains(string(schema), `"api"`) || !strings.Contains(string(out), `"markdown"`) {
				t.Errorf("lookup: input schema %s, output schema %.200s", schema, out)
			}
		}
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"explain", "lookup"}) {
		t.Errorf("tools %v", names)
	}

	// explain: the verdict as errdocs explain --json prints it, as text and as structured
	// output, with the pasted secret masked in both.
	paste := "curl -i https://next-api.useplunk.com/v1/send -H 'Authorization: Bearer " + secretKey + "'\n" +
		"HTTP/1.1 429 Too Many Requests\nContent-Type: application/json\nRetry-After: 3\n\n" +
		`{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded for this endpoint","statusCode":429,"requestId":"r-1"},"timestamp":"2025-11-30T10:30:00.000Z"}`
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "explain", Arguments: map[string]any{"paste": paste}})
	if err != nil {
		t.Fatal(err)
	}
	got := text(t, res)
	want, err := VerdictJSON(triage.Explain(cat, paste, engine.Options{Now: func() instant.Time { return instant.Unix(0, clock().UnixNano()) }}))
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("explain's text is not the verdict as errdocs explain --json prints it:\n%s\nwant\n%s", got, want)
	}
	structured, _ := json.Marshal(res.StructuredContent)
	var v engine.Verdict
	if err := json.Unmarshal(structured, &v); err != nil {
		t.Fatal(err)
	}
	if v.Code != "RATE_LIMIT_EXCEEDED" || v.API != "plunk" || len(v.Redacted) == 0 || !v.Retry.Retryable {
		t.Errorf("structured verdict: %+v", v)
	}
	var wantV engine.Verdict
	json.Unmarshal(want, &wantV)
	if w, _ := json.Marshal(wantV); string(w) != func() string { g, _ := json.Marshal(v); return string(g) }() {
		t.Errorf("the structured verdict differs from the text's")
	}
	for what, s := range map[string]string{"text": got, "structured output": string(structured)} {
		if strings.Contains(s, secretKey) || strings.Contains(s, secretKey[3:20]) {
			t.Errorf("explain's %s holds the secret key", what)
		}
	}

	// A paste of two exchanges: the verdict nests one per group, and the SDK checks the
	// structured output against the tool's schema, whose nested verdicts refer to its root.
	res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "explain", Arguments: map[string]any{"paste": paste + "\n\n" + paste}})
	if err != nil {
		t.Fatal(err)
	}
	if res.IsError {
		t.Fatalf("explain of two exchanges: %s", text(t, res))
	}
	structured, _ = json.Marshal(res.StructuredContent)
	v = engine.Verdict{}
	if err := json.Unmarshal(structured, &v); err != nil {
		t.Fatal(err)
	}
	if v.Exchanges == nil || v.Exchanges.Total != 2 || len(v.Exchanges.Groups) != 1 || v.Exchanges.Groups[0].Verdict == nil {
		t.Errorf("two exchanges: %+v", v.Exchanges)
	}
	if strings.Contains(string(structured), secretKey[3:20]) {
		t.Error("explain of two exchanges holds the secret key")
	}

	// lookup by code, by status, by words, in one API, and a query that matches nothing.
	lookup := func(args map[string]any) (LookupResult, string) {
		t.Helper()
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "lookup", Arguments: args})
		if err != nil {
			t.Fatal(err)
		}
		txt := text(t, res)
		var lr LookupResult
		b, _ := json.Marshal(res.StructuredContent)
		if err := json.Unmarshal(b, &lr); err != nil {
			t.Fatal(err)
		}
		return lr, txt
	}
	codes := func(lr LookupResult) []string {
		var out []string
		for _, p := range lr.Pages {
			out = append(out, p.API+" "+p.Code+" "+func() string { b, _ := json.Marshal(p.Status); return string(b) }())
		}
		return out
	}
	lr, txt := lookup(map[string]any{"query": "RATE_LIMIT_EXCEEDED"})
	// Puck spells the code in lower case: a code matches in any case.
	if got := codes(lr); !slices.Equal(got, []string{"plunk RATE_LIMIT_EXCEEDED 429", "puck rate_limit_exceeded 429"}) {
		t.Errorf("lookup RATE_LIMIT_EXCEEDED: %v", got)
	}
	for _, p := range lr.Pages {
		var page *site.CodePage
		for i := range pages {
			if pages[i].URL == p.URL {
				page = &pages[i]
			}
		}
		if page == nil || p.Markdown != page.Markdown || p.Title != page.Entry.Title || p.Resource != ResourceURI(page.Entry) {
			t.Errorf("lookup: page %s is not the code page", p.URL)
		}
		if !strings.Contains(txt, p.Markdown) {
			t.Errorf("lookup's text does not hold %s's Markdown", p.URL)
		}
	}
	lr, _ = lookup(map[string]any{"query": "429", "api": "Puck"})
	if len(lr.Pages) == 0 {
		t.Error("lookup 429 in Puck: nothing")
	}
	for _, p := range lr.Pages {
		if p.API != "puck" || !slices.Contains(p.Statuses, 429) {
			t.Errorf("lookup 429 in Puck: %s %s %v", p.API, p.Code, p.Statuses)
		}
	}
	lr, _ = lookup(map[string]any{"query": "idempotency key already used", "api": "plunk"})
	if len(lr.Pages) == 0 || lr.Pages[0].Code != "IDEMPOTENCY_KEY_REUSED" {
		t.Errorf("lookup by words: %v", codes(lr))
	}
	if len(lr.Pages) > maxLookup {
		t.Errorf("lookup by words returned %d pages", len(lr.Pages))
	}
	lr, txt = lookup(map[string]any{"query": "zzqx " + githubToken})
	if len(lr.Pages) != 0 || !strings.Contains(txt, "No code page matches") || strings.Contains(txt, githubToken[4:]) {
		t.Errorf("lookup of nothing, with a secret in the query: %d pages, %q", len(lr.Pages), txt)
	}

	// Each code page is a resource, and reads as its Markdown.
	rs, err := cs.ListResources(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Resources) != len(pages) {
		t.Errorf("%d resources for %d code pages", len(rs.Resources), len(pages))
	}
	for _, r := range rs.Resources {
		if r.MIMEType != "text/markdown" || !strings.HasPrefix(r.URI, "errdocs://") {
			t.Errorf("resource %+v", r)
		}
	}
	p := pages[0]
	rr, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: ResourceURI(p.Entry)})
	if err != nil {
		t.Fatal(err)
	}
	masked, _ := engine.Redact(cat, p.Markdown)
	if len(rr.Contents) != 1 || rr.Contents[0].Text != masked || !strings.HasPrefix(masked, "# "+p.Entry.Title+"\n") {
		t.Errorf("resource %s: %+v", ResourceURI(p.Entry), rr.Contents)
	}
	if _, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "errdocs://plunk/errors/no-such-code"}); err == nil {
		t.Error("reading a resource that does not exist: no error")
	}
}

func TestResourceURI(t *testing.T) {
	e := &catalog.Entry{Docs: "/plunk/errors/rate-limit-exceeded/"}
	if got, want := ResourceURI(e), "errdocs://plunk/errors/rate-limit-exceeded"; got != want {
		t.Errorf("ResourceURI = %q, want %q", got, want)
	}
}
