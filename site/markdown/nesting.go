package markdown

import (
	"reflect"
	"slices"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxNesting is how deep block quotes and lists may nest in a page. Deeper ones are not opened:
// their markers stay as text, and the page reports its first line that goes deeper. No document
// needs more. markdown-it caps block nesting the same way (maxNesting); cmark and others cap
// their own recursion.
//
// The cap keeps every Markdown input linear. goldmark (v1.8.7, its latest release) measures a
// line's column from the start of the line each time a container opens or continues, so a line
// with n nested markers costs n², and every line inside n nested lists costs n times its
// indentation: 100,000 nested ">" took 6–14 s, and 9 MB pages of nested lists 49–121 s.
const MaxNesting = 32

// blockParsers are goldmark's default block parsers, with the two that open nesting containers
// (lists and block quotes) held to MaxNesting. The list item parser needs no hold: it opens items
// only inside a list, which the list parser has let through.
func blockParsers() []util.PrioritizedValue {
	held := []reflect.Type{reflect.TypeOf(parser.NewListParser()), reflect.TypeOf(parser.NewBlockquoteParser())}
	bps := parser.DefaultBlockParsers()
	for i, v := range bps {
		if slices.Contains(held, reflect.TypeOf(v.Value)) {
			bps[i].Value = nestLimit{v.Value.(parser.BlockParser)}
		}
	}
	return bps
}

// nestLimit is a block parser that opens no block deeper than MaxNesting containers.
type nestLimit struct {
	parser.BlockParser
}

func (l nestLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	// Inside a list only an item opens (goldmark tries the list parser there too, and it
	// declines), so a list as parent is no deeper than it was allowed to be.
	if parent.Kind() == ast.KindList || nesting(parent) < MaxNesting {
		return l.BlockParser.Open(parent, reader, pc)
	}
	if p := pageOf(pc); p != nil && !p.tooDeep {
		p.tooDeep = true
		_, seg := reader.Position()
		p.fail(p.lines.line(seg.Start), "block quotes and lists nest more than "+strconv.Itoa(MaxNesting)+
			" levels deep here; the deeper markers are rendered as text")
	}
	return nil, parser.NoChildren
}

// nesting counts the block quotes and lists n is in, itself included.
func nesting(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindList:
			d++
		}
	}
	return d
}
