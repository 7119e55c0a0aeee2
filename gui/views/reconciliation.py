"""Amazon vs ours: the latest seller performance report beside the numbers computed here,
each difference explained in words, plus the typed-in Account Health Rating history.

All figures and sentences come from core.reconciliation (the CLI prints the same ones);
this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.clock import Clock, day_start
from core.reconciliation import (
    AhrSummary,
    ChannelReconciliation,
    Reconciliation,
    ShippingRow,
    amazon_status,
    parse_ahr_score,
    short_day,
    span_text,
)
from gui.bridge import Bridge
from gui.models.text_table import (
    ODR_ROWS,
    OdrRow,
    TextTableModel,
    history_cell,
    odr_cell,
    odr_differs,
    odr_status,
    shipping_cell,
    shipping_status,
    status_word,
)
from gui.views.amazon_figures_form import AmazonFiguresDialog, TypedEntriesBox, open_figures_form
from gui.views.screen import Screen
from gui.widgets.page import scroll_page
from gui.widgets.tables import read_only_table
from services.changes import Changes
from services.reconciliation import (
    ReconciliationPage,
    add_ahr_reading,
    delete_ahr_reading,
    delete_typed_figures,
    reconciliation_page,
)
from storage.db import Store
from storage.repository.ahr_store import AhrReading

NO_REPORT_TEXT = (
    "Amazon's own figures are not known yet. Seller Central's Performance > Account Health "
    "page shows them but offers no download: type them with \u201cType Amazon's "
    "figures\u2026\u201d. Amazon's seller performance report (GET_V2_SELLER_PERFORMANCE_REPORT) "
    "comes only from the Selling Partner API: if a reports tool or your developer saves it, "
    "import the JSON on the Imports screen. Either way Amazon's figures then appear here "
    "beside the ones computed from your reports, with every difference explained."
)


def _resize_modes(
    view: QTableView, modes: dict[int, QHeaderView.ResizeMode], *, stretch: bool = False
) -> None:
    """Fixed modes for some columns; with `stretch` every other column shares the width."""
    header = view.horizontalHeader()
    if stretch:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    for col, mode in modes.items():
        header.setSectionResizeMode(col, mode)


def _fit_height(view: QTableView, rows: int, most: int = 50) -> None:
    """Tables inside the scrolling page show their rows instead of scrolling themselves."""
    height = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth() + 2
    height += view.verticalHeader().defaultSectionSize() * max(1, min(rows, most))
    view.setFixedHeight(height)


class ReconciliationView(Screen):
    """One page: ODR side by side with explanations, shipping metrics, the AHR."""

    screen_name = "reconciliation"

    def __init__(
        self, store: Store, bridge: Bridge, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, bridge, clock, parent)
        self.reports: list[Reconciliation] = []
        self.ahr: AhrSummary | None = None
        self._build()
        self.refresh()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        lay, head = scroll_page(self, "Amazon vs ours", spacing=8)
        self.market_combo = QComboBox()
        self.market_combo.setAccessibleName("Marketplace")
        self.market_combo.currentIndexChanged.connect(self._show_current)
        head.addWidget(self.market_combo)
        head.addWidget(self.updating_label)
        self.type_button = QPushButton("&Type Amazon's figures\u2026")
        self.type_button.setToolTip("Type the figures Seller Central's Account Health page shows")
        self.type_button.clicked.connect(self.open_figures_form)
        head.addWidget(self.type_button)
        self.figures_form: AmazonFiguresDialog | None = None
        self.report_label = self._label(lay)
        self.hint = self._label(lay, NO_REPORT_TEXT)
        self.typed_box = TypedEntriesBox()
        self.typed_box.delete_requested.connect(self.delete_typed)
        self.typed_box.hide()
        lay.addWidget(self.typed_box)

        self.report_box = QWidget()
        box = QVBoxLayout(self.report_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.odr_title = QLabel()
        box.addWidget(self.odr_title)
        self.odr_model: TextTableModel[OdrRow] = TextTableModel(
            ["", "FBA: Amazon", "FBA: here", "FBM: Amazon", "FBM: here"],
            odr_cell,
            self,
            flag=odr_differs,
            status=odr_status,
        )
        self.odr_table = read_only_table(self.odr_model, "Order Defect Rate, Amazon and here")
        self.odr_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.odr_table.setMaximumWidth(900)
        _resize_modes(self.odr_table, {0: QHeaderView.ResizeMode.ResizeToContents}, stretch=True)
        box.addWidget(self.odr_table)
        self.explanations = self._label(box)
        self.explanations.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(QLabel("<h3>Shipping and service metrics (Amazon's figures)</h3>"))
        self.shipping_model: TextTableModel[ShippingRow] = TextTableModel(
            ["Metric", "Amazon", "Target", "Amazon says", "Against target", "Window", "Meaning"],
            shipping_cell,
            self,
            status=shipping_status,
            tip=lambda s, _col: s.verdict,
        )
        self.shipping_table = read_only_table(self.shipping_model, "Shipping metrics")
        fit = QHeaderView.ResizeMode.ResizeToContents
        _resize_modes(self.shipping_table, dict.fromkeys(range(6), fit))
        box.addWidget(self.shipping_table)
        self.policy_label = self._label(box)
        self.policy_label.setTextFormat(Qt.TextFormat.PlainText)  # titles from the report
        lay.addWidget(self.report_box)
        self._build_ahr(lay)
        lay.addStretch(1)

    def _label(self, lay: QVBoxLayout | QHBoxLayout, text: str = "") -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(label)
        return label

    def _build_ahr(self, lay: QVBoxLayout) -> None:
        lay.addWidget(QLabel("<h3>Account Health Rating</h3>"))
        self.ahr_report_label = self._label(lay)
        self.ahr_report_label.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        row.addWidget(QLabel("AHR shown in Seller Central:"))
        self.ahr_input = QLineEdit()
        self.ahr_input.setPlaceholderText("0\u20131000")
        self.ahr_input.setAccessibleName("Account Health Rating")
        self.ahr_input.setMaximumWidth(110)
        self.ahr_input.returnPressed.connect(self.add_reading)
        row.addWidget(self.ahr_input)
        row.addWidget(QLabel("on"))
        self.ahr_date = QDateEdit()
        self.ahr_date.setCalendarPopup(True)
        self.ahr_date.setDisplayFormat("MMM d, yyyy")
        self.ahr_date.setAccessibleName("Date of the reading")
        row.addWidget(self.ahr_date)
        self.ahr_add = QPushButton("&Add reading")
        self.ahr_add.clicked.connect(self.add_reading)
        row.addWidget(self.ahr_add)
        row.addStretch(1)
        lay.addLayout(row)
        self.ahr_error = self._label(lay)
        self.ahr_error.setTextFormat(Qt.TextFormat.PlainText)
        self.ahr_error.setStyleSheet("color: #b3261e;")
        self.ahr_error.hide()
        self.band_label = self._label(lay)
        self.assurance_label = self._label(lay)
        self.history_model: TextTableModel[AhrReading] = TextTableModel(
            ["Date", "AHR", "Band", "Source"], history_cell, self
        )
        self.history_table = read_only_table(self.history_model, "AHR history")
        self.history_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        lay.addWidget(self.history_table)
        self.ahr_delete = QPushButton("&Delete selected reading")
        self.ahr_delete.clicked.connect(self.delete_selected)
        actions = QHBoxLayout()
        actions.addWidget(self.ahr_delete)
        actions.addStretch(1)
        lay.addLayout(actions)

    # --- data ----------------------------------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        return changes.performance or changes.ahr or changes.metric_inputs

    def reload(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        now = self._clock()
        self.fetch(lambda store: reconciliation_page(store, now), self._show_page)

    def _show_page(self, page: ReconciliationPage) -> None:
        now = self._clock()
        self.reports, self.ahr = page.reports, page.ahr
        readings = page.readings
        current = self.market_combo.currentData()
        self.market_combo.blockSignals(True)
        self.market_combo.clear()
        for rec in self.reports:
            self.market_combo.addItem(rec.marketplace, rec.marketplace_id)
        found = self.market_combo.findData(current)
        self.market_combo.setCurrentIndex(max(found, 0))
        self.market_combo.blockSignals(False)
        self.market_combo.setVisible(len(self.reports) > 1)
        self.ahr_date.setMaximumDate(QDate(now.year, now.month, now.day))
        if not self.ahr_input.text():
            self.ahr_date.setDate(QDate(now.year, now.month, now.day))
        self._show_current()
        self.typed_box.set_entries(page.typed)
        self.history_model.set_rows(list(reversed(readings)))
        self._fit_tables()
        self._show_ahr()

    @property
    def current(self) -> Reconciliation | None:
        i = self.market_combo.currentIndex()
        return self.reports[i] if 0 <= i < len(self.reports) else None

    def _show_current(self, *_: object) -> None:
        rec = self.current
        self.hint.setVisible(rec is None)
        self.report_box.setVisible(rec is not None)
        if rec is None:
            self.report_label.setText("")
            self.odr_model.set_rows([])
            self.shipping_model.set_rows([])
            return
        made = f"{short_day(rec.report_at.date())}, {rec.report_at.year}"
        account = rec.account_status.replace("_", " ").lower() or "not given"
        source = (
            f"the figures you typed from the Account Health page, read on {made}"
            if rec.typed
            else f"Amazon's seller performance report of {made}. Account status: {account}"
        )
        self.report_label.setText(
            f"{rec.marketplace}: {source}. Amazon's numbers are compared with the ones "
            "computed here for exactly the same dates."
        )
        days = rec.odr[0].days if rec.odr else None
        span = f", orders of {span_text(days)}" if days else ""
        self.odr_title.setText(f"<h3>Order Defect Rate{span}</h3>")
        channels = list(rec.odr)
        if len(channels) == 2:
            self.odr_model.set_rows([(label, attr, channels) for label, attr in ODR_ROWS])
        else:
            self.odr_model.set_rows([])
        self.explanations.setText(explanations_html(channels))
        self.shipping_model.set_rows(list(rec.shipping))
        flagged = [p for p in rec.policies if p.defects or p.status == "breach"]
        listed = "; ".join(w.text for w in rec.warnings)
        warnings = f"\nWarnings: {listed}." if listed else ""
        self.policy_label.setText(
            "Policy compliance: "
            + (
                "; ".join(f"{p.title}: {p.defects} ({status_word(p.status)})" for p in flagged)
                if flagged
                else "no policy complaints in Amazon's report."
            )
            + warnings
        )
        self._fit_tables()

    def _fit_tables(self) -> None:
        _fit_height(self.odr_table, self.odr_model.rowCount())
        _fit_height(self.shipping_table, self.shipping_model.rowCount())
        _fit_height(self.history_table, self.history_model.rowCount(), most=8)

    def _show_ahr(self) -> None:
        rec = self.current
        if rec is not None:
            word = rec.ahr_status.replace("_", " ").capitalize() or "not given"
            score = f"score {rec.ahr_score}" if rec.ahr_score is not None else "no numeric score"
            status = status_word(amazon_status(rec.ahr_status)) if rec.ahr_status else ""
            self.ahr_report_label.setText(
                f"Amazon's report: Account Health {word} {status} ({score}). Type the number "
                "from Seller Central's Account Health page to keep its history here."
            )
        else:
            self.ahr_report_label.setText(
                "Type the number from Seller Central's Account Health page to keep its history."
            )
        if self.ahr is not None:
            self.band_label.setText(self.ahr.band_text)
            self.assurance_label.setText(self.ahr.assurance_text)

    # --- actions -------------------------------------------------------------------------

    def add_reading(self) -> bool:
        """Validate and store the typed AHR; a refused value is explained under the field."""
        try:
            score = parse_ahr_score(self.ahr_input.text())
        except ValueError as exc:
            self.ahr_error.setText(str(exc))
            self.ahr_error.show()
            return False
        now = self._clock()
        qd = self.ahr_date.date()
        picked = date(qd.year(), qd.month(), qd.day())
        at = now if picked >= now.date() else day_start(picked) + timedelta(hours=12)
        self.write(lambda store: add_ahr_reading(store, score, at))
        self.ahr_error.hide()
        self.ahr_input.clear()
        return True

    def open_figures_form(self) -> None:
        open_figures_form(self, lambda dialog: setattr(self, "figures_form", dialog))

    def delete_typed(self, entry_id: int) -> None:
        self.write(lambda store: delete_typed_figures(store, entry_id))

    def delete_selected(self) -> bool:
        index = self.history_table.currentIndex()
        if not index.isValid():
            return False
        reading = self.history_model.rows[index.row()]
        if reading.id is None:
            self.ahr_error.setText("A score from Amazon's report cannot be deleted here.")
            self.ahr_error.show()
            return False
        reading_id = reading.id
        self.write(lambda store: delete_ahr_reading(store, reading_id))
        return True


def explanations_html(channels: Sequence[ChannelReconciliation]) -> str:
    """Each channel's headline in bold with its reasons as a list (the same text as the CLI)."""
    parts = []
    for c in channels:
        items = "".join(f"<li>{escape(e.text)}</li>" for e in c.explanations)
        parts.append(f"<p><b>{escape(c.headline)}</b></p><ul>{items}</ul>")
    return "".join(parts)
