/* The site search: answers the theme's search box (mkdocs-material 9) in place of the theme's own
 * search worker, with the same messages, over the index the build wrote into search-index/
 * (generator/render/search.py) instead of an index of every page rebuilt in the browser on every page.
 * A query loads the parts of the word index its words need and the texts of the best results, nothing
 * else; nothing is requested from outside the site. The build points the theme at this file
 * (generator/mkdocs_plugin.py) and leaves the theme's own index empty.
 *
 * Runs as a Web Worker or, from disk, in the theme's stand-in for one (an iframe, where importScripts
 * returns a promise). */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // the theme's message types
  var INDEX = "search-index/index.js"; // generator/search_index.py: INDEX
  var READER = "assets/javascripts/search-index.js"; // how to read the index, shared with the compare search
  var PAGES_LISTED = 25; // pages a result lists, best first
  var BEGINS_WITH = 0.5; // a word that only begins with a query word counts half a word that is it

  // The site's top folder: this script is assets/javascripts/search-worker.js.
  var here = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : self.location.href;
  var root = new URL("../../", here).href;

  var loaded = new Map();

  /** Runs a script of the site once; resolves when it has run. */
  function load(address) {
    var url = root + address;
    if (!loaded.has(url)) {
      loaded.set(url, new Promise(function (resolve) { resolve(importScripts(url)); }));
    }
    return loaded.get(url);
  }

  var index; // the index's first script and what is worked out from it, once

  function ready() {
    if (!index) {
      index = load(INDEX).then(function () {
        var data = self.HANDBOOK_SEARCH;
        var policyOf = new Int32Array(data.pages.first);
        data.policies.forEach(function (p, i) { policyOf.fill(i, p.first, p.first + p.count); });
        var total = data.pages.first + data.pages.count;
        return load(data.lunr).then(function () {
          return Promise.all([load(READER), load(data.pages.texts)]);
        }).then(function () {
          return { data: data, policyOf: policyOf, total: total };
        });
      });
    }
    return index;
  }

  /** Entry number → score for one query word: words that are it or share its stem score their rarity;
   * words that begin with it (from three letters on) half as much. */
  function scoresOf(word, search) {
    var key = self.HandbookSearchIndex.partKey(word), address = search.data.parts[key];
    if (!address) return Promise.resolve(new Map());
    return load(address).then(function () {
      var scores = new Map();
      self.HandbookSearchIndex.found(self.HANDBOOK_SEARCH_WORDS[key], word).forEach(function (indexed) {
        var score = Math.log(1 + search.total / indexed.numbers.length) * (indexed.same ? 1 : BEGINS_WITH);
        indexed.numbers.forEach(function (n) {
          if (!(scores.get(n) >= score)) scores.set(n, score);
        });
      });
      return scores;
    });
  }

  /** Entries matching every word, with the sum of their scores. */
  function matching(words, search) {
    return Promise.all(words.map(function (w) { return scoresOf(w, search); })).then(function (all) {
      return all.reduce(function (both, next) {
        var out = new Map();
        both.forEach(function (score, n) { if (next.has(n)) out.set(n, score + next.get(n)); });
        return out;
      });
    });
  }

  /** The entry as results show it: [label, title, words, address]. */
  function entry(n, search) {
    var data = search.data;
    if (n >= data.pages.first) return self.HANDBOOK_SEARCH_PAGES[n - data.pages.first];
    var policy = data.policies[search.policyOf[n]];
    return self.HANDBOOK_SEARCH_TEXTS[policy.slug][n - policy.first];
  }

  function pageOf(address) {
    return address.split("#")[0];
  }

  /** The matches by page (a provision's page is its policy's), best page first, at most PAGES_LISTED. */
  function byPage(scores, search) {
    var data = search.data, pages = new Map();
    scores.forEach(function (score, n) {
      var page = n < data.pages.first ? data.policies[search.policyOf[n]].page : pageOf(entry(n, search)[3]);
      if (!pages.has(page)) pages.set(page, { page: page, best: 0, first: n, entries: [] });
      var group = pages.get(page);
      group.entries.push(n);
      group.best = Math.max(group.best, score);
      group.first = Math.min(group.first, n);
    });
    return Array.from(pages.values()).sort(function (a, b) { return b.best - a.best || a.first - b.first; })
      .slice(0, PAGES_LISTED);
  }

  /** Loads the texts of the policies whose provisions the listed pages show. */
  function loadTexts(groups, search) {
    var data = search.data, scripts = new Set();
    groups.forEach(function (group) {
      group.entries.forEach(function (n) {
        if (n < data.pages.first) scripts.add(data.policies[search.policyOf[n]].texts);
      });
    });
    return Promise.all(Array.from(scripts).map(load));
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }

  /** `text` as HTML, each word that begins with one of `words` marked. */
  function marked(text, words) {
    var escaped = words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}_])((?:" + escaped.join("|") + ")[\\p{L}\\p{N}_'’]*)", "giu");
    var out = "", position = 0, match;
    while ((match = pattern.exec(text))) {
      var start = match.index + match[1].length;
      out += escape(text.slice(position, start)) + "<mark>" + escape(match[2]) + "</mark>";
      position = start + match[2].length;
    }
    return out + escape(text.slice(position));
  }

  /** One page's result as the theme draws it: its entries, best first, and the page itself. */
  function describe(group, scores, words, search) {
    var terms = {};
    words.forEach(function (w) { terms[w] = true; });
    var entries = group.entries.slice().sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
    var docs = entries.map(function (n) {
      var shown = entry(n, search), name = [shown[0], shown[1]].filter(Boolean).join(" ");
      return { location: shown[3], title: marked(name || "¶", words), text: marked(shown[2], words),
               score: scores.get(n), terms: terms };
    });
    if (!docs.some(function (doc) { return doc.location === group.page; })) {
      docs.push({ location: group.page, title: escape(pageTitle(group.page, search)), text: "", score: 0, terms: terms });
    }
    return docs;
  }

  function pageTitle(page, search) {
    var policy = search.data.policies.find(function (p) { return p.page === page; });
    if (policy) return policy.title;
    var own = self.HANDBOOK_SEARCH_PAGES.find(function (e) { return e[3] === page; });
    return own ? own[1] : page;
  }

  function search(query) {
    return ready().then(function (search) {
      var words = self.HandbookSearchIndex.queryWords(query);
      if (!words.length) return { items: [] };
      return matching(words, search).then(function (scores) {
        var groups = byPage(scores, search);
        return loadTexts(groups, search).then(function () {
          return { items: groups.map(function (g) { return describe(g, scores, words, search); }) };
        });
      });
    });
  }

  // Queries are numbered: an answer that comes after the answer to a later query is dropped (the
  // box shows the last answer it gets), one that comes first is sent, so results show while one types.
  var asked = 0, answered = 0;

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      self.postMessage({ type: READY }); // the theme's own index is empty: nothing to build
    } else if (message.type === QUERY) {
      var mine = ++asked;
      search(message.data).catch(function () { return { items: [] }; }).then(function (data) {
        if (mine < answered) return;
        answered = mine;
        self.postMessage({ type: RESULT, data: data });
      });
    }
  });
})();
