/* Which policies a comparison page shows. The boxes show or hide the columns on the page (a topic's
 * columns, or the coverage matrix's); with many agencies, a search box adds any other department: on a
 * topic page its column comes from its own script (compare/columns/<slug>.js, loaded when added), in
 * the matrix its cells are copies of the page's templates filled from compare/policies.js. Departments
 * the reader adds are remembered in this browser and added again on every comparison page. Works from
 * disk; nothing leaves the site. Needs contract.js and shared.js. */
(function () {
  "use strict";

  var CONTRACT = self.HANDBOOK_CONTRACT, shared = self.HandbookShared;
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
  function showBox(chooser, policy) {
    var box = shared.fromTemplate(CONTRACT.templates.showBox, { slug: policy.slug, name: policy.name });
    chooser.insertBefore(box, chooser.querySelector(".compare-add"));
  }

  /** A topic page: the policy's column on this topic, from its columns script (HTML the build wrote). */
  function addColumn(chooser, policy) {
    return shared.loadScript(shared.siteAddress(policy.columns)).then(function () {
      var html = self[CONTRACT.globals.compareColumns][policy.slug][chooser.dataset.topic];
      document.querySelector(".compare-columns").insertAdjacentHTML("beforeend", html);
    });
  }

  /** The policy's cell on a topic: the template's variant for its number of provisions there, or, with
   * none while some of its provisions wait for review, the variant saying so. */
  function matrixCell(policy, topic, count) {
    var variant = count === 0 && policy.unreviewed ? "unreviewed" : count;
    return shared.fromTemplate(CONTRACT.templates.coverageCell,
      { link: shared.siteAddress(topic.page) + "#" + policy.slug, waiting: policy.unreviewed || "" }, variant);
  }

  /** The coverage matrix: the policy's header, a cell per topic and its total, before the last column.
   * Rows are in the order of `data.topics`. */
  function addMatrixColumn(data, policy) {
    var table = document.querySelector(".coverage-matrix");
    var head = shared.fromTemplate(CONTRACT.templates.coverageHead,
      { slug: policy.slug, link: shared.siteAddress(policy.page), name: policy.name });
    var total = shared.fromTemplate(CONTRACT.templates.coverageTotal, { addressed: policy.counts.filter(Boolean).length });
    var topicRows = Array.from(table.tBodies).flatMap(matrixRows);
    topicRows.forEach(function (row, i) {
      row.insertBefore(matrixCell(policy, data.topics[i], policy.counts[i]), row.lastElementChild);
    });
    [[table.tHead.rows[0], head], [table.tFoot.rows[0], total]].forEach(function (pair) {
      pair[0].insertBefore(pair[1], pair[0].lastElementChild);
    });
    table.querySelectorAll(".coverage-group th").forEach(function (th) { th.colSpan += 1; });
    return Promise.resolve();
  }

  function wire(chooser) {
    var data = self[CONTRACT.globals.comparePolicies];
    var topic = chooser.dataset.topic;
    var topicNumber = data && topic ? data.topics.findIndex(function (t) { return t.id === topic; }) : -1;
    var bySlug = new Map(data ? data.policies.map(function (p) { return [p.slug, p]; }) : []);
    var input = document.getElementById(CONTRACT.ids.compareAddInput);
    var offers = document.getElementById(CONTRACT.ids.compareAddOptions);

    function present(slug) {
      return Boolean(chooser.querySelector('input[name=show][value="' + CSS.escape(slug) + '"]'));
    }

    /** Whether a policy may be added here: a department not on the page that addresses this topic. */
    function addable(policy) {
      return !policy.template && !present(policy.slug) && (topicNumber < 0 || policy.counts[topicNumber] > 0);
    }

    function add(policy) {
      var adding = topic ? addColumn(chooser, policy) : addMatrixColumn(data, policy);
      return adding.then(function () {
        showBox(chooser, policy);
        remember(policy.slug, true);
      });
    }

    function offer() {
      var typed = input.value.trim().toLowerCase();
      var matching = typed ? data.policies.filter(function (p) {
        return addable(p) && p.name.toLowerCase().indexOf(typed) >= 0;
      }) : [];
      offers.replaceChildren.apply(offers, matching.slice(0, OFFERED).map(function (policy) {
        return shared.fromTemplate(CONTRACT.templates.addOffer, { slug: policy.slug, name: policy.name });
      }));
      function note(text) { offers.append(shared.fromTemplate(CONTRACT.templates.addNote, { note: text })); }
      if (typed && !matching.length) note("No other department by that name addresses this.");
      if (matching.length > OFFERED) note((matching.length - OFFERED) + " more: type more of the name.");
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
