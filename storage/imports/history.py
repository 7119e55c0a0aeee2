"""The `imports` table: one row per import attempt, its outcome and counts.

`apply_import` writes it (`start`, `finish`, `log_failure`); the imports
screen, the freshness line and the stale-data warning read it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlite_utils

from core.clock import iso, parse_iso
from storage.db import transaction
from storage.imports.context import Counts

_STARTED_HERE: set[tuple[str, int]] = set()
"""(database file, import id) this process wrote, so the live refresh tells them from
another process's (ids restart in every database: one process may open several)."""


def _file_of(db: sqlite_utils.Database) -> str:
    """The real path of the main database file ('' for an in-memory one)."""
    for _seq, name, file in db.conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return os.path.realpath(file) if file else ""
    return ""


def _mark_here(db: sqlite_utils.Database, import_id: int | None) -> None:
    if import_id is not None:
        _STARTED_HERE.add((_file_of(db), import_id))


def started_here(path: str | os.PathLike[str], import_id: int) -> bool:
    """Whether this process made the import attempt in the database at `path` (the app,
    its watched folder)."""
    return (os.path.realpath(path), import_id) in _STARTED_HERE


def start(db: sqlite_utils.Database, file_name: str, sha: str, kind: str, now: datetime) -> int:
    """The row of an import under way (inside its transaction); its id."""
    cur = db.conn.execute(
        "INSERT INTO imports (file_name, sha256, kind, started_at, outcome) "
        "VALUES (?, ?, ?, ?, 'ok')",
        [file_name, sha, kind, iso(now)],
    )
    assert cur.lastrowid is not None
    _mark_here(db, cur.lastrowid)
    return cur.lastrowid


def finish(
    db: sqlite_utils.Database,
    import_id: int,
    now: datetime,
    counts: Counts,
    report: str = "",
    orders: int | None = None,
    lines: int | None = None,
    notes: Sequence[str] = (),
) -> None:
    """Stamp a successful import with its end time, counts and notes (inside its transaction).

    `report` is Amazon's name of the report; `notes` are stored one sentence a line.
    """
    db.conn.execute(
        "UPDATE imports SET finished_at = ?, added = ?, updated = ?, unchanged = ?, report = ?,"
        " orders = ?, lines = ?, notes = ? WHERE id = ?",
        [iso(now), counts.added, counts.updated, counts.unchanged, report, orders, lines,
         "\n".join(notes), import_id],
    )  # fmt: skip


def log_failure(
    db: sqlite_utils.Database,
    file_name: str,
    sha: str,
    kind: str | None,
    now: datetime,
    outcome: str,
    error: str,
) -> int | None:
    """Record a refused or cancelled attempt in its own small transaction; its id."""
    with transaction(db):
        cur = db.conn.execute(
            "INSERT INTO imports (file_name, sha256, kind, started_at, finished_at, outcome, error) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [file_name, sha, kind, iso(now), iso(now), outcome, error],
        )
    _mark_here(db, cur.lastrowid)
    return cur.lastrowid


SEARCHED = "coalesce(file_name, '') || ' ' || coalesce(report, '') || ' ' || coalesce(kind, '')"
SEARCHED += " || ' ' || outcome || ' ' || coalesce(error, '') || ' ' || coalesce(notes, '')"
"""What the history's search box looks in: every text column the screen shows."""


def import_history(
    db: sqlite_utils.Database,
    *,
    limit: int | None = None,
    offset: int = 0,
    search: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Every import attempt, newest first, as plain dicts (imports table columns).

    `search` terms (each must appear, ignoring ASCII case) are matched by SQLite, so a
    search pages through a long history like the full list does.
    """
    sql = "SELECT * FROM imports"
    params: list[Any] = []
    if search:
        sql += " WHERE " + " AND ".join(f"({SEARCHED}) LIKE ? ESCAPE '\\'" for _ in search)
        params += [f"%{_escaped(term)}%" for term in search]
    sql += " ORDER BY id DESC"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    cur = db.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _escaped(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def first_import_times(
    db: sqlite_utils.Database, until: datetime | None = None
) -> dict[str, datetime]:
    """Earliest successful import per kind (finished by `until`): when the app began to
    see each kind of record. Clocks that ran out before it are history (core.deadline_history).
    """
    sql = (
        "SELECT kind, MIN(coalesce(finished_at, started_at)) FROM imports"
        " WHERE outcome = 'ok' AND kind IS NOT NULL"
    )
    params: list[Any] = []
    if until is not None:
        sql += " AND coalesce(finished_at, started_at) <= ?"
        params.append(iso(until))
    rows = db.execute(sql + " GROUP BY kind", params).fetchall()
    return {kind: parse_iso(at) for kind, at in rows}


def last_import_times(db: sqlite_utils.Database) -> dict[str, datetime]:
    """Latest successful import per kind: how fresh each kind of data is."""
    rows = db.execute(
        "SELECT kind, MAX(finished_at) FROM imports "
        "WHERE outcome = 'ok' AND kind IS NOT NULL AND finished_at IS NOT NULL GROUP BY kind"
    ).fetchall()
    return {kind: parse_iso(at) for kind, at in rows}


def last_orders_import(db: sqlite_utils.Database) -> datetime | None:
    """When an orders report was last imported successfully (for the stale-data warning)."""
    row = db.execute(
        "SELECT max(coalesce(finished_at, started_at)) FROM imports"
        " WHERE kind = 'orders' AND outcome = 'ok'"
    ).fetchone()
    return parse_iso(row[0]) if row and row[0] else None
