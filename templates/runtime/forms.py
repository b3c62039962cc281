"""Form bodies: `application/x-www-form-urlencoded` and `multipart/form-data` (only APIs that send them ship this)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from .request import _text_value


def _form_fields(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    fields = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            fields.append(
                (key, json.dumps(item) if isinstance(item, (dict, list)) else _text_value(item))
            )
    return fields


def form_urlencoded(payload: Any) -> Mapping[str, Any]:
    """httpx's arguments for a form-encoded body."""
    return {
        "content": urlencode(_form_fields(payload)).encode(),
        "headers": {"content-type": "application/x-www-form-urlencoded"},
    }


def multipart(payload: Any) -> Mapping[str, Any]:
    """httpx's arguments for a multipart body: bytes values are files, the rest fields."""
    files = {k: v for k, v in payload.items() if isinstance(v, bytes)}
    data = dict(_form_fields({k: v for k, v in payload.items() if k not in files}))
    return {"files": files, "data": data}


__all__ = [
    "form_urlencoded",
    "multipart",
]
