// search.js: search over the index the site build writes, sharded by term as Pagefind does
// (package site/search): a manifest (search-index.json, fetched the first time the reader focuses
// the search box, never before), term shards fetched for the words of a query, and page chunks
// fetched for the results shown. Every file is fetched once per page.
//
// The shards hold, for every term, a posting list of [doc delta, weight] pairs; the chunks hold
// docs ([path, title, crumb, code, status, excerpt, headings]). Terms are made exactly as package
// site/search makes them (see words below): lower case, runs of letters, digits and "_", codes
// kept whole and also split at "_", plurals folded. A query matches a term exactly or by prefix;
// documents that match every query word rank first, ranked by weight × idf.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input");
  var list = document.getElementById("search-results");
  var live = document.getElementById("live");
  var indexURL = form.getAttribute("data-index");
  var base = form.getAttribute("data-base") || "/";
  var loading = null;
  var index = null;
  var active = -1;
  var options = [];

  function fold(w) {
    if (/[0-9_]/.test(w)) return w;
    if (w.length > 4 && w.slice(-3) === "ies") return w.slice(0, -3) + "y";
    if (w.length > 3 && w.slice(-1) === "s" && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }
  // words splits text as the Go indexer does; each word is a list of terms (a code with "_"
  // gives itself and its parts).
  function words(s) {
    var out = [];
    var m = s.toLowerCase().match(/[\p{L}\p{N}_]+/gu) || [];
    for (var i = 0; i < m.length; i++) {
      var w = m[i].replace(/^_+|_+$/g, "");
      if (!w) continue;
      var parts = w.indexOf("_") >= 0 ? w.split("_").filter(Boolean).map(fold) : [];
      out.push({ whole: fold(w), parts: parts });
    }
    return out;
  }

  // load fetches the manifest: the first term of every shard and the first page of every chunk.
  function load() {
    if (!loading) {
      var at = new URL(indexURL, window.location.href).href;
      loading = getJSON(at).then(function (m) {
        // A host may still serve an older build's index beside this script: say so.
        if (!m || m.v !== 2) throw new Error("the search index is from another version of the site; reload the page");
        index = {
          n: m.n,
          shardFirst: m.terms.map(function (s) { return s[0]; }),
          shardURL: m.terms.map(function (s) { return new URL(s[1], at).href; }),
          chunkFirst: m.docs.map(function (c) { return c[0]; }),
          chunkURL: m.docs.map(function (c) { return new URL(c[1], at).href; }),
          shards: {}, // shard number → Promise of {terms: sorted, postings}
          chunks: {}, // chunk number → Promise of the chunk's docs
        };
        return index;
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function getJSON(u) {
    return fetch(u).then(function (r) {
      if (!r.ok) throw new Error("search index: HTTP " + r.status);
      return r.json();
    });
  }

  // shard fetches term shard i once.
  function shard(i) {
    if (!index.shards[i]) {
      var p = getJSON(index.shardURL[i]).then(function (postings) {
        return { terms: Object.keys(postings).sort(), postings: postings };
      });
      p.catch(function () { delete index.shards[i]; });
      index.shards[i] = p;
    }
    return index.shards[i];
  }

  // lowerBound finds the first of the sorted list xs >= t.
  function lowerBound(xs, t) {
    var lo = 0, hi = xs.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (xs[mid] < t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // matches resolves to the index terms that t matches, in order, each [term, postings]:
  // exactly, or as a prefix for terms of two or more characters, at most 60. It fetches the
  // shard t falls in, and the next ones while the run of matches goes on.
  function matches(t) {
    var out = [];
    var i = lowerBound(index.shardFirst, t);
    if (i === index.shardFirst.length || index.shardFirst[i] !== t) i--;
    if (i < 0) i = 0;
    function from(i) {
      if (i >= index.shardURL.length) return out;
      return shard(i).then(function (s) {
        for (var j = lowerBound(s.terms, t); j < s.terms.length && out.length < 60; j++) {
          var term = s.terms[j];
          if (term.lastIndexOf(t, 0) !== 0) return out;
          if (term !== t && t.length < 2) return out;
          out.push([term, s.postings[term]]);
        }
        if (out.length >= 60) return out;
        var next = index.shardFirst[i + 1];
        if (next === undefined || next.lastIndexOf(t, 0) !== 0 || (next !== t && t.length < 2)) return out;
        return from(i + 1);
      });
    }
    return from(i);
  }

  // scoreTerm adds the postings of the index terms that t matches into acc.
  function scoreTerm(ms, acc) {
    ms.forEach(function (m) {
      var term = m[0], t = m[2];
      var factor = term === t ? 1 : 0.55 * t.length / term.length + 0.15;
      var p = m[1];
      var df = p.length / 2;
      var idf = Math.log(1 + index.n / df);
      var doc = 0;
      for (var j = 0; j < p.length; j += 2) {
        doc += p[j];
        var s = p[j + 1] * idf * factor;
        if (!(doc in acc) || acc[doc] < s) acc[doc] = s;
      }
    });
    return ms.length > 0;
  }

  // search resolves to the ranked results for q, each {doc, score, all}: documents that match
  // every query word first, then by weight × idf.
  function search(q) {
    var ws = words(q);
    if (!ws.length) return Promise.resolve([]);
    // Every term a query may need, fetched at once: each word whole, and its parts in case the
    // whole matches nothing.
    var need = {};
    ws.forEach(function (w) { need[w.whole] = 1; w.parts.forEach(function (p) { need[p] = 1; }); });
    var terms = Object.keys(need);
    return Promise.all(terms.map(matches)).then(function (all) {
      var found = {};
      terms.forEach(function (t, k) {
        found[t] = all[k].map(function (m) { return [m[0], m[1], t]; });
      });
      var groups = [];
      ws.forEach(function (w) {
        var acc = {};
        if (scoreTerm(found[w.whole], acc) || !w.parts.length) {
          groups.push(acc);
        } else {
          w.parts.forEach(function (p) {
            var a = {};
            scoreTerm(found[p], a);
            groups.push(a);
          });
        }
      });
      var total = {}, hits = {};
      groups.forEach(function (acc) {
        for (var d in acc) {
          total[d] = (total[d] || 0) + acc[d];
          hits[d] = (hits[d] || 0) + 1;
        }
      });
      var res = Object.keys(total).map(function (d) {
        return { doc: +d, score: total[d], all: hits[d] === groups.length };
      });
      var anyAll = res.some(function (r) { return r.all; });
      if (anyAll) res = res.filter(function (r) { return r.all; });
      res.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return res;
    });
  }

  // docsOf fetches the page chunks that hold the results rs, and resolves to the docs
  // ([path, title, crumb, code, status, excerpt, headings]) in the order of rs.
  function docsOf(rs) {
    var want = {};
    var at = rs.map(function (r) {
      var i = lowerBound(index.chunkFirst, r.doc + 1) - 1;
      if (!index.chunks[i]) {
        var p = getJSON(index.chunkURL[i]);
        p.catch(function () { delete index.chunks[i]; });
        index.chunks[i] = p;
      }
      want[i] = index.chunks[i];
      return i;
    });
    var keys = Object.keys(want);
    return Promise.all(keys.map(function (i) { return want[i]; })).then(function (got) {
      var chunk = {};
      keys.forEach(function (i, k) { chunk[i] = got[k]; });
      return rs.map(function (r, k) { return chunk[at[k]][r.doc - index.chunkFirst[at[k]]]; });
    });
  }

  // mark appends text to el, wrapping the words that start with a query term in <mark>.
  function mark(el, text, qs) {
    if (!qs.length) { el.appendChild(document.createTextNode(text)); return; }
    var esc = qs.map(function (q) { return q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + esc.join("|") + ")", "giu");
    var last = 0, m;
    while ((m = re.exec(text)) !== null) {
      var start = m.index + m[1].length;
      if (start > last) el.appendChild(document.createTextNode(text.slice(last, start)));
      var mk = document.createElement("mark");
      mk.textContent = m[2];
      el.appendChild(mk);
      last = start + m[2].length;
      if (m[0].length === 0) re.lastIndex++;
    }
    if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
  }

  function queryWords(q) {
    var out = [];
    (q.toLowerCase().match(/[\p{L}\p{N}_]+/gu) || []).forEach(function (w) {
      out.push(w);
      if (w.indexOf("_") >= 0) w.split("_").forEach(function (p) { if (p) out.push(p); });
    });
    return out.sort(function (a, b) { return b.length - a.length; });
  }

  // render fills ul with the results' docs, each an option.
  function render(ul, q, docs, withSubs) {
    ul.textContent = "";
    var isBox = ul.getAttribute("role") === "listbox";
    var qs = queryWords(q);
    var n = 0;
    docs.forEach(function (d) {
      var li = document.createElement("li");
      if (isBox) li.setAttribute("role", "option");
      li.id = ul.id + "-" + n++;
      var a = document.createElement("a");
      a.href = base + d[0];
      var title = document.createElement("span");
      title.className = "r-title";
      // A code page leads with its code as the API spells it, as its own heading does; the
      // crumb names the API.
      if (d[3]) {
        var code = document.createElement("code");
        mark(code, d[3], qs);
        title.appendChild(code);
        title.appendChild(document.createTextNode(" "));
      }
      mark(title, d[1], qs);
      var crumb = document.createElement("span");
      crumb.className = "r-crumb";
      var c = d[2];
      if (d[4]) c += " · " + d[4];
      mark(crumb, c, qs);
      a.appendChild(title);
      a.appendChild(crumb);
      if (d[5]) {
        var text = document.createElement("span");
        text.className = "r-text";
        mark(text, d[5], qs);
        a.appendChild(text);
      }
      li.appendChild(a);
      ul.appendChild(li);
      if (!withSubs) return;
      var subs = 0;
      (d[6] || []).forEach(function (h) {
        if (subs >= 2) return;
        var ht = h[1].toLowerCase();
        var hit = qs.some(function (w) { return new RegExp("(^|[^\\p{L}\\p{N}])" + w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u").test(ht); });
        if (!hit) return;
        subs++;
        var sli = document.createElement("li");
        if (isBox) sli.setAttribute("role", "option");
        sli.id = ul.id + "-" + n++;
        var sa = document.createElement("a");
        sa.className = "r-sub";
        sa.href = base + d[0] + "#" + h[0];
        mark(sa, "↳ " + h[1], qs);
        sli.appendChild(sa);
        ul.appendChild(sli);
      });
    });
    return n;
  }

  function announce(msg) {
    if (live) live.textContent = msg;
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(i) {
    options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = (i + options.length) % options.length;
    var o = options[active];
    o.setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", o.id);
    o.scrollIntoView({ block: "nearest" });
  }

  function update() {
    var q = input.value.trim();
    if (!q) { close(); list.textContent = ""; return; }
    var res;
    load().then(function () {
      return search(q);
    }).then(function (r) {
      res = r;
      return docsOf(res.slice(0, 8));
    }).then(function (docs) {
      if (input.value.trim() !== q) return;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!res.length) {
        list.textContent = "";
        var li = document.createElement("li");
        li.className = "empty";
        li.textContent = "No results for “" + q + "”";
        list.appendChild(li);
        announce("No results");
      } else {
        render(list, q, docs, true);
        if (res.length > 8) {
          var more = document.createElement("li");
          more.setAttribute("role", "option");
          more.id = "search-results-more";
          var a = document.createElement("a");
          a.href = form.getAttribute("action") + "?q=" + encodeURIComponent(q);
          a.textContent = "See all " + res.length + " results";
          more.appendChild(a);
          list.appendChild(more);
        }
        announce(res.length + (res.length === 1 ? " result" : " results"));
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }, function (err) {
      list.textContent = "";
      var li = document.createElement("li");
      li.className = "empty";
      li.textContent = "Search is unavailable: " + err.message;
      list.appendChild(li);
      list.hidden = false;
    });
  }

  input.addEventListener("focus", function () { load().catch(function () {}); if (input.value.trim()) update(); });
  input.addEventListener("input", update);
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) update(); else setActive(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); setActive(active - 1); }
    else if (e.key === "Enter" && active >= 0 && options[active]) {
      e.preventDefault();
      var a = options[active].querySelector("a");
      if (a) window.location.href = a.href;
    } else if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); close(); } else { input.value = ""; }
    }
  });
  form.addEventListener("submit", function (e) {
    // Enter on a chosen result opens it; otherwise the form goes to the search page.
    if (active >= 0 && options[active] && !list.hidden) {
      var a = options[active].querySelector("a");
      if (a) {
        e.preventDefault();
        window.location.href = a.href;
      }
    }
  });
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target)) close();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    input.focus();
  });

  // The search page: results for ?q= in full, under the static list of codes.
  var page = document.getElementById("search-page-results");
  if (page) {
    var q = new URLSearchParams(window.location.search).get("q") || "";
    if (q) {
      input.value = q;
      load().then(function () {
        return search(q);
      }).then(function (res) {
        return docsOf(res.slice(0, 50)).then(function (docs) {
          var h = document.getElementById("search-page-heading");
          if (h) h.textContent = res.length + (res.length === 1 ? " result" : " results") + " for “" + q + "”";
          render(page, q, docs, true);
          page.hidden = false;
        });
      });
    }
  }

  // For tests: the same tokens the Go indexer makes.
  // search resolves to the paths of every result of q, in rank order.
  window.errdocsSearch = {
    words: words,
    search: function (q) {
      return load().then(function () { return search(q); }).then(docsOf).then(function (docs) {
        return docs.map(function (d) { return d[0]; });
      });
    },
  };
})();
