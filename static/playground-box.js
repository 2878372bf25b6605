// @ts-check
// playground-box.js wakes the "paste yours here" box on an error page. It is tiny on purpose:
// the page loads nothing else of the playground until the box is used (focused, typed or pasted
// into, or its button pressed). Then it imports playground.js (the box's data-script), whose box
// starts the engine's worker.

/**
 * @param {HTMLElement} root section.paste-box
 */
function wake(root) {
  if (root.hasAttribute("data-woken")) return;
  root.setAttribute("data-woken", "1");
  // Tell the service worker, if one runs, which build this page is, so it keeps that build's
  // files (the box's engine) while the page is open.
  const sw = navigator.serviceWorker;
  if (sw && sw.controller && root.dataset.build) sw.controller.postMessage({ type: "use", build: root.dataset.build });
  const script = root.dataset.script;
  if (!script) return;
  /** @type {Promise<typeof import("./playground.js")>} */
  const playground = import(script);
  // A module that did not load is in the console already; the box stays as it is.
  playground.then((m) => { m.box(root); }, () => {});
}

document.querySelectorAll(".paste-box").forEach((el) => {
  const root = /** @type {HTMLElement} */ (el);
  const go = () => { wake(root); };
  root.addEventListener("focusin", go, { once: true });
  root.addEventListener("paste", go, { once: true });
  root.addEventListener("drop", go, { once: true });
});
