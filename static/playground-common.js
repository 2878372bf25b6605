// @ts-check
// playground-common.js: what the playground page and the "paste yours here" box share: where
// the engine lives (read from the page's data-* attributes), the catalog's API names and
// examples, and how sizes and times are written.

/** engine.MaxPaste: the engine reads no more than this many bytes of a paste. */
export const MAX_PASTE = 16 << 20;

/**
 * Config is where the engine and its files live, from the data-* attributes of
 * section#playground or section.paste-box (site/playground.templ, engineAttrs).
 * @typedef {object} Config
 * @property {string} base the site's base path, "/" or "/docs/"
 * @property {string | undefined} build the build id (sw.js keeps each build's files apart)
 * @property {string | undefined} catalog catalog.json, fingerprinted
 * @property {string | undefined} worker worker.js
 * @property {string | undefined} wasm errdocs.wasm
 * @property {string | undefined} exec wasm_exec.js
 * @property {string | undefined} sw sw.js, at the site's root
 */

/**
 * config reads where the engine lives from root's data-* attributes.
 * @param {HTMLElement} root
 * @returns {Config}
 */
export function config(root) {
  const d = root.dataset;
  return { base: d.base || "/", build: d.build, catalog: d.catalog, worker: d.worker, wasm: d.wasm, exec: d.wasmExec, sw: d.sw };
}

/**
 * Example is one example of the catalog, for the playground's menu.
 * @typedef {object} Example
 * @property {string} api the API's name
 * @property {CatalogEntry} entry the error it is an example of
 * @property {string} text the example's text
 * @property {number} n its index among the entry's examples
 * @property {number} of how many examples the entry has
 */

/**
 * The part of catalog.json (catalog.Catalog) the page reads.
 * @typedef {{status?: number, code?: string, title?: string, examples?: {text: string}[]}} CatalogEntry
 * @typedef {{id: string, name?: string, errors?: CatalogEntry[]}} CatalogAPI
 */

/** @typedef {{apis: Record<string, string>, examples: Example[]}} CatalogInfo */

/** @type {Promise<CatalogInfo> | null} */
let catalogInfo = null;

/**
 * loadCatalog fetches catalog.json once: each API's name by id, and every example.
 * @param {Config} cfg
 * @returns {Promise<CatalogInfo>}
 */
export function loadCatalog(cfg) {
  if (!catalogInfo) {
    catalogInfo = fetch(/** @type {string} */ (cfg.catalog), { credentials: "same-origin" }).then((r) => {
      if (!r.ok) throw new Error("catalog.json: HTTP " + r.status);
      return r.json();
    }).then((/** @type {{apis?: CatalogAPI[]}} */ c) => {
      /** @type {Record<string, string>} */
      const apis = {};
      /** @type {Example[]} */
      const examples = [];
      (c.apis || []).forEach((a) => {
        apis[a.id] = a.name || a.id;
        (a.errors || []).forEach((e) => {
          const list = e.examples || [];
          list.forEach((x, i) => {
            examples.push({ api: a.name || a.id, entry: e, text: x.text, n: i, of: list.length });
          });
        });
      });
      return { apis, examples };
    });
  }
  return catalogInfo;
}

/**
 * formatBytes writes a size for people: "512 B", "1.5 KB", "10.0 MB".
 * @param {number} n
 */
export function formatBytes(n) {
  if (n < 1024) return n + " B";
  if (n < 1 << 20) return (n / 1024).toFixed(1) + " KB";
  return (n / 1048576).toFixed(1) + " MB";
}

/**
 * formatMs writes a duration for people: "3.2 ms", "41 ms".
 * @param {number} ms
 */
export function formatMs(ms) {
  return ms < 10 ? ms.toFixed(1) + " ms" : Math.round(ms) + " ms";
}
