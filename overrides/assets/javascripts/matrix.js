/* A matrix (the coverage matrix, the decisions matrix) on a phone: one department at a time instead of a
 * grid two columns of which fit the screen (generator/render/matrix.py). The chooser above the matrix names
 * the department; the other departments' cells are marked, and a phone's styles hide them (handbook.css;
 * wider screens show every column and no chooser). The choice is kept in the address (`?department=`),
 * replacing it rather than adding to the history, so that a reload or a shared link shows the same
 * department. A department the reader adds to the coverage matrix (compare-choose.js) gets an option, a
 * copy of the page's template. Works from disk. Needs contract.js (and shared.js where departments are added). */
(function () {
  "use strict";

  var CONTRACT = self.HANDBOOK_CONTRACT;
  var PARAMETER = "department";

  function some(list, test) { return Array.prototype.some.call(list, test); }

  function wire(chooser) {
    var select = chooser.querySelector("select");
    var table = document.getElementById(select.getAttribute("aria-controls"));
    var heads = table.tHead.rows[0];

    function offered(slug) { return some(select.options, function (option) { return option.value === slug; }); }

    /** The department the address names, when the chooser offers it. */
    function recall() {
      var wanted = new URLSearchParams(location.search).get(PARAMETER);
      if (wanted && offered(wanted)) select.value = wanted;
    }

    /** Marks every cell of the other departments' columns (a row heading a group spans them all). */
    function show() {
      table.querySelectorAll(".matrix-other").forEach(function (cell) { cell.classList.remove("matrix-other"); });
      var others = Array.prototype.filter.call(heads.cells, function (head) {
        return "policy" in head.dataset && head.dataset.policy !== select.value;
      }).map(function (head) { return head.cellIndex; });
      Array.prototype.forEach.call(table.rows, function (row) {
        if (row.cells.length !== heads.cells.length) return;
        others.forEach(function (index) { row.cells[index].classList.add("matrix-other"); });
      });
    }

    /** An option for each department added to the matrix since the page was drawn. */
    function offerAdded() {
      Array.prototype.forEach.call(heads.cells, function (head) {
        if (!("policy" in head.dataset) || offered(head.dataset.policy)) return;
        select.append(self.HandbookShared.fromTemplate(CONTRACT.templates.matrixOption,
          { slug: head.dataset.policy, name: head.textContent.trim() }));
      });
    }

    var addable = document.getElementById(CONTRACT.templates.matrixOption) !== null;
    if (addable) {
      offerAdded(); // departments added again from the reader's choices before this script ran
      new MutationObserver(function () { offerAdded(); recall(); show(); }).observe(heads, { childList: true });
    }
    recall();
    show();
    chooser.hidden = false;
    select.addEventListener("change", function () {
      var params = new URLSearchParams(location.search);
      params.set(PARAMETER, select.value);
      history.replaceState(history.state, "", "?" + params + location.hash);
      show();
    });
    window.addEventListener("popstate", function () { recall(); show(); });
  }

  function wireAll() { document.querySelectorAll(".matrix-show").forEach(wire); }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wireAll);
  else wireAll();
})();
