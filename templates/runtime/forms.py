"""Form bodies: `application/x-www-form-urlencoded` and `multipart/form-data` (only APIs that send them ship this)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from .request import _each_item, _form_fields, _text_value


def form_urlencoded(payload: Any) -> Mapping[str, Any]:
    """httpx's arguments for a form-encoded body."""
    return {
        "content": urlencode(_form_fields(payload)).encode(),
        "headers": {"content-type": "application/x-www-form-urlencoded"},
    }


def multipart(payload: Any) -> Mapping[str, Any]:
    """httpx's arguments for a multipart body: a part per value, and per item of a list (a
    repeated name keeps every item); bytes are files, objects JSON, the rest text. Every part
    goes as a file entry (a plain field has no file name) so that a body without a file is
    multipart still, as the spec says, not the form encoding httpx falls back to.
    """
    parts: list[tuple[str, Any]] = []
    for key, item in _each_item(payload):
        if isinstance(item, bytes):
            parts.append((key, item))
        elif isinstance(item, (dict, list)):
            parts.append((key, (None, json.dumps(item), "application/json")))
        else:
            parts.append((key, (None, _text_value(item))))
    if not parts:
        boundary = "sdkwright-empty"  # httpx sends no body at all for no parts
        return {
            "content": f"--{boundary}--\r\n".encode(),
            "headers": {"content-type": f"multipart/form-data; boundary={boundary}"},
        }
    return {"files": parts}


__all__ = [
    "form_urlencoded",
    "multipart",
]
