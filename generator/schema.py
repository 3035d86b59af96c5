"""The policy schema, declared as typed fields in the manner of MkDocs' `config_options`.

Each field type checks one value and either returns it converted or raises `Invalid` with a
message saying what was expected. `Record` walks a mapping, reports unknown and missing keys,
and collects every problem rather than stopping at the first. A record with problems is still built,
each refused field standing at its default (`Checked.failed` lists where they were), so that the
checks across fields can run on the rest and report everything at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import model
from .problems import Problem
from .yaml_source import SourceDocument


class Invalid(ValueError):
    """The value of one field is wrong; the message says what was expected."""


class Context:
    """Where we are: the document being checked and the problems found so far."""

    def __init__(self, doc: SourceDocument):
        self.doc = doc
        self.problems: list[Problem] = []
        self.failed: set[tuple] = set()  # the paths of the problems: their values are defaults now

    def report(self, path: tuple, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))
        self.failed.add(path)

    def described(self, value: Any, path: tuple) -> str:
        """`described(value)`, echoing how the file writes the value at `path`."""
        return described(value, self.doc.written.get(path))


class Field:
    """Base of all field types. `required` fields must be present; others get `default`."""

    def __init__(self, required: bool = False, default: Any = None):
        self.required = required
        self.default = default

    def check(self, value: Any, path: tuple, ctx: Context) -> Any:
        raise NotImplementedError

    def missing(self) -> Any:
        return self.default() if callable(self.default) else self.default


def described(value: Any, written: str | None = None) -> str:
    """What a value is, in the user's terms: YAML's words, echoing what the file wrote (`written`),
    e.g. "nothing", "a boolean (yes)", "the number 4", "a list"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({written or str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"the number {written or value}"
    if isinstance(value, dt.datetime):
        return f"a date and time ({written or value})"
    if isinstance(value, dt.date):
        return f"a date ({written or value.isoformat()})"
    if isinstance(value, str):
        return f"the text {_shown(value)}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__} ({written or value})"


def _shown(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it, shortened: the message names the value, it need not repeat a page of it."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Str(Field):
    """A string; `pattern` is a regular expression the whole string must match."""

    def __init__(self, pattern: str | None = None, what: str | None = None, allow_empty: bool = True, **kw):
        super().__init__(**kw)
        self.pattern = re.compile(pattern) if pattern else None
        self.what = what or (f"a string matching {pattern}" if pattern else "a string")
        self.allow_empty = allow_empty

    def check(self, value, path, ctx):
        if not isinstance(value, str):
            quote = " (put it in quotes)" if isinstance(value, (int, float, dt.date)) else ""
            raise Invalid(f"expected {self.what}, got {ctx.described(value, path)}{quote}")
        if not self.allow_empty and not value.strip():
            raise Invalid(f"must not be empty (expected {self.what})")
        if self.pattern and not self.pattern.fullmatch(value):
            raise Invalid(f"{_shown(value)} is not valid (expected {self.what})")
        return value


class Slug(Str):
    """Lower-case letters, digits and hyphens: used for policy slugs and option ids."""

    def __init__(self, **kw):
        super().__init__(
            pattern=r"[a-z0-9]+(?:-[a-z0-9]+)*", what="lower-case letters, digits and single hyphens", **kw
        )


class Url(Str):
    """An http or https address; anything else (e.g. `javascript:`) is refused."""

    def __init__(self, **kw):
        super().__init__(pattern=r"https?://[^\s<>\"']+", what="an http:// or https:// address", **kw)


class Choice(Field):
    def __init__(self, choices: tuple[str, ...], **kw):
        super().__init__(**kw)
        self.choices = choices

    def check(self, value, path, ctx):
        if not isinstance(value, str):
            raise Invalid(f"expected one of: {', '.join(self.choices)}; got {ctx.described(value, path)}")
        if value not in self.choices:
            raise Invalid(f"{_shown(value)} is not one of: {', '.join(self.choices)}")
        return value


class Bool(Field):
    def check(self, value, path, ctx):
        if not isinstance(value, bool):
            raise Invalid(f"expected true or false, got {ctx.described(value, path)}")
        return value


class Fraction(Field):
    """A number from 0 to 1 (`0.83`), such as a similarity."""

    def check(self, value, path, ctx):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid(f"expected a number from 0 to 1 (e.g. 0.83), got {ctx.described(value, path)}")
        if not 0 <= value <= 1:
            raise Invalid(f"{ctx.doc.written.get(path, value)} is not from 0 to 1")
        return float(value)


class Integer(Field):
    def __init__(self, allowed: tuple[int, ...] | None = None, **kw):
        super().__init__(**kw)
        self.allowed = allowed

    def check(self, value, path, ctx):
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"expected a whole number, got {ctx.described(value, path)}")
        if self.allowed and value not in self.allowed:
            raise Invalid(f"{value} is not supported (expected one of: {', '.join(map(str, self.allowed))})")
        return value


OPTION_REFERENCE = re.compile(r"\{\{\s*([a-z0-9-]+)\s*\}\}")


@dataclass(frozen=True)
class DateRule:
    """The one rule for dates, in policies and in answers files alike: written `YYYY-MM-DD` (not the
    other forms Python's `date.fromisoformat` takes, `20250106` or `2025-W02-1`), a real day, and within
    a plausible range (a typo like `2202-07-01` is a mistake, and dates past 2106 break the build's
    gzip headers). The draft page receives it as data (`as_data`), so the browser applies the same rule."""

    pattern: str = r"\d{4}-\d{2}-\d{2}"
    earliest: dt.date = dt.date(1900, 1, 1)
    latest: dt.date = dt.date(2099, 12, 31)
    written: str = "YYYY-MM-DD"
    # How a policy shows a date ("January 6, 2025"): the month's name, the day, the year.
    months: tuple[str, ...] = (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    )  # fmt: skip
    shown_as: str = "{month} {day}, {year}"

    def parse(self, value: Any, expected: str | None = None) -> dt.date:
        """The date `value` stands for (a date, or its text); `Invalid` says why it is none, and what
        was `expected` (by default: the date as written)."""
        expected = expected or f"{self.written}, e.g. 2014-01-30"
        if isinstance(value, dt.datetime):
            raise Invalid(f"got a date and time ({value}), expected only a date ({expected})")
        if isinstance(value, str):
            text = value.strip()
            try:
                if not re.fullmatch(self.pattern, text):
                    raise ValueError(text)
                value = dt.date.fromisoformat(text)
            except ValueError:
                raise Invalid(f"{_shown(text)} is not a date (expected {expected})") from None
        if not isinstance(value, dt.date):
            raise Invalid(f"expected {expected}, got {described(value)}")
        if not self.earliest <= value <= self.latest:
            raise Invalid(f"{value.isoformat()!r} is not a plausible date (expected {self.range})")
        return value

    def fault(self, text: str) -> str | None:
        """Why `text` is no date by this rule: `not-a-date`, `not-plausible`, or None when it is one."""
        try:
            if not re.fullmatch(self.pattern, text):
                return "not-a-date"
            value = dt.date.fromisoformat(text)
        except ValueError:
            return "not-a-date"
        return None if self.earliest <= value <= self.latest else "not-plausible"

    def shown(self, date: dt.date) -> str:
        """A date as a policy shows it: `January 6, 2025`."""
        return self.shown_as.format(month=self.months[date.month - 1], day=date.day, year=date.year)

    @property
    def range(self) -> str:
        return f"a date from {self.earliest.isoformat()} to {self.latest.isoformat()}"

    def as_data(self) -> dict[str, str | list[str]]:
        return {
            "pattern": self.pattern,
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "written": self.written,
            "months": list(self.months),
            "shownAs": self.shown_as,
        }


DATES = DateRule()


class DateOrOption(Field):
    """A date (`DATES`: `2014-01-30`), or in a template a `{{option-id}}` the agency fills in."""

    def check(self, value, path, ctx):
        if isinstance(value, dt.datetime):
            value = value.date()  # a time of day is more than a policy says; the day is what counts
        if isinstance(value, str) and OPTION_REFERENCE.fullmatch(value.strip()):
            return value.strip()
        if isinstance(value, (str, dt.date)):
            return DATES.parse(value)
        raise Invalid(f"expected a date ({DATES.written}) or an {{{{option-id}}}}, got {ctx.described(value, path)}")


class ListOf(Field):
    """A list whose items are all of one field type; bad items are reported one by one."""

    def __init__(self, item: Field, **kw):
        kw.setdefault("default", list)
        super().__init__(**kw)
        self.item = item

    def check(self, value, path, ctx):
        if not isinstance(value, list):
            raise Invalid(f"expected a list, got {ctx.described(value, path)}")
        result = []
        for i, item in enumerate(value):
            checked = check_field(self.item, item, path + (i,), ctx)
            if checked is not _BAD:
                result.append(checked)
        return result


class Record(Field):
    """A mapping with declared keys, built into `make(**fields)` (a model class); `renamed`: the keys whose
    field in the model has another name (`from`, a Python keyword, is the model's `source`)."""

    def __init__(
        self,
        make: Callable[..., Any],
        fields: dict[str, Field] | Callable[[], dict[str, Field]],
        renamed: dict[str, str] | None = None,
        **kw,
    ):
        super().__init__(**kw)
        self.make = make
        self._fields = fields
        self.renamed = renamed or {}

    @property
    def fields(self) -> dict[str, Field]:
        if callable(self._fields):  # lets a record contain itself (provision children)
            self._fields = self._fields()
        return self._fields

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            raise Invalid(f"expected a mapping of {', '.join(self.fields)}, got {ctx.described(value, path)}")
        fields = self.fields
        values: dict[str, Any] = {}
        for key in value:
            if key not in fields:
                ctx.report(path + (key,), f"unknown key {_shown(key)} (expected one of: {', '.join(fields)})")
        for key, field in fields.items():
            given = value.get(key)
            if given is None:
                if field.required:
                    ctx.report(
                        path + (key,),
                        "required field has no value (got nothing)" if key in value else "required field is missing",
                    )
                values[key] = field.missing()
                continue
            checked = check_field(field, given, path + (key,), ctx)
            values[key] = checked if checked is not _BAD else field.missing()
        values = {self.renamed.get(key, key): checked for key, checked in values.items()}
        values["source_path"] = path
        return self.make(**values)  # with problems, the refused fields stand at their defaults


_BAD = object()  # marks a value that failed; its problem is already reported


def check_field(field: Field, value: Any, path: tuple, ctx: Context) -> Any:
    """Check one value; report a failure at its path and return `_BAD` instead of raising."""
    try:
        result = field.check(value, path, ctx)
    except Invalid as exc:
        ctx.report(path, str(exc))
        return _BAD
    return result


@dataclass
class Checked:
    """Result of checking one document: the built model object (None when the document is no mapping)
    and its problems. With problems the object is incomplete: `failed` holds the paths of the values
    refused (each stands at its default, or is left out of its list); `incomplete` asks about one."""

    value: Any
    problems: list[Problem]
    failed: frozenset = frozenset()

    def incomplete(self, *path) -> bool:
        return model.refused_at(self.failed, path)


def check_document(root: Record, doc: SourceDocument) -> Checked:
    ctx = Context(doc)
    value = check_field(root, doc.value, (), ctx)
    return Checked(None if value is _BAD else value, ctx.problems, frozenset(ctx.failed))


class CodedAnswers(Field):
    """The answers a provision gives: question id → an answer id (or, for a question of kind `text`, the
    answer in a few words), or a mapping of `answer`, `condition` and `quote`. Checked against the
    codebook later, in context (`validate.answers_coded`)."""

    def __init__(self, **kw):
        kw.setdefault("default", list)
        super().__init__(**kw)

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            raise Invalid(f"expected a mapping of question ids to answers, got {ctx.described(value, path)}")
        codings = []
        for key, item in value.items():
            here = path + (key,)
            if check_field(QUESTION_ID, key, here, ctx) is _BAD:
                continue
            if isinstance(item, dict):
                coding = check_field(CODING, item, here, ctx)
                if coding is _BAD:
                    continue
                coding.question, coding.answer_path = key, here + ("answer",)
            else:
                answer = check_field(ANSWER_TEXT, item, here, ctx)
                if answer is _BAD:
                    continue
                coding = model.Coding(key, answer, source_path=here, answer_path=here)
            codings.append(coding)
        return codings


QUESTION_ID = Slug()
ANSWER_TEXT = Str(allow_empty=False, what="an answer id, or for a question of kind text the answer in a few words")
CODING = Record(
    lambda **values: model.Coding(question="", **values),
    {
        "answer": Str(allow_empty=False, required=True, what=ANSWER_TEXT.what),
        "condition": Str(allow_empty=False),
        "quote": Str(allow_empty=False),
    },
)


# --- The declaration of a policy file -------------------------------------------------------------


def _provision_fields() -> dict[str, Field]:
    return {
        "label": Str(allow_empty=False),
        "heading": Str(allow_empty=False),
        "term": Str(allow_empty=False),
        "text": Str(default=""),
        "notes": ListOf(Str(allow_empty=False)),
        "option": Slug(),
        "topics": ListOf(Slug()),
        "suggested_topics": ListOf(SUGGESTED_TOPIC),
        "comparable": Bool(default=True),
        "answers": CodedAnswers(),
        "suggested_answers": ListOf(SUGGESTED_ANSWER),
        "children": ListOf(PROVISION),
    }


# A provision id as `model.assign_ids` derives it: the slug, then one segment per level.
PROVISION_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+"

SUGGESTED_TOPIC = Record(
    model.SuggestedTopic,
    {
        "topic": Slug(required=True),
        "similarity": Fraction(required=True),
        "from": Str(required=True, pattern=PROVISION_ID, what="a provision id, e.g. kansas-city-mo.iv.b"),
    },
    renamed={"from": "source"},
)

SUGGESTED_ANSWER = Record(
    model.SuggestedAnswer,
    {
        "question": Slug(required=True),
        "answer": Slug(required=True),
        "similarity": Fraction(required=True),
        "from": Str(required=True, pattern=PROVISION_ID, what="a provision id, e.g. kansas-city-mo.iv.b"),
    },
    renamed={"from": "source"},
)

PROVISION = Record(model.Provision, _provision_fields)

ALTERNATIVE = Record(
    model.Alternative,
    {
        "id": Slug(required=True),
        "text": Str(required=True),
        "input": Str(allow_empty=False),
    },
)

TEMPLATE_OPTION = Record(
    model.TemplateOption,
    {
        "id": Slug(required=True),
        "kind": Choice(("fill-in", "choice", "optional"), required=True),
        "bracket": Str(required=True, allow_empty=False),
        "label": Str(required=True, allow_empty=False),
        "help": Str(),
        "default": Str(),
        "format": Choice(("text", "date"), default="text"),
        "alternatives": ListOf(ALTERNATIVE),
    },
)

POLICY = Record(
    model.Policy,
    {
        "schema": Integer(allowed=(1,), required=True),
        "slug": Slug(required=True),
        "kind": Choice(("policy", "template"), required=True),
        "agency": Record(
            model.Agency,
            {
                "name": Str(required=True, allow_empty=False),
                "city": Str(),
                "state": Str(),
                "identified": Bool(default=True),
            },
            required=True,
        ),
        "document": Record(
            model.Document,
            {
                "title": Str(required=True, allow_empty=False),
                "type": Str(),
                "number": Str(),
                "subject": Str(),
                "chapter": Str(),
            },
            required=True,
        ),
        "dates": Record(
            model.Dates,
            {
                "issued": DateOrOption(),
                "effective": DateOrOption(),
                "revised": ListOf(DateOrOption()),
            },
            default=lambda: model.Dates(),
        ),
        "amends": Str(),
        "rescinds": Str(),
        "references": ListOf(Str(allow_empty=False)),
        "distribution": ListOf(Str(allow_empty=False)),
        "signatories": ListOf(
            Record(
                model.Signatory,
                {
                    "name": Str(required=True, allow_empty=False),
                    "title": Str(),
                    "note": Str(),
                    "date_line": Bool(default=False),
                },
            )
        ),
        "original": Str(required=True, pattern=r"[^/\\]+", what="a file name in source/originals/"),
        "original_document": Str(pattern=r"[^/\\]+", what="a file name in source/originals/"),
        "provenance": Str(allow_empty=False),
        "body": ListOf(PROVISION, required=True),
        "footnotes": ListOf(
            Record(
                model.Footnote,
                {
                    "id": Str(required=True, pattern=r"[A-Za-z0-9]+", what='letters or digits, e.g. "1"'),
                    "text": Str(required=True, allow_empty=False),
                },
            )
        ),
        "attachments": ListOf(
            Record(
                model.Attachment,
                {
                    "title": Str(required=True, allow_empty=False),
                    "items": ListOf(
                        Record(
                            model.AttachmentItem,
                            {
                                "name": Str(required=True, allow_empty=False),
                                "url": Url(),
                            },
                        ),
                        required=True,
                    ),
                },
            )
        ),
        "options": ListOf(TEMPLATE_OPTION),
        "furniture": ListOf(
            Record(
                model.Furniture,
                {
                    "line": Str(required=True, allow_empty=False),
                    "reason": Str(required=True, allow_empty=False),
                },
            )
        ),
        "repairs": ListOf(
            Record(
                model.Repair,
                {
                    "provision": Str(required=True, allow_empty=False),
                    "field": Choice(("label", "heading", "term", "text"), required=True),
                    "original": Str(required=True),
                    "repaired": Str(required=True, allow_empty=False),
                    "reason": Str(required=True, allow_empty=False),
                },
            )
        ),
    },
)


TAXONOMY = Record(
    model.Taxonomy,
    {
        "groups": ListOf(
            Record(
                model.TopicGroup,
                {
                    "id": Slug(required=True),
                    "title": Str(required=True, allow_empty=False),
                },
            )
        ),
        "topics": ListOf(
            Record(
                model.Topic,
                {
                    "id": Slug(required=True),
                    "title": Str(required=True, allow_empty=False),
                    "description": Str(required=True, allow_empty=False),
                    "group": Slug(),
                },
            ),
            required=True,
        ),
    },
)


TERM_ALIASES = Record(
    model.TermAliases,
    {
        "aliases": ListOf(
            Record(
                model.TermAlias,
                {
                    "term": Str(required=True, allow_empty=False),
                    "variants": ListOf(Str(allow_empty=False), required=True),
                },
            ),
            required=True,
        ),
    },
)


class Mapping(Field):
    """A mapping with keys chosen by the author (e.g. option ids); values are checked later, in context."""

    def __init__(self, key: Field, **kw):
        kw.setdefault("default", dict)
        super().__init__(**kw)
        self.key = key

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            raise Invalid(f"expected a mapping, got {ctx.described(value, path)}")
        return {key: item for key, item in value.items() if check_field(self.key, key, path + (key,), ctx) is not _BAD}


# The codebook (source/questions.yml): documented in source/FIELDS.md.
CODEBOOK = Record(
    model.Codebook,
    {
        "questions": ListOf(
            Record(
                model.Question,
                {
                    "id": Slug(required=True),
                    "question": Str(required=True, allow_empty=False),
                    "kind": Choice(("yes-no", "one-of", "text"), required=True),
                    "topics": ListOf(Slug(), required=True),
                    "answers": ListOf(
                        Record(
                            model.Choice,
                            {
                                "id": Slug(required=True),
                                "wording": Str(required=True, allow_empty=False),
                                "means": Str(allow_empty=False),
                            },
                        )
                    ),
                    "notes": Str(allow_empty=False),
                    "option": Slug(),
                    "alternatives": Mapping(Slug()),
                },
            ),
            required=True,
        ),
    },
)
