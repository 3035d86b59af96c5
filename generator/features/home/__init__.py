"""The home page: every policy in a table (split over directory pages past a size), and links to the
other features' pages (`render.py`). Made after the others, from the links they register."""
