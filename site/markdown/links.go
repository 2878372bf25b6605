package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Links sends the destination of every link and image through the page's Link function, which
// rewrites it to the site URL it means ("../errors/conflict.md" is "/plunk/errors/conflict/")
// and reports one that leads nowhere. Links inside headings are left as they are written, and
// not checked.
type Links struct{}

// Extend adds the transformer to m.
func (Links) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(linkRewriter{}, 100)))
}

type linkRewriter struct{}

func (linkRewriter) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	p := pageOf(pc)
	if p == nil || p.Link == nil {
		return
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.RawHTML, *ast.HTMLBlock, *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			n.Destination = []byte(p.Link(string(n.Destination), nodeLine(n, p.lines)))
		case *ast.Image:
			n.Destination = []byte(p.Link(string(n.Destination), nodeLine(n, p.lines)))
		}
		return ast.WalkContinue, nil
	})
}

// NoRawHTML reports raw HTML, inline or as a block, through the page's Fail function. Raw HTML
// stays off (goldmark's default), and goldmark would drop it without a word.
type NoRawHTML struct{}

// Extend adds the transformer to m.
func (NoRawHTML) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(rawHTMLCheck{}, 100)))
}

type rawHTMLCheck struct{}

func (rawHTMLCheck) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	p := pageOf(pc)
	if p == nil {
		return
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Heading:
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock:
			p.fail(nodeLine(n, p.lines), "raw HTML is not rendered (errdocs keeps it off): write it in Markdown, or put it in a code span")
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}
