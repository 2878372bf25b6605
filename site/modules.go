package site

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
)

// The playground's scripts are ES modules that import one another by relative URL, as
// `import { renderVerdict } from "./playground-verdict.js"`. Every static file is fingerprinted
// (name.HASH.js under /assets/), so the build rewrites each such specifier to the fingerprinted
// name of the file it imports, and fingerprints a module only after everything it imports (see
// writeAssets): a module's fingerprint covers its imports' fingerprints, so a change to any
// module changes the URL of every module that imports it, and a browser never runs one build's
// module with another build's imports. The same files work unbuilt: a browser, tsc and node
// read the specifiers as they are in static/.
//
// Only a specifier of the form "./name.js" on a line that is not a comment counts (JSDoc type
// imports, in comments, are for tsc alone): from "./x.js", import "./x.js" and import("./x.js").
// A specifier that names no static file fails the build, as would an import cycle.

var importSpec = regexp.MustCompile(`(\bfrom\s*|\bimport\s*\(?\s*)(["'])\./([A-Za-z0-9_][A-Za-z0-9_.-]*\.js)(["'])`)

// codeLines calls fn with each line of src that is not a comment line, and its offset.
func codeLines(src []byte, fn func(line []byte, at int)) {
	at := 0
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line = src[:i+1]
		}
		t := bytes.TrimSpace(line)
		if !bytes.HasPrefix(t, []byte("//")) && !bytes.HasPrefix(t, []byte("/*")) && !bytes.HasPrefix(t, []byte("*")) {
			fn(line, at)
		}
		at += len(line)
		src = src[len(line):]
	}
}

// jsImports lists the static files the script p imports by relative specifier, in order.
func jsImports(p string, src []byte) []string {
	var out []string
	codeLines(src, func(line []byte, _ int) {
		for _, m := range importSpec.FindAllSubmatch(line, -1) {
			out = append(out, path.Join(path.Dir(p), string(m[3])))
		}
	})
	return out
}

// rewriteImports replaces each relative specifier in the script p with the fingerprinted name
// of the file it names; fps maps a static file to its path in the output.
func rewriteImports(p string, src []byte, fps map[string]string) ([]byte, error) {
	var out bytes.Buffer
	last := 0
	var err error
	codeLines(src, func(line []byte, at int) {
		for _, m := range importSpec.FindAllSubmatchIndex(line, -1) {
			spec := string(line[m[6]:m[7]])
			fp, ok := fps[path.Join(path.Dir(p), spec)]
			if !ok {
				if err == nil {
					err = fmt.Errorf("static %s imports ./%s, which is not in the static folder", p, spec)
				}
				continue
			}
			out.Write(src[last : at+m[6]])
			out.WriteString(path.Base(fp))
			last = at + m[7]
		}
	})
	out.Write(src[last:])
	return out.Bytes(), err
}
