"""Tray balloons for warnings: decided and remembered by `services.notifier`, shown here.

Each `bridge.alerts_raised` batch (the full list of warnings that hold now) goes to
the writer thread, which decides what is new (core.notifier) and records it; back on
the GUI thread the new ones become one balloon, and a click on it navigates to the
warning's screen and row. Batches, pauses and snoozes are writes in one thread, so
they keep their order; the GUI thread never touches the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtWidgets import QSystemTrayIcon

from core.alerts import Alert
from core.clock import Clock
from gui.bridge import Bridge
from gui.operations import Ops
from gui.plain import tray_text
from services.changes import Changes
from services.notifier import Notice, notify, pause_warnings
from services.warnings import snooze_warning
from storage.db import Store

MESSAGE_MSECS = 10_000
WARNINGS_SCREEN = "warnings"

_ICONS = {
    "critical": QSystemTrayIcon.MessageIcon.Critical,
    "warning": QSystemTrayIcon.MessageIcon.Warning,
    "info": QSystemTrayIcon.MessageIcon.Information,
}


def message_icon(severity: str) -> QSystemTrayIcon.MessageIcon:
    return _ICONS.get(severity, QSystemTrayIcon.MessageIcon.Information)


class MessageTray(Protocol):
    """What the notifier needs of a tray: QSystemTrayIcon, or a fake in tests."""

    @property
    def messageClicked(self) -> SignalInstance: ...  # noqa: N802 - Qt's name

    def showMessage(  # noqa: N802 - Qt's name
        self, title: str, msg: str, icon: QSystemTrayIcon.MessageIcon, msecs: int
    ) -> None: ...


class Notifier(QObject):
    """Shows warnings as tray messages, once, honouring snooze, pause and quiet hours.

    `tray` is None when the desktop has no tray (the warnings list still fills).
    """

    shown = Signal(object)  # list of alerts just shown

    def __init__(
        self,
        store: Store,
        bridge: Bridge,
        tray: MessageTray | None,
        clock: Clock,
        parent: QObject | None = None,
        *,
        local_tz: tzinfo | None = None,
        msecs: int = MESSAGE_MSECS,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.tray = tray
        self.clock = clock
        self.tz = local_tz
        self.msecs = msecs
        self.ops = Ops(store, bridge)
        self.last_message: tuple[str, str] | None = None  # (screen, ref) of the last balloon
        bridge.alerts_raised.connect(self.on_alerts)
        if tray is not None:
            tray.messageClicked.connect(self.on_message_clicked)

    def on_alerts(self, alerts: Sequence[Alert]) -> None:
        """Decide and remember in the writer thread; show the result here."""
        batch, now, tz = list(alerts or []), self.clock(), self.tz
        notices: list[Notice] = []

        def decide(store: Store) -> Changes:
            notice = notify(store, batch, now, tz)
            notices.append(notice)
            return notice.changes

        self.ops.write(decide, parent=self, success=lambda _c: self._show(notices[0]))

    def _show(self, notice: Notice) -> None:
        """One balloon: the most severe warning, with a count of the others."""
        alerts = notice.show
        if not alerts:
            return
        first = alerts[0]
        if len(alerts) == 1:
            detail = first.detail
            self.last_message = (first.screen, first.ref)
        else:
            more = len(alerts) - 1
            detail = f"{first.detail} (+{more} more warning{'s' if more > 1 else ''})".strip()
            self.last_message = (WARNINGS_SCREEN, "")
        if self.tray is not None and notice.balloons:
            self.tray.showMessage(
                tray_text(first.title), tray_text(detail), message_icon(first.severity), self.msecs
            )
        self.shown.emit(list(alerts))

    def on_message_clicked(self) -> None:
        if self.last_message is not None:
            self.bridge.navigate.emit(*self.last_message)

    def pause(self, hours: float = 1.0) -> datetime:
        """ "Pause warnings for 1 h"; held warnings show at the first check after it."""
        until = self.clock() + timedelta(hours=hours)
        self.ops.write(lambda store: pause_warnings(store, until), parent=self)
        return until

    def resume(self) -> None:
        self.ops.write(lambda store: pause_warnings(store, None), parent=self)

    def snooze(self, key: str, until: datetime, done: Callable[[bool], None] | None = None) -> None:
        """Hold a shown warning back until `until`; `done(False)` when there was none."""
        self.ops.write(
            lambda store: snooze_warning(store, key, until),
            parent=self,
            success=None if done is None else lambda changes: done(bool(changes)),
        )
