"""Dated metric snapshots for trend charts: one set per recompute, skipped when nothing changed."""

from __future__ import annotations

import hashlib
from datetime import datetime

import sqlite_utils

from core.clock import iso, parse_iso
from core.metrics.result import MetricsResult
from storage.db import transaction

SHORT_NAMES = {
    "odr": "order_defect_rate",
    "lrr": "late_response_rate",
    "nfr": "negative_feedback_rate",
    "rdr": "return_dissatisfaction_rate",
}

HistoryPoint = tuple[datetime, float | None, str]


def metric_name(metric: str) -> str:
    """'odr' or 'order_defect_rate' -> 'order_defect_rate'."""
    return SHORT_NAMES.get(metric, metric)


def fingerprint(result: MetricsResult) -> str:
    """Changes only when a count or status changes (not when only as_of moves)."""
    parts = [
        f"{metric}|{channel}|{rate.numerator}|{rate.denominator}|{rate.status}"
        for (metric, channel), rate in sorted(result.rates().items())
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def latest_fingerprint(db: sqlite_utils.Database, marketplace: str) -> str | None:
    """Fingerprint of the newest snapshot (by as_of) of a marketplace ('' = all)."""
    row = db.execute(
        "SELECT fingerprint FROM metric_snapshots"
        " WHERE metric = 'order_defect_rate' AND channel = '' AND marketplace = ?"
        " ORDER BY as_of DESC, id DESC LIMIT 1",
        [marketplace],
    ).fetchone()
    return str(row[0]) if row else None


def insert_snapshot(
    db: sqlite_utils.Database, result: MetricsResult, marketplace: str, computed_at: datetime
) -> bool:
    """Store one row per headline rate; False (nothing written) when unchanged."""
    print_ = fingerprint(result)
    with transaction(db):
        if latest_fingerprint(db, marketplace) == print_:
            return False
        db.conn.executemany(
            "INSERT INTO metric_snapshots (computed_at, as_of, marketplace, metric, channel,"
            " value, numerator, denominator, status, fingerprint)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    iso(computed_at),
                    iso(result.as_of),
                    marketplace,
                    metric,
                    channel,
                    rate.value,
                    rate.numerator,
                    rate.denominator,
                    rate.status,
                    print_,
                )
                for (metric, channel), rate in sorted(result.rates().items())
            ],
        )
    return True


def history(
    db: sqlite_utils.Database,
    metric: str,
    channel: str = "",
    marketplace: str = "",
    since: datetime | None = None,
) -> list[HistoryPoint]:
    """(as_of, value, status) points of one series, oldest first."""
    sql = (
        "SELECT as_of, value, status FROM metric_snapshots"
        " WHERE metric = ? AND channel = ? AND marketplace = ?"
    )
    params: list[str] = [metric_name(metric), channel, marketplace]
    if since is not None:
        sql += " AND as_of >= ?"
        params.append(iso(since))
    sql += " ORDER BY as_of, id"
    return [
        (parse_iso(r[0]), None if r[1] is None else float(r[1]), str(r[2]))
        for r in db.execute(sql, params).fetchall()
    ]
