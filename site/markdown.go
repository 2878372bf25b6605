package site

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/site/highlight"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown: goldmark is configured once, in newMarkdown. Raw HTML stays off (goldmark's default);
// a page that has some fails the build, because goldmark would drop it silently (a stray
// "<key>" in prose is the usual case). Our node renderer adds what goldmark does not: chroma
// highlighting with a copy button for fenced blocks, anchors on headings, and a scrolling
// wrapper around tables. Links are checked and rewritten by walking the tree before rendering.

// newMarkdown returns the site's goldmark configuration, highlighting with the worker's own
// highlighter.
func newMarkdown(h *highlight.Highlighter) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Linkify),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(&nodeRenderer{h: h}, 100))),
	)
}

// kindTableWrap is a block that wraps a table in a horizontally scrolling region.
var kindTableWrap = ast.NewNodeKind("TableWrap")

type tableWrap struct{ ast.BaseBlock }

func (n *tableWrap) Kind() ast.NodeKind            { return kindTableWrap }
func (n *tableWrap) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// Attributes our walk sets on fenced blocks for the renderer.
const (
	attrVerdict  = "errdocs-verdict"  // what the engine read in an example response
	attrResponse = "errdocs-response" // the block is an example error response
)

// nodeRenderer renders the nodes the site draws its own way.
type nodeRenderer struct {
	h *highlight.Highlighter
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.codeBlock)
	reg.Register(ast.KindCodeBlock, r.codeBlock)
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(kindTableWrap, r.tableWrap)
}

var langNames = map[string]string{
	"json": "JSON", "http": "HTTP", "bash": "Shell", "sh": "Shell", "shell": "Shell", "console": "Shell",
	"zsh": "Shell", "curl": "Shell", "js": "JavaScript", "javascript": "JavaScript", "ts": "TypeScript",
	"typescript": "TypeScript", "python": "Python", "py": "Python", "go": "Go", "yaml": "YAML",
	"yml": "YAML", "toml": "TOML", "html": "HTML", "xml": "XML", "text": "Text", "ruby": "Ruby",
	"rb": "Ruby", "java": "Java", "php": "PHP", "csharp": "C#", "cs": "C#", "rust": "Rust",
	"diff": "Diff", "sql": "SQL", "ini": "INI", "dotenv": "Env", "env": "Env",
}

func (r *nodeRenderer) codeBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	lang := ""
	if n, ok := node.(*ast.FencedCodeBlock); ok && n.Info != nil {
		if f := strings.Fields(string(n.Info.Value(source))); len(f) > 0 {
			lang = f[0]
		}
	}
	var code strings.Builder
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(source))
	}
	label := langNames[strings.ToLower(lang)]
	if label == "" {
		label = lang
	}
	if label == "" {
		label = "Code"
	}
	if _, ok := node.AttributeString(attrResponse); ok {
		label += " · example response"
	}
	w.WriteString(`<div class="code"><div class="code-head"><span>`)
	// The label is the fence's info string when it names no language we know: content, so
	// escaped like every other piece of it.
	w.Write(util.EscapeHTML([]byte(label)))
	w.WriteString(`</span><button type="button" class="copy">Copy</button></div>`)
	if err := r.h.Write(w, lang, code.String()); err != nil {
		return ast.WalkStop, err
	}
	w.WriteString("</div>\n")
	if v, ok := node.AttributeString(attrVerdict); ok {
		if s, ok := v.(string); ok && s != "" {
			w.WriteString(s)
		}
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) heading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := strconv.Itoa(n.Level)
	id := ""
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			id = string(b)
		}
	}
	anchor := n.Level >= 2 && id != ""
	if entering {
		if anchor {
			w.WriteString(`<div class="heading h` + level + `">`)
		}
		w.WriteString("<h" + level)
		if id != "" {
			w.WriteString(` id="`)
			w.Write(util.EscapeHTML([]byte(id)))
			w.WriteByte('"')
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	w.WriteString("</h" + level + ">")
	if anchor {
		w.WriteString(`<a class="anchor" href="#`)
		w.Write(util.EscapeHTML(util.URLEscape([]byte(id), false)))
		w.WriteString(`"><span aria-hidden="true">#</span><span class="visually-hidden">Link to section “`)
		w.Write(util.EscapeHTML([]byte(nodeText(n, source))))
		w.WriteString(`”</span></a></div>`)
	}
	w.WriteByte('\n')
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) tableWrap(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="Table">` + "\n")
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// nodeText is the plain text of an inline tree.
func nodeText(n ast.Node, source []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(source))
				if t.SoftLineBreak() || t.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(t.Value)
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// tocItem is one entry of a page's table of contents.
type tocItem struct {
	ID, Text string
	Level    int
}

// section is a part of a rendered body that starts with an H2 heading.
type section struct {
	ID, Title string
	HTML      string
}

// body is a page's rendered Markdown.
type body struct {
	Lead     string // everything before the first H2
	Sections []section
	TOC      []tocItem
}

// link is an internal link found in a page, checked once every page is rendered.
type link struct {
	from     *page
	line     int
	path     string // site path of the target page, or "" for the page itself
	fragment string
}

// mdResult is what rendering one page's Markdown yields besides HTML.
type mdResult struct {
	body      *body
	links     []link // links with fragments, for the anchor check
	headings  [][2]string
	text      strings.Builder // plain text for search
	firstPara string
}

// lineIndex maps byte offsets of a body to file lines.
type lineIndex struct {
	starts []int
	first  int
}

func newLineIndex(src []byte, firstLine int) lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{starts: starts, first: firstLine}
}

func (li lineIndex) line(off int) int {
	if off < 0 {
		return li.first
	}
	return li.first + sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
}

// nodeLine is the file line where n starts, as near as the tree tells.
func nodeLine(n ast.Node, li lineIndex) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock {
			if l := n.Lines(); l != nil && l.Len() > 0 {
				return li.line(l.At(0).Start)
			}
		}
		if p := n.Pos(); p >= 0 {
			return li.line(p)
		}
		if t, ok := n.(*ast.Text); ok {
			return li.line(t.Segment.Start)
		}
		if c := n.FirstChild(); c != nil {
			if t, ok := c.(*ast.Text); ok {
				return li.line(t.Segment.Start)
			}
		}
	}
	return li.first
}

// renderMarkdown parses and renders one page's body: it rewrites and checks links, records
// headings and text for search and the table of contents, and renders the top-level blocks in
// H2 sections.
func (w *worker) renderMarkdown(p *page) (*mdResult, error) {
	src := p.src.Body
	li := newLineIndex(src, p.src.BodyLine)
	doc := w.md.Parser().Parse(text.NewReader(src))
	res := &mdResult{body: &body{}}
	var tables []ast.Node
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id := ""
			if v, ok := n.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					id = string(b)
				}
			}
			t := nodeText(n, src)
			if n.Level <= 3 && n.Level >= 2 && id != "" {
				res.body.TOC = append(res.body.TOC, tocItem{ID: id, Text: t, Level: n.Level})
				res.headings = append(res.headings, [2]string{id, t})
			}
			res.text.WriteString(t)
			res.text.WriteByte('\n')
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			n.Destination = w.rewriteLink(p, n.Destination, nodeLine(n, li), res)
		case *ast.Image:
			n.Destination = w.rewriteLink(p, n.Destination, nodeLine(n, li), res)
		case *ast.RawHTML, *ast.HTMLBlock:
			w.fail(p.src.File, nodeLine(n, li), "raw HTML is not rendered (errdocs keeps it off): write it in Markdown, or put it in a code span")
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			fence := nodeLine(n, li) - 1
			if _, ok := n.(*ast.CodeBlock); ok {
				fence++
			} else if n.Lines().Len() == 0 {
				fence = nodeLine(n, li)
			}
			key := blockKey{p.src.File, fence}
			if v, ok := w.b.verdicts[key]; ok {
				n.SetAttributeString(attrVerdict, v)
			}
			if w.b.responses[key] {
				n.SetAttributeString(attrResponse, true)
			}
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				res.text.Write(seg.Value(src))
			}
			res.text.WriteByte('\n')
			return ast.WalkSkipChildren, nil
		case *extast.Table:
			tables = append(tables, n)
		case *ast.Text:
			res.text.Write(n.Segment.Value(src))
			res.text.WriteByte(' ')
		case *ast.Paragraph:
			if res.firstPara == "" && n.Parent() == doc {
				res.firstPara = nodeText(n, src)
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		wrap := &tableWrap{}
		parent := t.Parent()
		parent.ReplaceChild(parent, t, wrap)
		wrap.AppendChild(wrap, t)
	}

	// Render the top-level blocks, starting a section at each H2.
	buf := &w.mdBuf
	r := w.md.Renderer()
	var cur *section
	flush := func() {
		if cur == nil {
			res.body.Lead = buf.String()
		} else {
			cur.HTML = buf.String()
			res.body.Sections = append(res.body.Sections, *cur)
		}
		buf.Reset()
	}
	buf.Reset()
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			flush()
			cur = &section{Title: nodeText(h, src)}
			if v, ok := h.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					cur.ID = string(b)
				}
			}
		}
		if err := r.Render(buf, src, n); err != nil {
			return nil, fmt.Errorf("render %s: %w", p.src.File, err)
		}
	}
	flush()
	return res, nil
}

// rewriteLink turns a Markdown link into the site URL it means, and checks that the page it
// points to exists. Links to .md files resolve from the file's folder; other relative links
// resolve from the page's URL, as a browser would. Links to an error code's alias go straight to
// its page. Fragments are checked once every page is rendered.
func (w *worker) rewriteLink(p *page, dest []byte, line int, res *mdResult) []byte {
	d := string(dest)
	if d == "" || strings.HasPrefix(d, "//") || hasScheme(d) {
		return dest
	}
	pth, frag, _ := strings.Cut(d, "#")
	pth, query, _ := strings.Cut(pth, "?")
	if pth == "" {
		if frag != "" {
			res.links = append(res.links, link{from: p, line: line, fragment: frag})
		}
		return dest
	}
	var target string
	if strings.HasSuffix(pth, ".md") || strings.Contains(pth, ".md/") {
		file := strings.TrimSuffix(pth, "/")
		if !strings.HasPrefix(file, "/") {
			file = path.Join(path.Dir(p.src.File), file)
		}
		file = strings.TrimPrefix(path.Clean("/"+file), "/")
		tp := w.b.byFile[file]
		if tp == nil {
			w.fail(p.src.File, line, "broken link %q: no page %s", d, file)
			return dest
		}
		target = tp.url
	} else {
		target = pth
		if !strings.HasPrefix(target, "/") {
			target = path.Join(p.url, target)
		}
		target = path.Clean(target)
		if target != "/" && (strings.HasSuffix(pth, "/") || path.Ext(target) == "") {
			target += "/"
		}
		switch {
		case w.b.byURL[target] != nil:
		case w.b.aliases[target] != nil:
			target = w.b.aliases[target].url
		case w.b.files[strings.TrimPrefix(path.Clean(pth), "/")] || w.b.files[strings.TrimPrefix(path.Clean(target), "/")]:
			target = strings.TrimSuffix(target, "/")
		case w.b.byURL[strings.TrimSuffix(target, "/")+"/"] != nil:
			target = strings.TrimSuffix(target, "/") + "/"
		case w.b.bySlug(target) != nil:
			// A code in another spelling: /plunk/errors/rate_limit_exceeded/.
			target = w.b.bySlug(target).url
		default:
			w.fail(p.src.File, line, "broken link %q: no page at %s", d, target)
			return dest
		}
	}
	if frag != "" {
		res.links = append(res.links, link{from: p, line: line, path: target, fragment: frag})
	}
	out := w.b.href(target)
	if query != "" {
		out += "?" + query
	}
	if frag != "" {
		out += "#" + frag
	}
	return []byte(out)
}

// hasScheme reports whether a link starts with a URL scheme ("https:", "mailto:").
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':':
			return i > 0
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}
