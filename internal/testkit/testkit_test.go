package testkit

import (
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"
)

var browser Browser

func TestMain(m *testing.M) {
	code := m.Run()
	browser.Close()
	os.Exit(code)
}

// TestBrowserTab opens two tabs of the one browser; an error logged in the second would fail
// the test.
func TestBrowserTab(t *testing.T) {
	for _, want := range []int{2, 3} {
		ctx := browser.Tab(t)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[int](strconv.Itoa(want-1)+" + 1"))
		if err != nil || got != want {
			t.Errorf("evaluate: %v, %v; want %d", got, err, want)
		}
	}
}

func exampleHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write([]byte("hello"))
		case "/old":
			http.Redirect(w, r, "https://"+r.Host+"/new", http.StatusMovedPermanently)
		case "/echo":
			w.Write([]byte(r.Header.Get("X-Say")))
		}
	})
}

func TestRunScripts(t *testing.T) {
	RunScripts(t, exampleHandler(), filepath.Join("testdata", "*.txt"), nil)
}

func TestParseScriptErrors(t *testing.T) {
	for _, tc := range []struct{ name, script, want string }{
		{"no request", "code == 200\n", "x.txt:1: a script starts with a request"},
		{"no checks", "GET /\n", "x.txt:1: GET / checks nothing"},
		{"unknown check", "GET /\ncode != 200\n", `x.txt:2: unknown check`},
		{"header after a check", "GET /\ncode == 200\nAccept: x\n", "x.txt:3: unknown line"},
		{"bad quote", "GET /\nbody == \"x\n", "x.txt:2:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseScript("x.txt", tc.script)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	if got := expand("GET ${css}\n${other}", map[string]string{"css": "/a.css"}); got != "GET /a.css\n${other}" {
		t.Errorf("expand = %q", got)
	}
}

// TestTxtarUpdate checks that -update fills a missing want section after its input, rewrites
// a stale one, and writes the archive once the test that read it ends.
func TestTxtarUpdate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "case.txtar")
	os.WriteFile(path, []byte("comment\n-- a.paste --\nA\n-- b.paste --\nB\n-- b.want --\nold\n"), 0o644)
	flag.Set("update", "true")
	t.Run("update", func(t *testing.T) {
		defer flag.Set("update", "false")
		a := ReadTxtar(t, path)
		a.CompareAfter(t, "a.paste", "a.want", "gotA\n")
		a.CompareAfter(t, "b.paste", "b.want", "gotB\n")
	})
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range ar.Files {
		names = append(names, f.Name+"="+strings.TrimSpace(string(f.Data)))
	}
	if got, want := strings.Join(names, " "), "a.paste=A a.want=gotA b.paste=B b.want=gotB"; got != want {
		t.Errorf("after -update: %s, want %s", got, want)
	}
	a := ReadTxtar(t, path)
	a.Compare(t, "a.want", "gotA\n")
	if s, ok := a.Section("b.paste"); !ok || s != "B\n" {
		t.Errorf("Section(b.paste) = %q, %v", s, ok)
	}
}

func TestCompareWithGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "page.html")
	flag.Set("update", "true")
	CompareWithGolden(t, "<p>hi</p>\n", path)
	flag.Set("update", "false")
	CompareWithGolden(t, "<p>hi</p>\n", path)
}
