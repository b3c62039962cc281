"""API keys sent in a header, a query parameter or a cookie (only APIs with apiKey schemes ship this)."""

from __future__ import annotations

import typing

import httpx


class ApiKeyAuth(httpx.Auth):
    """An API key sent in a header, a query parameter or a cookie."""

    def __init__(self, name: str, location: str, key: str) -> None:
        self.name = name
        self.location = location
        self.key = key

    def auth_flow(
        self, request: httpx.Request
    ) -> typing.Generator[httpx.Request, httpx.Response, None]:
        if self.location == "query":
            request.url = request.url.copy_merge_params({self.name: self.key})
        elif self.location == "cookie":
            cookie = f"{self.name}={self.key}"
            sent = request.headers.get("Cookie")
            request.headers["Cookie"] = f"{sent}; {cookie}" if sent else cookie
        else:
            request.headers[self.name] = self.key
        yield request


__all__ = [
    "ApiKeyAuth",
]
