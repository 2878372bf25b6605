package markdown

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/site/highlight"
)

// nestedQuotes is a page of one line of n block quote markers: ">>>>…>> deep".
func nestedQuotes(n int) []byte {
	return []byte(strings.Repeat(">", n) + " deep\n")
}

// nestedListsIndent is a page of about size bytes of lists, each item nested in the one above
// it by two more spaces of indentation (commonmark.js issue 160's input), starting over at the
// left margin every depth items.
func nestedListsIndent(size, depth int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(strings.Repeat("  ", i%depth))
		b.WriteString("- item\n")
	}
	return []byte(b.String())
}

// nestedListMarkers is a page of about size bytes of lines that each open perline nested lists:
// "- - - - … item".
func nestedListMarkers(size, perLine int) []byte {
	line := strings.Repeat("- ", perLine) + "item\n"
	return []byte(strings.Repeat(line, max(1, size/len(line))))
}

func benchRender(b *testing.B, src []byte) {
	h, err := highlight.New()
	if err != nil {
		b.Fatal(err)
	}
	r := New(h)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(&Page{Source: src, Line: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNestedQuotes renders a page of 100,000 nested block quote markers (issue 14's
// budget: the whole build of such a page in at most 1 s).
func BenchmarkNestedQuotes(b *testing.B) { benchRender(b, nestedQuotes(100_000)) }

// BenchmarkNestedLists renders 9 MB pages of deeply nested lists (issue 14's budget: the whole
// build in at most 5 s and 500 MB): nested by indentation, 3,000 levels deep at the end, and
// nested on each line, 500 list markers a line.
func BenchmarkNestedLists(b *testing.B) {
	b.Run("indent", func(b *testing.B) { benchRender(b, nestedListsIndent(9<<20, 3000)) })
	b.Run("markers", func(b *testing.B) { benchRender(b, nestedListMarkers(9<<20, 500)) })
}

// TestNestingLimit checks that block quotes and lists nest at most MaxNesting deep, that the
// first line that goes deeper is reported once, at its file line, and that the deeper markers
// are kept as text.
func TestNestingLimit(t *testing.T) {
	h, err := highlight.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, src    string
		quotes, uls  int
		fails        []string
		wantInOutput string
	}{
		{"quotes at the limit", strings.Repeat(">", MaxNesting) + " deep\n", MaxNesting, 0, nil, "<p>deep</p>"},
		{"quotes past the limit", "intro\n\n" + strings.Repeat(">", MaxNesting+3) + " deep\n", MaxNesting, 0,
			[]string{"12: block quotes and lists nest more than 32 levels deep here; the deeper markers are rendered as text"},
			"<p>&gt;&gt;&gt; deep</p>"},
		{"lists at the limit", staircase(MaxNesting), 0, MaxNesting, nil, ""},
		{"lists past the limit, reported once", staircase(MaxNesting + 5), 0, MaxNesting,
			[]string{"42: block quotes and lists nest more than 32 levels deep here; the deeper markers are rendered as text"},
			"item\n- item"},
		{"markers on one line", strings.Repeat("- ", 40) + "x\n", 0, MaxNesting,
			[]string{"10: block quotes and lists nest more than 32 levels deep here; the deeper markers are rendered as text"},
			"- - - - - - - - x"},
		{"quotes and lists mixed", strings.Repeat("> - ", 20) + "x\n", MaxNesting / 2, MaxNesting / 2,
			[]string{"10: block quotes and lists nest more than 32 levels deep here; the deeper markers are rendered as text"},
			"&gt; - &gt; - &gt; - &gt; - x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var fails []string
			p := &Page{Source: []byte(tc.src), Line: 10,
				Fail: func(line int, msg string) { fails = append(fails, strconv.Itoa(line)+": "+msg) }}
			doc, err := New(h).Render(p)
			if err != nil {
				t.Fatal(err)
			}
			html := doc.Lead
			if q := strings.Count(html, "<blockquote>"); q != tc.quotes {
				t.Errorf("%d block quotes, want %d", q, tc.quotes)
			}
			if u := strings.Count(html, "<ul>"); u != tc.uls {
				t.Errorf("%d lists, want %d", u, tc.uls)
			}
			if !slices.Equal(fails, tc.fails) {
				t.Errorf("fails %q, want %q", fails, tc.fails)
			}
			if !strings.Contains(html, tc.wantInOutput) {
				t.Errorf("output lacks %q:\n%s", tc.wantInOutput, html)
			}
		})
	}
}

// staircase is n list items, each nested in the one above it.
func staircase(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}
