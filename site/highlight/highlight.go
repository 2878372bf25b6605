// Package highlight colours code for the site with chroma, as CSS classes and never inline
// styles. A Highlighter writes one block; CSS is the stylesheet for those classes, written once
// per build for a light and a dark theme, with every colour nudged until it meets WCAG AA
// (4.5:1) against the code background the site's stylesheet uses.
//
// JSON and HTTP, most of what an error catalog shows, and shell and JavaScript, most of what its
// examples run, are tokenised without regular expressions (jsonlex.go, shlex.go, jslex.go),
// exactly as chroma's own lexers would; anything else, and anything those tokenisers decline,
// goes through chroma's lexers, whose output is cached by text.
//
// Package highlight may import chroma and the standard library, and nothing of errdocs: the
// Markdown renderer (site/markdown) and the API reference (site/apiref) both use it.
package highlight

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// A Highlighter writes highlighted code with the site's class names. It is not safe for
// concurrent use: give each render worker its own (making a chroma formatter per block costs a
// quarter of the build).
type Highlighter struct {
	f     *chtml.Formatter
	style *chroma.Style
}

// New returns a Highlighter.
func New() (*Highlighter, error) {
	style, _, err := codeStyles()
	if err != nil {
		return nil, err
	}
	return &Highlighter{f: newFormatter(), style: style}, nil
}

// CSS returns the stylesheet for the classes a Highlighter writes, for both themes.
func CSS() (string, error) {
	_, css, err := codeStyles()
	return css, err
}

// Write writes code as a highlighted <pre>. A language chroma does not know, or a lexer error,
// gives plain escaped text in the same wrapper.
func (h *Highlighter) Write(w io.Writer, lang, code string) error {
	return highlight(w, h.f, h.style, lang, code)
}

// HTML returns code highlighted, for code the site generates rather than reads from Markdown.
// Many generated blocks repeat (every 401 answer of an API, say), so the HTML is kept in the
// cache by its text; Write itself keeps what chroma's lexers make, but not what the JSON and HTTP
// tokenisers make.
func (h *Highlighter) HTML(lang, code string) string {
	key := "endpoint\x00" + lang + "\x00" + code
	if html, ok := highlighted.get(key); ok {
		return html
	}
	var sb strings.Builder
	if err := h.Write(&sb, lang, code); err != nil {
		sb.Reset()
		sb.WriteString(`<pre tabindex="0" class="chroma"><code>`)
		escapeHTML(&sb, code)
		sb.WriteString("</code></pre>")
	}
	html := sb.String()
	if lang == "http" || lang == "json" {
		highlighted.put(key, html)
	}
	return html
}

// The styles and the code backgrounds they are checked against (static/site.css --bg-code).
const (
	lightStyle = "modus-operandi"
	darkStyle  = "modus-vivendi"
	lightCode  = "#f6f8fa"
	darkCode   = "#151b23"
)

// preWrapper writes a focusable <pre>, so a reader can scroll a wide block by keyboard.
type preWrapper struct{}

func (preWrapper) Start(code bool, styleAttr string) string {
	if code {
		return `<pre tabindex="0"` + styleAttr + `><code>`
	}
	return `<pre` + styleAttr + `>`
}

func (preWrapper) End(code bool) string {
	if code {
		return `</code></pre>`
	}
	return `</pre>`
}

// newFormatter returns the site's chroma HTML formatter.
func newFormatter() *chtml.Formatter {
	return chtml.New(chtml.WithClasses(true), chtml.WithPreWrapper(preWrapper{}), chtml.WithCSSComments(false))
}

// highlighted keeps the HTML of blocks that went through chroma's regular-expression lexers
// (a few milliseconds each for Go or Python), so errdocs serve re-renders an unchanged block for
// free and a site that repeats a snippet pays once. It holds at most highlightCacheMax bytes.
var highlighted = &htmlCache{m: map[string]string{}}

const highlightCacheMax = 4 << 20

type htmlCache struct {
	mu   sync.Mutex
	m    map[string]string
	size int
}

func (c *htmlCache) get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok
}

func (c *htmlCache) put(key, html string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.size+len(key)+len(html) > highlightCacheMax {
		return
	}
	c.m[key] = html
	c.size += len(key) + len(html)
}

var lexerCache sync.Map // lang → chroma.Lexer (nil when chroma has none)

// lexerFor returns the lexer for a fence's language, or nil.
func lexerFor(lang string) chroma.Lexer {
	lang = strings.ToLower(lang)
	if v, ok := lexerCache.Load(lang); ok {
		l, _ := v.(chroma.Lexer)
		return l
	}
	var l chroma.Lexer
	switch lang {
	case "", "text", "plain", "txt", "plaintext":
	case "curl":
		l = lexers.Get("bash")
	default:
		l = lexers.Get(lang)
	}
	if l != nil {
		l = chroma.Coalesce(l)
	}
	lexerCache.Store(lang, l)
	return l
}

// highlight writes code as a highlighted <pre>. A language chroma does not know, or a lexer
// error, gives plain escaped text in the same wrapper.
func highlight(w io.Writer, f *chtml.Formatter, style *chroma.Style, lang, code string) error {
	switch strings.ToLower(lang) {
	case "json", "jsonl", "jsonc":
		if tokens, ok := jsonTokens(code); ok {
			return f.Format(w, style, chroma.Literator(tokens...))
		}
	case "http":
		if tokens, ok := httpTokens(code); ok {
			return f.Format(w, style, chroma.Literator(tokens...))
		}
	case "js", "javascript":
		if tokens, ok := jsTokens(code); ok {
			return f.Format(w, style, chroma.Literator(tokens...))
		}
	case "bash", "sh", "shell", "curl":
		if tokens, ok := shTokens(code); ok {
			return f.Format(w, style, chroma.Literator(tokens...))
		}
	case "console":
		if tokens, ok := consoleTokens(code); ok {
			return f.Format(w, style, chroma.Literator(tokens...))
		}
	}
	if l := lexerFor(lang); l != nil {
		key := lang + "\x00" + code
		if html, ok := highlighted.get(key); ok {
			_, err := io.WriteString(w, html)
			return err
		}
		it, err := l.Tokenise(nil, code)
		if err == nil {
			var buf bytes.Buffer
			if err := f.Format(&buf, style, it); err == nil {
				highlighted.put(key, buf.String())
				_, err := w.Write(buf.Bytes())
				return err
			}
		}
	}
	var b strings.Builder
	b.WriteString(`<pre tabindex="0" class="chroma"><code>`)
	escapeHTML(&b, code)
	b.WriteString("</code></pre>")
	_, err := io.WriteString(w, b.String())
	return err
}

func escapeHTML(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&#34;")
		default:
			b.WriteByte(c)
		}
	}
}

var (
	stylesOnce              sync.Once
	lightStyleP, darkStyleP *chroma.Style
	highlightCSS            string
	stylesErr               error
)

// codeStyles returns the light style used to write class names, and the CSS for both themes.
func codeStyles() (*chroma.Style, string, error) {
	stylesOnce.Do(func() {
		lightStyleP, stylesErr = accessible(styles.Get(lightStyle), chroma.MustParseColour(lightCode))
		if stylesErr != nil {
			return
		}
		darkStyleP, stylesErr = accessible(styles.Get(darkStyle), chroma.MustParseColour(darkCode))
		if stylesErr != nil {
			return
		}
		f := newFormatter()
		var light, dark bytes.Buffer
		if err := f.WriteCSS(&light, lightStyleP); err != nil {
			stylesErr = err
			return
		}
		if err := f.WriteCSS(&dark, darkStyleP); err != nil {
			stylesErr = err
			return
		}
		var b strings.Builder
		b.WriteString("\n/* Code highlighting, generated by errdocs from chroma's " + lightStyle + " and " + darkStyle + " styles. */\n")
		lr, dr := parseCSS(light.String()), parseCSS(dark.String())
		for _, r := range lr {
			b.WriteString(r.sel + " { " + strings.Join(r.decls, "; ") + " }\n")
		}
		themeCSS(&b, lr, dr, `:root[data-theme="dark"] `)
		b.WriteString("@media (prefers-color-scheme: dark) {\n")
		themeCSS(&b, lr, dr, `:root:not([data-theme="light"]) `)
		b.WriteString("}\n")
		highlightCSS = b.String()
	})
	return lightStyleP, highlightCSS, stylesErr
}

// cssRule is one rule of chroma's CSS.
type cssRule struct {
	sel   string
	props []string // "color", …
	decls []string // "color: #123456", …
}

// parseCSS reads the one-rule-per-line CSS chroma writes, dropping the background rules (the
// stylesheet gives code blocks its own background) and keeping only the text colour of the
// wrapper.
func parseCSS(css string) []cssRule {
	var out []cssRule
	for _, ln := range strings.Split(css, "\n") {
		sel, body, ok := strings.Cut(strings.TrimSpace(ln), "{")
		if !ok {
			continue
		}
		sel = strings.TrimSpace(sel)
		switch sel {
		case ".bg", ".chroma .line", ".chroma .hl", ".chroma .ln", ".chroma .lnt", ".chroma .lntd",
			".chroma .lntable", ".chroma .lnlinks":
			// Backgrounds come from the stylesheet; errdocs shows no line numbers.
			continue
		}
		r := cssRule{sel: sel}
		for _, d := range strings.Split(strings.TrimSuffix(strings.TrimSpace(body), "}"), ";") {
			prop, val, ok := strings.Cut(strings.TrimSpace(d), ":")
			if !ok {
				continue
			}
			prop = strings.TrimSpace(prop)
			if sel == ".chroma" && prop != "color" {
				continue
			}
			r.props = append(r.props, prop)
			r.decls = append(r.decls, prop+": "+strings.TrimSpace(val))
		}
		if len(r.decls) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// themeCSS writes the light rules unscoped and the dark rules under darkPrefix. A property the
// light style sets and the dark one leaves alone is reset to inherit in dark, so no light colour
// shows on a dark background.
func themeCSS(b *strings.Builder, light, dark []cssRule, darkPrefix string) {
	darkBySel := map[string]int{}
	for i, r := range dark {
		darkBySel[r.sel] = i
	}
	extra := map[string][]string{}
	var extraOrder []string
	for _, r := range light {
		i, ok := darkBySel[r.sel]
		for _, p := range r.props {
			if ok && slices.Contains(dark[i].props, p) {
				continue
			}
			if _, seen := extra[r.sel]; !seen {
				extraOrder = append(extraOrder, r.sel)
			}
			extra[r.sel] = append(extra[r.sel], p+": inherit")
		}
	}
	write := func(prefix, sel string, decls []string) {
		b.WriteString(prefix)
		b.WriteString(sel)
		b.WriteString(" { ")
		b.WriteString(strings.Join(decls, "; "))
		b.WriteString(" }\n")
	}
	for _, r := range dark {
		write(darkPrefix, r.sel, append(slices.Clone(r.decls), extra[r.sel]...))
	}
	for _, sel := range extraOrder {
		if _, ok := darkBySel[sel]; !ok {
			write(darkPrefix, sel, extra[sel])
		}
	}
}

// accessible returns a copy of style whose every foreground colour has a contrast of at least
// 4.5:1 against bg, and whose background is bg.
func accessible(style *chroma.Style, bg chroma.Colour) (*chroma.Style, error) {
	if style == nil {
		return nil, fmt.Errorf("highlight: chroma style missing")
	}
	b := style.Builder()
	for _, tt := range style.Types() {
		e := style.Get(tt)
		if tt == chroma.Background {
			e.Background = bg
		} else {
			e.Background = 0
		}
		if e.Colour.IsSet() {
			e.Colour = ensureContrast(e.Colour, bg, 4.6)
		}
		e.Border = 0
		b.AddEntry(tt, e)
	}
	// JSON keys and HTTP header names read better in a colour of their own; the modus styles
	// leave them plain.
	for _, tt := range []chroma.TokenType{chroma.NameTag, chroma.NameAttribute} {
		if !style.Has(tt) {
			if c := style.Get(chroma.NameFunction).Colour; c.IsSet() {
				b.AddEntry(tt, chroma.StyleEntry{Colour: ensureContrast(c, bg, 4.6)})
			}
		}
	}
	return b.Build()
}

func luminance(c chroma.Colour) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.Red()) + 0.7152*ch(c.Green()) + 0.0722*ch(c.Blue())
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b chroma.Colour) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// ensureContrast moves c towards black (on a light bg) or white (on a dark bg) until it reaches
// the ratio.
func ensureContrast(c, bg chroma.Colour, ratio float64) chroma.Colour {
	dark := luminance(bg) < 0.5
	for i := 0; i < 100 && contrast(c, bg) < ratio; i++ {
		mix := func(v uint8) uint8 {
			if dark {
				return uint8(math.Min(255, float64(v)+0.08*(255-float64(v))+1))
			}
			return uint8(math.Max(0, float64(v)*0.92))
		}
		c = chroma.NewColour(mix(c.Red()), mix(c.Green()), mix(c.Blue()))
	}
	return c
}
