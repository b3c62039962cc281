"""The user-facing error of every stage: a message tied to a place in a spec."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


class SpecError(Exception):
    """A problem with the input, reported as file, line and JSON pointer (exit code 2)."""

    def __init__(self, message: str, uri: str = "", pointer: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.uri = uri
        self.pointer = pointer
        self.line = line

    def __reduce__(self) -> tuple[type[SpecError], tuple[str, str, str, int | None]]:
        return (SpecError, (self.message, self.uri, self.pointer, self.line))

    def __str__(self) -> str:
        place = self.uri or "<input>"
        if self.line is not None:
            place += f":{self.line}"
        where = f" at #{self.pointer}" if self.uri or self.pointer else ""
        return _printable(f"{place}{where}: {self.message}")


@dataclass(frozen=True)
class SpecWarning:
    """A defect the generator reads one sound way: where it is, what it is, and what was done.

    Printed in the form of a `SpecError` (`file:line at #pointer: message: action`).
    """

    message: str
    uri: str = ""
    pointer: str = ""
    line: int | None = None
    action: str = "ignored"

    @property
    def place(self) -> str:
        place = self.uri or "<input>"
        if self.line is not None:
            place += f":{self.line}"
        return f"{place} at #{self.pointer}"

    def __str__(self) -> str:
        return _printable(f"{self.place}: {self.message}: {self.action}")

    def as_error(self) -> str:
        """The defect as an error line's text (`--strict`, `validate`): without what would be done."""
        return _printable(f"{self.place}: {self.message}")


class SpecDefects(SpecError):
    """Defects refused by `--strict`: each one is one error line."""

    def __init__(self, defects: Sequence[SpecWarning]) -> None:
        first = defects[0]
        super().__init__(first.message, first.uri, first.pointer, first.line)
        self.defects = tuple(defects)

    def __reduce__(self) -> tuple[type[SpecDefects], tuple[tuple[SpecWarning, ...]]]:  # type: ignore[override]
        return (SpecDefects, (self.defects,))

    def lines(self) -> list[str]:
        return [defect.as_error() for defect in self.defects]


def count(defects: Sequence[object], word: str = "warning") -> str:
    """`1 warning`, `12 warnings`."""
    return f"{len(defects)} {word}{'' if len(defects) == 1 else 's'}"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _printable(text: str) -> str:
    """`text` with control characters escaped: one line that cannot drive a terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def escape_token(token: str) -> str:
    """Escape one JSON pointer segment (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, *tokens: str | int) -> str:
    for token in tokens:
        text = token if isinstance(token, str) else str(token)
        pointer += "/" + (escape_token(text) if "~" in text or "/" in text else text)
    return pointer
