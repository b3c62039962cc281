"""The user-facing error of every stage: a message tied to a place in a spec."""

from __future__ import annotations

import re


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
    return pointer + "".join("/" + escape_token(str(token)) for token in tokens)
