"""The Products table: one row per SKU or ASIN; numbers sort as numbers (SortRole).

A few hundred products at most: the proxy's sort by role stays cheap. The search box
keeps the products whose SKU, ASIN or name holds every word typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from core.labels import label
from core.product_defects import GroupBy, ProductDefects
from core.reconciliation import pct
from core.search import RowSearch, search_key
from gui.plain import plain_tip

AnyIndex = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 1

COLUMNS = (
    "SKU",
    "Product",
    "Orders",
    "Defective",
    "Defect rate",
    "Neg. feedback",
    "A-to-z",
    "Chargebacks",
    "FBM returns",
    "FBA returns",
    "Top return reasons",
)
TIPS = {
    3: "Orders with negative feedback, an A-to-z claim or a chargeback (ODR rules).",
    4: "Defective orders per 100 orders of the product.",
    5: "Negative feedback (1-2 stars, not removed or struck through).",
    6: "A-to-z guarantee claims that count toward ODR.",
}
KEY, NAME, ORDERS, DEFECTIVE, RATE, NEG, ATOZ, CB, FBM, FBA, REASONS = range(len(COLUMNS))
NUMBERS = {
    ORDERS: "orders",
    DEFECTIVE: "defective_orders",
    NEG: "negative_feedback",
    ATOZ: "a_to_z_claims",
    CB: "chargebacks",
    FBM: "fbm_returns",
    FBA: "fba_returns",
}


def top_reasons(p: ProductDefects, n: int = 3) -> str:
    top = list(p.return_reasons.items())[:n]
    return ", ".join(f"{label('return_reason', reason)}: {count}" for reason, count in top)


class ProductsModel(QAbstractTableModel):
    """One row per product; numbers sort as numbers (SortRole)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ProductDefects] = []  # the rows shown
        self.group_by: GroupBy = "sku"
        self._search: RowSearch[ProductDefects] = RowSearch(
            lambda p: search_key(p.key, " ".join(p.skus), " ".join(p.asins), p.product_name)
        )

    def set_rows(self, rows: Sequence[ProductDefects], group_by: GroupBy) -> None:
        self.beginResetModel()
        self._search.set_rows(rows)
        self.rows = self._search.shown()
        self.group_by = group_by
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, KEY, KEY)

    def set_search(self, text: str) -> None:
        """Only products whose SKU, ASIN or name hold every word of `text`."""
        if self._search.set_text(text):
            self.beginResetModel()
            self.rows = self._search.shown()
            self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.group_by.upper() if section == KEY else COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return TIPS.get(section)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        p, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(p, col)
        if role == SortRole:
            if col in NUMBERS:
                return getattr(p, NUMBERS[col])
            if col == RATE:
                return p.defect_rate if p.defect_rate is not None else -1.0
            return self._text(p, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and (col in NUMBERS or col == RATE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == KEY:
                other = p.asins if self.group_by == "sku" else p.skus
                return plain_tip(
                    f"{'ASIN' if self.group_by == 'sku' else 'SKU'}: {', '.join(other)}"
                )
            if col == REASONS and p.claim_reasons:
                claims = ", ".join(
                    f"{label('claim_reason', r)}: {n}" for r, n in p.claim_reasons.items()
                )
                return plain_tip(f"Claim reasons: {claims}")
        return None

    def _text(self, p: ProductDefects, col: int) -> str:
        if col == KEY:
            return p.key
        if col == NAME:
            return p.product_name
        if col == RATE:
            return pct(p.defect_rate)
        if col == REASONS:
            return top_reasons(p)
        return f"{getattr(p, NUMBERS[col]):,}"
