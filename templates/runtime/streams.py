"""Streamed successes: server-sent events and JSON Lines, each item typed as it arrives.

Only APIs with such operations ship this.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Callable, Coroutine, Iterator, Mapping
from typing import Any, Concatenate, Generic, NamedTuple, ParamSpec, TypeVar

import httpx

from .client import AsyncBaseClient, AsyncResource, BaseClient, Resource
from .models import UNSET, decode, resolved
from .request import Operation

T = TypeVar("T")
P = ParamSpec("P")

EVENTS = "text/event-stream"
DONE = "[DONE]"  # the data that ends a stream of events by a common convention, not an item


class Streamed(NamedTuple):
    """How an operation's success comes as a stream: its media type and the type of one item."""

    media_type: str
    item: Any  # one item's type: an event's data, or with `envelope` the whole event
    envelope: bool = False  # an item is the event itself: {"data", "event", "id", "retry"}
    flag: str | None = None  # the argument asking for the stream (`stream=True`), unless given


class _Items:
    """Reads the lines of one streamed body into typed items (see `feed`)."""

    def __init__(self, streamed: Streamed, strict: bool) -> None:
        self.streamed = streamed
        self.annotation = resolved(streamed.item)
        self.strict = strict
        self.events = streamed.media_type.partition(";")[0].strip().lower() == EVENTS
        self.event: dict[str, Any] = {}
        self.data: list[str] = []
        self.done = False  # the stream said it ended (`DONE`)

    def feed(self, line: str) -> list[Any]:
        """The items one more line completes: for JSON Lines its own, for server-sent events
        (the WHATWG format) the event a blank line ends.
        """
        if not self.events:
            return [self.typed(line)] if line.strip() else []
        if not line:
            return self.dispatched()
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "data":
            self.data.append(value)
        elif name in ("event", "id"):
            self.event[name] = value
        elif name == "retry" and value.isdigit():
            self.event[name] = int(value)
        return []

    def end(self) -> list[Any]:
        """The items of the stream's end: an event the end cuts short is kept, not lost."""
        return self.dispatched() if self.events else []

    def dispatched(self) -> list[Any]:
        event, data = self.event, self.data
        self.event, self.data = {}, []
        if not data:  # (an event without data is dispatched to no one)
            return []
        event["data"] = "\n".join(data)
        if self.streamed.envelope:
            return [self.decoded(event)]
        if event["data"] == DONE:
            self.done = True
            return []
        return [self.typed(event["data"])]

    def typed(self, text: str) -> Any:
        """One item from its JSON text (a text item as it is; one that is not JSON as its text)."""
        if self.annotation is str:
            return text
        try:
            payload = json.loads(text)
        except ValueError:
            if self.strict:
                raise
            return text
        return self.decoded(payload)

    def decoded(self, payload: Any) -> Any:
        try:
            return decode(self.annotation, payload, self.strict)
        except (TypeError, ValueError, KeyError, AttributeError):
            if self.strict:
                raise
            return payload  # kept as it came


class Stream(Generic[T]):
    """The items of a streamed success, each read as iteration reaches it.

    Iterate it once: the connection is closed at the end, by `close()` or by leaving a
    `with` block. `response` is the answer (its status and headers).
    """

    def __init__(self, response: httpx.Response, items: _Items) -> None:
        self.response = response
        self._items = items

    def __iter__(self) -> Iterator[T]:
        items = self._items
        try:
            for line in self.response.iter_lines():
                yield from items.feed(line)
                if items.done:
                    return
            yield from items.end()
        finally:
            self.response.close()

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> Stream[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncStream(Generic[T]):
    """The items of a streamed success of the async client, each read as iteration reaches it."""

    def __init__(self, response: httpx.Response, items: _Items) -> None:
        self.response = response
        self._items = items

    async def __aiter__(self) -> typing.AsyncIterator[T]:
        items = self._items
        try:
            async for line in self.response.aiter_lines():
                for item in items.feed(line):
                    yield item
                if items.done:
                    return
            for item in items.end():
                yield item
        finally:
            await self.response.aclose()

    async def aclose(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncStream[T]:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


def stream_items(
    group: Resource | AsyncResource, operation: Operation[Any], arguments: Mapping[str, Any]
) -> Stream[Any]:
    """Send a group's streamed operation: a `Stream` of its items, or for an async group a
    coroutine of an `AsyncStream` (the async group's method is retyped by `async_stream`).

    An error status raises, as the operation's other methods raise, before any item.
    """
    client = group._client
    streamed: Streamed = operation.stream
    if streamed.flag is not None and arguments.get(streamed.flag, UNSET) is UNSET:
        arguments = {**arguments, streamed.flag: True}
    asked = dataclasses.replace(operation, accept=streamed.media_type)
    items = _Items(streamed, client._strict)
    if isinstance(client, AsyncBaseClient):
        return _async_stream(client, asked, arguments, items)  # type: ignore[return-value]
    assert isinstance(client, BaseClient)
    response = client._transmit(asked, client._request(asked, arguments), arguments, stream=True)
    if response.status_code >= 300:
        response.read()
        response.close()
        client._result(asked, response)  # raises the status's error
    return Stream(response, items)


async def _async_stream(
    client: AsyncBaseClient, operation: Operation[Any], arguments: Mapping[str, Any], items: _Items
) -> AsyncStream[Any]:
    request = client._request(operation, arguments)
    response = await client._transmit(operation, request, arguments, stream=True)
    if response.status_code >= 300:
        await response.aread()
        await response.aclose()
        client._result(operation, response)  # raises the status's error
    return AsyncStream(response, items)


def async_stream(
    method: Callable[Concatenate[Any, P], Stream[T]],
) -> Callable[Concatenate[Any, P], Coroutine[Any, Any, AsyncStream[T]]]:
    """A sync group's streamed method as a coroutine function of the async group."""
    return method  # type: ignore[return-value]


__all__ = ["AsyncStream", "Stream", "Streamed", "async_stream", "stream_items"]
