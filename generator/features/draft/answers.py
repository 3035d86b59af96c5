"""An answers file of "Draft your policy" checked against the template: the one set of rules and the one
table of messages, which `handbook draft` (generator/features/draft/drafting.py) applies and the page receives as data
(`rules`) to apply in the browser (draft.js), so that both refuse the same files with the same words.

Answers are text: a value is checked as the file writes it (`2025-01-06`, `yes` and `4.10` are those
words, not a date, a boolean and a number), and an empty value (or YAML's `~`, `null`) is nothing. So
the checker sees plain values (`text_values`: text, None, lists, mappings), as the page's YAML reader
gives them (YAML 1.1's words for nothing read as nothing, everything else as text).

A checked answer is in the form the page keeps answers in: a fill-in's text, or `{text, places}` when
some places differ; a choice's alternative id, or `{choice, input}`; `include` or `omit`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ...document import Place, asked
from ...model import Answer, Policy
from ...schema import DATES
from ...yaml_source import SourceDocument

REQUIRED_FIELDS = ("template", "version", "answers")
FIELDS = (*REQUIRED_FIELDS, "agency")  # `agency`: the adopting agency's name (document properties, `handbook adopt`)
VERSIONS = (1,)

# Every message about an answers file; `{name}` stands for a value, quoted with `quoted` when it is the
# file's text. Templates are filled by name only, in Python (`str.format`) and in the browser alike.
MESSAGES = {
    "not-a-file": "expected a mapping with template, version and answers, got {got}",
    "unknown-field": "unknown key {key} (expected one of: {keys})",
    "missing": "required field is missing",
    "no-value": "required field has no value (got nothing)",
    "expected": "expected {expected}, got {got}",
    "other-template": "this answers file is for the template {given}, expected {template}",
    "version": "{given} is not supported (expected one of: {versions})",
    "answers": "expected a mapping of option ids to answers, got {got}",
    "unknown-option": "unknown option id {id} (expected one of: {ids})",
    "unknown-key": "unknown key {key} (expected {keys})",
    "needs-text": "a mapping needs text (expected {expected}, or a mapping of text and places)",
    "places": "expected a mapping of place ids to text, got {got}",
    "not-a-place": "{place} is not a place of this option (expected one of: {places})",
    "not-an-alternative": "{given} is not an alternative (expected {expected})",
    "needs-input": "{given} needs input: {input} (write choice: {choice} and input: …)",
    "takes-no-input": "{given} takes no input",
    "not-valid": "{given} is not valid (expected {expected})",
    "not-a-date": "{given} is not a date (expected {expected})",
    "not-plausible": "{given} is not a plausible date (expected a date from {earliest} to {latest})",
    "no-answer": "no answer (expected {expected}: {label})",
    # What an answer must be, for the messages above.
    "expect-text": 'text ("" to leave it empty)',
    "expect-date": 'a date {written}, or "" to leave it empty',
    "expect-optional": "include or omit",
    "expect-choice": "one of: {alternatives}",
    "alternative-with-input": "{id} (with input: {input})",
    "text": "text",
    # What a value is, when it is not text.
    "got-nothing": "nothing",
    "got-a-list": "a list",
    "got-a-mapping": "a mapping",
}


def message(name: str, /, **values: str) -> str:
    """The message `name` of `MESSAGES` with its values."""
    return MESSAGES[name].format(**values)


def quoted(text: str) -> str:
    """The file's text as a message shows it: in double quotes, as JSON writes a string (the page's
    `JSON.stringify` writes it the same way)."""
    return json.dumps(text, ensure_ascii=False)


def got(value: object) -> str:
    """What a value is, in words, when it is not what was expected."""
    if value is None:
        return message("got-nothing")
    if isinstance(value, str):
        return message("text")
    return message("got-a-list") if isinstance(value, list) else message("got-a-mapping")


# --- The rules, as data ---------------------------------------------------------------------------------


def rules(template: Policy, places: dict[str, list[Place]], within: dict[str, list[str]] | None = None) -> dict:
    """What the page needs to check an answers file: the template, the fields and versions, each option's
    kind, format, places, alternatives (with the input they ask for) and the optional parts it stands
    within (`document.options_within`: leaving one out, the option is not asked), and the messages."""
    within = within or {}
    return {
        "template": template.slug,
        "fields": list(FIELDS),
        "required": list(REQUIRED_FIELDS),
        "versions": list(VERSIONS),
        "messages": MESSAGES,
        "options": [
            {
                "id": o.id,
                "kind": o.kind,
                "label": o.label,
                "format": o.format,
                "default": o.default,
                "places": [p.id for p in places[o.id]],
                "alternatives": [{"id": a.id, "input": a.input} for a in o.alternatives],
                "within": within.get(o.id, []),
            }
            for o in template.options
        ],
    }


# --- Checking ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """What is wrong with an answers file: where (a path of keys from the top) and why."""

    path: tuple[str, ...]
    message: str


class _Refused(Exception):
    def __init__(self, message: str, path: tuple[str, ...] = ()):
        super().__init__(message)
        self.message, self.path = message, path


def check_file(value: object, rules: dict) -> tuple[dict, list[Refusal]]:
    """The checked answers of a file's plain values (see the module's docstring), and every refusal."""
    if not isinstance(value, dict):
        return {}, [Refusal((), message("not-a-file", got=got(value)))]
    refusals = [
        Refusal((key,), message("unknown-field", key=quoted(key), keys=", ".join(FIELDS)))
        for key in value
        if key not in FIELDS
    ]
    for key in REQUIRED_FIELDS:
        if key not in value:
            refusals.append(Refusal((key,), message("missing")))
        elif value[key] is None:
            refusals.append(Refusal((key,), message("no-value")))
    if refusals:
        return {}, refusals
    if value.get("agency") is not None and not isinstance(value["agency"], str):
        return {}, [Refusal(("agency",), message("expected", expected=message("text"), got=got(value["agency"])))]
    given, version, answers = value["template"], value["version"], value["answers"]
    if not isinstance(given, str):
        return {}, [Refusal(("template",), message("expected", expected=message("text"), got=got(given)))]
    if given != rules["template"]:
        return {}, [
            Refusal(("template",), message("other-template", given=quoted(given), template=quoted(rules["template"])))
        ]
    if version not in [str(v) for v in rules["versions"]]:
        shown = quoted(version) if isinstance(version, str) else got(version)
        versions = ", ".join(str(v) for v in rules["versions"])
        return {}, [Refusal(("version",), message("version", given=shown, versions=versions))]
    if not isinstance(answers, dict):
        return {}, [Refusal(("answers",), message("answers", got=got(answers)))]
    options = {o["id"]: o for o in rules["options"]}
    checked: dict = {}
    for option_id, answer in answers.items():
        here = ("answers", option_id)
        option = options.get(option_id)
        if option is None:
            refusals.append(Refusal(here, message("unknown-option", id=quoted(option_id), ids=", ".join(options))))
            continue
        try:
            checked[option_id] = check_answer(option, answer)
        except _Refused as refused:
            refusals.append(Refusal(here + refused.path, refused.message))
    return checked, refusals


def expected(option: dict) -> str:
    """What an answer to `option` must be, in words."""
    if option["kind"] == "fill-in":
        return message("expect-date", written=DATES.written) if option["format"] == "date" else message("expect-text")
    if option["kind"] == "optional":
        return message("expect-optional")
    parts = [
        message("alternative-with-input", id=a["id"], input=a["input"]) if a["input"] else a["id"]
        for a in option["alternatives"]
    ]
    return message("expect-choice", alternatives=", ".join(parts))


def check_answer(option: dict, value: object) -> object:
    """One answer checked against its option (in the form of `rules`); `_Refused` says why not."""
    check = {"fill-in": _fill_in, "choice": _choice, "optional": _optional}[option["kind"]]
    return check(option, value)


def _unknown_keys(value: dict, keys: tuple[str, ...]) -> None:
    for key in value:
        if key not in keys:
            raise _Refused(message("unknown-key", key=quoted(key), keys=" and ".join(keys)), (key,))


def _text(option: dict, value: object, path: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise _Refused(message("expected", expected=expected(option), got=got(value)), path)
    text = " ".join(value.split())
    fault = DATES.fault(text) if option["format"] == "date" and text else None
    if fault == "not-a-date":
        raise _Refused(message("not-a-date", given=quoted(text), expected=expected(option)), path)
    if fault:
        earliest, latest = DATES.earliest.isoformat(), DATES.latest.isoformat()
        raise _Refused(message("not-plausible", given=quoted(text), earliest=earliest, latest=latest), path)
    return text


def _fill_in(option: dict, value: object) -> object:
    if not isinstance(value, dict):
        return _text(option, value, ())
    _unknown_keys(value, ("text", "places"))
    if "text" not in value:
        raise _Refused(message("needs-text", expected=expected(option)))
    by_place = value.get("places") or {}
    if not isinstance(by_place, dict):
        raise _Refused(message("places", got=got(by_place)), ("places",))
    for place in by_place:
        if place not in option["places"]:
            known = ", ".join(sorted(option["places"]))
            raise _Refused(message("not-a-place", place=quoted(place), places=known), ("places", place))
    texts = {place: _text(option, text, ("places", place)) for place, text in by_place.items()}
    text = _text(option, value["text"], ("text",))
    places = {p: t for p, t in texts.items() if t}
    return {"text": text, "places": places} if places else text


def _choice(option: dict, value: object) -> object:
    at: tuple[str, ...] = ()
    if isinstance(value, dict):
        _unknown_keys(value, ("choice", "input"))
        choice, typed, at = value.get("choice"), value.get("input"), ("choice",)
    else:
        choice, typed = value, None
    alternative = next((a for a in option["alternatives"] if a["id"] == choice), None)
    if alternative is None:
        if not isinstance(choice, str):
            raise _Refused(message("expected", expected=expected(option), got=got(choice)), at)
        raise _Refused(message("not-an-alternative", given=quoted(choice), expected=expected(option)), at)
    choice = alternative["id"]
    if alternative["input"]:
        if not isinstance(typed, str) or not typed.strip():
            raise _Refused(message("needs-input", given=quoted(choice), input=alternative["input"], choice=choice))
        return {"choice": choice, "input": " ".join(typed.split())}
    if typed is not None:
        raise _Refused(message("takes-no-input", given=quoted(choice)), ("input",))
    return choice


def _optional(option: dict, value: object) -> object:
    if not isinstance(value, str):
        raise _Refused(message("expected", expected=expected(option), got=got(value)))
    if value not in ("include", "omit"):
        raise _Refused(message("not-valid", given=quoted(value), expected=expected(option)))
    return value


def asked_options(rules: dict, answers: dict) -> list[dict]:
    """The options `answers` (checked, in the page's form) still ask: not those within a left-out part."""
    omitted = {option_id for option_id, value in answers.items() if value == "omit"}
    return [o for o in rules["options"] if asked(o["id"], {o["id"]: o["within"]}, omitted)]


# --- From a YAML file, and to the model's answers -----------------------------------------------------------


def text_values(doc: SourceDocument) -> object:
    """The file's values as the checker sees them: every value that is not nothing, a list or a
    mapping is the text the file writes (`yes`, `4.10`, `2025-01-06` as written)."""

    def plain(value: object, path: tuple) -> object:
        if isinstance(value, dict):
            return {str(k): plain(v, path + (k,)) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v, path + (i,)) for i, v in enumerate(value)]
        if value is None or isinstance(value, str):
            return value
        return doc.written.get(path, str(value))

    return plain(doc.value, ())


def as_answer(option_id: str, kind: str, value) -> Answer:
    """A checked answer (the page's form of it) as the model's `Answer`."""
    if kind == "optional":
        return Answer(option_id, include=value == "include")
    if kind == "choice":
        return (
            Answer(option_id, choice=value["choice"], input=value["input"])
            if isinstance(value, dict)
            else Answer(option_id, choice=value)
        )
    if isinstance(value, dict):
        return Answer(option_id, text=value["text"], places=value["places"])
    return Answer(option_id, text=value)
