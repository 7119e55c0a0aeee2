"""The numeric Account Health Rating history: readings the seller typed in (ahr_manual)
plus any score Amazon's performance report carried.

Amazon's report often lacks the score, so typed readings are the main source; a reading
holds until the next one (core.ahr).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import sqlite_utils

from core.clock import iso, parse_iso
from core.reconciliation import check_ahr_score
from storage.db import transaction

Source = Literal["manual", "report"]


@dataclass(frozen=True, slots=True)
class AhrReading:
    """One dated score; `id` is the ahr_manual row (None for a report's score)."""

    at: datetime
    score: int
    source: Source
    marketplace_id: str = ""
    id: int | None = None


def add_reading(
    db: sqlite_utils.Database, score: int, at: datetime, marketplace_id: str = ""
) -> int:
    """Store a typed reading; ValueError (a sentence) when it is not 0-1000."""
    check_ahr_score(score)
    with transaction(db):
        cur = db.execute(
            "INSERT INTO ahr_manual (entered_at, marketplace_id, score) VALUES (?, ?, ?)",
            [iso(at), marketplace_id, score],
        )
    return int(cur.lastrowid or 0)


def delete_reading(db: sqlite_utils.Database, reading_id: int) -> bool:
    """Remove a mistyped reading; False when there was no such row."""
    with transaction(db):
        cur = db.execute("DELETE FROM ahr_manual WHERE id = ?", [reading_id])
    return cur.rowcount > 0


def list_readings(db: sqlite_utils.Database, marketplace_id: str | None = None) -> list[AhrReading]:
    """Typed readings and report scores, oldest first.

    With a marketplace, readings typed without one ("") count for it too: most sellers
    have one marketplace and never say which.
    """
    where, params = "", []
    if marketplace_id is not None:
        where, params = " WHERE marketplace_id IN ('', ?)", [marketplace_id]
    typed = [
        AhrReading(parse_iso(at), int(score), "manual", market, int(rid))
        for rid, at, market, score in db.execute(
            f"SELECT id, entered_at, marketplace_id, score FROM ahr_manual{where}", params
        ).fetchall()
    ]
    report_where = " AND marketplace_id = ?" if marketplace_id is not None else ""
    reported = [
        AhrReading(parse_iso(at), int(score), "report", market)
        for at, market, score in db.execute(
            "SELECT imported_at, marketplace_id, ahr_score FROM performance_snapshots"
            f" WHERE ahr_score IS NOT NULL{report_where}",
            [marketplace_id] if marketplace_id is not None else [],
        ).fetchall()
    ]
    readings = typed + reported
    readings.sort(key=lambda r: (r.at, r.id or 0))
    return readings


def history(
    db: sqlite_utils.Database, marketplace_id: str | None = None
) -> list[tuple[datetime, int]]:
    """(when, score) pairs for core.reconciliation.ahr_summary / core.ahr.assurance_status."""
    return [(r.at, r.score) for r in list_readings(db, marketplace_id)]
