"""Python SDK of the Telnyx Conferences API (version 2.0.0).

Generated from the API's OpenAPI document; regenerate rather than edit.
"""

from . import errors, models
from ._runtime import UNSET, Unset
from .client import Client
from .errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    ClientError,
    ServerError,
)

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "Client",
    "ClientError",
    "ServerError",
    "UNSET",
    "Unset",
    "errors",
    "models",
]
