"""OpenAPI 3.0, 3.1 and 3.2 documents: validation against the specification (`validate`), the intermediate model (`read`), and the conventions read from it."""
