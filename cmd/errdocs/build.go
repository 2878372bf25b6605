package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/site"
	"github.com/errdocs/errdocs/static"
)

const buildUsage = "usage: errdocs build [--content DIR] [-o DIR] [--base-url URL] [--repo URL] [--no-playground]"

// runBuild renders a content folder (--content, else ./content, else the built-in demo catalog)
// into a static site with the playground, whose module it builds first when this binary has
// none (see playgroundModule). Content errors print as file:line: message and exit 1, as does
// a playground module that cannot be made; usage errors exit 2.
func runBuild(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	contentDir := fl.String("content", "", "content folder (default: ./content when it exists, else the built-in demo catalog)")
	out := fl.String("o", "public", "output folder")
	baseURL := fl.String("base-url", "/", "where the site is served, e.g. https://user.github.io/repo/")
	repo := fl.String("repo", "", `repository URL for "Edit this page" links, e.g. https://github.com/org/docs`)
	quiet := fl.Bool("q", false, "print nothing on success")
	noPlayground := fl.Bool("no-playground", false, "build the site without the playground (no WebAssembly module)")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, buildUsage)
			return 0
		}
		fmt.Fprintf(stderr, "errdocs build: %v\n%s\n", err, buildUsage)
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "errdocs build: unexpected argument %q\n%s\n", fl.Arg(0), buildUsage)
		return 2
	}
	fsys, note, err := contentFS("build", *contentDir)
	if err != nil {
		fmt.Fprintf(stderr, "errdocs build: %v\n", err)
		return 2
	}
	var module fs.FS
	if !*noPlayground {
		if module, err = playgroundModule(static.FS, stderr); err != nil {
			fmt.Fprintf(stderr, "errdocs build: %v\n", err)
			return 1
		}
	}
	io.WriteString(stderr, note)
	opts := site.Options{Content: fsys, Module: module, NoPlayground: *noPlayground,
		OutDir: *out, BaseURL: *baseURL, RepoURL: *repo}
	// On a terminal, a build that takes more than a second shows its progress on one line.
	var prog *progress
	if isTerminal(stderr) {
		prog = startProgress(stderr, time.Second, 100*time.Millisecond)
		opts.Progress = prog.set
	}
	rep, err := site.BuildReport(opts)
	prog.stop()
	return reportBuild(rep, err, *out, *quiet, stdout, stderr)
}

// reportBuild prints a build's outcome and returns the exit status.
func reportBuild(rep *site.Report, err error, out string, quiet bool, stdout, stderr io.Writer) int {
	if err != nil {
		var les load.Errors
		var le *load.Error
		switch {
		case errors.As(err, &les):
			for _, e := range les {
				fmt.Fprintln(stderr, e)
			}
		case errors.As(err, &le):
			fmt.Fprintln(stderr, le)
		default:
			fmt.Fprintf(stderr, "errdocs build: %v\n", err)
		}
		return 1
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(stderr, "errdocs build: note: %s\n", n)
	}
	if !quiet {
		fmt.Fprintf(stdout, "built %d pages (%d files, %.1f MB) into %s in %d ms\n",
			rep.Pages, rep.Files, float64(rep.Bytes)/1e6, out, rep.Duration.Milliseconds())
	}
	return 0
}
