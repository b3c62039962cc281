"""How `sdkwright diff` prints a `Report`: text for a terminal, markdown for a review, JSON for tools.

The JSON form is a stable schema (`"schema": "sdkwright-diff/1"`), documented in README.md.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import click

from generator.diff.compare import SEVERITIES, Change, Report, Severity
from generator.diff.sdk import SdkChanges

SCHEMA = "sdkwright-diff/1"
API_WIDE = "API-wide and shared schemas"
_COLOURS = {"breaking": "red", "non-breaking": "yellow", "docs": "bright_black"}
_BUMP_REASON = {"major": "something breaks", "minor": "something is added, nothing breaks", "patch": "nothing added, nothing breaks"}
# GitHub refuses a comment body longer than 65,536 characters; stay under it with room to spare.
COMMENT_LIMIT = 65_536
_BUDGET = 60_000
_TITLES = {"breaking": "Breaking changes", "non-breaking": "Non-breaking changes", "docs": "Documentation changes"}


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
        "semver": report.bump,
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
    lines.extend(["", style(f"semver: {report.bump}", bold=True) + f" ({_BUMP_REASON[report.bump]})"])
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _entry(change: Change) -> str:
    detail = _detail(change).replace("->", "→")
    return f"- **{change.severity}** {_cell(change.message)}{_cell(detail)}{_users(change, '`')} (`{change.kind}`, `#{change.pointer}`)"


def _table(report: Report) -> list[str]:
    """One row per operation the change touches, directly or through a shared schema or response."""
    groups = _grouped(report.changes)
    through: dict[str, int] = defaultdict(int)
    for change in report.changes:
        for user in change.used_by:
            through[user] += 1
    direct = {name for name, _ in groups}
    rows = ["| | " + " | ".join(SEVERITIES) + " | through shared |", "| --- |" + " ---: |" * (len(SEVERITIES) + 1)]
    for name, changes in groups:
        counts = [sum(1 for c in changes if c.severity == s) for s in SEVERITIES]
        rows.append(f"| `{_cell(name)}` | " + " | ".join(str(n) for n in counts) + f" | {through.get(name, 0)} |")
    for name in sorted(set(through) - direct, key=lambda n: (n.split(" ", 1)[-1], n)):
        rows.append(f"| `{_cell(name)}` | " + " | ".join("0" for _ in SEVERITIES) + f" | {through[name]} |")
    totals = report.counts()
    rows.append("| **total** | " + " | ".join(f"**{totals[s]}**" for s in SEVERITIES) + " | |")
    return rows


def _section(report: Report, severity: Severity, shown: int | None) -> list[str]:
    """The changes of one severity by operation; `shown` entries at most (None: all)."""
    changes = [c for c in report.changes if c.severity == severity]
    if not changes:
        return []
    lines: list[str] = []
    left = len(changes) if shown is None else shown
    for operation, group in _grouped(changes):
        if left <= 0:
            break
        lines.extend(["", f"#### `{operation}`", ""])
        for change in group[:left]:
            lines.append(_entry(change))
        left -= len(group)
    hidden = len(changes) - (len(changes) if shown is None else min(shown, len(changes)))
    if hidden > 0:
        lines.extend(["", f"... and {hidden} more: the full report is `sdkwright diff --format json`."])
    title = f"{_TITLES[severity]} ({len(changes)})"
    if severity == "breaking":
        return ["", f"### {title}", *lines]
    return ["", f"<details><summary>{title}</summary>", *lines, "", "</details>"]


def _sdk_section(sdk: SdkChanges, full: bool) -> list[str]:
    lines = ["", f"### SDK (`{sdk.package}`)", ""]
    if sdk.symbols_removed or sdk.symbols_added:
        lines.append(f"<details><summary>public symbols: {len(sdk.symbols_removed)} removed, {len(sdk.symbols_added)} added</summary>")
        if full:
            lines.extend(["", "```diff", *(f"- {s}" for s in sdk.symbols_removed), *(f"+ {s}" for s in sdk.symbols_added), "```"])
        else:
            lines.extend(["", "Listed by `sdkwright diff --sdk --format json`."])
        lines.extend(["", "</details>", ""])
    files = [*(f"{p} (added)" for p in sdk.files_added), *(f"{p} (removed)" for p in sdk.files_removed), *sdk.files_changed]
    if full or len(files) <= 20:
        lines.append("Generated files that change: " + (", ".join(f"`{f}`" for f in files) if files else "none"))
    else:
        lines.append(f"Generated files that change: {len(files)} (listed by `--format json`)")
    return lines


def as_markdown(report: Report, sdk: SdkChanges | None = None) -> str:
    """A pull-request comment: a summary table naming every operation the change touches, the
    breaking changes, the others folded, and the semver advice; details are dropped, least
    important first, until it fits GitHub's limit (`--format json` keeps everything)."""
    head = [f"## API changes: `{report.old}` → `{report.new}`", ""]
    bump = ["", f"**Semver: {report.bump}** ({_BUMP_REASON[report.bump]})."]
    if not report.changes:
        body = ["No changes to the API."]
        sdk_lines = _sdk_section(sdk, True) if sdk is not None else []
        return "\n".join(head + body + sdk_lines + bump) + "\n"
    table = _table(report)
    counts = report.counts()
    # Most detail first; each next plan drops what matters least.
    plans: list[tuple[int | None, int | None, int | None, bool]] = [
        (None, None, None, True),
        (None, None, 0, True),
        (None, 0, 0, True),
        (None, 0, 0, False),
    ]
    plans += [(n, 0, 0, False) for n in (1000, 300, 100, 30, 0)]
    text = ""
    for breaking, non_breaking, docs, full in plans:
        lines = head + table
        lines += _section(report, "breaking", breaking)
        folded: tuple[tuple[Severity, int | None], ...] = (("non-breaking", non_breaking), ("docs", docs))
        for severity, shown in folded:
            if shown == 0 and counts[severity]:
                lines += ["", f"{_TITLES[severity]}: {counts[severity]} (listed by `--format json`)."]
            else:
                lines += _section(report, severity, shown)
        if sdk is not None:
            lines += _sdk_section(sdk, full)
        text = "\n".join(lines + bump) + "\n"
        if len(text) <= _BUDGET:
            return text
    # Even the table is too long: name the operations in a list instead of a table.
    names = sorted({c.operation or API_WIDE for c in report.changes} | {u for c in report.changes for u in c.used_by})
    summary = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)
    lines = head + [f"{summary}. Operations that change: " + ", ".join(f"`{n}`" for n in names), "", "The full report is `sdkwright diff --format json`."]
    return ("\n".join(lines + bump) + "\n")[:COMMENT_LIMIT]
