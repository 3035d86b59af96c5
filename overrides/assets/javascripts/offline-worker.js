/* The handbook's service worker (served as sw.js from the top of the site, after a line of data,
   `self.OFFLINE`: the build's key and every file of it; see generator/features/offline/worker.py).

   Installed on the first visit to the hosted site, it keeps a copy of every file in a cache named after
   the build, so that the whole handbook, search included, opens with no network. A new build has a new
   key: the browser sees a changed sw.js, this worker installs the new copy, takes over and drops the old
   ones. Files are answered from the copy first (it is the build that is online), then from the network. */
"use strict";

const CACHE_PREFIX = "handbook-";
const CACHE = CACHE_PREFIX + self.OFFLINE.key;
const BATCH = 16; // files fetched at a time while installing
const scope = () => self.registration.scope;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const files = self.OFFLINE.files;
    // From the server itself, never the browser's HTTP cache: a page it kept from before the new build
    // would be copied in place of the build's own.
    const fresh = (file) => new Request(new URL(file, scope()).href, { cache: "reload" });
    for (let i = 0; i < files.length; i += BATCH) {
      await cache.addAll(files.slice(i, i + BATCH).map(fresh));
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
  })());
});

// The copy's address for a request: without query or fragment, a folder as its index.html.
function copyAddress(request) {
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  if (url.pathname.endsWith("/")) {
    url.pathname += "index.html";
  }
  return url.href;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(scope())) {
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const copy = await cache.match(copyAddress(request));
    if (copy) {
      return copy;
    }
    try {
      return await fetch(request);
    } catch (error) {
      const notFound = request.mode === "navigate" && await cache.match(new URL("404.html", scope()).href);
      if (notFound) {
        return notFound;
      }
      throw error;
    }
  })());
});
