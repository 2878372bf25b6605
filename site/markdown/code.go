package markdown

import (
	"strings"

	"github.com/errdocs/errdocs/site/highlight"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// CodeBlocks draws fenced and indented code blocks as the site does: a head with the block's
// label (labels.go) and a copy button, the code highlighted with CSS classes, and, under an
// example response the build checked, the line that says what the engine read in it.
type CodeBlocks struct {
	Highlighter *highlight.Highlighter
}

// Attributes the transformer sets on code blocks for the renderer.
const (
	attrVerdict  = "errdocs-verdict"  // what the engine read in an example response
	attrResponse = "errdocs-response" // the block is an example error response
)

// Extend adds the transformer and the renderer to m.
func (e CodeBlocks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(codeBlockMarker{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&codeBlockRenderer{h: e.Highlighter}, 100)))
}

// codeBlockMarker asks the page, for each code block, what the build made of it.
type codeBlockMarker struct{}

func (codeBlockMarker) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	p := pageOf(pc)
	if p == nil || p.Block == nil {
		return
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Heading, *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			verdict, response := p.Block(fenceLine(n, p.lines))
			if verdict != "" {
				n.SetAttributeString(attrVerdict, verdict)
			}
			if response {
				n.SetAttributeString(attrResponse, true)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// fenceLine is the file line of a code block's opening fence (its first line when it has none).
func fenceLine(n ast.Node, li lineIndex) int {
	fence := nodeLine(n, li) - 1
	if _, ok := n.(*ast.CodeBlock); ok {
		fence++
	} else if n.Lines().Len() == 0 {
		fence = nodeLine(n, li)
	}
	return fence
}

// codeBlockRenderer renders code blocks.
type codeBlockRenderer struct {
	h *highlight.Highlighter
}

func (r *codeBlockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.codeBlock)
	reg.Register(ast.KindCodeBlock, r.codeBlock)
}

func (r *codeBlockRenderer) codeBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
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
	_, response := node.AttributeString(attrResponse)
	w.WriteString(`<div class="code"><div class="code-head"><span>`)
	// The label is the fence's info string when it names no language we know: content, so
	// escaped like every other piece of it.
	w.Write(util.EscapeHTML([]byte(label(lang, response))))
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
