"""The decisions feature's registration (see `generator.features.feature`)."""

from ..feature import Feature
from .render import decision_pages

FEATURE = Feature("decisions", decision_pages, on_home_page=True)
