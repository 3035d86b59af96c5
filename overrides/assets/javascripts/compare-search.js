/* The compare search: words typed are looked up in the provision index built at build time
 * (window.HANDBOOK_COMPARE_SEARCH, loaded into lunr.js with lunr.Index.load); the department and topic
 * filters narrow the results, which are grouped by topic with the departments side by side.
 * Results update as one types; nothing is requested from anywhere. */
(function () {
  "use strict";

  var data = window.HANDBOOK_COMPARE_SEARCH;
  var form = document.querySelector(".compare-search");
  var status = document.getElementById("compare-status");
  var results = document.getElementById("compare-results");
  if (!form || !status || !results) return;
  if (!data || !window.lunr) {
    status.textContent = "The search index could not be loaded.";
    return;
  }

  var index = lunr.Index.load(data.index);
  var policyBySlug = new Map(data.policies.map(function (p) { return [p.slug, p]; }));

  /** The words of the query worth looking up: lunr's tokens without its stop words ("the", "or"). */
  function queryWords(text) {
    return lunr.tokenizer(text).map(String).filter(function (word) {
      return lunr.stopWordFilter(new lunr.Token(word)) !== undefined;
    });
  }

  /** Scores of the provisions matching one word: as typed and stemmed, or as the start of a longer word. */
  function matchesOf(word) {
    var found = new Map();
    index.query(function (query) {
      query.term(word, { boost: 10 });
      query.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
    }).forEach(function (hit) { found.set(hit.ref, hit.score); });
    return found;
  }

  /** Scores of the provisions matching every word, or null when there are no words (everything matches). */
  function matching(words) {
    if (!words.length) return null;
    return words.map(matchesOf).reduce(function (all, next) {
      var both = new Map();
      all.forEach(function (score, ref) { if (next.has(ref)) both.set(ref, score + next.get(ref)); });
      return both;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function link(href, text, className) {
    var a = element("a", className, text);
    a.href = href;
    return a;
  }

  /** `text` as nodes, each word that begins with one of `words` marked. */
  function highlighted(text, words) {
    var fragment = document.createDocumentFragment();
    if (!words.length) {
      fragment.appendChild(document.createTextNode(text));
      return fragment;
    }
    var escaped = words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    var pattern = new RegExp("\\b(?:" + escaped.join("|") + ")[\\w'’]*", "gi");
    var position = 0, match;
    while ((match = pattern.exec(text))) {
      fragment.appendChild(document.createTextNode(text.slice(position, match.index)));
      fragment.appendChild(element("mark", null, match[0]));
      position = match.index + match[0].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(position)));
    return fragment;
  }

  function provisionNode(provision, words) {
    var node = element("div", "compare-provision");
    var paragraph = element("p");
    paragraph.appendChild(link(provision.href, provision.label || "¶", "provision-label"));
    paragraph.appendChild(document.createTextNode(" "));
    paragraph.appendChild(highlighted(provision.text, words));
    node.appendChild(paragraph);
    return node;
  }

  /** One topic's results: a column per policy, in the handbook's order. */
  function topicNode(topic, hits, words) {
    var section = element("section", "compare-topic-results");
    section.dataset.topic = topic.id;
    var heading = element("h2");
    heading.appendChild(link(topic.href, topic.title));
    section.appendChild(heading);
    var columns = element("div", "compare-columns");
    data.policies.forEach(function (policy) {
      var own = hits.filter(function (p) { return p.policy === policy.slug; });
      if (!own.length) return;
      var column = element("section", "compare-column" + (policy.template ? " template-column" : ""));
      column.dataset.policy = policy.slug;
      var name = element("h3", "compare-agency");
      name.appendChild(link(policy.href, policy.name));
      column.appendChild(name);
      own.forEach(function (p) { column.appendChild(provisionNode(p, words)); });
      columns.appendChild(column);
    });
    section.appendChild(columns);
    return section;
  }

  function summary(hits) {
    if (!hits.length) return "No provision matches.";
    var policies = new Set(hits.map(function (p) { return p.policy; }));
    return hits.length + (hits.length === 1 ? " provision" : " provisions") + " from " + policies.size +
      (policies.size === 1 ? " policy" : " policies") + ".";
  }

  function render() {
    var text = form.elements.q.value.trim();
    var department = form.elements.department.value, topicId = form.elements.topic.value;
    if (!text && !department && !topicId) {
      results.replaceChildren();
      status.textContent = "Type a word, or choose a department or a topic.";
      return;
    }
    var words = queryWords(text);
    var scores = matching(words);
    var hits = data.provisions.filter(function (p) {
      return (!scores || scores.has(p.id)) && (!department || p.policy === department) &&
        (!topicId || p.topics.indexOf(topicId) >= 0);
    });
    var groups = data.topics.filter(function (t) { return !topicId || t.id === topicId; }).map(function (topic) {
      var own = hits.filter(function (p) { return p.topics.indexOf(topic.id) >= 0; });
      return own.length ? topicNode(topic, own, words) : null;
    }).filter(Boolean);
    results.replaceChildren.apply(results, groups);
    status.textContent = summary(hits) + (department ? " Department: " + policyBySlug.get(department).name + "." : "");
  }

  form.addEventListener("input", render);
  form.addEventListener("change", render);
  form.addEventListener("submit", function (event) { event.preventDefault(); render(); });
  // Coming back to the page, the browser may restore what was typed: show its results again.
  window.addEventListener("pageshow", render);
  render();
})();
