"""The Warnings screen: what the tray showed, snoozed or saw resolve, with Snooze and Open.

Its data is `services.warnings.warnings_page`, the same memory the tray notifier
uses, so a snooze here holds the tray message too.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.alerts import Alert
from core.clock import Clock
from core.notifier import WarningRow, snooze_for, tomorrow_morning
from gui.bridge import Bridge
from gui.export import export_button
from gui.models.warnings_model import (
    COLUMNS,
    DETAIL,
    TITLE,
    WarningsModel,
    local_text,
)
from gui.views.screen import Screen
from gui.views.table_sizing import fit_columns
from gui.widgets.search_box import SearchBox
from services.changes import Changes
from services.warnings import WarningsPage, snooze_warning, warnings_page
from storage.db import Store

log = logging.getLogger(__name__)


EMPTY_TEXT = (
    "No warnings yet. While the app runs it checks your numbers every 15 minutes and "
    "your deadlines every minute, and warns here and in the tray before a threshold is "
    "breached or a deadline passes."
)


class WarningsView(Screen):
    screen_name = "warnings"

    def __init__(
        self, store: Store, bridge: Bridge, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self._links: dict[str, tuple[str, str]] = {}  # key -> (screen, ref) of live alerts
        self.model = WarningsModel(parent=self)
        self._build()
        bridge.alerts_raised.connect(self._on_alerts)
        self.refresh()

    def _build(self) -> None:
        self.intro = QLabel(
            "Warnings the tray showed. Each one is shown once until it changes; "
            "snooze one to be reminded later.",
            self,
        )
        self.intro.setWordWrap(True)
        self.paused = QLabel(self)
        self.empty = QLabel(EMPTY_TEXT, self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.columns = fit_columns(
            self.table, "warnings", elastic=(TITLE, DETAIL), key=tuple(range(len(COLUMNS)))
        )
        self.table.selectionModel().selectionChanged.connect(self._sync_buttons)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())

        self.snooze_hour = QPushButton("Snooze &1 h", self)
        self.snooze_tomorrow = QPushButton("Snooze until &tomorrow", self)
        self.open_button = QPushButton("&Open", self)
        self.snooze_hour.clicked.connect(lambda: self.snooze_selected(snooze_for(self._clock())))
        self.snooze_tomorrow.clicked.connect(
            lambda: self.snooze_selected(tomorrow_morning(self._clock()))
        )
        self.open_button.clicked.connect(self.open_selected)
        buttons = QHBoxLayout()
        for b in (self.snooze_hour, self.snooze_tomorrow, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(export_button(self, self.table, "warnings"))

        layout = QVBoxLayout(self)
        self.search = SearchBox(self, self._search, "Search warnings, order IDs (Ctrl+F)")
        head = QHBoxLayout()
        head.addWidget(self.intro, 1)
        head.addWidget(self.search)
        head.addWidget(self.updating_label)
        layout.addLayout(head)
        layout.addWidget(self.paused)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)

    # --- data ---------------------------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        return changes.warnings or changes.settings

    def reload(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Load the list in the background; the selected warning stays selected."""
        now = self._clock()
        self.fetch(lambda store: warnings_page(store, now), self._show_page)

    def _show_page(self, page: WarningsPage) -> None:
        key = self.selected_key()
        now = self._clock()
        rows, until = page.rows, page.paused_until
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if until is not None and until > now:
            self.paused.setText(f"Warnings are paused until {local_text(until)}.")
            self.paused.show()
        else:
            self.paused.hide()
        if key is not None:
            self.select_key(key)
        self._sync_buttons()

    def _search(self, text: str) -> None:
        self.model.set_search(text)
        self._sync_buttons()

    def _on_alerts(self, alerts: Sequence[Alert]) -> None:
        self._links = {a.key: (a.screen, a.ref) for a in alerts or []}
        QTimer.singleShot(0, self.refresh)  # after the notifier has stored what it showed

    # --- selection and actions ---------------------------------------------------------

    def selected_row(self) -> WarningRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_key(self) -> str | None:
        row = self.selected_row()
        return row.key if row is not None else None

    def select_key(self, key: str) -> bool:
        row = self.model.row_of(key)
        if row < 0:
            return False
        self.table.selectRow(row)
        return True

    def link_for(self, key: str) -> tuple[str, str] | None:
        return self._links.get(key)

    def _sync_buttons(self, *_args: object) -> None:
        row = self.selected_row()
        active = row is not None and row.status != "resolved"
        self.snooze_hour.setEnabled(active)
        self.snooze_tomorrow.setEnabled(active)
        self.open_button.setEnabled(row is not None and row.key in self._links)

    def snooze_selected(self, until: datetime) -> bool:
        """Snooze the selected warning; False when nothing snoozable is selected."""
        row = self.selected_row()
        if row is None or row.status == "resolved":
            return False
        key = row.key
        self.write(lambda store: snooze_warning(store, key, until))
        return True

    def open_selected(self) -> bool:
        key = self.selected_key()
        link = self._links.get(key) if key is not None else None
        if link is None:
            return False
        self._bridge.navigate.emit(*link)
        return True
