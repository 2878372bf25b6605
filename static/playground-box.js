// playground-box.js wakes the "paste yours here" box on an error page. It is tiny on purpose:
// the page loads nothing else of the playground until the box is used (focused, typed or pasted
// into, or its button pressed). Then it loads playground.js, which starts the engine's worker.
(function () {
  "use strict";
  function wake(root) {
    if (root.hasAttribute("data-woken")) return;
    root.setAttribute("data-woken", "1");
    // Tell the service worker, if one runs, which build this page is, so it keeps that build's
    // files (the box's engine) while the page is open.
    var sw = navigator.serviceWorker;
    if (sw && sw.controller && root.dataset.build) sw.controller.postMessage({ type: "use", build: root.dataset.build });
    if (window.errdocsPlayground) {
      window.errdocsPlayground.box(root);
      return;
    }
    var s = document.createElement("script");
    s.src = root.getAttribute("data-script");
    s.onload = function () {
      if (window.errdocsPlayground) window.errdocsPlayground.box(root);
    };
    document.head.appendChild(s);
  }
  Array.prototype.forEach.call(document.querySelectorAll(".paste-box"), function (root) {
    var go = function () { wake(root); };
    root.addEventListener("focusin", go, { once: true });
    root.addEventListener("paste", go, { once: true });
    root.addEventListener("drop", go, { once: true });
  });
})();
