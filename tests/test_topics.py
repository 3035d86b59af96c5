"""Topic tagging: every provision is accounted for, tags agree with what the provisions say, unknown ids are refused."""

from __future__ import annotations

import re

import pytest

from .conftest import corpus_slugs, run_handbook

UNDERCOVER = re.compile(r"under\s*cover", re.IGNORECASE)


def policies_on(corpus, topic_id: str) -> set[str]:
    """Slugs of the policies with at least one provision tagged `topic_id`."""
    return {p.slug for p in corpus.policies for v in p.provisions() if topic_id in v.topics}


@pytest.mark.parametrize("slug", corpus_slugs())
def test_every_provision_is_tagged_or_marked_not_comparable(corpus, slug):
    untagged = [v.id for v in corpus.policy(slug).provisions() if v.comparable and not v.topics]
    assert untagged == [], f"provisions with neither topics nor comparable: false: {untagged}"


def test_every_topic_is_used_and_grouped(corpus):
    assert 25 <= len(corpus.taxonomy.topics) <= 40
    assert [w for w in corpus.warnings if "topic" in w] == []
    group_ids = {g.id for g in corpus.taxonomy.groups}
    assert all(t.group in group_ids for t in corpus.taxonomy.topics)


def test_definitions_are_left_to_the_glossary(corpus):
    tagged = [v.id for p in corpus.policies for v in p.definitions if v.comparable]
    assert tagged == []


def test_undercover_is_addressed_by_the_four_departments_that_mention_it(corpus):
    assert {"kansas-city-mo", "st-joseph-mo", "unidentified-department", "raymore-mo"} <= policies_on(
        corpus, "undercover-officers"
    )


def test_undercover_tags_match_the_words_of_the_provisions(corpus):
    """Every provision tagged undercover-officers says "undercover", and every one that forbids undercover
    officers to post identification is tagged (covert investigative sites are a different topic)."""
    for policy in corpus.policies:
        for provision in policy.provisions():
            words = provision.text + " ".join(provision.notes)
            if "undercover-officers" in provision.topics:
                assert UNDERCOVER.search(words), provision.id
            if re.search(r"undercover operations.*shall not\s+post", words, re.DOTALL):
                assert "undercover-officers" in provision.topics, provision.id


def test_guilt_or_innocence_statements_share_one_topic(corpus):
    statements = {p.slug: v for p in corpus.policies for v in p.provisions() if "guilt or innocence" in v.text}
    assert set(statements) == {"kansas-city-mo", "st-joseph-mo", "unidentified-department"}
    shared = set.intersection(*(set(v.topics) for v in statements.values()))
    assert shared == {"comments-on-cases"}


def test_identical_official_page_rules_of_st_joseph_and_the_unidentified_department_agree(corpus):
    """Both descend from one model policy: the same sentence gets the same topic in both."""
    sentences = {
        "should link to the department": "link-to-official-site",
        "opinions expressed by visitors": "visitor-opinion-disclaimer",
        "time-sensitive notifications": "time-sensitive-notifications",
        "obligation to include": "background-investigations",
    }
    for slug in ("st-joseph-mo", "unidentified-department"):
        for words, topic in sentences.items():
            found = [v for v in corpus.policy(slug).provisions() if words in v.text.replace("\n", " ")]
            assert found and all(topic in v.topics for v in found), (slug, words)


def test_template_choices_are_tagged(corpus):
    """Every template provision that holds an option (an optional part or a bracketed choice) is compared."""
    template = corpus.policy("massachusetts-template")
    choices = {o.id for o in template.options if o.kind == "choice"}
    holding = [v for v in template.provisions() if v.option or any(f"{{{{{c}}}}}" in v.text for c in choices)]
    assert len(holding) >= 10
    assert [v.id for v in holding if not v.topics] == []
    self_identification = next(v for v in holding if "{{self-identification}}" in v.text)
    assert "self-identification" in self_identification.topics


def test_unknown_topic_is_reported_with_its_place(project):
    policy = project / "source" / "policies" / "kansas-city-mo.yml"
    lines = policy.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if "topics: [private-citizen-speech]" in line)
    lines[index] = lines[index].replace("private-citizen-speech", "no-such-topic")
    policy.write_text("".join(lines), encoding="utf-8")
    column = lines[index].index("no-such-topic") + 1

    result = run_handbook(project, "check", "--source", str(project / "source"))
    assert result.returncode == 1
    expected = (
        f"source/policies/kansas-city-mo.yml:{index + 1}:{column}: body[3].children[0].children[0].topics[0]: "
        "unknown topic 'no-such-topic'"
    )
    assert expected in result.stderr, result.stderr
