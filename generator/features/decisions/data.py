"""Open data: what the build writes under `data/` and `handbook export` writes without a build.

Pure functions of the model, each returning a file's text; the columns are documented in source/FIELDS.md
("Open data"). Quotes are the policies' words exactly as written (a template's options as their brackets).
"""

from __future__ import annotations

import csv
import io
import json

from ...model import NOT_ADDRESSED, Corpus, Policy
from ...render.html import plain_text
from ..compare.model import topics_by_group

DATA = "data"
DECISIONS_CSV = f"{DATA}/decisions.csv"
COVERAGE_CSV = f"{DATA}/coverage.csv"
POLICIES_JSON = f"{DATA}/policies.json"
CODEBOOK_JSON = f"{DATA}/codebook.json"

DECISION_COLUMNS = (
    "policy",
    "department",
    "question",
    "answer",
    "answer_wording",
    "condition",
    "provision",
    "label",
    "permalink",
    "quote",
    "lead_in",
)
COVERAGE_COLUMNS = ("policy", "department", "topic", "count", "provisions")
LEAD_IN_JOIN = " … "  # between the lead-ins of nested lists, and before the quote where they are shown


def _csv(header: tuple[str, ...], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def decisions_csv(corpus: Corpus) -> str:
    """One row per department × question: its answer (empty, wording `not addressed`, when no provision
    answers it), the provision giving it, the provision's address from the site's top folder, and the
    sentence that decides it."""
    rows = []
    for policy in corpus.departments:
        for question in corpus.questions:
            decision = corpus.decision(policy, question.id)
            if decision is None:
                rows.append((policy.slug, policy.agency.name, question.id, "", NOT_ADDRESSED, "", "", "", "", "", ""))
                continue
            rows.append(
                (
                    policy.slug,
                    policy.agency.name,
                    question.id,
                    decision.answer,
                    decision.wording,
                    decision.coding.condition or "",
                    decision.provision.id,
                    " ".join(decision.provision.label_path),
                    decision.permalink,
                    plain_text(policy, decision.quote),
                    LEAD_IN_JOIN.join(plain_text(policy, words) for words in decision.lead_in),
                )
            )
    return _csv(DECISION_COLUMNS, rows)


def coverage_csv(corpus: Corpus) -> str:
    """One row per department × topic: how many of its provisions are on the topic, and their ids."""
    topics = [t for _, group in topics_by_group(corpus.taxonomy) for t in group]
    rows = []
    for policy in corpus.departments:
        tagged: dict[str, list[str]] = {t.id: [] for t in topics}
        for provision in policy.provisions():
            for topic_id in dict.fromkeys(provision.topics):
                tagged.setdefault(topic_id, []).append(provision.id)
        rows += [(policy.slug, policy.agency.name, t.id, len(tagged[t.id]), " ".join(tagged[t.id])) for t in topics]
    return _csv(COVERAGE_COLUMNS, rows)


def _date(value) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else None


def policy_record(corpus: Corpus, policy: Policy) -> dict:
    dates = policy.dates
    return {
        "slug": policy.slug,
        "kind": policy.kind,
        "agency": policy.agency.name,
        "city": policy.agency.city,
        "state": policy.agency.state,
        "identified": policy.agency.identified,
        "title": policy.document.title,
        "type": policy.document.type,
        "number": plain_text(policy, policy.document.number) if policy.document.number else None,
        "subject": policy.document.subject,
        "issued": _date(dates.issued),
        "effective": _date(dates.effective),
        "revised": [d for d in (_date(r) for r in dates.revised) if d],
        "page": f"policies/{policy.slug}.html",
        "original": f"originals/{policy.original}",
        "provisions": sum(1 for _ in policy.provisions()),
        "questions_answered": len(corpus.decisions_of(policy)),
    }


def policies_json(corpus: Corpus) -> str:
    """Every policy's metadata, in the handbook's order."""
    return json.dumps([policy_record(corpus, p) for p in corpus.policies], ensure_ascii=False, indent=1) + "\n"


def codebook_json(corpus: Corpus) -> str:
    """The codebook as data: each question, its answers and coding notes, and what the template offers."""
    questions = []
    for question in corpus.questions:
        templates = [
            {
                "template": t.policy.slug,
                "option": t.option.id,
                "option_kind": t.option.kind,
                "provision": t.provision.id if t.provision else None,
                "alternatives": {alt: (answer.id if answer else None) for alt, _, answer in t.alternatives},
                **({"default": t.option.default} if t.option.kind == "fill-in" and t.option.default else {}),
            }
            for t in corpus.template_answers(question.id)
        ]
        questions.append(
            {
                "id": question.id,
                "question": question.question,
                "kind": question.kind,
                "topics": question.topics,
                "answers": [{"id": c.id, "wording": c.wording, "means": c.means} for c in question.answers],
                "notes": question.notes,
                "option": question.option,
                "template": templates,
            }
        )
    return json.dumps({"questions": questions}, ensure_ascii=False, indent=1) + "\n"


def data_files(corpus: Corpus) -> dict[str, str]:
    """Every open-data file by its path in the site (none without a codebook, but the policies' metadata)."""
    files = {POLICIES_JSON: policies_json(corpus)}
    if corpus.taxonomy.topics:
        files[COVERAGE_CSV] = coverage_csv(corpus)
    if corpus.questions:
        files[DECISIONS_CSV] = decisions_csv(corpus)
        files[CODEBOOK_JSON] = codebook_json(corpus)
    return files
