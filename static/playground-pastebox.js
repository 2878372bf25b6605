// @ts-check
// playground-pastebox.js: the "paste yours here" box at the end of an error page
// (section.paste-box). playground-box.js wakes it on first use by importing playground.js,
// which calls box; the box then starts the engine and explains what is pasted into it.

import { config, loadCatalog } from "./playground-common.js";
import { engineFor } from "./playground-engine.js";
import { el, reloadButton, renderVerdict } from "./playground-verdict.js";

/**
 * box makes one paste box work; it does nothing for a box already made.
 * @param {HTMLElement} root section.paste-box
 */
export function box(root) {
  if (root.getAttribute("data-ready")) return;
  root.setAttribute("data-ready", "1");
  const cfg = config(root);
  const ta = /** @type {HTMLTextAreaElement} */ (root.querySelector(".paste-box-input"));
  const out = /** @type {HTMLElement} */ (root.querySelector(".paste-box-out"));
  const go = /** @type {HTMLButtonElement} */ (root.querySelector(".paste-box-go"));
  const engine = engineFor(cfg);
  engine.stopped.then(() => {
    const p = el("p");
    p.appendChild(reloadButton());
    out.parentNode?.insertBefore(p, out.nextSibling);
  });
  /** @type {Record<string, string>} */
  let apis = {};
  loadCatalog(cfg).then((i) => { apis = i.apis; }, () => {});
  let runId = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  function run() {
    const text = ta.value, id = ++runId;
    if (!text.trim()) {
      out.textContent = "";
      return;
    }
    out.setAttribute("aria-busy", "true");
    if (!out.firstChild) out.appendChild(el("p", "pg-empty", "Explaining…"));
    engine.request("explain", text, true).then((r) => {
      if (r.cancelled || id !== runId) return;
      out.setAttribute("aria-busy", "false");
      if (r.error) {
        out.textContent = "";
        out.appendChild(el("p", "pg-status err", "errdocs could not explain this: " + r.error));
        return;
      }
      if (r.masked != null && ta.value === text) ta.value = r.masked;
      renderVerdict(out, JSON.parse(/** @type {string} */ (r.json)), { base: cfg.base, apis, compact: true });
      root.setAttribute("data-run", "done");
    });
  }
  ta.addEventListener("input", (e) => {
    clearTimeout(timer);
    timer = setTimeout(run, /** @type {InputEvent} */ (e).inputType === "insertFromPaste" ? 0 : 300);
  });
  go.addEventListener("click", run);
  if (ta.value) run();
}
