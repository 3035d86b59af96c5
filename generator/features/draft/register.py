"""The draft feature's registration (see `generator.features.feature`)."""

from ..feature import Feature
from .render import render_draft

FEATURE = Feature("draft", render_draft, on_home_page=True)
