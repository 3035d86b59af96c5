/* "Draft your policy": answers the template's options in the form and shows them in the preview.
 *
 * The policy text, its variants, labels and blanks are all rendered by the generator
 * (generator/features/draft/render.py). This script only shows and hides variants, picks precomputed labels,
 * fills typed text into slots with textContent, keeps the answers in localStorage, reads and writes
 * answers files (YAML, via the vendored js-yaml), and writes the Markdown and Word downloads from the
 * text's structure (generator/document.py) by the table of formats (generator/writers/formats.py), both
 * received as data, as `handbook draft` writes them; and the policy file `handbook adopt` writes, by
 * filling in its skeleton (generator/features/draft/adopting.py), received as data too.
 */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("draft-data").textContent);
  const form = document.getElementById("draft-form");
  const article = document.getElementById("draft-document");
  const message = document.getElementById("draft-message");
  const progress = document.getElementById("draft-progress");
  const unansweredList = document.getElementById("draft-unanswered");
  const STORAGE_KEY = "handbook-draft:" + data.template;
  const AGENCY_KEY = "handbook-draft-agency"; // one agency drafts from every template
  const layout = document.getElementById("draft--layout");
  const preview = document.getElementById("draft--preview");
  const position = document.getElementById("draft--position");
  const agencyInput = document.getElementById("draft--agency");
  const paperSelect = document.getElementById("draft--paper");
  const HIGHLIGHT_MS = 1600;
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  // The structure of the template's text (generator/document.py, from draft-document.js) and the table
  // of formats (generator/writers/formats.py): the downloads are written from them, not from the preview.
  // That script also brings the options' rules and the messages (the page's own data stays small).
  const CONTRACT = self.HANDBOOK_CONTRACT;
  const DOCUMENT = self[CONTRACT.globals.draftDocument];
  const FORMATS = DOCUMENT.formats;
  Object.assign(data, DOCUMENT.rules);
  const options = new Map(data.options.map((o) => [o.id, o]));
  // The one rule for dates (generator/schema.py's DATES), received as data rather than restated here.
  const DATE = data.date;
  const DATE_PATTERN = new RegExp("^(?:" + DATE.pattern + ")$");
  // White space as Python's `str.split()` finds it (JavaScript's `\s` differs), from the table of formats.
  const WHITESPACE = new RegExp(FORMATS.policyFile.whitespace, "u");
  const ADOPT = DOCUMENT.adopt;

  // --- Small helpers ---------------------------------------------------------------------------

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
  }

  /** Runs of white space become one space, as the generator does with answers. */
  function normalized(text) {
    return String(text).split(WHITESPACE).filter(Boolean).join(" ");
  }

  function fieldset(optionId) {
    return form.querySelector('fieldset[data-option="' + CSS.escape(optionId) + '"]');
  }

  /** Why `text` is not a date by the generator's rule (written as DATE.written, a real day, within its
   * range): `not-a-date` or `not-plausible` (as schema.DATES.fault says), or "" when it is one. */
  function dateProblem(text) {
    const date = new Date(text + "T00:00:00Z");
    if (!DATE_PATTERN.test(text) || isNaN(date) || date.toISOString().slice(0, 10) !== text) return "not-a-date";
    if (text < DATE.earliest || text > DATE.latest) return "not-plausible";
    return "";
  }

  /** `2025-01-06` as the policy shows dates ("January 6, 2025"), by the rule received as data. */
  function formatDate(iso) {
    if (dateProblem(iso)) return iso;
    const [year, month, day] = iso.split("-").map(Number);
    const parts = { month: DATE.months[month - 1], day: String(day), year: String(year) };
    return DATE.shownAs.replace(/\{(month|day|year)\}/g, (_, name) => parts[name]);
  }

  /** A message under the toolbar: `kind` is "ok", "error" or "" (under way), shown apart by colour and mark. */
  function say(text, kind) {
    message.textContent = text;
    message.dataset.kind = kind || "";
  }

  // --- Answers: what counts, defaults --------------------------------------------------------------

  /** A complete answer: fill-ins have text (possibly ""), choices an alternative with its input. */
  function isAnswered(option, value) {
    if (value === undefined || value === null) return false;
    if (option.kind === "choice") {
      const alternative = option.alternatives.find((a) => a.id === (isMapping(value) ? value.choice : value));
      return Boolean(alternative) && (!alternative.input || (isMapping(value) && Boolean(value.input)));
    }
    return true;
  }

  /** The optional parts the answers leave out. */
  function omittedParts(answers) {
    return new Set(data.options.filter((o) => o.kind === "optional" && answers[o.id] === "omit").map((o) => o.id));
  }

  /** Whether an option is asked: not while a part holding every place it stands is left out (the
   * parts come from the structure, generator/document.py's `options_within`). */
  function isAsked(option, omitted) {
    return !option.within.some((part) => omitted.has(part));
  }

  function defaults() {
    const answers = {};
    for (const option of data.options) {
      if (option.default !== null && option.default !== undefined) answers[option.id] = option.default;
    }
    return answers;
  }

  // --- The form --------------------------------------------------------------------------------

  function readFillIn(box) {
    const text = box.querySelector('[data-field="text"]');
    const empty = box.querySelector('[data-field="empty"]');
    text.disabled = empty.checked;
    const places = {};
    for (const input of box.querySelectorAll('[data-field="place"]')) {
      if (normalized(input.value)) places[input.dataset.place] = normalized(input.value);
    }
    const main = empty.checked ? "" : normalized(text.value);
    if (!empty.checked && !main) return undefined;
    return Object.keys(places).length ? { text: main, places: places } : main;
  }

  function readChoice(box, option) {
    const checked = box.querySelector('[data-field="choice"]:checked');
    if (!checked) return undefined;
    const alternative = option.alternatives.find((a) => a.id === checked.value);
    if (!alternative.input) return alternative.id;
    const input = box.querySelector('[data-field="input"][data-alternative="' + CSS.escape(alternative.id) + '"]');
    return { choice: alternative.id, input: normalized(input.value) };
  }

  function readForm() {
    const answers = {};
    for (const option of data.options) {
      const box = fieldset(option.id);
      let value;
      if (option.kind === "fill-in") value = readFillIn(box);
      else if (option.kind === "choice") value = readChoice(box, option);
      else value = (box.querySelector('[data-field="include"]:checked') || {}).value;
      if (value !== undefined) answers[option.id] = value;
    }
    return answers;
  }

  function writeForm(answers) {
    for (const option of data.options) {
      const box = fieldset(option.id);
      const value = answers[option.id];
      for (const input of box.querySelectorAll("input")) {
        if (input.type === "radio" || input.type === "checkbox") input.checked = false;
        else input.value = "";
        input.disabled = false;
      }
      if (value === undefined) continue;
      if (option.kind === "fill-in") {
        const text = isMapping(value) ? value.text : value;
        box.querySelector('[data-field="text"]').value = text;
        box.querySelector('[data-field="empty"]').checked = text === "";
        box.querySelector('[data-field="text"]').disabled = text === "";
        for (const [place, placeText] of Object.entries((isMapping(value) && value.places) || {})) {
          const input = box.querySelector('[data-field="place"][data-place="' + CSS.escape(place) + '"]');
          if (input) input.value = placeText;
        }
      } else if (option.kind === "choice") {
        const choice = isMapping(value) ? value.choice : value;
        const radio = box.querySelector('[data-field="choice"][value="' + CSS.escape(choice) + '"]');
        if (radio) radio.checked = true;
        const input = box.querySelector('[data-field="input"][data-alternative="' + CSS.escape(choice) + '"]');
        if (input && isMapping(value)) input.value = value.input || "";
      } else {
        const radio = box.querySelector('[data-field="include"][value="' + CSS.escape(value) + '"]');
        if (radio) radio.checked = true;
      }
    }
  }

  // --- The preview -----------------------------------------------------------------------------

  // The preview's elements never change, only what they show: each selector is looked up once (an
  // answer then changes the preview in well under a frame, however long the text).
  const queried = new Map();
  function all(selector) {
    if (!queried.has(selector)) queried.set(selector, Array.from(article.querySelectorAll(selector)));
    return queried.get(selector);
  }

  /** Shows `text` in a slot, or its blank when there is none. */
  function fillSlot(slot, text) {
    const fill = slot.querySelector(".draft-fill");
    const blank = slot.querySelector(".draft-blank");
    const answered = text !== undefined && text !== null;
    fill.textContent = answered ? (slot.dataset.format === "date" && text ? formatDate(text) : text) : "";
    fill.hidden = !answered;
    blank.hidden = answered;
  }

  function showFillIn(option, value) {
    const main = isMapping(value) ? value.text : value;
    const places = (isMapping(value) && value.places) || {};
    for (const slot of all('.draft-slot[data-place][data-option="' + CSS.escape(option.id) + '"]:not([data-input])')) {
      fillSlot(slot, main === undefined ? undefined : (places[slot.dataset.place] || main));
    }
  }

  function showChoice(option, value) {
    const chosen = isMapping(value) ? value.choice : value;
    for (const choice of all('.draft-choice[data-option="' + CSS.escape(option.id) + '"]')) {
      for (const variant of choice.querySelectorAll(":scope > .draft-variant")) {
        variant.hidden = variant.dataset.alternative !== chosen;
        const slot = variant.querySelector(".draft-slot[data-input]");
        if (slot) fillSlot(slot, variant.hidden || !isMapping(value) || !value.input ? undefined : value.input);
      }
      choice.querySelector(":scope > .draft-blank").hidden = Boolean(chosen);
    }
  }

  function showOptional(option, value) {
    for (const part of all('.draft-optional[data-optional="' + CSS.escape(option.id) + '"]')) {
      part.hidden = value === "omit";
      for (const marker of part.querySelectorAll('.draft-blank[data-option="' + CSS.escape(option.id) + '"]')) {
        marker.hidden = value !== undefined;
      }
    }
  }

  /** Labels after left-out optional items: the generator lists each label for each case. */
  function renumber(answers) {
    for (const label of all(".draft-label[data-renumber-by]")) {
      const omitted = label.dataset.renumberBy.split(",").filter((id) => answers[id] === "omit");
      label.labels = label.labels || JSON.parse(label.dataset.labels);
      const text = label.labels[omitted.join(",")];
      if (label.textContent !== text) label.textContent = text;
    }
  }

  /** The options asked, and the form's fieldsets of the others greyed and out of the way (their
   * answers are kept, for when their part is included again). */
  function askedOptions(answers) {
    const omitted = omittedParts(answers);
    const asked = [];
    for (const option of data.options) {
      const yes = isAsked(option, omitted);
      const box = fieldset(option.id);
      box.disabled = !yes;
      box.classList.toggle("draft-not-asked", !yes);
      const note = box.querySelector(".draft-skipped");
      if (note) note.hidden = yes;
      if (yes) asked.push(option);
    }
    return asked;
  }

  function showProgress(answers) {
    const asked = askedOptions(answers);
    const missing = asked.filter((o) => !isAnswered(o, answers[o.id]));
    // The template's defaults are answers (a saved file holds them, `handbook draft` drafts with them),
    // but nobody chose them here: the count says how many are still the template's.
    const defaulted = asked.filter((o) => o.default !== null && o.default !== undefined &&
      JSON.stringify(answers[o.id]) === JSON.stringify(o.default)).length;
    progress.textContent = (asked.length - missing.length) + " of " + asked.length + " answered" +
      (defaulted ? " (" + defaulted + " by the template's defaults)" : "");
    unansweredList.replaceChildren(...missing.map((option) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = "#" + fieldset(option.id).id;
      link.textContent = option.label;
      item.append(link);
      return item;
    }));
  }

  function showOption(option, value) {
    if (option.kind === "fill-in") showFillIn(option, value);
    else if (option.kind === "choice") showChoice(option, value);
    else showOptional(option, value);
  }

  /** Shows every answer (`only`: just that option's, and what follows from it). */
  function showAnswers(answers, only) {
    for (const option of only ? [only] : data.options) showOption(option, answers[option.id]);
    if (!only || only.kind === "optional") renumber(answers);
    showProgress(answers);
    showAdoption(answers);
    showPosition();
  }

  // --- Following the person drafting --------------------------------------------------------------

  /** Whether the preview is the page's scrolling box for the text (beside the form) or scrolls with the
   * page (on a narrow screen, shown instead of the form). */
  function previewScrollsItself() {
    return preview.scrollHeight > preview.clientHeight + 1 && getComputedStyle(preview).overflowY !== "visible";
  }

  function isNarrow() {
    return getComputedStyle(document.querySelector(".draft-switch")).display !== "none";
  }

  function shown(element) {
    return !element.closest("[hidden]") && element.getClientRects().length > 0;
  }

  /** Scrolls the preview (or, on a narrow screen, the page) so that `element` is in view, a third of
   * the way down; nothing moves when it is in view already. */
  function reveal(element) {
    const behavior = reducedMotion.matches ? "auto" : "smooth";
    const box = element.getBoundingClientRect();
    if (previewScrollsItself()) {
      const frame = preview.getBoundingClientRect();
      if (box.top >= frame.top && box.bottom <= frame.bottom) return;
      preview.scrollTo({ top: preview.scrollTop + box.top - frame.top - preview.clientHeight / 3, behavior: behavior });
    } else {
      const top = document.querySelector(".md-header") ? document.querySelector(".md-header").offsetHeight : 0;
      const sticky = document.querySelector(".draft-switch").offsetHeight;
      if (box.top >= top + sticky && box.bottom <= window.innerHeight) return;
      window.scrollTo({ top: window.scrollY + box.top - top - sticky - window.innerHeight / 4, behavior: behavior });
    }
  }

  /** Marks `elements` as just changed, for a moment (a steady outline without motion when the reader
   * asks for reduced motion: the stylesheet says how). */
  let highlighted = [];
  function highlight(elements) {
    for (const element of highlighted) element.classList.remove("draft-changed");
    for (const element of elements) element.classList.add("draft-changed");
    highlighted = elements;
    clearTimeout(highlight.timer);
    highlight.timer = setTimeout(() => {
      for (const element of elements) element.classList.remove("draft-changed");
      highlighted = [];
    }, HIGHLIGHT_MS);
  }

  /** The preview's elements an option (or one of its places) changes, shown ones first: its slots,
   * choices and blanks; an optional part, or, when it is left out, the text just before it. */
  function changedElements(optionId, place) {
    const selector = '[data-option="' + CSS.escape(optionId) + '"]';
    let found = Array.from(article.querySelectorAll(".draft-slot" + selector + ", .draft-choice" + selector));
    if (place) found = found.filter((slot) => slot.dataset.place === place);
    const part = article.querySelector('.draft-optional[data-optional="' + CSS.escape(optionId) + '"]');
    if (part) found.unshift(part.hidden ? nearestShownBefore(part) : part);
    // Not hidden: on a narrow screen the preview itself may be out of sight (shown later, at them).
    return found.filter((element) => element && !element.closest("[hidden]"));
  }

  function nearestShownBefore(element) {
    const blocks = Array.from(article.querySelectorAll(".draft-block"));
    const at = blocks.findIndex((block) => element.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING);
    for (let i = (at < 0 ? blocks.length : at) - 1; i >= 0; i--) if (shown(blocks[i])) return blocks[i];
    return null;
  }

  let pending = null; // on a narrow screen, what changed while the form was shown: revealed with the preview

  /** Shows the person drafting where an answer changed the policy: highlighted at once, and scrolled into
   * view just before the next frame is drawn (layout and style are worked out once, for that frame). */
  function follow(optionId, place) {
    const changed = changedElements(optionId, place);
    if (!changed.length) return;
    highlight(changed);
    cancelAnimationFrame(follow.frame);
    follow.frame = requestAnimationFrame(() => {
      if (isNarrow() && layout.dataset.view !== "preview") {
        pending = changed[0];
        return;
      }
      const inView = changed.find((element) => shown(element) && inPreviewView(element));
      if (shown(changed[0])) reveal(inView || changed[0]);
    });
  }

  function inPreviewView(element) {
    const box = element.getBoundingClientRect();
    const frame = previewScrollsItself() ? preview.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    return box.top >= frame.top && box.bottom <= frame.bottom;
  }

  /** "Question 7 of 19 · IV.C.5.b": where the person drafting is in the form. */
  function showPosition() {
    const box = document.activeElement && document.activeElement.closest && document.activeElement.closest("fieldset[data-option]");
    if (!box || !form.contains(box)) {
      position.textContent = "";
      return;
    }
    const asked = data.options.filter((o) => !fieldset(o.id).disabled);
    const option = options.get(box.dataset.option);
    const number = asked.indexOf(option) + 1;
    const first = box.querySelector(".draft-place-link");
    const where = first ? " · " + first.textContent : "";
    position.textContent = number ? "Question " + number + " of " + asked.length + where : "";
  }

  /** On a narrow screen: shows the form or the preview, each where it was left (the preview at what
   * changed since, if anything did). */
  const scrolled = { form: 0, preview: 0 };
  function showView(view) {
    if (layout.dataset.view === view) return;
    scrolled[layout.dataset.view] = window.scrollY;
    layout.dataset.view = view;
    for (const button of document.querySelectorAll(".draft-switch [data-view]")) {
      button.setAttribute("aria-pressed", String(button.dataset.view === view));
    }
    window.scrollTo({ top: scrolled[view], behavior: "auto" });
    if (view === "preview" && pending) {
      const element = pending;
      pending = null;
      if (shown(element)) reveal(element);
    }
  }

  /** A question's link to one of its places: the preview scrolled there. */
  function goToPlace(link) {
    const target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    if (isNarrow()) showView("preview");
    const element = shown(target) ? target : nearestShownBefore(target);
    if (!element) return;
    reveal(element);
    highlight([element]);
  }

  /** A placeholder (or a filled place) in the preview: its question, focused. */
  function goToQuestion(element) {
    const box = fieldset(element.dataset.option);
    if (!box) return;
    if (isNarrow()) showView("form");
    box.scrollIntoView({ block: "center", behavior: reducedMotion.matches ? "auto" : "smooth" });
    const control = box.querySelector("input:not([disabled]):not([type=checkbox])") || box.querySelector("summary");
    if (control) control.focus({ preventScroll: true });
    showPosition();
  }

  /** Placeholders are reached by keyboard too: each shown blank is a button to its question. */
  function markPlaceholders() {
    for (const blank of article.querySelectorAll(".draft-blank")) {
      const option = options.get(blank.dataset.option);
      blank.tabIndex = 0;
      blank.setAttribute("role", "button");
      blank.setAttribute("aria-label", blank.textContent + ": answer " + (option ? option.label : "this"));
    }
  }

  // --- Keeping answers in the browser -----------------------------------------------------------

  function store(answers) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(answers));
    } catch {
      say("Your browser does not let this page keep your answers: save them to a file instead.", "error");
    }
  }

  function agency() {
    return normalized(agencyInput.value);
  }

  function setAgency(name) {
    agencyInput.value = name;
    try {
      localStorage.setItem(AGENCY_KEY, name);
    } catch {
      // kept in the answers file when saved
    }
  }

  function storedAgency() {
    try {
      return localStorage.getItem(AGENCY_KEY) || "";
    } catch {
      return "";
    }
  }

  function stored() {
    try {
      const value = JSON.parse(localStorage.getItem(STORAGE_KEY));
      return isMapping(value) ? value : null;
    } catch {
      return null;
    }
  }

  function onFormChange(event) {
    const box = event.target.closest("fieldset");
    // Typing the text an alternative asks for chooses that alternative.
    if (event.target.dataset.field === "input") {
      const radio = box.querySelector('[data-field="choice"][value="' + CSS.escape(event.target.dataset.alternative) + '"]');
      radio.checked = true;
    }
    const answers = readForm();
    showAnswers(answers, box && options.get(box.dataset.option));
    store(answers);
    if (box && box.dataset.option) follow(box.dataset.option, event.target.dataset.place);
  }

  // --- Answers files ---------------------------------------------------------------------------

  // Checking an answers file: generator/features/draft/answers.py's checker, with its rules and messages received as
  // data (data.messages, data.options, data.versions, the date rule), so that the page refuses what
  // `handbook draft` refuses, in the same words. Answers are text as the file writes them: the file is
  // read with YAML's words for nothing as nothing and every other value as text.
  const ANSWERS_SCHEMA = new jsyaml.Schema([...jsyaml.FAILSAFE_SCHEMA.tags, jsyaml.nullYaml11Tag]);
  const FIELDS = data.fields;
  const REQUIRED = data.required;

  /** The message `name` with its values (as Python's str.format fills `{name}`). */
  function wording(name, values) {
    return data.messages[name].replace(/\{([a-z]+)\}/g, (_, key) => values[key]);
  }

  function quoted(text) {
    return JSON.stringify(text);
  }

  function got(value) {
    if (value === null || value === undefined) return wording("got-nothing", {});
    if (typeof value === "string") return wording("text", {});
    return wording(Array.isArray(value) ? "got-a-list" : "got-a-mapping", {});
  }

  /** A refusal: where (keys from the top of the file) and why. */
  function refused(path, text) {
    return { path: path, message: text };
  }

  function expected(option) {
    if (option.kind === "fill-in") return option.format === "date" ? wording("expect-date", { written: DATE.written }) : wording("expect-text", {});
    if (option.kind === "optional") return wording("expect-optional", {});
    const parts = option.alternatives.map((a) => (a.input ? wording("alternative-with-input", { id: a.id, input: a.input }) : a.id));
    return wording("expect-choice", { alternatives: parts.join(", ") });
  }

  function unknownKeys(value, keys) {
    const key = Object.keys(value).find((k) => !keys.includes(k));
    if (key !== undefined) throw refused([key], wording("unknown-key", { key: quoted(key), keys: keys.join(" and ") }));
  }

  function checkText(option, value, path) {
    if (typeof value !== "string") throw refused(path, wording("expected", { expected: expected(option), got: got(value) }));
    const text = normalized(value);
    const fault = option.format === "date" && text ? dateProblem(text) : "";
    if (fault === "not-a-date") throw refused(path, wording("not-a-date", { given: quoted(text), expected: expected(option) }));
    if (fault) throw refused(path, wording("not-plausible", { given: quoted(text), earliest: DATE.earliest, latest: DATE.latest }));
    return text;
  }

  const CHECKS = {
    "fill-in": (option, value) => {
      if (!isMapping(value)) return checkText(option, value, []);
      unknownKeys(value, ["text", "places"]);
      if (!("text" in value)) throw refused([], wording("needs-text", { expected: expected(option) }));
      const byPlace = value.places || {};
      if (!isMapping(byPlace)) throw refused(["places"], wording("places", { got: got(byPlace) }));
      for (const place of Object.keys(byPlace)) {
        if (!option.places.includes(place)) {
          const known = option.places.slice().sort().join(", ");
          throw refused(["places", place], wording("not-a-place", { place: quoted(place), places: known }));
        }
      }
      const texts = Object.entries(byPlace).map(([place, text]) => [place, checkText(option, text, ["places", place])]);
      const text = checkText(option, value.text, ["text"]);
      const places = Object.fromEntries(texts.filter(([, t]) => t));
      return Object.keys(places).length ? { text: text, places: places } : text;
    },
    choice: (option, value) => {
      let choice = value;
      let typed = null;
      let at = [];
      if (isMapping(value)) {
        unknownKeys(value, ["choice", "input"]);
        [choice, typed, at] = [value.choice, "input" in value ? value.input : null, ["choice"]];
      }
      const alternative = option.alternatives.find((a) => a.id === choice);
      if (!alternative) {
        if (typeof choice !== "string") throw refused(at, wording("expected", { expected: expected(option), got: got(choice) }));
        throw refused(at, wording("not-an-alternative", { given: quoted(choice), expected: expected(option) }));
      }
      if (alternative.input) {
        if (typeof typed !== "string" || !typed.trim()) {
          throw refused([], wording("needs-input", { given: quoted(choice), input: alternative.input, choice: choice }));
        }
        return { choice: choice, input: normalized(typed) };
      }
      if (typed !== null) throw refused(["input"], wording("takes-no-input", { given: quoted(choice) }));
      return choice;
    },
    optional: (option, value) => {
      if (typeof value !== "string") throw refused([], wording("expected", { expected: expected(option), got: got(value) }));
      if (value !== "include" && value !== "omit") throw refused([], wording("not-valid", { given: quoted(value), expected: expected(option) }));
      return value;
    },
  };

  /** The checked answers of a file's values, and every refusal (as generator/features/draft/answers.py's check_file). */
  function checkFile(value) {
    if (!isMapping(value)) return { answers: {}, refusals: [refused([], wording("not-a-file", { got: got(value) }))] };
    const refusals = Object.keys(value).filter((key) => !FIELDS.includes(key))
      .map((key) => refused([key], wording("unknown-field", { key: quoted(key), keys: FIELDS.join(", ") })));
    for (const key of REQUIRED) {
      if (!(key in value)) refusals.push(refused([key], wording("missing", {})));
      else if (value[key] === null) refusals.push(refused([key], wording("no-value", {})));
    }
    if (refusals.length) return { answers: {}, refusals: refusals };
    const fail = (key, text) => ({ answers: {}, refusals: [refused([key], text)] });
    if (value.agency !== null && value.agency !== undefined && typeof value.agency !== "string") {
      return fail("agency", wording("expected", { expected: wording("text", {}), got: got(value.agency) }));
    }
    if (typeof value.template !== "string") return fail("template", wording("expected", { expected: wording("text", {}), got: got(value.template) }));
    if (value.template !== data.template) return fail("template", wording("other-template", { given: quoted(value.template), template: quoted(data.template) }));
    if (!data.versions.map(String).includes(value.version)) {
      const given = typeof value.version === "string" ? quoted(value.version) : got(value.version);
      return fail("version", wording("version", { given: given, versions: data.versions.join(", ") }));
    }
    if (!isMapping(value.answers)) return fail("answers", wording("answers", { got: got(value.answers) }));
    const answers = {};
    for (const [id, answer] of Object.entries(value.answers)) {
      const option = options.get(id);
      if (!option) {
        refusals.push(refused(["answers", id], wording("unknown-option", { id: quoted(id), ids: data.options.map((o) => o.id).join(", ") })));
        continue;
      }
      try {
        answers[id] = CHECKS[option.kind](option, answer);
      } catch (error) {
        if (!error.path) throw error;
        refusals.push(refused(["answers", id].concat(error.path), error.message));
      }
    }
    return { answers: answers, refusals: refusals, agency: typeof value.agency === "string" ? normalized(value.agency) : "" };
  }

  /** The answers of an answers file's text, or every problem found with it ("path: message"). */
  function parseAnswersFile(text) {
    let documents;
    try {
      documents = jsyaml.loadAll(text, { schema: ANSWERS_SCHEMA });
    } catch (error) {
      return { errors: ["This file is not valid YAML: " + (error.reason || error.message) +
        (error.mark ? " (line " + (error.mark.line + 1) + ")" : "") + "."] };
    }
    const checked = checkFile(documents.length ? documents[0] : null);
    if (!checked.refusals.length) return { answers: checked.answers, agency: checked.agency };
    return { errors: checked.refusals.map((r) => (r.path.length ? r.path.join(".") + ": " : "") + r.message) };
  }

  /** The complete answers: what an answers file holds (an alternative chosen without the words it asks
   * for, or a fill-in neither typed nor left empty, is not an answer). */
  function completeAnswers(answers) {
    const complete = {};
    for (const option of data.options) {
      if (isAnswered(option, answers[option.id])) complete[option.id] = answers[option.id];
    }
    return complete;
  }

  function answersFileText(answers) {
    const complete = completeAnswers(answers);
    // The title on one line and without control characters: the comment must stay a YAML comment.
    const title = normalized(data.title).replace(/\p{C}/gu, "");
    return "# Answers for \"Draft your policy\" (" + title + "); format: see the handbook's source/FIELDS.md.\n" +
      jsyaml.dump(Object.assign({ template: data.template, version: data.version }, agency() ? { agency: agency() } : {}, { answers: complete }));
  }

  function loadAnswersFile(file) {
    file.text().then((text) => {
      const result = parseAnswersFile(text);
      if (result.errors) {
        say("Could not load " + file.name + ": " + result.errors.join("; ") + ". Your current answers are unchanged.", "error");
        return;
      }
      writeForm(result.answers);
      if (result.agency) setAgency(result.agency);
      showAnswers(result.answers);
      store(result.answers);
      say("Loaded the answers of " + file.name + ".", "ok");
    });
  }

  // --- Downloads -------------------------------------------------------------------------------

  /** Runs of the template's structure (DOCUMENT, or the adopted policy's skeleton) with `answers`
   * applied, as generator/document.py's `answered_pieces` applies them: labels renumbered, each choice
   * its chosen alternative, each slot its typed text; what is not answered keeps its blank. Neighbouring
   * text with the same marks is one piece. */
  function answeredPieces(runs, answers, omitted) {
    const blank = (text, marks) => ({ text: text, marks: marks.concat("blank") });

    function slotText(slot) {
      const value = answers[slot.option];
      let typed;
      if (value === undefined) typed = undefined;
      else if (slot.alternative) typed = isMapping(value) && value.choice === slot.alternative && value.input ? value.input : undefined;
      else typed = ((isMapping(value) && value.places) || {})[slot.place] || (isMapping(value) ? value.text : value);
      return typed && slot.date ? formatDate(typed) : typed;
    }

    function pieces(list, marks) {
      const out = [];
      for (const run of list) {
        if (typeof run === "string") {
          out.push({ text: run, marks: marks });
        } else if (run.run === "emphasis") {
          out.push(...pieces(run.runs, marks.concat(run.kind)));
        } else if (run.run === "label") {
          const text = run.renumberBy ? run.variants[run.renumberBy.filter((id) => omitted.has(id)).join(",")] : run.text;
          out.push({ text: text, marks: run.strong ? marks.concat("strong") : marks });
        } else if (run.run === "blank") {
          if (answers[run.option] === undefined) out.push(blank(run.text, marks));
        } else if (run.run === "slot") {
          const typed = slotText(run);
          out.push(typed === undefined || typed === null ? blank(run.blank, marks) : { text: typed, marks: marks });
        } else if (run.run === "choice") {
          const value = answers[run.option];
          const chosen = run.variants.find((v) => v.alternative === (isMapping(value) ? value.choice : value));
          out.push(...(chosen ? pieces(chosen.runs, marks) : [blank(run.blank, marks)]));
        } else {
          out.push({ text: run.id, marks: marks.concat(run.run) }); // footnote-ref, footnote-mark
        }
      }
      return out;
    }

    const out = [];
    for (const piece of pieces(runs, [])) {
      if (!piece.text) continue;
      const last = out[out.length - 1];
      if (last && last.marks.join() === piece.marks.join()) last.text += piece.text;
      else out.push({ text: piece.text, marks: piece.marks });
    }
    return out;
  }

  /** The drafted policy's lines for `answers`, as generator/document.py's `answered` and `lines` make
   * them from the same structure (DOCUMENT): left-out parts dropped, each block's runs answered. */
  function answeredLines(answers) {
    const omitted = omittedParts(answers);
    const lines = [];
    (function items(list) {
      for (const item of list) {
        if ("part" in item) {
          if (!omitted.has(item.part)) items(item.items);
        } else {
          lines.push({ kind: item.kind, depth: item.depth, pieces: answeredPieces(item.runs, answers, omitted) });
        }
      }
    })(DOCUMENT.items);
    return lines;
  }

  /** Markdown by the table of formats (generator/writers/markdown.py writes it the same way). */
  function markdown(lines) {
    const format = FORMATS.markdown;
    const escaped = (text) => Array.from(text, (c) => (format.escaped.includes(c) ? "\\" + c : c)).join("");
    const line = (l) => {
      const out = [format.prefixes[l.kind] || ""];
      const wrapped = [];
      for (const piece of l.pieces) {
        const wanted = piece.marks.filter((m) => format.marks[m] && "wrap" in format.marks[m]);
        while (wrapped.length && !wanted.includes(wrapped[wrapped.length - 1])) out.push(format.marks[wrapped.pop()].wrap);
        for (const mark of wanted) {
          if (!wrapped.includes(mark)) {
            wrapped.push(mark);
            out.push(format.marks[mark].wrap);
          }
        }
        const replaced = piece.marks.map((m) => format.marks[m]).find((f) => f && "text" in f);
        out.push(replaced ? replaced.text.split("{text}").join(piece.text) : escaped(piece.text));
      }
      out.push(...wrapped.reverse().map((m) => format.marks[m].wrap));
      return out.join("");
    };
    return lines.map(line).join(format.blockSeparator) + format.end;
  }

  function standaloneHtml() {
    const copy = article.cloneNode(true);
    for (const hidden of copy.querySelectorAll("[hidden]")) hidden.remove();
    for (const element of copy.querySelectorAll("[tabindex], .draft-changed")) {
      element.classList.remove("draft-changed");
      for (const name of ["tabindex", "role", "aria-label"]) element.removeAttribute(name);
      if (!element.classList.length) element.removeAttribute("class");
    }
    // Split and joined, not `replace`: in a replacement string `$&`, `$'`, `` $` `` and `$$` are patterns,
    // and the article holds whatever the user typed.
    const [before, after] = DOCUMENT.standalone.split(DOCUMENT.articleMark);
    return before + copy.outerHTML + after;
  }

  function fileName(extension) {
    return data.template + "-draft." + extension;
  }

  function download(name, blob) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  /** The vendored docx library is large, so it is loaded only when a Word file is asked for (shared.js). */
  function docxLibrary() {
    return window.HandbookShared.loadScript(data.docxScript).then(() => window.docx);
  }

  /** A Word paragraph by the table of formats (generator/writers/docx.py writes it the same way). */
  function docxParagraph(lib, line) {
    const word = FORMATS.word;
    const runs = line.pieces.map((piece) => {
      const formats = piece.marks.map((m) => word.marks[m]).filter(Boolean);
      const has = (key) => formats.some((f) => f[key]) || undefined;
      const highlight = formats.map((f) => f.highlight).find(Boolean);
      return new lib.TextRun({ text: piece.text, bold: has("bold"), italics: has("italic"), superScript: has("superscript"), highlight: highlight });
    });
    return new lib.Paragraph({ style: word.blockStyles[line.kind], indent: { left: word.indentPerDepth * line.depth }, children: runs });
  }

  // The styles docx makes of its own (under `styles.default`, by these names): the table's styles with
  // these ids replace them, the others are added.
  const DOCX_DEFAULT_STYLES = { Title: "title", FootnoteText: "footnoteText" };
  for (let level = 1; level <= 6; level++) DOCX_DEFAULT_STYLES["Heading" + level] = "heading" + level;

  /** A style of the table (generator/writers/formats.py's WORD["styles"]) in docx's terms, completely. */
  function docxStyle(lib, style) {
    return {
      id: style.id,
      name: style.name,
      basedOn: "Normal",
      next: "Normal",
      quickFormat: true,
      run: { size: style.size, bold: Boolean(style.bold), italics: Boolean(style.italic), color: "000000" },
      paragraph: {
        spacing: { before: style.before || 0, after: style.after || 0 },
        keepNext: Boolean(style.keepNext),
        outlineLevel: style.outline,
        alignment: style.align === "center" ? lib.AlignmentType.CENTER : undefined,
      },
    };
  }

  function docxDocument(lib, lines, paper) {
    const word = FORMATS.word;
    const page = word.papers[paper] || word.papers[word.paper];
    const defaults = { document: { run: { font: word.font, size: word.size, language: { value: word.language } } } };
    const added = [];
    for (const style of word.styles) {
      if (DOCX_DEFAULT_STYLES[style.id]) defaults[DOCX_DEFAULT_STYLES[style.id]] = docxStyle(lib, style);
      else added.push(docxStyle(lib, style));
    }
    const title = normalized(DOCUMENT.title);
    return new lib.Document({
      title: title,
      creator: agency(),
      subject: agency() ? agency() + ": " + title : title,
      lastModifiedBy: "",
      description: "",
      keywords: "",
      styles: { default: defaults, paragraphStyles: added },
      sections: [{
        properties: { page: { size: { width: page.width, height: page.height }, margin: { top: page.margin, right: page.margin, bottom: page.margin, left: page.margin } } },
        children: lines.map((line) => docxParagraph(lib, line)),
      }],
    });
  }

  function downloadDocx() {
    say("Preparing the Word document…");
    const lines = answeredLines(readForm());
    const paper = paperSelect.value;
    docxLibrary().then((lib) => lib.Packer.toBlob(docxDocument(lib, lines, paper))).then((blob) => {
      download(fileName("docx"), blob);
      say("Downloaded " + fileName("docx") + ".", "ok");
    }).catch((error) => say("Could not make the Word document: " + error.message, "error"));
  }

  function downloaded(name, blob) {
    download(name, blob);
    say("Downloaded " + name + ".", "ok");
  }

  const ACTIONS = {
    save: () => downloaded(ADOPT.answersFile, new Blob([answersFileText(readForm())], { type: "text/yaml" })),
    "start-over": () => {
      if (!window.confirm("Clear all your answers and start over from the template's defaults?")) return;
      const answers = defaults();
      writeForm(answers);
      showAnswers(answers);
      store(answers);
      say("Started over: every answer is back to the template's default.", "ok");
    },
    "download-md": () => downloaded(fileName("md"), new Blob([markdown(answeredLines(readForm()))], { type: "text/markdown" })),
    "download-html": () => downloaded(fileName("html"), new Blob([standaloneHtml()], { type: "text/html" })),
    "download-docx": downloadDocx,
    print: () => window.print(),
    "adopt-policy": () => downloadAdopted("policy"),
    "adopt-original": () => downloadAdopted("original"),
  };

  // --- Adding the policy to a handbook -------------------------------------------------------------
  //
  // What `handbook adopt` writes: the policy file (its skeleton, generator/features/draft/adopting.py,
  // filled in with the answers as the preview applies them and written by the table of formats, as
  // generator/writers/policy_file.py writes it) and its text beside it (the drafted policy as plain
  // text). The same answers and name are refused as the command refuses them.

  const adoptNote = document.getElementById("draft--adopt-note");
  const REFERENCE = new RegExp(ADOPT.reference);

  /** A name as a slug, by the contract's rule (generator/model.py's `slugify`). */
  function slugOf(name) {
    const rule = CONTRACT.slug;
    let slug = name.toLowerCase().replace(new RegExp(rule.separators, "g"), rule.joiner);
    while (rule.joiner && slug.startsWith(rule.joiner)) slug = slug.slice(rule.joiner.length);
    while (rule.joiner && slug.endsWith(rule.joiner)) slug = slug.slice(0, slug.length - rule.joiner.length);
    return slug;
  }

  function adoptedNames() {
    return { agency: agency(), slug: slugOf(agency()), answersFile: ADOPT.answersFile };
  }

  /** What `handbook adopt` would refuse, given the page's answers (as the answers file it saves holds
   * them) and the agency's name, in words; none: the policy can be added. */
  function adoptionProblems(answers) {
    const problems = [];
    const name = agency();
    const slug = slugOf(name);
    if (!name) problems.push("give your agency's name (above the questions)");
    else if (!slug) problems.push("give an agency name with letters or digits (the policy's file is named by them)");
    else if (slug === data.template) problems.push("give your agency's name, not the template's");
    const complete = completeAnswers(answers);
    const omitted = omittedParts(complete);
    const unanswered = data.options.filter((o) => isAsked(o, omitted) && !(o.id in complete)).length;
    if (unanswered) problems.push("answer " + (unanswered === 1 ? "1 more question" : unanswered + " more questions") + " (listed under Unanswered)");
    const checked = checkFile({ template: data.template, version: String(data.version), answers: complete });
    for (const refusal of checked.refusals) {
      const option = options.get(refusal.path[1]);
      problems.push((option ? option.label : refusal.path.join(".")) + ": " + refusal.message);
    }
    for (const [id, value] of Object.entries(complete)) {
      const typed = isMapping(value) ? [value.text, value.input, ...Object.values(value.places || {})] : [value];
      if (typed.some((text) => typeof text === "string" && REFERENCE.test(text))) {
        problems.push(options.get(id).label + ": an answer cannot hold {{…}}, which would read as a reference");
      }
    }
    return problems;
  }

  /** The downloads enabled, or disabled with what they need; where their files go. */
  function showAdoption(answers) {
    const problems = adoptionProblems(answers);
    for (const button of document.querySelectorAll('[data-action^="adopt-"]')) button.disabled = problems.length > 0;
    if (problems.length) {
      adoptNote.textContent = "To add the policy to a handbook, " + problems.join("; ") + ".";
      return;
    }
    const names = adoptedNames();
    adoptNote.textContent = "Put " + adoptedValue(ADOPT.files.policy, {}, names) + " in your handbook's " +
      ADOPT.folders.policy + " and " + adoptedValue(ADOPT.files.original, {}, names) + " in " +
      ADOPT.folders.original + ", then run handbook check and handbook build.";
  }

  /** The skeleton's `node` filled in with `answers` and `names`, as adopting.py's `adopted` fills it:
   * a mapping a Map (its keys in order), a list an array; undefined: nothing (left out). */
  function adoptedValue(node, answers, names) {
    const omitted = omittedParts(answers);
    const marks = FORMATS.policyFile.marks;
    const holds = (when) => !when || (!when.kept.some((o) => omitted.has(o)) && when.omitted.every((o) => omitted.has(o)));

    function text(node) {
      const pieces = answeredPieces(node.runs, answers, omitted);
      if (node.label) return pieces.map((p) => p.text).join("");
      const written = pieces.map((piece) => {
        const mark = piece.marks.find((m) => Object.hasOwn(marks, m));
        return mark ? marks[mark].text.split("{text}").join(piece.text) : piece.text;
      }).join("");
      const lines = written.split("\n").map(normalized).join("\n").replace(/^\n+|\n+$/g, "");
      return lines || (node.optional ? undefined : "");
    }

    function fill(node) {
      if (node === null || typeof node !== "object") return node;
      const value = answers[node.option];
      switch (node.node) {
        case "mapping": {
          const out = new Map();
          for (const [key, entry, when] of node.entries) {
            const filled = holds(when) ? fill(entry) : undefined;
            if (filled !== undefined) out.set(key, filled);
          }
          return out.size ? out : undefined;
        }
        case "sequence": {
          const out = node.items.filter(([, when]) => holds(when)).map(([item]) => fill(item)).filter((v) => v !== undefined);
          return out.length ? out : undefined;
        }
        case "text":
          return text(node);
        case "typed":
          if (value === undefined) return undefined;
          return (isMapping(value) ? (node.place && (value.places || {})[node.place]) || value.text : value) || undefined;
        case "coded": {
          const chosen = isMapping(value) ? value.choice : value;
          return typeof chosen === "string" && Object.hasOwn(node.codes, chosen) ? node.codes[chosen] : undefined;
        }
        case "named":
          return names[node.name];
        default: // joined
          return node.parts.map((part) => (typeof part === "string" ? part : names[part.name])).join("");
      }
    }
    return fill(node);
  }

  // The policy file's YAML, by the table of formats (generator/writers/policy_file.py writes it the same way).
  const POLICY_FILE = FORMATS.policyFile;
  const NOT_PLAIN = new RegExp(POLICY_FILE.notPlain, "u");
  const UNPRINTABLE = new RegExp(POLICY_FILE.unprintable, "u");
  const ESCAPED = new RegExp(POLICY_FILE.escaped, "gu");
  const characters = (text) => Array.from(text).length; // as Python counts them: code points

  function yamlQuoted(text) {
    return JSON.stringify(text).replace(ESCAPED, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  }

  function yamlOnItsLine(text) {
    return NOT_PLAIN.test(text) ? yamlQuoted(text) : text;
  }

  function yamlFoldable(text) {
    return text.includes(" ") && !text.includes("  ") && !text.startsWith(" ") && !text.endsWith(" ") && !UNPRINTABLE.test(text);
  }

  function yamlLiteralFits(text) {
    const lines = text.split("\n");
    return Boolean(lines[0]) && Boolean(lines[lines.length - 1]) &&
      lines.every((line) => !UNPRINTABLE.test(line) && !line.startsWith(" ") && !line.endsWith(" "));
  }

  function yamlWrapped(text, width) {
    const lines = [];
    for (const word of text.split(" ")) {
      if (lines.length && characters(lines[lines.length - 1]) + 1 + characters(word) <= width) lines[lines.length - 1] += " " + word;
      else lines.push(word);
    }
    return lines;
  }

  function yamlScalar(head, value, indent) {
    const pad = " ".repeat(indent);
    if (typeof value === "boolean") return [head + " " + (value ? "true" : "false")];
    if (typeof value === "number") return [head + " " + String(value)];
    if (value instanceof Map || Array.isArray(value)) return [head + " " + (Array.isArray(value) ? "[]" : "{}")];
    const text = String(value);
    if (text.includes("\n")) {
      if (yamlLiteralFits(text)) return [head + " |-", ...text.split("\n").map((line) => (line ? pad + line : ""))];
      return [head + " " + yamlQuoted(text)];
    }
    if (characters(head) + 1 + characters(text) > POLICY_FILE.width && yamlFoldable(text)) {
      return [head + " >-", ...yamlWrapped(text, POLICY_FILE.width - indent).map((line) => pad + line)];
    }
    return [head + " " + yamlOnItsLine(text)];
  }

  function yamlNode(head, value, indent, out) {
    const step = POLICY_FILE.indent;
    if (value instanceof Map && value.size) {
      if (head.endsWith("-")) {
        yamlMapping(value, indent + step, out, head + " ");
      } else {
        out.push(head);
        yamlMapping(value, indent + step, out);
      }
    } else if (Array.isArray(value) && value.length) {
      out.push(head);
      for (const item of value) yamlNode(" ".repeat(indent + step) + "-", item, indent + step, out);
    } else {
      out.push(...yamlScalar(head, value, indent + step));
    }
  }

  function yamlMapping(values, indent, out, first) {
    let index = 0;
    for (const [key, value] of values) {
      const lead = index === 0 && first !== undefined ? first : " ".repeat(indent);
      yamlNode(lead + yamlOnItsLine(String(key)) + ":", value, indent, out);
      index += 1;
    }
  }

  function policyFileText(values, comment) {
    const out = [];
    if (comment) out.push(POLICY_FILE.comment + normalized(comment.replace(new RegExp(POLICY_FILE.unprintable, "gu"), " ")));
    yamlMapping(values, 0, out);
    return out.join("\n") + "\n";
  }

  /** The drafted policy as plain text, by the table of formats (adopting.py's `original_text`). */
  function plainText(lines) {
    const format = FORMATS.plainText;
    const piece = (p) => {
      const mark = p.marks.find((m) => Object.hasOwn(format.marks, m));
      const map = mark ? format.marks[mark].map : null;
      return map ? Array.from(p.text, (c) => (Object.hasOwn(map, c) ? map[c] : c)).join("") : p.text;
    };
    return lines.map((line) => line.pieces.map(piece).join("")).join(format.blockSeparator) + format.end;
  }

  /** Downloads the policy file (its skeleton's script loaded first) or its text. */
  function downloadAdopted(which) {
    const problems = adoptionProblems(readForm());
    if (problems.length) {
      say("The policy cannot be added to a handbook yet: " + problems.join("; ") + ".", "error");
      return;
    }
    const answers = completeAnswers(readForm());
    const names = adoptedNames();
    const name = adoptedValue(ADOPT.files[which], answers, names);
    if (which === "original") {
      downloaded(name, new Blob([plainText(answeredLines(answers))], { type: "text/plain" }));
      return;
    }
    say("Preparing the policy file…");
    window.HandbookShared.loadScript(ADOPT.script).then(() => {
      const skeleton = self[CONTRACT.globals.draftAdopt];
      const text = policyFileText(adoptedValue(skeleton.values, answers, names), adoptedValue(skeleton.comment, answers, names));
      downloaded(name, new Blob([text], { type: "text/yaml" }));
    }).catch((error) => say("Could not make the policy file: " + error.message, "error"));
  }

  // --- Start -------------------------------------------------------------------------------------

  function start() {
    const answers = stored() || defaults();
    writeForm(answers);
    agencyInput.value = storedAgency();
    showAnswers(readForm());
    markPlaceholders();
    form.addEventListener("input", (event) => {
      if (event.target === agencyInput) {
        setAgency(agency());
        showAdoption(readForm());
      } else {
        onFormChange(event);
      }
    });
    form.addEventListener("change", (event) => {
      if (event.target !== agencyInput) onFormChange(event);
    });
    form.addEventListener("focusin", showPosition);
    form.addEventListener("click", (event) => {
      const link = event.target.closest(".draft-place-link");
      if (!link) return;
      event.preventDefault();
      goToPlace(link);
    });
    article.addEventListener("click", (event) => {
      const place = event.target.closest(".draft-blank, .draft-slot, .draft-choice");
      if (place) goToQuestion(place);
    });
    article.addEventListener("keydown", (event) => {
      if ((event.key === "Enter" || event.key === " ") && event.target.classList.contains("draft-blank")) {
        event.preventDefault();
        goToQuestion(event.target);
      }
    });
    document.querySelector(".draft-switch").addEventListener("click", (event) => {
      const button = event.target.closest("[data-view]");
      if (button) showView(button.dataset.view);
    });
    document.querySelector(".draft-toolbar").addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (button) ACTIONS[button.dataset.action]();
    });
    document.getElementById("draft-load").addEventListener("change", (event) => {
      if (event.target.files[0]) loadAnswersFile(event.target.files[0]);
      event.target.value = "";
    });
  }

  start();
})();
