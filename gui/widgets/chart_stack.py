"""A chart that gives way to a sentence while it has nothing to draw (products, requests)."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


class ChartStack(QStackedWidget):
    """`chart` in `view` (legend below), or `empty_label`; `show_chart(on)` picks one."""

    def __init__(
        self,
        empty_text: str,
        name: str,
        *,
        height: int,
        margin: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setMinimumHeight(height)
        self.empty_label = QLabel(empty_text)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart = QChart()
        self.chart.setMargins(QMargins(margin, margin, margin, margin))
        self.chart.setBackgroundVisible(False)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(name)
        self.addWidget(self.empty_label)
        self.addWidget(self.view)

    @property
    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty_label

    def clear_chart(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)

    def show_chart(self, on: bool) -> None:
        """The chart in the palette's text colour (dark mode too), or the sentence."""
        if on:
            pal = self.palette()
            self.chart.legend().setLabelBrush(pal.text())
            for axis in self.chart.axes():
                axis.setLabelsBrush(pal.text())
        self.setCurrentWidget(self.view if on else self.empty_label)
