"""What every per-kind import writer shares: the open transaction, counts, conversions.

Writers receive records in batches inside the one import transaction; they
look existing rows up per batch (`WHERE key IN (...)`), never per row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Literal, Protocol

from core.clock import iso
from storage.cipher import PiiCipher

Change = Literal["added", "updated", "unchanged"]
IN_CHUNK = 500
Progress = Callable[[int], None]
"""Called with the rows done so far; raising ImportCancelled stops the import."""


@dataclass(slots=True)
class Counts:
    """Rows of the input file by what happened to them."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def note(self, change: Change, rows: int = 1) -> None:
        if change == "added":
            self.added += rows
        elif change == "updated":
            self.updated += rows
        else:
            self.unchanged += rows


@dataclass(slots=True)
class ImportContext:
    """One import's transaction and identity, handed to the writers."""

    conn: sqlite3.Connection
    cipher: PiiCipher
    import_id: int
    now: datetime
    sha256: str
    counts: Counts = field(default_factory=Counts)

    @property
    def now_iso(self) -> str:
        return iso(self.now)


class BatchWriter(Protocol):
    """Writes one batch of parsed records and notes each row's change in ctx.counts."""

    def write(self, records: Sequence[Any]) -> None: ...


def select_in(
    conn: sqlite3.Connection, sql: str, keys: Iterable[Any], *, chunk: int = IN_CHUNK
) -> Iterator[sqlite3.Row | tuple[Any, ...]]:
    """Run `sql` (with one `{}` placeholder list) over keys in chunks."""
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), chunk):
        part = unique[start : start + chunk]
        yield from conn.execute(sql.format(",".join("?" * len(part))), part)


def ts(value: datetime | None) -> str | None:
    """The stored instant form; skips conversion for the usual UTC-to-the-second case."""
    if value is None:
        return None
    if value.tzinfo is UTC and not value.microsecond:
        return value.isoformat()
    return iso(value)


def day(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return ts(value)
    return value.isoformat()


def money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def flag(value: bool | None) -> int | None:
    return None if value is None else int(value)
