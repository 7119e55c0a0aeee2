"""Loads what the review-request planner needs (core.review_requests), and no PII.

Only orders whose request window can touch the days asked about are read: those bought
recently enough for an estimated delivery to fall in range, plus those a report gives a
delivery date in range. A delivery date comes from other reports' tables through one
small function per source (`fba_arrivals`, `fbm_delivery_dates`, `refunds`); each answers
nothing while its table or columns do not exist, so this works before those importers do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlite_utils

from core.clock import day_start, iso, to_utc
from core.release import release
from core.review_requests import (
    Day,
    FeedbackReceived,
    OrderIssue,
    RequestOrder,
    ReviewRequestSettings,
    open_issues,
)
from storage.repository.id_lists import rows_for_ids
from storage.repository.review_requests import requested_at
from storage.rows import (
    channel,
    claim_columns,
    claim_from_row,
    fba_return_columns,
    fba_return_from_row,
    instant,
    message_columns,
    message_from_row,
    return_columns,
    return_from_row,
)

# Where the other reports keep delivery dates and refunds: (table, order id column, date
# columns...). Point these at the importers' tables; until they exist nothing is read.
FBA_ARRIVALS = ("fba_shipments", "order_id", "estimated_arrival_date")
"""Amazon Fulfilled Shipments: one row per shipment (a split order has several)."""
FBM_DELIVERY = ("orders", "order_id", "delivery_end_date", "promise_date")
"""The FBM Order report (`delivery-end-date`) and Unshipped Orders (`promise-date`)."""
REFUND_SOURCES: tuple[tuple[str, str, str, str], ...] = (
    ("settlement_refunds", "order_id", "posted_date", "1 = 1"),  # only Refund rows are kept
    ("date_range_refunds", "order_id", "posted_at", "1 = 1"),
)
"""Refunds: (table, order id column, date column, which rows are refunds)."""


@dataclass(frozen=True, slots=True)
class ReviewInputs:
    """The planner's arguments: orders, the request log, open issues and feedback."""

    orders: list[RequestOrder]
    requested: dict[str, datetime]
    issues: list[OrderIssue]
    feedback: list[FeedbackReceived]


def has_columns(db: sqlite_utils.Database, table: str, columns: Sequence[str]) -> bool:
    """Whether `table` exists with all of `columns` (a source not imported yet has neither)."""
    present = {row[1] for row in db.execute(f"PRAGMA table_info({json.dumps(table)})")}
    return bool(present) and set(columns) <= present


def _day_or_instant(text: str) -> Day:
    return instant(text) if len(text) > 10 else date.fromisoformat(text)


def fba_arrivals(db: sqlite_utils.Database, since: date) -> dict[str, list[Day]]:
    """Estimated arrival dates per order on or after `since` (split shipments: several)."""
    table, order_col, arrival = FBA_ARRIVALS
    if not has_columns(db, table, (order_col, arrival)):
        return {}
    out: dict[str, list[Day]] = {}
    sql = (
        f"SELECT {order_col}, {arrival} FROM {table}"
        f" WHERE {arrival} >= ? AND coalesce({order_col}, '') != ''"
    )
    for order_id, text in db.execute(sql, [since.isoformat()]).fetchall():
        out.setdefault(order_id, []).append(_day_or_instant(text))
    return out


def fbm_delivery_dates(
    db: sqlite_utils.Database, since: date
) -> dict[str, tuple[Day | None, Day | None]]:
    """(latest delivery end, latest promise date) per FBM order delivered on or after `since`."""
    table, order_col, end, promise = FBM_DELIVERY
    if not has_columns(db, table, (order_col, end, promise)):
        return {}
    sql = (
        f"SELECT {order_col}, max(nullif({end}, '')), max(nullif({promise}, ''))"
        f" FROM {table} WHERE coalesce(nullif({end}, ''), {promise}) >= ? GROUP BY {order_col}"
    )
    return {
        oid: (_day_or_instant(e) if e else None, _day_or_instant(p) if p else None)
        for oid, e, p in db.execute(sql, [since.isoformat()]).fetchall()
    }


def refunds(db: sqlite_utils.Database, order_ids: Sequence[str]) -> list[tuple[str, Day]]:
    """Every refund of these orders found in the settlement and transaction reports."""
    out: list[tuple[str, Day]] = []
    for table, order_col, when, which in REFUND_SOURCES:
        if not has_columns(db, table, (order_col, when)):
            continue
        sql = (
            f"SELECT {order_col}, {when} FROM {table} WHERE {which}"
            f" AND {order_col} IN (SELECT value FROM json_each(?))"
        )
        for order_id, text in rows_for_ids(db, sql, order_ids):
            if text:
                out.append((order_id, _day_or_instant(text)))
    return out


def _max_transit(settings: ReviewRequestSettings) -> int:
    return max([settings.unknown_transit_days, *(d for _, d in settings.transit_days)])


def _known_day(dates: Iterable[Day | None]) -> date | None:
    days = [to_utc(d).date() if isinstance(d, datetime) else d for d in dates if d is not None]
    return max(days) if days else None


_ORDER_SQL = (
    "SELECT order_id, marketplace, channel, purchase_date, status, ship_service_level,"
    " is_business_order FROM orders"
)


def _orders(
    db: sqlite_utils.Database, first: date, last: date, extra: Iterable[str]
) -> list[tuple[Any, ...]]:
    """Orders bought on UTC days first..last, and the `extra` ones named by id."""
    rows = db.execute(
        f"{_ORDER_SQL} WHERE purchase_date >= ? AND purchase_date < ?",
        [iso(day_start(first)), iso(day_start(last + timedelta(days=1)))],
    ).fetchall()
    seen = {r[0] for r in rows}
    named = sorted(set(extra) - seen)
    if named:
        rows += rows_for_ids(
            db, f"{_ORDER_SQL} WHERE order_id IN (SELECT value FROM json_each(?))", named
        )
    return list(rows)


def load_review_inputs(
    db: sqlite_utils.Database,
    now: datetime,
    settings: ReviewRequestSettings,
    first_day: date | None = None,
) -> ReviewInputs:
    """Every order whose request window meets the days first_day..today (default: today),
    with its delivery dates, log entry, feedback and open issues up to `now`."""
    now = to_utc(now)
    today = now.date()
    first_day = first_day or today
    opens, closes = settings.opens_after_days, settings.closes_after_days
    earliest = first_day - timedelta(days=closes - 1)  # the earliest delivery that matters
    latest = today - timedelta(days=opens)
    since = earliest - timedelta(days=_max_transit(settings))  # no delivery before purchase
    arrivals = fba_arrivals(db, since)
    fbm = fbm_delivery_dates(db, since)
    delivered_in_range = [
        oid
        for oid, day in [(o, _known_day(a)) for o, a in arrivals.items()]
        + [(o, _known_day(d)) for o, d in fbm.items()]
        if day is not None and earliest <= day <= latest
    ]
    orders = []
    markets: dict[str, str] = {}  # one string per marketplace, not one per order kept
    rows = _orders(db, since, latest, delivered_in_range)
    for r in rows:
        end, promise = fbm.get(r[0], (None, None))
        orders.append(
            RequestOrder(
                r[0],
                markets.setdefault(r[1], r[1]),
                channel(r[2]),
                instant(r[3]),
                r[4],
                r[5] or "",
                bool(r[6]),
                tuple(arrivals.get(r[0], ())),
                end,
                promise,
            )  # fmt: skip
        )
    release(rows)
    ids = [o.order_id for o in orders]
    return ReviewInputs(
        orders,
        requested_at(db, ids),
        _issues(db, now, ids, day_start(since)),
        _feedback(db, ids),
    )


def _by_order(db: sqlite_utils.Database, columns: str, table: str, ids: Sequence[str]) -> list[Any]:
    sql = f"SELECT {columns} FROM {table} WHERE order_id IN (SELECT value FROM json_each(?))"
    return rows_for_ids(db, sql, ids)


def _feedback(db: sqlite_utils.Database, ids: Sequence[str]) -> list[FeedbackReceived]:
    rows = _by_order(db, "order_id, feedback_date, rating", "feedback", ids)
    return [FeedbackReceived(r[0], date.fromisoformat(r[1][:10]), int(r[2])) for r in rows]


def _issues(
    db: sqlite_utils.Database, now: datetime, ids: Sequence[str], since: datetime
) -> list[OrderIssue]:
    """Open issues of these orders up to now. Messages about an order come after its
    purchase, so those since the earliest purchase read are enough (the time index)."""
    wanted = set(ids)
    rows = db.execute(
        f"SELECT {message_columns()} FROM messages WHERE timestamp >= ? AND timestamp <= ?",
        [iso(since), iso(now)],
    ).fetchall()
    messages = [
        m for m in map(message_from_row, rows) if m.direction == "out" or m.order_id in wanted
    ]
    release(rows)
    return open_issues(
        now,
        messages=messages,
        returns=[return_from_row(r) for r in _by_order(db, return_columns(), "returns_fbm", ids)],
        claims=[claim_from_row(r) for r in _by_order(db, claim_columns(), "claims", ids)],
        fba_returns=[
            fba_return_from_row(r) for r in _by_order(db, fba_return_columns(), "returns_fba", ids)
        ],
        refunds=refunds(db, ids),
    )
