"""The hosted site as an installable app that works without a network: a web app manifest, and a service
worker that keeps a copy of every file of the build (`worker.py`). Both are written after the site engine
has built the site, since the worker lists every file of it."""
