/* The compare search, over the site's search index (generator/features/search/render.py; read with
 * search-index.js): a word index split by the first three letters of each word, so that typing loads
 * only the parts of the words typed, and the policies' words, several policies to a script, loaded for
 * the results shown. It finds the
 * provisions that have a topic. The department, topic and answer filters narrow the results (the answer
 * filter to the departments giving that answer to a question of the codebook, on the question's topics
 * unless words or a topic are chosen; the answers are in compare/answers.js), which are grouped
 * by topic with the departments side by side, a few at first ("Show more departments" adds others),
 * drawn from the page's templates. Nothing is requested from outside the site. Needs contract.js,
 * shared.js, lunr.js and search-index.js. */
(function () {
  "use strict";

  var GROUP_POLICIES = 6; // departments a topic's results show at first, and each "Show more" adds
  // The group of the matches no topic covers: definitions, purposes, headings; it leads to the glossary.
  var OTHER = { id: "other", title: "Definitions and provisions of no topic", page: "glossary.html" };

  var CONTRACT = self.HANDBOOK_CONTRACT || { globals: {}, ids: {} };
  var data = self[CONTRACT.globals.searchIndex], topics = self[CONTRACT.globals.searchTopics];
  var form = document.querySelector(".compare-search");
  var status = document.getElementById(CONTRACT.ids.compareStatus);
  var results = document.getElementById(CONTRACT.ids.compareResults);
  if (!form || !status || !results) return;
  var shared = self.HandbookShared, index = self.HandbookSearchIndex;
  if (!data || !topics || !self.lunr || !shared || !index) {
    status.textContent = "The search index could not be loaded.";
    return;
  }
  var ENTRY = CONTRACT.fields.searchEntry;
  var siteAddress = shared.siteAddress; // the index's addresses are from the site's top folder
  function load(fromTop) { return shared.loadScript(siteAddress(fromTop)); }

  // Provision number → its policy's number (provisions are numbered policy after policy; the index's
  // other entries, pages, come after them and are not searched here).
  var total = data.pages.first;
  var policyOf = new Int32Array(total);
  data.policies.forEach(function (policy, i) { policyOf.fill(i, policy.first, policy.first + policy.count); });
  var policyNumber = new Map(data.policies.map(function (p, i) { return [p.slug, i]; }));
  var topicNumber = new Map(topics.topics.map(function (t, i) { return [t.id, i]; }));
  var answers = self[CONTRACT.globals.compareAnswers] || { policies: [], questions: {} };
  var answerNumber = new Map(answers.policies.map(function (slug, i) { return [slug, i]; }));

  /** The answer filter's choice (`question id=answer id`), or null for any answer. */
  function answerChoice(value) {
    var parts = (value || "").split("="), question = answers.questions[parts[0]];
    var answer = question ? question.answers.indexOf(parts[1]) : -1;
    return answer < 0 ? null : { question: question, answer: answer, value: value };
  }

  /** The policy numbers (of the search index) of the departments giving the chosen answer. */
  function answering(choice) {
    var found = new Set();
    data.policies.forEach(function (policy, i) {
      var n = answerNumber.get(policy.slug);
      if (n !== undefined && choice.question.given[n] === choice.answer) found.add(i);
    });
    return found;
  }

  data.policies.forEach(function (policy) {
    form.elements.department.append(new Option(policy.name, policy.slug));
  });

  var engine = index.engine(data, load);

  /** The query's results (search-index.js), or null when there are no words (everything matches). */
  function matching(text) {
    return text ? engine.search(text) : Promise.resolve(null);
  }

  /** `text` as nodes, the places of the words `matched` marked (search-index.js finds them). */
  function highlighted(text, matched) {
    var fragment = document.createDocumentFragment(), position = 0;
    engine.highlights(text, matched).forEach(function (range) {
      var mark = document.createElement("mark");
      mark.textContent = text.slice(range[0], range[1]);
      fragment.append(text.slice(position, range[0]), mark);
      position = range[1];
    });
    fragment.append(text.slice(position));
    return fragment;
  }

  /** One provision of a result: its label linking to it, and its words. */
  function provisionNode(number, words) {
    var policy = data.policies[policyOf[number]];
    var shown = self[CONTRACT.globals.searchTexts][policy.slug][number - policy.first];
    return shared.fromTemplate(CONTRACT.templates.resultProvision, {
      link: siteAddress(shown[ENTRY.address]), label: shown[ENTRY.label] || "¶", words: highlighted(shown[ENTRY.words], words),
    });
  }

  function columnNode(policyIndex, numbersOfPolicy, words) {
    var policy = data.policies[policyIndex];
    var column = shared.fromTemplate(CONTRACT.templates.resultColumn, { slug: policy.slug, link: siteAddress(policy.page), name: policy.name },
      policy.template ? "template" : "department");
    numbersOfPolicy.forEach(function (n) { column.appendChild(provisionNode(n, words)); });
    return column;
  }

  /** Loads what the columns of `policies` (policy numbers) show. */
  function loadTexts(policies) {
    return Promise.all(policies.map(function (i) { return load(data.policies[i].texts); }));
  }

  /** The hits of one topic by policy, in the handbook's order: [[policy number, [provision numbers]]]. */
  function byPolicy(hits) {
    var grouped = new Map();
    hits.forEach(function (n) {
      var p = policyOf[n];
      if (!grouped.has(p)) grouped.set(p, []);
      grouped.get(p).push(n);
    });
    return Array.from(grouped.entries());
  }

  /** One topic's results: a column per policy, the first `initially`, and a button showing more. */
  function topicNode(topic, policies, words, initially) {
    var section = shared.fromTemplate(CONTRACT.templates.resultTopic, { topic: topic.id, link: siteAddress(topic.page), title: topic.title });
    var columns = section.querySelector(".compare-columns"), more = section.querySelector(".compare-more");
    var shown = 0;

    function showNext(count) {
      var next = policies.slice(shown, shown + count);
      shown += next.length;
      next.forEach(function (entry) { columns.appendChild(columnNode(entry[0], entry[1], words)); });
      var left = policies.length - shown;
      more.hidden = left === 0;
      more.textContent = (shown ? "Show more departments (" + left + " more" : "Show the departments (" + left) +
        " on " + topic.title + ")";
    }

    more.addEventListener("click", function () {
      var next = policies.slice(shown, shown + GROUP_POLICIES).map(function (entry) { return entry[0]; });
      loadTexts(next).then(function () { showNext(GROUP_POLICIES); });
    });
    showNext(initially);
    return section;
  }

  /** A word replaced by a near one ("did you mean"), or words nothing has. */
  function notes(result) {
    if (!result) return "";
    return result.suggestions.map(function (s) { return "Nothing has “" + s.from + "”: showing “" + s.to + "”. "; })
      .concat(result.missing.map(function (w) { return "Nothing has the word “" + w + "”. "; })).join("");
  }

  function summary(hits) {
    if (!hits.length) return "No provision matches.";
    var policies = new Set(hits.map(function (n) { return policyOf[n]; }));
    return hits.length + (hits.length === 1 ? " provision" : " provisions") + " from " + policies.size +
      (policies.size === 1 ? " policy" : " policies") + ".";
  }

  /** The provisions with a topic matching the words and filters, in number order; with an answer
   * chosen, those of the departments giving it, on the question's topics when `onQuestion`. */
  function filtered(found, department, topic, choice, onQuestion) {
    var from = department === undefined ? 0 : data.policies[department].first;
    var to = department === undefined ? total : from + data.policies[department].count;
    var numbers = found ? Array.from(found).filter(function (n) { return n >= from && n < to; })
      .sort(function (a, b) { return a - b; }) : Array.from({ length: to - from }, function (_, i) { return from + i; });
    var policies = choice && answering(choice);
    var questionTopics = choice && onQuestion && choice.question.topics.map(function (id) { return topicNumber.get(id); });
    return numbers.filter(function (n) {
      var own = topics.provisionTopics[n];
      if (policies && !policies.has(policyOf[n])) return false;
      if (questionTopics && !own.some(function (t) { return questionTopics.indexOf(t) >= 0; })) return false;
      return topic === undefined ? own.length || found : own.indexOf(topic) >= 0;
    });
  }

  /** The hits under each topic, in the topics' order: [[topic, hits by policy]], topics without hits left out. */
  function byTopic(hits, topic, only) {
    var under = topics.topics.map(function () { return []; }), other = [];
    hits.forEach(function (n) {
      if (!topics.provisionTopics[n].length) other.push(n);
      topics.provisionTopics[n].forEach(function (t) {
        if ((topic === undefined || t === topic) && (!only || only.indexOf(t) >= 0)) under[t].push(n);
      });
    });
    var groups = under.map(function (own, t) { return own.length ? [topics.topics[t], byPolicy(own)] : null; }).filter(Boolean);
    // Definitions and the provisions no topic covers, after the topics (only when words are searched).
    if (other.length) groups.push([OTHER, byPolicy(other)]);
    return groups;
  }

  // Renders are numbered: while parts load, typing goes on; a render that finishes after a later one
  // was drawn is dropped, but one that finishes first is drawn, so results show while one types.
  var latest = 0, drawn = 0;
  var FIRST_DRAWN = 2; // topics drawn at once; the others right after, so that the first show sooner

  /** Draws the topics' results, each with the departments up to `lastShown` (a policy number): the
   * first few topics now, the others in the next task unless typing went on. */
  function draw(groups, words, lastShown, wanted) {
    function node(group) {
      var initially = group[1].filter(function (entry) { return entry[0] <= lastShown; }).length;
      return topicNode(group[0], group[1], words, initially);
    }
    results.replaceChildren.apply(results, groups.slice(0, FIRST_DRAWN).map(node));
    if (groups.length <= FIRST_DRAWN) return;
    setTimeout(function () {
      if (wanted === drawn) results.append.apply(results, groups.slice(FIRST_DRAWN).map(node));
    });
  }

  /** The query and filters in the page's address, so that a search can be bookmarked, shared, and
   * gone back to: typing replaces the address, choosing a filter adds one to the history. */
  function remember(text, department, topicId, answer, push) {
    var params = new URLSearchParams();
    if (text) params.set("q", text);
    if (department) params.set("department", department);
    if (topicId) params.set("topic", topicId);
    if (answer) params.set("answer", answer);
    var address = location.pathname + (params.toString() ? "?" + params : "") + location.hash;
    if (address === location.pathname + location.search + location.hash) return;
    try {
      history[push ? "pushState" : "replaceState"](null, "", address);
    } catch { /* some browsers refuse it from disk: the search still works */ }
  }

  /** The form as the page's address says. */
  function recall() {
    var params = new URLSearchParams(location.search);
    form.elements.q.value = params.get("q") || "";
    form.elements.department.value = policyNumber.has(params.get("department")) ? params.get("department") : "";
    form.elements.topic.value = topicNumber.has(params.get("topic")) ? params.get("topic") : "";
    if (form.elements.answer) form.elements.answer.value = answerChoice(params.get("answer")) ? params.get("answer") : "";
  }

  var shownFor = null; // what the results on screen are for: drawing them again would lose a click

  function render(event) {
    var text = form.elements.q.value.trim();
    var department = form.elements.department.value, topicId = form.elements.topic.value;
    var choice = answerChoice(form.elements.answer && form.elements.answer.value);
    var key = [text, department, topicId, choice ? choice.value : ""].join("\n");
    if (key === shownFor) return;
    shownFor = key;
    remember(text, department, topicId, choice && choice.value, Boolean(event && event.target && event.target.tagName === "SELECT"));
    var wanted = ++latest;
    if (!text && !department && !topicId && !choice) {
      drawn = wanted;
      results.replaceChildren();
      status.textContent = "Type a word, or choose a department or a topic.";
      return;
    }
    var topic = topicId ? topicNumber.get(topicId) : undefined;
    matching(text).then(function (result) {
      var found = result && result.scores, words = result ? result.matched : new Set();
      var onQuestion = Boolean(choice && !text && !topicId);
      var hits = filtered(found && found.keys(), department ? policyNumber.get(department) : undefined, topic, choice, onQuestion);
      // Words only left out (`-uniform`) leave them out of what the filters find.
      if (result && result.excluded) hits = hits.filter(function (n) { return !result.excluded.has(n); });
      var only = onQuestion ? choice.question.topics.map(function (id) { return topicNumber.get(id); }) : null;
      var groups = byTopic(hits, topic, only);
      // At first every topic shows the same few departments: the first ones (in the handbook's order)
      // with a result. Their words are in one or two scripts, wherever the topics' other results are.
      var first = Array.from(new Set(hits.map(function (n) { return policyOf[n]; }))).slice(0, GROUP_POLICIES);
      return loadTexts(first).then(function () {
        if (wanted < drawn) return;
        drawn = wanted;
        status.textContent = notes(result) + summary(hits) + (department ? " Department: " + data.policies[policyNumber.get(department)].name + "." : "") +
          (choice ? " Departments answering: " + answering(choice).size + "." : "");
        draw(groups, words, first[first.length - 1], wanted);
      });
    }).catch(function (error) {
      if (wanted >= drawn) status.textContent = "The search failed: " + error.message;
    });
  }

  form.addEventListener("input", render);
  form.addEventListener("change", render); // the filters; for the words box the input event has drawn them
  form.addEventListener("submit", function (event) { event.preventDefault(); render(); });
  // Back and forward: the form and results as the address says.
  window.addEventListener("popstate", function () { recall(); render(); });
  // Coming back to the page, the browser may restore what was typed: show its results again.
  window.addEventListener("pageshow", function () { render(); });
  if (location.search) recall();
  render();
  // Results show the first departments (in the handbook's order) first: have their words ready.
  if (data.policies.length) loadTexts([0]).catch(function () { /* the search says so when it needs them */ });
})();
