package reqcheck

import (
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/internal/jsonx"
)

// strengthScore is what a shape's strength adds to its score: high 5, medium 2, low 1.
func strengthScore(strength string) int {
	switch strength {
	case "high":
		return 5
	case "medium":
		return 2
	case "low":
		return 1
	}
	return 0
}

// FitsShape reports whether a JSON body has the catalog shape s, and how strongly that points to
// s's API. The engine recognises a response's shape with it; the request checks find which
// shape an example answer is in.
func FitsShape(root *jsonx.Node, s *catalog.Shape) (int, bool) {
	for path, want := range s.Match {
		n := root.Get(path)
		if n == nil {
			return 0, false
		}
		if lit, ok := strings.CutPrefix(want, "="); ok {
			if n.Kind == jsonx.String || n.Kind == jsonx.Number || n.Kind == jsonx.Bool {
				if n.Str != lit {
					return 0, false
				}
			} else if n.Kind == jsonx.Null && lit != "null" || n.Kind == jsonx.Object || n.Kind == jsonx.Array {
				return 0, false
			}
			continue
		}
		if n.Kind.String() != want {
			return 0, false
		}
	}
	if s.Only {
		allowed := map[string]bool{}
		for _, p := range append(keysOf(s.Match), s.Code, s.Message, s.Status, s.RequestID, s.Fields) {
			if p != "" {
				top, _, _ := strings.Cut(p, ".")
				allowed[top] = true
			}
		}
		for _, p := range s.Promised {
			top, _, _ := strings.Cut(p, ".")
			allowed[top] = true
		}
		for _, v := range root.Vals {
			if !allowed[v.Key] {
				return 0, false
			}
		}
	}
	if s.Code != "" && !s.CodeMatches(s.CodeOf(root.Get(s.Code).Text())) {
		return 0, false
	}
	score := strengthScore(s.Strength)
	// Optional parts that are there add a little: a Puck body with issues[] is surer than a
	// bare {"error": …}.
	for _, p := range []string{s.Fields, s.RequestID} {
		if p != "" && root.Get(p) != nil {
			if _, inMatch := s.Match[p]; !inMatch {
				score++
			}
		}
	}
	return score, true
}

func keysOf(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
