"""The tray icon: the app's icon with the worst metric status as a badge, the summary
as its tooltip.

The menu is rebuilt each time it opens so counts are current; a left click
toggles the window. Repaints on bridge.metrics_changed (a core.health.Health).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from core.deadline_history import split_history
from core.deadlines import DeadlineItem
from core.health import Health
from core.metrics import MetricsResult
from gui.app_icon import app_status_icon
from gui.bridge import Bridge
from gui.display import clock_time
from gui.widgets.metric_text import pct
from gui.widgets.status import style_for, worst_status


class TrayWindow(Protocol):
    """What the tray asks of the main window."""

    def show_window(self) -> None: ...
    def toggle_visible(self) -> None: ...
    def open_import_dialog(self) -> None: ...
    def show_screen(self, name: str) -> None: ...
    def request_quit(self) -> None: ...


def metrics_status(metrics: MetricsResult) -> str:
    """The worst status of the four headline metrics (ODR: its worst channel)."""
    return worst_status(
        rate.status
        for rate in (metrics.odr.rate, metrics.lrr.rate, metrics.nfr.rate, metrics.rdr.rate)
    )


def health_status(health: Health | None) -> str:
    """ok / warning / breach, or no_data before the first numbers."""
    return "no_data" if health is None else metrics_status(health.metrics)


def due_counts(board: Iterable[DeadlineItem]) -> tuple[int, int, int]:
    """(messages overdue, messages due soon, all items overdue or due soon)."""
    overdue = soon = urgent = 0
    for item in board:
        if item.state not in ("overdue", "due_soon"):
            continue
        urgent += 1
        if item.kind == "message":
            if item.state == "overdue":
                overdue += 1
            else:
                soon += 1
    return overdue, soon, urgent


def tray_summary(
    metrics: MetricsResult | None, board: Iterable[DeadlineItem], soon_hours: int = 4
) -> str:
    """'ODR 0.63 % · LRR 16.67 % · 2 messages due in 4 h' (+ overdue count)."""
    parts = []
    if metrics is not None:
        parts += [f"ODR {pct(metrics.odr.rate.value)}", f"LRR {pct(metrics.lrr.rate.value)}"]
    overdue, soon, _ = due_counts(board)
    if overdue:
        parts.append(f"{overdue} message{'s' if overdue != 1 else ''} overdue")
    if soon:
        parts.append(f"{soon} message{'s' if soon != 1 else ''} due in {soon_hours} h")
    if not parts:
        return "Account Health Monitor: no data yet"
    return " \u00b7 ".join(parts)


class TrayIcon(QSystemTrayIcon):
    """Status icon, summary tooltip and menu; the window does what the menu asks."""

    def __init__(
        self,
        window: TrayWindow,
        bridge: Bridge,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.bridge = bridge
        self.clock = clock
        self.status = "no_data"
        self.urgent = 0
        self.pause_handler: Callable[[float], object] | None = None
        self.quit_handler: Callable[[], None] | None = None
        self.paused_until: datetime | None = None
        self.setIcon(app_status_icon(self.status))
        self.setToolTip("Account Health Monitor: no data yet")
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.setContextMenu(self.menu)
        self.rebuild_menu()
        self.activated.connect(self._on_activated)
        bridge.metrics_changed.connect(self.show_health)

    def show_health(self, health: Health) -> None:
        self.status = health_status(health)
        board, _history = split_history(health.board, health.first_imports)  # no alarm
        self.urgent = due_counts(board)[2]
        self.setIcon(app_status_icon(self.status))
        summary = tray_summary(health.metrics, board)
        self.setToolTip(f"{summary}\nStatus: {style_for(self.status).label}")

    def rebuild_menu(self) -> None:
        self.menu.clear()
        self.open_action = self._add("Open Account Health Monitor", self.window.show_window)
        self.import_action = self._add("Import report\u2026", self.window.open_import_dialog)
        self.inbox_action = self._add(f"Inbox ({self.urgent} due)", lambda: self._show("inbox"))
        self.menu.addSeparator()
        self.pause_action = self._add("Pause warnings for 1 h", self._pause)
        self.pause_action.setEnabled(self.pause_handler is not None)
        if self.paused_until is not None and self.paused_until > self.clock():
            local = clock_time(self.paused_until)
            self.pause_action.setText(f"Pause warnings for 1 h (paused until {local})")
        self.menu.addSeparator()
        self.quit_action = self._add("Quit", self._quit)

    def _add(self, text: str, slot: Callable[[], object]) -> QAction:
        action = self.menu.addAction(text)
        action.triggered.connect(lambda _=False: slot())
        return action

    def _show(self, screen: str) -> None:
        self.window.show_window()
        self.window.show_screen(screen)

    def _pause(self) -> None:
        if self.pause_handler is not None:
            self.pause_handler(1)
            self.paused_until = self.clock() + timedelta(hours=1)

    def _quit(self) -> None:
        if self.quit_handler is not None:
            self.quit_handler()
        else:
            self.window.request_quit()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.window.toggle_visible()
