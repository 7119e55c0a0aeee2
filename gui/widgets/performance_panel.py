"""Amazon's own figures from the latest seller performance report(s) on the dashboard: the
shipping metrics, the Account Health Rating, and Amazon's ODR beside ours.

Every figure, verdict and explanation comes from core.reconciliation (the same sentences the
"Amazon vs ours" screen and `main.py reconcile` show), so the logic lives in one place; the
reports reach the panel already computed (services.dashboard), the panel only draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.reconciliation import Reconciliation, amazon_status, pct, span_text
from gui.display import day
from gui.widgets.metric_card import MetricCard

NO_PERFORMANCE_TEXT = (
    "Amazon's own figures are not known yet. Type them from Seller Central's Performance > "
    "Account Health page (\u201cType Amazon's figures\u2026\u201d), or import Amazon's seller "
    "performance report (JSON) if a reports tool saves it: the shipping metrics, the Account "
    "Health Rating and Amazon's ODR then appear beside the ones computed here."
)


def ahr_card_text(report: Reconciliation) -> tuple[str, str, str]:
    """(headline, status, detail) for the Account Health Rating card."""
    raw = report.ahr_status
    score = report.ahr_score
    head = raw.replace("_", " ").capitalize() or "\u2014"
    detail = f"Score {score}" if score is not None else "Amazon's report has no numeric score"
    account = report.account_status
    if account:
        detail += f"; account status {account.replace('_', ' ').lower()}"
    return head, amazon_status(raw), detail + "."


SHORT_REASONS: dict[str, str] = {
    "match": "the same figures",
    "counts_agree": "the same counts",
    "coverage_gap": "days with no orders imported",
    "orders_missing": "orders not imported here",
    "orders_extra": "more orders here than Amazon counts",
    "late_defect": "defects Amazon has not counted yet",
    "rule_difference": "defects Amazon's rules leave out",
    "defects_missing": "defects not imported here",
    "defects_extra": "defects here that Amazon does not count",
    "rounding": "Amazon's rounding",
    "amazon_inconsistent": "Amazon's own figures disagree",
}
"""The dashboard's one-line reasons; the full sentences are on the Amazon vs ours screen."""


def comparison_html(reports: Sequence[Reconciliation]) -> str:
    """Amazon's ODR vs ours for the first report: a headline and short reasons per channel."""
    if not reports or not reports[0].odr:
        return ""
    rec = reports[0]
    lines = []
    for c in rec.odr:
        lines.append(escape(c.headline))
        reasons = [SHORT_REASONS.get(e.code, e.code) for e in c.explanations]
        if reasons:
            lines.append("\u2022 Why: " + escape("; ".join(dict.fromkeys(reasons))) + ".")
    lines.append("<i>Every difference is explained on the Amazon vs ours screen.</i>")
    span = span_text(rec.odr[0].days)
    return f"<b>Amazon's ODR vs here, orders of {span}</b><br>" + "<br>".join(lines)


class PerformancePanel(QWidget):
    """`show_reports(reports)` draws the cards, an explanation when there is none;
    `show_reconciliations(reports)` also lists the ODR comparison below them.
    """

    type_requested = Signal()  # the seller wants to type figures from Account Health

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel("<h3>Amazon's figures</h3>"))
        head.addStretch(1)
        self.type_button = QPushButton("Type Amazon's figures\u2026")
        self.type_button.setToolTip("Type the figures Seller Central's Account Health page shows")
        self.type_button.clicked.connect(self.type_requested)
        head.addWidget(self.type_button)
        lay.addLayout(head)
        self.hint = QLabel(NO_PERFORMANCE_TEXT)
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        area = QWidget()
        self.grid = QGridLayout(area)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(10)
        lay.addWidget(area)
        self.comparison = QLabel()
        self.comparison.setWordWrap(True)
        self.comparison.hide()
        lay.addWidget(self.comparison)
        self.shipping_cards: list[MetricCard] = []
        self.ahr_card: MetricCard | None = None

    def show_reports(self, reports: Sequence[Reconciliation]) -> None:
        self._clear()
        self.hint.setVisible(not reports)
        row = 0
        for report in reports:
            when = day(report.report_at)
            source = (
                f"typed from the Account Health page, read on {when}"
                if report.typed
                else f"seller performance report of {when}"
            )
            heading = QLabel(f"<b>{escape(report.marketplace)}</b> \u2014 {source}")
            self.grid.addWidget(heading, row, 0, 1, 5)
            row += 1
            for col, fig in enumerate(report.shipping):
                card = MetricCard(fig.title, big=False)
                target = (
                    f"target {fig.condition} {fig.target:g} %" if fig.target is not None else ""
                )
                count = f"{fig.numerator} of {fig.denominator}" if fig.denominator else ""
                window = span_text(fig.days) if fig.days else ""
                card.set_values(
                    value=pct(fig.rate),
                    status=fig.amazon_status,
                    target=target,
                    count=" \u00b7 ".join(x for x in (count, window) if x)
                    or ("Not in the report" if fig.rate is None else ""),
                    headroom=fig.room if fig.rate is not None else "",
                )
                self.grid.addWidget(card, row, col)
                self.shipping_cards.append(card)
            head, status, detail = ahr_card_text(report)
            ahr = MetricCard("Account Health Rating", big=False)
            ahr.set_values(value=head, status=status, count=detail)
            self.grid.addWidget(ahr, row, 4)
            self.ahr_card = ahr
            row += 1

    def show_reconciliations(self, reports: Sequence[Reconciliation]) -> None:
        """The ODR comparison below the cards (the cards come from show_snapshots)."""
        html = comparison_html(reports)
        self.comparison.setText(html)
        self.comparison.setVisible(bool(html))

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.shipping_cards = []
        self.ahr_card = None
