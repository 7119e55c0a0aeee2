"""Charts from day one: the daily history of every headline metric, computed from the data.

A seller who imports four months of reports sees four months of trend at once: each
finished UTC day's value as the engine gives it at that day's last second
(core.metrics.history), stored once per day. Today is never stored; it is the live value.
After an import only the days its records reach are recomputed; days that ended since the
last run are added; a change made in the app (a setting, a defect's status, a message
marked as needing no reply) recomputes the whole range. The job thread runs this, never
the GUI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.clock import to_utc
from core.metrics.history import daily_history
from services.changes import Changes
from storage.db import Store
from storage.repository import metric_days
from storage.repository.settings import load_settings

log = logging.getLogger(__name__)

HISTORY_DAYS = 365
"""How many finished days the history keeps (and the charts can show)."""


@dataclass(frozen=True, slots=True)
class HistoryRun:
    """What one run did: the days it computed (None, None when nothing was due)."""

    first: date | None
    last: date | None
    days: int
    changes: Changes


def history_changes(changes: Changes) -> bool:
    """Whether a write may have changed past days' values (performance reports do not)."""
    return (
        changes.orders
        or changes.feedback
        or changes.returns
        or changes.messages
        or changes.claims
        or changes.defect_status
        or changes.settings
    )


def update_history(store: Store, now: datetime, *, whole: bool = False) -> HistoryRun:
    """Bring the stored days up to yesterday (UTC): the range new imports reach, the days
    that ended since the last run, or with `whole` every day the history keeps."""
    db = store.db
    yesterday = to_utc(now).date() - timedelta(days=1)
    done = metric_days.reflected_import(db)
    new_imports, newest = metric_days.imports_after(db, done)
    first_data = metric_days.first_record_day(db)
    if first_data is None or first_data > yesterday:
        if newest != done:
            metric_days.set_reflected_import(db, newest)
        return HistoryRun(None, None, 0, Changes())
    floor = max(first_data, yesterday - timedelta(days=HISTORY_DAYS - 1))
    stored = metric_days.last_stored_day(db)
    starts = [floor if whole or stored is None else stored + timedelta(days=1)]
    if new_imports:
        touched = metric_days.first_record_day(db, new_imports)
        if touched is not None:
            starts.append(touched)
    first = max(floor, min(starts))
    if first > yesterday:
        metric_days.set_reflected_import(db, newest)
        return HistoryRun(None, None, 0, Changes())
    settings = load_settings(db)
    inputs = metric_days.load_history_inputs(db, first, yesterday, settings)
    points = daily_history(inputs, first, yesterday, settings)
    changed = metric_days.store_days(db, points, now)
    changed += metric_days.forget_days_before(db, floor)
    metric_days.set_reflected_import(db, newest)
    log.info("metric history: %d days from %s to %s", len(points), first, yesterday)
    return HistoryRun(first, yesterday, len(points), Changes(snapshots=changed > 0))


def stored_history(
    store: Store, metric: str, channel: str = "", since: date | None = None
) -> list[tuple[date, float | None, str]]:
    """(day, value, status) of one metric's stored days, oldest first (all marketplaces)."""
    return metric_days.day_history(store.db, metric, channel, "", since)
