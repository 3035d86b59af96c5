"""The compare feature's registration (see `generator.features.feature`)."""

from ..feature import Feature
from .render import render_compare

FEATURE = Feature("compare", render_compare, on_home_page=True)
