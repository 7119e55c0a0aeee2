"""The ODR card: overall value, FBA and FBM side by side, components, the next
ages-out date, the 14-day forecast with a sparkline, Amazon's figure and a trend."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.clock import parse_iso
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
    target_text,
)
from gui.widgets.performance_text import window_text
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
        self.channel_panels: dict[str, ChannelPanel] = {
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

    def show_odr(self, odr: Mapping[str, Any]) -> None:
        """Fill every part from the cli.md `order_defect_rate` dict."""
        target = odr.get("target")
        self.set_values(
            value=pct(odr.get("value")),
            status=odr.get("status"),
            count=count_text(KEY, odr) if odr else "",
            headroom=headroom_sentence(KEY, odr) if odr else "",
        )
        urgent: tuple[int, str] | None = None
        for ch, panel in self.channel_panels.items():
            scope = dict((odr.get("by_channel") or {}).get(ch) or {})
            scope.setdefault("target", target)
            sentence = headroom_sentence(KEY, scope, ch) if odr else ""
            panel.value_label.setText(pct(scope.get("value")))
            panel.pill.set_status(scope.get("status"))
            panel.count_label.setText(count_text(KEY, scope) if odr else "")
            panel.components_label.setText(components_text(scope))
            panel.headroom_label.setText(sentence)
            panel.setAccessibleDescription(f"{pct(scope.get('value'))}. {sentence}")
            room = scope.get("headroom")
            if scope.get("denominator") and room is not None:
                rank = -1 if scope.get("status") == "breach" else int(room)
                if urgent is None or rank < urgent[0]:
                    urgent = (rank, sentence)
        if urgent is not None:  # the headline is the channel closest to breaching
            self.headroom_label.setText(urgent[1])
        comps = components_text(odr)
        self.components_label.setText(f"Defects in the window: {comps}" if comps else "")
        self.ages_out_label.setText(ages_out_sentence(odr) if odr else "")
        self.forecast_label.setText(forecast_sentence(odr) if odr else "")
        self.sparkline.set_points(forecast_points(odr), target)
        parts = [target_text(KEY, odr)]
        if odr.get("window_start") and odr.get("window_end"):
            last_day = parse_iso(odr["window_end"]) - timedelta(days=1)
            span = {"date_from": odr["window_start"], "date_to": last_day.isoformat()}
            parts.append(f"orders of {window_text(span)}")
        self.target_label.setText(" \u00b7 ".join(p for p in parts if p))
        self.target_label.setVisible(True)
