"""The one service the CLI, the GUI and the scheduler call: metrics + board + alerts at an instant."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from core.alerts import Alert, evaluate_alerts
from core.clock import to_utc
from core.deadlines import DeadlineItem, build_board
from core.marketplaces import marketplace_name
from core.metrics import MetricsResult, compute_metrics
from core.settings import MetricSettings
from storage.repository import snapshots
from storage.repository.metric_inputs import last_orders_import, load_inputs
from storage.repository.settings import load_settings


@dataclass(frozen=True, slots=True)
class Health:
    """Everything a screen or the tray shows about the account at one as_of."""

    as_of: datetime
    marketplace: str | None  # canonical name ("Amazon.com"), None = all marketplaces
    metrics: MetricsResult
    board: list[DeadlineItem]
    alerts: list[Alert]
    last_orders_import: datetime | None


def compute_health(
    db: sqlite_utils.Database,
    as_of: datetime,
    settings: MetricSettings | None = None,
    marketplace: str | None = None,
    *,
    weekly_review_due: bool = False,
    targets: Mapping[str, float] | None = None,
) -> Health:
    """Load the inputs once and derive metrics, the deadline board and the alerts."""
    moment = to_utc(as_of)
    cfg = settings if settings is not None else load_settings(db)
    inputs = load_inputs(db, moment, cfg, marketplace)
    metrics = compute_metrics(inputs, moment, cfg)
    board = build_board(inputs, moment, cfg, targets)
    last = last_orders_import(db)
    alerts = evaluate_alerts(
        metrics,
        board,
        moment,
        last_orders_import=last,
        weekly_review_due=weekly_review_due,
        settings=cfg,
    )
    return Health(
        as_of=moment,
        marketplace=marketplace_name(marketplace) if marketplace else None,
        metrics=metrics,
        board=board,
        alerts=alerts,
        last_orders_import=last,
    )


def record_snapshot(db: sqlite_utils.Database, health: Health, computed_at: datetime) -> bool:
    """Store the headline rates for trend charts; False when nothing changed since the last one."""
    return snapshots.insert_snapshot(db, health.metrics, health.marketplace or "", computed_at)


def metric_history(
    db: sqlite_utils.Database,
    metric: str,
    channel: str = "",
    marketplace: str = "",
    since: datetime | None = None,
) -> list[tuple[datetime, float | None, str]]:
    """(as_of, value, status) of one metric ('odr' or 'order_defect_rate'), oldest first."""
    mp = marketplace_name(marketplace) if marketplace else ""
    return snapshots.history(db, metric, channel, mp, since)
