/* The site search: answers the theme's search box (mkdocs-material 9) in place of the theme's own
 * search worker, with the same messages, over the index the build wrote into search-index/
 * (generator/features/search/render.py) instead of an index of every page rebuilt in the browser on every page.
 * A query loads the parts of the word index its words need and the texts of the best results, nothing
 * else; nothing is requested from outside the site. The build points the theme at this file
 * (generator/mkdocs_plugin/) and leaves the theme's own index empty.
 *
 * Runs as a Web Worker or, from disk, in the theme's stand-in for one (an iframe, where importScripts
 * returns a promise). Its first scripts are the contract (generator/contract.py: the index's address,
 * its globals and fields) and shared.js (loading a script of the site), beside this one. */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // the theme's message types
  var PAGES_LISTED = 25; // pages a result lists, best first

  var here = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : self.location.href;
  function beside(name) { return new URL(name, here).href; }
  var started = new Promise(function (resolve) { resolve(importScripts(beside("contract.js"))); })
    .then(function () { return importScripts(beside("shared.js")); });

  var CONTRACT, ENTRY; // once started

  /** Runs a script of the site (its address from the site's top folder) once; resolves when it has run. */
  function load(address) {
    return self.HandbookShared.loadScript(self.HandbookShared.siteAddress(address));
  }

  var index; // the index's first script and what is worked out from it, once

  function ready() {
    if (!index) {
      index = started.then(function () {
        CONTRACT = self.HANDBOOK_CONTRACT;
        ENTRY = CONTRACT.fields.searchEntry;
        return load(CONTRACT.paths.searchIndex);
      }).then(function () {
        var data = self[CONTRACT.globals.searchIndex];
        var policyOf = new Int32Array(data.pages.first);
        data.policies.forEach(function (p, i) { policyOf.fill(i, p.first, p.first + p.count); });
        return load(data.lunr).then(function () {
          return Promise.all([load(CONTRACT.paths.searchReader), load(data.pages.texts)]);
        }).then(function () {
          return { data: data, policyOf: policyOf, engine: self.HandbookSearchIndex.engine(data, load) };
        });
      });
    }
    return index;
  }

  /** The entry as results show it: the contract's `searchEntry` (read by the names of `ENTRY`). */
  function entry(n, search) {
    var data = search.data;
    if (n >= data.pages.first) return self[CONTRACT.globals.searchPages][n - data.pages.first];
    var policy = data.policies[search.policyOf[n]];
    return self[CONTRACT.globals.searchTexts][policy.slug][n - policy.first];
  }

  function pageOf(address) {
    return address.split("#")[0];
  }

  /** The matches by page (a provision's page is its policy's), best page first, at most PAGES_LISTED. */
  function byPage(scores, search) {
    var data = search.data, pages = new Map();
    scores.forEach(function (score, n) {
      var page = n < data.pages.first ? data.policies[search.policyOf[n]].page : pageOf(entry(n, search)[ENTRY.address]);
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

  /** `text` as HTML, the places of the words `matched` marked (search-index.js finds them). */
  function marked(text, matched, search) {
    var out = "", position = 0;
    search.engine.highlights(text, matched).forEach(function (range) {
      out += escape(text.slice(position, range[0])) + "<mark>" + escape(text.slice(range[0], range[1])) + "</mark>";
      position = range[1];
    });
    return out + escape(text.slice(position));
  }

  /** One page's result as the theme draws it: its entries, best first, and the page itself. A
   * provision shows its label and heading (or its section's), then its words. */
  function describe(group, scores, result, search) {
    var terms = {};
    result.matched.forEach(function (w) { terms[w] = true; });
    var entries = group.entries.slice().sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
    var docs = entries.map(function (n) {
      var shown = entry(n, search), name = [shown[ENTRY.label], shown[ENTRY.title]].filter(Boolean).join(" ");
      var title = marked(name || "¶", result.matched, search);
      var section = shown[ENTRY.section];
      if (section && !shown[ENTRY.title]) title += ' <span class="search-section">(' + escape(section) + ")</span>";
      return { location: shown[ENTRY.address], title: title, text: marked(shown[ENTRY.words], result.matched, search),
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
    var own = self[CONTRACT.globals.searchPages].find(function (e) { return e[ENTRY.address] === page; });
    return own ? own[ENTRY.title] : page;
  }

  /** What the reader should know first: a word replaced by a near one, or words nothing has. */
  function notice(result, query) {
    var said = [];
    result.suggestions.forEach(function (s) {
      said.push("Did you mean <mark>" + escape(s.to) + "</mark>? Nothing has “" + escape(s.from) + "”: showing “" +
        escape(s.to) + "”.");
    });
    result.missing.filter(function (w) { return w.length >= 4; }).forEach(function (w) { said.push("No page or provision has the word “" + escape(w) + "”."); });
    if (!said.length) return null;
    var corrected = query;
    // The typed word is text, not a pattern; the suggestion is put in as it is (no `$&`-style patterns).
    result.suggestions.forEach(function (s) {
      var typed = new RegExp(s.from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
      corrected = corrected.replace(typed, function () { return s.to; });
    });
    return [{ location: CONTRACT.paths.compareSearch + "?q=" + encodeURIComponent(corrected), title: said.join(" "),
              text: "", score: 0, terms: {} }];
  }

  /** What a query that only leaves words out gets: how to look for something. */
  function onlyLeavingOut() {
    return [{ location: CONTRACT.paths.compareSearch, title: "A minus only leaves out what has the word: add a word " +
              "to look for (<mark>photos -uniform</mark>), or leave words out of a department's or a topic's " +
              "provisions in the compare search.", text: "", score: 0, terms: {} }];
  }

  function search(query) {
    return ready().then(function (search) {
      return search.engine.search(query).then(function (result) {
        if (!result.scores) return { items: result.clauses.length ? [onlyLeavingOut()] : [] };
        var scores = result.scores, first = search.data.pages.first;
        scores.forEach(function (score, n) {
          if (n >= first) scores.set(n, search.engine.titleBonus(score, entry(n, search)[ENTRY.title], query));
        });
        var groups = byPage(scores, search);
        return loadTexts(groups, search).then(function () {
          var items = groups.map(function (g) { return describe(g, scores, result, search); });
          var first = notice(result, query);
          return { items: first ? [first].concat(items) : items };
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
