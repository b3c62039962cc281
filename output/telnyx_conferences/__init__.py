"""Python SDK of the Telnyx Conferences API (version 2.0.0).

Generated from the API's OpenAPI document; regenerate rather than edit.
"""

from . import errors, models
from ._runtime.client import RawResponse, RetryPolicy
from ._runtime.models import UNSET, Unset
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

__version__ = "2.0.0"

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "Client",
    "ClientError",
    "RawResponse",
    "RetryPolicy",
    "ServerError",
    "UNSET",
    "Unset",
    "__version__",
    "errors",
    "models",
]
