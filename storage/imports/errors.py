"""Why an import stops, and the one place that words it.

A refusal names the file, the line and the column, and what was expected
there. It quotes the offending cell only when the cell cannot hold a buyer's
data: refusals are printed, stored in the import history and shown in tray
balloons, and a shifted row can put a buyer's name into a date column. So a
cell is shown whole only when it is shaped like a date, a number or a short
code; anything else is cut to its first characters, and a free-text cell
(subject, body, name, address, comment) is never quoted at all.
"""

from __future__ import annotations

import re
from typing import Literal

CellKind = Literal["date", "number", "code", "text"]
"""What a column holds: `code` is an enumeration (a status, a channel, Y/N)."""

_CUT = 3  # characters kept of a cell that may hold personal data
_LONGEST = 32
_WORD = re.compile(r"[^\W\d_]{4,}")  # four letters in a row can spell a name
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/+-]{0,23}")
_LONG_NUMBER = re.compile(r"\d{9}")
_NAME = re.compile(r"[A-Z][a-z]{3,}")  # a capitalised word, as names are written
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?")


def shown(value: str, kind: CellKind = "text") -> str:
    """The cell as a refusal may quote it: whole, cut to its first characters, or its length."""
    text = "".join(c if c.isprintable() else "?" for c in " ".join(value.split()))
    if kind == "text":
        return f"a text of {len(text)} characters"
    if not text:
        return "an empty cell"
    if _safe(text, kind):
        return f"'{text}'"
    return f"'{text[:_CUT]}\u2026' ({len(text)} characters)"


def _safe(text: str, kind: CellKind) -> bool:
    """Short, no address, no phone number; no word of four letters (a code: no Name)."""
    if len(text) > _LONGEST or "@" in text or "?" in text:
        return False
    if kind == "code":  # an id or an enumeration: one token, no long number, not a Name
        return (
            _CODE.fullmatch(text) is not None
            and _LONG_NUMBER.search(text) is None
            and _NAME.search(text) is None
        )
    if sum(c.isdigit() for c in text) >= 9 and not _ISO.fullmatch(text):
        return False
    return _WORD.search(text) is None


def not_a(value: str, kind: CellKind, expected: str) -> str:
    """The reason of a bad cell, e.g. `'31-02-2026' is not a date like 10-Jul-2025`."""
    return f"{shown(value, kind)} is not {expected}"


def cut_off(line: int) -> str:
    """The reason for a file whose last row stops short without a line break."""
    return (
        f"the file seems cut off at line {line} (an interrupted download?): its last row "
        "has fewer cells than the header and no line break; download it again"
    )


class ImportRefused(Exception):
    """A file is refused whole. `str()` is one sentence naming file, line, column."""

    def __init__(
        self,
        file: str,
        reason: str,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = file
        self.reason = reason.rstrip(".")
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.reason}."


class ImportCancelled(Exception):
    """Raised by a progress callback to stop an import; the transaction rolls back."""


class FileCutOff(ImportRefused):
    """The file ends in the middle of a row (an interrupted download): refused whole.

    A stable marker, not a sentence to match: the watched folder tries such a
    file again when it grows.
    """
