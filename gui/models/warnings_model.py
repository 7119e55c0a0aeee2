"""The warnings list: every warning the tray showed, with its snooze or resolution."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from core.notifier import WarningRow
from core.search import search_key
from gui.display import when
from gui.models.base import AnyIndex
from gui.models.searchable import SearchableTableModel
from gui.plain import plain_tip

COLUMNS = ("Time", "Severity", "Warning", "Detail", "State")
TIME, SEVERITY, TITLE, DETAIL, STATE = range(len(COLUMNS))
SEVERITY_NAMES = {"critical": "Critical", "warning": "Warning", "info": "Info"}
SEVERITY_COLORS = {"critical": "#c62828", "warning": "#9a6700"}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def local_text(dt: datetime | None) -> str:
    """An instant in the zone the seller chose, with its zone."""
    return when(dt) if dt else ""


def state_text(row: WarningRow) -> str:
    if row.status == "snoozed" and row.memory.snoozed_until is not None:
        return f"Snoozed until {local_text(row.memory.snoozed_until)}"
    return {"shown": "Shown", "resolved": "Resolved"}.get(row.status, row.status)


class WarningsModel(SearchableTableModel[WarningRow]):
    """Rows are `core.notifier.WarningRow`s, newest active first (at most the 500 newest:
    `storage.repository.warnings.history`), so the list is loaded whole, off the GUI thread."""

    COLUMNS = COLUMNS

    def __init__(self, rows: Sequence[WarningRow] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        if rows:
            self.set_rows(rows)

    def search_text(self, row: WarningRow) -> str:
        mem = row.memory
        return search_key(mem.title, mem.detail, SEVERITY_NAMES.get(mem.severity), state_text(row))

    def row_at(self, row: int) -> WarningRow:
        return self._rows[row]

    def row_of(self, key: str) -> int:
        """The row holding `key`, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.key == key), -1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        mem = row.memory
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                TIME: local_text(row.time),
                SEVERITY: SEVERITY_NAMES.get(mem.severity, mem.severity),
                TITLE: mem.title,
                DETAIL: mem.detail,
                STATE: state_text(row),
            }.get(col)
        if role == Qt.ItemDataRole.ToolTipRole and col in (TITLE, DETAIL):
            return plain_tip(f"{mem.title}\n{mem.detail}".strip())
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status == "resolved":
                return QBrush(QColor("#6b6b6b"))
            if col == SEVERITY and mem.severity in SEVERITY_COLORS:
                return QBrush(QColor(SEVERITY_COLORS[mem.severity]))
        if role == KEY_ROLE:
            return mem.key
        return None
