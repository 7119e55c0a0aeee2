"""The import history table: one row per import attempt, newest first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from core.clock import parse_iso

KIND_NAMES = {
    "orders": "Orders",
    "feedback": "Feedback",
    "returns_fbm": "FBM returns",
    "returns_fba": "FBA returns",
    "performance": "Performance report",
    "messages": "Messages (CSV)",
    "claims": "Claims (CSV)",
    "email": "Messages (e-mail)",
}
OUTCOME_NAMES = {"ok": "Imported", "refused": "Refused", "cancelled": "Cancelled"}
OUTCOME_COLORS = {"refused": "#c62828", "cancelled": "#9a6700"}

COLUMNS = ("Time", "File", "Kind", "Added", "Updated", "Unchanged", "Outcome", "Message")
NUMERIC = {3, 4, 5}

AnyIndex = QModelIndex | QPersistentModelIndex


def local_time(text: str | None) -> str:
    """Stored UTC instant -> local 'YYYY-MM-DD HH:MM' for people."""
    if not text:
        return ""
    try:
        dt: datetime = parse_iso(text)
    except ValueError:
        return text
    return dt.astimezone().strftime("%Y-%m-%d %H:%M")


class ImportsModel(QAbstractTableModel):
    """Rows are plain dicts from storage.imports.history.import_history."""

    def __init__(self, rows: Sequence[Mapping[str, Any]] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Mapping[str, Any]] = list(rows)

    def set_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_dict(self, row: int) -> Mapping[str, Any]:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, col, tooltip=role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.ForegroundRole and col in (6, 7):
            color = OUTCOME_COLORS.get(str(row.get("outcome")))
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: Mapping[str, Any], col: int, *, tooltip: bool) -> str | None:
        outcome = str(row.get("outcome") or "")
        if col == 0:
            return local_time(row.get("finished_at") or row.get("started_at"))
        if col == 1:
            return str(row.get("file_name") or "")
        if col == 2:
            kind = row.get("kind")
            return KIND_NAMES.get(str(kind), str(kind)) if kind else "unknown"
        if col in NUMERIC:
            if outcome != "ok":
                return "" if not tooltip else None
            key = ("added", "updated", "unchanged")[col - 3]
            return str(row.get(key) or 0)
        if col == 6:
            return OUTCOME_NAMES.get(outcome, outcome)
        if col == 7:
            if outcome == "cancelled":
                return "Cancelled - nothing from this file was imported."
            return str(row.get("error") or "")
        return None
