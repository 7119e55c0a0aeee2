"""The review-request log: which orders the seller asked for a review, and when.

No PII: the order id, the instant (UTC ISO text) and the marketplace only. One row per
order: Amazon allows one request per order, ever (spec/review-requests.md).
"""

from __future__ import annotations

import sqlite3


def review_request_log(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE IF NOT EXISTS review_request_log (
            order_id TEXT PRIMARY KEY,
            requested_at TEXT NOT NULL,
            marketplace TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX IF NOT EXISTS review_request_log_time
            ON review_request_log(requested_at);
        """
    )
