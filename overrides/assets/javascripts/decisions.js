/* The decisions matrix: filter the questions by topic and by answer ("which departments prohibit X").
 * A row stays when it is on the chosen topic and some department on the page gives the chosen answer;
 * the cells giving it are marked (in words too: "matches" is read out, and a mark is drawn before them).
 * The sentences under the matrix follow the same filter. The filters are kept in the address, so that back
 * and forward step through them and a shared link shows the same rows. Works from disk; no requests. */
(function () {
  "use strict";

  var CONTRACT = self.HANDBOOK_CONTRACT;

  function onTopic(element, topic) {
    return !topic || element.dataset.topics.split(" ").indexOf(topic) >= 0;
  }

  function apply(form, status) {
    var topic = form.elements.topic.value, answer = form.elements.answer.value;
    var rows = 0, cells = 0;
    document.querySelectorAll(".decisions-matrix tr[data-question]").forEach(function (row) {
      var matching = 0;
      row.querySelectorAll("td[data-answer]").forEach(function (cell) {
        var match = Boolean(answer) && cell.dataset.answer === answer && !cell.classList.contains("decision-template");
        cell.classList.toggle("decision-match", match); // its style says "matches" in words, not by colour alone
        if (match) matching += 1;
      });
      var shown = onTopic(row, topic) && (!answer || matching > 0);
      row.hidden = !shown;
      if (shown) { rows += 1; cells += matching; }
    });
    document.querySelectorAll(".decisions-matrix tbody").forEach(function (body) {
      body.hidden = !body.querySelector("tr[data-question]:not([hidden])");
    });
    document.querySelectorAll(".decisions-question").forEach(function (section) {
      var items = section.querySelectorAll("li[data-answer]");
      var any = false;
      items.forEach(function (item) {
        var keep = !answer || item.dataset.answer === answer;
        item.hidden = !keep;
        any = any || keep;
      });
      section.hidden = !onTopic(section, topic) || (Boolean(answer) && !any);
    });
    var total = document.querySelectorAll(".decisions-matrix tr[data-question]").length;
    if (!topic && !answer) {
      status.textContent = "All " + total + " questions.";
    } else if (answer) {
      status.textContent = rows + " of " + total + " questions; " + cells + " answers “" + answer + "” on this page.";
    } else {
      status.textContent = rows + " of " + total + " questions on this topic.";
    }
  }

  var FILTERS = ["topic", "answer"];

  /** Sets the filters to what the address says (a value the filter does not offer is left out). */
  function recall(form) {
    var params = new URLSearchParams(location.search);
    FILTERS.forEach(function (name) {
      var value = params.get(name) || "";
      var offered = Array.prototype.some.call(form.elements[name].options, function (o) { return o.value === value; });
      form.elements[name].value = offered ? value : "";
    });
  }

  /** The filters in the address, each choice a step of the history (back undoes it); other parameters
   * (the department a phone shows) stay. */
  function remember(form) {
    var params = new URLSearchParams(location.search);
    FILTERS.forEach(function (name) {
      if (form.elements[name].value) params.set(name, form.elements[name].value);
      else params.delete(name);
    });
    var query = params.toString();
    history.pushState(null, "", (query ? "?" + query : location.pathname) + location.hash);
  }

  function wire() {
    var form = document.querySelector(".decisions-filters");
    var status = document.getElementById(CONTRACT.ids.decisionsStatus);
    if (!form || !status) return;
    recall(form);
    form.addEventListener("change", function () { remember(form); apply(form, status); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () { recall(form); apply(form, status); });
    apply(form, status);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
