"""Work done in a forked process beside the pipeline's own stages.

The child inherits everything already loaded (the parsed documents) without a
copy; only the result comes back, pickled through a pipe.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from typing import TypeVar, cast

from generator.errors import SpecError

T = TypeVar("T")


def in_background(work: Callable[[], T], what: str) -> Callable[[], T]:
    """Start `work` in a forked process; the returned function waits for its result.

    A `SpecError` it raises is raised again by the waiting function; any other failure becomes
    a `RuntimeError` saying `what` failed. Without `fork`, `work` runs at once, in this process.
    """
    if not hasattr(os, "fork"):
        result = work()
        return lambda: result
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def run() -> None:
        # The child lives for one piece of work and its garbage goes with it: a collection would
        # only walk (and so copy, page by page) the objects it shares with the parent.
        gc.disable()
        try:
            sender.send(("ok", work()))
        except SpecError as error:
            sender.send(("error", error))
        except BaseException as error:  # noqa: BLE001 - reported by the parent
            sender.send(("crash", repr(error)))

    process = context.Process(target=run, daemon=True)
    process.start()
    sender.close()
    outcome: list[tuple[str, object]] = []

    def wait() -> T:
        if not outcome:
            try:
                outcome.append(receiver.recv())
            except EOFError:
                process.join()
                outcome.append(("crash", f"its process exited with code {process.exitcode}"))
            process.join()
            receiver.close()
        kind, value = outcome[0]
        if kind == "error":
            assert isinstance(value, SpecError)
            raise value
        if kind == "crash":
            raise RuntimeError(f"{what} failed: {value}")
        return cast(T, value)  # what `work` returned

    return wait
