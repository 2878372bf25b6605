// site.js: the theme toggle, the copy buttons and "Copy as Markdown". Everything it touches is already in the HTML,
// so the page reads the same without it.
(function () {
  "use strict";
  var d = document.documentElement;
  var live = document.getElementById("live");
  function say(msg) {
    if (!live) return;
    live.textContent = "";
    setTimeout(function () { live.textContent = msg; }, 30);
  }

  // On the 404 page: an error code in another spelling (/plunk/errors/RATE_LIMIT_EXCEEDED/ where
  // the code's page is rate-limit-exceeded/) goes on to the code's page, as the build's slugs do.
  if (document.getElementById("not-found")) {
    var m = /^(.*\/errors\/)([^/]+)\/?$/.exec(location.pathname);
    if (m) {
      var seg = decodeURIComponent(m[2]);
      var slug = seg.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
      if (slug && slug !== seg) location.replace(m[1] + slug + "/" + location.hash);
    }
  }

  var toggle = document.querySelector(".theme-toggle");
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function current() {
    var t = d.getAttribute("data-theme");
    if (t) return t;
    return dark && dark.matches ? "dark" : "light";
  }
  function label() {
    if (!toggle) return;
    var next = current() === "dark" ? "light" : "dark";
    toggle.setAttribute("aria-label", "Switch to " + next + " theme");
    toggle.setAttribute("title", "Switch to " + next + " theme");
  }
  if (toggle) {
    label();
    toggle.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      d.setAttribute("data-theme", next);
      try { localStorage.setItem("errdocs-theme", next); } catch (e) {}
      label();
      say(next === "dark" ? "Dark theme" : "Light theme");
    });
    if (dark && dark.addEventListener) dark.addEventListener("change", label);
  }

  function selectText(el) {
    var r = document.createRange();
    r.selectNodeContents(el);
    var s = window.getSelection();
    s.removeAllRanges();
    s.addRange(r);
  }
  // copyMarkdown copies the page's Markdown twin (the button's data-md, the URL the page's
  // <link rel="alternate" type="text/markdown"> names). The twin is fetched from the site itself,
  // which the Content-Security-Policy allows (connect-src 'self').
  function copyMarkdown(b) {
    var label = "Copy as Markdown";
    function done(msg, said) {
      b.textContent = msg;
      say(said);
      setTimeout(function () { b.textContent = label; }, 2000);
    }
    function fallback(text) {
      var t = document.createElement("textarea");
      t.value = text;
      t.setAttribute("readonly", "");
      t.className = "visually-hidden";
      document.body.appendChild(t);
      t.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) {}
      document.body.removeChild(t);
      b.focus();
      return ok;
    }
    b.setAttribute("aria-busy", "true");
    var text = fetch(b.getAttribute("data-md")).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.text();
    });
    // A ClipboardItem that waits for the fetch is written within the click, which Safari needs
    // (it forgets the click by the time the fetch is done); writeText after the fetch, then the
    // old execCommand, are for browsers without it.
    var item = null;
    if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
      try {
        item = navigator.clipboard.write([new ClipboardItem({
          "text/plain": text.then(function (t) { return new Blob([t], { type: "text/plain" }); })
        })]);
      } catch (e) {}
    }
    (item || Promise.reject(new Error("no ClipboardItem"))).then(null, function () {
      return text.then(function (t) {
        var write = navigator.clipboard && navigator.clipboard.writeText
          ? navigator.clipboard.writeText(t)
          : Promise.reject(new Error("no clipboard"));
        return write.then(null, function () {
          if (!fallback(t)) throw new Error("the browser refused to copy");
        });
      });
    }).then(function () {
      done("Copied", "Copied this page as Markdown");
    }, function (err) {
      done("Copy failed", "Could not copy the page as Markdown: " + err.message);
    }).then(function () {
      b.removeAttribute("aria-busy");
    });
  }

  document.addEventListener("click", function (e) {
    var md = e.target.closest ? e.target.closest(".copy-md") : null;
    if (md) {
      copyMarkdown(md);
      return;
    }
    var b = e.target.closest ? e.target.closest(".copy") : null;
    if (!b) return;
    var code = b.closest(".code").querySelector("pre code") || b.closest(".code").querySelector("pre");
    var text = code.textContent.replace(/\n$/, "");
    function done(msg) {
      b.textContent = msg;
      say(msg);
      setTimeout(function () { b.textContent = "Copy"; }, 1500);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done("Copied"); }, function () {
        selectText(code);
        done("Press Ctrl+C");
      });
    } else {
      selectText(code);
      done("Press Ctrl+C");
    }
  });
})();
