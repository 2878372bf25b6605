package markdown

import (
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// HeadingAnchors draws each heading from H2 down that has an id (goldmark's automatic ids give
// every heading one) with a "#" link to itself, named for screen readers after the heading.
type HeadingAnchors struct{}

// Extend adds the renderer to m.
func (HeadingAnchors) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(headingRenderer{}, 100)))
}

type headingRenderer struct{}

func (r headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
}

func (headingRenderer) heading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := strconv.Itoa(n.Level)
	id := headingID(n)
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
