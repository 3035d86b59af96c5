"""The policy feature's registration (see `generator.features.feature`)."""

from ..feature import Feature
from .render import policy_pages

FEATURE = Feature("policy", policy_pages, on_home_page=False)
