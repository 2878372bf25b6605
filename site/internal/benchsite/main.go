// Command benchsite measures the site build against Hugo on a generated corpus, in one run on one
// machine: it writes N Markdown pages (front matter, headings, a table, a JSON block and a bash
// or JavaScript block of ten lines each, and links between pages), builds them with errdocs and
// with Debian's hugo (a minimal layout with highlighting on, noClasses = false), and prints each
// build's wall time and peak memory (the child process's maximum resident set size) and the
// ratios against the targets (issue 14): errdocs at least 3× faster with at most 5% of Hugo's
// memory. Then it runs errdocs serve and hugo server on the corpus and times the rebuild after
// a one-page edit (serve.go).
//
//	go run ./site/internal/benchsite [-n 10000] [-runs 1] [-dir DIR] [-keep] [-hugo=false] [-edits 3] [-search]
//
// ./build.sh bench-site runs it; ./build.sh bench-search runs it with -search (search.go). Both builds run as child processes, so their memory is
// measured the same way; errdocs runs as this program re-executed with -child, calling
// site.BuildReport exactly as errdocs build does.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/errdocs/errdocs/site"
)

func main() {
	n := flag.Int("n", 10000, "number of pages")
	runs := flag.Int("runs", 1, "builds of each kind; the best time and its memory are reported")
	dir := flag.String("dir", "", "work folder (default: a new temporary folder)")
	keep := flag.Bool("keep", false, "keep the work folder")
	withHugo := flag.Bool("hugo", true, "also build with hugo")
	withSearch := flag.Bool("search", false, "measure the site's search in headless Chromium (search.go), not hugo")
	edits := flag.Int("edits", 3, "one-page edits each dev server gets (errdocs serve, hugo server); 0 skips the rebuild measure")
	child := flag.Bool("child", false, "internal: build -content into -out with errdocs")
	contentDir := flag.String("content", "", "internal: content folder for -child")
	outDir := flag.String("out", "", "internal: output folder for -child")
	cpuProfile := flag.String("cpuprofile", "", "internal: write a CPU profile of the -child build")
	memProfile := flag.String("memprofile", "", "internal: write a heap profile at the end of the -child build")
	flag.Parse()
	if *child {
		if *cpuProfile != "" {
			f, err := os.Create(*cpuProfile)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
		rep, err := site.BuildReport(site.Options{Content: os.DirFS(*contentDir), OutDir: *outDir, BaseURL: "https://example.org/"})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			pprof.StopCPUProfile()
			os.Exit(1)
		}
		fmt.Printf("%d pages, %d files, %.1f MB\n", rep.Pages, rep.Files, float64(rep.Bytes)/1e6)
		if *memProfile != "" {
			f, err := os.Create(*memProfile)
			if err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}
		return
	}
	if err := run(*n, *runs, *dir, *keep, *withHugo && !*withSearch, *withSearch, *edits); err != nil {
		fmt.Fprintln(os.Stderr, "benchsite:", err)
		os.Exit(1)
	}
}

func run(n, runs int, dir string, keep, withHugo, withSearch bool, edits int) error {
	if dir == "" {
		d, err := os.MkdirTemp("", "errdocs-bench-")
		if err != nil {
			return err
		}
		dir = d
		if !keep {
			defer os.RemoveAll(dir)
		}
	}
	// Both builds read the same files: the Hugo project's content folder.
	hugoDir := filepath.Join(dir, "hugo")
	content := filepath.Join(hugoDir, "content")
	start := time.Now()
	size, err := generate(content, n)
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	if err := hugoSite(hugoDir); err != nil {
		return fmt.Errorf("hugo layout: %w", err)
	}
	cpu := strings.TrimSpace(cpuModel())
	fmt.Printf("machine: %s, %d CPUs, %s/%s\n", cpu, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
	fmt.Printf("corpus: %d pages, %.1f MB of Markdown, generated in %.1f s in %s\n", n, float64(size)/1e6, time.Since(start).Seconds(), dir)

	// Flush the corpus to disk first, so neither build pays for the other's writes.
	syscall.Sync()
	self, err := os.Executable()
	if err != nil {
		return err
	}
	var ours, hugo result
	for i := 0; i < runs; i++ {
		out := filepath.Join(dir, "public-errdocs")
		os.RemoveAll(out)
		syscall.Sync()
		r, err := measure(self, "-child", "-content", content, "-out", out)
		if err != nil {
			return fmt.Errorf("errdocs build: %w", err)
		}
		fmt.Printf("errdocs: %6.2f s  peak %7.1f MB   (%s)\n", r.wall.Seconds(), r.peakMB(), strings.TrimSpace(r.out))
		ours = ours.best(r)
	}
	if withSearch {
		return benchSearch(filepath.Join(dir, "public-errdocs"))
	}
	var hugoBin string
	var version []byte
	if withHugo {
		if hugoBin, err = exec.LookPath("hugo"); err != nil {
			return fmt.Errorf("hugo is not installed (apt-get install hugo): %w", err)
		}
		version, _ = exec.Command(hugoBin, "version").Output()
	}
	for i := 0; withHugo && i < runs; i++ {
		out := filepath.Join(dir, "public-hugo")
		os.RemoveAll(out)
		syscall.Sync()
		r, err := measure(hugoBin, "--quiet", "--source", hugoDir, "--destination", out)
		if err != nil {
			return fmt.Errorf("hugo build: %w", err)
		}
		fmt.Printf("hugo:    %6.2f s  peak %7.1f MB   (%s)\n", r.wall.Seconds(), r.peakMB(), strings.TrimSpace(string(version)))
		hugo = hugo.best(r)
	}
	if !withHugo {
		return rebuilds(dir, content, hugoBin, hugoDir, n, edits)
	}
	speed := hugo.wall.Seconds() / ours.wall.Seconds()
	mem := ours.peakMB() / hugo.peakMB()
	fmt.Printf("speed:   errdocs is %.2f× faster than hugo (target ≥ 3×: %s)\n", speed, verdict(speed >= 3))
	fmt.Printf("memory:  errdocs peaks at %.1f%% of hugo's (target ≤ 5%%: %s)\n", 100*mem, verdict(mem <= 0.05))
	return rebuilds(dir, content, hugoBin, hugoDir, n, edits)
}

// rebuilds times the rebuild after a one-page edit, errdocs serve against hugo server (issue 14
// §2); hugoBin "" leaves hugo out.
func rebuilds(dir, content, hugoBin, hugoDir string, n, edits int) error {
	if edits <= 0 {
		return nil
	}
	// The rebuild after a one-page edit, errdocs serve against hugo server (issue 14 §2).
	bin := filepath.Join(dir, "errdocs")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/errdocs").CombinedOutput(); err != nil {
		return fmt.Errorf("build errdocs: %v\n%s", err, out)
	}
	et, err := serveErrdocs(bin, content, n/2, edits)
	if err != nil {
		return fmt.Errorf("errdocs serve: %w", err)
	}
	fmt.Printf("rebuild: errdocs serve: edit to reload event %s (median %d ms; target ≤ 100 ms: %s)\n", ms(et), median(et).Milliseconds(), verdict(median(et) <= 100*time.Millisecond))
	if hugoBin == "" {
		return nil
	}
	ht, err := serveHugo(hugoBin, hugoDir, content, n/2, edits)
	if err != nil {
		return fmt.Errorf("hugo server: %w", err)
	}
	fmt.Printf("rebuild: hugo server:   edit to \"Total in\" %s (median %d ms)\n", ms(ht), median(ht).Milliseconds())
	return nil
}

func verdict(ok bool) string {
	if ok {
		return "ok"
	}
	return "MISSED"
}

type result struct {
	wall   time.Duration
	maxRSS int64 // KiB
	out    string
}

func (r result) peakMB() float64 { return float64(r.maxRSS) * 1024 / 1e6 }

func (r result) best(o result) result {
	if r.wall == 0 || o.wall < r.wall {
		return o
	}
	return r
}

// measure runs a command and returns its wall time and peak resident memory.
func measure(name string, args ...string) (result, error) {
	cmd := exec.Command(name, args...)
	var out strings.Builder
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return result{}, fmt.Errorf("%v\n%s", err, out.String())
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = int64(ru.Maxrss)
	}
	return result{wall: wall, maxRSS: rss, out: out.String()}, nil
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, ln := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(ln, ":"); ok && strings.TrimSpace(k) == "model name" {
			return v
		}
	}
	return runtime.GOARCH
}

var words = strings.Fields(`token bucket refill burst request response header status retry backoff
idempotency key project contact template campaign webhook signature payload field value limit
window quota secret public server client proxy timeout network gateway cache schema version
event delivery queue worker batch cursor page filter sort order region tenant account billing
invoice scope permission role audit trace span metric log error warning notice`)

// generate writes n pages in folders of 100, and a home page for Hugo (_index.md; errdocs skips
// it and makes its own). It returns the bytes written.
func generate(dir string, n int) (int64, error) {
	r := rand.New(rand.NewPCG(1, 2))
	sentence := func(k int) string {
		var b strings.Builder
		for i := 0; i < k; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	para := func(k int) string {
		parts := make([]string, k)
		for i := range parts {
			parts[i] = sentence(8 + r.IntN(10))
		}
		return strings.Join(parts, " ")
	}
	var total int64
	write := func(name, text string) error {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		total += int64(len(text))
		return os.WriteFile(name, []byte(text), 0o644)
	}
	if err := write(filepath.Join(dir, "_index.md"), "---\ntitle: Bench docs\ndescription: A generated corpus.\n---\n\n"+para(3)+"\n"); err != nil {
		return 0, err
	}
	for i := 0; i < n; i++ {
		sec, num := i/100, i%100
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: \"Page %d: %s\"\ndescription: \"%s\"\nweight: %d\n---\n\n", i, strings.TrimSuffix(sentence(3), "."), sentence(10), num)
		b.WriteString(para(3) + "\n\n")
		if num > 0 {
			fmt.Fprintf(&b, "See the [previous page](../p%04d/) and the [section overview](../).\n\n", i-1)
		}
		b.WriteString("## Overview\n\n" + para(4) + "\n\n")
		b.WriteString("## Request\n\n" + para(2) + "\n\n```json\n{\n")
		fmt.Fprintf(&b, "  \"id\": \"req_%06d\",\n  \"page\": %d,\n  \"status\": %d,\n  \"retry\": %t,\n", i, i, 400+r.IntN(100), r.IntN(2) == 0)
		fmt.Fprintf(&b, "  \"message\": \"%s\",\n  \"limits\": {\"burst\": %d, \"refill\": %d},\n", sentence(6), r.IntN(500), r.IntN(100))
		fmt.Fprintf(&b, "  \"tags\": [\"%s\", \"%s\"],\n  \"ratio\": %.3f,\n  \"owner\": null\n}\n```\n\n", words[r.IntN(len(words))], words[r.IntN(len(words))], r.Float64())
		b.WriteString("## Fields\n\n| field | type | meaning |\n|---|---|---|\n")
		for k := 0; k < 5; k++ {
			fmt.Fprintf(&b, "| `%s_%d` | %s | %s |\n", words[r.IntN(len(words))], k, []string{"string", "number", "boolean", "object"}[r.IntN(4)], sentence(6))
		}
		b.WriteString("\n## Example\n\n" + para(2) + "\n\n")
		if i%2 == 0 {
			fmt.Fprintf(&b, "```bash\n#!/usr/bin/env bash\nset -euo pipefail\n# page %d: %s\nfor i in $(seq 1 %d); do\n  curl -sS -X POST \"https://api.example.com/v1/items/$i\" \\\n    -H \"Authorization: Bearer $TOKEN\" \\\n    -d '{\"page\": %d}' || sleep \"$((i * 2))\"\ndone\necho \"done: %s\"\n```\n\n", i, sentence(4), 3+r.IntN(5), i, words[r.IntN(len(words))])
		} else {
			fmt.Fprintf(&b, "```js\n// page %d: %s\nasync function send(id, attempt = 0) {\n  const res = await fetch(`https://api.example.com/v1/items/${id}`, { method: \"POST\" });\n  if (res.status === 429 && attempt < %d) {\n    const wait = Number(res.headers.get(\"Retry-After\") ?? 1) * 1000;\n    await new Promise((r) => setTimeout(r, wait));\n    return send(id, attempt + 1);\n  }\n  return res.json();\n}\n```\n\n", i, sentence(4), 3+r.IntN(5))
		}
		b.WriteString("### Notes\n\n" + para(3) + "\n")
		if err := write(filepath.Join(dir, fmt.Sprintf("sec%02d", sec), fmt.Sprintf("p%04d.md", i)), b.String()); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// hugoSite writes a minimal Hugo site around the content folder: highlighting on, with classes,
// a table of contents and the rendered Markdown on each page, and list pages.
func hugoSite(dir string) error {
	files := map[string]string{
		"hugo.toml": `baseURL = "https://example.org/"
title = "Bench docs"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.highlight]
  codeFences = true
  noClasses = false
[markup.goldmark.renderer]
  unsafe = false
`,
		"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="description" content="{{ .Description }}"><link rel="stylesheet" href="/syntax.css"></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
`,
		"layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1>
<nav>{{ .TableOfContents }}</nav>{{ .Content }}</article>{{ end }}
`,
		"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
