/* A topic page of the comparison: switch between the pair differences the build precomputed (nothing
 * is diffed here). Choosing the columns is compare-choose.js. Works from disk; no requests. */
(function () {
  "use strict";

  /** The precomputed diff of two policies, in either order, or null. */
  function findPair(container, a, b) {
    return Array.prototype.find.call(container.querySelectorAll(".pair-diff"), function (section) {
      var left = section.dataset.left, right = section.dataset.right;
      return (left === a && right === b) || (left === b && right === a);
    }) || null;
  }

  /** Show only `section` (null: none) and say so when the two picks are the same policy. */
  function showPair(container, section, same) {
    container.querySelectorAll(".pair-diff").forEach(function (s) { s.hidden = s !== section; });
    container.querySelector(".pair-same").hidden = !same;
  }

  function wirePairPicker(container) {
    var form = container.querySelector(".pair-picker");
    var left = form.elements.left, right = form.elements.right;
    left.value = container.dataset.selectedLeft;
    right.value = container.dataset.selectedRight;
    function fromSelects() {
      showPair(container, findPair(container, left.value, right.value), left.value === right.value);
    }
    function fromHash() {
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (!target || !target.classList.contains("pair-diff") || !container.contains(target)) return;
      left.value = target.dataset.left;
      right.value = target.dataset.right;
      showPair(container, target, false);
      target.scrollIntoView();
    }
    form.addEventListener("change", fromSelects);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("hashchange", fromHash);
    fromHash();
  }

  document.querySelectorAll(".pair-diffs").forEach(wirePairPicker);
})();
