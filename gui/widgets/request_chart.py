"""Review requests over time: the request rate, and how often buyers left feedback with and
without a request, one point a week (QtCharts, like the dashboard's trends)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCharts import QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QWidget

from core.clock import day_start
from core.review_requests import RequestNumbers
from gui.widgets.chart_stack import ChartStack

EMPTY_TEXT = (
    "The chart fills in once orders have had a request window open: it shows each week's "
    "request rate and how often buyers left feedback with and without a request."
)
LINES: tuple[tuple[str, str, Callable[[RequestNumbers], float | None]], ...] = (
    ("Weekly request rate", "#1a73e8", lambda n: n.request_rate),
    ("Feedback without a request", "#6b7280", lambda n: n.without_request.feedback_share),
    ("Feedback after a request", "#137333", lambda n: n.after_request.feedback_share),
)
"""Drawn in this order: the line that matters most for the comparison on top."""


class RequestChart(ChartStack):
    """Three weekly lines in percent; a sentence instead while there is nothing to draw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            EMPTY_TEXT, "Review requests over time", height=170, margin=2, parent=parent
        )

    def set_history(self, history: Sequence[RequestNumbers]) -> None:
        self.clear_chart()
        lines = [(name, colour, [(n, value(n)) for n in history]) for name, colour, value in LINES]
        values = [v for _, _, points in lines for _, v in points if v is not None]
        if len(history) < 2 or not values:
            self.show_chart(False)
            return
        x_axis = QDateTimeAxis()
        x_axis.setFormat("MMM d")
        x_axis.setTickCount(min(6, len(history)))
        y_axis = QValueAxis()
        y_axis.setRange(0.0, max(max(values) * 1.15, 1.0))
        y_axis.setTickCount(5)
        y_axis.applyNiceNumbers()
        y_axis.setLabelFormat("%.0f %%")
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for name, colour, points in lines:
            series = QLineSeries()
            series.setName(name)
            series.setPen(QPen(QColor(colour), 2))
            for n, v in points:
                if v is not None:
                    series.append(day_start(n.now.date()).timestamp() * 1000, v)
            self.chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        self.show_chart(True)

    def series_names(self) -> list[str]:
        return [s.name() for s in self.chart.series()]
