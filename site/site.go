// Package site renders a content tree into a static documentation site: a home page, each API's
// overview, a generated error index and one page per error code, guides, search, a playground
// page, a 404 page, sitemap.xml, robots.txt, a _headers file and catalog.json, the catalog the
// playground's worker loads; and for agents, llms.txt, llms-full.txt and each page's Markdown
// twin at its URL plus index.md (twin.go, llms.go). CodePages gives the code pages' twins
// without a build, for errdocs mcp.
//
// Build takes the content as an fs.FS and writes the site through an Output (a folder, or memory
// for errdocs serve). It takes no paths or globals, so tests build a txtar content tree from a
// fstest.MapFS.
//
// # URLs
//
// A page's URL is its file's path without ".md" (see package catalog/load), so
// plunk/errors/rate-limit-exceeded.md is /plunk/errors/rate-limit-exceeded/. The code as the
// API spells it also resolves: /plunk/errors/RATE_LIMIT_EXCEEDED/ is a redirect page (meta
// refresh, canonical link and a plain link) to the entry whose status is the code's primary one
// (the entry with no "when" condition, else the first). A code that differs from its page's slug
// only in case gets no redirect page, since on a case-insensitive disk it would overwrite the
// page; the 404 page's script sends such URLs on. Every folder that holds pages but no index.md
// gets a generated list page, and each API's errors/ folder a table of its codes, so every
// breadcrumb leads somewhere. Each operation of an API's openapi.yaml has a reference page at
// /<api>/api/<method>-<path>/ (/plunk/api/post-v1-track/ for POST /v1/track), listed at
// /<api>/api/ (see package site/apiref). With a base URL such as https://user.github.io/repo/, every
// link starts with /repo/.
//
// # The build checks the docs
//
// The build fails with file:line errors (load.Errors) for bad front matter and duplicate codes
// (from the loader), for broken internal links and anchors, for raw HTML in Markdown, for an
// error page whose example responses the engine does not read as that page's code and status
// (a bare "json response" body that carries no status is checked by code alone), for any other
// page's "json response" or "http response" block the engine cannot explain or finds errors in,
// for an operation's example request that reqcheck.Check does not predict to succeed or
// error example that does not decode to a documented error of its API (at its line in
// openapi.yaml; see apiref.Check), and for two elements with one id on a page.
//
// # Assets
//
// Every file of the static folder is written under /assets/ with a fingerprint in its name
// (site.3f6b25a95a.css), so _headers can cache it for a year; the generated highlighting CSS is
// appended to site.css. x.br and x.gz beside x follow x's name. sw.js, a service worker, stays at
// the root under its own name, since its folder is its scope. catalog.json is written twice: at
// the root for its readers, and fingerprinted under /assets/ for the playground. The build id
// (data-build on the playground) fingerprints every asset URL: a page names only fingerprinted
// files, so the id names the exact set of files its playground runs (sw.js caches each set
// whole). Handler serves a built site the way a static host with that _headers file would.
//
// # Speed
//
// Pages render in parallel, one worker per CPU, each with its own goldmark and chroma formatter;
// one goroutine writes files, since parallel writes are slower on the file systems measured. The
// search index is built from the same parse, not from the HTML. JSON, most of what an error
// catalog shows, is tokenised without regular expressions (package site/highlight). A page's
// source is dropped once it is rendered, so the heap stays small. On the 2-core machine measured, GOGC=400
// made the build slower (fresh memory costs page faults there) and three times bigger than the
// default, so the build keeps GOGC and sets a soft memory limit instead (100 MiB, or four times
// the Markdown if that is more; GOMEMLIMIT overrides it), but not for a build into memory
// (errdocs serve), which holds the whole site. See
// shared/reference/build-performance.md.
//
// # Packages
//
// Package site is the builder: the page graph, links, navigation, the templ components that
// draw every page, and the files beside them. It hands the parts that know nothing of the site's
// pages to packages under it, which never import site:
//
//   - site/markdown renders a page's Markdown (goldmark, with errdocs's behaviours as extensions);
//   - site/highlight colours code with chroma's CSS classes, and writes that CSS;
//   - site/apiref makes the API reference pages' tables and prose from openapi.yaml, and checks
//     their examples with the engine;
//   - site/search builds the search index that static/search.js reads.
//
// Package site may import catalog, engine, static, those packages and its dependencies (templ,
// goldmark, chroma); cmd/errdocs imports it.
package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/site/apiref"
	"github.com/errdocs/errdocs/site/highlight"
	"github.com/errdocs/errdocs/site/markdown"
	"github.com/errdocs/errdocs/site/search"
	"github.com/errdocs/errdocs/static"
)

// minMemoryLimit is the least soft memory limit a build sets (see BuildReport).
const minMemoryLimit = 100 << 20

// Options configure a build.
type Options struct {
	// Content is the content tree (see package catalog/load).
	Content fs.FS
	// Static holds the stylesheet, scripts and favicon; nil means the embedded static.FS.
	Static fs.FS
	// Module, when set, holds the playground module's files (static.ModuleFiles) at its root;
	// they take the place of any in Static. errdocs passes the module it built when its binary
	// has none embedded.
	Module fs.FS
	// NoPlayground leaves the playground out: none of its files (static.Playground) is written,
	// no page loads it or links to it, and the /playground/ page (kept, since content may link
	// to it) says the site was built without it.
	NoPlayground bool
	// OutDir is the folder to write the site to, used when Output is nil.
	OutDir string
	// Output receives the files; nil means a folder output at OutDir.
	Output Output
	// BaseURL is where the site is served, e.g. "https://user.github.io/repo/". A path alone
	// ("/repo/") works too, but canonical links, OpenGraph URLs and the sitemap need a full URL.
	BaseURL string
	// RepoURL, when set, adds "Edit this page" links. A repository URL
	// ("https://github.com/org/docs") gets "/edit/main/content/" and the file appended; a URL
	// that already has "/edit/", "/blob/" or "/tree/" gets the file appended.
	RepoURL string
	// LiveReload, when set, is the URL path of a script every page loads (errdocs serve).
	LiveReload string
	// Workers is the number of render workers; 0 means one per CPU.
	Workers int
	// Progress, when set, is told the build's stage and, while pages render, how many of how
	// many are done (total 0 when a stage has no count). It is called from several goroutines.
	Progress func(stage string, done, total int)
}

// Report says what a build did.
type Report struct {
	Pages    int
	Files    int
	Bytes    int64
	Duration time.Duration
	// Notes are things the build could not do, such as checks that were skipped.
	Notes []string
}

// Build renders the site. Content errors come back as load.Errors, each naming file:line.
func Build(opts Options) error {
	_, err := BuildReport(opts)
	return err
}

// BuildReport renders the site like Build and reports what it wrote.
func BuildReport(opts Options) (*Report, error) {
	start := time.Now()
	if opts.Content == nil {
		return nil, errors.New("site: no content")
	}
	if opts.Static == nil {
		opts.Static = static.FS
	}
	out := opts.Output
	if out == nil {
		if opts.OutDir == "" {
			return nil, errors.New("site: no output folder")
		}
		out = DirOutput(opts.OutDir)
	}
	// A soft memory limit keeps the heap, and what the runtime keeps mapped, near what the
	// build needs: without it the runtime returns freed memory to the system too lazily, and the
	// process peaks at several times its live heap. It grows with the content.
	// A build into memory (errdocs serve) holds the whole site, and the site it replaces, so no
	// limit near the build's own needs can hold: under one, the collector ran without pause and
	// a rebuild of 10,000 pages took 27–50 s instead of 16 (bench-site, 2026-12-04).
	limit := int64(-1)
	_, inMemory := out.(*MemOutput)
	if os.Getenv("GOMEMLIMIT") == "" && !inMemory {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(minMemoryLimit))
		limit = minMemoryLimit
	}
	s, err := load.Content(opts.Content)
	if err != nil {
		return nil, err
	}
	if limit > 0 {
		// A page's Markdown is parsed whole, and its tree can take tens of times its size (a
		// list item is a few hundred bytes of nodes for two bytes of "- "): below that, the
		// collector would run without pause on a large page of dense Markdown.
		var size, largest int64
		for _, p := range s.Pages {
			size += int64(len(p.Body))
			largest = max(largest, int64(len(p.Body)))
		}
		debug.SetMemoryLimit(max(minMemoryLimit, 4*size, 32*largest))
	}
	b, err := newBuilder(opts, s)
	if err != nil {
		return nil, err
	}
	rep, err := b.run(out)
	b.progress("finishing", 0, 0)
	if f, ok := out.(interface{ Finish() error }); ok && err == nil {
		err = f.Finish()
	}
	if rep != nil {
		rep.Duration = time.Since(start)
	}
	return rep, err
}

// blockKey names a fenced block by file and fence line.
type blockKey struct {
	file string
	line int
}

// builder holds one build's state.
type builder struct {
	opts     Options
	site     *load.Site
	base     string // base path, "/" or "/repo/"
	abs      string // absolute base URL with a trailing slash, or ""
	name     string // the site's name
	pages    []*page
	byURL    map[string]*page
	byFile   map[string]*page
	aliases  map[string]*page // an error code's alias URL → its page
	files    map[string]bool  // other files the site holds (catalog.json, images), without "/"
	navs     map[string]*nav  // section → sidebar
	topNav   []navLink
	assets   map[string]string   // static file name → URL
	modules  map[string][]string // a static script → the static modules it imports, transitively
	build    string              // the build id: a fingerprint of every asset (see writeAssets)
	verdicts map[blockKey]string
	// responses are the example response blocks (by file and fence line).
	responses map[blockKey]bool
	copies    []string // content files copied as they are

	mu    sync.Mutex
	errs  load.Errors
	ids   map[string]string // page URL → its element ids, each followed by "\x00"
	links []link
	notes []string
	index *search.Index
	// endpoints holds each operation's checked examples (apiref.Check).
	endpoints map[*catalog.Operation]*apiref.Examples
	// llms are llms.txt's sections, and full assembles llms-full.txt from the twins (llms.go).
	llms []llmsSection
	full *fullText
}

func newBuilder(opts Options, s *load.Site) (*builder, error) {
	b := &builder{opts: opts, site: s, base: "/", byURL: map[string]*page{}, byFile: map[string]*page{},
		aliases: map[string]*page{}, files: map[string]bool{}, navs: map[string]*nav{},
		assets: map[string]string{}, modules: map[string][]string{}, verdicts: map[blockKey]string{}, responses: map[blockKey]bool{}, ids: map[string]string{},
		index: search.NewIndex()}
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("base URL: %w", err)
		}
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		if !strings.HasSuffix(p, "/") {
			p += "/"
		}
		b.base = p
		if u.Scheme != "" && u.Host != "" {
			u.Path, u.RawQuery, u.Fragment = p, "", ""
			b.abs = u.String()
		}
	}
	b.pagesFromContent()
	if len(b.errs) > 0 {
		return nil, b.sortedErrs()
	}
	if err := b.contentFiles(); err != nil {
		return nil, err
	}
	b.buildNav()
	return b, nil
}

// href is the URL path of a site path under the base.
func (b *builder) href(sitePath string) string {
	return b.base + strings.TrimPrefix(sitePath, "/")
}

// absURL is the full URL of a site path, or "" without an absolute base URL.
func (b *builder) absURL(sitePath string) string {
	if b.abs == "" {
		return ""
	}
	return b.abs + strings.TrimPrefix(sitePath, "/")
}

// progress reports the build's stage (Options.Progress).
func (b *builder) progress(stage string, done, total int) {
	if b.opts.Progress != nil {
		b.opts.Progress(stage, done, total)
	}
}

func (b *builder) fail(file string, line int, format string, args ...any) {
	b.mu.Lock()
	b.errs = append(b.errs, &load.Error{File: file, Line: line, Err: fmt.Errorf(format, args...)})
	b.mu.Unlock()
}

func (b *builder) sortedErrs() load.Errors {
	sort.SliceStable(b.errs, func(i, j int) bool {
		if b.errs[i].File != b.errs[j].File {
			return b.errs[i].File < b.errs[j].File
		}
		return b.errs[i].Line < b.errs[j].Line
	})
	return b.errs
}

// worker renders pages; each has its own goldmark and chroma formatter.
type worker struct {
	b  *builder
	md *markdown.Renderer
	// h highlights the code the site generates (endpoint pages).
	h *highlight.Highlighter
}

func (w *worker) fail(file string, line int, format string, args ...any) {
	w.b.fail(file, line, format, args...)
}

// run renders every page and writes the site.
func (b *builder) run(out Output) (*Report, error) {
	css, err := highlight.CSS()
	if err != nil {
		return nil, err
	}
	b.progress("checking examples", 0, 0)
	b.checkExamples()
	b.checkEndpoints()
	b.llms = b.llmsSections()
	for _, lp := range b.site.Pages {
		for _, blk := range lp.Blocks {
			if blk.IsResponse() {
				b.responses[blockKey{lp.File, blk.Line}] = true
			}
		}
		// The blocks are checked; their text (and the copy of the body their section names point
		// into) need not stay in memory.
		lp.Blocks = nil
	}

	wr := newWriter(out)
	b.full = newFullText(b, b.llms, func(piece []byte) { wr.appendPiece("llms-full.txt", piece) })
	if err := b.writeAssets(wr, css); err != nil {
		wr.close()
		return nil, err
	}

	n := b.opts.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan *page, 64)
	var rendered atomic.Int64
	b.progress("rendering pages", 0, len(b.pages))
	var wg sync.WaitGroup
	var renderErr error
	var errOnce sync.Once
	for i := 0; i < n; i++ {
		h, err := highlight.New()
		if err != nil {
			wr.close()
			return nil, err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{b: b, md: markdown.New(h), h: h}
			for p := range jobs {
				if err := w.renderPage(p, wr); err != nil {
					errOnce.Do(func() { renderErr = err })
				}
				b.progress("rendering pages", int(rendered.Add(1)), len(b.pages))
			}
		}()
	}
	for _, p := range b.pages {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	if renderErr != nil {
		wr.close()
		return nil, renderErr
	}
	b.progress("writing indexes", 0, 0)
	for u, tp := range b.aliases {
		wr.write(strings.TrimPrefix(u, "/")+"index.html", b.redirectPage(tp))
	}
	if err := b.writeData(wr); err != nil {
		wr.close()
		return nil, err
	}
	if err := wr.close(); err != nil {
		return nil, err
	}
	b.checkAnchors()
	rep := &Report{Pages: len(b.pages), Files: wr.files, Bytes: wr.bytes, Notes: b.notes}
	if len(b.errs) > 0 {
		return rep, b.sortedErrs()
	}
	return rep, nil
}

// checkAnchors checks every link with a fragment against the ids of the page it points to.
func (b *builder) checkAnchors() {
	for _, l := range b.links {
		target := l.path
		if target == "" {
			target = l.from.url
		}
		ids, ok := b.ids[target]
		if !ok {
			continue // not a page (a file): nothing to check
		}
		if !strings.Contains(ids, "\x00"+l.fragment+"\x00") {
			file := "content"
			if l.from.src != nil {
				file = l.from.src.File
			}
			b.fail(file, l.line, "broken anchor #%s: %s has no such heading or id", l.fragment, target)
		}
	}
}

// collectIDs finds the id attributes in rendered HTML, as "\x00id1\x00id2\x00" (one string per
// page keeps 10,000 pages' ids small), and the first id that occurs twice.
func collectIDs(html []byte) (ids, dup string) {
	var b strings.Builder
	b.WriteByte(0)
	for i := 0; ; {
		j := bytes.Index(html[i:], []byte(` id="`))
		if j < 0 {
			break
		}
		i += j + 5
		k := bytes.IndexByte(html[i:], '"')
		if k < 0 {
			break
		}
		id := html[i : i+k]
		if dup == "" && strings.Contains(b.String(), "\x00"+string(id)+"\x00") {
			dup = string(id)
		}
		b.Write(id)
		b.WriteByte(0)
		i += k
	}
	return b.String(), dup
}
