"""The account's health at an instant: the one function every front end calls for it.

`current_health(store, as_of)` is what the dashboard, the tray, the scheduler, the
inbox and the CLI use, so they can never disagree: same settings, same cipher (the
triage reads decrypted subjects), same marketplace handling.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, tzinfo

import sqlite_utils

from core.alerts import Alert, evaluate_alerts, weekly_review_alert
from core.clock import to_utc
from core.deadlines import DeadlineItem, build_board
from core.defects import removal_verdict
from core.format import UTC_PREFS, DisplayPrefs
from core.health import Health
from core.marketplaces import find_marketplace, marketplace_name
from core.metrics import compute_metrics
from core.notifier import review_due
from core.reconciliation.flags import AmazonFlag, amazon_flags
from core.settings import MetricSettings
from core.triage import MessageTriage, triage_messages
from services.reimbursements import reimbursement_board
from storage.cipher import PiiCipher
from storage.db import Store
from storage.imports.history import first_import_times, last_orders_import
from storage.repository import snapshots
from storage.repository.amazon_figures import latest_snapshots
from storage.repository.metric_inputs import load_inputs
from storage.repository.records import messages_by_id
from storage.repository.settings import load_settings
from storage.repository.triage_store import load_matrix, load_rules
from storage.repository.views import feedback_by_order, orders_by_id
from storage.repository.warnings import last_review

__all__ = [
    "Health",
    "current_health",
    "health_at",
    "metric_history",
    "record_snapshot",
    "refresh_health",
    "review_reminder",
]


def current_health(
    store: Store,
    as_of: datetime,
    marketplace: str | None = None,
    prefs: DisplayPrefs = UTC_PREFS,
    *,
    removable_only: bool = True,
) -> Health:
    """Metrics, deadline board (with triage targets) and warnings at `as_of`; `prefs` sets
    the zone of the times in the warnings' texts (the tray's: the seller's choice).

    The app tracks removal windows only for feedback the removal checker calls eligible
    (`removable_only`); the CLI's board is the spec's, every window of 1-2 star feedback.
    """
    return health_at(
        store.db,
        as_of,
        marketplace=marketplace,
        cipher=store.cipher,
        prefs=prefs,
        removable_only=removable_only,
    )


def refresh_health(store: Store, now: datetime, prefs: DisplayPrefs = UTC_PREFS) -> Health:
    """`current_health` at `now`, stored as a dated snapshot for the trend charts."""
    health = current_health(store, now, prefs=prefs)
    record_snapshot(store.db, health, now)
    return health


def record_snapshot(db: sqlite_utils.Database, health: Health, computed_at: datetime) -> bool:
    """Store the headline rates for trend charts; False when nothing changed since the last one."""
    return snapshots.insert_snapshot(db, health.metrics, health.marketplace or "", computed_at)


def review_reminder(store: Store, now: datetime, tz: tzinfo | None = None) -> Alert | None:
    """The weekly ODR review warning when the seller's weekly slot passed without one."""
    db = store.db
    settings = load_settings(db)
    due = review_due(
        now, last_review(db), settings.weekly_review_weekday, settings.weekly_review_hour, tz
    )
    return weekly_review_alert(to_utc(now)) if due else None


def metric_history(
    store: Store,
    metric: str,
    channel: str = "",
    marketplace: str = "",
    since: datetime | None = None,
) -> list[tuple[datetime, float | None, str]]:
    """(as_of, value, status) of one metric ('odr' or 'order_defect_rate'), oldest first."""
    mp = marketplace_name(marketplace) if marketplace else ""
    return snapshots.history(store.db, metric, channel, mp, since)


def health_at(
    db: sqlite_utils.Database,
    as_of: datetime,
    settings: MetricSettings | None = None,
    marketplace: str | None = None,
    *,
    weekly_review_due: bool = False,
    targets: Mapping[str, float] | None = None,
    cipher: PiiCipher | None = None,
    prefs: DisplayPrefs = UTC_PREFS,
    removable_only: bool = False,
) -> Health:
    """Load the inputs once and derive metrics, the deadline board and the alerts.

    The parts `current_health` fixes are open here for tests and benchmarks: explicit
    `settings`, explicit triage `targets` (then no triage runs), no `cipher` (then only
    the seller's contact-type override takes part in the triage); `removable_only` keeps
    only the removal windows of feedback the checker calls eligible (it reads the comments:
    it needs the `cipher`).
    """
    moment = to_utc(as_of)
    cfg = settings if settings is not None else load_settings(db)
    inputs = load_inputs(db, moment, cfg, marketplace)
    metrics = compute_metrics(inputs, moment, cfg)
    board = build_board(inputs, moment, cfg, targets)
    if marketplace is None:  # cases have no marketplace: they join the whole account's board
        board = sorted(
            [*board, *reimbursement_board(db, moment)], key=lambda i: (i.due_at, i.kind, i.ref)
        )
    triage: dict[str, MessageTriage] = {}
    if targets is None:
        board, triage = _triaged(db, board, cipher)
    if removable_only:
        if cipher is None:
            raise ValueError("removable_only reads feedback comments: pass the cipher")
        board = _removable(db, board, cipher)
    last = last_orders_import(db)
    first = first_import_times(db, until=moment)
    amazon = amazon_verdicts(db, marketplace)
    alerts = evaluate_alerts(
        metrics,
        board,
        moment,
        last_orders_import=last,
        weekly_review_due=weekly_review_due,
        settings=cfg,
        first_imports=first,
        amazon=amazon,
        prefs=prefs,
    )
    return Health(
        as_of=moment,
        marketplace=marketplace_name(marketplace) if marketplace else None,
        metrics=metrics,
        board=board,
        alerts=alerts,
        last_orders_import=last,
        triage=triage,
        first_imports=first,
        amazon=amazon,
    )


def amazon_verdicts(
    db: sqlite_utils.Database, marketplace: str | None = None
) -> tuple[AmazonFlag, ...]:
    """Amazon's status of every figure of its newest report or typed entry (one marketplace's)."""
    wanted = find_marketplace(marketplace) if marketplace else None
    found: list[AmazonFlag] = []
    for snapshot in latest_snapshots(db):
        market = str(snapshot.get("marketplace_id") or "")
        if wanted is None or market in ("", wanted.marketplace_id):
            found += amazon_flags(snapshot)
    return tuple(found)


def _removable(
    db: sqlite_utils.Database, board: Sequence[DeadlineItem], cipher: PiiCipher
) -> list[DeadlineItem]:
    """Removal windows only for feedback the removal checker calls eligible: a countdown
    for a request Amazon refuses misleads (the others stay on the Defects screen)."""
    refs = [item.ref for item in board if item.kind == "feedback_removal"]
    if not refs:
        return list(board)
    orders = orders_by_id(db, refs)
    eligible = {
        f.order_id
        for f in feedback_by_order(db, refs, cipher)
        if removal_verdict(f, o.channel if (o := orders.get(f.order_id)) else None).eligible
    }
    return [i for i in board if i.kind != "feedback_removal" or i.ref in eligible]


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
