"""Comparison by topic: the coverage matrix, a page per topic with departments side by side and
word-level differences (`model.py`, `render.py`), the compare search (browser side:
`compare-*.js`, `compare.css`)."""
