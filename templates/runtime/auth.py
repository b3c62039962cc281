"""Credentials: bearer tokens (and other HTTP schemes' tokens), several at once."""

from __future__ import annotations

import typing
from collections.abc import Iterable, Sequence

import httpx


class BearerAuth(httpx.Auth):
    """`Authorization: Bearer <token>`, or another HTTP scheme's word before the token."""

    def __init__(self, token: str, scheme: str = "Bearer") -> None:
        self.token = token
        self.scheme = scheme

    def auth_flow(
        self, request: httpx.Request
    ) -> typing.Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"{self.scheme} {self.token}"
        yield request


class MultiAuth(httpx.Auth):
    """Several credentials at once (a spec may require more than one)."""

    def __init__(self, parts: Iterable[httpx.Auth]) -> None:
        self.parts = list(parts)

    def auth_flow(
        self, request: httpx.Request
    ) -> typing.Generator[httpx.Request, httpx.Response, None]:
        for part in self.parts:
            flow = part.auth_flow(request)
            request = next(flow)
        yield request


def combine_auth(parts: Sequence[httpx.Auth | None]) -> httpx.Auth | None:
    present = [p for p in parts if p is not None]
    if not present:
        return None
    return present[0] if len(present) == 1 else MultiAuth(present)


__all__ = [
    "BearerAuth",
    "MultiAuth",
    "combine_auth",
]
