"""The draft written as YAML: PyYAML's safe dumper, long text as folded blocks, paragraphs as literal
blocks, and a commented placeholder for each header field the original did not give."""

from __future__ import annotations

import yaml

FOLD_AT = 90  # text longer than this is written as a folded block (`>-`)
PLACEHOLDERS = {
    "document": {"type": "e.g. Special Order", "number": 'e.g. "261"', "subject": "as written"},
    "dates": {"issued": "YYYY-MM-DD", "effective": "YYYY-MM-DD"},
}


class _DraftDumper(yaml.SafeDumper):
    """The safe dumper, with text written in the style a person would write it."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)  # list items indented under their key, as in source/


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else ">" if len(value) > FOLD_AT else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_DraftDumper.add_representer(str, _text)


def draft_yaml(draft: dict, original: str) -> str:
    """The draft file's text: a comment saying what it is, then each top-level field in order."""
    parts = [
        (
            f"# Imported from {original} by `handbook import`: a draft to review. The review report\n"
            f"# beside it lists what to check; tag each `topics: []` with ids from source/topics.yml.\n"
            f"# `suggested_topics` are the topics of the handbook's most similar tagged provisions, not\n"
            f"# tags, and `suggested_answers` the codebook answers of a coded provision worded nearly the\n"
            f"# same, not answers: `handbook review FILE --accept` (or `--clear`) once you have checked them.\n"
        )
    ]
    for key, value in draft.items():
        if key == "original" and "signatories" not in draft:
            parts.append("# signatories:  (none found in the original)\n#   - name: …\n#     title: …\n")
        parts.append(_dump({key: value}) + _placeholders(key, value))
        if key == "document" and "dates" not in draft:
            parts.append(
                "# dates:  (no dates found in the original)\n"
                + "".join(f"#   {k}: {v}\n" for k, v in PLACEHOLDERS["dates"].items())
            )
    return "".join(parts)


def _dump(value: dict) -> str:
    return yaml.dump(
        value, Dumper=_DraftDumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


def _placeholders(key: str, value) -> str:
    """Commented lines for the fields of `key` the original did not give, ready to fill in."""
    missing = {k: hint for k, hint in PLACEHOLDERS.get(key, {}).items() if k not in value}
    return "".join(f"  # {k}: {hint}  (not found in the original)\n" for k, hint in missing.items())
