"""Review requests over time: the request rate, and how often buyers left feedback with and
without a request, one point a week (QtCharts, like the dashboard's trends)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from core.clock import day_start
from core.review_requests import RequestNumbers

EMPTY_TEXT = (
    "The chart fills in once orders have had a request window open: it shows each week's "
    "request rate and how often buyers left feedback with and without a request."
)
LINES: tuple[tuple[str, str, Callable[[RequestNumbers], float | None]], ...] = (
    ("Request rate", "#1a73e8", lambda n: n.request_rate),
    ("Feedback after a request", "#137333", lambda n: n.after_request.feedback_share),
    ("Feedback without one", "#6b7280", lambda n: n.without_request.feedback_share),
)


class RequestChart(QStackedWidget):
    """Three weekly lines in percent; a sentence instead while there is nothing to draw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(170)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart = QChart()
        self.chart.setMargins(QMargins(2, 2, 2, 2))
        self.chart.setBackgroundVisible(False)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName("Review requests over time")
        self.addWidget(self.empty_label)
        self.addWidget(self.view)

    @property
    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty_label

    def set_history(self, history: Sequence[RequestNumbers]) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        lines = [(name, colour, [(n, value(n)) for n in history]) for name, colour, value in LINES]
        values = [v for _, _, points in lines for _, v in points if v is not None]
        if len(history) < 2 or not values:
            self.setCurrentWidget(self.empty_label)
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
        pal = self.palette()
        self.chart.legend().setLabelBrush(pal.text())
        for axis in self.chart.axes():
            axis.setLabelsBrush(pal.text())
        self.setCurrentWidget(self.view)

    def series_names(self) -> list[str]:
        return [s.name() for s in self.chart.series()]
