"""The glossary feature's registration (see `generator.features.feature`)."""

from ..feature import Feature
from .render import glossary_pages

FEATURE = Feature("glossary", glossary_pages, on_home_page=True)
