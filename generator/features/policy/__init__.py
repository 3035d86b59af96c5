"""Policy pages: each policy with its original labels and headings, permalinks, notes, footnotes,
signatures, attachments and transcription notes, and a copy of the original it was normalized from
(browser side: none; styles in `overrides/assets/stylesheets/handbook.css`)."""
