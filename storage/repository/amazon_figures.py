"""Amazon's figures: imported seller performance reports and figures typed in from the
Account Health page (`typed_performance`, migration step 11), merged into the newest
snapshot per marketplace, in the one shape the reconciliation and the warnings read.

A typed Account Health Rating is also kept as an AHR reading (ahr_manual), so the AHR
history on the Amazon vs ours screen shows it like any other typed score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlite_utils

from core.clock import iso, parse_iso
from core.reconciliation.amazon import report_time
from core.reconciliation.typed import (
    TypedFigures,
    figures_from_json,
    figures_to_json,
    typed_snapshot,
)
from storage.db import transaction
from storage.repository.records import latest_performance


@dataclass(frozen=True, slots=True)
class TypedEntry:
    """One typed entry: its row id, when it was typed, and the figures."""

    id: int
    entered_at: datetime
    figures: TypedFigures


def add_typed(db: sqlite_utils.Database, figures: TypedFigures, entered_at: datetime) -> int:
    """Store a typed entry (checked by the caller: core.reconciliation.typed.check_typed)."""
    with transaction(db):
        cur = db.execute(
            "INSERT INTO typed_performance (entered_at, reading_date, marketplace_id,"
            " figures_json) VALUES (?, ?, ?, ?)",
            [
                iso(entered_at),
                figures.reading_date.isoformat(),
                figures.marketplace_id,
                json.dumps(figures_to_json(figures), sort_keys=True),
            ],
        )
        if figures.ahr is not None:
            at = typed_snapshot(figures, entered_at, 0)["imported_at"]
            db.execute(
                "INSERT INTO ahr_manual (entered_at, marketplace_id, score) VALUES (?, ?, ?)",
                [at, figures.marketplace_id, figures.ahr],
            )
    return int(cur.lastrowid or 0)


def delete_typed(db: sqlite_utils.Database, entry_id: int) -> bool:
    """Remove a mistyped entry; False when there was no such row."""
    with transaction(db):
        cur = db.execute("DELETE FROM typed_performance WHERE id = ?", [entry_id])
    return cur.rowcount > 0


def typed_entries(db: sqlite_utils.Database) -> list[TypedEntry]:
    """Every typed entry, newest reading first."""
    rows = db.execute(
        "SELECT id, entered_at, reading_date, marketplace_id, figures_json"
        " FROM typed_performance ORDER BY reading_date DESC, entered_at DESC, id DESC"
    ).fetchall()
    return [
        TypedEntry(
            int(rid),
            parse_iso(entered),
            figures_from_json(json.loads(data), date.fromisoformat(day), str(market)),
        )
        for rid, entered, day, market, data in rows
    ]


def latest_typed(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The newest typed entry per marketplace, as snapshots."""
    newest: dict[str, dict[str, Any]] = {}
    for entry in typed_entries(db):
        market = entry.figures.marketplace_id
        if market not in newest:
            newest[market] = typed_snapshot(entry.figures, entry.entered_at, entry.id)
    return list(newest.values())


def _when(snapshot: dict[str, Any]) -> tuple[datetime, str]:
    """What makes one snapshot newer than another: when its figures held, then when stored."""
    stored = str(snapshot.get("entered_at") or snapshot.get("imported_at") or "")
    return report_time(snapshot), stored


def latest_snapshots(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The newest of the imported reports and typed entries, per marketplace."""
    best: dict[str, dict[str, Any]] = {}
    for snapshot in [*latest_performance(db), *latest_typed(db)]:
        market = str(snapshot.get("marketplace_id") or "")
        held = best.get(market)
        if held is None or _when(snapshot) >= _when(held):
            best[market] = snapshot
    return [best[m] for m in sorted(best)]


def known_marketplaces(db: sqlite_utils.Database) -> list[str]:
    """Marketplace ids of the reports and typed entries, then of the orders by volume."""
    ids = [
        str(r[0])
        for r in db.execute(
            "SELECT marketplace_id FROM performance_snapshots WHERE marketplace_id != ''"
            " UNION SELECT marketplace_id FROM typed_performance WHERE marketplace_id != ''"
        ).fetchall()
    ]
    by_orders = [
        str(r[0])
        for r in db.execute(
            "SELECT marketplace FROM orders GROUP BY marketplace ORDER BY count(*) DESC LIMIT 5"
        ).fetchall()
    ]
    return list(dict.fromkeys([*ids, *by_orders]))
