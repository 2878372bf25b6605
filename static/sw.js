// @ts-check
// sw.js keeps the playground working offline after one visit, one build at a time. The build
// writes it at the site's root (not under /assets/), so its scope is the whole site and it also
// serves the requests of the playground's worker.
//
// # Sets
//
// Each build of the site has a build id (data-build on the playground, see site/playground.templ).
// Every file the playground page names is fingerprinted (name.HASH.ext under /assets/, the
// catalog included), so the only file whose bytes differ between builds under one URL is the page
// itself. This worker keeps each build as one set, a cache named errdocs-set-<build id> that holds
// that build's page and every file the page named. A set is filled in full and marked complete
// before it is used; an incomplete set is never served as the page's fallback.
//
// The current set is the one that was completed last. Switching to a new set is one write (the
// state entry in errdocs-meta), made only once the new set is whole.
//
// # Requests
//
//   - The playground page: the network first, so a visitor online sees the latest build; the page
//     that came back is kept in its build's set (read from its data-build). Offline, the current
//     set's page.
//   - Files under /assets/: from the set of the page that asks, then from any other set (a
//     fingerprinted URL has the same bytes in every set that holds it), then the network.
//   - Anything else goes to the network untouched.
//
// So a page served from a set names only files of that set, and a page from the network names
// only files of its own build: offline, the playground runs one build whole, never a mix.
//
// # Messages
//
// The playground page posts {type: "cache", build, urls} once its engine is ready (the page, its
// scripts and styles, the worker, wasm_exec.js, the module and the catalog), with a port for the
// answer {type: "cached", ok, build}. A "paste yours here" box posts {type: "use", build} when it
// wakes. Either one records that the client uses that build.
//
// # Clean-up
//
// A set is deleted only when it is not the current one, no fill is running for it, and no open
// page (a window client) was recorded as using it. Clean-up runs after each fill and when a new
// version of this worker takes over.
//
// It stays a classic service worker: it imports nothing, and a module service worker
// (register(url, {type: "module"})) would buy nothing for the risk of browsers that update or
// start one differently.
"use strict";

/** self, as the service worker's global scope it is (tsconfig.worker.json types a worker's). */
var sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

var SET = "errdocs-set-";
var META = "errdocs-meta";
var LEGACY = "errdocs-playground-v1"; // the single cache of the first version of this worker
var scope = new URL(sw.registration.scope);
var PAGE = scope.origin + scope.pathname + "playground/";
var STATE = scope.href + "__errdocs/state"; // in META: {current, uses: {client id: build}}
var COMPLETE = scope.href + "__errdocs/complete"; // in a set: put once the set is whole

/**
 * State is what this worker remembers across restarts: the current set's build, and the build
 * each client (a page, by its id) was recorded as using.
 * @typedef {{current: string, uses: Record<string, string>}} State
 */

/** @type {Record<string, Promise<boolean> | undefined>} */
var filling = {}; // build → Promise of a fill in progress (true when the set is whole)
/** @type {Promise<State> | null} */
var loaded = null; // Promise of the state, read once from META
/** @type {Promise<unknown>} */
var saving = Promise.resolve();

/**
 * @param {unknown} b
 * @returns {b is string}
 */
function validBuild(b) {
  return typeof b === "string" && /^[0-9a-f]{1,64}$/.test(b);
}

/**
 * buildOf is the build id a playground page names, or "".
 * @param {string} html
 */
function buildOf(html) {
  var m = /\bdata-build="([0-9a-f]{1,64})"/.exec(html);
  return m ? m[1] : "";
}

/** @returns {Promise<State>} */
function state() {
  if (!loaded) {
    loaded = caches.open(META).then(function (c) {
      return c.match(STATE);
    }).then(function (r) {
      return r ? r.json() : null;
    }).then(function (/** @type {any} */ s) {
      return { current: s && validBuild(s.current) ? s.current : "", uses: (s && s.uses) || {} };
    }, function () {
      return { current: "", uses: {} };
    });
  }
  return loaded;
}

/**
 * update changes the state with fn and writes it whole, one change after another.
 * @param {(st: State) => void} fn
 */
function update(fn) {
  saving = saving.then(state).then(function (st) {
    fn(st);
    return caches.open(META).then(function (c) {
      return c.put(STATE, new Response(JSON.stringify(st), { headers: { "Content-Type": "application/json" } }));
    });
  }).catch(function () {});
  return saving;
}

/**
 * use records that client uses build.
 * @param {string | null | undefined} client
 * @param {unknown} build
 */
function use(client, build) {
  if (!client || !validBuild(build)) return Promise.resolve();
  return update(function (st) { st.uses[client] = build; });
}

sw.addEventListener("install", function () {
  sw.skipWaiting();
});

sw.addEventListener("activate", function (e) {
  e.waitUntil(caches.delete(LEGACY).then(prune).then(function () {
    return sw.clients.claim();
  }));
});

/** @param {URL} url */
function isAsset(url) {
  return url.pathname.indexOf(scope.pathname + "assets/") === 0;
}

// fill makes the set of build whole: every URL the page named, fetched and kept. It resolves
// true once the set is complete, and then makes it the current set if it was not complete before.
/**
 * @param {string} build
 * @param {unknown[]} urls
 * @returns {Promise<boolean>}
 */
function fill(build, urls) {
  if (filling[build]) return filling[build];
  /** @type {string[]} */
  var wanted = [];
  for (var i = 0; i < urls.length; i++) {
    var u;
    try {
      u = new URL(/** @type {string} */ (urls[i]), scope);
    } catch (e) {
      return Promise.resolve(false);
    }
    if (u.origin !== scope.origin) continue;
    var key = u.origin + u.pathname === PAGE ? PAGE : u.href;
    // Only the page and fingerprinted files make a set: anything else could change under its URL.
    if (key !== PAGE && !isAsset(u)) return Promise.resolve(false);
    if (wanted.indexOf(key) < 0) wanted.push(key);
  }
  if (wanted.indexOf(PAGE) < 0) return Promise.resolve(false);
  var p = caches.open(SET + build).then(function (c) {
    return c.match(COMPLETE).then(function (done) {
      if (done) return true;
      return Promise.all(wanted.map(function (u) { return fillOne(c, u, build); })).then(function (oks) {
        if (!oks.every(Boolean)) return false;
        return c.put(COMPLETE, new Response(build)).then(function () {
          return update(function (st) { st.current = build; });
        }).then(function () { return true; });
      });
    });
  }).catch(function () {
    return false;
  });
  filling[build] = p;
  p.then(function () { delete filling[build]; });
  return p;
}

// fillOne keeps one URL in a set. The files come through the HTTP cache, which holds what the
// page just loaded; the page must name the set's own build (a host may already serve another).
/**
 * @param {Cache} c
 * @param {string} u
 * @param {string} build
 * @returns {Promise<boolean>}
 */
function fillOne(c, u, build) {
  return c.match(u).then(function (hit) {
    if (hit) return true;
    return fetch(u, { credentials: "same-origin" }).then(function (res) {
      if (!res.ok || res.type !== "basic") return false;
      if (u !== PAGE) return c.put(u, res).then(function () { return true; });
      return res.clone().text().then(function (html) {
        if (buildOf(html) !== build) return false;
        return c.put(u, res).then(function () { return true; });
      });
    });
  }).catch(function () {
    return false;
  });
}

// prune deletes the sets no one needs: not current, not being filled, used by no open client.
function prune() {
  return Promise.all([state(), sw.clients.matchAll({ includeUncontrolled: true, type: "all" }), caches.keys()]).then(function (r) {
    /** @type {Record<string, boolean>} */
    var live = {};
    /** @type {Record<string, boolean>} */
    var keep = {};
    /** @type {string[]} */
    var gone = [];
    var st = r[0];
    r[1].forEach(function (c) { live[c.id] = true; });
    keep[st.current] = true;
    Object.keys(filling).forEach(function (b) { keep[b] = true; });
    Object.keys(st.uses).forEach(function (id) {
      if (live[id]) keep[st.uses[id]] = true;
      else gone.push(id);
    });
    var drop = r[2].filter(function (k) {
      return k.indexOf(SET) === 0 && !keep[k.slice(SET.length)];
    });
    return update(function (s) {
      gone.forEach(function (id) { delete s.uses[id]; });
    }).then(function () {
      return Promise.all(drop.map(function (k) { return caches.delete(k); }));
    });
  }).catch(function () {});
}

sw.addEventListener("message", function (e) {
  var m = e.data || {};
  var client = e.source && "id" in e.source ? e.source.id : null;
  var port = e.ports && e.ports[0];
  if (m.type === "use") {
    e.waitUntil(use(client, m.build));
    return;
  }
  if (m.type !== "cache") return;
  if (!validBuild(m.build) || !Array.isArray(m.urls)) {
    if (port) port.postMessage({ type: "cached", ok: false });
    return;
  }
  e.waitUntil(use(client, m.build).then(function () {
    return fill(m.build, m.urls);
  }).then(function (ok) {
    if (port) port.postMessage({ type: "cached", ok: ok, build: m.build });
    return prune();
  }));
});

// keepPage keeps a playground page that came from the network in its build's set, unless that
// set is already whole (a whole set never changes), and records the client it was served to.
/**
 * @param {Response} res
 * @param {string} client
 * @returns {Promise<void>}
 */
function keepPage(res, client) {
  var keep = res.clone();
  return res.text().then(function (html) {
    var build = buildOf(html);
    if (!build) return;
    return use(client, build).then(function () {
      return caches.open(SET + build);
    }).then(function (c) {
      return c.match(COMPLETE).then(function (done) {
        if (!done) return c.put(PAGE, keep);
        return undefined;
      });
    });
  }).catch(function () {});
}

/** @param {FetchEvent} e */
function page(e) {
  return fetch(e.request).then(function (res) {
    if (res.ok && res.type === "basic") e.waitUntil(keepPage(res.clone(), e.resultingClientId));
    return res;
  }, function () {
    return state().then(function (st) {
      if (!st.current) return Response.error();
      return caches.open(SET + st.current).then(function (c) {
        return c.match(PAGE);
      }).then(function (hit) {
        if (!hit) return Response.error();
        e.waitUntil(use(e.resultingClientId, st.current));
        return hit;
      });
    });
  });
}

/** @param {FetchEvent} e */
function asset(e) {
  var req = e.request;
  return state().then(function (st) {
    var mine = st.uses[e.clientId];
    return caches.keys().then(function (keys) {
      var sets = keys.filter(function (k) { return k.indexOf(SET) === 0; });
      // The asking page's set first, then the current one, then the rest.
      sets.sort(function (a, b) { return rank(b) - rank(a); });
      /** @param {string} k */
      function rank(k) {
        var b = k.slice(SET.length);
        return b === mine ? 2 : b === st.current ? 1 : 0;
      }
      var i = 0;
      /** @returns {Promise<Response>} */
      function next() {
        if (i >= sets.length) return fetch(req);
        return caches.open(sets[i++]).then(function (c) {
          return c.match(req);
        }).then(function (hit) {
          return hit || next();
        });
      }
      return next();
    });
  });
}

sw.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (url.origin !== scope.origin) return;
  if (url.origin + url.pathname === PAGE) {
    // A share link's #fragment never reaches here; a ?query is ignored.
    e.respondWith(page(e));
  } else if (isAsset(url)) {
    e.respondWith(asset(e));
  }
});
