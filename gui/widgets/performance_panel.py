"""Amazon's own figures from the latest seller performance report(s): the shipping
metrics and the Account Health Rating, one row of small cards per marketplace."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from core.marketplaces import find_marketplace
from gui.widgets.metric_card import MetricCard
from gui.widgets.performance_text import ahr_text, shipping_figures

NO_PERFORMANCE_TEXT = (
    "Import Amazon's seller performance report (JSON) to see the shipping metrics, the "
    "Account Health Rating and Amazon's ODR beside the one computed here."
)


class PerformancePanel(QWidget):
    """`show_snapshots(latest_performance(db))`; an explanation when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel("<h3>Amazon's figures</h3>"))
        self.hint = QLabel(NO_PERFORMANCE_TEXT)
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        area = QWidget()
        self.grid = QGridLayout(area)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(10)
        lay.addWidget(area)
        self.shipping_cards: list[MetricCard] = []
        self.ahr_card: MetricCard | None = None

    def show_snapshots(self, snapshots: Sequence[Mapping[str, Any]]) -> None:
        self._clear()
        self.hint.setVisible(not snapshots)
        row = 0
        for snap in snapshots:
            market = find_marketplace(str(snap.get("marketplace_id", "")))
            imported = str(snap.get("imported_at", ""))[:10]
            name = market.name if market else snap.get("marketplace_id")
            heading = QLabel(f"<b>{name}</b> \u2014 seller performance report imported {imported}")
            self.grid.addWidget(heading, row, 0, 1, 5)
            row += 1
            for col, fig in enumerate(shipping_figures(snap)):
                card = MetricCard(fig.title, big=False)
                card.set_values(
                    value=fig.value,
                    status=fig.status,
                    target=fig.target,
                    count=" \u00b7 ".join(x for x in (fig.count, fig.window) if x),
                )
                self.grid.addWidget(card, row, col)
                self.shipping_cards.append(card)
            head, status, detail = ahr_text(snap)
            ahr = MetricCard("Account Health Rating", big=False)
            ahr.set_values(value=head, status=status, count=detail)
            self.grid.addWidget(ahr, row, 4)
            self.ahr_card = ahr
            row += 1

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.shipping_cards = []
        self.ahr_card = None
