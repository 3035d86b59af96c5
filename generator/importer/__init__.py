"""Import a policy from plain text or Markdown into a draft policy file and a review report.

Readers (`read_text`, `read_markdown`) turn the original into an `ImportState`; the rules of
`rules.py` — one module per thing they recognise — fill it in; `draft.py`, `emit.py` and `report.py`
write the result. `api.py` is the entry point used by `handbook import`.
"""

from .api import ImportRefused, ImportResult, import_file, import_text

__all__ = ["ImportRefused", "ImportResult", "import_file", "import_text"]
