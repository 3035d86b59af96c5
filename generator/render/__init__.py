"""Renderers: one module per page kind, each a pure function from the validated model to page text."""
