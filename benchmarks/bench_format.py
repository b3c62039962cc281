"""The format stage with the builder's vouching against black over every piece, side by side.

Usage: python benchmarks/bench_format.py [--spec PATH]

Renders the spec once, then formats the rendered files twice without the piece cache:
as the pipeline does (black only on the pieces `needs_black` cannot vouch for) and with
black on every piece (what the stage did before). Prints the share of pieces and of
characters still sent to black, and both runs' CPU time (this process and its workers).
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT.parent / "shared/specs/twilio_history/twilio_api_v2010.2026-04-14.yaml"


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measured(run: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of `run`."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    run()
    return cpu_seconds() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    args = parser.parse_args()
    os.environ["SDKWRIGHT_NO_CACHE"] = "1"

    from generator.document.load import Documents, load
    from generator.document.resolve import Resolver
    from generator.naming import build_names
    from generator.openapi.read import build_model
    from generator.output import format as stage
    from generator.emit.render import render, verbatim_files

    document = load(str(args.spec))
    documents = Documents(document)
    documents.load_referenced()
    api = build_model(Resolver(document, documents))
    names = build_names(api, None, root=document.uri)
    files = render(api, names)
    verbatim = verbatim_files(names.package)

    vouched_cpu, vouched_wall = measured(lambda: stage.format_files(files, verbatim=verbatim))
    counts = stage.LAST_COUNTS
    vouch = stage.needs_black
    stage.needs_black = lambda piece: True  # black on every piece, as before
    try:
        black_cpu, black_wall = measured(lambda: stage.format_files(files, verbatim=verbatim))
    finally:
        stage.needs_black = vouch

    print(f"spec: {args.spec.name}")
    print(
        f"pieces to black: {counts.to_black} of {counts.pieces} ({counts.to_black / max(counts.pieces, 1):.1%}), "
        f"characters {counts.characters_to_black:,} of {counts.characters:,} ({counts.characters_to_black / max(counts.characters, 1):.1%})"
    )
    print(f"{'format stage':<28} {'CPU s':>8} {'wall s':>8}")
    print(f"{'black where needed':<28} {vouched_cpu:>8.1f} {vouched_wall:>8.1f}")
    print(f"{'black on every piece':<28} {black_cpu:>8.1f} {black_wall:>8.1f}")
    print(f"ratio (needed / every piece): CPU {vouched_cpu / black_cpu:.2f}, wall {vouched_wall / black_wall:.2f}")


if __name__ == "__main__":
    main()
