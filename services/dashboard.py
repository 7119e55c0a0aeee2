"""The Dashboard's data besides the metrics themselves, and its one write.

The numbers (`core.health.Health`) reach the dashboard from the health feed, the same
object the tray and the notifier see; this page holds what only the dashboard shows:
when each report kind was last imported, the trend of stored snapshots, Amazon's own
figures beside ours, and the settings the cards word their targets with.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.reconciliation import Reconciliation, reconcile_snapshot
from core.settings import MetricSettings
from services.changes import Changes
from services.health import metric_history
from storage.db import Store
from storage.imports.history import last_import_times
from storage.repository.reconciliation_inputs import reconcile_latest
from storage.repository.records import latest_performance
from storage.repository.settings import load_settings, set_setting

log = logging.getLogger(__name__)

TREND_DAYS = 180
FEEDBACK_MANAGER_TOTAL = "feedback_manager_total"

TrendPoint = tuple[datetime, float | None]


@dataclass(frozen=True, slots=True)
class Trend:
    """One metric's stored snapshots (oldest first) and the target drawn beside them."""

    points: list[TrendPoint]
    target: float


@dataclass(frozen=True, slots=True)
class DashboardPage:
    as_of: datetime
    settings: MetricSettings
    last_imports: dict[str, datetime]  # report kind -> latest successful import
    trends: dict[str, Trend]  # by metric key (METRIC_KEYS)
    amazon: list[Reconciliation]  # the newest performance report per marketplace


def targets(settings: MetricSettings) -> dict[str, float]:
    """The target each metric is held to, as its RateResult carries it."""
    return {
        "order_defect_rate": settings.odr_target,
        "late_response_rate": settings.lrr_target,
        "negative_feedback_rate": settings.nfr_warning,
        "return_dissatisfaction_rate": settings.rdr_target,
    }


def dashboard_page(store: Store, now: datetime, marketplace: str = "") -> DashboardPage:
    """Everything the dashboard shows beside the cards, as known at `now`."""
    settings = load_settings(store.db)
    return DashboardPage(
        as_of=now,
        settings=settings,
        last_imports=last_import_times(store.db),
        trends=_trends(store, now, marketplace, settings),
        amazon=amazon_figures(store, now, settings),
    )


def _trends(
    store: Store, now: datetime, marketplace: str, settings: MetricSettings
) -> dict[str, Trend]:
    since = now - timedelta(days=TREND_DAYS)
    out: dict[str, Trend] = {}
    for key, target in targets(settings).items():
        try:
            points = metric_history(store, key, "", marketplace, since)
        except Exception:  # a chart must never take the dashboard down
            log.exception("trend history for %s failed", key)
            points = []
        out[key] = Trend([(t, v) for t, v, _ in points], target)
    return out


def amazon_figures(store: Store, now: datetime, settings: MetricSettings) -> list[Reconciliation]:
    """Amazon's latest reports beside our ODR for their windows.

    When our side cannot be computed, Amazon's figures are still shown, without the
    comparison: the comparison must never take the dashboard down.
    """
    try:
        return reconcile_latest(store.db, now, settings)
    except Exception:
        log.exception("ODR for Amazon's window failed")
        return [reconcile_snapshot(snapshot, {}) for snapshot in latest_performance(store.db)]


def set_feedback_manager_total(store: Store, total: int | None) -> Changes:
    """The ratings total Feedback Manager shows becomes NFR's denominator (metrics.md)."""
    set_setting(store.db, FEEDBACK_MANAGER_TOTAL, total if total else None)
    return Changes(settings=True)
