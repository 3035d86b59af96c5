"""Printing: each policy's running header for its printed pages (`running.py`), and the print editions
(`render.py`), one page holding all of an agency's policies (or, for a small handbook, all of them) with a
table of contents, so that the browser's print makes one document of them."""
