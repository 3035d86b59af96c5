"""The search feature's registration (see `generator.features.feature`)."""

from ..feature import Feature
from .render import search_pages

FEATURE = Feature("search", search_pages, on_home_page=False)
