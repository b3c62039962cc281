"""Typed models of the SWML document.

A SignalWire Markup Language (SWML) call flow: sections of methods run in order, starting with the section `main`. This schema covers the `join_conference` method.

Generated from a JSON Schema; regenerate rather than edit.
"""

from . import models
from ._document import DocumentError, validate
from ._runtime.models import UNSET, Unset

__all__ = [
    "DocumentError",
    "UNSET",
    "Unset",
    "models",
    "validate",
]
