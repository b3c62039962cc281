"""The cyclic garbage collector, paused through stages that build the model and its names."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (as it was before, after).

    A whole API's model stage builds about a million objects that all live on, and makes next to no
    cyclic garbage; each full collection during it would only walk the parsed documents and the
    objects built so far (for GitHub's REST API, about a tenth of the stage's time).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
