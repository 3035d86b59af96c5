"""Shared fixtures: the real corpus, and the built site (built once per test session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import SourceLayout, load_corpus

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"


def corpus_slugs() -> list[str]:
    return [path.stem for path in SourceLayout(SOURCE).policy_files()]


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(SOURCE)
