"""Review requests: which orders to ask for a review today, the log, and how requests pay off.

Nothing is sent from here: the seller opens the order page in Seller Central, presses
Amazon's Request a Review button and marks the order here (spec/review-requests.md). The
page comes from one use case (`review_requests_page`), read off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock
from core.format import count_noun, format_date
from core.review_requests import ExcludedOrder, order_page_url
from gui.bridge import Bridge
from gui.display import when
from gui.models.findings_model import load_checker
from gui.models.review_requests_model import (
    ORDER,
    PAGE,
    EligibleModel,
    LoadedRequests,
    load_requests,
)
from gui.models.text_table import TextTableModel
from gui.views.request_numbers import numbers_text
from gui.views.request_text import RequestTextPane
from gui.views.screen import Screen
from gui.views.table_sizing import fixed_widths
from gui.widgets.request_chart import RequestChart
from gui.widgets.search_box import SearchBox
from gui.widgets.tables import read_only_table
from services.changes import Changes
from services.review_requests import (
    ReviewRequestsPage,
    export_request_log,
    mark_requested,
    save_request_text,
    unmark_requested,
)
from storage.db import Store
from storage.repository.review_requests import LoggedRequest

ALL_MARKETPLACES = "All marketplaces"
HOW_TO = (
    "Open each order's page in Seller Central, press Request a Review there, then mark the "
    "order here. Nothing is sent from this app; Amazon allows one request per order, "
    "5 to 30 days after delivery."
)
ERROR_STYLE = "color: #9f1c1c"
CHART_TIP = (
    "One point a week: the share of that week's eligible orders you requested, and how "
    "often buyers whose window opened that week left feedback, with and without a request."
)
SAMPLES = {0: "111-1234567-1234567", 1: "Amazon.co.uk", 3: "Nov 20, 2026 (est.)", 4: "Nov 20, 2026"}
"""Typical cells: the columns' widths (the page address takes the rest)."""


def _log_cell(r: LoggedRequest, col: int) -> str:
    return (when(r.requested_at), r.order_id, r.marketplace)[col]


class ReviewRequestsView(Screen):
    """Today's list on top; the numbers with their chart, the held-back orders, the log and
    the request text below."""

    screen_name = "review_requests"

    def __init__(
        self, store: Store, bridge: Bridge, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self.page: ReviewRequestsPage | None = None
        self.open_url: Callable[[str], object] = lambda url: QDesktopServices.openUrl(QUrl(url))
        self.ask_path: Callable[[], str] = self._ask_path
        self.last_marked: list[str] = []
        self.model = EligibleModel(self)
        self.excluded_model: TextTableModel[ExcludedOrder] = TextTableModel(
            ["Order", "Why not now", "Seller Central page"],
            self._excluded_cell,
            self,
            tip=lambda x, col: self._excluded_page(x) if col == 2 else "",
        )
        self.log_model: TextTableModel[LoggedRequest] = TextTableModel(
            ["Requested at", "Order", "Marketplace"], _log_cell, self
        )
        self._build()
        self.refresh()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(QLabel("<h2>Review requests</h2>"))
        head.addSpacing(16)
        self.market_combo = QComboBox()
        self.market_combo.setAccessibleName("Marketplace")
        self.market_combo.addItem(ALL_MARKETPLACES, "")
        self.market_combo.currentIndexChanged.connect(self._filter)
        head.addWidget(self.market_combo)
        head.addStretch(1)
        self.search = SearchBox(self, self._search, "Search order ID or SKU (Ctrl+F)")
        head.addWidget(self.search)
        head.addWidget(self.updating_label)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.table = read_only_table(self.model, "Orders to ask for a review today")
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep the id at the end
        self.table.clicked.connect(self._clicked)
        self.table.doubleClicked.connect(self._double_clicked)
        fixed_widths(self.table, SAMPLES)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.copy_button = self._button("&Copy order id", self.copy_order_id)
        self.open_button = self._button("&Open order page", self.open_order_page)
        self.mark_button = self._button("&Mark selected as requested", self.mark_selected)
        self.mark_all_button = self._button("Mark &all shown as requested", self.mark_all_shown)
        self.undo_button = self._button("&Undo", self.undo)
        self.undo_button.setEnabled(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.copy_button, self.open_button, self.mark_button, self.mark_all_button):
            buttons.addWidget(b)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.message, 1)
        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.addWidget(self.table, 1)
        top_lay.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self._build_lower())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 12)
        lay.addLayout(head)
        lay.addWidget(self.summary)
        lay.addWidget(splitter, 1)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    def _build_lower(self) -> QWidget:
        self.numbers_box = QGroupBox("How requests pay off")
        box = QVBoxLayout(self.numbers_box)
        self.numbers_label = QLabel()
        self.numbers_label.setWordWrap(True)
        self.chart = RequestChart()
        self.chart.setToolTip(CHART_TIP)
        box.addWidget(self.numbers_label)
        box.addWidget(self.chart, 1)

        self.tabs = QTabWidget()
        self.excluded_table = read_only_table(
            self.excluded_model, "Orders held back by an open issue"
        )
        fixed_widths(self.excluded_table, {0: SAMPLES[0], 1: "A-to-z claim or chargeback"})
        self.excluded_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tabs.addTab(self.excluded_table, "Not now")
        log_page = QWidget()
        log_lay = QVBoxLayout(log_page)
        self.log_table = read_only_table(self.log_model, "Review requests logged")
        fixed_widths(self.log_table, {0: "Nov 20, 2026 15:00 UTC", 1: SAMPLES[0]})
        self.log_label = QLabel()
        self.export_button = self._button("&Export CSV\u2026", self.export_log)
        row = QHBoxLayout()
        row.addWidget(self.log_label, 1)
        row.addWidget(self.export_button)
        log_lay.addWidget(self.log_table, 1)
        log_lay.addLayout(row)
        self.tabs.addTab(log_page, "Log")
        self.text_pane = RequestTextPane(self._keep_text)
        self.tabs.addTab(self.text_pane, "Request text")

        lower = QWidget()
        row = QHBoxLayout(lower)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.numbers_box, 1)
        row.addWidget(self.tabs, 1)
        return lower

    def _excluded_page(self, x: ExcludedOrder) -> str:
        market = self.page.marketplace_of(x.order_id) if self.page else ""
        return order_page_url(x.order_id, market)

    def _excluded_cell(self, x: ExcludedOrder, col: int) -> str:
        if col == 2:
            return self._excluded_page(x).removeprefix("https://")
        return x.order_id if col == 0 else x.reason

    # --- data ----------------------------------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        return changes.metric_inputs or changes.review_requests

    def reload(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        now = self._clock()

        def load(store: Store) -> LoadedRequests:
            load_checker()  # the request text is checked on this thread's first use
            return load_requests(store, now)

        self.fetch(load, self._show_loaded)

    def _show_loaded(self, loaded: LoadedRequests) -> None:
        # The old page's 60,000 rows are freed in a reader thread, not here (~15 ms).
        old = [self.page, self.model.all_rows]
        self._show_page(loaded.page, loaded.keys, loaded.marketplaces)
        self.ops.query(lambda _store: old.clear(), lambda _none: None, parent=self)

    def _show_page(
        self,
        page: ReviewRequestsPage,
        keys: list[str] | None = None,
        marketplaces: list[str] | None = None,
    ) -> None:
        self.page = page
        self.model.skus = page.skus
        self.model.set_rows(page.plan.eligible, keys, marketplaces=marketplaces)
        self._fill_marketplaces()
        self.excluded_model.set_rows(page.plan.excluded)
        self.log_model.set_rows(page.log)
        self.tabs.setTabText(0, f"Not now ({len(page.plan.excluded)})")
        self.tabs.setTabText(1, f"Log ({page.log_total})")
        shown = "" if page.log_total <= len(page.log) else f" (the newest {len(page.log)} shown)"
        self.log_label.setText(
            f"{count_noun(page.log_total, 'request')} logged{shown}; no buyer data."
        )
        self.export_button.setEnabled(page.log_total > 0)
        self.numbers_label.setText(numbers_text(page.numbers, page.history_start))
        self.chart.set_history(page.history)
        self.text_pane.load(page.request_text)
        self._sync()

    def _fill_marketplaces(self) -> None:
        current = self.market_combo.currentData() or ""
        self.market_combo.blockSignals(True)
        self.market_combo.clear()
        self.market_combo.addItem(ALL_MARKETPLACES, "")
        for m in self.model.marketplaces():
            self.market_combo.addItem(m, m)
        index = self.market_combo.findData(current)
        self.market_combo.setCurrentIndex(max(index, 0))
        self.market_combo.blockSignals(False)
        chosen = self.market_combo.currentData() or ""
        if chosen != self.model.marketplace:  # the one chosen is gone from the new rows
            self.model.show_marketplace(chosen)

    def _search(self, text: str) -> None:
        self.model.set_search(text)
        self._sync()

    def _filter(self, *_: object) -> None:
        self.model.show_marketplace(self.market_combo.currentData() or "")
        self._sync()

    def _sync(self) -> None:
        shown = len(self.model.shown())
        day = format_date(self._clock())
        if self.page is not None and not self.page.plan.eligible:
            text = f"{day} (UTC): no order is in its review window today. "
        else:
            text = f"{day} (UTC): {count_noun(shown, 'order')} to ask for a review. "
        self.summary.setText(text + HOW_TO)
        self.mark_all_button.setEnabled(shown > 0)

    # --- actions -------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.row(r).order_id for r in rows]

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == ORDER:
            self._copy(self.model.row(index.row()).order_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() == PAGE:
            e = self.model.row(index.row())
            self.open_url(order_page_url(e.order_id, e.marketplace))

    def _copy(self, order_id: str) -> None:
        QGuiApplication.clipboard().setText(order_id)
        self._say(f"Copied {order_id}.")

    def copy_order_id(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._copy(ids[0])

    def open_order_page(self) -> None:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        if rows:
            e = self.model.row(rows[0])
            self.open_url(order_page_url(e.order_id, e.marketplace))

    def mark_selected(self) -> None:
        self._mark(self.selected_ids())

    def mark_all_shown(self) -> None:
        self._mark([e.order_id for e in self.model.shown()])

    def _mark(self, ids: list[str]) -> None:
        if not ids:
            self._say("Select the orders you requested in Seller Central first.", error=True)
            return
        at = self._clock()

        def done(_changes: Changes) -> None:
            self.last_marked = ids
            self.undo_button.setEnabled(True)
            self._say(f"Marked {count_noun(len(ids), 'order')} as requested at {when(at)}.")

        def refused(exc: Exception) -> None:
            self._say(str(exc), error=True)
            self.refresh()  # another window or the command line marked some meanwhile

        self.ops.write(
            lambda store: mark_requested(store, ids, at), parent=self, success=done, failure=refused
        )

    def undo(self) -> None:
        ids, self.last_marked = self.last_marked, []
        self.undo_button.setEnabled(False)
        if ids:
            self.write(
                lambda store: unmark_requested(store, ids),
                lambda _c: self._say(f"Unmarked {count_noun(len(ids), 'order')}."),
            )

    def _keep_text(self, text: str) -> None:
        self.write(
            lambda store: save_request_text(store, text), lambda _c: self._say("Request text kept.")
        )

    def _ask_path(self) -> str:
        name = f"review-requests-{self._clock():%Y-%m-%d}.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Export the request log", name, "CSV (*.csv)")
        return path

    def export_log(self) -> None:
        chosen = self.ask_path()
        if not chosen:
            return
        path = Path(chosen)
        self.ops.query(
            lambda store: export_request_log(store, path),
            lambda n: self._say(f"Wrote {count_noun(n, 'request')} to {path}."),
            parent=self,
            failure=lambda exc: self._say(f"Could not write {path}: {exc}.", error=True),
        )
