"""What a feature registers: how it makes its pages, and whether the home page links to it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..load import SourceLayout
from ..model import Corpus
from ..render.page import Page


@dataclass(frozen=True)
class Feature:
    name: str  # also the name of its scripts and styles under overrides/assets/
    pages: Callable[[Corpus, SourceLayout], Mapping[str, Page | str | bytes]]
    on_home_page: bool  # the home page links to its first page
