/* What the site's scripts share, in a page and in the search worker: loading a script of the site once,
 * the address of a file from the site's top folder, and filling a copy of a template the build rendered
 * (generator/contract.py names them). A page opened from disk cannot fetch JSON, but it can run a
 * script of its own site: every data file is a script. `siteAddress` reads contract.js, loaded first. */
(function () {
  "use strict";

  var inPage = typeof document !== "undefined";
  // This script's address: in a page its element's; in a worker the worker's, which is in the same
  // folder (in the theme's stand-in for a worker, an iframe, this script has an element too).
  var own = inPage && document.currentScript ? document.currentScript.src : self.location.href;

  /** The address of `address`, given from the site's top folder (this script is in the contract's
   * `paths.scripts`: the top folder is one folder up for each of its folders). */
  function siteAddress(address) {
    var CONTRACT = self.HANDBOOK_CONTRACT;
    var up = CONTRACT.paths.scripts.split("/").filter(Boolean).map(function () { return "../"; });
    return new URL(up.join("") + address, own).href;
  }

  var loaded = new Map();

  /** Runs the script at `src` once (later calls get the same promise); resolves when it has run. A
   * worker imports it (the theme's stand-in for a worker returns a promise), a page adds an element. */
  function loadScript(src) {
    var url = new URL(src, inPage ? document.baseURI : self.location.href).href;
    if (!loaded.has(url)) {
      loaded.set(url, typeof importScripts === "function"
        ? new Promise(function (resolve) { resolve(importScripts(url)); })
        : new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          script.onerror = function () { reject(new Error("could not load " + src)); };
          document.head.appendChild(script);
        }));
    }
    return loaded.get(url);
  }

  var PLACEHOLDER = /\{(\w+)\}/g;

  /** `text` with each `{name}` of `values` put in (once: what is put in is not read again). */
  function filledText(text, values) {
    return text.replace(PLACEHOLDER, function (whole, name) { return name in values ? String(values[name]) : whole; });
  }

  /** `text` as nodes, each `{name}` of `values` replaced by its value: a node as it is, anything else as text. */
  function filledNodes(text, values) {
    var nodes = [], position = 0, match;
    PLACEHOLDER.lastIndex = 0;
    while ((match = PLACEHOLDER.exec(text))) {
      if (!(match[1] in values)) continue;
      var value = values[match[1]];
      nodes.push(text.slice(position, match.index), value instanceof Node ? value : String(value));
      position = match.index + match[0].length;
    }
    nodes.push(text.slice(position));
    return nodes.filter(function (node) { return node !== ""; });
  }

  /** A copy of the element of the template `id` (of its variant `variant`, when it has variants) with
   * the `{name}`s of its text and attributes filled from `values`. Whatever they hold stays text: a
   * value goes into a text node or an attribute's value, never into markup. */
  function fromTemplate(id, values, variant) {
    var template = document.getElementById(id);
    if (variant !== undefined) template = template.content.querySelector('template[data-variant="' + CSS.escape(String(variant)) + '"]');
    var copy = template.content.firstElementChild.cloneNode(true);
    var texts = [], walker = document.createTreeWalker(copy, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (var node = copy; node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.data.indexOf("{") >= 0) texts.push(node);
        continue;
      }
      Array.prototype.forEach.call(node.attributes, function (attribute) {
        if (attribute.value.indexOf("{") >= 0) attribute.value = filledText(attribute.value, values);
      });
    }
    texts.forEach(function (text) { text.replaceWith.apply(text, filledNodes(text.data, values)); });
    return copy;
  }

  self.HandbookShared = { loadScript: loadScript, siteAddress: siteAddress, fromTemplate: fromTemplate };
})();
