"""Render and format shared with a forked process: every file once, the same bytes as one process."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from generator.emit.render import PlannedFile, given_text
from generator.output.forked import shared_with_a_fork
from generator.output.format import SHARED_FROM, digest, format_files, render_and_format

forks = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and two cores")


@forks
def test_each_index_is_taken_once_by_one_of_two_processes() -> None:
    def work(indexes: Iterator[int]) -> tuple[int, list[int]]:
        return os.getpid(), list(indexes)

    shares = shared_with_a_fork(500, work)
    assert len(shares) == 2
    (mine, own), (theirs, taken) = shares
    assert mine == os.getpid() and theirs != mine
    assert sorted(own + taken) == list(range(500))


@forks
@pytest.mark.parametrize(
    ("picklable", "raised"),
    [(True, KeyError), (False, RuntimeError)],  # an unpicklable one arrives as a RuntimeError with its words
)
def test_an_exception_in_the_child_is_raised_in_the_parent(picklable: bool, raised: type[Exception]) -> None:
    parent = os.getpid()

    class Local(Exception):  # defined here: pickle cannot find it by name
        pass

    def work(indexes: Iterator[int]) -> int:
        for _ in indexes:
            if os.getpid() != parent:
                raise KeyError("from the child") if picklable else Local("from the child")
        return 0

    with pytest.raises(raised, match="from the child"):
        shared_with_a_fork(10_000, work)


def _module(index: int) -> str:
    body = "\n".join(f"    field_{n}: int = {n}" for n in range(index % 7 + 1))
    # One long call per module: black, not the builder, lays it out.
    long = ", ".join(f"argument_{n}" for n in range(index % 3 * 12))
    return f'"""Module {index}."""\n\n\nclass Model{index}:\n{body}\n\n\nVALUE = call({long})\n'


@forks
def test_a_shared_plan_gives_what_one_process_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDKWRIGHT_NO_CACHE", "1")
    sources = {f"pkg/m{index}.py": _module(index) for index in range(60)}
    sources["README.md"] = "# not python  \n"
    renderers: list[int] = []

    def planned(path: str, text: str) -> PlannedFile:
        def render() -> str:
            renderers.append(os.getpid())
            time.sleep(0.002)  # long enough that the child, however slow to start, takes a share
            return text

        return PlannedFile(path, SHARED_FROM // 10, render)

    plan = [planned(path, text) for path, text in sources.items()]
    shared = render_and_format(plan)
    alone = format_files(sources)
    assert list(shared) == list(sources)  # the plan's order
    assert {path: file.text for path, file in shared.items()} == alone
    assert all(file.source_digest == digest(sources[path]) and file.digest == digest(file.text) for path, file in shared.items())
    assert renderers and set(renderers) == {os.getpid()}  # the child's renders are not seen here ...
    assert len(renderers) < len(plan)  # ... because it took its share of them
    assert alone["pkg/m2.py"] != sources["pkg/m2.py"]  # black did lay something out


def test_a_small_plan_stays_in_this_process() -> None:
    pid = os.getpid()
    seen: list[int] = []

    def render() -> str:
        seen.append(os.getpid())
        return "X = 1\n"

    result = render_and_format([PlannedFile("a.py", 1, render), given_text("b.py", "Y = 2\n")])
    assert seen == [pid]
    assert {path: file.text for path, file in result.items()} == {"a.py": "X = 1\n", "b.py": "Y = 2\n"}


@pytest.mark.parametrize("count", [1, 500])
def test_the_work_beside_runs_here_once(count: int) -> None:
    calls: list[int] = []
    shares = shared_with_a_fork(count, lambda indexes: sorted(indexes), beside=lambda: calls.append(os.getpid()))
    assert calls == [os.getpid()]
    assert sorted(index for share in shares for index in share) == list(range(count))
