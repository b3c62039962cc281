"""Work shared with one forked copy of this process, each taking the next item when it is free.

The render and format stages of a whole API are a thousand independent files over a
model of a million objects. A forked child sees that model without copying or pickling
it, so only the finished texts cross back. Both processes take items in the given order
from one shared counter: the heavier items first, the light ones fill in at the end.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator
from typing import BinaryIO, TypeVar

from generator.background import fork_sending

Result = TypeVar("Result")


def shared_with_a_fork(count: int, work: Callable[[Iterator[int]], Result], beside: Callable[[], object] = lambda: None) -> list[Result]:
    """`work` run here and in a forked child, each over the indexes below `count` it claims.

    Returns this process's result and then the child's. `beside` runs here first, while the
    child starts on its share (which grows by as much). Without `fork` (or a second core),
    `work` runs here alone over every index. An exception in the child is raised here."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2 or count < 2:
        beside()
        return [work(iter(range(count)))]
    import multiprocessing  # (only for a large plan: a small one never forks)

    context = multiprocessing.get_context("fork")
    claimed = context.Value("q", 0)

    def indexes() -> Iterator[int]:
        while True:
            with claimed.get_lock():
                index = claimed.value
                claimed.value = index + 1
            if index >= count:
                return
            yield index

    def send(sending: BinaryIO) -> None:  # the child: its share, pickled into the pipe
        try:
            payload = pickle.dumps(("ok", work(indexes())), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # noqa: BLE001 - reported by the parent
            payload = _failure(error)
        sending.write(payload)

    child, receiving = fork_sending(send)
    try:
        beside()
        own = work(indexes())
    finally:
        with receiving:
            received = receiving.read()  # the child's whole result (it has written it, or it failed)
        os.waitpid(child, 0)
    if not received:
        raise RuntimeError("the forked worker exited without a result")
    kind, value = pickle.loads(received)
    if kind != "ok":
        raise value
    return [own, value]


def _failure(error: BaseException) -> bytes:
    """The child's exception, pickled as it is if it can be, else as a RuntimeError with its words."""
    try:
        return pickle.dumps(("error", error))
    except Exception:  # noqa: BLE001 - unpicklable: its message is what is left
        return pickle.dumps(("error", RuntimeError(f"the forked worker failed: {error!r}")))
