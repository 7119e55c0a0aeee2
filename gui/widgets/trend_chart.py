"""A QtCharts trend of stored metric snapshots with the target drawn as a line.

Fewer than two snapshots cannot make a trend: an explanatory text is shown
instead of an empty chart.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

EMPTY_TEXT = (
    "The trend appears after the numbers have been computed on two different days "
    "(the app stores a snapshot at every recalculation)."
)


class TrendChart(QStackedWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(150)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.empty_label.font()
        font.setItalic(True)  # a hint, not data; full-contrast text stays readable
        self.empty_label.setFont(font)
        self.chart = QChart()
        self.chart.setTitle("")
        self.chart.legend().hide()
        self.chart.setMargins(QMargins(2, 2, 2, 2))
        self.chart.setBackgroundRoundness(0)
        self.chart.setBackgroundVisible(False)
        self.view = QChartView(self.chart)
        self.view.setFrameShape(QChartView.Shape.NoFrame)
        self.view.setStyleSheet("background: transparent;")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(f"{title} trend")
        self.addWidget(self.empty_label)
        self.addWidget(self.view)
        self.point_count = 0

    @property
    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty_label

    def set_history(
        self, points: list[tuple[datetime, float | None]], target: float | None
    ) -> None:
        values = [(t, v) for t, v in points if v is not None]
        self.point_count = len(values)
        if len(values) < 2:
            self.setCurrentWidget(self.empty_label)
            return
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QLineSeries()
        series.setName("value")
        for t, v in values:
            series.append(_msecs(t), v)
        series.setPen(QPen(self.palette().highlight().color(), 2))
        self.chart.addSeries(series)
        x_axis = QDateTimeAxis()
        x_axis.setFormat("MMM d")
        x_axis.setTickCount(min(5, len(values)))
        y_axis = QValueAxis()
        top = max([v for _, v in values] + [target or 0.0]) * 1.15 or 1.0
        y_axis.setRange(0.0, top)
        y_axis.setTickCount(5)
        y_axis.applyNiceNumbers()  # ticks at round values, so the target line reads true
        y_axis.setLabelFormat("%.1f %%" if y_axis.max() < 10 else "%.0f %%")
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        if target is not None:
            line = QLineSeries()
            line.setName("target")
            line.append(_msecs(values[0][0]), target)
            line.append(_msecs(values[-1][0]), target)
            line.setPen(QPen(QColor("#c62828"), 1.5, Qt.PenStyle.DashLine))
            self.chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
        self._apply_palette()
        self.setCurrentWidget(self.view)

    def _apply_palette(self) -> None:
        """Follow the application palette so the chart is readable in dark mode too."""
        pal = self.palette()
        self.chart.setTitleBrush(pal.text())
        for axis in self.chart.axes():
            axis.setLabelsBrush(pal.text())


def _msecs(t: datetime) -> float:
    """QDateTimeAxis positions are milliseconds since the epoch."""
    return t.timestamp() * 1000
