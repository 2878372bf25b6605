package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMCPStdio builds the errdocs binary and talks to errdocs mcp over its stdin and stdout
// as an agent client does, in raw JSON-RPC lines: initialize, initialized, list the tools, call
// explain (its text is exactly what errdocs explain --json prints, the pasted key masked) and
// call lookup.
func TestMCPStdio(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "errdocs")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// The deadline only stops a hung server; nothing here is timed.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "mcp", "--base-url", "https://docs.example.test/")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	lines.Buffer(nil, 16<<20)
	send := func(msg string) {
		t.Helper()
		if _, err := stdin.Write([]byte(msg + "\n")); err != nil {
			t.Fatalf("write: %v (stderr: %s)", err, stderr.String())
		}
	}
	type response struct {
		ID     int             `json:"id"`
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	call := func(id int, method, params string) json.RawMessage {
		t.Helper()
		send(`{"jsonrpc":"2.0","id":` + itoa(id) + `,"method":"` + method + `","params":` + params + `}`)
		for lines.Scan() {
			var r response
			if err := json.Unmarshal(lines.Bytes(), &r); err != nil {
				t.Fatalf("not JSON-RPC on stdout: %q", lines.Text())
			}
			if r.ID != id {
				continue // a notification
			}
			if r.Error != nil {
				t.Fatalf("%s: %s", method, r.Error.Message)
			}
			return r.Result
		}
		t.Fatalf("%s: no answer (stderr: %s)", method, stderr.String())
		return nil
	}

	var init struct {
		ProtocolVersion string `json:"protocolVersion"`
		ServerInfo      struct {
			Name string `json:"name"`
		} `json:"serverInfo"`
	}
	json.Unmarshal(call(1, "initialize", `{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"0"}}`), &init)
	if init.ServerInfo.Name != "errdocs" || init.ProtocolVersion != "2025-06-18" {
		t.Errorf("initialize: %+v", init)
	}
	send(`{"jsonrpc":"2.0","method":"notifications/initialized"}`)

	var tools struct {
		Tools []struct {
			Name         string         `json:"name"`
			OutputSchema map[string]any `json:"outputSchema"`
		} `json:"tools"`
	}
	json.Unmarshal(call(2, "tools/list", `{}`), &tools)
	var names []string
	for _, tl := range tools.Tools {
		names = append(names, tl.Name)
		if tl.OutputSchema == nil {
			t.Errorf("%s has no output schema", tl.Name)
		}
	}
	if strings.Join(names, " ") != "explain lookup" {
		t.Errorf("tools: %v", names)
	}

	type toolResult struct {
		Content []struct {
			Type string `json:"type"`
			Text string `json:"text"`
		} `json:"content"`
		StructuredContent map[string]any `json:"structuredContent"`
		IsError           bool           `json:"isError"`
	}
	const key = "sk_3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e"
	paste := "curl -i https://next-api.useplunk.com/v1/send -H 'Authorization: Bearer " + key + "'\n" + plunk429
	args, _ := json.Marshal(map[string]any{"name": "explain", "arguments": map[string]string{"paste": paste}})
	var ex toolResult
	json.Unmarshal(call(3, "tools/call", string(args)), &ex)
	_, want, _ := run(t, paste, "explain", "--json")
	if ex.IsError || len(ex.Content) != 1 || ex.Content[0].Text != want {
		t.Errorf("explain's text is not errdocs explain --json's output:\n%+v\nwant\n%s", ex, want)
	}
	if ex.StructuredContent["code"] != "RATE_LIMIT_EXCEEDED" {
		t.Errorf("explain's structured content: %v", ex.StructuredContent)
	}
	if raw, _ := json.Marshal(ex); strings.Contains(string(raw), key[3:]) {
		t.Error("explain returned the secret key")
	}

	var lk toolResult
	json.Unmarshal(call(4, "tools/call", `{"name":"lookup","arguments":{"query":"429","api":"plunk"}}`), &lk)
	pages, _ := lk.StructuredContent["pages"].([]any)
	if lk.IsError || len(pages) == 0 || len(lk.Content) != 1 || !strings.Contains(lk.Content[0].Text, "https://docs.example.test/plunk/errors/rate-limit-exceeded/") {
		t.Errorf("lookup 429: %d pages, %+v", len(pages), lk.Content)
	}

	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Errorf("errdocs mcp: %v (stderr: %s)", err, stderr.String())
	}
	// Standard error holds at most the one line that says the demo catalog is in use (the
	// test runs where there is no ./content); the protocol is on standard output alone.
	if rest := strings.TrimPrefix(stderr.String(), "errdocs mcp: no ./content folder here, so using the built-in demo catalog (Plunk and Puck); --content DIR reads another\n"); rest != "" {
		t.Errorf("errdocs mcp wrote to stderr: %s", rest)
	}
}

// TestMCPUsage checks the command's own errors: they come before the server starts, on
// standard error, with exit status 2.
func TestMCPUsage(t *testing.T) {
	for _, args := range [][]string{{"mcp", "extra"}, {"mcp", "--nope"}, {"mcp", "--content", "does-not-exist"}} {
		code, out, errs := run(t, "", args...)
		if code != 2 || out != "" || !strings.HasPrefix(errs, "errdocs mcp: ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
