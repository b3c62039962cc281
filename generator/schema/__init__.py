"""JSON Schema -> intermediate model types, shared by the OpenAPI and JSON Schema readers."""
