"""The newest record of each kind of data (core.freshness says what its age means).

Each is one reverse walk of an index on the record's own date, from `now` back to the
first row: orders by purchase date, buyer messages by received time, feedback by its
date, FBM returns by request date, claims by filing date, FBA returns by return date.
Records dated after `now` do not exist yet (spec/metrics.md).
"""

from __future__ import annotations

from datetime import date, datetime

import sqlite_utils

from core.clock import iso

NEWEST: dict[str, tuple[str, str, str]] = {
    "orders": ("orders", "purchase_date", ""),
    "messages": ("messages", "timestamp", "direction = 'in' AND "),
    "feedback": ("feedback", "feedback_date", ""),
    "returns_fbm": ("returns_fbm", "request_date", ""),
    "claims": ("claims", "filed_at", ""),
    "returns_fba": ("returns_fba", "return_date", ""),
}
"""Kind -> (table, date column, extra condition). Every stored date and instant starts with
its UTC day (YYYY-MM-DD), so text order is time order and the first ten characters are the
day; `<= :day_end` keeps the whole of today for date-only and instant columns alike."""


def newest_records(db: sqlite_utils.Database, now: datetime) -> dict[str, date]:
    """Kind -> the UTC day of its newest record by `now`; kinds without one are left out."""
    stamp = iso(now)
    out: dict[str, date] = {}
    for kind, (table, column, where) in NEWEST.items():
        sql = (
            f"SELECT {column} FROM {table} WHERE {where}{column} <= ?"
            f" ORDER BY {column} DESC LIMIT 1"
        )
        row = db.execute(sql, [stamp]).fetchone()
        if row and row[0]:
            out[kind] = date.fromisoformat(str(row[0])[:10])
    return out
