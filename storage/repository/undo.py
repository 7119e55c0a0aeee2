"""Undo for the seller's marks: the columns an action may write, read before and after it.

An action runs inside `recorded`, which saves the rows it may touch, runs it, and saves
them again, all in one transaction. `restore` puts back the saved values, but only where
a row still holds what the action wrote: a re-import or a later mark in between wins,
and the notes the action appended go with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import sqlite_utils

from storage.db import transaction

Key = tuple[str, ...]

PLACES: Mapping[str, tuple[Key, Key]] = {
    "messages": (("message_id",), ("responded_at", "no_response_needed")),
    "returns_fbm": (("order_id", "rma_id"), ("decided_at", "decided_source")),
    "claims": (("claim_id",), ("appeal_logged_at",)),
    "feedback": (("order_id",), ("removed", "removal_requested_at")),
    "defect_status": (("defect_kind", "defect_ref"), ("status", "updated_at")),
}
"""Table -> (its key columns, the app-state columns the marks write). Nothing else is
ever named in the SQL below."""

BATCH = 200
"""Keys per SELECT (a key may have two columns; SQLite allows 999 parameters or more)."""


@dataclass(frozen=True, slots=True)
class RowState:
    """One row's app-state columns; `values` None when the row does not exist."""

    table: str
    key: tuple[object, ...]
    values: tuple[object, ...] | None


@dataclass(frozen=True, slots=True)
class Recorded:
    """What an action changed: every touched row before and after, and its new notes."""

    before: tuple[RowState, ...]
    after: tuple[RowState, ...]
    notes: tuple[int, ...]

    @property
    def changed(self) -> int:
        """How many rows the action changed (the undo restores at most these)."""
        return sum(1 for b, a in zip(self.before, self.after, strict=True) if b != a)


def read_states(
    db: sqlite_utils.Database, table: str, keys: Iterable[tuple[object, ...]]
) -> list[RowState]:
    """The app-state columns of each key's row, in the order of `keys` (duplicates dropped)."""
    key_cols, cols = PLACES[table]
    wanted = list(dict.fromkeys(tuple(k) for k in keys))
    found: dict[tuple[object, ...], tuple[object, ...]] = {}
    width = len(key_cols)
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        tuples = ", ".join("(" + ", ".join("?" * width) + ")" for _ in chunk)
        sql = (
            f"SELECT {', '.join(key_cols + cols)} FROM {table} "
            f"WHERE ({', '.join(key_cols)}) IN (VALUES {tuples})"
        )
        for row in db.execute(sql, [v for k in chunk for v in k]).fetchall():
            found[tuple(row[:width])] = tuple(row[width:])
    return [RowState(table, k, found.get(k)) for k in wanted]


def _snapshot(
    db: sqlite_utils.Database, places: Mapping[str, Sequence[tuple[object, ...]]]
) -> list[RowState]:
    return [s for table, keys in places.items() for s in read_states(db, table, keys)]


def recorded(
    db: sqlite_utils.Database,
    places: Mapping[str, Sequence[tuple[object, ...]]],
    action: Callable[[], object],
) -> Recorded:
    """Run `action` in one transaction, with the rows of `places` saved around it."""
    with transaction(db):
        before = _snapshot(db, places)
        last_note = db.execute("SELECT coalesce(max(id), 0) FROM notes").fetchone()[0]
        action()
        after = _snapshot(db, places)
        notes = [r[0] for r in db.execute("SELECT id FROM notes WHERE id > ?", [last_note])]
    return Recorded(tuple(before), tuple(after), tuple(notes))


def restore(db: sqlite_utils.Database, done: Recorded) -> int:
    """Undo `done`: each row still as the action left it gets its earlier values back
    (a row the action created is deleted); its notes are deleted. The rows restored."""
    restored = 0
    with transaction(db):
        for before, after in zip(done.before, done.after, strict=True):
            if before == after or after.values is None:
                continue
            key_cols, cols = PLACES[before.table]
            same = " AND ".join(f"{c} IS ?" for c in key_cols + cols)
            params = [*after.key, *after.values]
            if before.values is None:
                cur = db.execute(f"DELETE FROM {before.table} WHERE {same}", params)
            else:
                assign = ", ".join(f"{c} = ?" for c in cols)
                sql = f"UPDATE {before.table} SET {assign} WHERE {same}"
                cur = db.execute(sql, [*before.values, *params])
            restored += cur.rowcount
        for start in range(0, len(done.notes), BATCH):
            chunk = done.notes[start : start + BATCH]
            db.execute(f"DELETE FROM notes WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
    return restored
