"""Work done in a forked process beside the pipeline's own stages.

The child inherits everything already loaded (the parsed documents) without a
copy; only the results come back, pickled through a pipe. The pieces of work of
one run share one process: each piece that reads the whole of the documents
(validating them, digesting them) makes the child copy the pages it touches, once.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from typing import Any, TypeVar, cast

from generator.errors import SpecError

T = TypeVar("T")


class Background:
    """Pieces of work run one after another in one forked process, once `start`ed.

    Each piece's function (from `add`) waits for its result: a `SpecError` the piece raised is
    raised again, any other failure becomes a `RuntimeError` saying what failed. Without `fork`,
    the pieces run at `start`, in this process.
    """

    def __init__(self) -> None:
        self._pieces: list[tuple[Callable[[], Any], str]] = []
        self._outcomes: list[tuple[str, Any]] = []
        self._receive: Callable[[], None] | None = None
        self._started = False

    def add(self, work: Callable[[], T], what: str) -> Callable[[], T]:
        assert not self._started, "pieces are added before the start"
        index = len(self._pieces)
        self._pieces.append((work, what))

        def wait() -> T:
            while len(self._outcomes) <= index:
                assert self._receive is not None, "waited for before the start"
                self._receive()
            kind, value = self._outcomes[index]
            if kind == "error":
                raise cast(SpecError, value)
            if kind == "crash":
                raise RuntimeError(f"{what} failed: {value}")
            return cast(T, value)

        return wait

    def start(self) -> None:
        self._started = True
        # Let go of the pieces (and of what they hold: the parsed documents, which the pipeline
        # frees after the model stage); only the child keeps them.
        pieces, self._pieces = self._pieces, []
        if not pieces:
            return
        if not hasattr(os, "fork"):
            self._outcomes = [_outcome(work) for work, _ in pieces]
            return
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)

        def run() -> None:
            # The child lives for these pieces and its garbage goes with it: a collection would
            # only walk (and so copy, page by page) the objects it shares with the parent.
            gc.disable()
            for work, _ in pieces:
                sender.send(_outcome(work))

        process = context.Process(target=run, daemon=True)
        process.start()  # which lets go of `run`, and so of the pieces
        sender.close()
        count = len(pieces)
        del pieces

        def receive() -> None:
            try:
                self._outcomes.append(receiver.recv())
            except EOFError:
                process.join()
                self._outcomes.extend([("crash", f"its process exited with code {process.exitcode}")] * (count - len(self._outcomes)))
            if len(self._outcomes) == count:
                process.join()
                receiver.close()

        self._receive = receive


def _outcome(work: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return ("ok", work())
    except SpecError as error:
        return ("error", error)
    except BaseException as error:  # noqa: BLE001 - reported by the waiting function
        return ("crash", repr(error))


def in_background(work: Callable[[], T], what: str) -> Callable[[], T]:
    """Start `work` in a forked process of its own; the returned function waits for its result."""
    background = Background()
    wait = background.add(work, what)
    background.start()
    return wait
