"""The glossary: every defined term merged across departments (`model.py`), its page or A–Z index and
term pages, and the term links in policy pages (`render.py`; styles `glossary.css`)."""
