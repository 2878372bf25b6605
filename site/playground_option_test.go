package site

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errdocs/errdocs/static"
)

// staticWithoutModule is the embedded static folder without the playground module's files,
// as a binary from go install holds it.
func staticWithoutModule(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	ents, err := static.FS.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		name := e.Name()
		if strings.HasPrefix(name, "errdocs.wasm") || name == "wasm_exec.js" {
			continue
		}
		data, err := static.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// TestModuleOption: the module's files from Options.Module ship beside a static folder that has
// none, and the playground page and the error pages' paste box load them.
func TestModuleOption(t *testing.T) {
	module := fstest.MapFS{}
	for _, name := range static.ModuleFiles {
		module[name] = &fstest.MapFile{Data: []byte("module file " + name)}
	}
	mem, _, err := buildTxtar(t, readTestSite(t), Options{Static: staticWithoutModule(t), Module: module})
	if err != nil {
		t.Fatal(err)
	}
	wasm := moduleAsset(mem)
	if wasm == "" {
		t.Fatalf("no module written: %v", mem.Names())
	}
	if data, _ := mem.File(wasm); string(data) != "module file errdocs.wasm" {
		t.Errorf("%s holds %q, not Module's file", wasm, data)
	}
	for _, suffix := range []string{".br", ".gz"} {
		if _, ok := mem.File(wasm + suffix); !ok {
			t.Errorf("no %s beside %s", suffix, wasm)
		}
	}
	if page := file(t, mem, "playground/index.html"); !strings.Contains(page, `data-wasm="/`+wasm+`"`) {
		t.Errorf("the playground page does not load %s", wasm)
	}
	if page := file(t, mem, "acme/errors/busy/index.html"); !strings.Contains(page, `class="paste-box"`) {
		t.Error("an error page has no paste box")
	}
}

// TestNoPlayground: a site built without the playground writes none of its files, links to it
// from no page of its own, and its /playground/ page (which content may link to) says so.
func TestNoPlayground(t *testing.T) {
	mem, _, err := buildTxtar(t, readTestSite(t), Options{NoPlayground: true})
	if err != nil {
		t.Fatal(err)
	}
	fingerprint := regexp.MustCompile(`\.[0-9a-f]{10}\.`)
	for _, n := range mem.Names() {
		name := fingerprint.ReplaceAllString(strings.TrimPrefix(n, "assets/"), ".")
		if !strings.Contains(name, "/") && static.Playground(name) {
			t.Errorf("%s written", n)
		}
	}
	page := file(t, mem, "playground/index.html")
	if !strings.Contains(page, "This site was built without the playground") || strings.Contains(page, "data-wasm") {
		t.Errorf("the playground page does not say it is left out:\n%s", page)
	}
	for _, name := range []string{"index.html", "acme/errors/busy/index.html", "acme/guides/retries/index.html"} {
		p := file(t, mem, name)
		if strings.Contains(p, "/playground/") || strings.Contains(p, "paste-box") || strings.Contains(p, "boot.") {
			i := max(0, strings.Index(p, "/playground/")-200)
			t.Errorf("%s still leads to the playground: %s", name, p[i:min(len(p), i+300)])
		}
	}
}
