"""The tray icon: its colour is the worst metric status, its tooltip the summary.

The menu is rebuilt each time it opens so counts are current; a left click
toggles the window. Repaints on bridge.metrics_changed (a core.health.Health).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from gui.tray_icons import status_icon
from gui.widgets.metric_text import metrics_json, pct
from gui.widgets.status import style_for, worst_status

METRIC_KEYS = (
    "order_defect_rate",
    "late_response_rate",
    "negative_feedback_rate",
    "return_dissatisfaction_rate",
)


def payload_status(payload: Any) -> str:
    metrics = metrics_json(payload)
    return worst_status(metrics.get(k, {}).get("status") for k in METRIC_KEYS)


def due_counts(board: Iterable[Any]) -> tuple[int, int, int]:
    """(messages overdue, messages due soon, all items overdue or due soon)."""
    overdue = soon = urgent = 0
    for item in board:
        state = getattr(item, "state", None)
        if state not in ("overdue", "due_soon"):
            continue
        urgent += 1
        if getattr(item, "kind", "") == "message":
            if state == "overdue":
                overdue += 1
            else:
                soon += 1
    return overdue, soon, urgent


def tray_summary(metrics: dict[str, Any], board: Iterable[Any], soon_hours: int = 4) -> str:
    """'ODR 0.63 % · LRR 16.67 % · 2 messages due in 4 h' (+ overdue count)."""
    parts = []
    for key, short in (("order_defect_rate", "ODR"), ("late_response_rate", "LRR")):
        m = metrics.get(key)
        if m is not None:
            parts.append(f"{short} {pct(m.get('value'))}")
    overdue, soon, _ = due_counts(board)
    if overdue:
        parts.append(f"{overdue} message{'s' if overdue != 1 else ''} overdue")
    if soon:
        parts.append(f"{soon} message{'s' if soon != 1 else ''} due in {soon_hours} h")
    if not parts:
        return "Account Health Monitor: no data yet"
    return " \u00b7 ".join(parts)


class TrayIcon(QSystemTrayIcon):
    """Needs a window with show_window/toggle_visible/open_import_dialog/show_screen."""

    def __init__(
        self,
        window: Any,
        bridge: Any,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.bridge = bridge
        self.clock = clock
        self.status = "no_data"
        self.urgent = 0
        self.pause_handler: Callable[[float], None] | None = None
        self.quit_handler: Callable[[], None] | None = None
        self.paused_until: datetime | None = None
        self.setIcon(status_icon(self.status))
        self.setToolTip("Account Health Monitor: no data yet")
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.setContextMenu(self.menu)
        self.rebuild_menu()
        self.activated.connect(self._on_activated)
        bridge.metrics_changed.connect(self.show_health)

    def show_health(self, payload: Any) -> None:
        metrics = metrics_json(payload)
        board = list(getattr(payload, "board", None) or [])
        self.status = worst_status(metrics.get(k, {}).get("status") for k in METRIC_KEYS)
        self.urgent = due_counts(board)[2]
        self.setIcon(status_icon(self.status))
        summary = tray_summary(metrics, board)
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
            local = self.paused_until.astimezone().strftime("%H:%M")
            self.pause_action.setText(f"Pause warnings for 1 h (paused until {local})")
        self.menu.addSeparator()
        self.quit_action = self._add("Quit", self._quit)

    def _add(self, text: str, slot: Callable[[], Any]) -> QAction:
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
