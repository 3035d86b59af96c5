"""The print feature's registration (see `generator.features.feature`)."""

from ..feature import Feature
from .render import print_pages

FEATURE = Feature("print", print_pages, on_home_page=False)
