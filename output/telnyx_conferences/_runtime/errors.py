"""The errors a client raises: connection failures, timeouts, error statuses and their details."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import httpx


@dataclasses.dataclass(frozen=True)
class ErrorDetail:
    """One entry of an error response's `errors` list."""

    code: str | None
    title: str | None
    detail: str | None
    pointer: str | None
    meta: Mapping[str, Any] | None = None


class APIError(Exception):
    """Base of every error the client raises."""


class APIConnectionError(APIError):
    """The request could not be sent or its response not received."""


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class APIResponseValidationError(APIError, ValueError):
    """A success answer whose body is not what the spec says (not JSON, or another shape)."""

    def __init__(self, message: str, response: httpx.Response) -> None:
        super().__init__(message)
        self.response = response
        self.status = response.status_code


class APIStatusError(APIError):
    """The API answered with an error status (4xx or 5xx)."""

    status_code: ClassVar[int | None] = None
    code: ClassVar[str | None] = None

    def __init__(
        self, message: str, *, response: httpx.Response, body: Any, errors: Sequence[ErrorDetail]
    ) -> None:
        super().__init__(message)
        self.message = message
        self.response = response
        self.status = response.status_code
        self.headers = response.headers
        self.body = body
        self.errors = tuple(errors)

    @property
    def error_code(self) -> str | None:
        """The first API error code of the response, if it has one."""
        return self.errors[0].code if self.errors else None


class ClientError(APIStatusError):
    """A 4xx answer."""


class ServerError(APIStatusError):
    """A 5xx answer."""


def _error_details(body: Any) -> list[ErrorDetail]:
    entries = body.get("errors") if isinstance(body, Mapping) else None
    if not isinstance(entries, list):
        entries = [body] if isinstance(body, Mapping) and "code" in body else []
    details = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        source = entry.get("source")
        pointer = source.get("pointer") if isinstance(source, Mapping) else None
        code = entry.get("code")
        meta = entry.get("meta")
        details.append(
            ErrorDetail(
                None if code is None else str(code),
                entry.get("title") if isinstance(entry.get("title"), str) else None,
                (
                    (entry.get("detail") or entry.get("message"))
                    if isinstance(entry.get("detail") or entry.get("message"), str)
                    else None
                ),
                pointer if isinstance(pointer, str) else None,
                meta if isinstance(meta, Mapping) else None,
            )
        )
    return details


@functools.lru_cache(maxsize=None)
def _combined(bases: tuple[type[APIStatusError], ...]) -> type[APIStatusError]:
    """One class deriving from the operation's, the status's and the code's error class."""
    if len(bases) == 1:
        return bases[0]
    return type(
        bases[0].__name__, bases, {"__module__": bases[0].__module__, "__doc__": bases[0].__doc__}
    )


def _read_body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ClientError",
    "ErrorDetail",
    "ServerError",
]
