"""Suggested answers (issue 16, item 4): where an imported provision is worded nearly as a coded provision of
the handbook, it gets that provision's answers to the codebook's questions, marked as suggestions until a
person accepts or clears them (`handbook review`); a suggestion is never shown as the agency's decision."""

from __future__ import annotations

import csv
import io

import pytest

from generator.cli import main as handbook
from generator.features.decisions.data import decisions_csv
from generator.features.decisions.render import MATRIX_PAGE, decision_pages
from generator.importer import import_text
from generator.importer.topics import TopicIndex
from generator.load import SourceLayout, load_corpus
from generator.model import NOT_YET_REVIEWED

from .conftest import SOURCE

PRIVATE_SPEECH = "Department personnel are free to express themselves as private citizens"
WHERE_POSSIBLE = "Where possible, social media pages should state"


def by_start(policy, words: str):
    return next(p for p in policy.provisions() if p.text.startswith(words))


def reimport_st_joseph(capsys) -> str:
    """St. Joseph's original imported again over its policy file: the other departments are the handbook."""
    assert handbook(["import", "source/originals/st-joseph-mo.txt", "--slug", "st-joseph-mo", "--force"]) == 0
    return capsys.readouterr().out


def test_a_provision_worded_as_a_coded_one_gets_its_answers(corpus):
    st_joseph = corpus.policy("st-joseph-mo")
    others = [p for p in corpus.departments if p is not st_joseph]
    index = TopicIndex.from_policies(others, corpus.questions)
    text = (SOURCE / "originals" / st_joseph.original).read_text(encoding="utf-8")
    draft = import_text(text, slug="st-joseph-mo", original=st_joseph.original, handbook=index).policy

    speech = by_start(draft, PRIVATE_SPEECH)
    [suggestion] = speech.suggested_answers
    coded = by_start(st_joseph, PRIVATE_SPEECH).answers  # what a person coded St. Joseph's own provision
    assert (suggestion.question, suggestion.answer) == (coded[0].question, coded[0].answer)
    source = next(p for policy in others for p in policy.provisions() if p.id == suggestion.source)
    assert (suggestion.question, suggestion.answer) in [(c.question, c.answer) for c in source.answers]
    assert suggestion.similarity >= 0.75 and speech.answers == [] and not speech.reviewed

    # Worded almost as Unidentified department's, but `Where possible` changes the answer: no suggestion.
    assert by_start(draft, WHERE_POSSIBLE).suggested_answers == []
    kinds = {q.id: q.kind for q in corpus.questions}
    suggested = [s for p in draft.provisions() for s in p.suggested_answers]
    assert suggested and all(kinds[s.question] != "text" for s in suggested)  # the policy's own words: not suggested
    assert len({s.question for s in suggested}) == len(suggested)  # a question once, on one provision


def test_import_writes_suggestions_the_report_lists_them_and_review_accepts_them(in_project, capsys):
    report = reimport_st_joseph(capsys)
    draft = in_project / "source/policies/st-joseph-mo.yml"
    policy = load_corpus(in_project / "source").policy("st-joseph-mo")
    speech = by_start(policy, PRIVATE_SPEECH)
    [suggestion] = speech.suggested_answers
    assert "### Answers suggested to the codebook's questions" in report
    assert (
        f"`{speech.id}` “{PRIVATE_SPEECH}" in report
        and f"suggested `{suggestion.question}`: `{suggestion.answer}` {suggestion.similarity:.2f} "
        f"(like `{suggestion.source}`)"
        in report
    )
    assert "- line 101: `st-joseph-mo.iii.b.1.a`" in report  # the line of the original it starts on
    suggestions = sum(len(p.suggested_answers) for p in policy.provisions())

    assert handbook(["review", str(draft), "--accept"]) == 0
    assert f"{suggestions} suggested answer(s)" in capsys.readouterr().out
    accepted = load_corpus(in_project / "source")
    policy = accepted.policy("st-joseph-mo")
    speech = by_start(policy, PRIVATE_SPEECH)
    assert [(c.question, c.answer) for c in speech.answers] == [(suggestion.question, suggestion.answer)]
    assert not any(p.suggested_answers for p in policy.provisions())
    assert accepted.decision(policy, suggestion.question).provision is speech
    assert handbook(["check"]) == 0


def test_review_clear_drops_suggested_answers(in_project, capsys):
    reimport_st_joseph(capsys)
    draft = in_project / "source/policies/st-joseph-mo.yml"
    assert handbook(["review", str(draft), "--clear"]) == 0
    assert "suggested answer(s)" in capsys.readouterr().out
    policy = load_corpus(in_project / "source").policy("st-joseph-mo")
    assert not any(p.suggested_answers or p.answers for p in policy.provisions())
    assert "suggested_answers:" not in draft.read_text(encoding="utf-8")


def test_a_suggestion_waiting_is_no_decision(in_project, capsys):
    reimport_st_joseph(capsys)
    corpus = load_corpus(in_project / "source")
    policy = corpus.policy("st-joseph-mo")
    question = by_start(policy, PRIVATE_SPEECH).suggested_answers[0].question
    assert corpus.decision(policy, question) is None
    rows = list(csv.DictReader(io.StringIO(decisions_csv(corpus))))
    row = next(r for r in rows if r["policy"] == "st-joseph-mo" and r["question"] == question)
    assert (row["answer"], row["answer_wording"], row["provision"]) == ("", NOT_YET_REVIEWED, "")
    others = [r for r in rows if r["policy"] != "st-joseph-mo" and not r["answer"]]
    assert others and all(r["answer_wording"] == "not addressed" for r in others)  # reviewed: silent is silent
    matrix = str(decision_pages(corpus, SourceLayout(in_project / "source"))[MATRIX_PAGE])
    assert f'data-answer="{NOT_YET_REVIEWED}"' in matrix and f'<option value="{NOT_YET_REVIEWED}">' in matrix


CODED = """\
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
    text: Department personnel are free to express themselves as private citizens.
    topics: [private-citizen-speech]
    suggested_answers:
      - question: private-citizen-speech
        answer: within-limits
        similarity: 0.93
        from: st-joseph-mo.iii.b.1.a
  - label: II.
    text: Members may speak as private citizens within limits.
    topics: [private-citizen-speech]
    suggested_answers:
      - question: private-citizen-speech
        answer: within-limits
        similarity: 0.8
        from: kansas-city-mo.iv.a.1
"""


def test_review_keeps_the_more_similar_of_two_answers_to_one_question_and_says_so(in_project, capsys):
    draft = in_project / "source/policies/hand-edited.yml"
    draft.write_text(CODED, encoding="utf-8")
    assert handbook(["review", str(draft), "--accept"]) == 0
    out = capsys.readouterr().out
    assert "body[1].suggested_answers[0]: private-citizen-speech: within-limits (0.8) removed" in out
    assert "body[0].suggested_answers[0]" in out
    policy = load_corpus(in_project / "source").policy("hand-edited")
    first, second = policy.body
    assert [c.question for c in first.answers] == ["private-citizen-speech"] and second.answers == []
    assert not first.suggested_answers and not second.suggested_answers
    assert handbook(["check"]) == 0


def test_review_never_duplicates_an_answer_the_file_gives(in_project, capsys):
    draft = in_project / "source/policies/hand-edited.yml"
    text = CODED.replace(
        "    topics: [private-citizen-speech]\n    suggested_answers:\n      - question: private-citizen-speech\n"
        "        answer: within-limits\n        similarity: 0.8\n",
        "    topics: [private-citizen-speech]\n    answers:\n      private-citizen-speech: within-limits\n"
        "    suggested_answers:\n      - question: private-citizen-speech\n        answer: within-limits\n"
        "        similarity: 0.8\n",
    )
    draft.write_text(text, encoding="utf-8")
    assert handbook(["review", str(draft), "--accept"]) == 0
    assert "already answered at body[1].answers.private-citizen-speech" in capsys.readouterr().out
    policy = load_corpus(in_project / "source").policy("hand-edited")
    assert policy.body[0].answers == [] and [c.question for c in policy.body[1].answers] == ["private-citizen-speech"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("question: private-citizen-speech\n        answer: within-limits\n        similarity: 0.93", None),
            (
                "source/policies/hand-edited.yml:14:9: body[0].suggested_answers[0].question: unknown question "
                "'private-speech' (expected an id from source/questions.yml)"
            ),
        ),
        (
            ("answer: within-limits\n        similarity: 0.93", "answer: always\n        similarity: 0.93"),
            (
                "source/policies/hand-edited.yml:15:9: body[0].suggested_answers[0].answer: 'always' is not an "
                "answer of private-citizen-speech"
            ),
        ),
    ],
)
def test_check_and_review_refuse_an_unknown_question_or_answer_with_its_line(in_project, capsys, change, expected):
    old, new = change
    new = new or old.replace("question: private-citizen-speech", "question: private-speech")
    draft = in_project / "source/policies/hand-edited.yml"
    text = CODED.replace(old, new)
    draft.write_text(text, encoding="utf-8")
    assert handbook(["check"]) == 1
    assert expected in capsys.readouterr().err
    assert handbook(["review", str(draft), "--accept"]) == 1
    assert expected in capsys.readouterr().err
    assert draft.read_text(encoding="utf-8") == text
