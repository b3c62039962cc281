"""The generated SDK's production behaviour: async client, per-call options, retries,
pagination, parameter styles and bodies, and webhook verification.

Generated from tests/fixtures/production.yaml (a small API with every behaviour) and
specs/conferences.yml, and driven through `httpx.MockTransport`.
"""

from __future__ import annotations

import asyncio
import base64
import datetime
import importlib
import json
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from nacl.signing import SigningKey

from tests.conftest import import_package

FIXTURE = Path(__file__).parent / "fixtures" / "production.yaml"
BASE = "https://api.catalogue.test/v1"
CALL = "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg"

Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    from generator.config import Job
    from generator.pipeline import generate

    root = tmp_path_factory.mktemp("catalogue-sdk")
    generate(Job(str(FIXTURE), root, "catalogue"))
    yield import_package(root, "catalogue")


class Recorder:
    """Answers from a list of responses (the last one repeats) and keeps every request."""

    def __init__(self, *responses: httpx.Response | Handler | Exception) -> None:
        self.responses = list(responses) or [httpx.Response(200, json={})]
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.responses[min(len(self.requests), len(self.responses)) - 1]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Records the retry delays instead of waiting them out."""
    delays: list[float] = []
    monkeypatch.setattr(time, "sleep", delays.append)
    return delays


def sync_client(sdk: ModuleType, recorder: Recorder, **options: Any) -> Any:
    transport = httpx.MockTransport(recorder)
    return sdk.Client(api_key="test-key", http_client=httpx.Client(transport=transport), **options)


def async_client(sdk: ModuleType, recorder: Recorder, **options: Any) -> Any:
    async def handle(request: httpx.Request) -> httpx.Response:
        await request.aread()
        return recorder(request)

    transport = httpx.MockTransport(handle)
    return sdk.AsyncClient(api_key="test-key", http_client=httpx.AsyncClient(transport=transport), **options)


def item(n: int) -> dict[str, str]:
    return {"id": f"item-{n}", "name": f"Item {n}"}


# -- async client ------------------------------------------------------------------


def test_async_client_has_the_same_surface_and_results(conferences_sdk: ModuleType) -> None:
    recorder = Recorder(httpx.Response(200, json={"data": {"result": "ok"}}))

    async def main() -> Any:
        async with async_client(conferences_sdk, recorder) as client:
            return await client.conference_commands.join_conference("conf-1", call_control_id=CALL)

    result = asyncio.run(main())
    assert isinstance(result, conferences_sdk.models.ConferenceCommandResponse)
    assert result.data.result == "ok"
    request = recorder.requests[0]
    assert request.method == "POST"
    assert str(request.url) == "https://api.telnyx.com/v2/conferences/conf-1/actions/join"
    assert json.loads(request.content)["call_control_id"] == CALL
    sync_methods = {n for n in dir(conferences_sdk.client.ConferenceCommandsResource) if not n.startswith("_")}
    async_methods = {n for n in dir(conferences_sdk.client.AsyncConferenceCommandsResource) if not n.startswith("_")}
    assert sync_methods == async_methods == {"create_conference", "join_conference"}


def test_async_client_raises_the_same_error_classes(conferences_sdk: ModuleType) -> None:
    body = {"errors": [{"code": "90032", "title": "Max participants", "detail": "full"}]}
    recorder = Recorder(httpx.Response(422, json=body))

    async def main() -> None:
        client = async_client(conferences_sdk, recorder)
        try:
            await client.conference_commands.join_conference("conf-1", call_control_id=CALL)
        finally:
            await client.aclose()

    with pytest.raises(conferences_sdk.errors.MaxParticipantsReachedError) as caught:
        asyncio.run(main())
    assert isinstance(caught.value, conferences_sdk.errors.JoinConferenceError)
    assert isinstance(caught.value, conferences_sdk.errors.UnprocessableEntityError)


def test_clients_close_only_what_they_created(conferences_sdk: ModuleType) -> None:
    injected = httpx.Client(transport=httpx.MockTransport(Recorder()))
    with conferences_sdk.Client(api_key="k", http_client=injected):
        pass
    assert not injected.is_closed  # the caller's client stays open
    with conferences_sdk.Client(api_key="k") as owned:
        pass
    assert owned._http.is_closed

    async def main() -> tuple[bool, bool]:
        injected_async = httpx.AsyncClient()
        async with conferences_sdk.AsyncClient(api_key="k", http_client=injected_async):
            pass
        own = conferences_sdk.AsyncClient(api_key="k")
        await own.close()
        closed = (injected_async.is_closed, own._http.is_closed)
        await injected_async.aclose()
        return closed

    assert asyncio.run(main()) == (False, True)


# -- timeouts and per-call options ---------------------------------------------------


def test_default_timeout_is_60_seconds_with_5_to_connect(conferences_sdk: ModuleType) -> None:
    recorder = Recorder()
    client = conferences_sdk.Client(api_key="k", http_client=None)
    client._http = httpx.Client(transport=httpx.MockTransport(recorder))
    client.conference_commands.join_conference("c", call_control_id=CALL)
    assert recorder.requests[0].extensions["timeout"] == {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}


def test_per_call_timeout_headers_and_retries(conferences_sdk: ModuleType, no_sleep: list[float]) -> None:
    recorder = Recorder(httpx.Response(503), httpx.Response(200, json={"data": {"result": "ok"}}))
    client = sync_client(conferences_sdk, recorder, headers={"X-Team": "voice"})
    client.conference_commands.join_conference(
        "c", call_control_id=CALL, timeout=2.5, extra_headers={"Prefer": "code=200", "X-Team": "video"}, max_retries=1
    )
    first = recorder.requests[0]
    assert first.extensions["timeout"] == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}
    assert first.headers["Prefer"] == "code=200"
    assert first.headers["X-Team"] == "video"  # the call's header wins over the client's
    assert len(recorder.requests) == 2
    recorder = Recorder(httpx.Response(503))
    client = sync_client(conferences_sdk, recorder)
    with pytest.raises(conferences_sdk.errors.ServiceUnavailableError):
        client.conference_commands.join_conference("c", call_control_id=CALL, max_retries=0)
    assert len(recorder.requests) == 1


def test_a_misspelt_keyword_argument_is_refused_not_dropped(conferences_sdk: ModuleType) -> None:
    recorder = Recorder(httpx.Response(200, json={"data": {"result": "ok"}}))
    client = sync_client(conferences_sdk, recorder)
    with pytest.raises(TypeError, match="'supervisor_rol'"):
        client.conference_commands.join_conference("c", call_control_id=CALL, supervisor_rol="barge")  # type: ignore[call-arg]
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("body", "words"),
    [(b"<html>busy</html>", "is not JSON"), (b"[1, 2]", "does not fit its schema")],
    ids=["not-json", "wrong-shape"],
)
def test_a_success_body_that_does_not_fit_raises_an_sdk_error(conferences_sdk: ModuleType, body: bytes, words: str) -> None:
    recorder = Recorder(httpx.Response(200, content=body, headers={"Content-Type": "application/json"}))
    client = sync_client(conferences_sdk, recorder, strict_response_validation=True)
    with pytest.raises(conferences_sdk.errors.APIResponseValidationError, match=words) as raised:
        client.conference_commands.join_conference("c", call_control_id=CALL)
    assert isinstance(raised.value, conferences_sdk.errors.APIError)
    assert raised.value.status == 200 and raised.value.response.content == body


def test_a_success_of_another_shape_is_returned_as_it_came_by_default(conferences_sdk: ModuleType) -> None:
    recorder = Recorder(httpx.Response(200, json=[1, 2]))
    result = sync_client(conferences_sdk, recorder).conference_commands.join_conference("c", call_control_id=CALL)
    assert result == [1, 2]  # the conference was joined: no error, nothing lost


@pytest.mark.parametrize("content_type", ["application/json", "text/html"])
def test_a_success_whose_body_is_not_json_is_returned_as_its_text_by_default(conferences_sdk: ModuleType, content_type: str) -> None:
    recorder = Recorder(httpx.Response(200, content=b"<html>joined</html>", headers={"Content-Type": content_type}))
    result = sync_client(conferences_sdk, recorder).conference_commands.join_conference("c", call_control_id=CALL)
    assert result == "<html>joined</html>"  # a success stays one, and its body is kept
    assert len(recorder.requests) == 1


# -- retries -----------------------------------------------------------------------


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried_with_the_same_command_id(
    conferences_sdk: ModuleType, no_sleep: list[float], status: int
) -> None:
    recorder = Recorder(httpx.Response(status), httpx.Response(status), httpx.Response(200, json={"data": {"result": "ok"}}))
    sync_client(conferences_sdk, recorder).conference_commands.join_conference("c", call_control_id=CALL)
    assert len(recorder.requests) == 3
    ids = {json.loads(r.content)["command_id"] for r in recorder.requests}
    assert len(ids) == 1  # one key for every attempt: the server runs the command once
    assert len(no_sleep) == 2
    assert 0.5 <= no_sleep[0] <= 0.625 and 1.0 <= no_sleep[1] <= 1.25  # backoff with jitter


def test_retries_are_exhausted_into_the_status_error(conferences_sdk: ModuleType, no_sleep: list[float]) -> None:
    recorder = Recorder(httpx.Response(500))
    with pytest.raises(conferences_sdk.errors.InternalServerError):
        sync_client(conferences_sdk, recorder).conference_commands.join_conference("c", call_control_id=CALL)
    assert len(recorder.requests) == 3  # the first try and 2 retries


@pytest.mark.parametrize("status", [400, 401, 404, 409, 422])
def test_client_errors_are_not_retried(conferences_sdk: ModuleType, no_sleep: list[float], status: int) -> None:
    recorder = Recorder(httpx.Response(status, json={"errors": []}))
    with pytest.raises(conferences_sdk.errors.APIStatusError):
        sync_client(conferences_sdk, recorder).conference_commands.join_conference("c", call_control_id=CALL)
    assert len(recorder.requests) == 1 and no_sleep == []


def test_backoff_grows_to_eight_seconds(conferences_sdk: ModuleType, no_sleep: list[float]) -> None:
    recorder = Recorder(httpx.Response(503))
    with pytest.raises(conferences_sdk.errors.ServiceUnavailableError):
        sync_client(conferences_sdk, recorder, max_retries=7).conference_commands.join_conference("c", call_control_id=CALL)
    assert len(no_sleep) == 7
    for attempt, delay in enumerate(no_sleep):
        base = min(8.0, 0.5 * 2**attempt)
        assert base <= delay <= min(8.0, base * 1.25)
    assert no_sleep[-1] == 8.0


@pytest.mark.parametrize(
    ("header", "expected"),
    [({"Retry-After": "3"}, 3.0), ({"Retry-After": "0.5"}, 0.5), ({"retry-after-ms": "1500"}, 1.5), ({"Retry-After": "600"}, 60.0)],
)
def test_retry_after_is_honoured_and_capped(
    conferences_sdk: ModuleType, no_sleep: list[float], header: dict[str, str], expected: float
) -> None:
    recorder = Recorder(httpx.Response(429, headers=header), httpx.Response(200, json={"data": {"result": "ok"}}))
    sync_client(conferences_sdk, recorder).conference_commands.join_conference("c", call_control_id=CALL)
    assert no_sleep == [expected]


def test_retry_after_as_an_http_date(conferences_sdk: ModuleType) -> None:
    from email.utils import formatdate

    runtime = importlib.import_module("telnyx_conferences._runtime.client")
    headers = httpx.Headers({"Retry-After": formatdate(time.time() + 30, usegmt=True)})
    assert 28 <= runtime.retry_after(headers) <= 30
    assert runtime.retry_after(httpx.Headers({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0.0
    assert runtime.retry_after(httpx.Headers({"Retry-After": "soon"})) is None


def test_connection_errors_are_retried_then_raised(conferences_sdk: ModuleType, no_sleep: list[float]) -> None:
    recorder = Recorder(httpx.ConnectError("refused"), httpx.Response(200, json={"data": {"result": "ok"}}))
    sync_client(conferences_sdk, recorder).conference_commands.join_conference("c", call_control_id=CALL)
    assert len(recorder.requests) == 2
    recorder = Recorder(httpx.ReadTimeout("slow"))
    with pytest.raises(conferences_sdk.APITimeoutError):
        sync_client(conferences_sdk, recorder).conference_commands.join_conference("c", call_control_id=CALL)
    assert len(recorder.requests) == 3
    recorder = Recorder(httpx.ConnectError("refused"))
    with pytest.raises(conferences_sdk.APIConnectionError) as caught:
        sync_client(conferences_sdk, recorder).conference_commands.join_conference("c", call_control_id=CALL)
    assert not isinstance(caught.value, conferences_sdk.APITimeoutError)


def test_a_post_without_idempotency_key_is_retried_only_when_unsent(catalogue: ModuleType, no_sleep: list[float]) -> None:
    # Sent, and failed after: the server may have acted, so no retry.
    for failure in (httpx.Response(503), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("closed")):
        recorder = Recorder(failure, httpx.Response(201, json=item(1)))
        with pytest.raises(catalogue.APIError):
            sync_client(catalogue, recorder).items.create_item(name="x")
        assert len(recorder.requests) == 1, failure
    # Never sent: safe to send again.
    for unsent in (httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), httpx.PoolTimeout("busy")):
        recorder = Recorder(unsent, httpx.Response(201, json=item(1)))
        created = sync_client(catalogue, recorder).items.create_item(name="x")
        assert created.id == "item-1" and len(recorder.requests) == 2, unsent


def test_gets_and_idempotency_headers_are_retried(catalogue: ModuleType, no_sleep: list[float]) -> None:
    recorder = Recorder(httpx.ReadTimeout("slow"), httpx.Response(200, json=item(1)))
    assert sync_client(catalogue, recorder).items.get_item("item-1").name == "Item 1"
    assert len(recorder.requests) == 2
    recorder = Recorder(httpx.Response(503), httpx.Response(200, json={"id": "o-1"}))
    sync_client(catalogue, recorder).orders.place_order(item_id="item-1")
    keys = [r.headers["Idempotency-Key"] for r in recorder.requests]
    assert len(keys) == 2 and keys[0] == keys[1]
    recorder = Recorder(httpx.Response(200, json={"id": "o-2"}))
    sync_client(catalogue, recorder).orders.place_order(item_id="item-1", idempotency_key="mine")
    assert recorder.requests[0].headers["Idempotency-Key"] == "mine"


def test_async_retries_wait_with_asyncio(conferences_sdk: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []

    async def fake_sleep(delay: float) -> None:
        waits.append(delay)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    recorder = Recorder(httpx.Response(429, headers={"Retry-After": "2"}), httpx.Response(200, json={"data": {"result": "ok"}}))

    async def main() -> None:
        async with async_client(conferences_sdk, recorder) as client:
            await client.conference_commands.join_conference("c", call_control_id=CALL)

    asyncio.run(main())
    assert waits == [2.0] and len(recorder.requests) == 2


# -- pagination ----------------------------------------------------------------------


def numbered_pages(total_pages: int, per_page: int = 2) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page[number]", "1"))
        data = [item(n) for n in range((number - 1) * per_page, number * per_page)] if number <= total_pages else []
        meta = {"page_number": number, "page_size": per_page, "total_pages": total_pages, "total_results": total_pages * per_page}
        return httpx.Response(200, json={"data": data, "meta": meta})

    return handle


def test_numbered_pages_are_fetched_lazily(catalogue: ModuleType) -> None:
    recorder = Recorder(numbered_pages(3))
    pager = sync_client(catalogue, recorder).items.iter_items(page_size=2, filter_name_contains="it")
    assert recorder.requests == []  # nothing is fetched before iterating
    iterator = iter(pager)
    first = next(iterator)
    assert isinstance(first, catalogue.models.Item) and first.id == "item-0"
    assert len(recorder.requests) == 1
    rest = list(iterator)
    assert [i.id for i in rest] == [f"item-{n}" for n in range(1, 6)]
    # The first page is the server's default (no page number sent unless the caller sets one).
    assert [r.url.params.get("page[number]") for r in recorder.requests] == [None, "2", "3"]
    assert all(r.url.params["filter[name][contains]"] == "it" for r in recorder.requests)
    assert all(r.url.params["page[size]"] == "2" for r in recorder.requests)


def test_numbered_pages_start_where_asked_and_stop_on_an_empty_page(catalogue: ModuleType) -> None:
    recorder = Recorder(numbered_pages(3))
    assert [i.id for i in sync_client(catalogue, recorder).items.iter_items(page_number=3)] == ["item-4", "item-5"]
    empty = Recorder(httpx.Response(200, json={"data": [], "meta": {"page_number": 1, "total_pages": 5}}))
    assert list(sync_client(catalogue, empty).items.iter_items()) == []
    assert len(empty.requests) == 1


def test_linked_pages_follow_next_page_uri(catalogue: ModuleType) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("Page", "0"))
        following = f"/v1/records?PageSize=2&Page={page + 1}&PageToken=t{page}" if page < 2 else None
        records = [{"sid": f"RE{page}{n}"} for n in range(2)]
        return httpx.Response(200, json={"records": records, "next_page_uri": following, "page": page})

    recorder = Recorder(handle)
    pager = sync_client(catalogue, recorder).records.iter_records(page_size=2, extra_headers={"X-Trace": "t-1"})
    sids = [r.sid for r in pager]
    assert sids == ["RE00", "RE01", "RE10", "RE11", "RE20", "RE21"]
    assert [str(r.url) for r in recorder.requests] == [
        f"{BASE}/records?PageSize=2",
        "https://api.catalogue.test/v1/records?PageSize=2&Page=1&PageToken=t0",
        "https://api.catalogue.test/v1/records?PageSize=2&Page=2&PageToken=t1",
    ]
    assert all(r.headers["Authorization"] == "Bearer test-key" for r in recorder.requests)
    assert all(r.headers["X-Trace"] == "t-1" for r in recorder.requests)  # the call's headers, on every page


def test_the_readme_of_a_paginated_sdk_says_how_to_iterate(catalogue: ModuleType) -> None:
    readme = (Path(catalogue.__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "`iter_...` method" in readme and "`stream_...`" not in readme


def test_cursor_pages_send_back_the_token_of_the_page_before(catalogue: ModuleType) -> None:
    tokens = {None: "t1", "t1": "t2", "t2": None}

    def handle(request: httpx.Request) -> httpx.Response:
        sent = request.url.params.get("pageToken")
        following = tokens[sent]
        # The second page is empty but names a next one: the walk goes on.
        events = [] if sent == "t1" else [item(len(sent or ""))]
        return httpx.Response(200, json={"events": events, **({"nextPageToken": following} if following else {})})

    recorder = Recorder(handle)
    ids = [e.id for e in sync_client(catalogue, recorder).events.iter_events(max_results=5)]
    assert ids == ["item-0", "item-2"]
    assert [dict(r.url.params) for r in recorder.requests] == [
        {"maxResults": "5"},
        {"maxResults": "5", "pageToken": "t1"},
        {"maxResults": "5", "pageToken": "t2"},
    ]
    # A page naming the token it was fetched with ends the walk, rather than fetching it again.
    again = Recorder(httpx.Response(200, json={"events": [item(1)], "nextPageToken": "same"}))
    assert len(list(sync_client(catalogue, again).events.iter_events(page_token="same"))) == 1
    assert len(again.requests) == 1


def test_pages_after_the_last_item_while_the_page_says_there_are_more(catalogue: ModuleType) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("starting_after")
        start = 0 if after is None else int(after.removeprefix("item-")) + 1
        return httpx.Response(200, json={"data": [item(start), item(start + 1)], "has_more": start < 4, "url": "/charges"})

    recorder = Recorder(handle)
    ids = [c.id for c in sync_client(catalogue, recorder).charges.iter_charges(limit=2)]
    assert ids == [f"item-{n}" for n in range(6)]
    assert [r.url.params.get("starting_after") for r in recorder.requests] == [None, "item-1", "item-3"]
    assert all(r.url.params["limit"] == "2" for r in recorder.requests)
    # No more after an empty page, or after a page that lacks the flag.
    for page in ({"data": [], "has_more": True}, {"data": [item(1)]}):
        once = Recorder(httpx.Response(200, json=page))
        list(sync_client(catalogue, once).charges.iter_charges())
        assert len(once.requests) == 1


def test_offset_pages_count_the_items_before_them_up_to_the_total(catalogue: ModuleType) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        offset, limit = int(request.url.params.get("offset", "0")), int(request.url.params["limit"])
        return httpx.Response(200, json={"invoices": [item(n) for n in range(offset, min(offset + limit, 5))], "totalCount": 5})

    recorder = Recorder(handle)
    assert [i.id for i in sync_client(catalogue, recorder).invoices.iter_invoices(limit=2)] == [f"item-{n}" for n in range(5)]
    assert [r.url.params.get("offset") for r in recorder.requests] == [None, "2", "4"]
    started = Recorder(handle)
    assert [i.id for i in sync_client(catalogue, started).invoices.iter_invoices(offset=3, limit=10)] == ["item-3", "item-4"]
    assert len(started.requests) == 1


def test_marker_pages_send_back_the_marker_of_the_page_before(catalogue: ModuleType) -> None:
    markers = {None: "m1", "m1": None}

    def handle(request: httpx.Request) -> httpx.Response:
        following = markers[request.url.params.get("Marker")]
        return httpx.Response(200, json={"Buckets": [item(len(request.url.params))], **({"Marker": following} if following else {})})

    recorder = Recorder(handle)
    assert [b.id for b in sync_client(catalogue, recorder).buckets.iter_buckets()] == ["item-0", "item-1"]
    assert [r.url.params.get("Marker") for r in recorder.requests] == [None, "m1"]


def test_pages_linked_by_next_link_and_by_the_link_header(catalogue: ModuleType) -> None:
    def vaults(request: httpx.Request) -> httpx.Response:
        skip = int(request.url.params.get("$skip", "0"))
        following = f"{BASE}/vaults?api-version=1&$skip={skip + 1}" if skip < 1 else None
        return httpx.Response(200, json={"value": [item(skip)], "nextLink": following})

    recorder = Recorder(vaults)
    assert [v.id for v in sync_client(catalogue, recorder).vaults.iter_vaults()] == ["item-0", "item-1"]
    assert len(recorder.requests) == 2

    def repos(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        links = [f'<{BASE}/repos?per_page=2&page={page + 1}>; rel="next"'] if page < 3 else []
        links.append(f'<{BASE}/repos?per_page=2&page=1>; rel="first"')
        return httpx.Response(200, json=[item(2 * page), item(2 * page + 1)], headers={"Link": ", ".join(links)})

    recorder = Recorder(repos)
    pager = sync_client(catalogue, recorder).repos.iter_repos(per_page=2, extra_headers={"X-Trace": "t-1"})
    assert recorder.requests == []
    assert [r.id for r in pager] == [f"item-{n}" for n in range(2, 8)]
    assert [r.url.params.get("page") for r in recorder.requests] == [None, "2", "3"]
    assert all(r.headers["X-Trace"] == "t-1" and r.headers["Authorization"] == "Bearer test-key" for r in recorder.requests)


def test_async_cursor_and_link_header_pages(catalogue: ModuleType) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/events"):
            sent = request.url.params.get("pageToken")
            return httpx.Response(200, json={"events": [item(1 if sent else 0)], **({} if sent else {"nextPageToken": "t"})})
        following = {} if request.url.params.get("page") else {"Link": f'<{BASE}/repos?page=2>; rel="next"'}
        return httpx.Response(200, json=[item(5)], headers=following)

    async def main() -> tuple[list[str], list[str]]:
        async with async_client(catalogue, Recorder(handle)) as client:
            return [e.id async for e in client.events.iter_events()], [r.id async for r in client.repos.iter_repos()]

    assert asyncio.run(main()) == (["item-0", "item-1"], ["item-5", "item-5"])


def test_async_pages(catalogue: ModuleType) -> None:
    recorder = Recorder(numbered_pages(2))

    async def main() -> list[str]:
        async with async_client(catalogue, recorder) as client:
            return [i.id async for i in client.items.iter_items()]

    assert asyncio.run(main()) == ["item-0", "item-1", "item-2", "item-3"]


# -- parameters and bodies -----------------------------------------------------------------


def test_parameter_styles_headers_and_cookies(catalogue: ModuleType) -> None:
    recorder = Recorder(httpx.Response(200, json=[item(1)]))
    result = sync_client(catalogue, recorder).items.search(
        filter=catalogue.models.Filter(
            name="bolt",
            status=catalogue.models.Status.ACTIVE,
            created=catalogue.models.Created(gte=datetime.date(2026, 1, 1), lt=datetime.date(2026, 2, 1)),
        ),
        ids=["a", "b"],
        tags=["x", "y"],
        x_trace="trace-1",
        session="s-1",
    )
    assert [i.id for i in result] == ["item-1"]
    request = recorder.requests[0]
    query = urllib.parse.parse_qsl(request.url.query.decode())
    assert query == [
        ("filter[name]", "bolt"),
        ("filter[status]", "active"),
        ("filter[created][gte]", "2026-01-01"),
        ("filter[created][lt]", "2026-02-01"),
        ("ids", "a,b"),
        ("tags", "x"),
        ("tags", "y"),
    ]
    assert request.headers["X-Trace"] == "trace-1"
    assert request.headers["Cookie"] == "session=s-1"


def test_form_body_with_basic_auth(catalogue: ModuleType) -> None:
    recorder = Recorder(httpx.Response(204))
    client = catalogue.Client(username="AC123", password="secret", http_client=httpx.Client(transport=httpx.MockTransport(recorder)))
    assert client.forms.submit_form(name="Conf", count=3, tags=["a", "b"]) is None
    request = recorder.requests[0]
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert urllib.parse.parse_qsl(request.content.decode()) == [("Name", "Conf"), ("Count", "3"), ("Tags", "a"), ("Tags", "b")]
    assert request.headers["Authorization"] == "Basic " + base64.b64encode(b"AC123:secret").decode()


def test_multipart_body(catalogue: ModuleType) -> None:
    recorder = Recorder(httpx.Response(204))
    sync_client(catalogue, recorder).forms.upload(file=b"\x00binary", note="hello")
    request = recorder.requests[0]
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"' in request.content and b"\x00binary" in request.content
    assert b'name="note"' in request.content and b"hello" in request.content


# -- webhooks ---------------------------------------------------------------------------


@pytest.fixture
def signer() -> tuple[SigningKey, str]:
    key = SigningKey.generate()
    return key, base64.b64encode(bytes(key.verify_key)).decode()


def signed(
    key: SigningKey, body: bytes, timestamp: int | None = None, headers: tuple[str, str] = ("telnyx-signature-ed25519", "telnyx-timestamp")
) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = key.sign(stamp.encode() + b"|" + body).signature
    return {headers[0]: base64.b64encode(signature).decode(), headers[1]: stamp}


EVENT = {
    "data": {
        "event_type": "conference.participant.joined",
        "id": "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0",
        "occurred_at": "2026-11-22T09:00:00Z",
        "record_type": "event",
        "payload": {"conference_id": "conf-1", "call_control_id": CALL},
    },
    "meta": {"attempt": 1, "delivered_to": "https://example.com/hooks"},
}


def test_webhook_verified_and_typed_by_event_type(conferences_sdk: ModuleType, signer: tuple[SigningKey, str]) -> None:
    webhooks = importlib.import_module("telnyx_conferences.webhooks")
    key, public = signer
    body = json.dumps(EVENT).encode()
    event = webhooks.parse_webhook(body, signed(key, body), public)
    assert isinstance(event, conferences_sdk.models.ConferenceParticipantJoinedEvent)
    assert event.data.payload.conference_id == "conf-1"
    assert event.data.occurred_at.year == 2026
    assert webhooks.parse_webhook(body.decode(), signed(key, body), bytes(key.verify_key)) == event
    routes = {route.value: route.event.__name__ for route in webhooks.EVENTS}
    assert routes == {
        "conference.created": "ConferenceCreatedEvent",
        "conference.ended": "ConferenceEndedEvent",
        "conference.floor.changed": "ConferenceFloorChangedEvent",
        "conference.participant.joined": "ConferenceParticipantJoinedEvent",
        "conference.participant.left": "ConferenceParticipantLeftEvent",
        "conference.recording.saved": "ConferenceRecordingSavedEvent",
    }


def test_webhook_rejections(conferences_sdk: ModuleType, signer: tuple[SigningKey, str]) -> None:
    webhooks = importlib.import_module("telnyx_conferences.webhooks")
    key, public = signer
    body = json.dumps(EVENT).encode()
    headers = signed(key, body)
    reject = webhooks.WebhookVerificationError
    with pytest.raises(reject, match="signature does not match"):
        webhooks.parse_webhook(body.replace(b"conf-1", b"conf-2"), headers, public)
    with pytest.raises(reject, match="signature does not match"):
        other = SigningKey.generate()
        webhooks.parse_webhook(body, signed(other, body), public)
    for missing in headers:
        with pytest.raises(reject, match=f"lacks the {missing}"):
            webhooks.parse_webhook(body, {k: v for k, v in headers.items() if k != missing}, public)
    old = signed(key, body, int(time.time()) - 301)
    with pytest.raises(reject, match="replayed"):
        webhooks.parse_webhook(body, old, public)
    assert webhooks.parse_webhook(body, old, public, tolerance=400).data.id == EVENT["data"]["id"]
    with pytest.raises(reject, match="replayed"):
        webhooks.parse_webhook(body, signed(key, body, int(time.time()) + 301), public)


def test_unknown_event_type_parses_to_a_generic_event(conferences_sdk: ModuleType, signer: tuple[SigningKey, str]) -> None:
    webhooks = importlib.import_module("telnyx_conferences.webhooks")
    key, public = signer
    unknown = {"data": {**EVENT["data"], "event_type": "conference.transcribed"}}
    body = json.dumps(unknown).encode()
    event = webhooks.parse_webhook(body, signed(key, body), public)
    assert isinstance(event, webhooks.UnknownEvent)
    assert event.event_type == "conference.transcribed" and event.body == unknown


def test_callbacks_become_typed_events(catalogue: ModuleType, signer: tuple[SigningKey, str]) -> None:
    webhooks = importlib.import_module("catalogue.webhooks")
    key, public = signer
    body = json.dumps({"data": {"event_type": "stock.changed", "payload": {"item_id": "i-1", "count": 4}}}).encode()
    # No scheme in the spec: Ed25519 in the vendor-named headers, the vendor's name from the API.
    scheme = webhooks.SIGNATURE
    assert (scheme.signature_header, scheme.timestamp_header) == ("catalogue-signature-ed25519", "catalogue-timestamp")
    event = webhooks.parse_webhook(body, signed(key, body, headers=(scheme.signature_header, scheme.timestamp_header)), public)
    assert isinstance(event, catalogue.models.StockChangedEvent)
    assert event.data.payload.count == 4


def test_each_operation_sends_the_credentials_its_security_asks_for(catalogue: ModuleType) -> None:
    recorder = Recorder(httpx.Response(200, json=item(1)))
    client = catalogue.Client(
        api_key="token", username="AC123", password="secret", http_client=httpx.Client(transport=httpx.MockTransport(recorder))
    )
    client.items.get_item("item-1")  # the API's requirement: bearer
    recorder.responses = [httpx.Response(204)]
    client.forms.submit_form(name="Conf")  # its own: basic
    client.status.health()  # `security: []`: none
    bearer, basic, anonymous = (r.headers.get("Authorization") for r in recorder.requests)
    assert bearer == "Bearer token"
    assert basic == "Basic " + base64.b64encode(b"AC123:secret").decode()
    assert anonymous is None
