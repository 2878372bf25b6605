package site

import (
	"strings"
	"testing"
)

// TestRewriteImports checks a module's relative imports name the fingerprinted files, and
// that comments (JSDoc type imports), other specifiers and unknown files are handled.
func TestRewriteImports(t *testing.T) {
	src := `// @ts-check
/** @typedef {import("./b.js").B} B */
import { b } from "./b.js";
import "./c.js";
export { x } from './c.js';
const later = import("./b.js");
import { y } from "../elsewhere/y.js";
`
	fps := map[string]string{"b.js": "assets/b.0123456789.js", "c.js": "assets/c.abcdefabcd.js"}
	if got, want := strings.Join(jsImports("a.js", []byte(src)), " "), "b.js c.js c.js b.js"; got != want {
		t.Errorf("jsImports = %q, want %q", got, want)
	}
	got, err := rewriteImports("a.js", []byte(src), fps)
	if err != nil {
		t.Fatal(err)
	}
	want := `// @ts-check
/** @typedef {import("./b.js").B} B */
import { b } from "./b.0123456789.js";
import "./c.abcdefabcd.js";
export { x } from './c.abcdefabcd.js';
const later = import("./b.0123456789.js");
import { y } from "../elsewhere/y.js";
`
	if string(got) != want {
		t.Errorf("rewriteImports:\n%s\nwant:\n%s", got, want)
	}
	if _, err := rewriteImports("a.js", []byte(`import { z } from "./missing.js";`), fps); err == nil || !strings.Contains(err.Error(), "missing.js") {
		t.Errorf("an import of a missing file: err = %v", err)
	}
}
