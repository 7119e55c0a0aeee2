"""Alerts about events, not about the numbers: a watched file that was refused.

No recompute produces them, so they are held here for a day, or until the file they are
about imports fine (here or in another process), whichever comes first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import datetime, timedelta

from core.alerts import Alert
from services.jobs import resolved_alerts
from storage.db import Store

EVENT_ALERT_HOURS = 24


class EventAlerts:
    """Thread-safe: jobs add and drop from their worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events: dict[str, tuple[Alert, datetime]] = {}

    def add(self, alert: Alert, now: datetime) -> None:
        with self._lock:
            self._events[alert.key] = (alert, now)

    def drop(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                self._events.pop(key, None)

    def current(self, store: Store, now: datetime) -> list[Alert]:
        """The event alerts that still hold at `now`; an alert about a file goes once the
        file imported fine."""
        with self._lock:
            for key, (_alert, at) in list(self._events.items()):
                if now - at > timedelta(hours=EVENT_ALERT_HOURS):
                    del self._events[key]
            events = dict(self._events)
        raised = {key: at for key, (_alert, at) in events.items()}
        done = resolved_alerts(store, raised) if raised else set()
        with self._lock:  # unless raised again meanwhile
            for key in done:
                if self._events.get(key) == events[key]:
                    del self._events[key]
        return [alert for key, (alert, _at) in events.items() if key not in done]
