"""Step 11: Amazon's figures typed in from the Account Health page, and one stored point
per UTC day of every headline metric (the trend charts' history).

`typed_performance` holds what the seller read on Seller Central's Account Health page
(most sellers cannot download the performance report: it comes from the Selling Partner
API); `figures_json` is core.reconciliation.typed.TypedFigures as JSON, `reading_date` the
date the seller read them. `metric_days` holds each finished UTC day's value as the
engine gives it at that day's last second (core.metrics.history), written by the backfill
after an import; today is never stored (it is the live value).
"""

from __future__ import annotations

import sqlite3


def typed_figures_and_metric_days(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE IF NOT EXISTS typed_performance (
            id INTEGER PRIMARY KEY,
            entered_at TEXT NOT NULL,
            reading_date TEXT NOT NULL,
            marketplace_id TEXT NOT NULL DEFAULT '',
            figures_json TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS typed_performance_time
            ON typed_performance(marketplace_id, reading_date, entered_at);
        CREATE TABLE IF NOT EXISTS metric_days (
            marketplace TEXT NOT NULL DEFAULT '',
            metric TEXT NOT NULL,
            channel TEXT NOT NULL DEFAULT '',
            day TEXT NOT NULL,
            value REAL,
            numerator INTEGER NOT NULL,
            denominator INTEGER NOT NULL,
            status TEXT NOT NULL,
            computed_at TEXT NOT NULL,
            PRIMARY KEY (marketplace, metric, channel, day)
        ) WITHOUT ROWID;
        """
    )
