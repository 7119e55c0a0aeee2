"""Today's eligible orders for the Review requests screen, soonest closing first.

The Seller Central page is a column of its own: the seller opens it, presses Request a
Review there, and marks the order here. Rows can be narrowed to one marketplace and
searched (order id, SKU); "all shown" means the rows this model shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from core.format import format_date
from core.review_requests import EligibleOrder, order_page_url
from core.search import search_key
from gui.models.searchable import SearchableTableModel
from services.review_requests import ReviewRequestsPage, review_requests_page
from storage.db import Store

AnyIndex = QModelIndex | QPersistentModelIndex

ORDER, MARKET, CHANNEL, DELIVERED, LAST_DAY, DAYS_LEFT, PAGE = range(7)
URGENT = QColor("#9f1c1c")
ESTIMATED_TIP = (
    "Estimated: no report gave a delivery date, so it is the purchase date plus the "
    "transit days of the ship-service level (Settings)."
)


def channel_text(channel: str) -> str:
    return "FBA" if channel == "afn" else "FBM"


def eligible_key(row: EligibleOrder, skus: Mapping[str, str]) -> str:
    """What an eligible order is found by: its id, its SKUs, its marketplace."""
    return search_key(row.order_id, skus.get(row.order_id), row.marketplace)


def eligible_keys(rows: Sequence[EligibleOrder], skus: Mapping[str, str]) -> list[str]:
    """Every row's key, made where the rows are loaded (a year of 1M orders: 60,000 rows)."""
    return [eligible_key(row, skus) for row in rows]


@dataclass(frozen=True, slots=True)
class LoadedRequests:
    """The page with what would otherwise be worked out over every row on the GUI thread."""

    page: ReviewRequestsPage
    keys: list[str]
    marketplaces: list[str]


def load_requests(store: Store, now: datetime) -> LoadedRequests:
    """The page, keyed for the search; its SKUs go once in the keys (a year: 60,000 rows)."""
    page = review_requests_page(store, now)
    rows = compact_rows(page.plan.eligible)
    keys = eligible_keys(rows, page.skus)
    page = replace(page, plan=replace(page.plan, eligible=rows), skus={})
    return LoadedRequests(page, keys, sorted({r.marketplace for r in rows}))


def compact_rows(rows: Sequence[EligibleOrder]) -> tuple[EligibleOrder, ...]:
    """Copies of the rows kept, made once the planner's temporaries are freed. The
    originals and their ids lie among ~350,000 freed orders and keep those pages from
    going back to the system (measured: ~25 MB more resident after a year's load)."""
    return tuple(
        EligibleOrder(
            r.order_id.encode().decode(),  # a new string: str() and slices return the same
            r.marketplace,
            r.channel,
            r.delivery_date,
            r.estimated,
            r.opens,
            r.closes,
            r.days_left,
        )
        for r in rows
    )


class EligibleModel(SearchableTableModel[EligibleOrder]):
    """EligibleOrder rows; `marketplace` ("" for all) and the search pick the rows shown."""

    COLUMNS = (
        "Order",
        "Marketplace",
        "Channel",
        "Delivered",
        "Last day",
        "Days left",
        "Seller Central page",
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.marketplace = ""
        self.skus: Mapping[str, str] = {}  # order id -> SKUs, for the search
        self._marketplaces: list[str] | None = None

    def set_rows(
        self,
        rows: Sequence[EligibleOrder],
        keys: Sequence[str] | None = None,
        marketplace: str | None = None,
        marketplaces: list[str] | None = None,
    ) -> None:
        """`marketplaces`: the rows' own, sorted, when the caller listed them already."""
        if marketplace is not None:
            self.marketplace = marketplace
        self._marketplaces = marketplaces
        super().set_rows(rows, keys)

    def search_text(self, row: EligibleOrder) -> str:
        return eligible_key(row, self.skus)

    def keeps(self, row: EligibleOrder) -> bool:
        return not self.marketplace or row.marketplace == self.marketplace

    def narrowing(self) -> bool:
        return bool(self.marketplace)

    def show_marketplace(self, marketplace: str) -> None:
        self.marketplace = marketplace
        self.refilter()

    def marketplaces(self) -> list[str]:
        if self._marketplaces is None:
            self._marketplaces = sorted({r.marketplace for r in self.all_rows})
        return list(self._marketplaces)

    def row(self, i: int) -> EligibleOrder:
        return self._rows[i]

    def shown(self) -> list[EligibleOrder]:
        return list(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(e, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(e, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == DAYS_LEFT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == PAGE:
                return QGuiApplication.palette().color(QPalette.ColorRole.Link)
            if col == DAYS_LEFT and e.days_left <= 2:
                return URGENT
        if role == Qt.ItemDataRole.FontRole and col == DELIVERED and e.estimated:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _text(self, e: EligibleOrder, col: int) -> str:
        if col == ORDER:
            return e.order_id
        if col == MARKET:
            return e.marketplace
        if col == CHANNEL:
            return channel_text(e.channel)
        if col == DELIVERED:
            return format_date(e.delivery_date) + (" (est.)" if e.estimated else "")
        if col == LAST_DAY:
            return format_date(e.closes - timedelta(days=1))
        if col == DAYS_LEFT:
            return str(e.days_left)
        return order_page_url(e.order_id, e.marketplace).removeprefix("https://")

    def _tip(self, e: EligibleOrder, col: int) -> str | None:
        if col == ORDER:
            return "Click to copy the order id."
        if col == DELIVERED and e.estimated:
            return ESTIMATED_TIP
        if col == LAST_DAY:
            return (
                f"The window opened on {format_date(e.opens)}; Amazon takes no request "
                f"after {format_date(e.closes - timedelta(days=1))}."
            )
        if col == PAGE:
            url = order_page_url(e.order_id, e.marketplace)
            return f"{url}\nDouble-click to open the order page, where Request a Review is."
        return None
