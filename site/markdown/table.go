package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// TableWrapper puts each table in a region that scrolls sideways and that a keyboard can reach,
// so a wide table does not widen the page.
type TableWrapper struct{}

// Extend adds the transformer and the renderer to m.
func (TableWrapper) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(tableWrapper{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tableWrapRenderer{}, 100)))
}

// kindTableWrap is a block that wraps a table in a horizontally scrolling region.
var kindTableWrap = ast.NewNodeKind("TableWrap")

type tableWrap struct{ ast.BaseBlock }

func (n *tableWrap) Kind() ast.NodeKind            { return kindTableWrap }
func (n *tableWrap) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// tableWrapper puts every table in a tableWrap.
type tableWrapper struct{}

func (tableWrapper) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var tables []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == extast.KindTable {
			tables = append(tables, n)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range tables {
		wrap := &tableWrap{}
		parent := t.Parent()
		parent.ReplaceChild(parent, t, wrap)
		wrap.AppendChild(wrap, t)
	}
}

type tableWrapRenderer struct{}

func (r tableWrapRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTableWrap, r.tableWrap)
}

func (tableWrapRenderer) tableWrap(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="Table">` + "\n")
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}
