/* On the hosted site (http or https), registers the service worker that keeps the whole handbook for
   reading without a network (offline-worker.js, served as sw.js from the top of the site). Opened from
   disk it does nothing: browsers allow no worker there, and every file is already at hand. */
"use strict";

(() => {
  const script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) {
    return;
  }
  // This script is assets/javascripts/offline-register.js: the site's top is two folders up.
  const top = new URL("../../", script.src);
  navigator.serviceWorker.register(new URL("sw.js", top).href, {scope: top.pathname}).catch(() => {
    // Without the worker the site works as before, online; nothing to tell the reader.
  });
})();
