package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/site/search"
	"github.com/errdocs/errdocs/static"
)

// The files beside the pages: static assets (fingerprinted), content files copied as they are,
// and the data files (catalog.json, the search index, sitemap.xml, robots.txt, _headers, and
// the front-matter JSON Schemas and reference under schema/).

// copyable are the content files, other than Markdown, copied to the site as they are.
var copyable = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true,
	".webp": true, ".avif": true, ".pdf": true, ".txt": true, ".json": true, ".csv": true}

// contentFiles finds the images and other files in the content tree.
func (b *builder) contentFiles() error {
	b.files["catalog.json"] = true
	b.files["sitemap.xml"] = true
	b.files["robots.txt"] = true
	b.files[search.ManifestName] = true
	b.files["llms.txt"] = true
	b.files["llms-full.txt"] = true
	for f := range rootFiles {
		b.files[f] = true
	}
	schemas, err := fs.Glob(load.Schemas, "schema/*")
	if err != nil {
		return err
	}
	for _, f := range schemas {
		b.files[f] = true
	}
	return fs.WalkDir(b.opts.Content, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if load.Skipped(p, name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && copyable[strings.ToLower(path.Ext(name))] {
			b.files[p] = true
			b.copies = append(b.copies, p)
		}
		return nil
	})
}

// rootFiles are static files written at the site's root under their own names, not
// fingerprinted: a service worker's scope is the folder it is served from.
var rootFiles = map[string]bool{"sw.js": true}

// buildID fingerprints a build's assets: every fingerprinted URL, so it changes whenever any
// asset does (the module, a script, the catalog). The playground page carries it (data-build),
// and sw.js keeps each build's files in a cache of that name, so a page offline gets the files
// of its own build, never a mix.
func buildID(assets map[string]string) string {
	names := make([]string, 0, len(assets))
	for name := range assets {
		names = append(names, name)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, name := range names {
		h.Write([]byte(name + "\x00" + assets[name] + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil)[:5])
}

// writeAssets fingerprints the static files, appending the highlighting CSS to site.css, and
// copies the content's images. A precompressed file (x.br, x.gz beside x) takes its original's
// fingerprinted name plus its suffix, so a host can serve it for the original.
func (b *builder) writeAssets(wr *writer, css string) error {
	var files, compressed []string
	src := map[string]fs.FS{} // static file → the files it is read from (Static or Module)
	add := func(p string, fsys fs.FS) {
		src[p] = fsys
		if strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") {
			compressed = append(compressed, p)
		} else {
			files = append(files, p)
		}
	}
	err := fs.WalkDir(b.opts.Static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasPrefix(name, "."), strings.HasSuffix(name, ".go"), strings.HasSuffix(name, "~"):
		case b.opts.NoPlayground && static.Playground(p):
		case b.opts.Module != nil && slices.Contains(static.ModuleFiles, p):
		default:
			add(p, b.opts.Static)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if b.opts.Module != nil && !b.opts.NoPlayground {
		for _, p := range static.ModuleFiles {
			if _, err := fs.Stat(b.opts.Module, p); err == nil {
				add(p, b.opts.Module)
			}
		}
	}
	fps := map[string]string{} // static file → its path in the output
	var write func(p string, importers []string) error
	write = func(p string, importers []string) error {
		if _, done := fps[p]; done {
			return nil
		}
		fsys := src[p]
		if fsys == nil {
			return fmt.Errorf("static %s: imported, but not among the files written", p)
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("static %s: %w", p, err)
		}
		if p == "site.css" {
			data = append(data[:len(data):len(data)], css...)
		}
		ext := path.Ext(p)
		orig := strings.TrimSuffix(p, ext)
		if ext == ".js" {
			// A module's fingerprint covers what it imports: those are written first, and its
			// specifiers name their fingerprinted files (see modules.go).
			if slices.Contains(importers, p) {
				return fmt.Errorf("static %s: import cycle %s", p, strings.Join(append(importers, p), " → "))
			}
			var deps []string
			for _, d := range jsImports(p, data) {
				if err := write(d, append(importers, p)); err != nil {
					return err
				}
				deps = append(deps, d)
				for _, dd := range b.modules[d] {
					if !slices.Contains(deps, dd) {
						deps = append(deps, dd)
					}
				}
			}
			if data, err = rewriteImports(p, data, fps); err != nil {
				return err
			}
			b.modules[p] = deps
		}
		var fp string
		if rootFiles[p] {
			fp = p
		} else if u, ok := b.assets[orig]; ok && (ext == ".br" || ext == ".gz") {
			fp = strings.TrimPrefix(u, b.base) + ext
		} else {
			sum := sha256.Sum256(data)
			fp = "assets/" + orig + "." + hex.EncodeToString(sum[:5]) + ext
		}
		fps[p] = fp
		b.assets[p] = b.href("/" + fp)
		wr.write(fp, data)
		return nil
	}
	for _, p := range append(files, compressed...) {
		if err := write(p, nil); err != nil {
			return err
		}
	}
	for _, f := range []string{"site.css", "theme.js", "site.js", "search.js", "favicon.svg"} {
		if b.assets[f] == "" {
			return fmt.Errorf("static: %s is missing", f)
		}
	}
	// catalog.json stays at the root for anyone who reads the catalog. The playground loads
	// the same catalog in the layout its worker needs (catalog.WorkerCatalog), fingerprinted,
	// so a page always gets the catalog of its own build.
	cat, err := json.Marshal(b.site.Catalog)
	if err != nil {
		return fmt.Errorf("catalog.json: %w", err)
	}
	wr.write("catalog.json", cat)
	wcat, err := json.Marshal(b.site.Catalog.ForWorker())
	if err != nil {
		return fmt.Errorf("catalog.json for the worker: %w", err)
	}
	sum := sha256.Sum256(wcat)
	fp := "assets/catalog." + hex.EncodeToString(sum[:5]) + ".json"
	b.assets["catalog.json"] = b.href("/" + fp)
	wr.write(fp, wcat)
	b.build = buildID(b.assets)
	for _, p := range b.copies {
		data, err := fs.ReadFile(b.opts.Content, p)
		if err != nil {
			return fmt.Errorf("content %s: %w", p, err)
		}
		wr.write(p, data)
	}
	return nil
}

// writeData writes the search index, llms.txt and llms-full.txt, .nojekyll, sitemap.xml,
// robots.txt and _headers.
func (b *builder) writeData(wr *writer) error {
	// The search index: its manifest at the root, its shards and page chunks fingerprinted under
	// assets/search/ (package site/search).
	for _, f := range b.index.Files() {
		wr.write(f.Name, f.Data)
	}
	wr.write("llms.txt", b.llmsTxt(b.llms))
	b.full.finish()
	// GitHub Pages runs Jekyll over a site unless it finds .nojekyll, and its Jekyll turns
	// Markdown without front matter, the twins, into HTML pages in place of the ones beside them.
	wr.write(".nojekyll", nil)
	wr.write("sitemap.xml", b.sitemap())
	wr.write("robots.txt", b.robots())
	wr.write("_headers", b.headers())
	// The JSON Schemas of front matter, at stable URLs for editors' modelines (see
	// load.Schemas): /schema/api-index.json, /schema/code-page.json, /schema/page.json, and
	// the same reference in words, /schema/front-matter.md.
	schemas, err := fs.Glob(load.Schemas, "schema/*")
	if err != nil {
		return err
	}
	for _, f := range schemas {
		data, err := fs.ReadFile(load.Schemas, f)
		if err != nil {
			return err
		}
		wr.write(f, data)
	}
	return nil
}
