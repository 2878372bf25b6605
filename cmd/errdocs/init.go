package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/errdocs/errdocs/catalog/scaffold"
)

const initUsage = "usage: errdocs init [--from-openapi FILE] [--name ID] [--schema-base URL] DIR"

// runInit writes a new content tree into DIR, which must not exist or be empty: the commented
// sample, or one drawn from an OpenAPI document (see package catalog/scaffold).
func runInit(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("init", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	spec := fl.String("from-openapi", "", "an OpenAPI 3.0 or 3.1 document (YAML or JSON) to start from")
	name := fl.String("name", "", "the API's id, its folder name (default: from the spec's title, or \"example\")")
	schemaBase := fl.String("schema-base", "http://127.0.0.1:8080/", "the site that serves /schema/*.json, for editors (the modeline)")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, initUsage)
			return 0
		}
		fmt.Fprintf(stderr, "errdocs init: %v\n%s\n", err, initUsage)
		return 2
	}
	if fl.NArg() != 1 {
		fmt.Fprintf(stderr, "errdocs init: want one folder\n%s\n", initUsage)
		return 2
	}
	dir := fl.Arg(0)
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		fmt.Fprintf(stderr, "errdocs init: %s is not empty; choose a new folder\n", dir)
		return 2
	}
	o := scaffold.Options{ID: *name, SchemaBase: *schemaBase}
	if *spec != "" {
		data, err := os.ReadFile(*spec)
		if err != nil {
			fmt.Fprintf(stderr, "errdocs init: %v\n", err)
			return 2
		}
		o.Spec, o.SpecName = data, filepath.Base(*spec)
	}
	res, err := scaffold.New(o)
	if err != nil {
		fmt.Fprintf(stderr, "errdocs init: %v\n", err)
		return 1
	}
	paths := make([]string, 0, len(res.Files))
	for p := range res.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			fmt.Fprintf(stderr, "errdocs init: %v\n", err)
			return 1
		}
		if err := os.WriteFile(full, res.Files[p], 0o644); err != nil {
			fmt.Fprintf(stderr, "errdocs init: %v\n", err)
			return 1
		}
	}
	for _, n := range res.Notes {
		fmt.Fprintf(stderr, "errdocs init: note: %s\n", n)
	}
	fmt.Fprintf(stdout, "wrote %d files into %s: the %s API with %d error pages", len(paths), dir, res.ID, res.Pages)
	if o.Spec != nil {
		fmt.Fprintf(stdout, " (%d examples from %s)", res.Examples, o.SpecName)
	}
	fmt.Fprintf(stdout, "\nnext: errdocs serve --content %s\n", dir)
	return 0
}
