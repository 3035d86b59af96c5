"""The site search: a prebuilt index split into small files (`index.py`, `render.py`), answered in the
browser by `search-index.js` and `search-worker.js` in place of the theme's own search."""
