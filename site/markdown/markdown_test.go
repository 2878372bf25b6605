package markdown

import (
	"strconv"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/site/highlight"
)

// TestRender checks each extension through Render, on a page whose site functions record what
// they are asked.
func TestRender(t *testing.T) {
	h, err := highlight.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, src string
		want      []string // substrings of the whole HTML
		fails     []string // "line: message" prefixes
	}{
		{"fence label and copy button", "```json\n{\"a\": 1}\n```\n",
			[]string{`<div class="code"><div class="code-head"><span>JSON</span><button type="button" class="copy">Copy</button></div><pre tabindex="0" class="chroma"><code>`}, nil},
		{"unknown language label is escaped", "```<b>\nx\n```\n", []string{`<span>&lt;b&gt;</span>`}, nil},
		{"indented code is Code", "para\n\n    x := 1\n", []string{`<span>Code</span>`}, nil},
		{"example response with verdict", "text\n\n```json\n{}\n```\n",
			[]string{`<span>JSON · example response</span>`, `<p class="verdict">checked line 3</p>`}, nil},
		{"heading anchors from H2", "# Title\n\n## Why it happens\n",
			[]string{`<h1 id="title">Title</h1>`, `<div class="heading h2"><h2 id="why-it-happens">Why it happens</h2><a class="anchor" href="#why-it-happens"><span aria-hidden="true">#</span><span class="visually-hidden">Link to section “Why it happens”</span></a></div>`}, nil},
		{"tables scroll", "| a | b |\n|---|---|\n| 1 | 2 |\n",
			[]string{"<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n<table>"}, nil},
		{"links go through Link", "See [the guide](guide.md) and ![x](img.png).\n",
			[]string{`<a href="/site/guide.md@1">`, `<img src="/site/img.png@1"`}, nil},
		{"links in headings stay as written", "## See [x](guide.md)\n", []string{`<a href="guide.md">`}, nil},
		{"raw HTML fails", "one\n\n<div>x</div>\n\nsome <b>bold</b>\n", nil,
			[]string{"3: raw HTML is not rendered", "5: raw HTML is not rendered", "5: raw HTML is not rendered"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var fails []string
			p := &Page{
				Source: []byte(tc.src),
				Line:   1,
				Link:   func(dest string, line int) string { return "/site/" + dest + "@" + strconv.Itoa(line) },
				Fail:   func(line int, msg string) { fails = append(fails, strconv.Itoa(line)+": "+msg) },
				Block: func(fence int) (string, bool) {
					if strings.HasPrefix(tc.name, "example response") {
						return `<p class="verdict">checked line ` + strconv.Itoa(fence) + "</p>\n", true
					}
					return "", false
				},
			}
			doc, err := New(h).Render(p)
			if err != nil {
				t.Fatal(err)
			}
			html := doc.Lead
			for _, s := range doc.Sections {
				html += s.HTML
			}
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("HTML lacks %q:\n%s", w, html)
				}
			}
			if len(fails) != len(tc.fails) {
				t.Fatalf("fails %q, want %q", fails, tc.fails)
			}
			for i, f := range tc.fails {
				if !strings.HasPrefix(fails[i], f) {
					t.Errorf("fail %d is %q, want %q…", i, fails[i], f)
				}
			}
		})
	}
}

// TestDoc checks what Render gathers besides HTML: sections, contents, text and lead paragraph.
func TestDoc(t *testing.T) {
	h, err := highlight.New()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := New(h).Render(&Page{Source: []byte("Lead *para*.\n\n## One\n\nBody.\n\n### Sub\n\n## Two\n\n```sh\necho hi\n```\n")})
	if err != nil {
		t.Fatal(err)
	}
	if doc.FirstPara != "Lead para." {
		t.Errorf("FirstPara = %q", doc.FirstPara)
	}
	if len(doc.Sections) != 2 || doc.Sections[0].ID != "one" || doc.Sections[1].Title != "Two" {
		t.Errorf("Sections = %+v", doc.Sections)
	}
	if !strings.HasPrefix(doc.Lead, "<p>Lead <em>para</em>.</p>") {
		t.Errorf("Lead = %q", doc.Lead)
	}
	want := []TOCItem{{"one", "One", 2}, {"sub", "Sub", 3}, {"two", "Two", 2}}
	if len(doc.TOC) != len(want) {
		t.Fatalf("TOC = %+v", doc.TOC)
	}
	for i := range want {
		if doc.TOC[i] != want[i] {
			t.Errorf("TOC[%d] = %+v, want %+v", i, doc.TOC[i], want[i])
		}
	}
	if doc.Text != "Lead  para . One\nBody. Sub\nTwo\necho hi\n\n" {
		t.Errorf("Text = %q", doc.Text)
	}
}
