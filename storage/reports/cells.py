"""Cells the FBA and payments reports share: required instants, counts, calendar dates.

Each refuses the file with its line and column (storage.imports.errors) when the
cell is not what the report documents.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from storage.imports.reading import Row


def instant(row: Row, column: str) -> datetime:
    """A required ISO 8601 timestamp, in UTC."""
    at = row.iso(column)
    if at is None:  # iso() already refuses an empty cell; keeps mypy sure
        raise row.refuse(column, "the timestamp is empty but is needed")
    return at


def count(row: Row, column: str, default: int | None = 0) -> int:
    """A number of units: a whole number, never negative."""
    value = row.integer(column, default=default)
    if value < 0:
        raise row.refuse(column, f"'{value}' is not a number of units")
    return value


def day(row: Row, column: str, parse: Callable[[str], date], style: str) -> date:
    """A required calendar date in the report's own style (storage.reports.dates)."""
    text = row.required(column)
    try:
        return parse(text)
    except ValueError:
        raise row.refuse(column, f"'{text}' is not a date like {style}") from None
