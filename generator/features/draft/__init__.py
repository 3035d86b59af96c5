"""Draft your policy: the template's choices as a form beside a live preview (`render.py`, browser side
`draft.js`, `draft.css`), and `handbook draft`, which drafts from an answers file (`answers.py`)."""
