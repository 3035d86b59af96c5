"""The built site: policy pages show their provisions, text is escaped, nothing is loaded from outside."""

import re

from .conftest import corpus_slugs


def read(site, relative):
    return (site / relative).read_text(encoding="utf-8")


def test_every_policy_has_a_page_with_its_provisions_and_permalinks(site, corpus):
    for slug in corpus_slugs():
        html = read(site, f"policies/{slug}.html")
        for provision in corpus.policy(slug).provisions():
            assert f'id="{provision.id}"' in html, f"{provision.id} has no anchor on its page"
