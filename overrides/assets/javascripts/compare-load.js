/* Loading the comparison's data scripts on demand: a page opened from disk cannot fetch JSON, but it can
 * add a <script> from its own site. Each script is loaded once; `HandbookCompare.load(src)` resolves
 * when it has run. Used by compare-choose.js and compare-search.js. */
(function () {
  "use strict";

  var loading = new Map();

  function load(src) {
    if (!loading.has(src)) {
      loading.set(src, new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(script);
      }));
    }
    return loading.get(src);
  }

  window.HandbookCompare = { load: load };
})();
