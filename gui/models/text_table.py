"""Read-only text tables of the Amazon vs ours screen, and their cells.

`TextTableModel` shows rows of any one type through a cell function; the cell functions
for the ODR comparison, the shipping metrics and the AHR history live beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from core.ahr import BAND_LABELS, ahr_band
from core.reconciliation import ChannelReconciliation, ShippingRow, pct, span_text
from gui.display import day
from gui.plain import plain_tip
from gui.widgets.status import style_for
from storage.repository.ahr_store import AhrReading

AnyIndex = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
OdrRow = tuple[str, str, list[ChannelReconciliation]]  # label, attribute, both channels

ODR_ROWS = (
    ("Orders", "orders"),
    ("Defective orders", "defective"),
    ("A-to-z claims", "claims"),
    ("Chargebacks", "chargebacks"),
    ("Negative feedback", "negative_feedback"),
    ("ODR", "rate"),
    ("Status", "status"),
)
DIFF_COLOR = QColor("#9f1c1c")


def status_word(status: str) -> str:
    style = style_for(status)
    return f"{style.symbol} {style.label}"


class TextTableModel(QAbstractTableModel, Generic[R]):
    """Read-only rows of any objects; `cell(row, column)` gives the text, a cell for which
    `status(row, column)` names a status is painted like a pill (word, symbol and colour),
    and `flag(row, column)` marks a cell that differs from Amazon's."""

    def __init__(
        self,
        headers: Sequence[str],
        cell: Callable[[R, int], str],
        parent: QObject | None = None,
        *,
        status: Callable[[R, int], str | None] | None = None,
        flag: Callable[[R, int], bool] | None = None,
        tip: Callable[[R, int], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[R] = []
        self._cell, self._flag, self._tip = cell, flag, tip
        self._status = status or (lambda _row, _col: None)

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        status = self._status(row, col)
        if role == Qt.ItemDataRole.DisplayRole:
            return status_word(status) if status else self._cell(row, col)
        if status and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            style = style_for(status)
            bg = role == Qt.ItemDataRole.BackgroundRole
            return style.fill_color if bg else style.text_color
        if role == Qt.ItemDataRole.ForegroundRole and self._flag and self._flag(row, col):
            return DIFF_COLOR
        if role == Qt.ItemDataRole.FontRole and self._flag and self._flag(row, col):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and self._tip:
            return plain_tip(self._tip(row, col))
        return None


def odr_cell(row: OdrRow, col: int) -> str:
    label, attr, channels = row
    if col == 0:
        return label
    chan = channels[(col - 1) // 2]
    side = chan.amazon if col % 2 == 1 else chan.ours
    value = getattr(side, attr)
    if attr == "rate":
        return pct(value)
    if attr == "status":
        return str(value)
    return "\u2014" if value is None else f"{value:,}"


def odr_differs(row: OdrRow, col: int) -> bool:
    label, attr, channels = row
    if col == 0 or col % 2 == 1 or attr in ("status", "rate"):
        return False
    chan = channels[(col - 1) // 2]
    theirs = getattr(chan.amazon, attr)
    return theirs is not None and theirs != getattr(chan.ours, attr)


def odr_status(row: OdrRow, col: int) -> str | None:
    return odr_cell(row, col) if row[1] == "status" and col > 0 else None


def shipping_status(s: ShippingRow, col: int) -> str | None:
    return s.amazon_status if col == 3 else s.status if col == 4 else None


def shipping_cell(s: ShippingRow, col: int) -> str:
    window = span_text(s.days) if s.days else ""
    target = f"{s.condition} {s.target:g} %" if s.target is not None else "\u2014"
    return [s.title, pct(s.rate), target, s.amazon_status, s.status, window, s.room][col]


def history_cell(r: AhrReading, col: int) -> str:
    if col == 0:
        return day(r.at)
    if col == 1:
        return str(r.score)
    if col == 2:
        return BAND_LABELS[ahr_band(r.score)]
    return "typed in" if r.source == "manual" else "Amazon's report"
