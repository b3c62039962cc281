"""The OpenAPI 3.0/3.1 reader: validation against the specification."""
