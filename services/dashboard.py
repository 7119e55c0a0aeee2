"""The Dashboard's data besides the metrics themselves, and its one write.

The numbers (`core.health.Health`) reach the dashboard from the health feed, the same
object the tray and the notifier see; this page holds what only the dashboard shows:
how fresh each kind of data is (its newest record), the daily history of every metric
for the trend charts, Amazon's own figures beside ours, and the settings the cards word
their targets with.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from core.clock import to_utc
from core.freshness import DataAge, data_ages
from core.metrics import MetricsResult
from core.metrics.history import END_OF_DAY
from core.reconciliation import Reconciliation, reconcile_snapshot
from core.settings import MetricSettings
from services.changes import Changes
from services.history import HISTORY_DAYS, stored_history
from storage.db import Store
from storage.repository.amazon_figures import latest_snapshots
from storage.repository.data_freshness import newest_records
from storage.repository.reconciliation_inputs import reconcile_latest
from storage.repository.settings import load_settings, set_setting

log = logging.getLogger(__name__)

TREND_DAYS = HISTORY_DAYS
FEEDBACK_MANAGER_TOTAL = "feedback_manager_total"

TrendPoint = tuple[datetime, float | None]


@dataclass(frozen=True, slots=True)
class Trend:
    """One metric's daily points (oldest first; today's live value last) and its target."""

    points: list[TrendPoint]
    target: float


@dataclass(frozen=True, slots=True)
class DashboardPage:
    as_of: datetime
    settings: MetricSettings
    ages: list[DataAge]  # how fresh each kind of data is (core.freshness.KINDS order)
    trends: dict[str, Trend]  # by metric key (METRIC_KEYS)
    amazon: list[Reconciliation]  # the newest report (or typed figures) per marketplace


def targets(settings: MetricSettings) -> dict[str, float]:
    """The target each metric is held to, as its RateResult carries it."""
    return {
        "order_defect_rate": settings.odr_target,
        "late_response_rate": settings.lrr_target,
        "negative_feedback_rate": settings.nfr_warning,
        "return_dissatisfaction_rate": settings.rdr_target,
    }


def dashboard_page(
    store: Store, now: datetime, marketplace: str = "", live: MetricsResult | None = None
) -> DashboardPage:
    """Everything the dashboard shows beside the cards, as known at `now`; `live` (the
    numbers the cards show) ends each trend with today's value."""
    settings = load_settings(store.db)
    amazon = amazon_figures(store, now, settings)
    return DashboardPage(
        as_of=now,
        settings=settings,
        ages=freshness(store, now, settings, amazon),
        trends=_trends(store, now, marketplace, settings, live),
        amazon=amazon,
    )


def freshness(
    store: Store, now: datetime, settings: MetricSettings, reports: list[Reconciliation]
) -> list[DataAge]:
    """The newest record of each kind, and Amazon's figures by the day they held."""
    newest = newest_records(store.db, now)
    held = [r.report_at for r in reports if r.report_at <= to_utc(now)]
    if held:
        newest["performance"] = max(to_utc(t).date() for t in held)
    return data_ages(newest, to_utc(now).date(), settings)


def _reports(store: Store) -> list[Reconciliation]:
    return [reconcile_snapshot(snapshot, {}) for snapshot in latest_snapshots(store.db)]


def _trends(
    store: Store,
    now: datetime,
    marketplace: str,
    settings: MetricSettings,
    live: MetricsResult | None,
) -> dict[str, Trend]:
    """Stored daily points (all marketplaces only), then the live value of today."""
    since = to_utc(now).date() - timedelta(days=TREND_DAYS)
    today = live.rates() if live is not None else {}
    out: dict[str, Trend] = {}
    for key, target in targets(settings).items():
        points: list[TrendPoint] = []
        if not marketplace:
            try:
                points = [
                    (datetime.combine(d, END_OF_DAY, tzinfo=UTC), v)
                    for d, v, _ in stored_history(store, key, "", since)
                ]
            except Exception:  # a chart must never take the dashboard down
                log.exception("trend history for %s failed", key)
        rate = today.get((key, ""))
        if rate is not None and live is not None:
            points.append((to_utc(live.as_of), rate.value))
        out[key] = Trend(points, target)
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
        return _reports(store)


def set_feedback_manager_total(store: Store, total: int | None) -> Changes:
    """The ratings total Feedback Manager shows becomes NFR's denominator (metrics.md)."""
    set_setting(store.db, FEEDBACK_MANAGER_TOTAL, total if total else None)
    return Changes(settings=True)
