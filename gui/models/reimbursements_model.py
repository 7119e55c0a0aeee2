"""The Reimbursements screen's tree: one group per case state, the cases beneath it.

Groups come in the order a seller works through them (closing soon first, expired
last) and only when they hold cases. A group row shows its count and the value of its
cases; a case row its kind, order or FNSKU, units, dates, value and Seller Central id.
The search box keeps the cases whose order, SKU, FNSKU or case id hold every word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from core.format import NO_VALUE, format_date, format_money
from core.labels import label
from core.reimbursements import Case, CaseState
from core.search import RowSearch, search_key

AnyIndex = QModelIndex | QPersistentModelIndex
CaseRole = Qt.ItemDataRole.UserRole + 1
"""The `Case` of a case row (None on a group row)."""

GROUP_ORDER: tuple[CaseState, ...] = (
    "closing_soon",
    "claimable",
    "waiting",
    "filed",
    "reimbursed",
    "denied",
    "expired",
)
COLUMNS = ("Case", "Order / FNSKU", "SKU", "Units", "Event", "Claim window", "Value", "Case ID")
KIND, IDENT, SKU, UNITS, EVENT, WINDOW, VALUE, CASE_ID = range(len(COLUMNS))
TIPS = {
    IDENT: "The buyer's order, the removal order or the reimbursement; else the FNSKU.",
    EVENT: "The refund, return, adjustment, removal or reversal the case rests on (UTC day).",
    WINDOW: "When Amazon accepts the claim, both days included (UTC).",
    VALUE: "Your average price of the SKU over the last 90 days, else Amazon's last payment.",
    CASE_ID: "The Seller Central case id you filed it under.",
}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_GROUP = 0  # internal id of a group row; a case row's is its group's position + 1


def identity(c: Case) -> str:
    """What Seller Central knows the case by: the order (buyer or removal), else the FNSKU."""
    if c.kind == "warehouse" or not c.order_id:
        return c.fnsku or NO_VALUE
    return c.order_id


def window_text(c: Case) -> str:
    if c.claim_opens is None or c.claim_closes is None:
        return "Any time"
    opens, closes = c.claim_opens, c.claim_closes
    first = format_date(opens) if opens.year != closes.year else format_date(opens)[:-6]
    return f"{first} \u2013 {format_date(closes)}"


def values_text(cases: Sequence[Case]) -> str:
    """'$44.98', '$12.00 + €8.00'; NO_VALUE when none has an estimate."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for c in cases:
        if c.estimated_value is not None:
            totals[c.currency or ""] += c.estimated_value
    return " + ".join(format_money(v, cur) for cur, v in sorted(totals.items())) or NO_VALUE


class ReimbursementsModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: list[tuple[CaseState, list[Case]]] = []
        self._search: RowSearch[Case] = RowSearch(
            lambda c: search_key(
                c.order_id, c.sku, c.fnsku, c.filed_case_id, label("case_kind", c.kind)
            )
        )

    def set_cases(self, cases: Sequence[Case]) -> None:
        self._search.set_rows(cases)
        self._group()

    def set_search(self, text: str) -> None:
        """Only the cases whose order, SKU, FNSKU, case id or kind hold every word."""
        if self._search.set_text(text):
            self._group()

    def _group(self) -> None:
        by_state: dict[CaseState, list[Case]] = defaultdict(list)
        for c in self._search.shown():
            by_state[c.state].append(c)
        self.beginResetModel()
        self.groups = [(s, by_state[s]) for s in GROUP_ORDER if by_state.get(s)]
        self.endResetModel()

    # --- lookups -------------------------------------------------------------------

    def case_at(self, index: AnyIndex) -> Case | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self.groups[index.internalId() - 1][1][index.row()]

    def index_of(self, key: str) -> QModelIndex:
        for g, (_, cases) in enumerate(self.groups):
            for r, c in enumerate(cases):
                if c.key == key:
                    return self.createIndex(r, 0, g + 1)
        return QModelIndex()

    def group_index(self, state: CaseState) -> QModelIndex:
        for g, (s, _) in enumerate(self.groups):
            if s == state:
                return self.createIndex(g, 0, _GROUP)
        return QModelIndex()

    # --- the tree ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return (
                self.createIndex(row, column, _GROUP) if row < len(self.groups) else QModelIndex()
            )
        if parent.internalId() != _GROUP or parent.row() >= len(self.groups):
            return QModelIndex()
        if row >= len(self.groups[parent.row()][1]):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return TIPS.get(section)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            return self._group_data(index, role)
        c = self.case_at(index)
        if c is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(c, col)
        if role == CaseRole:
            return c
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (UNITS, VALUE):
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and col == KIND:
            return f"{label('case_kind', c.kind)}: {label('case_state', c.state).lower()}"
        return None

    def _group_data(self, index: AnyIndex, role: int) -> object:
        state, cases = self.groups[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == KIND:
                return f"{label('case_state', state)} ({len(cases)})"
            if col == UNITS:
                return str(sum(c.quantity for c in cases))
            if col == VALUE:
                return values_text(cases)
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (UNITS, VALUE):
            return _RIGHT
        return None

    @staticmethod
    def _text(c: Case, col: int) -> str:
        if col == KIND:
            return label("case_kind", c.kind)
        if col == IDENT:
            return identity(c)
        if col == SKU:
            return c.sku or NO_VALUE
        if col == UNITS:
            return str(c.quantity)
        if col == EVENT:
            return format_date(c.event_date)
        if col == WINDOW:
            return window_text(c)
        if col == VALUE:
            return format_money(c.estimated_value, c.currency or "")
        return c.filed_case_id or ""
