"""Writers of a policy's structure (generator/document.py): HTML for the pages (`html.py`), and Markdown and
Word by one table of formats (`formats.py`) that the browser also receives, so the page and the command
line write the same files."""
