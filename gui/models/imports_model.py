"""The import history table: one row per import attempt, newest first, loaded page by page.

Each row names the report Amazon's way ("All Orders (XML)", "Unshipped Orders"),
its rows added/updated/unchanged, and in the message column an orders file's
orders and lines and the import's notes (rows skipped, statuses kept as written),
or the sentence that refused the file.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from core.format import count_noun, format_count
from core.import_history import ImportAttempt
from gui.display import when
from gui.models.base import AnyIndex
from gui.models.paged import PagedTableModel
from gui.plain import plain_tip
from services.pages import Page

KIND_NAMES = {
    "orders": "Orders",
    "orders_fbm": "FBM orders",
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

COLUMNS = ("Time", "File", "Report", "Added", "Updated", "Unchanged", "Outcome", "Message")
TIME, FILE, KIND, ADDED, UPDATED, UNCHANGED, OUTCOME, MESSAGE = range(len(COLUMNS))
NUMERIC = {ADDED, UPDATED, UNCHANGED}


def ok_message(row: ImportAttempt) -> str:
    """An imported file's orders and lines, then its notes: "871 orders (1,387 lines); ..."."""
    said: list[str] = []
    if row.orders is not None and row.lines is not None:
        said.append(f"{count_noun(row.orders, 'order')} ({count_noun(row.lines, 'line')})")
    return "; ".join([*said, *row.notes])


def local_time(dt: datetime | None) -> str:
    """An instant in the zone the seller chose, with its zone."""
    return when(dt) if dt else ""


class ImportsModel(PagedTableModel[ImportAttempt]):
    """Rows are `core.import_history.ImportAttempt`s (services.imports.import_history_page)."""

    COLUMNS = COLUMNS

    def __init__(
        self, rows: list[ImportAttempt] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        if rows:
            self.set_page(Page(list(rows), 0, False))

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Vertical
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._rows)
        ):
            return str(section + 1)
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col, tooltip=False)
        if role == Qt.ItemDataRole.ToolTipRole:  # file names and refusals come from files
            return plain_tip(self._text(row, col, tooltip=True))
        if role == Qt.ItemDataRole.ForegroundRole and col in (OUTCOME, MESSAGE):
            color = OUTCOME_COLORS.get(row.outcome)
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(row: ImportAttempt, col: int, *, tooltip: bool) -> str | None:
        if col == TIME:
            return local_time(row.time)
        if col == FILE:
            return row.file_name
        if col == KIND:
            if row.report:
                return row.report
            return KIND_NAMES.get(row.kind, row.kind) if row.kind else "unknown"
        if col in NUMERIC:
            if row.outcome != "ok":
                return "" if not tooltip else None
            return format_count((row.added, row.updated, row.unchanged)[col - ADDED])
        if col == OUTCOME:
            return OUTCOME_NAMES.get(row.outcome, row.outcome)
        if col == MESSAGE:
            if row.outcome == "cancelled":
                return "Cancelled - nothing from this file was imported."
            if row.outcome != "ok":
                return row.error or ""
            return ok_message(row)
        return None
