// Command errdocs builds an API's error reference site and explains pasted HTTP errors.
//
//	errdocs explain [--json] [--content DIR] [FILE|-]   explain a paste
//	errdocs build [--content DIR] [-o public] [--base-url URL] [--no-playground]
//	errdocs serve [--addr 127.0.0.1:8080] [--content DIR] [--no-playground]
//	errdocs init [--from-openapi FILE] [--name ID] DIR   start a content tree
//	errdocs mcp [--content DIR] [--base-url URL]         an MCP server on stdin and stdout
//
// Each reads ./content when it exists; the demo catalog (Plunk and Puck) is embedded, so explain
// works from any folder, and each says when it falls back to it. build and serve ship the
// playground: when this binary has no module embedded (a go install), they build it once per
// version with the local Go (package internal/wasmbuild), or stop with a one-line reason.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `usage:
  errdocs explain [--json] [--content DIR] [FILE|-]   explain a pasted response or request
  errdocs build [--content DIR] [-o DIR] [--base-url URL] [--repo URL] [--no-playground]
  errdocs serve [--addr 127.0.0.1:8080] [--content DIR] [--no-playground]
  errdocs init [--from-openapi FILE] [--name ID] [--schema-base URL] DIR   start a content tree
  errdocs mcp [--content DIR] [--base-url URL]          serve agents over MCP on stdin and stdout
`

// Main runs the command with args (without the program name) and returns its exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "explain":
		return runExplain(args[1:], stdin, stdout, stderr)
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "init":
		return runInit(args[1:], stdout, stderr)
	case "mcp":
		return runMCP(args[1:], stdin, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "errdocs: unknown command %q\n%s", args[0], usage)
	return 2
}
