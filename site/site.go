// Package site renders a content tree into a static documentation site: a home page, each API's
// overview, a generated error index and one page per error code, guides, search, a playground
// page, a 404 page, sitemap.xml, robots.txt, a _headers file and catalog.json, the catalog the
// playground's worker loads.
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
// /<api>/api/ (see endpoints.go). With a base URL such as https://user.github.io/repo/, every
// link starts with /repo/.
//
// # The build checks the docs
//
// The build fails with file:line errors (load.Errors) for bad front matter and duplicate codes
// (from the loader), for broken internal links and anchors, for raw HTML in Markdown, for an
// error page whose example responses the engine does not read as that page's code and status
// (a bare "json response" body that carries no status is checked by code alone), for any other
// page's "json response" or "http response" block the engine cannot explain or finds errors in,
// for an operation's example request that engine.CheckRequest does not predict to succeed or
// error example that does not decode to a documented error of its API (at its line in
// openapi.yaml; see endpoints_engine.go), and for two elements with one id on a page.
//
// # Assets
//
// Every file of the static folder is written under /assets/ with a fingerprint in its name
// (site.3f6b25a95a.css), so _headers can cache it for a year; the generated highlighting CSS is
// appended to site.css. x.br and x.gz beside x follow x's name. sw.js, a service worker, stays at
// the root under its own name, since its folder is its scope. Handler serves a built site the way
// a static host with that _headers file would.
//
// # Speed
//
// Pages render in parallel, one worker per CPU, each with its own goldmark and chroma formatter;
// one goroutine writes files, since parallel writes are slower on the file systems measured. The
// search index is built from the same parse, not from the HTML. JSON, most of what an error
// catalog shows, is tokenised without regular expressions (package site/highlight). A page's source is
// dropped once it is rendered, so the heap stays small. On the 2-core machine measured, GOGC=400
// made the build slower (fresh memory costs page faults there) and three times bigger than the
// default, so the build keeps GOGC and sets a soft memory limit instead (100 MiB, or four times
// the Markdown if that is more; GOMEMLIMIT overrides it). See
// shared/reference/build-performance.md.
package site

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
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
	limit := int64(-1)
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(minMemoryLimit))
		limit = minMemoryLimit
	}
	s, err := load.Content(opts.Content)
	if err != nil {
		return nil, err
	}
	if limit > 0 {
		var size int64
		for _, p := range s.Pages {
			size += int64(len(p.Body))
		}
		debug.SetMemoryLimit(max(minMemoryLimit, 4*size))
	}
	b, err := newBuilder(opts, s)
	if err != nil {
		return nil, err
	}
	rep, err := b.run(out)
	if f, ok := out.(interface{ Finish() error }); ok && err == nil {
		err = f.Finish()
	}
	if rep != nil {
		rep.Duration = time.Since(start)
	}
	return rep, err
}

// pageKind says how a page is drawn.
type pageKind int

const (
	kindHome pageKind = iota
	kindAPI
	kindError
	kindGuide
	kindPage
	kindErrorIndex // an API's table of codes
	kindList       // a folder without index.md
	kindPlayground
	kindSearch
	kindNotFound
	kindEndpointIndex // an API's table of operations (endpoints.go)
	kindEndpoint      // one operation of an API's openapi.yaml (endpoints.go)
)

// page is one HTML page of the site.
type page struct {
	src     *load.Page // nil for a generated page
	kind    pageKind
	url     string // site path, e.g. "/plunk/errors/conflict/"
	title   string
	desc    string
	section string
	weight  int
	api     *catalog.API       // the API the page belongs to, if any
	entry   *catalog.Entry     // error pages
	op      *catalog.Operation // endpoint pages
	parent  *page
	kids    []*page
}

// outFile is the file a page is written to.
func (p *page) outFile() string {
	if p.kind == kindNotFound {
		return "404.html"
	}
	return strings.TrimPrefix(p.url, "/") + "index.html"
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
	assets   map[string]string // static file name → URL
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
}

func newBuilder(opts Options, s *load.Site) (*builder, error) {
	b := &builder{opts: opts, site: s, base: "/", byURL: map[string]*page{}, byFile: map[string]*page{},
		aliases: map[string]*page{}, files: map[string]bool{}, navs: map[string]*nav{},
		assets: map[string]string{}, verdicts: map[blockKey]string{}, responses: map[blockKey]bool{}, ids: map[string]string{},
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

// add registers a page, failing on a URL that two pages claim.
func (b *builder) add(p *page) {
	if prev := b.byURL[p.url]; prev != nil {
		file, other := "content", "a generated page"
		if p.src != nil {
			file = p.src.File
		}
		if prev.src != nil {
			other = prev.src.File
		}
		b.fail(file, 1, "page URL %s is also %s", p.url, other)
		return
	}
	b.byURL[p.url] = p
	b.pages = append(b.pages, p)
	if p.src != nil {
		b.byFile[p.src.File] = p
	}
}

// pagesFromContent makes the site's pages: one per Markdown file, then the generated ones.
func (b *builder) pagesFromContent() {
	apis := map[string]*catalog.API{}
	for _, a := range b.site.Catalog.APIs {
		apis[a.ID] = a
	}
	for _, lp := range b.site.Pages {
		p := &page{src: lp, url: lp.URL, title: lp.Title, desc: lp.Description, section: lp.Section,
			weight: lp.Weight, api: apis[lp.Section], entry: lp.Entry}
		switch lp.Kind {
		case load.KindHome:
			p.kind = kindHome
			b.name = lp.Title
		case load.KindAPI:
			p.kind = kindAPI
		case load.KindError:
			p.kind = kindError
			if p.desc == "" && lp.Entry != nil {
				p.desc = excerpt(strings.ReplaceAll(lp.Entry.Meaning, "`", ""), 200)
			}
		case load.KindGuide:
			p.kind = kindGuide
		default:
			p.kind = kindPage
			if p.api != nil && p.url == "/"+p.api.ID+"/errors/" {
				p.kind = kindErrorIndex
			}
			if p.api != nil && p.url == apiref.IndexURL(p.api) {
				p.kind = kindEndpointIndex
			}
		}
		if p.url == "/playground/" {
			p.kind = kindPlayground
		}
		if p.url == "/search/" {
			p.kind = kindSearch
		}
		b.add(p)
	}
	if b.name == "" {
		b.name = "Error reference"
	}
	// Generated pages.
	if b.byURL["/"] == nil {
		b.add(&page{kind: kindHome, url: "/", title: b.name,
			desc: "What every error means, why it happens and how to fix it."})
	}
	for _, a := range b.site.Catalog.APIs {
		u := "/" + a.ID + "/errors/"
		if b.byURL[u] == nil {
			b.add(&page{kind: kindErrorIndex, url: u, title: a.Name + " errors", section: a.ID, api: a,
				desc: fmt.Sprintf("Every error code the %s API sends, with its HTTP status and whether to retry.", a.Name)})
		}
	}
	b.endpointPages()
	if b.byURL["/playground/"] == nil {
		b.add(&page{kind: kindPlayground, url: "/playground/", title: "Playground",
			desc: "Paste an error response and errdocs explains it: what it means, why, how to fix it and whether to retry."})
	}
	if b.byURL["/search/"] == nil {
		b.add(&page{kind: kindSearch, url: "/search/", title: "Search", desc: "Search the error codes, statuses and pages."})
	}
	b.add(&page{kind: kindNotFound, url: "/404/", title: "Page not found"})
	// A list page for every folder that has pages but no index.md.
	for i := 0; i < len(b.pages); i++ {
		p := b.pages[i]
		if p.url == "/" || p.kind == kindNotFound {
			continue
		}
		parentURL := path.Dir(strings.TrimSuffix(p.url, "/"))
		if parentURL != "/" {
			parentURL += "/"
		}
		parent := b.byURL[parentURL]
		if parent == nil {
			seg := path.Base(parentURL)
			parent = &page{kind: kindList, url: parentURL, title: folderTitle(seg), section: p.section, api: p.api}
			if p.api != nil && parentURL == "/"+p.api.ID+"/" {
				parent.title = p.api.Name
			}
			b.add(parent)
		}
		p.parent = parent
		parent.kids = append(parent.kids, p)
	}
	for _, p := range b.pages {
		slices.SortStableFunc(p.kids, comparePages)
	}
	// Aliases: the code as the API spells it.
	for _, a := range b.site.Catalog.APIs {
		byCode := map[string][]*catalog.Entry{}
		for _, e := range a.Errors {
			if e.Code != "" {
				byCode[e.Code] = append(byCode[e.Code], e)
			}
		}
		for code, es := range byCode {
			target := primaryEntry(es)
			tp := b.byURL[target.Docs]
			if tp == nil {
				continue
			}
			u := "/" + a.ID + "/errors/" + url.PathEscape(code) + "/"
			// A code that differs from its page's URL only in case gets no alias: on a
			// case-insensitive disk the alias would overwrite the page. The 404 page sends such
			// URLs on (static/site.js), and links in the content resolve them (bySlug).
			if strings.EqualFold(u, tp.url) || b.byURL[u] != nil || strings.ContainsAny(code, "/\\") {
				continue
			}
			b.aliases[u] = tp
		}
	}
}

// bySlug finds the error page a code URL means in any spelling ("/acme/errors/Bad_Key/" is
// /acme/errors/bad-key/), or nil.
func (b *builder) bySlug(u string) *page {
	dir, code := path.Split(strings.TrimSuffix(u, "/"))
	if path.Base(dir) != "errors" || code == "" {
		return nil
	}
	if p := b.byURL[dir+catalog.Slug(code)+"/"]; p != nil && p.kind == kindError {
		return p
	}
	for au, p := range b.aliases {
		if strings.EqualFold(au, u) || strings.EqualFold(au, u+"/") {
			return p
		}
	}
	return nil
}

// primaryEntry picks the page an error code's alias leads to: the entry that applies with no
// condition on the message, and among those the first in catalog order (by status).
func primaryEntry(es []*catalog.Entry) *catalog.Entry {
	for _, e := range es {
		if e.When == "" {
			return e
		}
	}
	return es[0]
}

func comparePages(x, y *page) int {
	rank := func(p *page) int {
		switch p.kind {
		case kindAPI, kindHome:
			return 0
		case kindEndpointIndex:
			return 3
		case kindErrorIndex:
			return 4
		case kindError, kindEndpoint:
			return 5
		case kindList:
			return 2
		}
		return 1
	}
	if c := cmp.Compare(rank(x), rank(y)); c != 0 {
		return c
	}
	if x.entry != nil && y.entry != nil {
		if c := cmp.Compare(x.entry.Status, y.entry.Status); c != 0 {
			return c
		}
		if c := cmp.Compare(x.entry.Code, y.entry.Code); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(x.weight, y.weight); c != 0 {
		return c
	}
	if c := cmp.Compare(strings.ToLower(x.title), strings.ToLower(y.title)); c != 0 {
		return c
	}
	return cmp.Compare(x.url, y.url)
}

func folderTitle(seg string) string {
	switch seg {
	case "errors":
		return "Errors"
	case "guides":
		return "Guides"
	}
	seg = strings.ReplaceAll(strings.ReplaceAll(seg, "-", " "), "_", " ")
	if seg == "" {
		return seg
	}
	return strings.ToUpper(seg[:1]) + seg[1:]
}

// copyable are the content files, other than Markdown, copied to the site as they are.
var copyable = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true,
	".webp": true, ".avif": true, ".pdf": true, ".txt": true, ".json": true, ".csv": true}

// contentFiles finds the images and other files in the content tree.
func (b *builder) contentFiles() error {
	b.files["catalog.json"] = true
	b.files["sitemap.xml"] = true
	b.files["robots.txt"] = true
	b.files["search-index.json"] = true
	for f := range rootFiles {
		b.files[f] = true
	}
	return fs.WalkDir(b.opts.Content, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && copyable[strings.ToLower(path.Ext(name))] {
			b.files[p] = true
			b.copies = append(b.copies, p)
		}
		return nil
	})
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
	b.checkExamples()
	b.checkEndpoints()
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
	if err := b.writeAssets(wr, css); err != nil {
		wr.close()
		return nil, err
	}

	n := b.opts.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan *page, 64)
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

// rootFiles are static files written at the site's root under their own names, not
// fingerprinted: a service worker's scope is the folder it is served from.
var rootFiles = map[string]bool{"sw.js": true}

// writeAssets fingerprints the static files, appending the highlighting CSS to site.css, and
// copies the content's images. A precompressed file (x.br, x.gz beside x) takes its original's
// fingerprinted name plus its suffix, so a host can serve it for the original.
func (b *builder) writeAssets(wr *writer, css string) error {
	var files, compressed []string
	err := fs.WalkDir(b.opts.Static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasPrefix(name, "."), strings.HasSuffix(name, ".go"), strings.HasSuffix(name, "~"):
		case strings.HasSuffix(name, ".br"), strings.HasSuffix(name, ".gz"):
			compressed = append(compressed, p)
		default:
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range append(files, compressed...) {
		data, err := fs.ReadFile(b.opts.Static, p)
		if err != nil {
			return fmt.Errorf("static %s: %w", p, err)
		}
		if p == "site.css" {
			data = append(data[:len(data):len(data)], css...)
		}
		ext := path.Ext(p)
		orig := strings.TrimSuffix(p, ext)
		var fp string
		if rootFiles[p] {
			fp = p
		} else if u, ok := b.assets[orig]; ok && (ext == ".br" || ext == ".gz") {
			fp = strings.TrimPrefix(u, b.base) + ext
		} else {
			sum := sha256.Sum256(data)
			fp = "assets/" + orig + "." + hex.EncodeToString(sum[:5]) + ext
		}
		b.assets[p] = b.href("/" + fp)
		wr.write(fp, data)
	}
	for _, f := range []string{"site.css", "theme.js", "site.js", "search.js", "favicon.svg"} {
		if b.assets[f] == "" {
			return fmt.Errorf("static: %s is missing", f)
		}
	}
	for _, p := range b.copies {
		data, err := fs.ReadFile(b.opts.Content, p)
		if err != nil {
			return fmt.Errorf("content %s: %w", p, err)
		}
		wr.write(p, data)
	}
	return nil
}

// writeData writes catalog.json, the search index, sitemap.xml, robots.txt and _headers.
func (b *builder) writeData(wr *writer) error {
	cat, err := json.Marshal(b.site.Catalog)
	if err != nil {
		return fmt.Errorf("catalog.json: %w", err)
	}
	wr.write("catalog.json", cat)
	idx, err := b.index.MarshalJSON()
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	wr.write("search-index.json", idx)
	wr.write("sitemap.xml", b.sitemap())
	wr.write("robots.txt", b.robots())
	wr.write("_headers", b.headers())
	return nil
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
