/* A print edition (generator/features/print/render.py): puts each policy's text, which the scripts just
 * before this one brought (`print/parts/<slug>.js`), in its place. The page runs them all as it is read,
 * so the edition is whole before the browser shows or prints it; works from disk. The texts are the
 * build's HTML, escaped where Python wrote them, as the comparison pages' columns are. */
(function () {
  "use strict";

  var CONTRACT = self.HANDBOOK_CONTRACT;
  var parts = self[CONTRACT.globals.printParts] || {};

  // A policy's place is the section naming it (the edition's only elements that name a policy).
  document.querySelectorAll("section[data-policy]").forEach(function (place) {
    var text = parts[place.dataset.policy];
    if (text !== undefined) place.insertAdjacentHTML("beforeend", text);
  });
})();
