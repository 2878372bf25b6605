// Package markdown renders the site's Markdown. goldmark is configured once, in New; each
// behaviour errdocs adds to goldmark is a small extension of its own, as goldmark's
// extension/strikethrough.go is:
//
//   - CodeBlocks highlights fenced and indented code (package site/highlight) under a label read
//     from the fence's info string, with a copy button, and shows the build's verdict on an example
//     response under it (code.go, labels.go).
//   - HeadingAnchors gives every heading from H2 down a "#" link to itself (heading.go).
//   - TableWrapper puts each table in a region that scrolls sideways (table.go).
//   - Links sends each link and image destination through the page's Link function, which
//     rewrites it to the site URL it means and reports a broken one (links.go).
//   - NoRawHTML reports raw HTML, which stays off (goldmark's default): goldmark would drop it
//     silently, and a stray "<key>" in prose is the usual case (links.go).
//
// The parser is goldmark's default with one change: block quotes and lists nest at most
// MaxNesting deep, which keeps every input linear in time (nesting.go).
//
// A Renderer renders one Page at a time into a Doc: the HTML cut into H2 sections, the table of
// contents, and the plain text search indexes. What a page needs from the site (its links, where
// to report a problem, the verdicts on its examples) comes in as functions on the Page, so this
// package knows nothing of the site's pages.
//
// Package markdown may import goldmark, package site/highlight and the standard library.
package markdown

import (
	"bytes"
	"sort"
	"strings"

	"github.com/errdocs/errdocs/site/highlight"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// New returns the site's Markdown renderer, highlighting with h. A Renderer is not safe for
// concurrent use: give each render worker its own.
func New(h *highlight.Highlighter) *Renderer {
	md := goldmark.New(
		// goldmark's default parser, but with nesting held to MaxNesting (nesting.go).
		goldmark.WithParser(parser.NewParser(parser.WithBlockParsers(blockParsers()...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))),
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Linkify,
			CodeBlocks{Highlighter: h}, HeadingAnchors{}, TableWrapper{}, Links{}, NoRawHTML{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	return &Renderer{md: md}
}

// A Renderer renders pages of Markdown.
type Renderer struct {
	md  goldmark.Markdown
	buf bytes.Buffer
}

// A Page is one page's Markdown and what rendering it needs from the site. The functions may be
// nil.
type Page struct {
	// Source is the page's body, without its front matter.
	Source []byte
	// Line is the line of the file that Source starts on, so problems name file lines.
	Line int
	// Link returns the URL a link or image destination means, given the file line it is on,
	// and reports it when it leads nowhere.
	Link func(dest string, line int) string
	// Fail reports a problem at a line of the file.
	Fail func(line int, msg string)
	// Block says what to show with the code block whose fence is at a line of the file: the
	// HTML of the build's verdict on it ("" for none), and whether it is an example response.
	Block func(fence int) (verdictHTML string, response bool)
}

// A TOCItem is one entry of a page's table of contents.
type TOCItem struct {
	ID, Text string
	Level    int
}

// A Section is a part of a rendered body that starts with an H2 heading.
type Section struct {
	ID, Title string
	HTML      string
}

// A Body is a page's rendered Markdown.
type Body struct {
	Lead     string // everything before the first H2
	Sections []Section
	TOC      []TOCItem // the H2 and H3 headings that have ids
}

// A Doc is what rendering one page's Markdown yields.
type Doc struct {
	Body
	// Text is the page's plain text, for search: headings, prose and code.
	Text string
	// FirstPara is the text of the page's first top-level paragraph.
	FirstPara string
}

// pageKey holds the *pageState of the page being parsed in goldmark's parser context, for the
// extensions' AST transformers.
var pageKey = parser.NewContextKey()

// pageState is a Page being parsed.
type pageState struct {
	*Page
	lines lineIndex
	// tooDeep is set once the page has nested past MaxNesting and said so.
	tooDeep bool
}

// pageOf returns the page a parse is for, or nil when the parse did not come from Render.
func pageOf(pc parser.Context) *pageState {
	p, _ := pc.Get(pageKey).(*pageState)
	return p
}

func (p *pageState) fail(line int, msg string) {
	if p.Fail != nil {
		p.Fail(line, msg)
	}
}

// Render parses and renders one page: the extensions rewrite and check its links and mark its
// code blocks as they parse; Render then gathers its headings and text and renders the
// top-level blocks in H2 sections.
func (r *Renderer) Render(p *Page) (*Doc, error) {
	src := p.Source
	pc := parser.NewContext()
	pc.Set(pageKey, &pageState{Page: p, lines: newLineIndex(src, p.Line)})
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	res := &Doc{}
	var txt strings.Builder
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id := headingID(n)
			t := nodeText(n, src)
			if n.Level <= 3 && n.Level >= 2 && id != "" {
				res.TOC = append(res.TOC, TOCItem{ID: id, Text: t, Level: n.Level})
			}
			txt.WriteString(t)
			txt.WriteByte('\n')
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				txt.Write(seg.Value(src))
			}
			txt.WriteByte('\n')
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			txt.Write(n.Segment.Value(src))
			txt.WriteByte(' ')
		case *ast.Paragraph:
			if res.FirstPara == "" && n.Parent() == doc {
				res.FirstPara = nodeText(n, src)
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return nil, err
	}
	res.Text = txt.String()

	// Render the top-level blocks, starting a section at each H2.
	buf := &r.buf
	rd := r.md.Renderer()
	var cur *Section
	flush := func() {
		if cur == nil {
			res.Lead = buf.String()
		} else {
			cur.HTML = buf.String()
			res.Sections = append(res.Sections, *cur)
		}
		buf.Reset()
	}
	buf.Reset()
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			flush()
			cur = &Section{Title: nodeText(h, src), ID: headingID(h)}
		}
		if err := rd.Render(buf, src, n); err != nil {
			return nil, err
		}
	}
	flush()
	return res, nil
}

// headingID is the id goldmark gave a heading, or "".
func headingID(n *ast.Heading) string {
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			return string(b)
		}
	}
	return ""
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
