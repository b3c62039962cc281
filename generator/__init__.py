"""sdkwright: generate typed Python SDKs from OpenAPI documents."""

__version__ = "0.1.0"

from pathlib import Path as _Path

# The Jinja templates: inside the package once installed, beside it in a checkout.
TEMPLATES = _Path(__file__).resolve().parent / "templates"
if not TEMPLATES.is_dir():
    TEMPLATES = _Path(__file__).resolve().parent.parent / "templates"
