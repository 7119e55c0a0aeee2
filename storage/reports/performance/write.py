"""Seller performance reports: each import is a dated snapshot per marketplace.

Amazon always returns the current state, so every new file is a new
snapshot; the very same file imported again (same SHA-256) adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from core.model import PerformanceReport
from storage.imports.context import ImportContext, ts

_SNAPSHOT = (
    "INSERT INTO performance_snapshots (imported_at, marketplace_id, account_status, ahr_status, "
    "ahr_score, raw_json, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_METRIC = (
    "INSERT OR REPLACE INTO performance_metrics (snapshot_id, name, channel, rate, target, "
    "target_condition, status, date_from, date_to, counts_json) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def marketplaces_of(report: PerformanceReport) -> list[str]:
    """Every marketplace the report mentions, in first-seen order."""
    ids = [*report.account_statuses, *report.ahr_status, *report.ahr_score]
    ids += [m.marketplace_id for m in report.metrics]
    return list(dict.fromkeys(ids))  # "" is the unknown marketplace (parse.py)


class PerformanceWriter:
    """Counts one row per marketplace snapshot."""

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self._seen = (
            ctx.conn.execute(
                "SELECT 1 FROM imports WHERE sha256 = ? AND kind = 'performance' "
                "AND outcome = 'ok' AND id != ? LIMIT 1",
                [ctx.sha256, ctx.import_id],
            ).fetchone()
            is not None
        )

    def write(self, records: Sequence[Any]) -> None:
        for report in records:
            self._write_report(report)

    def _write_report(self, report: PerformanceReport) -> None:
        ctx = self.ctx
        markets = marketplaces_of(report)
        if self._seen:
            for _ in markets:
                ctx.counts.note("unchanged")
            return
        for market in markets:
            cur = ctx.conn.execute(
                _SNAPSHOT,
                [
                    ctx.now_iso,
                    market,
                    report.account_statuses.get(market, ""),
                    report.ahr_status.get(market, ""),
                    report.ahr_score.get(market),
                    report.raw_json,
                    ctx.import_id,
                ],
            )
            snapshot_id = cur.lastrowid
            ctx.conn.executemany(
                _METRIC,
                [
                    (
                        snapshot_id,
                        m.name,
                        m.channel,
                        m.rate,
                        m.target,
                        m.target_condition,
                        m.status,
                        ts(m.date_from),
                        ts(m.date_to),
                        json.dumps(m.counts, sort_keys=True),
                    )
                    for m in report.metrics
                    if m.marketplace_id == market
                ],
            )
            ctx.counts.note("added")
