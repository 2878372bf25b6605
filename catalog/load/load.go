// Package load reads a content tree of Markdown pages into a site: the pages themselves and the
// error catalog their front matter declares.
//
// # The content tree
//
//	index.md                 the home page
//	<api>/index.md           an API: its machine facts in front matter under "api:"
//	<api>/errors/<slug>.md   one error code: code, status, title, retry, hints
//	<api>/guides/<slug>.md   a guide
//	anything-else.md         a plain page
//
// A folder whose index.md has no "api:" block is an ordinary section, so any folder of Markdown
// pages builds. README.md files and files or folders starting with "." or "_" are skipped.
//
// # Error pages
//
// An error page's body has the sections "## What it means", "## Common causes" (a list),
// "## How to fix" (a list), an optional "## Docs drift" and a last "## Examples" section. Every
// fenced block whose info string is "json response" or "http response" is an example response;
// on an error page there must be at least one, and the site build checks that each one decodes
// to its own page's code.
//
// # Strict front matter
//
// Front matter, and errdocs's own keys in openapi.yaml, are checked against the Go types they
// decode into before they are decoded (strict.go): an unknown key or a value of the wrong kind
// fails with its line, its path and what was wanted. The same types generate the front-matter
// reference and its JSON Schemas (reference.go).
//
// Errors name the file and line: a *Error carries both.
package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/catalog"
)

// Skipped reports whether the content file or folder at p, named name, is left out of the
// site: names starting with "." or "_", and README.md files (notes for the people who write the
// content). The loader and the site's file copier both follow it.
func Skipped(p, name string) bool {
	if p == "." {
		return false
	}
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.EqualFold(name, "README.md")
}

// Kind says what a page is.
type Kind string

// The kinds of page.
const (
	KindHome  Kind = "home"
	KindAPI   Kind = "api"
	KindError Kind = "error"
	KindGuide Kind = "guide"
	KindPage  Kind = "page"
)

// Page is one Markdown file.
type Page struct {
	// File is the path relative to the content root, e.g. "plunk/errors/conflict.md".
	File string
	// URL is the page's path on the site, e.g. "/plunk/errors/conflict/".
	URL  string
	Kind Kind
	// Section is the top-level folder ("plunk"), or "" for pages at the root.
	Section     string
	Title       string
	Description string
	Weight      int
	// Body is the Markdown after the front matter. BodyLine is the file line of its first line.
	Body     []byte
	BodyLine int
	// Entry is the catalog entry of an error page; API the API of an API index page.
	Entry *catalog.Entry
	API   *catalog.API
	// Blocks are the page's fenced code blocks, with their lines.
	Blocks []Block
}

// Block is a fenced code block.
type Block struct {
	Info string
	Text string
	// Line is the line of the opening fence in the file.
	Line int
	// Section is the H2 heading the block sits under.
	Section string
}

// IsResponse reports whether the block is marked as an error response ("json response").
func (b Block) IsResponse() bool {
	f := strings.Fields(b.Info)
	return len(f) >= 2 && f[1] == "response"
}

// Lang is the block's language: the first word of its info string.
func (b Block) Lang() string {
	f := strings.Fields(b.Info)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// Site is a loaded content tree.
type Site struct {
	Catalog *catalog.Catalog
	Pages   []*Page
}

// Error is a content error at a place in a file.
type Error struct {
	File string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Errors is every error found in a content tree.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Content reads every page under fsys and the catalog they declare. It reports all errors it
// finds, not just the first, as Errors.
func Content(fsys fs.FS) (*Site, error) {
	l := &loader{fsys: fsys, apis: map[string]*catalog.API{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if Skipped(p, name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(name, ".md") {
			return nil
		}
		l.files = append(l.files, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read content: %w", err)
	}
	// API index pages first, so error pages can find their API.
	sort.SliceStable(l.files, func(i, j int) bool {
		return isAPIIndex(l.files[i]) && !isAPIIndex(l.files[j])
	})
	for _, p := range l.files {
		l.page(p)
	}
	l.finish()
	if len(l.errs) > 0 {
		sort.SliceStable(l.errs, func(i, j int) bool {
			if l.errs[i].File != l.errs[j].File {
				return l.errs[i].File < l.errs[j].File
			}
			return l.errs[i].Line < l.errs[j].Line
		})
		return nil, l.errs
	}
	return &Site{Catalog: &l.cat, Pages: l.pages}, nil
}

func isAPIIndex(p string) bool {
	return strings.Count(p, "/") == 1 && path.Base(p) == "index.md"
}

type loader struct {
	fsys  fs.FS
	files []string
	pages []*Page
	cat   catalog.Catalog
	apis  map[string]*catalog.API
	errs  Errors
}

func (l *loader) fail(file string, line int, format string, args ...any) {
	l.errs = append(l.errs, &Error{File: file, Line: line, Err: fmt.Errorf(format, args...)})
}

// frontMatter is every key a page may have. Its fields' doc comments are the front-matter
// reference (schema/front-matter.md and the JSON Schemas, generated by ./internal/refgen). A
// "page" tag lists the kinds of page a key belongs to ("api" for an API's index.md, "error" for
// an error page, "page" for any other), a "!" after a kind marking the key required there; a
// key without one belongs to every page and is optional.
type frontMatter struct {
	// Title is the page's title; an error page's title is the code's name in words.
	// Example: Rate limit exceeded
	Title string `yaml:"title" page:"api,error!,page!"`
	// Description is the page's summary for search engines and link previews.
	Description string `yaml:"description"`
	// Weight orders pages in navigation: lower first, then by title.
	// Default: 0
	Weight int `yaml:"weight"`
	// API makes a top-level folder's index.md the index of an API: its machine facts.
	API *apiMatter `yaml:"api" page:"api!"`
	// Code is the error code exactly as the API spells it; "" for a codeless body matched by
	// shape and status.
	// Example: RATE_LIMIT_EXCEEDED
	Code *string `yaml:"code" page:"error!"`
	// Status is the documented HTTP status.
	// Example: 429
	Status int `yaml:"status" page:"error!"`
	// Statuses lists every status the code is sent with, when there are several; it must
	// include Status.
	// Example: [400, 422]
	Statuses []int `yaml:"statuses" page:"error"`
	// Shape limits the page to bodies of one of the API's shapes (by name).
	Shape string `yaml:"shape" page:"error"`
	// When is a regular expression on the body's message that selects this page over others
	// with the same code and status.
	When string `yaml:"when" page:"error"`
	// Retry is the code's retry policy.
	// Example: {strategy: backoff, base_seconds: 1, attempts: 5}
	Retry *retryMatter `yaml:"retry" page:"error!"`
	// Hints pick a cause for one instance from what the paste shows; the first that holds wins.
	Hints []catalog.Hint `yaml:"hints" page:"error"`
	// Draft leaves the page out of the site.
	// Default: false
	Draft bool `yaml:"draft"`
}

// apiMatter is an API's index page's "api:" block.
type apiMatter struct {
	// Name is the API's name as people write it; the page's title when it has none.
	// Example: Plunk
	Name string `yaml:"name"`
	// Hosts are the hostnames the API answers on. A leading "*." matches any subdomain.
	// Example: [api.example.com, "*.example.com"]
	Hosts []string `yaml:"hosts"`
	// PathPrefixes are URL path prefixes that point to this API on an unknown host.
	// Example: [/v1/charges]
	PathPrefixes []string `yaml:"path_prefixes"`
	// SecretPaths are URL path templates with a secret segment, written {secret}.
	// Example: ["/v1/webhooks/{secret}"]
	SecretPaths []string `yaml:"secret_paths"`
	// Keys are the formats of the API's keys, by prefix.
	Keys []catalog.KeyFormat `yaml:"keys"`
	// Headers names the headers that matter: request id, retry and rate-limit headers.
	Headers catalog.Headers `yaml:"headers"`
	// Shapes are the forms of the API's JSON error bodies.
	Shapes []*catalog.Shape `yaml:"shapes"`
	// Retry is the API's retry policy by HTTP status: a status ("429"), a class ("4xx",
	// "5xx") or "default".
	// Example: {"429": {strategy: retry-after}, "5xx": {strategy: backoff, base_seconds: 1, attempts: 5}, default: {strategy: never}}
	Retry map[string]retryMatter `yaml:"retry"`
	// Predict says how the API words the answers to requests that fail its checks.
	Predict *catalog.Predict `yaml:"predict"`
}

// retryMatter is a retry policy as front matter writes it.
type retryMatter struct {
	// Strategy is "never", "retry-after", "backoff" or "conditional".
	Strategy string `yaml:"strategy"`
	// BaseSeconds is the first wait of a backoff.
	BaseSeconds float64 `yaml:"base_seconds"`
	// CapSeconds is the longest wait of a backoff.
	// Default: base_seconds × 2^(attempts−1)
	CapSeconds float64 `yaml:"cap_seconds"`
	// Attempts is how many times a backoff retries.
	Attempts int `yaml:"attempts"`
	// Detail says in words when to retry.
	Detail string `yaml:"detail"`
}

func (r retryMatter) policy() (catalog.Retry, error) {
	p := catalog.Retry{Strategy: r.Strategy, BaseSeconds: r.BaseSeconds, CapSeconds: r.CapSeconds,
		Attempts: r.Attempts, Detail: r.Detail}
	switch r.Strategy {
	case "never", "retry-after", "conditional":
	case "backoff":
		if r.BaseSeconds <= 0 || r.Attempts <= 0 {
			return p, errors.New(`retry: "backoff" needs base_seconds and attempts`)
		}
		if r.CapSeconds == 0 {
			p.CapSeconds = r.BaseSeconds * float64(int(1)<<min(r.Attempts-1, 20))
		}
	case "":
		return p, errors.New(`retry: strategy is missing (never, retry-after, backoff or conditional)`)
	default:
		return p, fmt.Errorf("retry: unknown strategy %q (want never, retry-after, backoff or conditional)", r.Strategy)
	}
	return p, nil
}

var yamlLineRE = regexp.MustCompile(`^line (\d+):\s*`)

// page reads one file.
func (l *loader) page(file string) {
	data, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		l.fail(file, 0, "%v", err)
		return
	}
	fmText, body, bodyLine, ok := splitFrontMatter(data)
	if !ok {
		l.fail(file, 1, "front matter starts with --- but has no closing ---")
		return
	}
	var fm frontMatter
	if len(fmText) > 0 {
		// The front matter starts on the file's second line.
		tree, err := yamlTree(fmText)
		if err != nil {
			line, msg := yamlErrorLine(err)
			l.fail(file, line+1, "front matter: %s", msg)
			return
		}
		var bad []typeProblem
		checkTyped(tree, FrontMatterType, "", &bad)
		for _, p := range bad {
			l.fail(file, p.line+1, "front matter: %s", p.msg)
		}
		if len(bad) > 0 {
			return
		}
		decodeNode(tree, reflect.ValueOf(&fm).Elem(), 0)
	}
	if fm.Draft {
		return
	}
	p := &Page{File: file, Title: fm.Title, Description: fm.Description, Weight: fm.Weight,
		Body: body, BodyLine: bodyLine, URL: pageURL(file)}
	if i := strings.IndexByte(file, '/'); i > 0 {
		p.Section = file[:i]
	}
	p.Blocks = l.blocks(file, body, bodyLine)
	dir := path.Dir(file)
	switch {
	case file == "index.md":
		p.Kind = KindHome
	case isAPIIndex(file) && fm.API != nil:
		p.Kind = KindAPI
		p.API = l.api(file, p.Section, fm)
	case fm.Code != nil:
		p.Kind = KindError
		p.Entry = l.entry(p, fm)
	case path.Base(dir) == "guides":
		p.Kind = KindGuide
	default:
		p.Kind = KindPage
	}
	if fm.API != nil && p.Kind != KindAPI {
		l.fail(file, 2, `front matter: "api:" belongs only in a top-level folder's index.md`)
	}
	if p.Title == "" {
		if p.Entry != nil {
			p.Title = p.Entry.Title
		} else if p.API != nil {
			p.Title = p.API.Name
		} else {
			l.fail(file, 1, "front matter: title is missing")
		}
	}
	l.pages = append(l.pages, p)
}

// yamlErrorLine is the line (1 when unknown) and the first line of the message of a YAML error.
func yamlErrorLine(err error) (int, string) {
	line, msg := 1, strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	return line, firstLine(msg)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// splitFrontMatter separates YAML front matter from the body. bodyLine is the 1-based file line
// where the body starts, so positions in the body map back to the file.
func splitFrontMatter(data []byte) (fm, body []byte, bodyLine int, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(data, []byte("---\n")) && !bytes.HasPrefix(data, []byte("---\r\n")) {
		return nil, data, 1, true
	}
	rest := data[bytes.IndexByte(data, '\n')+1:]
	line := 2
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var ln []byte
		next := len(rest)
		if end >= 0 {
			ln = rest[off : off+end]
			next = off + end + 1
		} else {
			ln = rest[off:]
		}
		if string(bytes.TrimRight(ln, "\r \t")) == "---" {
			return rest[:off], rest[next:], line + 1, true
		}
		off = next
		line++
	}
	return nil, nil, 0, false
}

func pageURL(file string) string {
	p := strings.TrimSuffix(file, ".md")
	if path.Base(p) == "index" {
		p = path.Dir(p)
	}
	if p == "." {
		return "/"
	}
	return "/" + p + "/"
}

func (l *loader) api(file, id string, fm frontMatter) *catalog.API {
	m := fm.API
	a := &catalog.API{ID: id, Name: m.Name, Hosts: m.Hosts, PathPrefixes: m.PathPrefixes, SecretPaths: m.SecretPaths,
		Keys: m.Keys, Headers: m.Headers, Shapes: m.Shapes, Docs: "/" + id + "/",
		Retry: map[string]catalog.Retry{}, Source: file, Predict: m.Predict}
	if a.Name == "" {
		a.Name = fm.Title
	}
	if a.Name == "" {
		l.fail(file, 2, "api: name is missing")
	}
	for k, r := range m.Retry {
		p, err := r.policy()
		if err != nil {
			l.fail(file, 2, "api.retry[%s]: %v", k, err)
		}
		a.Retry[k] = p
	}
	m.Shapes = l.presets(file, m.Shapes)
	a.Shapes = m.Shapes
	names := map[string]bool{}
	for i, s := range m.Shapes {
		if s.Name == "" {
			l.fail(file, 2, "api.shapes[%d]: name is missing", i)
		}
		if names[s.Name] {
			l.fail(file, 2, "api.shapes: duplicate shape %q", s.Name)
		}
		names[s.Name] = true
		if len(s.Match) == 0 {
			l.fail(file, 2, "api.shapes[%s]: match is empty", s.Name)
		}
		l.checkShape(file, s)
		switch s.Strength {
		case "high", "medium", "low":
		case "":
			s.Strength = "medium"
		default:
			l.fail(file, 2, "api.shapes[%s]: strength %q is not high, medium or low", s.Name, s.Strength)
		}
	}
	for _, k := range a.Keys {
		if k.Prefix == "" {
			l.fail(file, 2, "api.keys: a key has no prefix")
		}
	}
	l.openapi(a)
	l.apis[id] = a
	l.cat.APIs = append(l.cat.APIs, a)
	return a
}

func (l *loader) entry(p *Page, fm frontMatter) *catalog.Entry {
	file := p.File
	a := l.apis[p.Section]
	if a == nil {
		l.fail(file, 2, "front matter: code %q is outside an API folder (no %s/index.md with an api: block)", *fm.Code, p.Section)
		return nil
	}
	e := &catalog.Entry{API: a, Code: *fm.Code, Status: fm.Status, Statuses: fm.Statuses,
		Shape: fm.Shape, When: fm.When, Title: fm.Title, Hints: fm.Hints, Docs: p.URL, Source: file}
	if e.Status < 100 || e.Status > 599 {
		l.fail(file, 2, "front matter: status %d is not an HTTP status", e.Status)
	}
	if len(e.Statuses) == 0 {
		e.Statuses = []int{e.Status}
	} else if !e.HasStatus(e.Status) {
		l.fail(file, 2, "front matter: statuses %v does not include status %d", e.Statuses, e.Status)
	}
	if e.Title == "" {
		l.fail(file, 2, "front matter: title is missing")
	}
	if e.Shape != "" && a.Shape(e.Shape) == nil {
		l.fail(file, 2, "front matter: shape %q is not one of %s's shapes", e.Shape, a.ID)
	}
	if e.Code == "" && e.Shape == "" && len(a.Shapes) != 1 {
		l.fail(file, 2, `front matter: a page with code: "" needs shape:`)
	}
	if fm.Retry == nil {
		l.fail(file, 2, "front matter: retry is missing")
	} else if r, err := fm.Retry.policy(); err != nil {
		l.fail(file, 2, "front matter: %v", err)
	} else {
		e.Retry = r
	}
	secs := sections(p.Body)
	e.Meaning = plainText(secs["What it means"])
	e.Causes = listItems(secs["Common causes"])
	e.Fix = listItems(secs["How to fix"])
	e.Drift = plainText(secs["Docs drift"])
	for _, need := range []string{"What it means", "Common causes", "How to fix", "Examples"} {
		if _, ok := secs[need]; !ok {
			l.fail(file, p.BodyLine, "error page has no %q section", "## "+need)
		}
	}
	if len(secs["Common causes"]) > 0 && len(e.Causes) == 0 {
		l.fail(file, p.BodyLine, `"## Common causes" has no list items`)
	}
	if len(secs["How to fix"]) > 0 && len(e.Fix) == 0 {
		l.fail(file, p.BodyLine, `"## How to fix" has no list items`)
	}
	for _, b := range p.Blocks {
		if b.IsResponse() {
			e.Examples = append(e.Examples, catalog.Example{Lang: b.Lang(), Text: b.Text, Line: b.Line})
		}
	}
	if len(e.Examples) == 0 {
		l.fail(file, p.BodyLine, "error page has no example response (a fenced block marked ```json response or ```http response)")
	}
	a.Errors = append(a.Errors, e)
	return e
}

// finish sorts the catalog, compiles it and checks for duplicates.
func (l *loader) finish() {
	sort.Slice(l.cat.APIs, func(i, j int) bool { return l.cat.APIs[i].ID < l.cat.APIs[j].ID })
	for _, a := range l.cat.APIs {
		sort.SliceStable(a.Errors, func(i, j int) bool {
			x, y := a.Errors[i], a.Errors[j]
			if x.Code != y.Code {
				return x.Code < y.Code
			}
			return x.Status < y.Status
		})
		seen := map[string]*catalog.Entry{}
		for _, e := range a.Errors {
			for _, s := range e.Statuses {
				k := fmt.Sprintf("%s|%d|%s|%s", e.Code, s, e.Shape, e.When)
				if prev, ok := seen[k]; ok {
					what := fmt.Sprintf("code %q with status %d", e.Code, s)
					if e.Code == "" {
						what = fmt.Sprintf("codeless page for status %d", s)
					}
					l.fail(e.Source, 2, "duplicate %s: also in %s", what, prev.Source)
				}
				seen[k] = e
			}
		}
	}
	if err := l.cat.Check(); err != nil {
		l.errs = append(l.errs, &Error{File: "content", Err: err})
	}
}

// blocks finds the fenced code blocks of a body.
func (l *loader) blocks(file string, body []byte, bodyLine int) []Block {
	var out []Block
	lines := strings.Split(string(body), "\n")
	section := ""
	for i := 0; i < len(lines); i++ {
		ln := strings.TrimRight(lines[i], "\r")
		if h, ok := strings.CutPrefix(ln, "## "); ok {
			section = strings.TrimSpace(h)
			continue
		}
		fence, info, ok := openFence(ln)
		if !ok {
			continue
		}
		start := i
		var text []string
		closed := false
		for i++; i < len(lines); i++ {
			c := strings.TrimRight(lines[i], "\r")
			t := strings.TrimLeft(c, " ")
			if len(c)-len(t) < 4 && strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				closed = true
				break
			}
			text = append(text, c)
		}
		if !closed {
			l.fail(file, bodyLine+start, "code fence %s is never closed", fence)
		}
		out = append(out, Block{Info: info, Text: strings.Join(text, "\n"), Line: bodyLine + start, Section: section})
	}
	return out
}

// openFence reports whether ln opens a fenced code block, with its fence and info string.
func openFence(ln string) (fence, info string, ok bool) {
	t := strings.TrimLeft(ln, " ")
	if len(ln)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return "", "", false
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return "", "", false
	}
	info = strings.TrimSpace(t[n:])
	if t[0] == '`' && strings.Contains(info, "`") {
		return "", "", false
	}
	return t[:n], info, true
}

// sections splits a body into its H2 sections, keyed by heading, skipping fenced blocks.
func sections(body []byte) map[string][]string {
	out := map[string][]string{}
	cur := ""
	inFence := ""
	for _, ln := range strings.Split(string(body), "\n") {
		ln = strings.TrimRight(ln, "\r")
		if inFence != "" {
			if strings.HasPrefix(strings.TrimLeft(ln, " "), inFence) {
				inFence = ""
			}
			if cur != "" {
				out[cur] = append(out[cur], ln)
			}
			continue
		}
		if f, _, ok := openFence(ln); ok {
			inFence = f
		}
		if h, ok := strings.CutPrefix(ln, "## "); ok {
			cur = strings.TrimSpace(h)
			if _, dup := out[cur]; !dup {
				out[cur] = []string{}
			}
			continue
		}
		if strings.HasPrefix(ln, "# ") {
			cur = ""
			continue
		}
		if cur != "" {
			out[cur] = append(out[cur], ln)
		}
	}
	return out
}

var listRE = regexp.MustCompile(`^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+(.*)$`)

// listItems returns the top-level list items of a section, as plain text.
func listItems(lines []string) []string {
	var out []string
	inFence := false
	for _, ln := range lines {
		if _, _, ok := openFence(ln); ok {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if m := listRE.FindStringSubmatch(ln); m != nil {
			out = append(out, inline(m[1]))
		} else if len(out) > 0 && strings.HasPrefix(ln, "  ") && strings.TrimSpace(ln) != "" &&
			!listRE.MatchString(strings.TrimSpace(ln)) {
			out[len(out)-1] += " " + inline(strings.TrimSpace(ln))
		}
	}
	return out
}

// plainText returns a section's paragraphs, list items and table rows as plain text, one item
// or row a line, leaving out code.
func plainText(lines []string) string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, inline(strings.Join(cur, " ")))
			cur = nil
		}
	}
	inFence := false
	// dropIntro ends with a full stop a paragraph that introduced a code block with a colon,
	// since plain text leaves the code out.
	dropIntro := func() {
		flush()
		if n := len(paras); n > 0 && strings.HasSuffix(paras[n-1], ":") {
			paras[n-1] = strings.TrimSuffix(paras[n-1], ":") + "."
		}
	}
	tableRow := 0
	for _, ln := range lines {
		t := strings.TrimSpace(ln)
		if !strings.HasPrefix(t, "|") {
			tableRow = 0
		}
		if _, _, ok := openFence(ln); ok {
			if !inFence {
				dropIntro()
			}
			inFence = !inFence
			flush()
			continue
		}
		switch {
		case inFence:
		case strings.HasPrefix(t, "|"):
			// A table becomes one line a row, cells joined by dashes; its header and rule go.
			flush()
			tableRow++
			if tableRow > 2 {
				cells := strings.Split(strings.Trim(t, "|"), "|")
				for i := range cells {
					cells[i] = inline(cells[i])
				}
				paras = append(paras, "• "+strings.Join(cells, " — "))
			}
			continue
		case listRE.MatchString(ln):
			flush()
			paras = append(paras, "• "+inline(listRE.FindStringSubmatch(ln)[1]))
		case t == "" || strings.HasPrefix(t, "#"):
			flush()
		default:
			cur = append(cur, t)
		}
	}
	flush()
	return strings.Join(paras, "\n\n")
}

var (
	linkRE     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	emphasisRE = regexp.MustCompile(`(\*\*|__)(.+?)(\*\*|__)`)
)

// inline strips the inline Markdown a verdict should not show: links keep their text, and
// strong emphasis its words. Code spans keep their backticks, which read well as plain text.
func inline(s string) string {
	s = linkRE.ReplaceAllString(s, "$1")
	s = emphasisRE.ReplaceAllString(s, "$2")
	return strings.TrimSpace(s)
}
