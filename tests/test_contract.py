"""The contract between Python and the browser (generator/contract.py) is the only place their shared
names live: every name a script uses is declared there, every data attribute and template the pages
carry is declared there, and nothing is declared that nothing uses. A script or a renderer that drifts
from the contract fails here."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from benchmarks.synthesize import synthesize
from generator import contract
from generator.features.compare.render import MATRIX_COLUMNS
from generator.load import SourceLayout, load_corpus
from generator.render.page import Page

from .conftest import ROOT, SOURCE

SCRIPTS = sorted((ROOT / "overrides" / "assets" / "javascripts").glob("*.js"))
# Scripts outside the site that read its files the way the site's scripts do.
READERS = [ROOT / "benchmarks" / "search_node.js"]
AGENCIES = MATRIX_COLUMNS + 4  # past the matrix's and the topic pages' few: the pages carry their templates
COMMENT = re.compile(r"/\*.*?\*/|(?<![:\"'])//[^\n]*", re.DOTALL)


def code(path: Path) -> str:
    """A script without its comments (which may name anything)."""
    return COMMENT.sub("", path.read_text(encoding="utf-8"))


def kebab(name: str) -> str:
    """A `dataset` key as its attribute (`selectedLeft` → `data-selected-left`)."""
    return "data-" + re.sub(r"[A-Z]", lambda m: "-" + m.group().lower(), name)


def attributes_used(text: str) -> set[str]:
    """The data attributes a script reads or writes: through `dataset` (or a variable holding it), or by
    name in a selector."""
    names = set(re.findall(r"\bdata-[a-z][a-z-]*[a-z]\b", text))
    holders = {"dataset"} | set(re.findall(r"(\w+) = [\w.]+\.dataset;", text))
    for holder in holders:
        names |= {kebab(n) for n in re.findall(rf"\b{holder}\.([a-zA-Z]+)\b", text)}
        names |= {kebab(n) for n in re.findall(rf"\"([a-zA-Z]+)\" in [\w.]*\b{holder}\b", text)}
    return names


def selectors(text: str) -> list[str]:
    # `all(…)`: the draft page's own querySelectorAll of the preview.
    return [m[1] for m in re.findall(r"(?:querySelector(?:All)?|closest|matches|\ball)\((['\"])(.*?)\1", text)]


def classes_used(text: str) -> set[str]:
    """The classes a script looks up (in a selector) or tests (`classList.contains`)."""
    found = {c for s in selectors(text) for c in re.findall(r"\.([a-zA-Z][\w-]*)", s)}
    return found | set(re.findall(r"classList\.contains\(\"([\w-]+)\"\)", text))


def contract_keys(text: str, group: str) -> set[str]:
    return set(re.findall(rf"\bCONTRACT\.{group}\.(\w+)", text, re.IGNORECASE))


def field_names(text: str) -> dict[str, set[str]]:
    """For each positional shape a script reads (`var ENTRY = CONTRACT.fields.searchEntry`), the fields it reads."""
    used: dict[str, set[str]] = {}
    for holder, shape in re.findall(r"\b(\w+) = CONTRACT\.fields\.(\w+)", text, re.IGNORECASE):
        used.setdefault(shape, set()).update(re.findall(rf"\b{holder}\.(\w+)", text))
    return used


class Markup(HTMLParser):
    """The data attributes, ids and classes of a page, and the placeholders of each of its templates."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes: set[str] = set()
        self.ids: set[str] = set()
        self.classes: set[str] = set()
        self.templates: dict[str, set[str]] = {}
        self._open: list[str | None] = []  # the template elements open around the current place

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.attributes |= {name for name, _ in attrs if name.startswith("data-")}
        self.classes |= set((values.get("class") or "").split())
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "template":
            self._open.append(values.get("id") or (self._open[-1] if self._open else None))
            if values.get("id"):
                self.templates[values["id"]] = set()
        self._placeholders(" ".join(v or "" for _, v in attrs))

    def handle_endtag(self, tag):
        if tag == "template":
            self._open.pop()

    def handle_data(self, data):
        self._placeholders(data)

    def _placeholders(self, text):
        if self._open and self._open[-1]:
            self.templates[self._open[-1]] |= set(re.findall(r"\{(\w+)\}", text))


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict:
    """Every page and file of a handbook of `AGENCIES` agencies, generated (not built), with those only a
    small handbook has (the whole handbook's print edition, of the real one)."""
    from generator.generate import render_pages

    source = synthesize(ROOT / "source", tmp_path_factory.mktemp("contract") / "source", AGENCIES)
    pages = render_pages(load_corpus(SOURCE), SourceLayout(SOURCE))
    pages.update(render_pages(load_corpus(source), SourceLayout(source)))
    return pages


@pytest.fixture(scope="module")
def markup(pages) -> Markup:
    """The markup of every generated page and of the columns scripts hold (HTML a script adds)."""
    parsed = Markup()
    for path, page in pages.items():
        if isinstance(page, Page):
            parsed.feed(page.body)
        elif path.startswith("compare/columns/"):
            parsed.feed(page.encode().decode("unicode_escape", errors="ignore"))
    return parsed


@pytest.fixture(scope="module")
def scripts() -> dict[str, str]:
    return {path.name: code(path) for path in SCRIPTS + READERS}


def test_every_data_attribute_a_script_uses_is_declared(scripts):
    for name, text in scripts.items():
        undeclared = attributes_used(text) - set(contract.ATTRIBUTES)
        assert not undeclared, f"{name} uses data attributes generator/contract.py does not declare: {undeclared}"


def test_every_global_and_module_a_script_names_is_declared(scripts):
    declared = set(contract.GLOBALS.values()) | {contract.CONTRACT_GLOBAL}
    for name, text in scripts.items():
        assert set(re.findall(r"\bHANDBOOK_[A-Z_]+\b", text)) <= declared, name
        assert set(re.findall(r"\bHandbook[A-Z]\w*\b", text)) <= set(contract.MODULES), name
        # A data script's global is looked up by its name in the contract, never written in the script.
        assert set(re.findall(r"\bHANDBOOK_[A-Z_]+\b", text)) <= {contract.CONTRACT_GLOBAL}, name


def test_every_contract_key_a_script_reads_is_in_contract_js(scripts):
    sent = contract.browser_contract()
    for name, text in scripts.items():
        for group in ("globals", "ids", "templates", "paths", "fields"):
            missing = contract_keys(text, group) - set(sent[group])
            assert not missing, f"{name} reads contract.{group} it does not have: {missing}"
        for shape, fields in field_names(text).items():
            assert fields <= set(contract.FIELDS[shape]), f"{name} reads fields {shape} does not have"


def test_every_id_class_and_control_a_script_looks_up_is_declared(scripts):
    for name, text in scripts.items():
        ids = set(re.findall(r"getElementById\(\"([\w-]+)\"\)", text))
        ids |= {i for s in selectors(text) for i in re.findall(r"#([\w-]+)", s)}
        assert ids <= set(contract.IDS.values()), f"{name} looks up undeclared ids {ids - set(contract.IDS.values())}"
        classes = classes_used(text)
        known = set(contract.CLASSES) | set(contract.ADDED_CLASSES) | set(contract.THEME_CLASSES)
        assert classes <= known, f"{name} looks up undeclared classes {classes - known}"
        controls = set(re.findall(r"\belements\.(\w+)", text)) | {
            c for s in selectors(text) for c in re.findall(r"\[name=\"?(\w+)", s)
        }
        assert controls <= set(contract.CONTROLS), (
            f"{name} reads undeclared controls {controls - set(contract.CONTROLS)}"
        )


def test_the_pages_carry_only_declared_data_attributes_and_the_ids_classes_and_templates_scripts_look_up(markup):
    undeclared = markup.attributes - set(contract.ATTRIBUTES)
    assert not undeclared, f"pages carry data attributes generator/contract.py does not declare: {undeclared}"
    assert set(contract.IDS.values()) <= markup.ids
    assert set(contract.CLASSES) <= markup.classes
    assert set(contract.TEMPLATES.values()) <= set(markup.templates)


def test_each_template_has_the_placeholders_its_script_fills(markup, scripts):
    for key, template_id in contract.TEMPLATES.items():
        assert markup.templates[template_id] == set(contract.PLACEHOLDERS[key]), template_id
    filled = 0
    for text in scripts.values():
        for key, values in re.findall(r"fromTemplate\(CONTRACT\.templates\.(\w+),\s*\{([^{}]*)\}", text):
            assert set(re.findall(r"(\w+):", values)) == set(contract.PLACEHOLDERS[key]), key
            filled += 1
    assert filled >= len(contract.TEMPLATES)


def test_nothing_is_declared_that_nothing_uses(markup, scripts, pages):
    everything = "\n".join(scripts.values())
    used_attributes = set().union(*(attributes_used(t) for t in scripts.values())) | markup.attributes
    assert set(contract.ATTRIBUTES) <= used_attributes, set(contract.ATTRIBUTES) - used_attributes
    for group, declared in (
        ("globals", contract.GLOBALS),
        ("templates", contract.TEMPLATES),
        ("paths", contract.PATHS),
    ):
        assert set(declared) <= contract_keys(everything, group), (
            group,
            set(declared) - contract_keys(everything, group),
        )
    looked_up = contract_keys(everything, "ids") | {k for k, v in contract.IDS.items() if f'"{v}"' in everything}
    assert set(contract.IDS) <= looked_up, set(contract.IDS) - looked_up
    declared = set(contract.CLASSES) | set(contract.ADDED_CLASSES) | set(contract.THEME_CLASSES)
    assert declared <= set().union(*(classes_used(t) for t in scripts.values()))
    assert set(contract.FIELDS) <= contract_keys(everything, "fields")
    assert all(re.search(rf"\bself\.{m} = ", everything) for m in contract.MODULES)
    # Each data script's global is assigned by a file the generator writes.
    data_scripts = "\n".join(p for p in pages.values() if isinstance(p, str))
    assert all(f"self.{g} = " in data_scripts for g in contract.GLOBALS.values())
