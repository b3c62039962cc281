"""Clients and retries: the sync and async clients, their groups, raw responses and the retry policy."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import email.utils
import functools
import logging
import os
import random
import sys
import time
import typing
import warnings
from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Concatenate, Generic, ParamSpec, TypeVar

import httpx

from .auth import combine_auth
from .errors import APIConnectionError, APIStatusError, APITimeoutError
from .models import UNSET, Unset
from .request import CallOptions, Operation, build_request, parse_response

T = TypeVar("T")
P = ParamSpec("P")

if TYPE_CHECKING:
    # Type checkers and IDEs read a deprecated operation's method as PEP 702 says (struck through).
    from typing_extensions import deprecated as deprecated_operation
else:

    def deprecated_operation(message, /, *, category=DeprecationWarning, stacklevel=1):
        """`typing_extensions.deprecated` (PEP 702) for the methods of deprecated operations,
        without the dependency: a call warns with `category`, the method carries `__deprecated__`.
        """

        def decorate(method):
            @functools.wraps(method)
            def warned(*args, **kwargs):
                warnings.warn(message, category, stacklevel=stacklevel + 1)
                return method(*args, **kwargs)

            warned.__deprecated__ = message
            return warned

        return decorate


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """When and how soon a failed request is sent again.

    Connection errors, 408, 429 and 5xx answers are retried, with exponential
    backoff (`initial_delay` doubling up to `max_delay`, plus up to a quarter of
    jitter) or after the server's `Retry-After` (capped at `max_retry_after`).
    A request that may have had an effect (POST or PATCH) is sent again only if
    it never reached the server, or if its operation carries an idempotency
    key, which the client fills once and sends unchanged on every attempt.
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def backoff(self, attempt: int) -> float:
        """Seconds to wait before retry number `attempt + 1`."""
        delay: float = min(self.max_delay, self.initial_delay * 2.0**attempt)
        return min(self.max_delay, delay * (1 + random.random() / 4))

    def after_error(
        self, error: httpx.TransportError, attempt: int, retries: int, retry_safe: bool
    ) -> float | None:
        """Seconds to wait before sending again after `error`, or None to give up."""
        if attempt >= retries:
            return None
        if not retry_safe and not isinstance(error, _UNSENT_ERRORS):
            return None  # the server may have acted on it
        return self.backoff(attempt)

    def after_response(
        self, response: httpx.Response, attempt: int, retries: int, retry_safe: bool
    ) -> float | None:
        """Seconds to wait before sending again after `response`, or None to keep it."""
        status = response.status_code
        if attempt >= retries or not retry_safe:
            return None
        if status not in (408, 429) and status < 500:
            return None
        after = retry_after(response.headers)
        if after is not None:
            return min(after, self.max_retry_after)
        return self.backoff(attempt)


# Failures that happen before any byte of the request reaches the server.
_UNSENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def retry_after(headers: httpx.Headers) -> float | None:
    """The delay a response asks for, from `Retry-After` (seconds or HTTP date)."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds())


def credential(value: str | None, *environment: str) -> str | None:
    """An explicit credential, or the first environment variable that is set."""
    if value is not None:
        return value
    for name in environment:
        found = os.environ.get(name)
        if found:
            return found
    return None


DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)


def user_agent(package: str, version: str) -> str:
    """`<package>/<version> python/<x.y> httpx/<version>`."""
    python = ".".join(str(n) for n in sys.version_info[:2])
    return f"{package}/{version} python/{python} httpx/{httpx.__version__}"


def _logger(package: str, prefix: str) -> logging.Logger:
    """The package's logger; `<PREFIX>_LOG=debug` (or `info`) turns it on, to stderr."""
    logger = logging.getLogger(package)
    level = os.environ.get(f"{prefix}_LOG", "").lower() if prefix else ""
    if level in ("debug", "info") and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("[%(asctime)s - %(name)s:%(levelname)s] %(message)s")
        )
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG if level == "debug" else logging.INFO)
    return logger


def _log_attempt(
    logger: logging.Logger,
    request: httpx.Request,
    outcome: httpx.Response | httpx.TransportError,
    started: float,
    attempt: int,
) -> None:
    what = outcome.status_code if isinstance(outcome, httpx.Response) else type(outcome).__name__
    logger.debug(
        "%s %s -> %s in %.3f s (attempt %d)",
        request.method,
        request.url,
        what,
        time.perf_counter() - started,
        attempt + 1,
    )


class RawResponse(Generic[T]):
    """A call's parsed result with the HTTP response it came in."""

    __slots__ = ("http_response", "_parsed")

    def __init__(self, parsed: T, response: httpx.Response) -> None:
        self._parsed = parsed
        self.http_response = response

    def parse(self) -> T:
        """The typed result, as the method without `with_raw_response` returns it."""
        return self._parsed

    @property
    def parsed(self) -> T:
        return self._parsed

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def http_request(self) -> httpx.Request:
        return self.http_response.request

    @property
    def request_id(self) -> str | None:
        """The server's id of the request (`x-request-id` or `request-id`), if it sent one."""
        headers = self.http_response.headers
        found: str | None = headers.get("x-request-id") or headers.get("request-id")
        return found

    @property
    def elapsed(self) -> datetime.timedelta:
        return self.http_response.elapsed


H = TypeVar("H", httpx.Client, httpx.AsyncClient)
S = TypeVar("S", bound="_Sender[Any]")


class _Sender(Generic[H]):
    """What the sync and async clients share: configuration and request building."""

    status_errors: ClassVar[Mapping[int, type[APIStatusError]]] = {}
    error_codes: ClassVar[Mapping[str, type[APIStatusError]]] = {}
    security: ClassVar[tuple[tuple[str, ...], ...]] = ()  # the API's security requirements
    package: ClassVar[str] = "sdk"  # the generated package: its logger and User-Agent
    version: ClassVar[str] = "0.0.0"
    environment_prefix: ClassVar[str] = ""  # `<PREFIX>_BASE_URL`, `<PREFIX>_LOG`
    default_base_url: ClassVar[str] = "http://localhost"

    def __init__(
        self,
        *,
        base_url: str | None = None,
        http_client: H | None = None,
        headers: Mapping[str, str] | None = None,
        auth: httpx.Auth | Mapping[str, httpx.Auth | None] | None = None,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        max_retries: int | Unset = UNSET,
        retry_policy: RetryPolicy | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        owns_http_client = http_client is None
        self._owns_http_client = owns_http_client
        self._http: H = self._new_http_client() if http_client is None else http_client
        http_client = self._http
        prefix = self.environment_prefix
        if base_url is None:
            base_url = (prefix and os.environ.get(f"{prefix}_BASE_URL")) or self.default_base_url
        self._base_url = base_url.rstrip("/")
        self._logger = _logger(self.package, prefix)
        # Plain, by lower-case name: copied for every request, which httpx.Headers is slow at.
        self._headers = {name.lower(): value for name, value in http_client.headers.items()}
        if self._headers.get("user-agent", "").startswith("python-httpx/"):
            self._headers["user-agent"] = user_agent(self.package, self.version)
        if self._headers.get("accept") == "*/*":  # httpx's: each operation says what it reads
            del self._headers["accept"]
        self._headers.update({name.lower(): value for name, value in (headers or {}).items()})
        # One httpx.Auth for every request, or the credentials by security scheme.
        self._credentials = auth
        self._auths: dict[tuple[tuple[str, ...], ...] | None, Any] = {}
        # The SDK's timeout, whatever `http_client` was given (httpx's own is 5 s).
        self._timeout = httpx.Timeout(DEFAULT_TIMEOUT if isinstance(timeout, Unset) else timeout)
        policy = retry_policy or RetryPolicy()
        if not isinstance(max_retries, Unset):
            policy = dataclasses.replace(policy, max_retries=max_retries)
        self.retry_policy = policy
        self._strict = strict_response_validation

    def with_options(
        self: S,
        *,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        max_retries: int | Unset = UNSET,
        headers: Mapping[str, str] | None = None,
    ) -> S:
        """A copy of this client with other options; it shares the HTTP client."""
        clone = copy.copy(self)
        clone._owns_http_client = False  # closing the copy leaves the original working
        clone._headers = {**self._headers, **{k.lower(): v for k, v in (headers or {}).items()}}
        if not isinstance(timeout, Unset):
            clone._timeout = httpx.Timeout(timeout)
        if not isinstance(max_retries, Unset):
            clone.retry_policy = dataclasses.replace(self.retry_policy, max_retries=max_retries)
        clone.__dict__.pop("with_raw_response", None)
        for name, value in list(vars(clone).items()):
            if isinstance(value, (Resource, AsyncResource)) and value._client is self:
                setattr(clone, name, type(value)(clone))  # type: ignore[arg-type]
        return clone

    def _new_http_client(self) -> H:
        raise NotImplementedError

    def _auth(self, operation: Operation[Any]) -> Any:
        """The credentials `operation` needs: the first of its requirements (or else the
        API's) whose schemes all have one; the httpx client's own when none applies."""
        requirements = operation.security
        found = self._auths.get(requirements, UNSET)
        if found is UNSET:
            found = self._auths[requirements] = self._choose_auth(requirements)
        return found

    def _choose_auth(self, requirements: tuple[tuple[str, ...], ...] | None) -> Any:
        credentials = self._credentials
        if credentials is None or isinstance(credentials, httpx.Auth):
            return credentials or httpx.USE_CLIENT_DEFAULT
        given = {key: auth for key, auth in credentials.items() if auth is not None}
        if requirements is None:
            requirements = self.security or (tuple(given),)  # no requirement: all given
        for requirement in sorted(requirements, key=lambda r: not r):  # anonymous last
            if all(key in given for key in requirement):
                return combine_auth([given[key] for key in requirement]) or httpx.USE_CLIENT_DEFAULT
        return httpx.USE_CLIENT_DEFAULT  # what is missing is the server's to refuse

    @property
    def base_url(self) -> str:
        return self._base_url

    def _request(self, operation: Operation[Any], arguments: Mapping[str, Any]) -> httpx.Request:
        key = operation.idempotency_key
        if key is not None and arguments.get(key, UNSET) is UNSET:
            import uuid  # here, not at the top: it loads `platform`, 2 ms of every import

            # One key for every attempt, so that the server can ignore repeats.
            arguments = {**arguments, key: str(uuid.uuid4())}
        return build_request(operation, arguments, self._base_url, self._headers, self._timeout)

    def _retries(self, arguments: Mapping[str, Any]) -> int:
        options = typing.cast(CallOptions, arguments.get("options") or {})
        return options.get("max_retries", self.retry_policy.max_retries)

    def _retry_delay(
        self,
        operation: Operation[Any],
        outcome: httpx.Response | httpx.TransportError,
        attempt: int,
        retries: int,
    ) -> float | None:
        """Seconds to wait before sending again; None to keep `outcome`, a response.

        A transport error the policy gives up on is raised as the API's error.
        """
        policy, safe = self.retry_policy, operation.retry_safe
        if isinstance(outcome, httpx.Response):
            return policy.after_response(outcome, attempt, retries, safe)
        delay = policy.after_error(outcome, attempt, retries, safe)
        if delay is None:
            raise self._failure(operation, outcome) from outcome
        return delay

    def _failure(
        self, operation: Operation[Any], error: httpx.TransportError
    ) -> APIConnectionError:
        where = f"{operation.method} {operation.path}"
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(f"{where} timed out: {error}")
        return APIConnectionError(f"{where} could not connect: {error}")

    def _result(self, operation: Operation[T], response: httpx.Response) -> T:
        return parse_response(
            operation, response, self.status_errors, self.error_codes, self._strict
        )


class BaseClient(_Sender[httpx.Client]):
    """Sends operations with an `httpx.Client`; subclasses add the API's groups."""

    def _new_http_client(self) -> httpx.Client:
        return httpx.Client()

    def _send(self, operation: Operation[T], arguments: Mapping[str, Any]) -> T:
        request = self._request(operation, arguments)
        return self._result(operation, self._transmit(operation, request, arguments))

    def _send_raw(self, operation: Operation[T], arguments: Mapping[str, Any]) -> RawResponse[T]:
        request = self._request(operation, arguments)
        response = self._transmit(operation, request, arguments)
        return RawResponse(self._result(operation, response), response)

    def _transmit(
        self,
        operation: Operation[Any],
        request: httpx.Request,
        arguments: Mapping[str, Any],
        stream: bool = False,
    ) -> httpx.Response:
        """Send `request`, again as the retry policy allows; the last response (with `stream`,
        its body not read yet)."""
        retries, attempt = self._retries(arguments), 0
        while True:
            outcome: httpx.Response | httpx.TransportError
            started = time.perf_counter()
            try:
                outcome = self._http.send(request, auth=self._auth(operation), stream=stream)
            except httpx.TransportError as error:
                outcome = error
            if self._logger.isEnabledFor(logging.DEBUG):
                _log_attempt(self._logger, request, outcome, started, attempt)
            delay = self._retry_delay(operation, outcome, attempt, retries)
            if delay is None:
                assert isinstance(outcome, httpx.Response)
                return outcome
            if isinstance(outcome, httpx.Response):
                outcome.close()  # (a streamed answer holds its connection until closed)
            time.sleep(delay)
            attempt += 1

    def close(self) -> None:
        """Close the HTTP client, if this client created it."""
        if self._owns_http_client:
            self._http.close()

    def __enter__(self: T) -> T:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncBaseClient(_Sender[httpx.AsyncClient]):
    """Sends operations with an `httpx.AsyncClient`; subclasses add the API's groups."""

    def _new_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient()

    async def _send(self, operation: Operation[T], arguments: Mapping[str, Any]) -> T:
        request = self._request(operation, arguments)
        return self._result(operation, await self._transmit(operation, request, arguments))

    async def _send_raw(
        self, operation: Operation[T], arguments: Mapping[str, Any]
    ) -> RawResponse[T]:
        request = self._request(operation, arguments)
        response = await self._transmit(operation, request, arguments)
        return RawResponse(self._result(operation, response), response)

    async def _transmit(
        self,
        operation: Operation[Any],
        request: httpx.Request,
        arguments: Mapping[str, Any],
        stream: bool = False,
    ) -> httpx.Response:
        """Send `request`, again as the retry policy allows; the last response (with `stream`,
        its body not read yet)."""
        import asyncio  # only async clients need it, and it is slow to import

        retries, attempt = self._retries(arguments), 0
        while True:
            outcome: httpx.Response | httpx.TransportError
            started = time.perf_counter()
            try:
                outcome = await self._http.send(request, auth=self._auth(operation), stream=stream)
            except httpx.TransportError as error:
                outcome = error
            if self._logger.isEnabledFor(logging.DEBUG):
                _log_attempt(self._logger, request, outcome, started, attempt)
            delay = self._retry_delay(operation, outcome, attempt, retries)
            if delay is None:
                assert isinstance(outcome, httpx.Response)
                return outcome
            if isinstance(outcome, httpx.Response):
                await outcome.aclose()  # (a streamed answer holds its connection until closed)
            await asyncio.sleep(delay)
            attempt += 1

    async def close(self) -> None:
        """Close the HTTP client, if this client created it."""
        if self._owns_http_client:
            await self._http.aclose()

    async def aclose(self) -> None:
        """Close the HTTP client, if this client created it."""
        await self.close()

    async def __aenter__(self: T) -> T:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


class Resource:
    """A group of operations (one tag of the spec), reached as an attribute of the client."""

    __slots__ = ("_client",)

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    def _call(self, operation: Operation[T], arguments: Mapping[str, Any]) -> T:
        return self._client._send(operation, arguments)


class RawResource(Resource):
    """A group whose methods return a `RawResponse`: `client.with_raw_response.<group>`."""

    __slots__ = ()

    def _call(self, operation: Operation[T], arguments: Mapping[str, Any]) -> Any:
        return self._client._send_raw(operation, arguments)


class AsyncResource:
    """A group of operations of the async client; its methods are the sync group's, awaited."""

    __slots__ = ("_client",)

    def __init__(self, client: AsyncBaseClient) -> None:
        self._client = client

    async def _call(self, operation: Operation[T], arguments: Mapping[str, Any]) -> T:
        return await self._client._send(operation, arguments)


class AsyncRawResource(AsyncResource):
    """An async group whose methods return a `RawResponse`."""

    __slots__ = ()

    async def _call(self, operation: Operation[T], arguments: Mapping[str, Any]) -> Any:
        return await self._client._send_raw(operation, arguments)


def awaitable(
    method: Callable[Concatenate[Any, P], T],
) -> Callable[Concatenate[Any, P], Coroutine[Any, Any, T]]:
    """A sync group's method as a coroutine function of the async group.

    The method's body returns what `self._call` returns, which for an async
    group is a coroutine: one definition serves both clients, and this wrapper
    awaits it, so `inspect.iscoroutinefunction` holds.
    """
    return _Awaited(method)  # type: ignore[return-value]


class _Awaited:
    """The coroutine function `awaitable` stands for, made when it is first looked up: an
    API's async groups define thousands of methods, and most programs call few of them.
    """

    __slots__ = ("method", "name")

    def __init__(self, method: Callable[..., Any]) -> None:
        self.method = method
        self.name = method.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        method = self.method

        async def call(self: Any, /, *args: Any, **kwargs: Any) -> Any:
            return await method(self, *args, **kwargs)

        functools.update_wrapper(call, method)
        if owner is not None:
            setattr(owner, self.name, call)  # the class's attribute from now on
        return call if instance is None else call.__get__(instance, owner)


def raw(
    method: Callable[Concatenate[Any, P], T],
) -> Callable[Concatenate[Any, P], RawResponse[T]]:
    """A group's method as a method of its `with_raw_response` group."""
    return method  # type: ignore[return-value]


def async_raw(
    method: Callable[Concatenate[Any, P], T],
) -> Callable[Concatenate[Any, P], Coroutine[Any, Any, RawResponse[T]]]:
    """A group's method as a coroutine function of its async `with_raw_response` group."""
    return awaitable(raw(method))


__all__ = [
    "AsyncBaseClient",
    "AsyncRawResource",
    "AsyncResource",
    "BaseClient",
    "RawResource",
    "RawResponse",
    "Resource",
    "RetryPolicy",
    "async_raw",
    "awaitable",
    "credential",
    "deprecated_operation",
    "raw",
    "retry_after",
]
