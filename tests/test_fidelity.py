"""Each normalized policy keeps the words of its original, in order; nothing dropped or paraphrased."""

import pytest

from generator.fidelity import check_file, unaccounted_words
from generator.load import SourceLayout

from .conftest import SOURCE, corpus_slugs


@pytest.mark.parametrize("slug", corpus_slugs())
def test_body_words_appear_in_original_in_order(corpus, slug):
    policy = corpus.policy(slug)
    result = check_file(policy, SourceLayout(SOURCE).originals)
    assert result.ok, f"{policy.file}: {result.message}"


@pytest.mark.parametrize("slug", corpus_slugs())
def test_words_outside_the_body_are_kept_as_metadata(corpus, slug):
    policy = corpus.policy(slug)
    originals = SourceLayout(SOURCE).originals
    result = check_file(policy, originals)
    text = (originals / policy.original).read_text(encoding="utf-8")
    assert result.ok
    assert unaccounted_words(policy, text, result) == []
