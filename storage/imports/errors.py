"""Why an import stops: the file is refused whole, or the seller cancelled it."""

from __future__ import annotations


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
