package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"time"

	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/internal/mcpserver"
	"github.com/errdocs/errdocs/site"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

const mcpUsage = "usage: errdocs mcp [--content DIR] [--base-url URL]"

// runMCP serves the catalog to agents as a Model Context Protocol server over stdin and stdout
// (package mcpserver) until stdin closes. Standard output carries only the protocol; problems go
// to standard error. Usage and content errors exit 2 before the server starts.
func runMCP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("mcp", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	contentDir := fl.String("content", "", "read the catalog from this content folder instead of the shipped one")
	baseURL := fl.String("base-url", "", "where the docs site is served, for the pages' URLs, e.g. https://docs.example.com/")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, mcpUsage)
			return 0
		}
		fmt.Fprintf(stderr, "errdocs mcp: %v\n%s\n", err, mcpUsage)
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "errdocs mcp: unexpected argument %q\n%s\n", fl.Arg(0), mcpUsage)
		return 2
	}
	fsys, note, err := contentFS("mcp", *contentDir)
	if err != nil {
		fmt.Fprintf(stderr, "errdocs mcp: %v\n", err)
		return 2
	}
	io.WriteString(stderr, note) // stderr: stdout carries the protocol
	cat, pages, err := site.CodePages(site.Options{Content: fsys, BaseURL: *baseURL})
	if err != nil {
		var les load.Errors
		if errors.As(err, &les) {
			for _, e := range les {
				fmt.Fprintln(stderr, e)
			}
		} else {
			fmt.Fprintf(stderr, "errdocs mcp: %v\n", err)
		}
		return 2
	}
	srv := mcpserver.New(mcpserver.Config{Catalog: cat, Pages: pages, Now: time.Now, Version: version()})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	t := &mcp.IOTransport{Reader: io.NopCloser(stdin), Writer: nopWriteCloser{stdout}}
	if err := srv.Run(ctx, t); err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, io.EOF) {
		fmt.Fprintf(stderr, "errdocs mcp: %v\n", err)
		return 1
	}
	return 0
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

// version is the module's version as the binary was built, "dev" for a build from a checkout.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
