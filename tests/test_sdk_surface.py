"""The generated SDK's surface developers know from other SDKs: raw responses, per-call
options, copies with other options, environment switches, User-Agent and version."""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import platform
import subprocess
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

CALL = "v3:call"


def _client(sdk: ModuleType, seen: list[httpx.Request], **options: Any) -> Any:
    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": {"result": "ok"}}, headers={"x-request-id": "req-42"})

    options.setdefault("api_key", "k")
    return sdk.Client(http_client=httpx.Client(transport=httpx.MockTransport(respond)), **options)


def test_with_raw_response_gives_headers_status_request_and_id(conferences_sdk: ModuleType) -> None:
    seen: list[httpx.Request] = []
    client = _client(conferences_sdk, seen)
    raw = client.with_raw_response.conference_commands.join_conference("c1", call_control_id=CALL)
    assert isinstance(raw, conferences_sdk.RawResponse)
    assert raw.status_code == 200
    assert raw.headers["x-request-id"] == "req-42"
    assert raw.request_id == "req-42"
    assert raw.http_request is seen[-1]
    parsed = raw.parse()
    assert isinstance(parsed, conferences_sdk.models.ConferenceCommandResponse)
    assert parsed.data.result == "ok"


def test_extra_query_body_and_headers_per_call(conferences_sdk: ModuleType) -> None:
    seen: list[httpx.Request] = []
    _client(conferences_sdk, seen).conference_commands.join_conference(
        "c1",
        call_control_id=CALL,
        command_id="k1",
        extra_query={"trace": "yes"},
        extra_body={"beta_flag": True},
        extra_headers={"X-Extra": "1"},
    )
    request = seen[-1]
    assert request.url.params["trace"] == "yes"
    assert json.loads(request.content) == {"call_control_id": CALL, "command_id": "k1", "beta_flag": True}
    assert request.headers["x-extra"] == "1"


def test_with_options_returns_a_configured_copy(conferences_sdk: ModuleType) -> None:
    seen: list[httpx.Request] = []
    client = _client(conferences_sdk, seen)
    copy = client.with_options(timeout=3.0, max_retries=0)
    assert copy is not client and copy.retry_policy.max_retries == 0
    assert client.retry_policy.max_retries == 2
    copy.conference_commands.join_conference("c1", call_control_id=CALL)
    assert seen[-1].extensions["timeout"]["read"] == 3.0
    client.conference_commands.join_conference("c1", call_control_id=CALL)
    assert seen[-1].extensions["timeout"]["read"] == 60.0
    assert copy.conference_commands._client is copy


def test_the_timeout_holds_whatever_http_client_is_passed(conferences_sdk: ModuleType) -> None:
    seen: list[httpx.Request] = []
    _client(conferences_sdk, seen).conference_commands.join_conference("c1", call_control_id=CALL)
    assert seen[-1].extensions["timeout"] == {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}
    assert "whatever ``http_client`` is given" in (conferences_sdk.Client.__doc__ or "")


def test_user_agent_and_version(conferences_sdk: ModuleType) -> None:
    seen: list[httpx.Request] = []
    _client(conferences_sdk, seen).conference_commands.join_conference("c1", call_control_id=CALL)
    python = ".".join(platform.python_version_tuple()[:2])
    version = conferences_sdk.__version__
    assert version == "2.0.0"
    assert seen[-1].headers["user-agent"] == f"telnyx_conferences/{version} python/{python} httpx/{httpx.__version__}"
    given: list[httpx.Request] = []
    _client(conferences_sdk, given, headers={"User-Agent": "mine"}).conference_commands.join_conference("c", call_control_id=CALL)
    assert given[-1].headers["user-agent"] == "mine"


def test_base_url_from_the_environment(conferences_sdk: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELNYX_BASE_URL", "http://127.0.0.1:9/v9/")
    seen: list[httpx.Request] = []
    _client(conferences_sdk, seen).conference_commands.join_conference("c1", call_control_id=CALL)
    assert str(seen[-1].url) == "http://127.0.0.1:9/v9/conferences/c1/actions/join"


def test_log_switch_in_the_environment(tmp_path: Path, conferences_sdk: ModuleType) -> None:
    """`TELNYX_LOG=debug` logs each attempt's request line, status and time, to stderr."""
    root = Path(conferences_sdk.__file__).parent.parent
    script = (
        "import httpx, telnyx_conferences as t\n"
        "c = t.Client(api_key='k', http_client=httpx.Client(transport=httpx.MockTransport("
        "lambda r: httpx.Response(200, json={'data': {'result': 'ok'}}))))\n"
        "c.conference_commands.join_conference('c1', call_control_id='x')\n"
    )
    env = {"PYTHONPATH": str(root), "TELNYX_LOG": "debug", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "POST https://api.telnyx.com/v2/conferences/c1/actions/join -> 200 in " in done.stderr
    assert "(attempt 1)" in done.stderr
    quiet = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env={**env, "TELNYX_LOG": ""}, timeout=60)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_logging_goes_through_the_package_logger(conferences_sdk: ModuleType, caplog: pytest.LogCaptureFixture) -> None:
    seen: list[httpx.Request] = []
    with caplog.at_level(logging.DEBUG, logger="telnyx_conferences"):
        _client(conferences_sdk, seen).conference_commands.join_conference("c1", call_control_id=CALL)
    assert any("-> 200 in" in record.getMessage() for record in caplog.records)


def test_async_methods_are_coroutine_functions(conferences_sdk: ModuleType) -> None:
    client_module = conferences_sdk.client
    assert inspect.iscoroutinefunction(client_module.AsyncConferenceCommandsResource.join_conference)
    assert inspect.iscoroutinefunction(client_module.AsyncConferenceCommandsResourceWithRawResponse.join_conference)
    assert not inspect.iscoroutinefunction(client_module.ConferenceCommandsResource.join_conference)
    assert "call_control_id" in inspect.signature(client_module.AsyncConferenceCommandsResource.join_conference).parameters

    async def main() -> tuple[Any, Any]:
        async def respond(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json={"data": {"result": "ok"}}, headers={"request-id": "r9"})

        client = conferences_sdk.AsyncClient(api_key="k", http_client=httpx.AsyncClient(transport=httpx.MockTransport(respond)))
        result = await client.conference_commands.join_conference("c1", call_control_id=CALL)
        raw = await client.with_raw_response.conference_commands.join_conference("c1", call_control_id=CALL)
        return result, raw

    result, raw = asyncio.run(main())
    assert result.data.result == "ok" and raw.request_id == "r9" and raw.parse() == result


def test_enum_arguments_accept_members_and_literal_values(conferences_sdk: ModuleType) -> None:
    hints = inspect.signature(conferences_sdk.client.ConferenceCommandsResource.join_conference).parameters
    annotation = str(hints["supervisor_role"].annotation)
    assert annotation.startswith("SupervisorRole | Literal[")
    for value in ("barge", "monitor", "none", "whisper"):
        assert f"{value!r}" in annotation or f"\"{value}\"" in annotation


WRAPPER_NAMED_SPEC = """\
openapi: 3.0.3
info: {title: Wrapper Names API, version: "1.0"}
servers: [{url: "https://api.example.com"}]
paths:
""" + "".join(
    f"  /{name}:\n    get: {{operationId: {name}, tags: [things], responses: {{'204': {{description: ok}}}}}}\n"
    for name in ("raw", "awaitable", "async_raw", "async_pages", "zebra")
)


def test_operations_named_like_the_group_wrappers_leave_them_working(tmp_path: Path) -> None:
    """The async and raw classes wrap each method in their bodies (`raw = raw(Things.raw)`): a
    method named `raw` would hide the wrapper from the lines after it, and the SDK would not import."""
    from test_request_encoding import generated

    sdk = generated(tmp_path, WRAPPER_NAMED_SPEC, "wrapper_names")
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    client = sdk.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer)))
    methods = sorted(m for m in dir(client.things) if not m.startswith("_"))
    assert methods == ["async_pages_", "async_raw_", "awaitable_", "raw_", "zebra"]
    for method in methods:
        assert getattr(client.things, method)() is None
        assert getattr(client.with_raw_response.things, method)().status_code == 204
    async_client = sdk.AsyncClient(http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)))
    assert asyncio.run(async_client.things.zebra()) is None
    assert [r.url.path for r in sent] == ["/async_pages", "/async_pages", "/async_raw", "/async_raw", "/awaitable", "/awaitable", "/raw", "/raw", "/zebra", "/zebra", "/zebra"]


@pytest.mark.parametrize("split", [False, True], ids=["flat", "split by group"])
def test_a_deprecated_operation_warns_when_called_and_is_marked_for_type_checkers(tmp_path: Path, split: bool) -> None:
    """Its methods (sync, async, raw) carry PEP 702's `__deprecated__` and warn with a
    DeprecationWarning when called; to a type checker they are `typing_extensions.deprecated`."""
    from test_request_encoding import generated

    paths = {
        "/old": {"get": {"operationId": "get_old", "deprecated": True, "tags": ["things"], "responses": {"204": {"description": "ok"}}}},
        "/new": {"get": {"operationId": "get_new", "tags": ["things"], "responses": {"204": {"description": "ok"}}}},
    }
    if split:  # enough operations for the layout of a module per group (`render.LAZY_FROM`)
        paths.update({f"/other/{i}": {"get": {"operationId": f"other{i}", "tags": ["other"], "responses": {"204": {"description": "ok"}}}} for i in range(100)})
    document = {"openapi": "3.1.0", "info": {"title": "Old API", "version": "1.0"}, "servers": [{"url": "https://api.example.com"}], "paths": paths}
    sdk = generated(tmp_path, json.dumps(document), "old_api")
    transport = httpx.MockTransport(lambda request: httpx.Response(204))
    client = sdk.Client(http_client=httpx.Client(transport=transport))
    async_client = sdk.AsyncClient(http_client=httpx.AsyncClient(transport=transport))
    assert client.things.get_old.__deprecated__ == "get_old is deprecated by the API"
    for call in (client.things.get_old, client.with_raw_response.things.get_old, lambda: asyncio.run(async_client.things.get_old())):
        with pytest.warns(DeprecationWarning, match="get_old is deprecated by the API"):
            call()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client.things.get_new()
    (tmp_path / "out" / "use.py").write_text("import old_api\n\nold_api.Client().things.get_old()\nold_api.Client().things.get_new()\n", encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "old_api"], cwd=tmp_path / "out", capture_output=True, text=True, timeout=600)
    assert checked.returncode == 0, checked.stdout[-3000:]
    flagged = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--enable-error-code", "deprecated", "use.py"], cwd=tmp_path / "out", capture_output=True, text=True, timeout=600
    )
    assert "use.py:3: error:" in flagged.stdout and "[deprecated]" in flagged.stdout and "use.py:4" not in flagged.stdout, flagged.stdout[-3000:]
