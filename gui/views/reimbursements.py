"""The Reimbursements screen: the money Amazon owes, found in the report files, ready to claim.

One use case (services.reimbursements.reimbursement_cases) fetched in the background:
the cases grouped by state (closing soon first), the value claimable now in large
type, and beside the list the selected case with its report rows, its claim text and
the seller's marks. States turn at midnight UTC, so a new day reloads the screen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.format import count_noun, format_money
from gui.bridge import Bridge
from gui.export import export_button
from gui.models.reimbursements_model import COLUMNS, EVENT, ReimbursementsModel
from gui.views.reimbursement_case import CasePane
from gui.views.screen import Screen
from gui.views.table_sizing import fit_columns
from gui.widgets.search_box import SearchBox
from services.changes import Changes
from services.reimbursements import CLAIMABLE_NOW, ReimbursementsPage, reimbursement_cases
from storage.db import Store

NO_CASES = (
    "No reimbursement cases in the imported reports. Import the settlement (or Date Range) "
    "reports, FBA customer returns, reimbursements, the inventory ledger and the removal "
    "order detail from Seller Central (README: Getting each report out of Seller Central)."
)
WIDTHS = (275, 150, 85, 45, 100, 195, 85, 90)


class ReimbursementsView(Screen):
    """Cases by state with the total claimable now; the selected case's pane on the right."""

    screen_name = "reimbursements"

    def __init__(
        self, store: Store, bridge: Bridge, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self.page: ReimbursementsPage | None = None
        self._loaded_day: date | None = None
        self._wanted: str | None = None  # a case to select when the list arrives
        self.model = ReimbursementsModel(self)
        self._build()
        bridge.navigate.connect(self._on_navigate)
        bridge.metrics_changed.connect(self._on_metrics_changed)
        self.refresh()

    def _build(self) -> None:
        self.total = QLabel("\u2014", self)
        self.total.setObjectName("claimable_total")
        font = QFont(self.total.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.total.setFont(font)
        self.total.setAccessibleName("Claimable now")
        caption = QLabel("Claimable now", self)
        caption.setStyleSheet("color: palette(mid);")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        head = QHBoxLayout()
        money = QVBoxLayout()
        money.addWidget(caption)
        money.addWidget(self.total)
        head.addLayout(money)
        head.addSpacing(24)
        head.addWidget(self.summary, 1)
        self.search = SearchBox(self, self._search, "Search order, SKU or FNSKU (Ctrl+F)")
        head.addWidget(self.search)
        head.addWidget(self.updating_label)

        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("Reimbursement cases")
        self.columns = fit_columns(
            self.tree, "reimbursements", elastic=(EVENT,), key=tuple(range(len(COLUMNS)))
        )
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        head.addWidget(export_button(self, self.tree, "reimbursements"))
        self.pane = CasePane(self._store, self._clock, self.ops, self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(self.pane)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 6)
        split.setSizes([330, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)

    # -- loading -------------------------------------------------------------------------
    def wants(self, changes: Changes) -> bool:
        return changes.reimbursements or changes.orders or changes.returns or changes.settings

    def reload(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Load the cases in the background; the selected case stays selected."""
        now = self._clock()
        self.fetch(lambda store: reimbursement_cases(store, now), self._show_page)

    def _show_page(self, page: ReimbursementsPage) -> None:
        current = self.pane.case
        key = self._wanted or (current.key if current is not None else None)
        self._wanted = None
        self.page = page
        self._loaded_day = page.as_of.date()
        self.model.set_cases(page.cases)
        self.tree.expandAll()
        self._show_totals(page)
        if key is None or not self.select(key):
            self.pane.show_case(None)

    def _show_totals(self, page: ReimbursementsPage) -> None:
        totals = page.claimable_now()
        self.total.setText(" + ".join(format_money(v, c) for c, v in totals.items()) or "\u2014")
        if not page.cases:
            self.summary.setText(NO_CASES)
            return
        now = [c for c in page.cases if c.state in CLAIMABLE_NOW]
        soon = sum(1 for c in now if c.state == "closing_soon")
        parts = [f"{count_noun(len(now), 'case')} can be filed in Seller Central today"]
        if soon:
            parts.append(f"{soon} close{'s' if soon == 1 else ''} within a week")
        unvalued = page.unvalued_now()
        if unvalued:
            parts.append(f"{unvalued} without an estimate (no recent price)")
        waiting = page.counts()["waiting"]
        tail = f" {count_noun(waiting, 'more case')} open later." if waiting else ""
        self.summary.setText(
            "; ".join(parts) + "." + tail + " Select a case for its report rows and claim text."
        )

    def _search(self, text: str) -> None:
        self.model.set_search(text)
        self.tree.expandAll()

    def _on_metrics_changed(self, _health: object) -> None:
        """Windows open and close at midnight UTC: reload on a new day."""
        if self._loaded_day is not None and self._clock().date() != self._loaded_day:
            self._on_changed(Changes(reimbursements=True))

    # -- selection -----------------------------------------------------------------------
    def select(self, key: str) -> bool:
        index = self.model.index_of(key)
        if not index.isValid() and self.search.applied:  # hidden by the search: show all
            self.search.clear_search()
            index = self.model.index_of(key)
        if not index.isValid():
            return False
        self.tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.tree.scrollTo(index)
        self.pane.show_case(self.model.case_at(index))
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.pane.show_case(self.model.case_at(current))

    def _on_navigate(self, screen: str, ref: str) -> None:
        if screen != self.screen_name or not ref:
            return
        if not self.select(ref) and self.loading:
            self._wanted = ref
