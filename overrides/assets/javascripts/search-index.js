/* The site's search engine, shared by the site search's worker (search-worker.js) and the compare
 * search (compare-search.js): it reads the index generator/features/search/index.py writes, parses a query,
 * finds and ranks the entries, and says which words of a text to highlight.
 *
 * Queries: words (all must match; the last one as typed also finds the words it begins), "quoted
 * phrases", -word or -"phrase" to leave out. Words are cut, folded and joined into compounds by the
 * rules the index carries (`data.rules`, written by Python), so a query is read exactly as the texts
 * were indexed. A word finds the same word, the words with its stem (lunr's stemmer), and, when it
 * finds nothing else and has five letters or more, the words one edit away (lunr.TokenSet); a word
 * finding nothing at all gets a "did you mean" from the whole vocabulary. Needs lunr.js, and contract.js
 * for the names of the index's globals and fields (generator/contract.py). Runs in a page or in a worker. */
(function () {
  "use strict";

  // How much a match counts, relative to the word itself (each is weighted by the word's rarity).
  var WEIGHT = { exact: 1, stem: 0.85, prefix: 0.5, typo: 0.4 };
  var TITLE = 2.5; // a match in a label, heading, defined term or page title, against one in the body
  var PHRASE = 1.5; // a quoted phrase found as a phrase, against its words apart
  var WHOLE_TITLE = 3; // an entry whose title is exactly the query
  var TYPO_FROM = 5; // letters a word needs to be matched one edit away

  /** Entry numbers, from the differences the index writes them as. */
  function numbers(deltas) {
    var out = new Array(deltas.length), number = 0;
    for (var i = 0; i < deltas.length; i++) out[i] = number += deltas[i];
    return out;
  }

  /** Where `n` is in the sorted `list`, or -1. */
  function indexOf(list, n) {
    var low = 0, high = list.length - 1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (list[middle] === n) return middle;
      if (list[middle] < n) low = middle + 1; else high = middle - 1;
    }
    return -1;
  }

  function stemOf(word) {
    return lunr.stemmer(new lunr.Token(word)).toString();
  }

  /** An engine over the index `data` (the contract's `searchIndex`); `load(address)` runs a script of the site
   * (addresses from its top folder) and resolves when it has run. */
  function engine(data, load) {
    var CONTRACT = self.HANDBOOK_CONTRACT;
    var WORD = CONTRACT.fields.indexWord, FOLDERS = CONTRACT.fields.placesFolders;
    var rules = data.rules;
    var token = new RegExp(rules.token, "gu");
    var hyphen = new RegExp("[" + rules.hyphens + "]", "u");
    var compounds = new Set(rules.compounds);
    var total = data.pages.first + data.pages.count;
    var decoded = new Map(); // "key word" → {numbers, title}

    function fold(word) {
      var out = "";
      for (var i = 0; i < word.length; i++) out += rules.fold[word[i]] || word[i];
      return rules.spellings[out] || out;
    }

    function partKey(word) {
      return word.slice(0, rules.keyLength);
    }

    /** The places of `text` as the index has them: each its words (one, or a compound's parts and their
     * join) and where it is in `text`. */
    function places(text) {
      var tokens = [], match;
      var lower = text.toLowerCase();
      token.lastIndex = 0;
      while ((match = token.exec(lower))) {
        tokens.push({ parts: match[0].split(hyphen).map(fold), start: match.index, end: match.index + match[0].length });
      }
      var out = [];
      for (var i = 0; i < tokens.length; i++) {
        var t = tokens[i], parts = t.parts, end = t.end;
        if (parts.length === 1 && i + 1 < tokens.length && tokens[i + 1].parts.length === 1 &&
            compounds.has(parts[0] + tokens[i + 1].parts[0])) {
          parts = [parts[0], tokens[i + 1].parts[0]];
          end = tokens[++i].end;
        }
        out.push({ words: parts.length > 1 ? parts.concat([parts.join("")]) : parts, start: t.start, end: end });
      }
      return out;
    }

    /** The query as clauses: {words: [word of each place], phrase, negated, prefix}. */
    function parse(query) {
      var clauses = [], pattern = /(-?)"([^"]*)"?|(-?)([^\s"]+)/g, match;
      while ((match = pattern.exec(query))) {
        var quoted = match[2] !== undefined;
        var negated = (quoted ? match[1] : match[3]) === "-";
        var words = [], typed = places(quoted ? match[2] : match[4]), joinable = null;
        typed.forEach(function (place) {
          // A compound the texts never write with a hyphen is looked for as its parts, one after the other
          // (or, typed alone, as one word when the texts write it so: `life-style` finds `lifestyle`).
          var joined = place.words[place.words.length - 1];
          if (place.words.length === 1 || compounds.has(joined)) words.push(joined);
          else {
            words.push.apply(words, place.words.slice(0, -1));
            if (typed.length === 1) joinable = joined;
          }
        });
        if (!words.length) continue;
        clauses.push({ words: words, phrase: words.length > 1, quoted: quoted, negated: negated, prefix: false,
                       joinable: joinable, end: match.index + match[0].length });
      }
      // Two words typed apart whose join is a compound are the compound (`off duty` is `off-duty`).
      for (var i = 0; i + 1 < clauses.length; i++) {
        var a = clauses[i], b = clauses[i + 1];
        if (!a.quoted && !b.quoted && !a.phrase && !b.phrase && a.negated === b.negated &&
            compounds.has(a.words[0] + b.words[0])) {
          a.words = [a.words[0] + b.words[0]];
          a.end = b.end;
          clauses.splice(i + 1, 1);
        }
      }
      var last = clauses[clauses.length - 1];
      if (last && !last.quoted && !last.phrase && !last.negated && last.end === query.length &&
          last.words[0].length >= rules.keyLength) last.prefix = true;
      return clauses;
    }

    function part(key) {
      var address = data.parts[key];
      if (!address) return Promise.resolve(null);
      return load(address).then(function () { return self[CONTRACT.globals.searchWords][key]; });
    }

    function postings(key, word, value) {
      var id = key + " " + word;
      if (!decoded.has(id)) {
        var titled = value[WORD.titleEntries];
        decoded.set(id, { numbers: numbers(value[WORD.entries]), title: new Set(titled ? numbers(titled) : []) });
      }
      return decoded.get(id);
    }

    /** The indexed words `word` finds, each {word, kind, numbers, title, key}: the word, the words with
     * its stem, with `prefix` the words it begins, and, if none, those one edit away (`typos`). */
    function lookup(word, prefix, typos) {
      var key = partKey(word);
      return part(key).then(function (words) {
        if (!words) return [];
        var stem = stemOf(word), out = [];
        Object.keys(words).forEach(function (indexed) {
          var kind = indexed === word ? "exact" : words[indexed][WORD.stem] === stem ? "stem" :
            prefix && indexed.startsWith(word) ? "prefix" : null;
          if (kind) out.push(found(key, indexed, kind, words));
        });
        if (!out.length && typos && word.length >= TYPO_FROM) {
          var listed = lunr.TokenSet.fromArray(Object.keys(words).sort());
          listed.intersect(lunr.TokenSet.fromFuzzyString(word, 1)).toArray().forEach(function (indexed) {
            out.push(found(key, indexed, "typo", words));
          });
        }
        return out;
      });
    }

    function found(key, indexed, kind, words) {
      var p = postings(key, indexed, words[indexed]);
      return { word: indexed, kind: kind, numbers: p.numbers, title: p.title, key: key };
    }

    var vocabulary; // the whole vocabulary as a lunr.TokenSet, built on the first "did you mean"

    /** The most common indexed word one edit (two, from eight letters) from `word`, or null. */
    function suggest(word) {
      if (word.length < 4) return Promise.resolve(null);
      return load(data.vocabulary).then(function () {
        var listed = self[CONTRACT.globals.searchVocabulary];
        if (!vocabulary) {
          vocabulary = { set: lunr.TokenSet.fromArray(listed.words), count: new Map() };
          listed.words.forEach(function (w, i) { vocabulary.count.set(w, listed.counts[i]); });
        }
        var near = vocabulary.set.intersect(lunr.TokenSet.fromFuzzyString(word, word.length >= 8 ? 2 : 1)).toArray();
        near.sort(function (a, b) { return vocabulary.count.get(b) - vocabulary.count.get(a) || (a < b ? -1 : 1); });
        return near.length ? near[0] : null;
      });
    }

    /** entry number → [places] for a phrase's words, from the places files; resolves when loaded. */
    function placesOf(matches) {
      var keys = new Set();
      matches.forEach(function (m) { keys.add(m.key); });
      return Promise.all(Array.from(keys).map(function (key) {
        return load(data.parts[key].replace(data.places[FOLDERS.words], data.places[FOLDERS.places]));
      }));
    }

    function placesIn(match, n) {
      var i = indexOf(match.numbers, n);
      if (i < 0) return [];
      var at = self[CONTRACT.globals.searchPlaces][match.key][match.word][i];
      return typeof at === "number" ? [at] : numbers(at);
    }

    /** Entry → score for one clause, and the words it matched. */
    function score(clause) {
      if (clause.joinable) {
        var apart = Object.assign({}, clause, { joinable: null });
        return Promise.all([lookup(clause.joinable, false, false), score(apart)]).then(function (both) {
          if (!both[0].length) return both[1];
          var out = combine(clause, [both[0]]);
          both[1].scores.forEach(function (s, n) { if (!(out.scores.get(n) >= s)) out.scores.set(n, s); });
          out.matched = out.matched.concat(both[1].matched);
          return out;
        });
      }
      var each = clause.words.map(function (word, i) {
        var last = i === clause.words.length - 1;
        return lookup(word, clause.prefix && last, !clause.negated && !clause.phrase);
      });
      return Promise.all(each).then(function (lists) {
        var suggestion = null;
        var empty = lists.findIndex(function (list) { return !list.length; });
        if (empty >= 0 && !clause.negated && !clause.phrase) {
          return suggest(clause.words[0]).then(function (word) {
            if (!word) return { scores: new Map(), matched: [], missing: clause.words[0] };
            suggestion = { from: clause.words[0], to: word };
            return lookup(word, false, false).then(function (list) {
              var out = combine(clause, [list]);
              out.suggestion = suggestion;
              return out;
            });
          });
        }
        if (empty >= 0) return { scores: new Map(), matched: [], missing: clause.words[empty] };
        var out = combine(clause, lists);
        if (!clause.phrase) return out;
        return placesOf([].concat.apply([], lists)).then(function () { return phrases(out, lists); });
      });
    }

    /** Entries having a match for every word of the clause, each scored by its best match per word. */
    function combine(clause, lists) {
      var scores = null, matched = [];
      lists.forEach(function (list) {
        var own = new Map();
        list.forEach(function (m) {
          var weight = Math.log(1 + total / m.numbers.length) * WEIGHT[m.kind];
          matched.push(m.word);
          m.numbers.forEach(function (n) {
            var s = weight * (m.title.has(n) ? TITLE : 1);
            if (!(own.get(n) >= s)) own.set(n, s);
          });
        });
        if (!scores) { scores = own; return; }
        var both = new Map();
        scores.forEach(function (s, n) { if (own.has(n)) both.set(n, s + own.get(n)); });
        scores = both;
      });
      return { scores: scores || new Map(), matched: matched };
    }

    /** Keeps the entries where the words follow one another. */
    function phrases(out, lists) {
      var kept = new Map();
      out.scores.forEach(function (s, n) {
        var at = lists.map(function (list) {
          var set = new Set();
          list.forEach(function (m) { placesIn(m, n).forEach(function (p) { set.add(p); }); });
          return set;
        });
        var starts = Array.from(at[0]);
        if (starts.some(function (p) { return at.every(function (set, i) { return set.has(p + i); }); })) kept.set(n, s * PHRASE);
      });
      out.scores = kept;
      return out;
    }

    /** The query's results: {scores: entry → score, matched: the indexed words found (to highlight),
     * suggestions: [{from, to}], missing: words nothing matched, clauses}. A query that only leaves
     * words out (`-uniform`) looks for nothing: its `scores` are null and `excluded` holds the entries
     * it leaves out, for a caller that has something else to leave them out of (a filter). */
    function search(query) {
      var clauses = parse(query);
      var positive = clauses.filter(function (c) { return !c.negated; });
      if (!positive.length) {
        return Promise.all(clauses.map(score)).then(function (results) {
          var excluded = new Set();
          results.forEach(function (r) { r.scores.forEach(function (_, n) { excluded.add(n); }); });
          return { scores: null, excluded: excluded, matched: new Set(), suggestions: [], missing: [], clauses: clauses };
        });
      }
      return Promise.all(clauses.map(score)).then(function (results) {
        var scores = null, matched = new Set(), suggestions = [], missing = [];
        results.forEach(function (r, i) {
          if (clauses[i].negated) return;
          r.matched.forEach(function (w) { matched.add(w); });
          if (r.suggestion) suggestions.push(r.suggestion);
          if (r.missing) missing.push(r.missing);
          if (!scores) { scores = r.scores; return; }
          var both = new Map();
          scores.forEach(function (s, n) { if (r.scores.has(n)) both.set(n, s + r.scores.get(n)); });
          scores = both;
        });
        results.forEach(function (r, i) {
          if (clauses[i].negated) r.scores.forEach(function (_, n) { scores.delete(n); });
        });
        return { scores: scores, matched: matched, suggestions: suggestions, missing: missing, clauses: clauses };
      });
    }

    /** The words of the query as one string of folded words, to compare with a title. */
    function plain(text) {
      return places(text).map(function (p) { return p.words[p.words.length - 1]; }).join(" ");
    }

    /** `score` raised for an entry whose title is the query itself. */
    function titleBonus(score, title, query) {
      return title && plain(title) === plain(query.replace(/"/g, "")) ? score * WHOLE_TITLE : score;
    }

    /** Where in `text` the words `matched` are: [[start, end]] in order. */
    function highlights(text, matched) {
      if (!matched.size) return [];
      return places(text).filter(function (place) {
        return place.words.some(function (w) { return matched.has(w); });
      }).map(function (place) { return [place.start, place.end]; });
    }

    return { parse: parse, search: search, highlights: highlights, titleBonus: titleBonus, places: places, total: total };
  }

  self.HandbookSearchIndex = { engine: engine };
})();
