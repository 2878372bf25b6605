// @ts-check
// playground-sw.js: offline. A service worker (sw.js) caches the playground after the first
// visit. The page tells it its build (data-build) and every URL it uses; sw.js keeps them as
// that build's set, whole (see sw.js).

/** @typedef {import("./playground-common.js").Config} Config */

/**
 * registerServiceWorker registers sw.js and asks it to keep this build's files: the page, the
 * engine's files, and every stylesheet, icon, script and module the page names. It says how
 * that went in root's data-offline: "ready", "partial" or "unavailable".
 * @param {Config} cfg
 * @param {HTMLElement} root
 */
export function registerServiceWorker(cfg, root) {
  if (!cfg.sw || !cfg.build || !("serviceWorker" in navigator)) return;
  const build = cfg.build;
  navigator.serviceWorker.register(cfg.sw, { scope: cfg.base }).then(() => navigator.serviceWorker.ready).then((reg) => {
    /** @type {(string | null | undefined)[]} */
    const urls = [location.pathname, cfg.catalog, cfg.worker, cfg.wasm, cfg.exec];
    // The modules the page's script imports are named by its <link rel=modulepreload> tags.
    document.querySelectorAll("link[rel=stylesheet], link[rel=icon], link[rel=modulepreload], script[src]").forEach((n) => {
      urls.push(n.getAttribute("href") || n.getAttribute("src"));
    });
    const ch = new MessageChannel();
    ch.port1.onmessage = (ev) => {
      if (ev.data && ev.data.type === "cached") root.setAttribute("data-offline", ev.data.ok ? "ready" : "partial");
    };
    /** @type {ServiceWorker} */ (reg.active).postMessage({ type: "cache", build, urls: urls.filter(Boolean) }, [ch.port2]);
  }).catch(() => {
    root.setAttribute("data-offline", "unavailable");
  });
}
