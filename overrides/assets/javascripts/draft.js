/* "Draft your policy": answers the template's options in the form and shows them in the preview.
 *
 * The policy text, its variants, labels and blanks are all rendered by the generator
 * (generator/render/draft.py). This script only shows and hides variants, picks precomputed labels,
 * fills typed text into slots with textContent, keeps the answers in localStorage, reads and writes
 * answers files (YAML, via the vendored js-yaml) and writes the downloads by walking the preview's
 * blocks exactly as generator/draft.py walks the same markup for `handbook draft`.
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
  const options = new Map(data.options.map((o) => [o.id, o]));
  const ESCAPED = new Set(article.dataset.mdEscape);
  // The one rule for dates (generator/schema.py's DATES), received as data rather than restated here.
  const DATE = data.date;
  const DATE_PATTERN = new RegExp("^(?:" + DATE.pattern + ")$");

  // --- Small helpers ---------------------------------------------------------------------------

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
  }

  /** Runs of white space become one space, as the generator does with answers. */
  function normalized(text) {
    return String(text).split(/\s+/).filter(Boolean).join(" ");
  }

  function fieldset(optionId) {
    return form.querySelector('fieldset[data-option="' + CSS.escape(optionId) + '"]');
  }

  /** Why `text` is not a date by the generator's rule (written as DATE.written, a real day, within its
   * range), or "" when it is one. */
  function dateProblem(text) {
    const date = new Date(text + "T00:00:00Z");
    if (!DATE_PATTERN.test(text) || isNaN(date) || date.toISOString().slice(0, 10) !== text) return "is not a date";
    if (text < DATE.earliest || text > DATE.latest) return "is not a plausible date";
    return "";
  }

  /** `2025-01-06` as "January 6, 2025" (the generator's date_text). */
  function formatDate(iso) {
    if (dateProblem(iso)) return iso;
    return new Date(iso + "T00:00:00Z").toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });
  }

  function say(text) {
    message.textContent = text;
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
    for (const slot of article.querySelectorAll('.draft-slot[data-place][data-option="' + CSS.escape(option.id) + '"]:not([data-input])')) {
      fillSlot(slot, main === undefined ? undefined : (places[slot.dataset.place] || main));
    }
  }

  function showChoice(option, value) {
    const chosen = isMapping(value) ? value.choice : value;
    for (const choice of article.querySelectorAll('.draft-choice[data-option="' + CSS.escape(option.id) + '"]')) {
      for (const variant of choice.querySelectorAll(":scope > .draft-variant")) {
        variant.hidden = variant.dataset.alternative !== chosen;
        const slot = variant.querySelector(".draft-slot[data-input]");
        if (slot) fillSlot(slot, variant.hidden || !isMapping(value) || !value.input ? undefined : value.input);
      }
      choice.querySelector(":scope > .draft-blank").hidden = Boolean(chosen);
    }
  }

  function showOptional(option, value) {
    for (const part of article.querySelectorAll('.draft-optional[data-optional="' + CSS.escape(option.id) + '"]')) {
      part.hidden = value === "omit";
      for (const marker of part.querySelectorAll('.draft-blank[data-option="' + CSS.escape(option.id) + '"]')) {
        marker.hidden = value !== undefined;
      }
    }
  }

  /** Labels after left-out optional items: the generator lists each label for each case. */
  function renumber(answers) {
    for (const label of article.querySelectorAll(".draft-label[data-renumber-by]")) {
      const omitted = label.dataset.renumberBy.split(",").filter((id) => answers[id] === "omit");
      label.textContent = JSON.parse(label.dataset.labels)[omitted.join(",")];
    }
  }

  function showProgress(answers) {
    const missing = data.options.filter((o) => !isAnswered(o, answers[o.id]));
    progress.textContent = (data.options.length - missing.length) + " of " + data.options.length + " answered";
    unansweredList.replaceChildren(...missing.map((option) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = "#" + fieldset(option.id).id;
      link.textContent = option.label;
      item.append(link);
      return item;
    }));
  }

  function showAnswers(answers) {
    for (const option of data.options) {
      const value = answers[option.id];
      if (option.kind === "fill-in") showFillIn(option, value);
      else if (option.kind === "choice") showChoice(option, value);
      else showOptional(option, value);
    }
    renumber(answers);
    showProgress(answers);
  }

  // --- Keeping answers in the browser -----------------------------------------------------------

  function store(answers) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(answers));
    } catch {
      say("Your browser does not let this page keep your answers: save them to a file instead.");
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
    showAnswers(answers);
    store(answers);
  }

  // --- Answers files ---------------------------------------------------------------------------

  function expected(option) {
    if (option.kind === "fill-in") return option.format === "date" ? "a date " + DATE.written + ', or "" to leave it empty' : 'text ("" to leave it empty)';
    if (option.kind === "optional") return "include or omit";
    return "one of: " + option.alternatives.map((a) => a.input ? a.id + " (with input: " + a.input + ")" : a.id).join(", ");
  }

  /** A fill-in's text as a string, or a message saying what is wrong with it. */
  function checkText(option, value) {
    if (typeof value !== "string") return { error: "expected " + expected(option) };
    const text = normalized(value);
    const problem = option.format === "date" && text ? dateProblem(text) : "";
    if (problem === "is not a date") return { error: JSON.stringify(text) + " is not a date (expected " + expected(option) + ")" };
    if (problem) return { error: JSON.stringify(text) + " " + problem + " (expected a date from " + DATE.earliest + " to " + DATE.latest + ")" };
    return { text: text };
  }

  /** One answer of a file checked against its option: the answer, or a message. */
  function checkAnswer(option, value) {
    if (option.kind === "optional") {
      return value === "include" || value === "omit" ? { value: value } : { error: JSON.stringify(value) + " is not valid (expected include or omit)" };
    }
    if (option.kind === "choice") {
      const choice = isMapping(value) ? value.choice : value;
      const alternative = option.alternatives.find((a) => a.id === choice);
      if (!alternative) return { error: JSON.stringify(choice) + " is not an alternative (expected " + expected(option) + ")" };
      if (!alternative.input) return { value: choice };
      if (!isMapping(value) || typeof value.input !== "string" || !normalized(value.input)) {
        return { error: JSON.stringify(choice) + " needs input: " + alternative.input };
      }
      return { value: { choice: choice, input: normalized(value.input) } };
    }
    if (!isMapping(value)) {
      const checked = checkText(option, value);
      return checked.error ? checked : { value: checked.text };
    }
    const main = checkText(option, value.text);
    if (main.error) return { error: "text: " + main.error };
    const places = {};
    for (const [place, text] of Object.entries(value.places || {})) {
      if (!option.places.includes(place)) return { error: "places: " + JSON.stringify(place) + " is not a place of this option" };
      const checked = checkText(option, text);
      if (checked.error) return { error: "places." + place + ": " + checked.error };
      if (checked.text) places[place] = checked.text;
    }
    return { value: Object.keys(places).length ? { text: main.text, places: places } : main.text };
  }

  /** The answers of an answers file's text, or every problem found with it. */
  function parseAnswersFile(text) {
    let doc;
    try {
      // The core schema reads dates and timestamps as the text they are: the date rule decides.
      doc = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
    } catch (error) {
      return { errors: ["This file is not valid YAML: " + (error.reason || error.message) +
        (error.mark ? " (line " + (error.mark.line + 1) + ")" : "") + "."] };
    }
    if (!isMapping(doc) || !("template" in doc) || !("answers" in doc)) {
      return { errors: ["This is not an answers file: expected template, version and answers at the top level."] };
    }
    if (doc.template !== data.template) {
      return { errors: ["This answers file is for the template “" + doc.template + "”, not “" + data.template + "”."] };
    }
    if (doc.version !== data.version) {
      return { errors: ["Answers file version " + JSON.stringify(doc.version) + " is not supported (expected " + data.version + ")."] };
    }
    if (!isMapping(doc.answers)) return { errors: ["answers: expected a mapping of option ids to answers."] };
    const errors = [];
    const unknown = Object.keys(doc.answers).filter((id) => !options.has(id));
    if (unknown.length) errors.push("Unknown option id" + (unknown.length > 1 ? "s" : "") + ": " + unknown.join(", ") + ".");
    const answers = {};
    for (const [id, value] of Object.entries(doc.answers)) {
      if (!options.has(id)) continue;
      const checked = checkAnswer(options.get(id), value);
      if (checked.error) errors.push(id + ": " + checked.error + ".");
      else answers[id] = checked.value;
    }
    return errors.length ? { errors: errors } : { answers: answers };
  }

  function answersFileText(answers) {
    const complete = {};
    for (const option of data.options) {
      if (isAnswered(option, answers[option.id])) complete[option.id] = answers[option.id];
    }
    // The title on one line and without control characters: the comment must stay a YAML comment.
    const title = normalized(data.title).replace(/\p{C}/gu, "");
    return "# Answers for \"Draft your policy\" (" + title + "); format: see the handbook's source/FIELDS.md.\n" +
      jsyaml.dump({ template: data.template, version: data.version, answers: complete });
  }

  function loadAnswersFile(file) {
    file.text().then((text) => {
      const result = parseAnswersFile(text);
      if (result.errors) {
        say("Could not load " + file.name + ": " + result.errors.join(" ") + " Your current answers are unchanged.");
        return;
      }
      writeForm(result.answers);
      showAnswers(result.answers);
      store(result.answers);
      say("Loaded the answers of " + file.name + ".");
    });
  }

  // --- Downloads -------------------------------------------------------------------------------

  /** The preview's visible blocks with their runs, as generator/draft.py's _BlockWalker reads them. */
  function previewBlocks() {
    const blocks = [];
    for (const element of article.querySelectorAll("[data-md-block]")) {
      if (element.closest("[hidden]")) continue;
      const depth = /\bdepth-(\d+)/.exec(element.className);
      const block = { kind: element.dataset.docx || "paragraph", depth: depth ? Number(depth[1]) : 0, prefix: element.dataset.mdBlock, runs: [] };
      walkInline(element, block, [], false);
      blocks.push(block);
    }
    return blocks;
  }

  function walkInline(element, block, styles, replaced) {
    for (const node of element.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        const markdown = replaced ? "" : Array.from(node.data, (c) => (ESCAPED.has(c) ? "\\" + c : c)).join("");
        block.runs.push({ text: node.data, markdown: markdown, styles: styles });
      } else if (node.nodeType === Node.ELEMENT_NODE && !node.hidden) {
        const d = node.dataset;
        block.runs.push({ text: "", markdown: (d.mdBefore || "") + (d.md || ""), styles: styles });
        walkInline(node, block, d.run ? styles.concat(d.run) : styles, replaced || "md" in d);
        block.runs.push({ text: "", markdown: d.mdAfter || "", styles: styles });
      }
    }
  }

  function markdown() {
    return previewBlocks().map((b) => b.prefix + b.runs.map((r) => r.markdown).join("")).join("\n\n") + "\n";
  }

  function standaloneHtml() {
    const copy = article.cloneNode(true);
    for (const hidden of copy.querySelectorAll("[hidden]")) hidden.remove();
    // Split and joined, not `replace`: in a replacement string `$&`, `$'`, `` $` `` and `$$` are patterns,
    // and the article holds whatever the user typed.
    const [before, after] = data.standalone.split(data.articleMark);
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

  const INDENT_PER_DEPTH_TWIPS = 360; // as generator/draft.py

  function docxParagraph(lib, block) {
    const level = block.kind.startsWith("heading-") ? Number(block.kind.split("-")[1]) - 1 : 0;
    const runs = block.runs.filter((r) => r.text).map((r) => new lib.TextRun({
      text: r.text,
      bold: r.styles.includes("bold") || undefined,
      italics: r.styles.includes("italic") || block.kind === "note" || undefined,
      superScript: r.styles.includes("superscript") || undefined,
      highlight: r.styles.includes("blank") ? "yellow" : undefined,
    }));
    return new lib.Paragraph({
      heading: block.kind === "title" ? lib.HeadingLevel.TITLE : level ? lib.HeadingLevel["HEADING_" + level] : undefined,
      indent: { left: INDENT_PER_DEPTH_TWIPS * block.depth },
      children: runs,
    });
  }

  function downloadDocx() {
    say("Preparing the Word document…");
    docxLibrary().then((lib) => {
      const doc = new lib.Document({
        title: data.title,
        sections: [{ children: previewBlocks().map((block) => docxParagraph(lib, block)) }],
      });
      return lib.Packer.toBlob(doc);
    }).then((blob) => {
      download(fileName("docx"), blob);
      say("Downloaded " + fileName("docx") + ".");
    }).catch((error) => say("Could not make the Word document: " + error.message));
  }

  const ACTIONS = {
    save: () => download(data.template + "-answers.yml", new Blob([answersFileText(readForm())], { type: "text/yaml" })),
    "start-over": () => {
      if (!window.confirm("Clear all your answers and start over from the template's defaults?")) return;
      const answers = defaults();
      writeForm(answers);
      showAnswers(answers);
      store(answers);
      say("Started over: every answer is back to the template's default.");
    },
    "download-md": () => download(fileName("md"), new Blob([markdown()], { type: "text/markdown" })),
    "download-html": () => download(fileName("html"), new Blob([standaloneHtml()], { type: "text/html" })),
    "download-docx": downloadDocx,
    print: () => window.print(),
  };

  // --- Start -------------------------------------------------------------------------------------

  function start() {
    const answers = stored() || defaults();
    writeForm(answers);
    showAnswers(readForm());
    form.addEventListener("input", onFormChange);
    form.addEventListener("change", onFormChange);
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
