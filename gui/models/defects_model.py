"""The Defects table: the rows of core.defects, with an editable Status column.

Sorting happens here, on the row list with one key per row, so sorting or reloading
ten thousand defects never calls `data()` once per comparison; the filter proxy
(gui.models.filters.DefectsFilter) hands its sort requests to this model. Each row's
search key (order, SKUs, the buyer's comment...) is made once, when the rows arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from core.defects import STATUS_LABELS, STATUSES, DefectRow, kind_label
from core.labels import label
from core.search import search_key
from gui.display import day, when
from gui.models.base import HeaderedTableModel
from gui.plain import plain_tip

AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "Kind",
    "Order",
    "Counts in ODR",
    "Why not",
    "Removal",
    "Status",
    "Ages out",
    "Date",
    "Channel",
    "Details",
)
KIND, ORDER, COUNTS, WHY_NOT, REMOVAL, STATUS, AGES_OUT, DATE, CHANNEL, DETAILS = range(
    len(COLUMNS)
)
CHANNEL_LABELS = {key: label("channel", key) for key in ("afn", "mfn")}

SortRole = Qt.ItemDataRole.UserRole + 1
RefRole = Qt.ItemDataRole.UserRole + 2
COUNTS_FG = QColor("#9f1c1c")
NEUTRAL_FG = QColor("#5a5a5a")
StatusEdit = Callable[[DefectRow, str], None]


def display(r: DefectRow, col: int) -> str:
    """The text of one cell."""
    if col == KIND:
        return kind_label(r)
    if col == ORDER:
        return r.order_id
    if col == DATE:
        return when(r.at)
    if col == CHANNEL:
        return CHANNEL_LABELS.get(r.channel, "unknown")
    if col == COUNTS:
        return "Yes" if r.counts else "No"
    if col == AGES_OUT:
        return day(r.ages_out) if r.ages_out else ""
    if col == STATUS:
        return STATUS_LABELS.get(r.status, r.status)
    return {WHY_NOT: r.why_not, REMOVAL: r.removal, DETAILS: r.details}.get(col, "")


def sort_value(r: DefectRow, col: int) -> float | str:
    """What a column sorts by: the time for dates, otherwise the text."""
    return r.at.timestamp() if col == DATE else display(r, col)


class DefectsModel(HeaderedTableModel):
    """Defect rows; the Status column is editable and reports edits to a callback."""

    COLUMNS = COLUMNS

    def __init__(
        self, on_status_edit: StatusEdit | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._rows: list[DefectRow] = []
        self._keys: dict[tuple[str, str], str] = {}  # (kind, ref) -> search key
        self._on_status_edit = on_status_edit
        self._sort: tuple[int, Qt.SortOrder] | None = None

    @property
    def rows(self) -> list[DefectRow]:
        return self._rows

    def set_rows(self, rows: Sequence[DefectRow], skus: Mapping[str, str] | None = None) -> None:
        """Show `rows`; `skus` (order id -> its SKUs) lets the search find them by product."""
        found = skus or {}
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = {
            (r.kind, r.ref): search_key(
                r.order_id, r.ref, found.get(r.order_id), r.details, kind_label(r), r.why_not
            )
            for r in self._rows
        }
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def row_at(self, row: int) -> DefectRow:
        return self._rows[row]

    def search_key(self, row: DefectRow) -> str:
        return self._keys.get((row.kind, row.ref), "")

    def row_of_ref(self, ref: str) -> int | None:
        for i, r in enumerate(self._rows):
            if r.ref == ref:
                return i
        for i, r in enumerate(self._rows):
            if r.order_id == ref:
                return i
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == STATUS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return display(r, col)
        if role == Qt.ItemDataRole.EditRole:
            return r.status if col == STATUS else display(r, col)
        if role == SortRole:
            return sort_value(r, col)
        if role == RefRole:
            return r.ref
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COUNTS and r.counts:
                return COUNTS_FG
            return NEUTRAL_FG if r.neutral and col in (KIND, WHY_NOT) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = {
                REMOVAL: r.removal_note or None,
                COUNTS: "Counts toward the Order Defect Rate right now",
                WHY_NOT: r.why_not,
                DETAILS: r.details,
            }
            return plain_tip(tips.get(col))  # details quote the buyer's comment
        return None

    def setData(  # noqa: N802
        self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != STATUS:
            return False
        status = str(value)
        r = self._rows[index.row()]
        if status not in STATUSES or status == r.status:
            return False
        if self._on_status_edit is not None:
            self._on_status_edit(r, status)
        self._rows[index.row()] = replace(r, status=status)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows themselves: one key per row, persistent indexes follow."""
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [(self._rows[i.row()], i.column()) for i in before]
        self._sort_rows(column, order)
        position = {id(r): n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(before, [self.index(position[id(r)], c) for r, c in moved])
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        descending = order == Qt.SortOrder.DescendingOrder
        self._rows.sort(key=lambda r: sort_value(r, column), reverse=descending)
