"""The ODR card: overall value, FBA and FBM side by side, components, the next
ages-out date, the 14-day forecast with a sparkline, Amazon's figure and a trend."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.metrics.result import OdrResult
from core.model import Channel
from gui.widgets.metric_card import ChannelPanel, MetricCard
from gui.widgets.metric_text import (
    TITLES,
    ages_out_sentence,
    components_text,
    count_text,
    forecast_points,
    forecast_sentence,
    headroom_sentence,
    pct,
    short_date,
    target_text,
)
from gui.widgets.sparkline import Sparkline
from gui.widgets.trend_chart import TrendChart

KEY = "order_defect_rate"


def _label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label


class OdrCard(MetricCard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Order Defect Rate (ODR)", parent)
        panels = QHBoxLayout()
        self.channel_panels: dict[Channel, ChannelPanel] = {
            "afn": ChannelPanel("FBA (fulfilled by Amazon)"),
            "mfn": ChannelPanel("FBM (fulfilled by you)"),
        }
        for panel in self.channel_panels.values():
            panels.addWidget(panel, 1)
        self.details.addLayout(panels)
        grid = QGridLayout()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        left = QVBoxLayout()
        self.components_label = _label()
        self.ages_out_label = _label()
        self.forecast_label = _label()
        self.sparkline = Sparkline()
        self.sparkline.setAccessibleName("ODR forecast, next 14 days")
        self.amazon_label = _label()
        self.amazon_label.setAccessibleName("Amazon's ODR compared")
        for w in (
            self.components_label,
            self.ages_out_label,
            self.forecast_label,
            self.sparkline,
            self.amazon_label,
        ):
            left.addWidget(w)
        left.addStretch(1)
        grid.addLayout(left, 0, 0)
        self.trend = TrendChart(TITLES[KEY])
        grid.addWidget(self.trend, 0, 1)
        self.details.addLayout(grid)

    def show_odr(self, odr: OdrResult) -> None:
        """Fill every part from the metric engine's ODR result."""
        rate = odr.rate
        self.set_values(
            value=pct(rate.value),
            status=rate.status,
            count=count_text(KEY, rate),
            headroom=headroom_sentence(KEY, rate),
        )
        urgent: tuple[int, str] | None = None
        for ch, panel in self.channel_panels.items():
            scope = odr.by_channel.get(ch)
            if scope is None:
                panel.show_scope(None, "")
                continue
            sentence = headroom_sentence(KEY, scope.rate, ch)
            panel.show_scope(scope, sentence)
            room = scope.rate.headroom
            if scope.rate.denominator and room is not None:
                rank = -1 if scope.rate.status == "breach" else room
                if urgent is None or rank < urgent[0]:
                    urgent = (rank, sentence)
        if urgent is not None:  # the headline is the channel closest to breaching
            self.headroom_label.setText(urgent[1])
        self.components_label.setText(f"Defects in the window: {components_text(odr.components)}")
        self.ages_out_label.setText(ages_out_sentence(odr))
        self.forecast_label.setText(forecast_sentence(odr))
        self.sparkline.set_points(forecast_points(odr), rate.target)
        last_day = rate.window_end - timedelta(days=1)
        span = f"{short_date(rate.window_start.date())} \u2013 {short_date(last_day.date())}"
        self.target_label.setText(f"{target_text(KEY, rate)} \u00b7 orders of {span}")
        self.target_label.setVisible(True)
