/* Reading the site's search index (generator/search_index.py writes it), shared by the site search's
 * worker (search-worker.js) and the compare search (compare-search.js): how a query is cut into words,
 * which part of the index holds a word, and which indexed words a query word finds. Needs lunr.js (its
 * stemmer and stop words, as the index was written with). Runs in a page or in a worker. */
(function () {
  "use strict";

  var KEY_LENGTH = 3; // words are filed under their first three letters; a shorter word under itself

  /** The words of a query worth looking up, as the index was written: lower-cased, no stop words. */
  function queryWords(text) {
    return (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) || []).filter(function (word) {
      return lunr.stopWordFilter(new lunr.Token(word)) !== undefined;
    });
  }

  /** The key of the part of the index that holds `word` (and the words it begins). */
  function partKey(word) {
    return word.slice(0, KEY_LENGTH);
  }

  /** Entry numbers, from the differences the index writes them as. */
  function numbers(deltas) {
    var out = new Array(deltas.length), number = 0;
    for (var i = 0; i < deltas.length; i++) out[i] = number += deltas[i];
    return out;
  }

  /** The indexed words of `part` that `word` finds: the word itself, the words with its stem (`same`), and,
   * from three letters on, the words it begins; each with the numbers of the entries that have it. */
  function found(part, word) {
    var stem = lunr.stemmer(new lunr.Token(word)).toString();
    var begins = word.length >= KEY_LENGTH;
    var out = [];
    Object.keys(part).forEach(function (indexed) {
      var same = indexed === word || part[indexed][0] === stem;
      if (same || (begins && indexed.startsWith(word))) out.push({ same: same, numbers: numbers(part[indexed][1]) });
    });
    return out;
  }

  self.HandbookSearchIndex = { queryWords: queryWords, partKey: partKey, found: found };
})();
