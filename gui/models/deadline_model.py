"""The inbox table model: every deadline of the board with a live countdown.

Message rows also carry their triage (contact type, the rule that matched) and the
escalation matrix's internal target, shown beside Amazon's own deadline.

The rows arrive prepared (`core.inbox_table.InboxTable`, built in the worker that
loaded them), so filtering is a bisection and sorting a C-level sort on a precomputed
key: no per-row Python work and no proxy re-examining every row on each tick. The view
learns rows a page at a time (`canFetchMore`/`fetchMore`), and a tick repaints only the
countdown cells the view shows. The search box and expanded history are applied in the
same pass as the filter, on keys prepared with the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from core.countdown import kind_label, state_for
from core.format import format_time_left
from core.inbox import InboxRow
from core.inbox_table import FILTERS, InboxFilter, InboxTable, SortKey, prepare_table
from core.search import search_terms
from core.settings import MetricSettings
from gui.display import when
from gui.models.base import HeaderedTableModel
from gui.plain import plain_tip

AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "Kind",
    "Time left",
    "Type",
    "Due",
    "Order",
    "Subject / details",
    "Received",
    "Buyer",
)
"""The countdown comes second so it stays in view on a narrow window; then the triage."""
KIND, COUNTDOWN, TYPE, DUE, ORDER, SUBJECT, RECEIVED, BUYER = range(len(COLUMNS))
SORT_KEYS: tuple[SortKey, ...] = (
    "kind",
    "clock",
    "type",
    "due",
    "order",
    "subject",
    "received",
    "buyer",
)
"""What each column sorts by, in column order."""

PAGE = 1000
"""Rows the view learns at a time; scrolling to the end fetches the next page."""

RefRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2
SecondsLeftRole = Qt.ItemDataRole.UserRole + 3
KindRole = Qt.ItemDataRole.UserRole + 4
TargetStateRole = Qt.ItemDataRole.UserRole + 5
"""The internal target's state (the colours follow it); None without a stricter target."""
ContactTypeRole = Qt.ItemDataRole.UserRole + 6

OVERDUE_FG = QColor("#9f1c1c")
OVERDUE_BG = QColor("#fde2e2")
DUE_SOON_FG = QColor("#7a4b00")
DUE_SOON_BG = QColor("#fff1cc")
MUTED_FG = QColor("#5f6368")

HISTORY_TIP = "Due before your first import of this report: history, not an alarm."

_ITALIC = QFont()
_ITALIC.setItalic(True)


def _fmt(dt: datetime | None) -> str:
    return when(dt) if dt is not None else ""


class DeadlineModel(HeaderedTableModel):
    """Board rows + a time-dependent filter; `tick()` refreshes the countdown."""

    COLUMNS = COLUMNS

    counts_changed = Signal()

    def __init__(
        self,
        clock: Callable[[], datetime],
        settings: MetricSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._settings = settings or MetricSettings()
        self._table = prepare_table((), self._settings)
        self._rows: list[InboxRow] = []
        self._visible: list[int] = []  # indices into the table's rows, in display order
        self._shown = 0  # how many of `_visible` the view has fetched
        self._filter: InboxFilter = "all"
        self._expanded: set[str] = set()  # kinds whose history is listed
        self._terms: tuple[str, ...] = ()
        self._now = clock().timestamp()
        self._signature: tuple[int, ...] = ()
        self._sort_column = DUE
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- loading -----------------------------------------------------------
    def set_settings(self, settings: MetricSettings) -> None:
        """The due-soon margins `set_rows` prepares rows with."""
        self._settings = settings

    def set_rows(self, rows: Sequence[InboxRow]) -> None:
        """Prepare and show rows here (tests, benchmarks); screens pass a prepared table."""
        self.set_table(prepare_table(rows, self._settings))

    def set_table(self, table: InboxTable) -> None:
        """Replace every row (a model reset)."""
        self.beginResetModel()
        self._table = table
        self._rows = list(table.rows)
        self._now = self._clock().timestamp()
        self._signature = table.signature(self._now)
        self._refilter()
        self.endResetModel()
        self.counts_changed.emit()

    def set_filter(self, name: InboxFilter) -> None:
        if name not in FILTERS:
            raise ValueError(f"unknown inbox filter {name!r}")
        if name == self._filter:
            return
        self.beginResetModel()
        self._filter = name
        self._now = self._clock().timestamp()
        self._refilter()
        self.endResetModel()

    @property
    def current_filter(self) -> InboxFilter:
        return self._filter

    def set_search(self, text: str) -> None:
        """Show only rows whose order, SKU, subject, buyer or type hold every word."""
        terms = search_terms(text)
        if terms != self._terms:
            self._reset(lambda: setattr(self, "_terms", terms))

    @property
    def searching(self) -> bool:
        return bool(self._terms)

    def expand_history(self, kind: str, expanded: bool = True) -> None:
        """List (or collapse again) the clocks of `kind` that ran out before the first import."""
        if (kind in self._expanded) != expanded:
            self._reset(lambda: self._expanded.symmetric_difference_update({kind}))

    def history_expanded(self, kind: str) -> bool:
        return kind in self._expanded

    def history_rows(self, kind: str) -> list[InboxRow]:
        """Every history row of `kind`, listed or not (what a bulk action applies to)."""
        return [self._rows[i] for i in self._table.history.get(kind, ())]

    def history_kind(self, ref: str) -> str | None:
        """The kind of the collapsed history row showing `ref`, if one does."""
        rows = self._rows
        for kind, indices in self._table.history.items():
            if any(rows[i].ref == ref or rows[i].order_id == ref for i in indices):
                return kind
        return None

    def _reset(self, change: Callable[[], object]) -> None:
        self.beginResetModel()
        change()
        self._now = self._clock().timestamp()
        self._refilter()
        self.endResetModel()
        self.counts_changed.emit()

    def _refilter(self) -> None:
        ascending = self._sort_order == Qt.SortOrder.AscendingOrder
        plain = not self._terms and not (self._expanded & self._table.history.keys())
        if plain and self._filter == "all" and self._sort_column == DUE and ascending:
            self._visible = list(self._table.board_by_due)  # prepared off the GUI thread
        else:
            self._visible = self._table.filtered(
                self._filter, self._now, self._expanded, self._terms
            )
            self._sort_visible()
        self._shown = min(len(self._visible), PAGE)

    # -- the clock ------------------------------------------------------------
    def tick(self, first: int = 0, last: int | None = None) -> None:
        """Move to the clock's now: repaint the countdown cells of rows `first`..`last`
        (default: every fetched row), refilter only when an item crossed a state
        boundary and the filter depends on it."""
        self._now = self._clock().timestamp()
        signature = self._table.signature(self._now)
        if signature != self._signature:
            self._signature = signature
            self.counts_changed.emit()
            if self._filter in ("overdue", "due_soon"):
                self.beginResetModel()
                self._refilter()
                self.endResetModel()
                return
        last = self._shown - 1 if last is None else min(last, self._shown - 1)
        if 0 <= first <= last:
            self.dataChanged.emit(self.index(first, COUNTDOWN), self.index(last, COUNTDOWN), [])

    def counts(self) -> dict[InboxFilter, int]:
        """Rows per filter at the model's current now (for the filter buttons)."""
        return self._table.counts(self._now, self._expanded)

    # -- sorting ---------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column, self._sort_order = column, order
        before = self._visible
        after = self._sorted(before)
        position = self._positions(after, before, self.persistentIndexList())
        needed = max(position.values(), default=-1) + 1
        if needed > self._shown:  # a selected row moves past the fetched pages
            self._fetch_to(needed)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()  # the views' indexes, saved for this change
        position = self._positions(after, before, old)
        self._visible = after
        self.changePersistentIndexList(
            old,
            [
                self.index(position[before[i.row()]], i.column())
                if position.get(before[i.row()], self._shown) < self._shown
                else QModelIndex()
                for i in old
            ],
        )
        self.layoutChanged.emit()

    @staticmethod
    def _positions(
        after: list[int], before: list[int], indexes: list[QModelIndex]
    ) -> dict[int, int]:
        """New display position of each row that has a persistent index."""
        wanted = {before[i.row()] for i in indexes if 0 <= i.row() < len(before)}
        if not wanted:
            return {}
        return {rid: pos for pos, rid in enumerate(after) if rid in wanted}

    def _sort_visible(self) -> None:
        self._visible = self._sorted(self._visible)

    def _sorted(self, rows: list[int]) -> list[int]:
        key = self._table.keys[SORT_KEYS[self._sort_column]]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=key.__getitem__, reverse=descending)

    # -- fetching a page at a time ----------------------------------------------
    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._shown < len(self._visible)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if not parent.isValid():
            self._fetch_to(self._shown + PAGE)

    def _fetch_to(self, count: int) -> None:
        count = min(count, len(self._visible))
        if count > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, count - 1)
            self._shown = count
            self.endInsertRows()

    # -- access for views ----------------------------------------------------
    def row_at(self, row: int) -> InboxRow:
        return self._rows[self._visible[row]]

    def row_of_ref(self, ref: str) -> int | None:
        """The visible row showing `ref` (or, failing that, an order id), or None.

        A row past the fetched pages is fetched first, so the view can select it.
        """
        rows = self._rows
        found = next((p for p, i in enumerate(self._visible) if rows[i].ref == ref), None)
        if found is None:
            found = next((p for p, i in enumerate(self._visible) if rows[i].order_id == ref), None)
        if found is not None:
            self._fetch_to(found + 1)
        return found

    def has_ref(self, ref: str) -> bool:
        return any(r.ref == ref or r.order_id == ref for r in self._rows)

    def seconds_left(self, row: int) -> float:
        return self._table.due[self._visible[row]] - self._now

    def target_seconds_left(self, row: int) -> float | None:
        """Seconds to the internal target when it is stricter than Amazon's, else None."""
        target = self._table.target[self._visible[row]]
        return None if target is None else target - self._now

    # -- Qt model API -----------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        i = self._visible[index.row()]
        r = self._rows[i]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, i, col)
        if r.no_response_needed:
            if role == Qt.ItemDataRole.ForegroundRole:
                return MUTED_FG
            return self._extra(r, i, col, role)
        if col == COUNTDOWN and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            state = state_for(self._table.state_clock(i) - self._now, self._table.margin[i])
            fg = role == Qt.ItemDataRole.ForegroundRole
            if state == "overdue":
                return OVERDUE_FG if fg else OVERDUE_BG
            if state == "due_soon":
                return DUE_SOON_FG if fg else DUE_SOON_BG
            return None
        return self._extra(r, i, col, role)

    def _display(self, r: InboxRow, i: int, col: int) -> str:
        if col == KIND:
            return kind_label(r.kind)
        if col == TYPE:
            return r.type_label
        if col == ORDER:
            return r.order_id
        if col == SUBJECT:
            return r.subject
        if col == BUYER:
            return r.buyer
        if col == RECEIVED:
            return _fmt(r.received_at)
        if col == DUE:
            return _fmt(r.due_at)
        if r.no_response_needed:
            return "no response needed"
        left = self._table.due[i] - self._now
        text = format_time_left(left)
        target = self._table.target[i]
        if target is None or left < 0:  # Amazon's own deadline passed: nothing stricter to say
            if state_for(left, self._table.margin[i]) == "due_soon":
                text = f"{text} (due soon)"
            return text
        # Both clocks: the cell's colour says due soon, the words stay short enough to read.
        return f"target {format_time_left(target - self._now)} \u00b7 Amazon {text}"

    def _extra(self, r: InboxRow, i: int, col: int, role: int) -> Any:
        table = self._table
        if role == RefRole:
            return r.ref
        if role == KindRole:
            return r.kind
        if role == SecondsLeftRole:
            return table.due[i] - self._now
        if role == StateRole:
            if r.no_response_needed:
                return "no_response_needed"
            return state_for(table.due[i] - self._now, table.margin[i])
        if role == TargetStateRole:
            target = table.target[i]
            return None if target is None else state_for(target - self._now, table.margin[i])
        if role == ContactTypeRole:
            return r.contact_type
        if role == Qt.ItemDataRole.ToolTipRole and col == TYPE and r.contact_type:
            return plain_tip(r.triage_note)  # quotes the buyer's words
        if role == Qt.ItemDataRole.FontRole and col == TYPE and r.overridden:
            return _ITALIC
        if role == Qt.ItemDataRole.ToolTipRole and col in (DUE, COUNTDOWN):
            tip = f"Amazon's deadline: {_fmt(r.due_at)}"
            if r.target_at is not None:
                tip += f"\nYour escalation-matrix target: {_fmt(r.target_at)}"
            return tip
        if role == Qt.ItemDataRole.ToolTipRole and col == SUBJECT and r.subject:
            return plain_tip(r.subject)
        if role == Qt.ItemDataRole.ToolTipRole and col == KIND and r.history:
            return HISTORY_TIP
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COUNTDOWN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
