"""Type Amazon's figures from Seller Central's Account Health page.

Most sellers cannot get the seller performance report (it comes from the Selling Partner
API), but every seller sees the same figures on the Account Health page. What is typed
here is stored with the date it was read and counts like an imported report: Amazon's
status on the dashboard, in the warnings, and on the Amazon vs ours screen. The form is
opened from the Amazon vs ours screen and from the dashboard (`open_figures_form`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from fractions import Fraction

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.format import format_date
from core.marketplaces import marketplace_name
from core.model import Channel
from core.reconciliation.typed import (
    TARGETS,
    TypedFigures,
    TypedOdr,
    check_typed,
    parse_count,
    parse_percent,
)
from gui.views.screen import Screen
from services.reconciliation import TypedEntry, add_typed_figures, form_marketplaces

INTRO = (
    "In Seller Central open <b>Performance &gt; Account Health</b> and type the figures it "
    "shows; leave empty what you do not see. They are kept with the date you read them and "
    "count like Amazon's performance report: Amazon's status on the dashboard, in the "
    "warnings and on the Amazon vs ours screen."
)
CHANNELS: tuple[tuple[Channel, str], ...] = (
    ("mfn", "Seller Fulfilled (FBM)"),
    ("afn", "Fulfilled by Amazon (FBA)"),
)
RATES: tuple[tuple[str, str], ...] = (
    ("lateResponseRate", "Late Response Rate"),
    ("preFulfillmentCancellationRate", "Cancellation Rate"),
    ("lateShipmentRate", "Late Shipment Rate"),
    ("validTrackingRate", "Valid Tracking Rate"),
)
ODR_DAYS = (74, 15)
"""Amazon's ODR covers orders of 60 days ending about two weeks before today."""


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _date_edit(d: date, name: str) -> QDateEdit:
    edit = QDateEdit(_qdate(d))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("MMM d, yyyy")
    edit.setAccessibleName(name)
    return edit


def _field(name: str, hint: str, width: int) -> QLineEdit:
    """A short field wide enough for its hint (placeholders are never cut)."""
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(hint)
    edit.setMinimumWidth(width)
    edit.setMaximumWidth(width + 40)
    return edit


class OdrRow:
    """One channel's ODR fields: rate, orders with a defect, orders, from, to."""

    def __init__(self, grid: QGridLayout, row: int, channel: Channel, title: str, today: date):
        self.channel = channel
        self.title = title
        self.rate = _field(f"{title} ODR percent", "0.52", 80)
        self.defective = _field(f"{title} orders with a defect", "optional", 130)
        self.orders = _field(f"{title} orders", "optional", 100)
        self.date_from = _date_edit(today - timedelta(days=ODR_DAYS[0]), f"{title} ODR from")
        self.date_to = _date_edit(today - timedelta(days=ODR_DAYS[1]), f"{title} ODR to")
        grid.addWidget(QLabel(title), row, 0)
        for col, w in enumerate(
            (self.rate, self.defective, self.orders, self.date_from, self.date_to), start=1
        ):
            grid.addWidget(w, row, col)

    def figures(self) -> TypedOdr | None:
        """None when no rate was typed (the channel is left out)."""
        name = f"{self.title} ODR"
        percent = parse_percent(self.rate.text(), name)
        if percent is None:
            return None
        return TypedOdr(
            self.channel,
            percent,
            _date(self.date_from.date()),
            _date(self.date_to.date()),
            orders=parse_count(self.orders.text(), f"{name} orders"),
            defective=parse_count(self.defective.text(), f"{name} orders with a defect"),
        )


class AmazonFiguresDialog(QDialog):
    """The form; `saved(TypedFigures)` once they pass the checks (the caller stores them)."""

    saved = Signal(object)

    def __init__(
        self, marketplaces: Sequence[tuple[str, str]], today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Amazon's figures from the Account Health page")
        self.today = today
        lay = QVBoxLayout(self)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(intro)
        form = QFormLayout()
        self.market = QComboBox()
        self.market.setAccessibleName("Marketplace")
        for market_id, name in marketplaces:
            self.market.addItem(name, market_id)
        form.addRow("Marketplace:", self.market)
        self.reading_date = _date_edit(today, "Date you read the figures")
        self.reading_date.setMaximumDate(_qdate(today))
        form.addRow("Read on:", self.reading_date)
        lay.addLayout(form)
        lay.addWidget(QLabel("<b>Order Defect Rate</b> (per fulfilment channel)"))
        grid = QGridLayout()
        heads = ("", "ODR %", "Orders with a defect", "Orders", "From", "To")
        for col, text in enumerate(heads):
            grid.addWidget(QLabel(text), 0, col)
        self.odr_rows = [OdrRow(grid, i + 1, ch, t, today) for i, (ch, t) in enumerate(CHANNELS)]
        lay.addLayout(grid)
        lay.addWidget(QLabel("<b>Other figures</b>"))
        other = QFormLayout()
        self.rates: dict[str, QLineEdit] = {}
        for name, title in RATES:
            target = TARGETS[name]
            word = "under" if target.under else "over"
            hint = f"target {word} {float(target.percent):g} %"
            self.rates[name] = _field(f"{title} percent", hint, 170)
            other.addRow(f"{title} (%):", self.rates[name])
        self.policy_warnings = _field("Policy warnings", "count", 170)
        other.addRow("Policy warnings:", self.policy_warnings)
        self.ahr = _field("Account Health Rating", "0\u20131000", 170)
        other.addRow("Account Health Rating:", self.ahr)
        lay.addLayout(other)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        lay.addWidget(buttons)

    def figures(self) -> TypedFigures:
        """The typed figures; ValueError (a sentence) for one that cannot be right."""
        odr = [r for r in (row.figures() for row in self.odr_rows) if r is not None]
        rates: dict[str, Fraction] = {}
        for name, title in RATES:
            value = parse_percent(self.rates[name].text(), title)
            if value is not None:
                rates[name] = value
        ahr = parse_count(self.ahr.text(), "Account Health Rating")
        figures = TypedFigures(
            reading_date=_date(self.reading_date.date()),
            marketplace_id=str(self.market.currentData() or ""),
            odr=tuple(odr),
            rates=rates,
            policy_warnings=parse_count(self.policy_warnings.text(), "Policy warnings"),
            ahr=ahr,
        )
        check_typed(figures, self.today)
        return figures

    def save(self) -> None:
        try:
            figures = self.figures()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.saved.emit(figures)
        self.accept()


def open_figures_form(
    screen: Screen, opened: Callable[[AmazonFiguresDialog], None] | None = None
) -> None:
    """Open the form over `screen` (its marketplaces are read first, in the background);
    saved figures are stored in the writer thread and broadcast as a performance change."""

    def show(marketplaces: list[tuple[str, str]]) -> None:
        now = screen._clock()
        dialog = AmazonFiguresDialog(marketplaces, now.date(), screen)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(
            lambda figures: screen.write(lambda store: add_typed_figures(store, figures, now))
        )
        dialog.open()
        if opened is not None:
            opened(dialog)

    screen.ops.query(form_marketplaces, show, parent=screen)


def entry_text(entry: TypedEntry) -> str:
    """'Nov 20, 2026, Amazon.com: FBM ODR 1.2 %, LRR 3 %, AHR 240' for the list of entries."""
    f = entry.figures
    parts = [f"{'FBA' if o.channel == 'afn' else 'FBM'} ODR {float(o.percent):g} %" for o in f.odr]
    short = {name: title for name, title in RATES}
    parts += [f"{short[n]} {float(p):g} %" for n, p in f.rates.items() if n in short]
    if f.policy_warnings is not None:
        parts.append(f"policy warnings {f.policy_warnings}")
    if f.ahr is not None:
        parts.append(f"AHR {f.ahr}")
    market = marketplace_name(f.marketplace_id) if f.marketplace_id else ""
    where = f", {market}" if market else ""
    return f"{format_date(f.reading_date)}{where}: {', '.join(parts)}"


class TypedEntriesBox(QWidget):
    """The typed entries, newest first, with a button that deletes the selected one."""

    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel("<b>Figures you typed in</b> (the newest counts)")
        lay.addWidget(self.title)
        self.list = QListWidget()
        self.list.setAccessibleName("Figures typed in from the Account Health page")
        self.list.setMaximumHeight(110)
        lay.addWidget(self.list)
        row = QHBoxLayout()
        self.delete_button = QPushButton("Delete selected entry")
        self.delete_button.clicked.connect(self._delete)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.entries: list[TypedEntry] = []

    def set_entries(self, entries: Sequence[TypedEntry]) -> None:
        self.entries = list(entries)
        self.list.clear()
        for entry in self.entries:
            self.list.addItem(entry_text(entry))
        self.setVisible(bool(self.entries))

    def _delete(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.entries):
            self.delete_requested.emit(self.entries[row].id)
