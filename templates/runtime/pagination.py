"""Pagination: numbered, linked and cursor pages, iterated lazily (only APIs with list operations ship this)."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Concatenate, Generic, NamedTuple, ParamSpec, TypeVar

import httpx

from .client import AsyncBaseClient, AsyncResource, BaseClient, Resource, _Sender
from .models import UNSET, Model, resolved
from .request import Operation

T = TypeVar("T")
P = ParamSpec("P")


class PageNumber(NamedTuple):
    """Pages chosen by a page-number argument; the response says how many pages there are."""

    items: str  # the attribute of a page that holds its items
    argument: str  # the argument that selects the page
    key: str | None = None  # the page number's attribute or key, when the argument is an object
    page_number: tuple[str, ...] = ()  # attribute path of the current page's number
    total_pages: tuple[str, ...] = ()  # attribute path of the number of pages


class NextLink(NamedTuple):
    """Pages chained by a link to the next one in each page."""

    items: str  # the attribute of a page that holds its items
    link: tuple[str, ...]  # attribute path of the next page's URL or path


class Cursor(NamedTuple):
    """Pages chosen by an argument that takes back a value of the page before (a token or cursor)."""

    items: str  # the attribute of a page that holds its items
    token: tuple[str, ...]  # attribute path of the value that selects the next page
    argument: str  # the argument that takes it


class AfterLast(NamedTuple):
    """Pages chosen by an argument that takes the last item's key, while a page says there are more."""

    items: str  # the attribute of a page that holds its items
    has_more: tuple[str, ...]  # attribute path of the flag that there is a next page
    argument: str  # the argument that takes the key
    key: str  # the attribute of an item that it takes


class Offset(NamedTuple):
    """Pages chosen by an argument that counts the items before them, up to the count of all."""

    items: str  # the attribute of a page that holds its items
    argument: str  # the argument that takes the number of items before the page
    total: tuple[str, ...]  # attribute path of the number of items of all pages


class LinkHeader(NamedTuple):
    """Pages chained by the response's `Link` header (its `rel="next"` link)."""

    items: str | None = None  # the attribute of a page that holds its items, or None: the list


def _attribute_path(value: Any, path: Sequence[str]) -> Any:
    for name in path:
        value = getattr(value, name, None)
    return value


class _Pages:
    """The state of a walk over the pages of a paginated operation."""

    def __init__(
        self, client: _Sender[Any], operation: Operation[Any], arguments: dict[str, Any]
    ) -> None:
        assert operation.pagination is not None
        self.client = client
        self.operation = operation
        self.paging = operation.pagination
        self.arguments = arguments

    def first(self) -> httpx.Request:
        return self.client._request(self.operation, self.arguments)

    def items(self, page: Any) -> list[Any]:
        items = page if self.paging.items is None else getattr(page, self.paging.items, None)
        return items if isinstance(items, list) else []

    def following(
        self, page: Any, request: httpx.Request, response: httpx.Response
    ) -> httpx.Request | None:
        """The request for the page after `page` (read from `response`), or None when it was the last."""
        paging = self.paging
        if isinstance(paging, LinkHeader):
            link = response.links.get("next", {}).get("url")
            return _link_request(self.client, link, request) if link else None
        if not isinstance(paging, Cursor) and not self.items(page):
            return None  # (a cursor's page may be empty and name a next one)
        if isinstance(paging, NextLink):
            link = _attribute_path(page, paging.link)
            return _link_request(self.client, link, request) if isinstance(link, str) else None
        value = self._next_argument(page)
        if value is None:
            return None
        self.arguments[paging.argument] = value
        return self.client._request(self.operation, self.arguments)

    def _next_argument(self, page: Any) -> Any:
        """The value of the argument that selects the page after `page`; None after the last."""
        paging = self.paging
        sent = self.arguments.get(paging.argument)
        if isinstance(paging, Cursor):
            # Until a page names no next one, or the one it came from.
            token = _attribute_path(page, paging.token)
            return token if isinstance(token, (str, int)) and token not in ("", sent) else None
        if isinstance(paging, AfterLast):
            last = getattr(self.items(page)[-1], paging.key, None)
            more = _attribute_path(page, paging.has_more) is True
            return last if more and isinstance(last, str) and last != sent else None
        if isinstance(paging, Offset):
            following = (sent if isinstance(sent, int) else 0) + len(self.items(page))
            total = _attribute_path(page, paging.total)
            return following if isinstance(total, int) and following < total else None
        number = _attribute_path(page, paging.page_number)
        total = _attribute_path(page, paging.total_pages)
        if not isinstance(number, int):
            number = self._current_number()
        if not isinstance(total, int) or number >= total:
            return None
        return self._with_number(number + 1)

    def _current_number(self) -> int:
        paging = self.paging
        assert isinstance(paging, PageNumber)
        value = self.arguments.get(paging.argument, UNSET)
        if paging.key is not None and value is not UNSET:
            value = (
                value.get(paging.key)
                if isinstance(value, Mapping)
                else getattr(value, paging.key, None)
            )
        return value if isinstance(value, int) else 1

    def _with_number(self, number: int) -> Any:
        paging = self.paging
        assert isinstance(paging, PageNumber)
        if paging.key is None:
            return number
        value = self.arguments.get(paging.argument, UNSET)
        if isinstance(value, Model):
            return dataclasses.replace(value, **{paging.key: number})  # type: ignore[type-var]
        if isinstance(value, Mapping):
            return {**value, paging.key: number}
        param = next(p for p in self.operation.params if p.argument == paging.argument)
        kind = resolved(param.type)
        if isinstance(kind, type) and issubclass(kind, Model):
            return kind(**{paging.key: number})
        return {paging.key: number}


class Pager(Generic[T]):
    """The items of a paginated operation, across pages fetched only as iterated."""

    def __init__(
        self, client: BaseClient, operation: Operation[Any], arguments: dict[str, Any]
    ) -> None:
        self._client = client
        self._pages = _Pages(client, operation, arguments)

    def pages(self) -> typing.Iterator[Any]:
        """The pages themselves, each the operation's typed response."""
        walk, client = self._pages, self._client
        request: httpx.Request | None = walk.first()
        while request is not None:
            response = client._transmit(walk.operation, request, walk.arguments)
            page = client._result(walk.operation, response)
            yield page
            request = walk.following(page, request, response)

    def __iter__(self) -> typing.Iterator[T]:
        for page in self.pages():
            yield from self._pages.items(page)


class AsyncPager(Generic[T]):
    """The items of a paginated operation, across pages fetched only as iterated."""

    def __init__(
        self, client: AsyncBaseClient, operation: Operation[Any], arguments: dict[str, Any]
    ) -> None:
        self._client = client
        self._pages = _Pages(client, operation, arguments)

    async def pages(self) -> typing.AsyncIterator[Any]:
        """The pages themselves, each the operation's typed response."""
        walk, client = self._pages, self._client
        request: httpx.Request | None = walk.first()
        while request is not None:
            response = await client._transmit(walk.operation, request, walk.arguments)
            page = client._result(walk.operation, response)
            yield page
            request = walk.following(page, request, response)

    async def __aiter__(self) -> typing.AsyncIterator[T]:
        async for page in self.pages():
            for item in self._pages.items(page):
                yield item


def _link_request(client: _Sender[Any], link: str, previous: httpx.Request) -> httpx.Request:
    """A GET of the page at `link` (absolute, or relative to the API's address)."""
    url = httpx.URL(client.base_url + "/").join(link)
    # The previous page's headers (the call's extra ones included), less its body's and host.
    headers = [
        (name, value)
        for name, value in previous.headers.multi_items()
        if name.lower() not in ("content-length", "content-type", "host", "cookie")
    ]
    return httpx.Request("GET", url, headers=headers, extensions=previous.extensions)


def paginate(
    group: Resource | AsyncResource, operation: Operation[Any], arguments: Mapping[str, Any]
) -> Pager[Any]:
    """The lazy pager of a group's paginated operation: a `Pager`, or for an async group
    an `AsyncPager` (the async group's method is retyped by `async_pages`)."""
    client = group._client
    if isinstance(client, AsyncBaseClient):
        return AsyncPager(client, operation, dict(arguments))  # type: ignore[return-value]
    assert isinstance(client, BaseClient)
    return Pager(client, operation, dict(arguments))


def async_pages(
    method: Callable[Concatenate[Any, P], Pager[T]],
) -> Callable[Concatenate[Any, P], AsyncPager[T]]:
    """A sync group's paginating method as a method of the async group."""
    return method  # type: ignore[return-value]


__all__ = [
    "AfterLast",
    "AsyncPager",
    "Cursor",
    "LinkHeader",
    "NextLink",
    "Offset",
    "PageNumber",
    "Pager",
    "async_pages",
    "paginate",
]
