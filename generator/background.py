"""Work done in a forked process beside the pipeline's own stages.

The child inherits everything already loaded (the parsed documents) without a
copy; only the results come back, pickled through a pipe. The pieces of work of
one run share one process: each piece that reads the whole of the documents
(validating them, digesting them) makes the child copy the pages it touches, once.
"""

from __future__ import annotations

import atexit
import gc
import os
import pickle
import signal
from collections.abc import Callable
from typing import Any, BinaryIO, TypeVar, cast

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

        def send(sending: BinaryIO) -> None:  # in the child: each piece's outcome, pickled into the pipe
            # The child lives for these pieces and its garbage goes with it: a collection would
            # only walk (and so copy, page by page) the objects it shares with the parent.
            gc.disable()
            for work, _ in pieces:
                sending.write(_pickled(_outcome(work)))
                sending.flush()

        child, receiving = fork_sending(send)
        _unfinished.add(child)
        count = len(pieces)
        del pieces  # only the child keeps them

        def receive() -> None:
            try:
                self._outcomes.append(pickle.load(receiving))
            except EOFError:
                code = _reap(child)
                self._outcomes.extend([("crash", f"its process exited with code {code}")] * (count - len(self._outcomes)))
                receiving.close()
                return
            if len(self._outcomes) == count:
                receiving.close()
                _reap(child)

        self._receive = receive


def fork_sending(send: Callable[[BinaryIO], object]) -> tuple[int, BinaryIO]:
    """Fork a child that runs `send` on the writing end of a pipe and then exits at once,
    without this process's clean-up (with status 1 if `send` raised); the child's id and the
    reading end of the pipe."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reader)
        status = 0
        try:
            with os.fdopen(writer, "wb") as sending:
                send(sending)
        except BaseException:  # noqa: BLE001 - what the parent reads says what went wrong
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    return child, os.fdopen(reader, "rb")


# Children not yet waited for: ended when this process exits before their work is taken (as a
# command that stops at the first blocking defect does), so that none outlives the run.
_unfinished: set[int] = set()


def _reap(child: int) -> int:
    _unfinished.discard(child)
    return os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])


@atexit.register
def _end_unfinished() -> None:
    for child in list(_unfinished):
        try:
            os.kill(child, signal.SIGTERM)
            _reap(child)
        except OSError:
            pass


def _pickled(outcome: tuple[str, Any]) -> bytes:
    """The outcome as the parent will read it; one that cannot be pickled becomes a crash in its words."""
    try:
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # noqa: BLE001 - reported by the waiting function
        return pickle.dumps(("crash", f"its result could not be sent back: {error!r}"))


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
