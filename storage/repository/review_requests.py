"""The review-request log (table `review_request_log`): one row per order asked, ever.

No PII: order id, when, marketplace. The planner reads it as `order id -> requested at`;
the screen lists it and exports it as CSV.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from core.clock import iso
from storage.db import transaction
from storage.repository.id_lists import rows_for_ids
from storage.rows import instant


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    """A request the seller made in Seller Central and marked here."""

    order_id: str
    requested_at: datetime
    marketplace: str


def _ids(order_ids: Iterable[str]) -> str:
    return json.dumps(sorted(set(order_ids)))


def requested_at(db: sqlite_utils.Database, order_ids: Iterable[str]) -> dict[str, datetime]:
    """When each of these orders was requested (orders never requested are absent)."""
    rows = rows_for_ids(
        db,
        "SELECT order_id, requested_at FROM review_request_log"
        " WHERE order_id IN (SELECT value FROM json_each(?))",
        order_ids,
    )
    return {r[0]: instant(r[1]) for r in rows}


def request_log(
    db: sqlite_utils.Database, *, since: datetime | None = None, limit: int | None = None
) -> list[LoggedRequest]:
    """The log, newest first; `since` keeps requests at or after it."""
    sql = "SELECT order_id, requested_at, marketplace FROM review_request_log"
    params: list[object] = []
    if since is not None:
        sql += " WHERE requested_at >= ?"
        params.append(iso(since))
    sql += " ORDER BY requested_at DESC, order_id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [LoggedRequest(r[0], instant(r[1]), r[2]) for r in db.execute(sql, params).fetchall()]


def count_requests(
    db: sqlite_utils.Database, since: datetime | None = None, until: datetime | None = None
) -> int:
    """Requests logged in [since, until) (unbounded without them): "none marked today"."""
    row = db.execute(
        "SELECT count(*) FROM review_request_log"
        " WHERE requested_at >= coalesce(?, '') AND requested_at < coalesce(?, 'a')",
        [None if since is None else iso(since), None if until is None else iso(until)],
    ).fetchone()
    return int(row[0])


def order_marketplaces(db: sqlite_utils.Database, order_ids: Iterable[str]) -> dict[str, str]:
    """The marketplace of each of these orders the store knows (unknown ones are absent)."""
    rows = rows_for_ids(
        db,
        "SELECT order_id, marketplace FROM orders WHERE order_id IN (SELECT value FROM json_each(?))",
        order_ids,
    )
    return {r[0]: r[1] for r in rows}


def log_requests(db: sqlite_utils.Database, entries: Iterable[LoggedRequest]) -> int:
    """Add requests in one transaction; an order already logged keeps its first request."""
    rows = [(e.order_id, iso(e.requested_at), e.marketplace) for e in entries]
    with transaction(db):
        cur = db.conn.executemany(
            "INSERT OR IGNORE INTO review_request_log(order_id, requested_at, marketplace)"
            " VALUES (?, ?, ?)",
            rows,
        )
        return max(cur.rowcount, 0)


def remove_requests(db: sqlite_utils.Database, order_ids: Iterable[str]) -> int:
    """Take mistaken marks back out of the log (the screen's Undo)."""
    with transaction(db):
        cur = db.execute(
            "DELETE FROM review_request_log WHERE order_id IN (SELECT value FROM json_each(?))",
            [_ids(order_ids)],
        )
        return max(cur.rowcount, 0)
