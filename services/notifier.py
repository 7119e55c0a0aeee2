"""The tray's warnings: which to show now (once, honouring snooze, pause, quiet hours) and
remembering that they were shown; pausing them. The tray only draws the balloon.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from core.alerts import Alert
from core.notifier import NotifyPrefs, decide, parse_hhmm
from services.changes import Changes
from storage.db import Store
from storage.repository import warnings as memory


@dataclass(frozen=True, slots=True)
class Notice:
    """What to show now, most severe first, and whether tray messages are wanted at all."""

    show: list[Alert]
    balloons: bool
    changes: Changes  # the stored warnings changed (shown or resolved)


def notify_prefs(store: Store, tz: tzinfo | None) -> NotifyPrefs:
    db = store.db
    start, end = memory.quiet_hours(db)
    return NotifyPrefs(
        memory.paused_until(db),
        parse_hhmm(start),
        parse_hhmm(end),
        tz,
        critical_in_quiet=memory.critical_in_quiet_hours(db),
    )


def notify(store: Store, alerts: Sequence[Alert], now: datetime, tz: tzinfo | None) -> Notice:
    """`alerts` is the full list that holds at `now`: a remembered one missing is resolved."""
    db = store.db
    decision = decide(alerts, memory.load_memory(db), now, notify_prefs(store, tz))
    if decision.resolved:
        memory.mark_resolved(db, decision.resolved, now)
    if decision.show:
        memory.record_shown(db, decision.show, now)
    return Notice(
        list(decision.show),
        memory.notifications_enabled(db),
        Changes(warnings=bool(decision.resolved or decision.show)),
    )


def pause_warnings(store: Store, until: datetime | None) -> Changes:
    """Hold every warning back until `until` (None resumes); held ones show at the next check."""
    memory.set_paused_until(store.db, until)
    return Changes(warnings=True)
