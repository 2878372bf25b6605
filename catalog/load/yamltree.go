package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The YAML tree the loader reads: yaml.v3's nodes (go.yaml.in/yaml/v3, the YAML organisation's
// maintained go-yaml) reduced to maps, lists and scalars that keep their line, checked against
// Go types (strict.go), decoded into them (decodeNode) and written back as JSON for examples.
// goccy/go-yaml, used before, rejects valid YAML that bundlers such as Redocly CLI write (an
// empty "|+" block scalar followed by more keys).

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
	// val is a scalar's value: string, int64, uint64, float64, bool or nil; raw is its text.
	val any
	raw string
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

// yamlTree parses YAML text into a ynode tree. Only the first document is read.
func yamlTree(data []byte) (*ynode, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return &ynode{kind: yMap, line: 1}, nil
	}
	c := &yconv{seen: map[*yaml.Node]*ynode{}}
	return c.node(doc.Content[0], 0), nil
}

// yconv converts yaml.v3 nodes, sharing the conversion of an anchored node among its aliases.
type yconv struct {
	seen map[*yaml.Node]*ynode
}

// node converts a node; depth bounds nesting so a hostile file cannot exhaust the stack.
func (c *yconv) node(n *yaml.Node, depth int) *ynode {
	if n == nil || depth > 200 {
		return &ynode{kind: yScalar}
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return &ynode{kind: yScalar, line: n.Line}
		}
		n = n.Alias
	}
	if v, ok := c.seen[n]; ok {
		return v
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &ynode{kind: yScalar, line: n.Line}
		}
		return c.node(n.Content[0], depth+1)
	case yaml.MappingNode:
		m := &ynode{kind: yMap, line: n.Line}
		c.seen[n] = m
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Tag == "!!merge" {
				c.merge(m, v, depth)
				continue
			}
			m.keys = append(m.keys, k.Value)
			m.klines = append(m.klines, k.Line)
			m.vals = append(m.vals, c.node(v, depth+1))
		}
		if len(n.Content) > 0 {
			m.line = n.Content[0].Line
		}
		return m
	case yaml.SequenceNode:
		s := &ynode{kind: ySeq, line: n.Line}
		c.seen[n] = s
		for _, v := range n.Content {
			s.vals = append(s.vals, c.node(v, depth+1))
		}
		return s
	}
	return &ynode{kind: yScalar, line: n.Line, val: scalarValue(n), raw: n.Value}
}

// merge adds the keys of a "<<" merge (a mapping or a list of them) that m does not have yet.
func (c *yconv) merge(m *ynode, v *yaml.Node, depth int) {
	from := c.node(v, depth+1)
	list := []*ynode{from}
	if from.kind == ySeq {
		list = from.vals
	}
	for _, src := range list {
		for i, k := range src.keys {
			if m.get(k) == nil {
				m.keys = append(m.keys, k)
				m.klines = append(m.klines, src.keyLine(i))
				m.vals = append(m.vals, src.vals[i])
			}
		}
	}
}

// scalarValue resolves a scalar as YAML 1.2's core schema does: string, int64 (uint64 when it
// does not fit), float64, bool or nil.
func scalarValue(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool", "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err != nil {
			return n.Value
		}
		switch x := v.(type) {
		case int:
			return int64(x)
		case int64, uint64, float64, bool:
			return x
		case uint:
			return uint64(x)
		}
		return n.Value
	}
	return n.Value
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
