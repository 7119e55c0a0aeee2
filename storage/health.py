"""The one service the CLI, the GUI and the scheduler call: metrics + board + alerts at an instant."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

import sqlite_utils

from core.alerts import Alert, evaluate_alerts
from core.clock import to_utc
from core.deadlines import DeadlineItem, build_board
from core.marketplaces import marketplace_name
from core.metrics import MetricsResult, compute_metrics
from core.settings import MetricSettings
from core.triage import MessageTriage, triage_messages
from storage.repository import snapshots
from storage.repository.metric_inputs import last_orders_import, load_inputs
from storage.repository.records import messages_by_id
from storage.repository.settings import load_settings
from storage.repository.triage_store import load_matrix, load_rules
from storage.secrets import PiiCipher


@dataclass(frozen=True, slots=True)
class Health:
    """Everything a screen or the tray shows about the account at one as_of."""

    as_of: datetime
    marketplace: str | None  # canonical name ("Amazon.com"), None = all marketplaces
    metrics: MetricsResult
    board: list[DeadlineItem]
    alerts: list[Alert]
    last_orders_import: datetime | None
    triage: Mapping[str, MessageTriage] = field(default_factory=dict)
    """Open buyer messages on the board by message id: type, rule, pathway, target."""


def compute_health(
    db: sqlite_utils.Database,
    as_of: datetime,
    settings: MetricSettings | None = None,
    marketplace: str | None = None,
    *,
    weekly_review_due: bool = False,
    targets: Mapping[str, float] | None = None,
    cipher: PiiCipher | None = None,
) -> Health:
    """Load the inputs once and derive metrics, the deadline board and the alerts.

    Without explicit `targets`, every open buyer message is triaged (escalation matrix and
    rules from the database) and its board item gets the matrix's `target_at`. Pass the
    store's `cipher` so the subject and body take part; without it only the seller's
    contact-type override does (the rest fall back to a general inquiry).
    """
    moment = to_utc(as_of)
    cfg = settings if settings is not None else load_settings(db)
    inputs = load_inputs(db, moment, cfg, marketplace)
    metrics = compute_metrics(inputs, moment, cfg)
    board = build_board(inputs, moment, cfg, targets)
    triage: dict[str, MessageTriage] = {}
    if targets is None:
        board, triage = _triaged(db, board, cipher)
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
        triage=triage,
    )


def _triaged(
    db: sqlite_utils.Database, board: Sequence[DeadlineItem], cipher: PiiCipher | None
) -> tuple[list[DeadlineItem], dict[str, MessageTriage]]:
    """Classify only the board's open messages (one query) and set their target_at."""
    refs = [item.ref for item in board if item.kind == "message"]
    if not refs:
        return list(board), {}
    messages = messages_by_id(db, refs, cipher)
    results = triage_messages(messages, load_rules(db, enabled_only=True), load_matrix(db))
    triage = {t.message_id: t for t in results}
    out = [
        replace(item, target_at=triage[item.ref].target_at)
        if item.kind == "message" and item.ref in triage
        else item
        for item in board
    ]
    return out, triage


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
