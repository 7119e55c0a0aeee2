"""Loads what the reconciliation with Amazon needs, for exactly Amazon's ODR window.

The engine's own loader (metric_inputs.load_inputs) is reused with settings whose lagging
window equals Amazon's; the few extra facts (orders per day for coverage gaps, orders not
shipped yet, negative feedback left out by rule) are bounded by the same window.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlite_utils

from core.clock import day_start, iso
from core.metrics.odr import DayWindow
from core.model import Feedback, Order
from core.reconciliation import (
    Reconciliation,
    WindowData,
    odr_windows,
    reconcile_snapshot,
    window_settings,
)
from core.settings import MetricSettings
from storage.repository.amazon_figures import latest_snapshots
from storage.repository.metric_inputs import load_inputs, marketplace_keys
from storage.repository.settings import load_settings
from storage.rows import (
    ORDER_WIDTH,
    feedback_columns,
    feedback_from_row,
    order_columns,
    order_from_row,
)


def _bounds(days: DayWindow, marketplace: str | None) -> tuple[str, list[str]]:
    """WHERE clause on `orders o` for the window's purchase dates (and the marketplace)."""
    sql = "o.purchase_date >= ? AND o.purchase_date < ?"
    params = [iso(day_start(days[0])), iso(day_start(days[1]))]
    if marketplace:
        keys = marketplace_keys(marketplace)
        sql += f" AND o.marketplace IN ({', '.join('?' for _ in keys)})"
        params += keys
    return sql, params


def daily_orders(
    db: sqlite_utils.Database, days: DayWindow, marketplace: str | None
) -> dict[date, int]:
    """Every imported order (any status, both channels) per UTC purchase day."""
    where, params = _bounds(days, marketplace)
    sql = f"SELECT substr(o.purchase_date, 1, 10), count(*) FROM orders o WHERE {where} GROUP BY 1"
    return {date.fromisoformat(d): int(n) for d, n in db.execute(sql, params).fetchall()}


def not_shipped(
    db: sqlite_utils.Database, days: DayWindow, marketplace: str | None
) -> dict[str, int]:
    """Orders still Pending (also "Pending - Waiting for Pick Up") or Unshipped, per channel."""
    where, params = _bounds(days, marketplace)
    sql = (
        f"SELECT o.channel, count(*) FROM orders o WHERE {where}"
        " AND (o.status IN ('Pending', 'Unshipped') OR o.status LIKE 'Pending - %') GROUP BY 1"
    )
    return {ch: int(n) for ch, n in db.execute(sql, params).fetchall()}


def hidden_feedback(
    db: sqlite_utils.Database, days: DayWindow, marketplace: str | None
) -> tuple[tuple[Feedback, Order], ...]:
    """1-2 star feedback on the window's orders that is removed or struck through."""
    where, params = _bounds(days, marketplace)
    sql = (
        f"SELECT {order_columns('o')}, {feedback_columns('f')}"
        f" FROM feedback f JOIN orders o ON o.order_id = f.order_id WHERE {where}"
        " AND f.rating <= 2 AND (f.removed = 1 OR f.struck_through = 1)"
    )
    return tuple(
        (feedback_from_row(r[ORDER_WIDTH:]), order_from_row(r))
        for r in db.execute(sql, params).fetchall()
    )


def load_window_data(
    db: sqlite_utils.Database,
    days: DayWindow,
    now: datetime,
    marketplace: str | None = None,
    settings: MetricSettings | None = None,
) -> WindowData:
    """Engine inputs and coverage facts for Amazon's window, as known at `now`."""
    cfg, as_of = window_settings(days, now, settings or load_settings(db))
    return WindowData(
        days=days,
        as_of=as_of,
        inputs=load_inputs(db, as_of, cfg, marketplace),
        settings=cfg,
        daily_orders=daily_orders(db, days, marketplace),
        not_shipped=not_shipped(db, days, marketplace),
        hidden_feedback=hidden_feedback(db, days, marketplace),
    )


def reconcile_latest(
    db: sqlite_utils.Database, now: datetime, settings: MetricSettings | None = None
) -> list[Reconciliation]:
    """The newest performance report (or typed-in figures) of each marketplace beside our
    numbers for its windows."""
    cfg = settings or load_settings(db)
    out = []
    for snapshot in latest_snapshots(db):
        market = str(snapshot.get("marketplace_id") or "") or None
        data = {w: load_window_data(db, w, now, market, cfg) for w in odr_windows(snapshot)}
        out.append(reconcile_snapshot(snapshot, data))
    return out
