"""Python SDK of the Telnyx Conferences API (version 2.0.0).

Generated from the API's OpenAPI document; regenerate rather than edit.
"""

from . import errors, models
from ._runtime import UNSET, RetryPolicy, Unset
from .client import AsyncClient, Client
from .errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ClientError,
    ServerError,
)

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "Client",
    "ClientError",
    "RetryPolicy",
    "ServerError",
    "UNSET",
    "Unset",
    "errors",
    "models",
]
