"""The handbook's features, one folder each, in the manner of mkdocs-material's `plugins/<name>/`.

A feature's folder holds its domain logic (`model.py`, where it has one), the renderer of its pages
(`render.py`) and, in `register.py`, its registration: a `Feature` naming the function that makes its
pages and whether the home page links to it. Its browser code and styles carry the same name under
`overrides/assets/` (`javascripts/compare-*.js`, `stylesheets/compare.css`). `generator/generate.py` runs the
features in `generator.features.registry.FEATURES` order; the home page, which links to the others, comes last.
"""
