"""How `sdkwright diff` prints a `Report`: text for a terminal, markdown for a review, JSON for tools.

The JSON form is a stable schema (`"schema": "sdkwright-diff/1"`), documented in README.md.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import click

from generator.diff.compare import SEVERITIES, Change, Report
from generator.diff.sdk import SdkChanges

SCHEMA = "sdkwright-diff/1"
API_WIDE = "API-wide and shared schemas"
_COLOURS = {"breaking": "red", "non-breaking": "yellow", "docs": "bright_black"}


def _grouped(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    groups: dict[str, list[Change]] = defaultdict(list)
    for change in changes:
        groups[change.operation or API_WIDE].append(change)
    # API-wide changes first, then operations by path and method; in each, breaking changes first.
    ordered = sorted(groups.items(), key=lambda item: (item[0] != API_WIDE, item[0].split(" ", 1)[-1], item[0]))
    return [(name, sorted(changes, key=lambda c: SEVERITIES.index(c.severity))) for name, changes in ordered]


def _value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _detail(change: Change) -> str:
    if change.severity == "docs" or (change.old is None and change.new is None):
        return ""
    if change.old is None:
        return f": {_value(change.new)}"
    if change.new is None:
        return f": was {_value(change.old)}"
    return f": {_value(change.old)} -> {_value(change.new)}"


def _users(change: Change, quote: str = "") -> str:
    if not change.used_by:
        return ""
    shown = ", ".join(f"{quote}{u}{quote}" for u in change.used_by[:3])
    more = f" and {len(change.used_by) - 3} more" if len(change.used_by) > 3 else ""
    return f" (used by {shown}{more})"


def as_json(report: Report, sdk: SdkChanges | None = None) -> str:
    document = {
        "schema": SCHEMA,
        "old": report.old,
        "new": report.new,
        "summary": report.counts(),
        "changes": [change.as_json() for change in report.changes],
        "sdk": None if sdk is None else sdk.as_json(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _summary_line(report: Report) -> str:
    counts = report.counts()
    return ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)


def as_text(report: Report, sdk: SdkChanges | None = None, colour: bool = False) -> str:
    """One line per change, grouped by operation; colour only when asked (a terminal)."""

    def style(text: str, **options: Any) -> str:
        return click.style(text, **options) if colour else text

    lines = [style(f"{report.old} -> {report.new}: ", bold=True) + _summary_line(report)]
    for operation, changes in _grouped(report.changes):
        lines.append("")
        lines.append(style(operation, bold=True))
        for change in changes:
            severity = style(f"{change.severity:<12}", fg=_COLOURS[change.severity])
            lines.append(f"  {severity} {change.message}{_detail(change)}{_users(change)}  [{change.kind} #{change.pointer}]")
    if sdk is not None:
        lines.extend(["", style(f"SDK ({sdk.package})", bold=True)])
        lines.extend(f"  - {s}" for s in sdk.symbols_removed)
        lines.extend(f"  + {s}" for s in sdk.symbols_added)
        for label, paths in (("added", sdk.files_added), ("removed", sdk.files_removed), ("changed", sdk.files_changed)):
            lines.extend(f"  file {label}: {p}" for p in paths)
        if not (sdk.symbols_added or sdk.symbols_removed or sdk.files_added or sdk.files_removed or sdk.files_changed):
            lines.append("  no change")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(report: Report, sdk: SdkChanges | None = None) -> str:
    """A pull-request comment: a summary table, then the changes of each operation."""
    groups = _grouped(report.changes)
    lines = [f"## API changes: `{report.old}` → `{report.new}`", ""]
    if not report.changes:
        lines.append("No changes to the API.")
    else:
        lines.append("| | " + " | ".join(SEVERITIES) + " |")
        lines.append("| --- |" + " ---: |" * len(SEVERITIES))
        for operation, changes in groups:
            counts = [sum(1 for c in changes if c.severity == s) for s in SEVERITIES]
            lines.append(f"| `{_cell(operation)}` | " + " | ".join(str(n) for n in counts) + " |")
        totals = report.counts()
        lines.append("| **total** | " + " | ".join(f"**{totals[s]}**" for s in SEVERITIES) + " |")
        for operation, changes in groups:
            lines.extend(["", f"### `{operation}`", ""])
            for change in changes:
                detail = _detail(change).replace("->", "→")
                lines.append(f"- **{change.severity}** {_cell(change.message)}{_cell(detail)}{_users(change, '`')} (`{change.kind}`, `#{change.pointer}`)")
    if sdk is not None:
        lines.extend(["", f"### SDK (`{sdk.package}`)", ""])
        if sdk.symbols_removed or sdk.symbols_added:
            lines.extend(["<details><summary>public symbols: "
                          f"{len(sdk.symbols_removed)} removed, {len(sdk.symbols_added)} added</summary>", "", "```diff"])
            lines.extend(f"- {s}" for s in sdk.symbols_removed)
            lines.extend(f"+ {s}" for s in sdk.symbols_added)
            lines.extend(["```", "", "</details>", ""])
        files = [*(f"{p} (added)" for p in sdk.files_added), *(f"{p} (removed)" for p in sdk.files_removed), *sdk.files_changed]
        lines.append("Generated files that change: " + (", ".join(f"`{f}`" for f in files) if files else "none"))
    return "\n".join(lines) + "\n"
