"""Suggested topics (issue 16): an imported draft's provisions get the topics of the handbook's most similar
tagged provisions, marked as suggestions until a person accepts or clears them (`handbook review`); the
check and the comparison tell "not yet reviewed" apart from "not addressed"."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.cli import main as handbook
from generator.features.compare.model import compare_topics
from generator.features.compare.render import COVERAGE_PAGE, render_compare, topic_page
from generator.importer import import_text
from generator.importer.topics import TopicIndex
from generator.load import load_corpus

from .conftest import SOURCE

LAKESIDE = """
    Lakeside Police Department

    Social Media

    I. RULES
    A. Employees shall not post, transmit, or otherwise disseminate any information to which they have
    access as a result of their employment without written permission from the Chief of Police.
    B. Employees working in undercover operations shall not post any photograph of themselves.
    C. Lakeside lies beside a lake.
    """


def import_lakeside(folder: Path) -> Path:
    original = folder / "lakeside.txt"
    original.write_text(textwrap.dedent(LAKESIDE).lstrip("\n"), encoding="utf-8")
    assert handbook(["import", str(original)]) == 0
    return folder / "source/policies/lakeside.yml"


def by_start(policy, words: str):
    return next(p for p in policy.provisions() if p.text.startswith(words))


def test_a_provision_gets_the_topic_of_the_most_similar_tagged_provision(corpus):
    """Raymore's rule on testimony (`8.04 I.`), imported with the other three departments as the handbook, gets
    the topic those departments tag their like rules with, from one of them, with its similarity."""
    raymore = corpus.policy("raymore-mo")
    others = TopicIndex.from_policies(p for p in corpus.departments if p is not raymore)
    text = (SOURCE / "originals" / raymore.original).read_text(encoding="utf-8")
    draft = import_text(text, slug="raymore-mo", original=raymore.original, handbook=others).policy
    testimony = by_start(draft, "Engaging in prohibited speech, as noted herein, may provide grounds")
    first = testimony.suggested_topics[0]
    source = next(p for policy in corpus.departments for p in policy.provisions() if p.id == first.source)
    assert first.topic == "testimony-impeachment" and first.topic in source.topics
    assert not first.source.startswith("raymore-mo.") and first.similarity >= 0.8
    assert testimony.topics == [] and not testimony.reviewed


def test_import_suggests_from_the_handbook_and_the_report_gives_each_guess_its_line(in_project, capsys):
    draft = import_lakeside(in_project)
    report = capsys.readouterr().out
    policy = load_corpus(in_project / "source").policy("lakeside")
    undercover = by_start(policy, "Employees working in undercover operations")
    assert undercover.suggested_topics[0].topic == "undercover-officers"
    lake = by_start(policy, "Lakeside lies")
    assert lake.suggested_topics == []  # nothing in the handbook is like it
    assert "        suggested_topics:\n          - topic: undercover-officers\n" in draft.read_text(encoding="utf-8")
    assert "- line 8: `lakeside.i.b` “Employees working in undercover operations" in report
    assert "suggested `undercover-officers`" in report
    assert "- line 9: `lakeside.i.c` “Lakeside lies beside a lake.”: no suggestion" in report


def test_check_counts_the_provisions_not_yet_reviewed_as_a_warning(in_project, capsys):
    import_lakeside(in_project)
    capsys.readouterr()
    assert handbook(["check"]) == 0
    err = capsys.readouterr().err
    assert "warning: source/policies/lakeside.yml: 3 provisions not yet reviewed: 2 with suggested topics" in err
    assert "1 with no topics (tag them, or write comparable: false)" in err


def test_the_comparison_tells_not_yet_reviewed_from_not_addressed(in_project):
    import_lakeside(in_project)
    corpus = load_corpus(in_project / "source")
    pages = {path: str(page) for path, page in render_compare(corpus, None).items()}
    lakeside = corpus.policy("lakeside")
    matrix = pages[COVERAGE_PAGE]
    assert matrix.count('<td class="not-reviewed" title="3 provisions of this policy not yet reviewed">') == len(
        corpus.taxonomy.topics
    )  # no provision is tagged yet: the draft may address any topic
    assert "<em>not yet reviewed</em> means" in matrix
    undercover = next(c for c in compare_topics(corpus) if c.topic.id == "undercover-officers")
    assert lakeside in undercover.not_reviewed and lakeside not in undercover.not_addressed
    summary = pages[topic_page(undercover.topic)]
    assert "Not yet reviewed: " in summary and "Lakeside Police Department</a> (provisions still wait" in summary
    assert "Not addressed by" not in summary.split("Not yet reviewed")[0].split("Addressed by")[1]


def test_review_accepts_suggestions_above_a_similarity_and_keeps_the_rest_of_the_file(in_project, capsys):
    draft = import_lakeside(in_project)
    text = draft.read_text(encoding="utf-8").replace("body:\n", "body:  # reviewed by A. Person\n")
    draft.write_text(text, encoding="utf-8")
    before = load_corpus(in_project / "source").policy("lakeside")
    strong = [(p.id, s) for p in before.provisions() for s in p.suggested_topics if s.similarity >= 0.5]
    weak = [(p.id, s) for p in before.provisions() for s in p.suggested_topics if s.similarity < 0.5]
    assert strong and weak, "the test needs suggestions on both sides of 0.5"
    capsys.readouterr()

    assert handbook(["review", str(draft), "--accept", "--min-similarity", "0.5"]) == 0
    assert f"{len(strong)} suggested topic(s)" in capsys.readouterr().out
    after = load_corpus(in_project / "source").policy("lakeside")
    for provision in after.provisions():
        was = next(p for p in before.provisions() if p.id == provision.id)
        assert provision.topics == [s.topic for i, s in strong if i == provision.id]
        assert [(s.topic, s.similarity) for s in provision.suggested_topics] == [
            (s.topic, s.similarity) for i, s in weak if i == provision.id
        ]
        assert (provision.label, provision.text, provision.heading) == (was.label, was.text, was.heading)
    edited = draft.read_text(encoding="utf-8")
    assert "body:  # reviewed by A. Person\n" in edited
    kept = [line for line in text.splitlines() if "topic" not in line and "similarity" not in line]
    kept = [line for line in kept if not line.strip().startswith("from:")]
    assert kept == [line for line in edited.splitlines() if line in kept]  # every other line, in order

    assert handbook(["review", str(draft), "--clear"]) == 0
    cleared = load_corpus(in_project / "source").policy("lakeside")
    assert not any(p.suggested_topics for p in cleared.provisions())
    assert "suggested_topics:" not in draft.read_text(encoding="utf-8")
    assert handbook(["review", str(draft), "--clear"]) == 0
    assert "no suggested topics or answers to clear; nothing was changed" in capsys.readouterr().out


HAND_EDITED = """\
schema: 1
slug: hand-edited
kind: policy
agency:
  name: Example Police Department
document:
  title: Social Media
original: kansas-city-mo.txt
body:
  - label: I.
    text: Members shall not post photographs of crime scenes.
    topics:
      - work-photos   # tagged by hand
    suggested_topics:
      - {topic: work-photos, similarity: 0.91, from: st-joseph-mo.iii.b.1.d}
      - topic: confidential-information
        similarity: 0.6
        from: st-joseph-mo.iii.b.1.g
    # a comment a person left after the suggestions
  - label: II.
    text: "Members shall not use department email addresses."
    suggested_topics:
      - topic: equipment-personal-use
        similarity: 0.7
        from: kansas-city-mo.iv.a.4
"""


def test_review_keeps_block_lists_comments_and_line_endings_of_a_hand_edited_file(in_project, capsys):
    draft = in_project / "source/policies/hand-edited.yml"
    draft.write_bytes(HAND_EDITED.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"))
    assert handbook(["review", str(draft), "--accept"]) == 0, capsys.readouterr().err
    assert draft.read_bytes().decode("utf-8") == (
        "schema: 1\r\nslug: hand-edited\r\nkind: policy\r\nagency:\r\n  name: Example Police Department\r\n"
        "document:\r\n  title: Social Media\r\noriginal: kansas-city-mo.txt\r\nbody:\r\n  - label: I.\r\n"
        "    text: Members shall not post photographs of crime scenes.\r\n    topics:\r\n"
        "      - work-photos   # tagged by hand\r\n      - confidential-information\r\n"
        "    # a comment a person left after the suggestions\r\n  - label: II.\r\n"
        '    text: "Members shall not use department email addresses."\r\n'
        "    topics: [equipment-personal-use]\r\n"
    )
    assert handbook(["check"]) == 0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("topic: confidential-information", "topic: confidential-info"),
            (
                "source/policies/hand-edited.yml:16:9: body[0].suggested_topics[1].topic: unknown topic "
                "'confidential-info' (expected an id from source/topics.yml)"
            ),
        ),
        (
            ("similarity: 0.6", "similarity: high"),
            (
                "source/policies/hand-edited.yml:17:9: body[0].suggested_topics[1].similarity: expected a number "
                "from 0 to 1 (e.g. 0.83), got the text 'high'"
            ),
        ),
        (
            ("  - label: II.\n", "  - label: II.\n    comparable: false\n"),
            (
                "source/policies/hand-edited.yml:21:5: body[1].comparable: a provision marked comparable: false "
                "cannot have suggested_topics"
            ),
        ),
    ],
)
def test_review_refuses_a_file_with_problems_and_writes_nothing(in_project, capsys, change, expected):
    draft = in_project / "source/policies/hand-edited.yml"
    text = HAND_EDITED.replace("\r", "").replace(*change)
    draft.write_text(text, encoding="utf-8")
    assert handbook(["review", str(draft), "--accept"]) == 1
    err = capsys.readouterr().err
    assert expected in err and "nothing was written" in err
    assert draft.read_text(encoding="utf-8") == text


def test_review_refuses_suggestions_it_cannot_edit_alone_with_their_line(in_project, capsys):
    draft = in_project / "source/policies/hand-edited.yml"
    text = HAND_EDITED.replace("\r", "").replace(
        '  - label: II.\n    text: "Members shall not use department email addresses."\n',
        '  - {label: II., text: "Members shall not use department email addresses.",\n'
        "     suggested_topics: [{topic: equipment-personal-use, similarity: 0.7, from: kansas-city-mo.iv.a.4}]}\n"
        "  - label: III.\n    text: Members shall be courteous.\n",
    )
    draft.write_text(text, encoding="utf-8")
    assert handbook(["review", str(draft), "--clear"]) == 1
    err = capsys.readouterr().err
    assert "source/policies/hand-edited.yml:20:5: body[1]: a provision written in flow style" in err
    assert draft.read_text(encoding="utf-8") == text


def test_review_says_what_a_wrong_similarity_is(in_project, capsys):
    with pytest.raises(SystemExit) as exited:
        handbook(["review", "source/policies/raymore-mo.yml", "--accept", "--min-similarity", "1.5"])
    assert exited.value.code == 2
    assert "'1.5' is not a number from 0 to 1" in capsys.readouterr().err
