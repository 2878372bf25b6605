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

// testdata/shards.txtar holds one index cut into many shards and chunks (small/) and the same
// index in one piece (one/), kept by TestShardsFile (index_test.go). search.js
// must give the same results, in the same order, from both: a query's words that fall across
// shard boundaries are followed into the next shards, and the results' pages come from the chunks
// that hold them. It must also fetch only some of the small index's files for a query.
const files = new Map();
{
  const text = readFileSync(new URL("testdata/shards.txtar", here), "utf8");
  const parts = text.split(/^-- (.+) --\n/m);
  for (let i = 1; i < parts.length; i += 2) files.set("/" + parts[i], parts[i + 1]);
}

// loadSearch runs search.js against a page whose search form names the index at indexPath, with
// a fetch that serves the txtar's files, and returns its search function and the URLs fetched.
function loadSearch(indexPath) {
  const fetched = [];
  const element = () => ({
    addEventListener() {},
    getAttribute(name) { return name === "data-index" ? indexPath : null; },
    querySelector() { return element(); },
    contains() { return false; },
    value: "",
  });
  const form = element();
  const window = {
    location: { search: "", href: "https://example.org/docs/" },
    document: {
      querySelector(sel) { return sel === "form.search" ? form : null; },
      getElementById() { return null; },
      addEventListener() {},
    },
    URL,
    URLSearchParams,
    fetch(u) {
      const path = new URL(u).pathname;
      fetched.push(path);
      const body = files.get(path);
      return Promise.resolve({
        ok: body !== undefined,
        status: body === undefined ? 404 : 200,
        json() { return Promise.resolve(JSON.parse(body)); },
      });
    },
  };
  window.window = window;
  vm.runInNewContext(script, window, { filename: "static/search.js" });
  return { search: window.errdocsSearch.search, fetched };
}

const smallFiles = [...files.keys()].filter((f) => f.startsWith("/small/")).length;
for (const q of ["err", "rate", "retries", "err_007_rate", "ERR_099", "e", "word1", "rates word3", "4", "41", "quota", "zzz", "about 12"]) {
  test(`sharded search ${JSON.stringify(q)}`, async () => {
    const small = loadSearch("/small/search-index.json");
    const one = loadSearch("/one/search-index.json");
    const got = Array.from(await small.search(q));
    const want = Array.from(await one.search(q));
    assert.deepEqual(got, want);
    if (q !== "zzz" && q !== "e") assert.ok(want.length > 0, "no results");
    assert.ok(small.fetched.length < smallFiles / 2, `fetched ${small.fetched.length} of ${smallFiles} files`);
  });
}
