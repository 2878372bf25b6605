// search_js_test.mjs runs testdata/tokens.json, the table tokenize_test.go checks package
// search's Tokenize against, through the words function of static/search.js, so the terms of
// the index (Go) and of a query (the browser) stay the same. Run it with
// `node --test site/search/` (build.sh's test step does).
//
// search.js is a classic script, not a module: it runs once on a page with a search form and
// hands its tokeniser to tests as window.errdocsSearch.words. Here it runs in a vm context whose
// document has just enough of a search form for the script to set itself up.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const here = new URL(".", import.meta.url);
const cases = JSON.parse(readFileSync(new URL("testdata/tokens.json", here), "utf8"));
const script = readFileSync(new URL("../../static/search.js", here), "utf8");

// loadWords runs search.js against a stub page and returns its words function.
function loadWords() {
  const element = () => ({
    addEventListener() {},
    getAttribute() { return null; },
    querySelector() { return element(); },
    contains() { return false; },
    value: "",
  });
  const form = element();
  const window = {
    location: { search: "", href: "" },
    document: {
      querySelector(sel) { return sel === "form.search" ? form : null; },
      getElementById() { return null; },
      addEventListener() {},
    },
    URLSearchParams,
    fetch() { throw new Error("search.js fetched the index in a tokeniser test"); },
  };
  window.window = window;
  vm.runInNewContext(script, window, { filename: "static/search.js" });
  assert.ok(window.errdocsSearch, "search.js set no window.errdocsSearch");
  return window.errdocsSearch.words;
}

const words = loadWords();

// tokens flattens words' output in the order Go's Tokenize calls back: each word whole, then
// its parts. The arrays are rebuilt in this realm, so deepEqual compares values only.
function tokens(s) {
  return Array.from(words(s)).flatMap((w) => [w.whole, ...Array.from(w.parts)]);
}

for (const tc of cases) {
  test(tc.name, () => {
    assert.deepEqual(tokens(tc.in), tc.tokens, `words(${JSON.stringify(tc.in)})`);
  });
}
