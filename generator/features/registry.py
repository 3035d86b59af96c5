"""The features, in the order their pages are made (the home page, which links to them, comes after)."""

from __future__ import annotations

from .compare.register import FEATURE as COMPARE
from .decisions.register import FEATURE as DECISIONS
from .draft.register import FEATURE as DRAFT
from .feature import Feature
from .glossary.register import FEATURE as GLOSSARY
from .policy.register import FEATURE as POLICY
from .print.register import FEATURE as PRINT
from .search.register import FEATURE as SEARCH

FEATURES: tuple[Feature, ...] = (POLICY, GLOSSARY, COMPARE, DECISIONS, DRAFT, SEARCH, PRINT)
