// theme.js runs in <head> before the first paint. It marks the page as scripted (html.js shows
// the theme toggle and the copy buttons, whose space is reserved, so nothing shifts) and applies
// the theme the reader picked earlier. Without a pick, the CSS follows prefers-color-scheme.
(function () {
  var d = document.documentElement;
  d.classList.add("js");
  if (/\/search\/$/.test(location.pathname) && /[?&]q=./.test(location.search)) d.classList.add("search-q");
  try {
    var t = localStorage.getItem("errdocs-theme");
    if (t === "light" || t === "dark") d.setAttribute("data-theme", t);
  } catch (e) {}
})();
