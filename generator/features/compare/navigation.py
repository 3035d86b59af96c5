"""Where the topic pages go in a site's navigation: under their groups, in the order of `topics.yml`."""

from __future__ import annotations

from ...model import Corpus
from .model import topics_by_group


def topic_navigation(corpus: Corpus) -> list[tuple[str | None, list[str]]]:
    """Each group's title (None for the topics of no group, which come last) with its topics' page paths,
    groups and topics in the order of `topics.yml`."""
    return [
        (group.title if group else None, [f"compare/topics/{topic.id}.md" for topic in topics])
        for group, topics in topics_by_group(corpus.taxonomy)
    ]
