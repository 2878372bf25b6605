// Command lighthouse scores the built site with Lighthouse, as a team would before shipping it:
// it builds the shipped content into memory with static/errdocs.wasm, serves it on loopback as a
// static host does (site.Handler: index.html for folders, the _headers file's headers, the
// precompressed module) and compresses every other text response on the fly, as Netlify,
// Cloudflare Pages and GitHub Pages do. Then it runs the Lighthouse CLI pinned in
// package-lock.json (node_modules/.bin/lighthouse, installed by npm ci) in headless Chromium on
// the home page, a code page and the playground, prints the four category scores of each
// (performance, accessibility, best practices, SEO) and exits 1 when any is below 100, listing
// the audits that cost points.
//
//	go run ./site/internal/lighthouse [-runs 1] [-chromium /usr/bin/chromium] [-keep DIR] [PAGE...]
//
// ./build.sh lighthouse builds the module and installs Lighthouse first. Lighthouse runs with its
// defaults (a mobile device, simulated slow 4G and a 4× slower CPU), one page at a time, so the
// pages do not compete for the CPU. Its performance score moves with the machine's load (a busy
// CPU lengthens the page's main-thread tasks, which the simulation multiplies), so a page that
// scores below 100 is scored again, up to -runs times in all, and the median of each category
// is what counts, as Lighthouse's documentation recommends on a noisy machine. Every run's scores
// are printed.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/site"
)

// categories are the four Lighthouse categories the site must score 100 in.
var categories = []string{"performance", "accessibility", "best-practices", "seo"}

// defaultPages are the pages scored when none is named: the home page, a code page and the
// playground.
var defaultPages = []string{"/", "/plunk/errors/rate-limit-exceeded/", "/playground/"}

func main() {
	runs := flag.Int("runs", 3, "most Lighthouse runs per page: a page below 100 is scored again, and the median of each category counts")
	chromium := flag.String("chromium", envOr("CHROME_PATH", "/usr/bin/chromium"), "the Chromium binary Lighthouse drives")
	keep := flag.String("keep", "", "write each run's JSON report into this folder")
	flag.Parse()
	pages := flag.Args()
	if len(pages) == 0 {
		pages = defaultPages
	}
	ok, err := run(pages, *runs, *chromium, *keep)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lighthouse:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func run(pages []string, runs int, chromium, keep string) (bool, error) {
	bin, err := filepath.Abs(filepath.Join("node_modules", ".bin", "lighthouse"))
	if err != nil {
		return false, err
	}
	if _, err := os.Stat(bin); err != nil {
		return false, fmt.Errorf("no %s: run npm ci in the repository's root (./build.sh lighthouse does)", filepath.Join("node_modules", ".bin", "lighthouse"))
	}
	if _, err := os.Stat(filepath.Join("static", "errdocs.wasm")); err != nil {
		return false, fmt.Errorf("no static/errdocs.wasm: run ./build.sh wasm first")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return false, err
	}
	base := "http://" + l.Addr().String() + "/"
	out := site.NewMemOutput()
	if _, err := site.BuildReport(site.Options{Content: content.FS, Static: os.DirFS("static"), Output: out, BaseURL: base}); err != nil {
		l.Close()
		return false, fmt.Errorf("build: %w", err)
	}
	srv := &http.Server{Handler: compress(site.Handler(out, "/")), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	defer srv.Close()
	if keep != "" {
		if err := os.MkdirAll(keep, 0o755); err != nil {
			return false, err
		}
	}
	tmp, err := os.MkdirTemp("", "errdocs-lighthouse-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(tmp)

	allOK := true
	var table, failures []string
	for _, p := range pages {
		scores := map[string][]float64{}
		var reports []*report
		// A run that Lighthouse itself could not finish (on a busy machine it sometimes loses
		// the trace: NO_NAVSTART) is run again, twice at most.
		for i, lost := 0, 0; i < max(runs, 1); i++ {
			if i == 1 && reports[0].allHundred() {
				break // a page at 100 on its first run needs no second
			}
			name := fmt.Sprintf("%s-%d.json", slug(p), i+1+lost)
			dst := filepath.Join(tmp, name)
			if keep != "" {
				dst = filepath.Join(keep, name)
			}
			rep, err := lighthouse(bin, chromium, base+strings.TrimPrefix(p, "/"), dst)
			var rte *runtimeError
			if errors.As(err, &rte) && lost < 2 {
				fmt.Printf("%s run %d: %v; running it again\n", p, i+1, err)
				lost++
				i--
				continue
			}
			if err != nil {
				return false, fmt.Errorf("%s: %w", p, err)
			}
			reports = append(reports, rep)
			for _, c := range categories {
				scores[c] = append(scores[c], rep.score(c))
			}
			fmt.Printf("Lighthouse %s, %s run %d: %s\n", rep.Version, p, i+1, rep.line())
		}
		var cells []any
		pageOK := true
		for _, c := range categories {
			m := median(scores[c])
			pageOK = pageOK && m >= 100
			cells = append(cells, m)
		}
		table = append(table, fmt.Sprintf("%-38s %11v %13v %14v %4v", append([]any{p}, cells...)...))
		if !pageOK {
			allOK = false
			for _, rep := range reports {
				for _, f := range rep.failures() {
					failures = append(failures, p+": "+f)
				}
			}
		}
	}
	fmt.Printf("\n%-38s %11s %13s %14s %4s\n", "page (median of its runs)", "performance", "accessibility", "best-practices", "seo")
	for _, row := range table {
		fmt.Println(row)
	}
	if !allOK {
		fmt.Println("\nFAIL: a category scored below 100; these audits cost the points:")
		for _, f := range failures {
			fmt.Println("  " + f)
		}
	}
	return allOK, nil
}

// lighthouse runs the Lighthouse CLI on url and reads the JSON report it writes to dst.
func lighthouse(bin, chromium, url, dst string) (*report, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, url,
		"--only-categories="+strings.Join(categories, ","),
		"--output=json", "--output-path="+dst, "--quiet",
		// Chromium cannot use its sandbox as root. chrome-launcher gives each run a new
		// profile, so no run finds another's cache.
		"--chrome-flags=--headless=new --no-sandbox --disable-gpu")
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	runErr := cmd.Run()
	data, err := os.ReadFile(dst)
	if runErr != nil && (err != nil || !bytes.Contains(data, []byte(`"runtimeError"`))) {
		if i := bytes.Index(stderr.Bytes(), []byte("Runtime error encountered: ")); i >= 0 {
			msg, _, _ := strings.Cut(string(stderr.Bytes()[i+27:]), "\n")
			return nil, &runtimeError{"", msg}
		}
		return nil, fmt.Errorf("lighthouse: %v\n%s", runErr, stderr.Bytes())
	}
	if err != nil {
		return nil, err
	}
	var rep report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("read the report: %w", err)
	}
	if rep.RuntimeError != nil {
		return nil, &runtimeError{rep.RuntimeError.Code, rep.RuntimeError.Message}
	}
	return &rep, nil
}

// runtimeError is a run that Lighthouse could not finish, as its report says.
type runtimeError struct{ code, msg string }

func (e *runtimeError) Error() string {
	s := "Lighthouse could not finish the run: "
	if e.code != "" {
		s += e.code + ": "
	}
	return s + e.msg
}

// report is the part of a Lighthouse JSON report this command reads.
type report struct {
	Version      string `json:"lighthouseVersion"`
	RuntimeError *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"runtimeError"`
	Categories map[string]struct {
		Score     *float64 `json:"score"`
		AuditRefs []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
		} `json:"auditRefs"`
	} `json:"categories"`
	Audits map[string]struct {
		Title        string   `json:"title"`
		Score        *float64 `json:"score"`
		DisplayValue string   `json:"displayValue"`
		// Details is audit-specific; failures reads the elements a table of items names.
		Details json.RawMessage `json:"details"`
	} `json:"audits"`
}

// score is a category's score out of 100 (0 when Lighthouse could not score it).
func (r *report) score(cat string) float64 {
	c, ok := r.Categories[cat]
	if !ok || c.Score == nil {
		return 0
	}
	return float64(int(*c.Score*100 + 0.5))
}

func (r *report) allHundred() bool {
	for _, c := range categories {
		if r.score(c) < 100 {
			return false
		}
	}
	return true
}

func (r *report) line() string {
	var b strings.Builder
	for _, c := range categories {
		fmt.Fprintf(&b, " %s %v", c, r.score(c))
	}
	return strings.TrimSpace(b.String())
}

// failures lists the weighted audits that did not score full marks, with the first elements
// they name.
func (r *report) failures() []string {
	var out []string
	for _, c := range categories {
		for _, ref := range r.Categories[c].AuditRefs {
			a, ok := r.Audits[ref.ID]
			if !ok || ref.Weight == 0 || a.Score == nil || *a.Score >= 1 {
				continue
			}
			s := fmt.Sprintf("%s: %s (%s) score %.2f", c, ref.ID, a.Title, *a.Score)
			if a.DisplayValue != "" {
				s += ", " + a.DisplayValue
			}
			for _, snip := range snippets(a.Details, 3) {
				s += "\n      " + snip
			}
			out = append(out, s)
		}
	}
	return out
}

// snippets returns up to n HTML snippets of the elements a table of details items names.
func snippets(details json.RawMessage, n int) []string {
	var d struct {
		Items []json.RawMessage `json:"items"`
	}
	if json.Unmarshal(details, &d) != nil {
		return nil
	}
	var out []string
	for _, raw := range d.Items {
		var it struct {
			Node struct {
				Snippet string `json:"snippet"`
			} `json:"node"`
		}
		if json.Unmarshal(raw, &it) == nil && it.Node.Snippet != "" && len(out) < n {
			out = append(out, it.Node.Snippet)
		}
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[(len(s)-1)/2]
}

func slug(p string) string {
	s := strings.Trim(strings.ReplaceAll(p, "/", "-"), "-")
	if s == "" {
		return "home"
	}
	return s
}

// compress compresses a text response that h sends uncompressed (HTML, CSS, JavaScript, JSON,
// SVG, XML, plain text) with brotli or gzip, whichever the request accepts, as static hosts do.
// Responses h already encodes (the module's precompressed .br and .gz) pass through.
func compress(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		body := rec.body.Bytes()
		hdr := w.Header()
		for k, v := range rec.header {
			hdr[k] = v
		}
		enc := ""
		if hdr.Get("Content-Encoding") == "" && compressible(hdr.Get("Content-Type")) && len(body) > 512 && r.Method == http.MethodGet {
			ae := r.Header.Get("Accept-Encoding")
			switch {
			case strings.Contains(ae, "br"):
				enc = "br"
			case strings.Contains(ae, "gzip"):
				enc = "gzip"
			}
		}
		if enc == "" {
			w.WriteHeader(rec.status)
			w.Write(body)
			return
		}
		var z bytes.Buffer
		var zw io.WriteCloser
		if enc == "br" {
			zw = brotli.NewWriterLevel(&z, 5)
		} else {
			zw, _ = gzip.NewWriterLevel(&z, gzip.DefaultCompression)
		}
		zw.Write(body)
		if err := zw.Close(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		hdr.Del("Accept-Ranges")
		hdr.Set("Content-Encoding", enc)
		hdr.Set("Content-Length", fmt.Sprint(z.Len()))
		w.WriteHeader(rec.status)
		w.Write(z.Bytes())
	})
}

func compressible(ct string) bool {
	for _, t := range []string{"text/", "javascript", "json", "svg", "xml"} {
		if strings.Contains(ct, t) {
			return true
		}
	}
	return false
}

// recorder holds a response until compress has decided how to send it.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	return r.body.Write(p)
}
