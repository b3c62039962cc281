"""Retries against a real socket: a fault-injecting HTTP server on 127.0.0.1.

The server stands in for the Join Conference endpoint. It answers a share of
requests with a fault: 503 or 429 with `Retry-After` before executing the
command, or, after executing it, a closed connection or a stall past the
client's timeout. Like Telnyx, it ignores a command whose `command_id` it has
executed already, and it counts executions per `command_id`: a client that
sent a new key on a retry would make it execute one call twice.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any

import pytest

CALL = "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg"
CALLS = 500
FAULT_SHARE = 0.3
RETRY_AFTER = 1  # seconds, as the 429 answers ask
STALL = 2.0  # seconds, past the client's read timeout
CLIENT_TIMEOUT = 1.0
# The server injects at most two faults per call; one more retry absorbs a slow
# moment of a busy test machine (a healthy answer that arrives after the timeout).
MAX_RETRIES = 3
MAX_REQUESTS = 5000  # the server stops answering after this many: the test is bounded


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    # Hundreds of clients connect at once: with the default backlog of 5 the kernel
    # drops their SYNs and a connect waits a second for its retry, past the timeout.
    request_queue_size = 512

    def __init__(self, seed: int) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.lock = threading.Lock()
        self.random = random.Random(seed)
        self.requests = 0
        self.attempts: dict[str, list[float]] = defaultdict(list)  # command_id -> arrival times
        self.faults: dict[str, list[str]] = defaultdict(list)
        self.executions: dict[str, int] = defaultdict(int)
        self.retry_after_waits: list[float] = []  # time between a 429 and the next attempt

    def choose(self, command_id: str) -> str | None:
        """The fault for this attempt; never more than the client's two retries can absorb."""
        with self.lock:
            self.requests += 1
            now = time.monotonic()
            history = self.faults[command_id]
            if history and history[-1] == "429":
                self.retry_after_waits.append(now - self.attempts[command_id][-1])
            self.attempts[command_id].append(now)
            if len(history) >= 2 or self.random.random() >= FAULT_SHARE:
                history.append("ok")
                return None
            fault = self.random.choice(["503", "429", "close", "stall"])
            history.append(fault)
            return fault

    def execute(self, command_id: str) -> None:
        with self.lock:
            self.executions.setdefault(command_id, 1)  # repeats of an executed command are ignored


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def do_POST(self) -> None:  # noqa: N802 - the base class's name
        try:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        except (OSError, ValueError):  # the client gave up while sending
            self.close_connection = True
            return
        command_id = body.get("command_id") or "missing"
        if self.server.requests >= MAX_REQUESTS:
            self.close_connection = True
            return
        fault = self.server.choose(command_id)
        if fault == "503":
            return self.answer(503, {"errors": [{"code": "10001", "title": "Unavailable"}]})
        if fault == "429":
            return self.answer(429, {"errors": [{"code": "10011", "title": "Too many"}]}, {"Retry-After": str(RETRY_AFTER)})
        self.server.execute(command_id)
        if fault == "close":
            self.close_connection = True  # executed, then the connection drops without an answer
            return
        if fault == "stall":
            time.sleep(STALL)  # executed, but the answer comes after the client gave up
        self.answer(200, {"data": {"result": "ok"}})

    def answer(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        content = json.dumps(body).encode()
        try:
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **(headers or {})}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out and left


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    server = FaultServer(seed=20261122)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def base_url(server: FaultServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


def fast_policy(sdk: ModuleType) -> Any:
    # Short backoff keeps the test quick; Retry-After is still honoured as sent.
    return sdk.RetryPolicy(max_retries=MAX_RETRIES, initial_delay=0.05, max_delay=0.2)


def check_outcome(server: FaultServer, calls: int) -> None:
    faults = [f for history in server.faults.values() for f in history if f != "ok"]
    assert len(server.attempts) == calls  # one command_id per call, kept across its retries
    # Every call executed, and none twice: a retry with a new key would add an execution.
    assert len(server.executions) == calls
    assert {"503", "429", "close", "stall"} <= set(faults)
    share = len(faults) / sum(len(a) for a in server.attempts.values())
    assert 0.15 < share < 0.35
    assert server.retry_after_waits and min(server.retry_after_waits) >= RETRY_AFTER - 0.05


def test_500_calls_at_30_percent_faults_each_execute_once(conferences_sdk: ModuleType, fault_server: FaultServer) -> None:
    client = conferences_sdk.Client(
        api_key="k", base_url=base_url(fault_server), timeout=CLIENT_TIMEOUT, retry_policy=fast_policy(conferences_sdk)
    )
    deadline = time.monotonic() + 240

    def join(n: int) -> Any:
        assert time.monotonic() < deadline
        return client.conference_commands.join_conference(f"conf-{n}", call_control_id=CALL)

    with client, ThreadPoolExecutor(max_workers=24) as pool:
        results = list(pool.map(join, range(CALLS)))
    assert all(r.data.result == "ok" for r in results)
    check_outcome(fault_server, CALLS)


def test_async_calls_at_30_percent_faults_each_execute_once(conferences_sdk: ModuleType, fault_server: FaultServer) -> None:
    calls = 200

    async def main() -> list[Any]:
        async with conferences_sdk.AsyncClient(
            api_key="k", base_url=base_url(fault_server), timeout=CLIENT_TIMEOUT, retry_policy=fast_policy(conferences_sdk)
        ) as client:
            limit = asyncio.Semaphore(24)

            async def join(n: int) -> Any:
                async with limit:
                    return await client.conference_commands.join_conference(f"conf-{n}", call_control_id=CALL)

            return await asyncio.wait_for(asyncio.gather(*(join(n) for n in range(calls))), timeout=240)

    results = asyncio.run(main())
    assert all(r.data.result == "ok" for r in results)
    check_outcome(fault_server, calls)


def test_exhausted_retries_raise_connection_and_timeout_errors(conferences_sdk: ModuleType) -> None:
    # A port nobody listens on: connection refused on every attempt.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = conferences_sdk.Client(api_key="k", base_url=f"http://127.0.0.1:{port}", retry_policy=fast_policy(conferences_sdk))
    started = time.monotonic()
    with pytest.raises(conferences_sdk.APIConnectionError) as caught:
        client.conference_commands.join_conference("conf-1", call_control_id=CALL)
    assert not isinstance(caught.value, conferences_sdk.APITimeoutError)
    assert time.monotonic() - started < 5

    class Stalling(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

        def do_POST(self) -> None:  # noqa: N802
            time.sleep(0.5)

    stalling = ThreadingHTTPServer(("127.0.0.1", 0), Stalling)
    stalling.daemon_threads = True
    thread = threading.Thread(target=stalling.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        slow = conferences_sdk.Client(
            api_key="k", base_url=base_url(stalling), timeout=0.1, retry_policy=fast_policy(conferences_sdk)  # type: ignore[arg-type]
        )
        with pytest.raises(conferences_sdk.APITimeoutError):
            slow.conference_commands.join_conference("conf-1", call_control_id=CALL)
    finally:
        stalling.shutdown()
        stalling.server_close()
