"""OpenAPI 3.0/3.1 documents -> the intermediate model (`read`), and the conventions read from it."""
