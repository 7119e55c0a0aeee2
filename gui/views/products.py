"""Products: which SKUs or ASINs cause the defects and returns, over a chosen period.

The grouping and counting are core.product_defects (ODR's own rules); storage loads only the
period's orders and what happened to them. A bar chart shows the worst products first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.product_defects import GroupBy, ProductDefects
from core.reconciliation import pct
from gui.bridge import Bridge
from gui.display import day
from gui.export import export_button
from gui.models.products_model import NAME, RATE, REASONS, ProductsModel, SortRole
from gui.views.screen import Screen
from gui.views.table_sizing import fit_columns
from gui.widgets.chart_stack import ChartStack
from gui.widgets.search_box import SearchBox
from services.changes import Changes
from services.products import ProductsPage, products_page
from storage.db import Store

DEFAULT_DAYS = 90
CHART_TOP = 10
EMPTY_CHART_TEXT = "No orders placed in this period are imported, so there is nothing to chart."


class ProductChart(ChartStack):
    """Horizontal bars of the worst products: defect rate and returns per 100 orders."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            EMPTY_CHART_TEXT, "Worst products chart", height=220, margin=4, parent=parent
        )
        self.categories: list[str] = []

    def set_products(self, products: Sequence[ProductDefects]) -> None:
        top = [p for p in products if p.orders][:CHART_TOP]
        self.clear_chart()
        self.categories = [p.key for p in top]
        if not top:
            self.show_chart(False)
            return
        ordered = list(reversed(top))  # the first category is drawn at the bottom
        defects = QBarSet("Defect rate (%)")
        defects.setColor(QColor("#c62828"))
        returns = QBarSet("Returns per 100 orders")
        returns.setColor(QColor("#6b7280"))
        for p in ordered:
            defects.append(p.defect_rate or 0.0)
            returns.append(p.return_rate or 0.0)
        series = QHorizontalBarSeries()
        series.append(defects)
        series.append(returns)
        self.chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([p.key for p in ordered])
        values = QValueAxis()
        top_value = max([p.defect_rate or 0.0 for p in top] + [p.return_rate or 0.0 for p in top])
        values.setRange(0.0, max(top_value * 1.1, 1.0))
        values.setLabelFormat("%.1f")
        values.applyNiceNumbers()
        self.chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(values)
        self.show_chart(True)


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ProductsView(Screen):
    """Period pickers and grouping on top, the chart, then the table."""

    screen_name = "products"

    def __init__(
        self, store: Store, bridge: Bridge, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self.products: list[ProductDefects] = []
        self._dirty = False
        self.model = ProductsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self._build()
        self.last_days()

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<h2>Products</h2>"))
        bar.addSpacing(16)
        self.from_edit = self._date_edit("First purchase date")
        self.to_edit = self._date_edit("Last purchase date")
        bar.addWidget(QLabel("Orders placed from"))
        bar.addWidget(self.from_edit)
        bar.addWidget(QLabel("to"))
        bar.addWidget(self.to_edit)
        self.last_button = QPushButton(f"Last {DEFAULT_DAYS} days")
        self.last_button.clicked.connect(self.last_days)
        bar.addWidget(self.last_button)
        bar.addWidget(QLabel("by"))
        self.group_combo = QComboBox()
        self.group_combo.setAccessibleName("Group by")
        self.group_combo.addItem("SKU", "sku")
        self.group_combo.addItem("ASIN", "asin")
        self.group_combo.currentIndexChanged.connect(self._schedule_refresh)  # after addItem
        bar.addWidget(self.group_combo)
        bar.addStretch(1)
        self.search = SearchBox(self, self.model.set_search, "Search SKU, ASIN or name (Ctrl+F)")
        bar.addWidget(self.search)
        bar.addWidget(self.updating_label)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = ProductChart()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Defects and returns by product")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RATE, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns = fit_columns(
            self.table, "products", elastic=(NAME,), key=tuple(range(REASONS))
        )
        bar.addWidget(export_button(self, self.table, "products"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setSizes([300, 300])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 12)
        lay.addLayout(bar)
        lay.addWidget(self.summary)
        lay.addWidget(splitter, 1)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("MMM d, yyyy")
        edit.setAccessibleName(name)
        edit.dateChanged.connect(self._schedule_refresh)
        return edit

    # --- data ----------------------------------------------------------------------------

    @property
    def group_by(self) -> GroupBy:
        return "asin" if self.group_combo.currentData() == "asin" else "sku"

    def period(self) -> tuple[date, date]:
        return pydate(self.from_edit.date()), pydate(self.to_edit.date())

    def set_period(self, first: date, last: date) -> None:
        for edit, value in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(qdate(value))
            edit.blockSignals(False)
        self.refresh()

    def last_days(self) -> None:
        today = self._clock().date()
        self.set_period(today - timedelta(days=DEFAULT_DAYS - 1), today)

    def wants(self, changes: Changes) -> bool:
        return (
            changes.orders
            or changes.feedback
            or changes.claims
            or changes.returns
            or changes.defect_status  # removed feedback leaves the counts
        )

    def reload(self) -> None:
        self.refresh()

    def _schedule_refresh(self, *_: object) -> None:
        """Coalesce: both dates and the grouping may change in one go."""
        if not self._dirty:
            self._dirty = True
            QTimer.singleShot(0, self.refresh)

    def refresh(self) -> None:
        self._dirty = False
        first, last = self.period()
        by = self.group_by
        self.fetch(lambda store: products_page(store, first, last, by), self._show_page)

    def _show_page(self, page: ProductsPage) -> None:
        self.products = page.products
        self.model.set_rows(page.products, page.by)
        self.chart.set_products(page.products)
        if page.first > page.last:
            self.summary.setText(
                f"The first date ({day(page.first)}) is after the last "
                f"({day(page.last)}): pick a first date on or before the last one."
            )
        else:
            self.summary.setText(summary_text(page.products, page.first, page.last, page.by))


def summary_text(products: Sequence[ProductDefects], first: date, last: date, by: str) -> str:
    span = f"from {day(first)} to {day(last)}"
    if not products:
        return f"No orders placed {span} are imported: import the All Orders report for them."
    worst = products[0]
    noun = "product" if len(products) == 1 else "products"
    text = (
        f"{len(products)} {noun} ({by.upper()}) in orders placed {span}, worst defect rate first."
    )
    if worst.defective_orders:
        text += (
            f" {worst.key} has the highest defect rate: {pct(worst.defect_rate)} "
            f"({worst.defective_orders} of {worst.orders} orders)."
        )
    else:
        text += " No defects among these orders."
    return text + " A defect on an order with several products counts for each of them."
