/* Which policies a comparison page shows. The boxes show or hide the columns on the page (a topic's
 * columns, or the coverage matrix's); with many agencies, a search box adds any other department: on a
 * topic page its column comes from its own script (compare/columns/<slug>.js, loaded when added), in
 * the matrix its cells are drawn from compare/policies.js. Departments the reader adds are remembered
 * in this browser and added again on every comparison page. Works from disk; nothing leaves the site. */
(function () {
  "use strict";

  var STORE = "handbook-compare-added";
  var OFFERED = 8; // departments listed under the add box at a time

  function stored() {
    try {
      return JSON.parse(window.localStorage.getItem(STORE)) || [];
    } catch {
      return []; // nothing stored yet, or storage refused
    }
  }

  function remember(slug, added) {
    var slugs = stored().filter(function (s) { return s !== slug; });
    if (added) slugs.push(slug);
    try {
      window.localStorage.setItem(STORE, JSON.stringify(slugs));
    } catch { /* storage refused (private mode): the choice lasts for this page only */ }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /** The rows of the coverage matrix that hold a cell per policy (not the group headings). */
  function matrixRows(table) {
    return Array.prototype.filter.call(table.rows, function (row) { return !row.classList.contains("coverage-group"); });
  }

  /** A topic page's column of one policy, or the matrix's cells of it (found by its header's place). */
  function columnsOf(slug) {
    var column = document.querySelector('.compare-column[data-policy="' + CSS.escape(slug) + '"]');
    if (column) return [column];
    var table = document.querySelector(".coverage-matrix");
    var head = table && table.querySelector('thead th[data-policy="' + CSS.escape(slug) + '"]');
    if (!head) return [];
    return matrixRows(table).map(function (row) { return row.cells[head.cellIndex]; });
  }

  /** The box of a department the reader added (marked, so unticking it forgets the choice). */
  function showBox(chooser, slug, name) {
    var label = element("label");
    var box = element("input");
    box.type = "checkbox";
    box.name = "show";
    box.value = slug;
    box.checked = true;
    box.dataset.added = "";
    label.append(box, " " + name);
    chooser.insertBefore(label, chooser.querySelector(".compare-add"));
  }

  /** A topic page: the policy's column on this topic, from its columns script. */
  function addColumn(chooser, root, policy) {
    return window.HandbookCompare.load(root + policy.columns).then(function () {
      var html = window.HANDBOOK_COMPARE_COLUMNS[policy.slug][chooser.dataset.topic];
      document.querySelector(".compare-columns").insertAdjacentHTML("beforeend", html);
    });
  }

  function matrixCell(root, policy, topic, count) {
    var cell = element("td", count ? "addressed" : "not-addressed", count ? null : "not addressed");
    if (count) {
      var link = element("a", null, count + (count === 1 ? " provision" : " provisions"));
      link.href = root + topic.page + "#" + policy.slug;
      link.title = policy.name + " on " + topic.title;
      cell.append(link);
    }
    return cell;
  }

  /** The coverage matrix: the policy's header, a cell per topic and its total, before the last column.
   * Rows are in the order of `data.topics`. */
  function addMatrixColumn(root, data, policy) {
    var table = document.querySelector(".coverage-matrix");
    var head = element("th");
    head.scope = "col";
    head.dataset.policy = policy.slug;
    var link = element("a", null, policy.name);
    link.href = root + policy.page;
    head.append(link);
    var addressed = policy.counts.filter(Boolean).length;
    var total = element("td", null, addressed + " of " + data.topics.length);
    var topicRows = Array.from(table.tBodies).flatMap(matrixRows);
    topicRows.forEach(function (row, i) {
      row.insertBefore(matrixCell(root, policy, data.topics[i], policy.counts[i]), row.lastElementChild);
    });
    [[table.tHead.rows[0], head], [table.tFoot.rows[0], total]].forEach(function (pair) {
      pair[0].insertBefore(pair[1], pair[0].lastElementChild);
    });
    table.querySelectorAll(".coverage-group th").forEach(function (th) { th.colSpan += 1; });
    return Promise.resolve();
  }

  function wire(chooser) {
    var data = window.HANDBOOK_COMPARE_POLICIES;
    var root = chooser.dataset.root;
    var topic = chooser.dataset.topic;
    var topicNumber = data && topic ? data.topics.findIndex(function (t) { return t.id === topic; }) : -1;
    var bySlug = new Map(data ? data.policies.map(function (p) { return [p.slug, p]; }) : []);
    var input = chooser.querySelector("#compare-add-input");
    var offers = chooser.querySelector(".compare-add-options");

    function present(slug) {
      return Boolean(chooser.querySelector('input[name=show][value="' + CSS.escape(slug) + '"]'));
    }

    /** Whether a policy may be added here: a department not on the page that addresses this topic. */
    function addable(policy) {
      return !policy.template && !present(policy.slug) && (topicNumber < 0 || policy.counts[topicNumber] > 0);
    }

    function add(policy) {
      var adding = topic ? addColumn(chooser, root, policy) : addMatrixColumn(root, data, policy);
      return adding.then(function () {
        showBox(chooser, policy.slug, policy.name);
        remember(policy.slug, true);
      });
    }

    function offer() {
      var typed = input.value.trim().toLowerCase();
      var matching = typed ? data.policies.filter(function (p) {
        return addable(p) && p.name.toLowerCase().indexOf(typed) >= 0;
      }) : [];
      offers.replaceChildren.apply(offers, matching.slice(0, OFFERED).map(function (policy) {
        var item = element("li");
        var button = element("button", "compare-add-button", "Add " + policy.name);
        button.type = "button";
        button.dataset.slug = policy.slug;
        item.append(button);
        return item;
      }));
      if (typed && !matching.length) offers.append(element("li", null, "No other department by that name addresses this."));
      if (matching.length > OFFERED) offers.append(element("li", null, (matching.length - OFFERED) + " more: type more of the name."));
    }

    chooser.addEventListener("change", function (event) {
      var box = event.target;
      if (box.name !== "show") return;
      columnsOf(box.value).forEach(function (column) { column.hidden = !box.checked; });
      if ("added" in box.dataset) remember(box.value, box.checked);
    });
    if (!input || !data) return;
    input.disabled = false;
    input.addEventListener("input", offer);
    offers.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-slug]");
      if (!button) return;
      add(bySlug.get(button.dataset.slug)).then(function () {
        input.value = "";
        offer();
        input.focus();
      });
    });
    // The departments this reader added on any comparison page, in the order added.
    stored().map(function (slug) { return bySlug.get(slug); })
      .filter(function (policy) { return policy && addable(policy); })
      .reduce(function (done, policy) { return done.then(function () { return add(policy); }); }, Promise.resolve());
  }

  document.querySelectorAll(".compare-choose").forEach(wire);
})();
