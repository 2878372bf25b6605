package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// The YAML tree the OpenAPI reader walks: goccy/go-yaml's AST reduced to maps, lists and
// scalars that keep their line, and written back as JSON for examples.

// ykind is the kind of a YAML node.
type ykind uint8

const (
	yScalar ykind = iota
	yMap
	ySeq
)

// ynode is a YAML node with its line, keeping the order of mapping keys.
type ynode struct {
	kind ykind
	line int
	keys []string
	// klines are the lines of the keys, vals their values.
	klines []int
	vals   []*ynode
	// val is a scalar's value: string, int64, uint64, float64, bool or nil.
	val any
}

func (n *ynode) get(key string) *ynode {
	if n == nil || n.kind != yMap {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// str returns a scalar's text ("" for a mapping, a sequence or null).
func (n *ynode) str() string {
	if n == nil || n.kind != yScalar || n.val == nil {
		return ""
	}
	if s, ok := n.val.(string); ok {
		return s
	}
	return fmt.Sprint(n.val)
}

// yamlTree parses YAML text into a ynode tree.
func yamlTree(data []byte) (*ynode, error) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, err
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return &ynode{kind: yMap, line: 1}, nil
	}
	c := &yconv{anchors: map[string]*ynode{}}
	return c.node(f.Docs[0].Body, 0), nil
}

type yconv struct {
	anchors map[string]*ynode
}

func tokLine(n ast.Node) int {
	if n == nil {
		return 0
	}
	if t := n.GetToken(); t != nil && t.Position != nil {
		return t.Position.Line
	}
	return 0
}

// node converts an AST node; depth bounds nesting so a hostile file cannot exhaust the stack.
func (c *yconv) node(n ast.Node, depth int) *ynode {
	if n == nil || depth > 200 {
		return &ynode{kind: yScalar}
	}
	line := tokLine(n)
	switch t := n.(type) {
	case *ast.DocumentNode:
		return c.node(t.Body, depth+1)
	case *ast.MappingNode:
		m := &ynode{kind: yMap, line: line}
		for _, mv := range t.Values {
			c.member(m, mv, depth)
		}
		if len(t.Values) > 0 {
			m.line = tokLine(t.Values[0].Key)
		}
		return m
	case *ast.MappingValueNode:
		m := &ynode{kind: yMap, line: tokLine(t.Key)}
		c.member(m, t, depth)
		return m
	case *ast.SequenceNode:
		s := &ynode{kind: ySeq, line: line}
		for _, v := range t.Values {
			s.vals = append(s.vals, c.node(v, depth+1))
		}
		return s
	case *ast.AnchorNode:
		v := c.node(t.Value, depth+1)
		if t.Name != nil {
			c.anchors[t.Name.GetToken().Value] = v
		}
		return v
	case *ast.AliasNode:
		if t.Value != nil {
			if v, ok := c.anchors[t.Value.GetToken().Value]; ok {
				return v
			}
		}
		return &ynode{kind: yScalar, line: line}
	case *ast.TagNode:
		return c.node(t.Value, depth+1)
	case *ast.LiteralNode:
		s := ""
		if t.Value != nil {
			s = t.Value.Value
		}
		return &ynode{kind: yScalar, line: line, val: s}
	case *ast.StringNode:
		return &ynode{kind: yScalar, line: line, val: t.Value}
	case *ast.IntegerNode:
		return &ynode{kind: yScalar, line: line, val: t.Value}
	case *ast.FloatNode:
		return &ynode{kind: yScalar, line: line, val: t.Value}
	case *ast.BoolNode:
		return &ynode{kind: yScalar, line: line, val: t.Value}
	case *ast.NullNode:
		return &ynode{kind: yScalar, line: line}
	case *ast.InfinityNode:
		return &ynode{kind: yScalar, line: line, val: t.Value}
	case *ast.NanNode:
		return &ynode{kind: yScalar, line: line, val: math.NaN()}
	case ast.ScalarNode:
		return &ynode{kind: yScalar, line: line, val: t.GetValue()}
	}
	return &ynode{kind: yScalar, line: line}
}

func (c *yconv) member(m *ynode, mv *ast.MappingValueNode, depth int) {
	key := ""
	if mv.Key != nil {
		if s, ok := mv.Key.(ast.ScalarNode); ok {
			if v := s.GetValue(); v != nil {
				key = fmt.Sprint(v)
			}
		} else if t := mv.Key.GetToken(); t != nil {
			key = t.Value
		}
	}
	m.keys = append(m.keys, key)
	m.klines = append(m.klines, tokLine(mv.Key))
	m.vals = append(m.vals, c.node(mv.Value, depth+1))
}

// jsonOf writes a YAML value as JSON, keeping the order of keys.
func jsonOf(n *ynode) (string, error) {
	var b strings.Builder
	if err := writeJSON(&b, n, 0); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeJSON(b *strings.Builder, n *ynode, depth int) error {
	if depth > 200 {
		return errors.New("nested too deeply")
	}
	switch n.kind {
	case yMap:
		b.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			q, _ := json.Marshal(k)
			b.Write(q)
			b.WriteByte(':')
			if err := writeJSON(b, n.vals[i], depth+1); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case ySeq:
		b.WriteByte('[')
		for i, v := range n.vals {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeJSON(b, v, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	default:
		switch v := n.val.(type) {
		case nil:
			b.WriteString("null")
		case float64:
			if math.IsInf(v, 0) || math.IsNaN(v) {
				return fmt.Errorf("%v has no JSON form", v)
			}
			b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
		default:
			q, err := json.Marshal(v)
			if err != nil {
				return err
			}
			b.Write(q)
		}
	}
	return nil
}

// goValue converts a YAML value to plain Go data (for enum and const values).
func goValue(n *ynode) any {
	switch n.kind {
	case yMap:
		m := map[string]any{}
		for i, k := range n.keys {
			m[k] = goValue(n.vals[i])
		}
		return m
	case ySeq:
		s := make([]any, len(n.vals))
		for i, v := range n.vals {
			s[i] = goValue(v)
		}
		return s
	}
	switch v := n.val.(type) {
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	}
	return n.val
}
