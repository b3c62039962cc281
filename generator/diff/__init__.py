"""The review of a spec change: `sources` (the two sides), `compare` (the API's changes, with verdicts),
`sdk` (the generated SDK's public symbols), `report` (text, markdown, JSON) and `staged` (which staged
files the pre-commit hook compares). Nothing is imported here, so the hook's quick path stays quick."""
