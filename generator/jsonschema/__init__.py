"""Bare JSON Schema documents -> the intermediate model, types only (`read`)."""
