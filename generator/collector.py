"""The cyclic garbage collector through a generation.

The stages build a whole API's model, names and views (about a million objects for GitHub's REST
API) that live through the later stages and make next to no cyclic garbage: a collection would
only walk them. So the model, naming and render stages pause the collector, and in a generation
the model and naming stages freeze what is alive when they end (`gc.freeze`): the collections of
the later stages (formatting, black's trees) walk only what those stages build. Frozen objects are
freed as any others when the last reference goes; everything is unfrozen when the generation ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_open_generations: list[bool] = []  # one entry per open `generation` block that may freeze


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic collector for the block (as it was before, after).

    With `freeze`, inside a `generation`, what is alive at the block's end is frozen before the
    collector resumes: what the stage built is never walked, not even once as young objects.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
        if freeze:
            freeze_built()
    finally:
        if collecting:
            gc.enable()


@contextmanager
def generation() -> Iterator[None]:
    """A generation's block: `freeze_built` may freeze what is alive, and all is unfrozen at its end.

    A process that froze objects of its own before (to fork with them, say) keeps them so: the
    collector is then left alone.
    """
    if gc.get_freeze_count() and not _open_generations:
        yield
        return
    _open_generations.append(True)
    try:
        yield
    finally:
        _open_generations.pop()
        if not _open_generations:
            gc.unfreeze()


def freeze_built() -> None:
    """Inside `generation`: what is alive lives on to its end and is no garbage; later collections skip it."""
    if _open_generations:
        gc.freeze()
