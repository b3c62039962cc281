"""Bare JSON Schema documents: validation against the dialect's meta-schema (`validate`), and the intermediate model, types only (`read`)."""
