"""The validated model every renderer works from. Nothing here reads files."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .contract import SLUG_RULE
from .inline import option_refs


@dataclass
class Agency:
    name: str
    city: str | None = None
    state: str | None = None
    identified: bool = True
    source_path: tuple = ()


@dataclass
class Document:
    title: str
    type: str | None = None
    number: str | None = None
    subject: str | None = None
    chapter: str | None = None
    source_path: tuple = ()


@dataclass
class Dates:
    issued: dt.date | str | None = None
    effective: dt.date | str | None = None
    revised: list = field(default_factory=list)
    source_path: tuple = ()


@dataclass
class Signatory:
    name: str
    title: str | None = None
    note: str | None = None
    date_line: bool = False
    source_path: tuple = ()


@dataclass
class Footnote:
    id: str
    text: str
    source_path: tuple = ()


@dataclass
class AttachmentItem:
    name: str
    url: str | None = None
    source_path: tuple = ()


@dataclass
class Attachment:
    title: str
    items: list[AttachmentItem]
    source_path: tuple = ()


@dataclass
class Furniture:
    """A whole line of the original that is not policy text (kept so fidelity can account for it)."""

    line: str
    reason: str
    source_path: tuple = ()


@dataclass
class Repair:
    """An OCR repair: in `field` of `provision`, the original's `original` was repaired to `repaired`."""

    provision: str
    field: str
    original: str
    repaired: str
    reason: str
    source_path: tuple = ()


@dataclass
class Alternative:
    """One alternative of a template choice; `input` names text the user types into `{input}`."""

    id: str
    text: str
    input: str | None = None
    source_path: tuple = ()


@dataclass
class TemplateOption:
    """A bracketed choice of a template: a fill-in, a choice between alternatives, or an optional part."""

    id: str
    kind: str
    bracket: str
    label: str
    help: str | None = None
    default: str | None = None
    format: str = "text"
    alternatives: list[Alternative] = field(default_factory=list)
    source_path: tuple = ()


@dataclass
class SuggestedTopic:
    """A topic `handbook import` suggests for a provision: the topic of the handbook's most similar tagged
    provision (`source`, its id) and their similarity (0..1, cosine of TF-IDF weights). A suggestion is
    not a tag: it waits for a person to accept it (`handbook review FILE --accept`) or clear it."""

    topic: str
    similarity: float
    source: str  # written `from` in the file
    source_path: tuple = ()


@dataclass
class SuggestedAnswer:
    """An answer to a codebook question `handbook import` suggests for a provision: the answer the handbook's
    coded provision `source` gives, whose wording is nearly the same (`similarity`, 0..1, cosine of TF-IDF
    weights of their own words, the words that decide an answer kept; `importer/answers.py`). Only answers
    to choose from (not a `text` question's own words). A suggestion is not a coding: it waits for a person
    to accept it (`handbook review FILE --accept`) or clear it."""

    question: str
    answer: str
    similarity: float
    source: str  # written `from` in the file
    source_path: tuple = ()


@dataclass
class Coding:
    """The answer a provision gives to a question of the codebook (`source/questions.yml`).

    `answer` is an answer id of the question, or for a question of kind `text` the answer in a few words
    (`Chief of Police or designee`); `condition` the conditions it comes with (who approves, when), in the
    coder's words; `quote` the words of the provision that decide it, when not its first sentence.
    `answer_path` is where the file writes the answer (the key's value, or its `answer`)."""

    question: str
    answer: str
    condition: str | None = None
    quote: str | None = None
    source_path: tuple = ()
    answer_path: tuple = ()


@dataclass
class Provision:
    """One numbered (or unnumbered) part of a policy body, with its nested children."""

    label: str | None = None
    heading: str | None = None
    term: str | None = None
    text: str = ""
    notes: list[str] = field(default_factory=list)
    option: str | None = None
    topics: list[str] = field(default_factory=list)
    suggested_topics: list[SuggestedTopic] = field(default_factory=list)
    comparable: bool = True
    answers: list[Coding] = field(default_factory=list)
    suggested_answers: list[SuggestedAnswer] = field(default_factory=list)
    children: list[Provision] = field(default_factory=list)
    source_path: tuple = ()
    # Filled in by `assign_ids` once the whole tree is known.
    id: str = ""
    depth: int = 0
    parent: Provision | None = field(default=None, repr=False)
    _labels: tuple | None = field(default=None, init=False, repr=False, compare=False)  # see label_path

    def walk(self) -> Iterator[Provision]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def label_path(self) -> list[str]:
        """The original labels from the top of the policy down to this provision."""
        if self._labels is not None:  # kept by `assign_ids`: pages ask for it of every provision
            return list(self._labels)
        node: Provision | None = self
        labels: list[str] = []
        while node is not None:
            if node.label:
                labels.append(node.label)
            node = node.parent
        return labels[::-1]

    @property
    def reviewed(self) -> bool:
        """Whether a person has decided what the provision is compared under and what it answers: no
        suggested topics or answers wait, and it has topics or is marked `comparable: false`. An imported
        draft's provisions are not reviewed until then, so a policy silent on a topic (or a question) may
        yet address it."""
        return not self.suggested_topics and not self.suggested_answers and (bool(self.topics) or not self.comparable)

    @property
    def title(self) -> str:
        """How the provision is named in lists: its label and heading or term."""
        return " ".join(part for part in (self.label, self.heading or self.term) if part)


@dataclass
class Policy:
    schema: int
    slug: str
    kind: str
    agency: Agency
    document: Document
    original: str
    body: list[Provision]
    dates: Dates = field(default_factory=Dates)
    amends: str | None = None
    rescinds: str | None = None
    references: list[str] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)
    original_document: str | None = None  # the PDF or Word file `original`'s text was extracted from
    provenance: str | None = None  # where the policy came from, when not an agency's publication (`handbook adopt`)
    footnotes: list[Footnote] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    options: list[TemplateOption] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    source_path: tuple = ()
    file: str = ""  # the YAML file, as shown in messages
    positions: dict[tuple, tuple[int, int]] = field(
        default_factory=dict, repr=False
    )  # field path → (line, column) in `file`
    # The paths of values the schema refused (each stands at its default, or is left out of its list):
    # the checks across fields skip what they cannot judge without them. Empty for a valid policy.
    failed_paths: frozenset = field(default=frozenset(), repr=False, compare=False)
    agency_policies: int = field(default=1, compare=False)  # how many policies of its agency the handbook has
    # Every provision in document order, kept by `assign_ids` once the tree is final: renderers go
    # through them many times, and walking the tree with nested generators each time adds up.
    _flat: tuple | None = field(default=None, init=False, repr=False, compare=False)

    def provisions(self) -> Iterator[Provision]:
        """Every provision of the body in document order, each before its children."""
        if self._flat is not None:
            return iter(self._flat)
        return (provision for top in self.body for provision in top.walk())

    def incomplete(self, *path) -> bool:
        """Whether the schema refused a value at or under `path`, or the value holding it."""
        return refused_at(self.failed_paths, path)

    @property
    def is_template(self) -> bool:
        return self.kind == "template"

    @property
    def name(self) -> str:
        """How comparisons name the policy beside others: its agency, and its title where the handbook holds
        several policies of that agency (`Village of Lisle Police Department — Department Use of Social Media`)."""
        if self.agency_policies > 1:
            return f"{self.agency.name} — {self.document.title}"
        return self.agency.name

    @cached_property
    def unreviewed(self) -> list[Provision]:
        """The provisions whose topics no one has reviewed yet (`Provision.reviewed`), in document order."""
        return [p for p in self.provisions() if not p.reviewed]

    def option(self, option_id: str) -> TemplateOption | None:
        return next((o for o in self.options if o.id == option_id), None)

    def defined_option(self, option_id: str) -> TemplateOption:
        """The option a checked policy refers to: the checks refuse a reference to an undefined one."""
        option = self.option(option_id)
        if option is None:
            raise KeyError(f"{self.slug}: option {option_id!r} is not defined")
        return option

    def bracket_of(self, option_id: str) -> str:
        """How the original shows an option: its bracket text (the id if it is not defined)."""
        option = self.option(option_id)
        return option.bracket if option else option_id

    @property
    def last_revised(self) -> dt.date | str | None:
        dated = [d for d in self.dates.revised if isinstance(d, dt.date)]
        return max(dated) if dated else None

    @property
    def definitions(self) -> list[Provision]:
        return [p for p in self.provisions() if p.term]


@dataclass
class TopicGroup:
    id: str
    title: str
    source_path: tuple = ()


@dataclass
class Topic:
    """A subject the policies regulate, used to compare them side by side."""

    id: str
    title: str
    description: str
    group: str | None = None
    source_path: tuple = ()


@dataclass
class Taxonomy:
    groups: list[TopicGroup] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    source_path: tuple = ()

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


@dataclass
class TermAlias:
    """A glossary merge rule: `variants` are other ways policies write `term` (spelling, number)."""

    term: str
    variants: list[str]
    source_path: tuple = ()


@dataclass
class TermAliases:
    """The glossary's merge rules, from `source/glossary.yml`."""

    aliases: list[TermAlias] = field(default_factory=list)
    source_path: tuple = ()

    def canonical(self, term: str) -> str:
        """The glossary term under which `term` (as a policy writes it) is listed."""
        return next((a.term for a in self.aliases if term in a.variants), term)


@dataclass
class Choice:
    """One allowed answer of a question: its id, its wording in a few words (`Only with approval`), and
    the coding note saying what counts as this answer (`means`)."""

    id: str
    wording: str
    means: str | None = None
    source_path: tuple = ()


@dataclass
class Question:
    """A question of the codebook: what a reader asks of a policy, and the answers a policy can give.

    `kind` is `yes-no` (answers `yes` and `no`), `one-of` (the listed answers) or `text` (a few words of
    the policy's own, such as who approves). `option` is the template option the question corresponds to,
    and `alternatives` maps each of its alternatives (for an optional part: `include`, `omit`) to an answer."""

    id: str
    question: str
    kind: str
    topics: list[str] = field(default_factory=list)
    answers: list[Choice] = field(default_factory=list)
    notes: str | None = None
    option: str | None = None
    alternatives: dict[str, str] = field(default_factory=dict)
    source_path: tuple = ()

    def choice(self, answer_id: str) -> Choice | None:
        return next((c for c in self.answers if c.id == answer_id), None)

    def wording(self, coding: Coding) -> str:
        """The answer as the matrix shows it: the answer's wording, or a text answer itself."""
        choice = None if self.kind == "text" else self.choice(coding.answer)
        return choice.wording if choice else coding.answer


@dataclass
class Codebook:
    """The questions every policy is coded against (`source/questions.yml`)."""

    questions: list[Question] = field(default_factory=list)
    source_path: tuple = ()


NOT_ADDRESSED = "not addressed"  # how a question no provision of a policy answers is shown
# How it is shown while some of the policy's provisions wait for a person (`Provision.reviewed`): a
# suggested answer is not a decision, and a provision no one has reviewed may yet answer the question.
NOT_YET_REVIEWED = "not yet reviewed"


def unanswered(policy: Policy) -> str:
    """How a question `policy` gives no answer to is shown: not addressed, or not yet reviewed."""
    return NOT_YET_REVIEWED if policy.unreviewed else NOT_ADDRESSED


# The end of a sentence: `.`, `!` or `?` (and a closing quote or bracket), then space and a capital.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z])")

_ABBREVIATION = re.compile(r"(?:\b(?:i\.e|e\.g|etc|vs|St|Mr|Mrs|Ms|Dr|No|Sgt|Lt|Capt)|\b[A-Z])\.$")


def sentences(text: str) -> list[str]:
    """The sentences of a text, paragraph by paragraph, each as written (white space inside kept)."""
    found = []
    for paragraph in text.split("\n"):
        start = 0
        for end in _SENTENCE_END.finditer(paragraph):
            if _ABBREVIATION.search(paragraph, 0, end.start()):
                continue  # `i.e. Facebook`, `St. Joseph`: the sentence goes on
            found.append(paragraph[start : end.start() + len(end.group().rstrip())].strip())
            start = end.end()
        if paragraph[start:].strip():
            found.append(paragraph[start:].strip())
    return [s for s in found if s]


@dataclass(frozen=True)
class Decision:
    """What one policy decided on one question: the answer, the provision giving it, and its words.

    `quote` is the sentence of the provision that decides it (a substring of its text, exactly as
    written); `lead_in` the words of the lists it is an item of (`… shall not do the following without
    prior written approval of the Chief of Police:`), outermost first, when the item means little alone."""

    policy: Policy
    question: Question
    coding: Coding
    provision: Provision
    quote: str
    lead_in: tuple[str, ...] = ()

    @property
    def answer(self) -> str:
        """The answer id, or a text answer itself."""
        return self.coding.answer

    @property
    def wording(self) -> str:
        return self.question.wording(self.coding)

    @property
    def permalink(self) -> str:
        """The provision's address from the site's top folder."""
        return f"policies/{self.policy.slug}.html#{self.provision.id}"


def decision_of(policy: Policy, question: Question, coding: Coding, provision: Provision) -> Decision:
    quote = coding.quote or (sentences(provision.text) or [provision.text.strip()])[0]
    lead_in: list[str] = []
    parent = provision.parent
    while parent is not None and parent.text.strip().endswith(":") and (said := sentences(parent.text)):
        lead_in.insert(0, said[-1])
        parent = parent.parent
    return Decision(policy, question, coding, provision, quote, tuple(lead_in))


@dataclass(frozen=True)
class TemplateAnswer:
    """What a template offers on a question that corresponds to one of its options: the option, the
    provision holding it, and each alternative (`include`/`omit` for an optional part) with the answer it
    gives (None: choosing it leaves the question unaddressed). A fill-in has no alternatives; the agency
    writes its own answer (the option's `default` suggests one)."""

    policy: Policy
    question: Question
    option: TemplateOption
    provision: Provision | None
    alternatives: tuple[tuple[str, str, Choice | None], ...]  # (alternative id, its text, the answer)


@dataclass
class Corpus:
    """Every policy of the handbook, in the order they are listed, and the shared data."""

    policies: list[Policy]
    taxonomy: Taxonomy = field(default_factory=Taxonomy)
    term_aliases: TermAliases = field(default_factory=TermAliases)
    codebook: Codebook = field(default_factory=Codebook)
    warnings: list[str] = field(default_factory=list)  # worth a look, but not errors

    def policy(self, slug: str) -> Policy:
        return next(p for p in self.policies if p.slug == slug)

    def provisions_on_topic(self, topic_id: str) -> list[tuple[Policy, list[Provision]]]:
        """Each policy with provisions tagged `topic_id`, in the corpus' order (templates included),
        and those provisions in document order; policies silent on the topic are left out."""
        return [(policy, list(provisions)) for policy, provisions in self._topic_index.get(topic_id, ())]

    def provisions_on_topics(self, topic_ids) -> list[tuple[Policy, list[Provision]]]:
        """Like `provisions_on_topic`, for provisions tagged with any of `topic_ids`: each such
        provision once, in document order. Only the policies addressing one of the topics are read."""
        wanted = set(topic_ids)
        if len(wanted) == 1:
            return self.provisions_on_topic(next(iter(wanted)))
        addressing = {id(policy) for topic_id in wanted for policy, _ in self._topic_index.get(topic_id, ())}
        return [
            (policy, [p for p in policy.provisions() if wanted.intersection(p.topics)])
            for policy in self.policies
            if id(policy) in addressing
        ]

    @property
    def questions(self) -> list[Question]:
        """The codebook's questions, in its order."""
        return self.codebook.questions

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    def decision(self, policy: Policy, question_id: str) -> Decision | None:
        """What `policy` decided on the question, or None when no provision of it answers the question."""
        return self._decisions.get((policy.slug, question_id))

    def decisions(self, question_id: str, templates: bool = False) -> list[Decision]:
        """Every department's decision on the question (with `templates`, the templates' coded provisions
        too), in the corpus' order; departments that do not address it are left out."""
        return [
            decision
            for policy in self.policies
            if (templates or not policy.is_template) and (decision := self.decision(policy, question_id))
        ]

    def decisions_of(self, policy: Policy) -> list[Decision]:
        """The policy's decisions, in the codebook's order."""
        return [d for q in self.questions if (d := self.decision(policy, q.id))]

    def template_answers(self, question_id: str) -> list[TemplateAnswer]:
        """For a question that corresponds to a template option, what each template offers on it."""
        if question_id not in self._template_answers:
            self._template_answers[question_id] = self._offered(question_id)
        return self._template_answers[question_id]

    @cached_property
    def _template_answers(self) -> dict[str, list[TemplateAnswer]]:
        """Question id → `template_answers`, filled on first use: every department's row of the decisions
        pages asks again, and the answer does not change once the corpus is loaded."""
        return {}

    def _offered(self, question_id: str) -> list[TemplateAnswer]:
        question = self.question(question_id)
        if question is None or not question.option:
            return []
        found = []
        for policy in self.policies:
            option = policy.option(question.option) if policy.is_template else None
            if option is None:
                continue
            alternatives: list[tuple[str, str, Choice | None]] = []
            if option.kind == "choice":
                alternatives = [
                    (a.id, a.text, question.choice(question.alternatives.get(a.id, ""))) for a in option.alternatives
                ]
            elif option.kind == "optional":
                alternatives = [
                    (key, key, question.choice(question.alternatives.get(key, ""))) for key in ("include", "omit")
                ]
            found.append(
                TemplateAnswer(policy, question, option, _holding(policy, option.id, question), tuple(alternatives))
            )
        return found

    @cached_property
    def _questions(self) -> dict[str, Question]:
        return {q.id: q for q in self.codebook.questions}

    @cached_property
    def _decisions(self) -> dict[tuple[str, str], Decision]:
        """(policy slug, question id) → the decision (built once, on first use)."""
        found: dict[tuple[str, str], Decision] = {}
        for policy in self.policies:
            for provision in policy.provisions():
                for coding in provision.answers:
                    question = self.question(coding.question)
                    if question is not None:
                        found.setdefault((policy.slug, question.id), decision_of(policy, question, coding, provision))
        return found

    @cached_property
    def glossary(self):
        """The definitions glossary (`generator.glossary.Glossary`), built once, on first use: the policy
        pages, the glossary pages and the search index all draw on it."""
        from .features.glossary.model import build_glossary  # that module builds on this one

        return build_glossary(self)

    @cached_property
    def _topic_index(self) -> dict[str, list[tuple[Policy, list[Provision]]]]:
        """Topic id → the policies addressing it and their provisions on it (built once, on first use:
        the corpus does not change after loading, and looking through every policy per topic would
        cost the whole corpus once per topic)."""
        index: dict[str, list[tuple[Policy, list[Provision]]]] = {}
        for policy in self.policies:
            tagged: dict[str, list[Provision]] = {}
            for provision in policy.provisions():
                for topic_id in dict.fromkeys(provision.topics):
                    tagged.setdefault(topic_id, []).append(provision)
            for topic_id, provisions in tagged.items():
                index.setdefault(topic_id, []).append((policy, provisions))
        return index

    @property
    def departments(self) -> list[Policy]:
        """The agencies' own policies (not templates)."""
        return [p for p in self.policies if not p.is_template]


def _holding(policy: Policy, option_id: str, question: Question) -> Provision | None:
    """The template provision where the option stands: marked with it, or holding it in its words; of
    several, the first tagged with one of the question's topics."""
    holding = [
        p
        for p in policy.provisions()
        if p.option == option_id or any(option_id in option_refs(t) for t in (p.text, p.heading or "", *p.notes) if t)
    ]
    on_topic = [p for p in holding if set(p.topics) & set(question.topics)]
    found = on_topic or holding
    return found[0] if found else None


def refused_at(failed: frozenset, path: tuple) -> bool:
    """Whether one of the `failed` paths is `path`, lies under it, or holds it."""
    return any(p[: len(path)] == path or path[: len(p)] == p for p in failed)


def slugify(text: str) -> str:
    """Lower-case letters and digits, every other run of characters one hyphen: `St. Joseph` → `st-joseph`."""
    return re.sub(SLUG_RULE["separators"], SLUG_RULE["joiner"], text.lower()).strip(SLUG_RULE["joiner"])


def id_segment(label: str) -> str:
    """`I.` → `i`, `(1)` → `1`, `Section 8.03` → `section-8-03`."""
    return slugify(label) or "x"


def assign_ids(policy: Policy) -> None:
    """Give every provision its stable id, `<slug>.<segment>…`, and its depth and parent; and keep the
    policy's provisions in document order (`Policy.provisions`), since the tree is now final."""
    flat: list[Provision] = []

    def visit(siblings: list[Provision], prefix: str, depth: int, parent: Provision | None, labels: tuple) -> None:
        unlabelled = 0
        for provision in siblings:
            if provision.label:
                segment = id_segment(provision.label)
            else:
                unlabelled += 1
                segment = f"p{unlabelled}"
            provision.id = f"{prefix}.{segment}"
            provision.depth, provision.parent = depth, parent
            provision._labels = labels + (provision.label,) if provision.label else labels
            flat.append(provision)
            visit(provision.children, provision.id, depth + 1, provision, provision._labels)

    visit(policy.body, policy.slug, 0, None, ())
    policy._flat = tuple(flat)


@dataclass
class Answer:
    """One checked answer to a template option.

    A fill-in has `text` (`""`: deliberately left empty) and `places`, different text for some places
    (keyed by the provision id or header field where the option stands); a choice has `choice`, the
    alternative id, and `input` when that alternative asks for typed text; an optional part has `include`.
    """

    option: str
    text: str | None = None
    places: dict[str, str] = field(default_factory=dict)
    choice: str | None = None
    input: str | None = None
    include: bool | None = None
