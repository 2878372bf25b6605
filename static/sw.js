// sw.js keeps the playground working offline after one visit. The build writes it at the site's
// root (not under /assets/), so its scope is the whole site and it also serves the requests of the
// playground's worker. It only answers for what the playground needs: the playground page
// (network first, the cached copy when offline), catalog.json (the same) and the fingerprinted
// files under /assets/ (cache first: a fingerprinted file never changes). Every other request
// goes to the network untouched.
//
// The playground page posts {type: "cache", urls} once the worker is registered: the page, its
// scripts and styles, the worker, wasm_exec.js, the module and catalog.json.
"use strict";

var CACHE = "errdocs-playground-v1";
var scope = new URL(self.registration.scope);

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("errdocs-playground-") === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function isAsset(url) {
  return url.pathname.indexOf(scope.pathname + "assets/") === 0;
}

function isPlayground(url) {
  return url.pathname === scope.pathname + "playground/" || url.pathname === scope.pathname + "catalog.json";
}

self.addEventListener("message", function (e) {
  var m = e.data || {};
  if (m.type !== "cache" || !Array.isArray(m.urls)) return;
  var port = e.ports && e.ports[0];
  var wanted = m.urls.map(function (u) { return new URL(u, scope).href; }).filter(function (u) {
    return new URL(u).origin === scope.origin;
  });
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return Promise.all(wanted.map(function (u) {
      return c.match(u).then(function (hit) {
        if (hit && isAsset(new URL(u))) return true;
        return c.add(new Request(u, { cache: "no-cache" })).then(function () { return true; }, function () { return false; });
      });
    })).then(function (ok) {
      // Drop fingerprinted files that no longer belong to the playground.
      return c.keys().then(function (reqs) {
        return Promise.all(reqs.filter(function (r) {
          return isAsset(new URL(r.url)) && wanted.indexOf(r.url) < 0;
        }).map(function (r) { return c.delete(r); }));
      }).then(function () {
        if (port) port.postMessage({ type: "cached", ok: ok.every(Boolean) });
      });
    });
  }));
});

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (url.origin !== scope.origin) return;
  if (isAsset(url)) {
    e.respondWith(caches.open(CACHE).then(function (c) {
      return c.match(req).then(function (hit) { return hit || fetch(req); });
    }));
    return;
  }
  if (isPlayground(url)) {
    var key = url.origin + url.pathname; // a share link's #fragment never reaches here; ?query is ignored
    e.respondWith(fetch(req).then(function (res) {
      if (res.ok) {
        var copy = res.clone();
        caches.open(CACHE).then(function (c) { return c.put(key, copy); });
      }
      return res;
    }, function () {
      return caches.open(CACHE).then(function (c) { return c.match(key); }).then(function (hit) {
        return hit || Response.error();
      });
    }));
  }
});
