"""Tray balloons for warnings: decided by core.notifier, remembered in the warnings table.

Runs in the GUI thread. Each `bridge.alerts_raised` batch (the full list of
warnings that hold now) goes through `core.notifier.decide` with the stored
memory and preferences; what is new is shown as one balloon and recorded, and
a click on the balloon navigates to the warning's screen and row.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from core.clock import Clock
from core.notifier import NotifyPrefs, decide, parse_hhmm
from gui.bridge import Bridge
from storage.db import Store
from storage.repository.warnings import (
    critical_in_quiet_hours,
    load_memory,
    mark_resolved,
    notifications_enabled,
    paused_until,
    quiet_hours,
    record_shown,
    set_paused_until,
    snooze,
)

log = logging.getLogger(__name__)

MESSAGE_MSECS = 10_000
WARNINGS_SCREEN = "warnings"

_ICONS = {
    "critical": QSystemTrayIcon.MessageIcon.Critical,
    "warning": QSystemTrayIcon.MessageIcon.Warning,
    "info": QSystemTrayIcon.MessageIcon.Information,
}


def message_icon(severity: str) -> QSystemTrayIcon.MessageIcon:
    return _ICONS.get(severity, QSystemTrayIcon.MessageIcon.Information)


class Notifier(QObject):
    """Shows warnings as tray messages, once, honouring snooze, pause and quiet hours.

    `tray` is a QSystemTrayIcon (or any object with `showMessage` and a
    `messageClicked` signal), or None when the desktop has no tray.
    """

    shown = Signal(object)  # list of alerts just shown
    changed = Signal()  # the stored warnings changed (shown, resolved, snoozed, paused)

    def __init__(
        self,
        store: Store,
        bridge: Bridge,
        tray: Any,
        clock: Clock,
        parent: QObject | None = None,
        *,
        local_tz: tzinfo | None = None,
        msecs: int = MESSAGE_MSECS,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.bridge = bridge
        self.tray = tray
        self.clock = clock
        self.tz = local_tz
        self.msecs = msecs
        self.last_message: tuple[str, str] | None = None  # (screen, ref) of the last balloon
        bridge.alerts_raised.connect(self.on_alerts)
        if tray is not None:
            tray.messageClicked.connect(self.on_message_clicked)

    def prefs(self) -> NotifyPrefs:
        db = self.store.db
        start, end = quiet_hours(db)
        return NotifyPrefs(
            paused_until(db),
            parse_hhmm(start),
            parse_hhmm(end),
            self.tz,
            critical_in_quiet=critical_in_quiet_hours(db),
        )

    def on_alerts(self, alerts: Sequence[Any]) -> None:
        """Decide, show, remember; a storage error is logged, never raised into Qt."""
        try:
            self._handle(list(alerts or []))
        except Exception:
            log.exception("showing warnings failed")

    def _handle(self, alerts: list[Any]) -> None:
        db = self.store.db
        now = self.clock()
        decision = decide(alerts, load_memory(db), now, self.prefs())
        if decision.resolved:
            mark_resolved(db, decision.resolved, now)
        if decision.show:
            record_shown(db, decision.show, now)
            self._show(list(decision.show))
            self.shown.emit(list(decision.show))
        if decision.resolved or decision.show:
            self.changed.emit()

    def _show(self, alerts: list[Any]) -> None:
        """One balloon: the most severe warning, with a count of the others."""
        first = alerts[0]
        if len(alerts) == 1:
            detail = first.detail
            self.last_message = (first.screen, first.ref)
        else:
            more = len(alerts) - 1
            detail = f"{first.detail} (+{more} more warning{'s' if more > 1 else ''})".strip()
            self.last_message = (WARNINGS_SCREEN, "")
        if self.tray is not None and notifications_enabled(self.store.db):
            self.tray.showMessage(first.title, detail, message_icon(first.severity), self.msecs)

    def on_message_clicked(self) -> None:
        if self.last_message is not None:
            self.bridge.navigate.emit(*self.last_message)

    def pause(self, hours: float = 1.0) -> datetime:
        """ "Pause warnings for 1 h"; held warnings show at the first check after it."""
        until = self.clock() + timedelta(hours=hours)
        set_paused_until(self.store.db, until)
        self.changed.emit()
        return until

    def resume(self) -> None:
        set_paused_until(self.store.db, None)
        self.changed.emit()

    def snooze(self, key: str, until: datetime) -> bool:
        done = snooze(self.store.db, key, until)
        if done:
            self.changed.emit()
        return done
