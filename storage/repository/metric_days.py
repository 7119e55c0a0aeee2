"""The daily history of the headline metrics (`metric_days`): one point per finished UTC day.

The backfill (services.history) loads the records a range of days reaches once
(`load_history_inputs`), computes every day with core.metrics.history.daily_history and
stores the points here, replacing earlier ones of the same days. Which imports the stored
days already reflect is remembered (`HISTORY_IMPORT_KEY`), so a later run recomputes only
from the earliest record the newer imports brought.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

import sqlite_utils

from core.clock import iso
from core.metrics.history import DailyPoint, history_reach
from core.metrics.inputs import MetricInputs
from core.settings import MetricSettings
from storage.db import transaction
from storage.repository.metric_inputs import load_inputs
from storage.repository.settings import get_setting, set_setting

HISTORY_IMPORT_KEY = "metric_history_import_id"
"""The newest import the stored days reflect (a settings row, not shown anywhere)."""
METRIC_KINDS = ("orders", "orders_fbm", "feedback", "returns_fbm", "messages", "email", "claims")
"""Report kinds whose records are metric inputs."""
RECORD_DAYS: tuple[tuple[str, str], ...] = (
    ("orders", "purchase_date"),
    ("feedback", "feedback_date"),
    ("claims", "filed_at"),
    ("returns_fbm", "request_date"),
    ("messages", "timestamp"),
)
"""Each metric-input table and the date from which its record counts in a day's point."""

DayPoint = tuple[date, float | None, str]


def load_history_inputs(
    db: sqlite_utils.Database, first: date, last: date, settings: MetricSettings
) -> MetricInputs:
    """Every record the days first..last reach (core.metrics.history.history_reach), at once.

    The engine's loader is asked for the last day with windows widened by the range, so
    its first window reaches back as far as the first day's.
    """
    reach = history_reach(first, last, settings)
    span = (last - first).days
    wide = replace(
        settings,
        odr_window_days=(reach.orders_until - reach.orders_from).days,
        forecast_days=0,
        lrr_days=settings.lrr_days + span,
        nfr_days=settings.nfr_days + span,
        rdr_days=settings.rdr_days + span,
    )
    return load_inputs(db, reach.as_of, wide)


def store_days(
    db: sqlite_utils.Database,
    points: Sequence[DailyPoint],
    computed_at: datetime,
    marketplace: str = "",
) -> int:
    """Write (or replace) the points' rates; the number of rows that changed (a day
    computed again to the same value is left as it was)."""
    rows = [
        (marketplace, metric, channel, p.day.isoformat(), rate.value, rate.numerator,
         rate.denominator, rate.status, iso(computed_at))
        for p in points
        for (metric, channel), rate in sorted(p.rates().items())
    ]  # fmt: skip
    with transaction(db):
        before = db.conn.total_changes
        db.conn.executemany(
            "INSERT INTO metric_days (marketplace, metric, channel, day, value, numerator,"
            " denominator, status, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(marketplace, metric, channel, day) DO UPDATE SET value = excluded.value,"
            " numerator = excluded.numerator, denominator = excluded.denominator,"
            " status = excluded.status, computed_at = excluded.computed_at"
            " WHERE value IS NOT excluded.value OR numerator != excluded.numerator"
            " OR denominator != excluded.denominator OR status != excluded.status",
            rows,
        )
        return db.conn.total_changes - before


def day_history(
    db: sqlite_utils.Database,
    metric: str,
    channel: str = "",
    marketplace: str = "",
    since: date | None = None,
) -> list[DayPoint]:
    """(day, value, status) of one series, oldest first."""
    sql = (
        "SELECT day, value, status FROM metric_days"
        " WHERE marketplace = ? AND metric = ? AND channel = ?"
    )
    params: list[str] = [marketplace, metric, channel]
    if since is not None:
        sql += " AND day >= ?"
        params.append(since.isoformat())
    sql += " ORDER BY day"
    return [
        (date.fromisoformat(d), None if v is None else float(v), str(s))
        for d, v, s in db.execute(sql, params).fetchall()
    ]


def last_stored_day(db: sqlite_utils.Database, marketplace: str = "") -> date | None:
    row = db.execute(
        "SELECT max(day) FROM metric_days WHERE marketplace = ? AND metric = 'order_defect_rate'"
        " AND channel = ''",
        [marketplace],
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def first_record_day(
    db: sqlite_utils.Database, import_ids: Sequence[int] | None = None
) -> date | None:
    """The earliest day a metric record counts from: of every record, or of those the
    given imports added or changed (each added or updated row carries its import's id)."""
    days = []
    for table, column in RECORD_DAYS:
        if import_ids is None:
            sql, params = f"SELECT min({column}) FROM {table}", []
        else:
            marks = ", ".join("?" for _ in import_ids)
            sql = f"SELECT min({column}) FROM {table} WHERE import_id IN ({marks})"
            params = list(import_ids)
        row = db.execute(sql, params).fetchone()
        if row and row[0]:
            days.append(date.fromisoformat(str(row[0])[:10]))
    return min(days) if days else None


def imports_after(db: sqlite_utils.Database, import_id: int) -> tuple[list[int], int]:
    """(ids of successful metric-input imports after `import_id`, the newest import id)."""
    kinds = ", ".join(f"'{k}'" for k in METRIC_KINDS)
    ids = [
        int(r[0])
        for r in db.execute(
            f"SELECT id FROM imports WHERE id > ? AND outcome = 'ok' AND kind IN ({kinds})",
            [import_id],
        ).fetchall()
    ]
    row = db.execute("SELECT max(id) FROM imports").fetchone()
    return ids, int(row[0]) if row and row[0] else 0


def reflected_import(db: sqlite_utils.Database) -> int:
    """The newest import the stored days reflect (0: none yet)."""
    value = get_setting(db, HISTORY_IMPORT_KEY, 0)
    return value if isinstance(value, int) else 0


def set_reflected_import(db: sqlite_utils.Database, import_id: int) -> None:
    set_setting(db, HISTORY_IMPORT_KEY, import_id)


def forget_days_before(db: sqlite_utils.Database, first: date, marketplace: str = "") -> int:
    """Drop stored days older than the history keeps; how many rows went."""
    with transaction(db):
        cur = db.execute(
            "DELETE FROM metric_days WHERE marketplace = ? AND day < ?",
            [marketplace, first.isoformat()],
        )
    return cur.rowcount
