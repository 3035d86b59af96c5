"""Writers of a policy document (generator/document.py) to files: Markdown and Word, by one table of
formats (`formats.py`) that the browser also receives, so the page and the command line write the same files."""
