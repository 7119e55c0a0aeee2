"""The ODR card: overall value, FBA and FBM side by side (each with Amazon's own status
when its report or typed figures give one), components, the next ages-out date, the
14-day forecast as a chart with axes, Amazon's figure and the daily trend."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.metrics.result import OdrResult
from core.model import Channel
from core.reconciliation.flags import AmazonFlag, card_flags
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
from gui.widgets.trend_chart import ForecastChart, TrendChart

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
        self.forecast_chart = ForecastChart()
        self.amazon_label = _label()
        self.amazon_label.setAccessibleName("Amazon's ODR compared")
        for w in (
            self.components_label,
            self.ages_out_label,
            self.forecast_label,
            self.forecast_chart,
            self.amazon_label,
        ):
            left.addWidget(w)
        left.addStretch(1)
        grid.addLayout(left, 0, 0)
        self.trend = TrendChart(TITLES[KEY], caption="ODR on each day", height=220)
        grid.addWidget(self.trend, 0, 1)
        self.details.addLayout(grid)

    def show_odr(
        self, odr: OdrResult, amazon: Sequence[AmazonFlag] = (), rests_on: str = ""
    ) -> None:
        """Fill every part from the metric engine's ODR result; `amazon` are Amazon's own
        figures (their status goes beside ours), `rests_on` the data the forecast counts."""
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
        forecast = forecast_sentence(odr)
        if rests_on and odr.forecast:
            forecast += f" It rests on {rests_on}."
        self.forecast_label.setText(forecast)
        self.forecast_chart.set_forecast(forecast_points(odr), rate.target)
        self.amazon_pill.set_flags(card_flags(amazon, KEY))
        for ch, panel in self.channel_panels.items():
            panel.amazon_pill.set_flags(card_flags(amazon, KEY, ch))
        last_day = rate.window_end - timedelta(days=1)
        span = f"{short_date(rate.window_start.date())} \u2013 {short_date(last_day.date())}"
        self.target_label.setText(f"{target_text(KEY, rate)} \u00b7 orders of {span}")
        self.target_label.setVisible(True)
