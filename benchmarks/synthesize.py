"""A synthetic handbook of N agencies, made from the five real policies, for the benchmark.

The real `source/` is copied as it is (so N = 5 is the real corpus); every further agency is one of the
four real department policies varied the way real agencies differ when they adapt a model policy:

- its identity: name, city, state, document type, number, title, dates, signatories;
- its numbering: each nesting level gets a label style (`I.`, `Section 8.03`, `A.`, `(1)`, `i.` …) and
  labelled siblings are numbered anew, so provision ids differ from the model's;
- its order: some lists of provisions are shuffled;
- which topics it addresses: some tagged provisions (with what they hold) are left out;
- its wording: an agency-wide choice of words (`members` → `employees`, `shall` → `will` …) and, now and
  then, an added sentence;
- its coded answers (`answers:`): those of the provisions it keeps, a quote reworded with its text;
- its definitions: some are left out, the others take one of a few wordings per term (agencies copy
  definitions from a handful of models, so the number of distinct wordings stays small).

The taxonomy (`topics.yml`) and the glossary rules (`glossary.yml`) are the real ones: every topic id and
term the synthetic agencies use comes from the real policies, which are always included. Each agency
gets an original text (`originals/<slug>.txt`) written from its own provisions. Nothing here imports the
generator: the output is plain YAML that `handbook check` validates like any other.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path

import yaml

from generator.importer.labels import roman_numeral

try:
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper
    from yaml import SafeLoader as _Loader

CITIES = [
    "Ashford",
    "Bellmont",
    "Brookfield",
    "Cedar Falls",
    "Clearwater",
    "Dalton",
    "Eastport",
    "Fairview",
    "Glenwood",
    "Greenville",
    "Harbor City",
    "Hillsdale",
    "Jackson",
    "Kingston",
    "Lakewood",
    "Lincoln",
    "Madison",
    "Maple Grove",
    "Milford",
    "Newport",
    "Oakdale",
    "Pine Bluff",
    "Plainview",
    "Riverside",
    "Rockport",
    "Salem",
    "Springfield",
    "Stonebridge",
    "Summit",
    "Troy",
    "Union City",
    "Vernon",
    "Westfield",
    "Willow Creek",
    "Winchester",
    "York",
]
STATES = ["Missouri", "Kansas", "Iowa", "Nebraska", "Illinois", "Ohio", "Massachusetts", "Texas", "Oregon"]
AGENCY_KINDS = [
    "{city} Police Department",
    "{city} Police Department",
    "City of {city} Police Department",
    "{city} County Sheriff's Office",
    "{city} Department of Public Safety",
]
DOCUMENT_TYPES = [
    None,
    "General Order",
    "Special Order",
    "Directive",
    "Standard Operating Procedure",
    "Personnel Policy",
    "Policy",
]
DOCUMENT_TITLES = [
    "Social Media",
    "Social Media and Networking",
    "Social Networking",
    "Use of Social Media",
    "Social Media Policy",
    "Internet and Social Media",
]
PEOPLE = [
    "Alex Morgan",
    "Jordan Reyes",
    "Casey Nguyen",
    "Taylor Brooks",
    "Riley Patel",
    "Morgan Hayes",
    "Jamie Ortiz",
    "Drew Carter",
    "Pat Kowalski",
    "Sam Whitfield",
    "Robin Asante",
    "Chris Lindqvist",
]
SIGNATORY_TITLES = ["Chief of Police", "Sheriff", "Director of Public Safety", "Police Commissioner"]

# Agency-wide word choices: each agency picks one alternative per row (the first is the model's word).
WORD_CHOICES = [
    ("members", "employees", "personnel", "officers"),
    ("Members", "Employees", "Personnel", "Officers"),
    ("shall", "shall", "will", "must"),
    ("department", "department", "agency"),
    ("Department", "Department", "Agency"),
    ("social media", "social media", "social networking"),
    ("prohibited", "prohibited", "not permitted"),
    ("supervisor", "supervisor", "commanding officer"),
]
ADDED_SENTENCES = [
    "This applies on and off duty.",
    "Questions about this section are directed to the Office of the Chief.",
    "Supervisors ensure that employees under their command are aware of this requirement.",
    "Exceptions require the written approval of the Chief of Police.",
    "This provision is reviewed annually.",
]
# A definition is written in one of a few ways; each is a change made to the model's wording.
DEFINITION_VARIANTS = [
    lambda text: text,
    lambda text: re.sub(r"\bsocial media\b", "social networking", text),
    lambda text: text.rstrip(".") + ", as used in this policy.",
    lambda text: "For the purposes of this policy, " + text[:1].lower() + text[1:],
]


# --- Labels -----------------------------------------------------------------------------------------


def letters(number: int) -> str:
    """`1` → `A`, `27` → `AA`."""
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


LABEL_STYLES = {
    "roman": lambda n, chapter: f"{roman_numeral(n)}.",
    "section": lambda n, chapter: f"Section {chapter}.{n - 1:02d}",
    "arabic": lambda n, chapter: f"{n}.",
    "article": lambda n, chapter: f"Article {roman_numeral(n)}",
    "upper": lambda n, chapter: f"{letters(n)}.",
    "lower": lambda n, chapter: f"{letters(n).lower()}.",
    "paren-arabic": lambda n, chapter: f"({n})",
    "paren-lower": lambda n, chapter: f"({letters(n).lower()})",
    "lower-roman": lambda n, chapter: f"{roman_numeral(n).lower()}.",
    "arabic-paren": lambda n, chapter: f"{n})",
}
# For each nesting level, the styles an agency may number it with.
LEVEL_STYLES = [
    ("roman", "roman", "section", "arabic", "article"),
    ("upper", "upper", "arabic"),
    ("arabic", "lower", "paren-arabic"),
    ("lower", "paren-arabic", "lower-roman"),
    ("paren-arabic", "paren-lower", "arabic-paren"),
    ("lower-roman", "paren-lower", "arabic-paren"),
]


# --- One agency -------------------------------------------------------------------------------------


class Agency:
    """The choices that make one synthetic agency's policy: identity, numbering and wording."""

    def __init__(self, number: int, rng: random.Random):
        self.rng = rng
        city = rng.choice(CITIES)
        self.city, self.state = city, rng.choice(STATES)
        self.name = rng.choice(AGENCY_KINDS).format(city=city)
        self.slug = f"{re.sub(r'[^a-z0-9]+', '-', self.name.lower()).strip('-')}-{number:04d}"
        self.chapter = rng.randint(2, 12)
        self.styles = [rng.choice(styles) for styles in LEVEL_STYLES]
        self.words = [(row[0], rng.choice(row)) for row in WORD_CHOICES]
        self.leave_out = rng.uniform(0.05, 0.35)  # share of tagged provisions this agency does not have
        self.shuffle = rng.uniform(0.0, 0.3)
        self.add_sentence = rng.uniform(0.0, 0.15)
        self.definition_variant = {}  # term → the wording it uses, chosen once per agency

    def label(self, depth: int, number: int) -> str:
        style = self.styles[min(depth, len(self.styles) - 1)]
        return LABEL_STYLES[style](number, self.chapter)

    def substitute(self, text: str) -> str:
        """The agency's words for the model's, and nothing else (a quote stays words of the reworded text)."""
        for model, chosen in self.words:
            if model != chosen:
                text = re.sub(rf"\b{re.escape(model)}\b", chosen, text)
        return text

    def reword(self, text: str) -> str:
        text = self.substitute(text)
        if text and self.rng.random() < self.add_sentence:
            text = text.rstrip() + " " + self.rng.choice(ADDED_SENTENCES)
        return text

    def define(self, term: str, text: str) -> str:
        variant = self.definition_variant.setdefault(term, self.rng.randrange(len(DEFINITION_VARIANTS)))
        return DEFINITION_VARIANTS[variant](text)


def vary_provisions(agency: Agency, provisions: list[dict], depth: int = 0) -> list[dict]:
    """The agency's version of a list of sibling provisions: some left out, maybe reordered, renumbered."""
    kept = [vary_provision(agency, p, depth) for p in provisions if keeps(agency, p)]
    kept = [p for p in kept if p is not None]
    if len(kept) >= 3 and agency.rng.random() < agency.shuffle:
        agency.rng.shuffle(kept)
    number = 0
    for provision in kept:
        if "label" in provision:
            number += 1
            provision["label"] = agency.label(depth, number)
    return kept


def keeps(agency: Agency, provision: dict) -> bool:
    """Whether the agency has this provision: definitions and tagged provisions are sometimes left out."""
    if provision.get("term"):
        return agency.rng.random() > 0.2
    if provision.get("topics"):
        return agency.rng.random() > agency.leave_out
    return True


def vary_provision(agency: Agency, provision: dict, depth: int) -> dict | None:
    varied = dict(provision)
    if varied.get("term"):
        varied["text"] = agency.define(varied["term"], varied["text"])
    elif varied.get("text"):
        varied["text"] = agency.reword(varied["text"])
    if varied.get("notes"):
        varied["notes"] = [agency.reword(note) for note in varied["notes"]]
    if varied.get("answers"):  # the model's coded answers go with its words; a quote takes the agency's words
        varied["answers"] = {
            question: {**answer, "quote": agency.substitute(answer["quote"])}
            if isinstance(answer, dict) and "quote" in answer
            else answer
            for question, answer in varied["answers"].items()
        }
    if "children" in provision:
        varied["children"] = vary_provisions(agency, provision["children"], depth + 1)
        if not varied["children"]:
            del varied["children"]
            if not (varied.get("text") or varied.get("term")):
                return None  # a heading left with nothing under it
    return varied


def random_date(rng: random.Random, start: int, end: int) -> dt.date:
    return dt.date(start, 1, 1) + dt.timedelta(days=rng.randrange((dt.date(end, 12, 31) - dt.date(start, 1, 1)).days))


def vary_policy(model: dict, number: int, rng: random.Random) -> dict:
    """The policy of synthetic agency `number`, adapted from the real department policy `model`."""
    agency = Agency(number, rng)
    issued = random_date(rng, 2010, 2023)
    dates = {"issued": issued, "effective": issued + dt.timedelta(days=rng.choice((0, 0, 1, 14, 30)))}
    revised = sorted(random_date(rng, issued.year + 1, 2025) for _ in range(rng.choice((0, 0, 1, 2, 3))))
    if revised:
        dates["revised"] = revised
    document = {"title": rng.choice(DOCUMENT_TITLES)}
    if kind := rng.choice(DOCUMENT_TYPES):
        document["type"] = kind
    document["number"] = rng.choice(
        (
            f"{rng.randint(100, 999)}",
            f"GO-{issued.year}-{rng.randint(1, 40):02d}",
            f"{agency.chapter}.{rng.randint(1, 20):02d}",
        )
    )
    policy = {
        "schema": 1,
        "slug": agency.slug,
        "kind": "policy",
        "agency": {"name": agency.name, "city": agency.city, "state": agency.state},
        "document": document,
        "dates": dates,
    }
    for key in ("references", "distribution"):
        if model.get(key):
            policy[key] = [agency.reword(line) for line in model[key]]
    if rng.random() < 0.7:
        policy["signatories"] = [{"name": rng.choice(PEOPLE), "title": rng.choice(SIGNATORY_TITLES)}]
    policy["original"] = f"{agency.slug}.txt"
    policy["body"] = vary_provisions(agency, model["body"])
    if model.get("attachments"):
        policy["attachments"] = model["attachments"]
    return policy


def original_text(policy: dict) -> str:
    """A plain-text original for a synthetic policy: its header and provisions, one paragraph each."""
    lines = [policy["agency"]["name"], policy["document"]["title"], ""]

    def walk(provisions: list[dict]) -> None:
        for p in provisions:
            lead = " ".join(x for x in (p.get("label"), p.get("heading"), p.get("term")) if x)
            lines.append(" ".join(x for x in (lead, p.get("text", "")) if x))
            lines.extend(f"NOTE: {note}" for note in p.get("notes", []))
            walk(p.get("children", []))

    walk(policy["body"])
    return "\n".join(lines) + "\n"


# --- The corpus -------------------------------------------------------------------------------------


class _LiteralDumper(_Dumper):
    """Writes multi-line text as a literal block (`|-`), the way the real files hold paragraphs, and
    never an alias: a list shared with the model (its topics) is written out again."""

    def ignore_aliases(self, data) -> bool:
        return True


def _represent_text(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _represent_text)


def write_yaml(path: Path, value: dict) -> None:
    path.write_text(
        yaml.dump(value, Dumper=_LiteralDumper, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )


def synthesize(real_source: Path, target: Path, count: int, seed: int = 2024) -> Path:
    """Write a `source/` folder of `count` agencies (at least the real ones) into `target`; return it."""
    shutil.copytree(real_source, target, ignore=shutil.ignore_patterns("answers"))
    models = []
    for path in sorted((real_source / "policies").glob("*.yml")):
        policy = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        if policy["kind"] == "policy":
            models.append(policy)
    real = len(list((target / "policies").glob("*.yml")))
    for number in range(1, max(0, count - real) + 1):
        rng = random.Random(seed * 1_000_003 + number)
        policy = vary_policy(models[number % len(models)], number, rng)
        write_yaml(target / "policies" / f"{policy['slug']}.yml", policy)
        (target / "originals" / policy["original"]).write_text(original_text(policy), encoding="utf-8")
    return target
