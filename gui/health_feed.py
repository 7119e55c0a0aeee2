"""Fresh numbers for the whole app: the one place `metrics_changed` is emitted.

A write broadcasts `Changes`; when it touched a metric input, the feed asks for a
recompute: the job runner's "recompute" job when background jobs run (it also adds
the weekly-review reminder and feeds the notifier), else a background query of
`services.health.refresh_health`. Either way the result goes out through `publish`,
so the dashboard, the tray, the window icon and the screens that show the deadline
board get the same `Health`, computed once, never on the GUI thread.

The daily history of the metrics (services.history, the trend charts) follows the same
writes: after an import the days its records reach, after a change made in the app the
whole range; in the runner's "history" job, else in the writer thread.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject

from core.clock import Clock
from core.health import Health
from gui.bridge import Bridge
from gui.operations import Ops
from services.changes import Changes
from services.health import refresh_health
from services.history import history_changes, update_history
from storage.db import Store

if TYPE_CHECKING:
    from datetime import datetime

log = logging.getLogger(__name__)


class Recomputer(Protocol):
    """The part of the job runner the feed uses (gui.scheduler.JobRunner)."""

    @property
    def running(self) -> bool: ...

    def run_now(self, name: str) -> None: ...

    @property
    def history(self) -> HistoryJob: ...


class HistoryJob:
    """The job runner's "history" job: `ask(whole)` from any thread, `run()` in a job thread."""

    def __init__(self, store: Store, bridge: Bridge, clock: Clock) -> None:
        self._store = store
        self._bridge = bridge
        self._clock = clock
        self._lock = threading.Lock()
        self._whole = False  # the next run recomputes every day

    def ask(self, whole: bool) -> None:
        with self._lock:
            self._whole = self._whole or whole

    def run(self) -> None:
        """Store the finished days' values (services.history); the charts reload."""
        with self._lock:
            whole, self._whole = self._whole, False
        changes = update_history(self._store, self._clock(), whole=whole).changes
        if changes:
            self._bridge.changed.emit(changes)


def publish(bridge: Bridge, health: Health) -> None:
    """Hand fresh numbers to every listener; safe from a job thread (Qt queues it)."""
    bridge.metrics_changed.emit(health)


class HealthFeed(QObject):
    """Recomputes after writes that touch metric inputs; `request()` recomputes now."""

    def __init__(
        self, store: Store, bridge: Bridge, clock: Clock, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._clock = clock
        self._ops = Ops(store, bridge)
        self.runner: Recomputer | None = None  # set while background jobs run
        self._busy = False  # a background recompute is under way
        self._again = False  # and another was asked for meanwhile
        self._history_busy = False
        self._history_again: bool | None = None  # asked again meanwhile (True: whole range)
        bridge.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.metric_inputs:
            self.request()
        if history_changes(changes):
            self.request_history(whole=not changes.imports)

    def request_history(self, whole: bool = False) -> None:
        """Bring the daily history up to date: the range imports reach, or every day."""
        if self.runner is not None and self.runner.running:
            self.runner.history.ask(whole)
            self.runner.run_now("history")
            return
        if self._history_busy:
            self._history_again = bool(self._history_again) or whole
            return
        self._history_busy = True
        now: datetime = self._clock()
        self._ops.write(
            lambda store: update_history(store, now, whole=whole).changes,
            parent=self,
            success=lambda _changes: self._history_done(),
            failure=self._history_failed,
        )

    def _history_done(self) -> None:
        self._history_busy = False
        again, self._history_again = self._history_again, None
        if again is not None:
            self.request_history(again)

    def _history_failed(self, exc: Exception) -> None:
        log.error("computing the daily history failed", exc_info=exc)
        self._history_done()

    def request(self) -> None:
        """New numbers as soon as possible; requests during a recompute coalesce into one."""
        if self.runner is not None and self.runner.running:
            self.runner.run_now("recompute")
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        now: datetime = self._clock()
        self._ops.query(
            lambda store: refresh_health(store, now),
            self._done,
            parent=self,
            failure=self._failed,
        )

    def _done(self, health: Health) -> None:
        publish(self._bridge, health)
        self._finish()

    def _failed(self, exc: Exception) -> None:
        log.error("recomputing the metrics failed", exc_info=exc)
        self._finish()
        reason = str(exc).strip().rstrip(".") or type(exc).__name__
        self._bridge.job_failed.emit("recompute", f"The numbers could not be computed ({reason}).")

    def _finish(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.request()
