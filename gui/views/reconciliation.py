"""Amazon vs ours: the latest seller performance report beside the numbers computed here,
each difference explained in words, plus the typed-in Account Health Rating history.

All figures and sentences come from core.reconciliation (the CLI prints the same ones);
this module only lays them out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont
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

from core.ahr import BAND_LABELS, ahr_band
from core.clock import day_start
from core.reconciliation import (
    AhrSummary,
    ChannelReconciliation,
    Reconciliation,
    ShippingRow,
    ahr_summary,
    amazon_status,
    parse_ahr_score,
    pct,
    short_day,
    span_text,
)
from gui.widgets.page import scroll_page
from gui.widgets.status import style_for

log = logging.getLogger(__name__)
AnyIndex = QModelIndex | QPersistentModelIndex
Cell = Callable[[Any, int], Any]

NO_REPORT_TEXT = (
    "No seller performance report is imported yet. In Seller Central open Account Health "
    "(or request GET_V2_SELLER_PERFORMANCE_REPORT), save the JSON file and import it on the "
    "Imports screen: Amazon's own figures then appear here beside the ones computed from your "
    "reports, with every difference explained."
)
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


class TextTableModel(QAbstractTableModel):
    """Read-only rows of any objects; `cell(row, column)` gives the text, a cell for which
    `status(row, column)` names a status is painted like a pill (word, symbol and colour),
    and `flag(row, column)` marks a cell that differs from Amazon's."""

    def __init__(
        self,
        headers: Sequence[str],
        cell: Cell,
        parent: QObject | None = None,
        *,
        status: Callable[[Any, int], str | None] | None = None,
        flag: Callable[[Any, int], bool] | None = None,
        tip: Callable[[Any, int], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[Any] = []
        self._cell, self._flag, self._tip = cell, flag, tip
        self._status = status or (lambda _row, _col: None)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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
            return self._tip(row, col) or None
        return None


def _odr_cell(row: tuple[str, str, list[ChannelReconciliation]], col: int) -> str:
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


def _odr_differs(row: tuple[str, str, list[ChannelReconciliation]], col: int) -> bool:
    label, attr, channels = row
    if col == 0 or col % 2 == 1 or attr in ("status", "rate"):
        return False
    chan = channels[(col - 1) // 2]
    theirs = getattr(chan.amazon, attr)
    return theirs is not None and theirs != getattr(chan.ours, attr)


def _odr_status(row: tuple[str, str, list[ChannelReconciliation]], col: int) -> str | None:
    return _odr_cell(row, col) if row[1] == "status" and col > 0 else None


def _shipping_status(s: ShippingRow, col: int) -> str | None:
    return s.amazon_status if col == 3 else s.status if col == 4 else None


def _shipping_cell(s: ShippingRow, col: int) -> str:
    window = span_text(s.days) if s.days else ""
    target = f"{s.condition} {s.target:g} %" if s.target is not None else "\u2014"
    return [s.title, pct(s.rate), target, s.amazon_status, s.status, window, s.room][col]


def _history_cell(r: Any, col: int) -> str:
    if col == 0:
        return f"{r.at:%Y-%m-%d}"
    if col == 1:
        return str(r.score)
    if col == 2:
        return BAND_LABELS[ahr_band(r.score)]
    return "typed in" if r.source == "manual" else "Amazon's report"


def _table(model: QAbstractTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)  # short cells; the long sentences are tooltips and labels
    view.horizontalHeader().setStretchLastSection(True)
    return view


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


class ReconciliationView(QWidget):
    """One page: ODR side by side with explanations, shipping metrics, the AHR."""

    screen_name = "reconciliation"

    def __init__(
        self,
        store: Any,
        bridge: Any,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.bridge, self.clock = store, bridge, clock
        self.reports: list[Reconciliation] = []
        self.ahr: AhrSummary | None = None
        self._dirty = False
        self._build()
        bridge.data_changed.connect(self._schedule_refresh)
        self.refresh()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        lay, head = scroll_page(self, "Amazon vs ours", spacing=8)
        self.market_combo = QComboBox()
        self.market_combo.setAccessibleName("Marketplace")
        self.market_combo.currentIndexChanged.connect(self._show_current)
        head.addWidget(self.market_combo)
        self.report_label = self._label(lay)
        self.hint = self._label(lay, NO_REPORT_TEXT)

        self.report_box = QWidget()
        box = QVBoxLayout(self.report_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.odr_title = QLabel()
        box.addWidget(self.odr_title)
        self.odr_model = TextTableModel(
            ["", "FBA: Amazon", "FBA: here", "FBM: Amazon", "FBM: here"],
            _odr_cell,
            self,
            flag=_odr_differs,
            status=_odr_status,
        )
        self.odr_table = _table(self.odr_model, "Order Defect Rate, Amazon and here")
        self.odr_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.odr_table.setMaximumWidth(900)
        _resize_modes(self.odr_table, {0: QHeaderView.ResizeMode.ResizeToContents}, stretch=True)
        box.addWidget(self.odr_table)
        self.explanations = self._label(box)
        self.explanations.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(QLabel("<h3>Shipping metrics (Amazon's figures)</h3>"))
        self.shipping_model = TextTableModel(
            ["Metric", "Amazon", "Target", "Amazon says", "Against target", "Window", "Meaning"],
            _shipping_cell,
            self,
            status=_shipping_status,
            tip=lambda s, _col: s.verdict,
        )
        self.shipping_table = _table(self.shipping_model, "Shipping metrics")
        fit = QHeaderView.ResizeMode.ResizeToContents
        _resize_modes(self.shipping_table, dict.fromkeys(range(6), fit))
        box.addWidget(self.shipping_table)
        self.policy_label = self._label(box)
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
        self.ahr_error.setStyleSheet("color: #b3261e;")
        self.ahr_error.hide()
        self.band_label = self._label(lay)
        self.assurance_label = self._label(lay)
        self.history_model = TextTableModel(["Date", "AHR", "Band", "Source"], _history_cell, self)
        self.history_table = _table(self.history_model, "AHR history")
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

    def _schedule_refresh(self) -> None:
        """Coalesce bursts of data_changed (an import of several files)."""
        if not self._dirty:
            self._dirty = True
            QTimer.singleShot(0, self.refresh)

    def refresh(self) -> None:
        from storage.repository.ahr_store import history, list_readings
        from storage.repository.reconciliation_inputs import reconcile_latest

        self._dirty = False
        now = self.clock()
        try:
            self.reports = reconcile_latest(self.store.db, now)
            readings = list_readings(self.store.db)
            self.ahr = ahr_summary(history(self.store.db), now)
        except Exception:  # a screen must never take the app down
            log.exception("reconciliation failed")
            self.report_label.setText("Could not compare with Amazon's report; see the log.")
            return
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
        self.report_label.setText(
            f"{rec.marketplace}: Amazon's seller performance report of {made}. Account status: "
            f"{account}. Amazon's numbers are compared with the ones computed here for exactly "
            "the same dates."
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
        self.policy_label.setText(
            "Policy compliance: "
            + (
                "; ".join(f"{p.title}: {p.defects} ({status_word(p.status)})" for p in flagged)
                if flagged
                else "no policy complaints in Amazon's report."
            )
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
        from storage.repository.ahr_store import add_reading

        try:
            score = parse_ahr_score(self.ahr_input.text())
        except ValueError as exc:
            self.ahr_error.setText(str(exc))
            self.ahr_error.show()
            return False
        now = self.clock()
        qd = self.ahr_date.date()
        picked = date(qd.year(), qd.month(), qd.day())
        at = now if picked >= now.date() else day_start(picked) + timedelta(hours=12)
        add_reading(self.store.db, score, at)
        self.ahr_error.hide()
        self.ahr_input.clear()
        self.refresh()
        self.bridge.data_changed.emit()
        return True

    def delete_selected(self) -> bool:
        from storage.repository.ahr_store import delete_reading

        index = self.history_table.currentIndex()
        if not index.isValid():
            return False
        reading = self.history_model.rows[index.row()]
        if reading.id is None:
            self.ahr_error.setText("A score from Amazon's report cannot be deleted here.")
            self.ahr_error.show()
            return False
        delete_reading(self.store.db, reading.id)
        self.refresh()
        self.bridge.data_changed.emit()
        return True


def explanations_html(channels: Sequence[ChannelReconciliation]) -> str:
    """Each channel's headline in bold with its reasons as a list (the same text as the CLI)."""
    parts = []
    for c in channels:
        items = "".join(f"<li>{escape(e.text)}</li>" for e in c.explanations)
        parts.append(f"<p><b>{escape(c.headline)}</b></p><ul>{items}</ul>")
    return "".join(parts)
