"""A QtCharts line of a metric over days, with its target drawn as a dashed line.

The trend shows one point per finished UTC day (services.history computes them from the
imported data, so four months of files give four months of trend at once) and today's
live value; the ODR forecast uses the same chart for the coming days. Axis labels never
elide: date ticks fall on midnights a whole number of days apart, as many as the width
holds, and labels are never cut to "...". Days are placed as calendar days (a UTC day
is labelled with its own date in any zone). Fewer than two points cannot make a line: a
sentence is shown instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCharts import (
    QAbstractAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime, QTimeZone
from PySide6.QtGui import QColor, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from core.clock import to_utc

EMPTY_TEXT = (
    "The trend appears once your reports cover two finished days: every day's value is "
    "computed from the imported data."
)
FORECAST_EMPTY_TEXT = "No forecast yet: it needs orders in the coming days' windows."
TICK_WIDTH = 78
"""Pixels a date label needs ("Nov 20" plus a gap); ticks are spaced at least this far."""
TARGET_COLOR = "#c62828"

ChartPoint = tuple[datetime, float]


class _Midnights:
    """Each day's local midnight, remembered: Qt's local-time conversion asks the C library,
    which looks at the zone file on every call (~27 ms for a 1,000-day trend, per chart)."""

    def __init__(self) -> None:
        self.zone = b""
        self.msecs: dict[date, float] = {}

    def follow_zone(self) -> None:
        """Forget them when the computer's zone changed (checked once per chart drawn)."""
        zone = bytes(QTimeZone.systemTimeZoneId().data())
        if zone != self.zone or len(self.msecs) > 20_000:
            self.zone, self.msecs = zone, {}

    def of(self, day: date) -> float:
        msecs = self.msecs.get(day)
        if msecs is None:
            midnight = QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))
            msecs = self.msecs[day] = float(midnight.toMSecsSinceEpoch())
        return msecs


_MIDNIGHTS = _Midnights()


def _day_msecs(day: date, seconds: float = 0.0) -> float:
    """Where a calendar day (plus seconds into it) sits on a QDateTimeAxis, whose labels are
    in the computer's zone: the day's local midnight, so the label is the day's own date."""
    return _MIDNIGHTS.of(day) + seconds * 1000


def _msecs(t: datetime) -> float:
    """A UTC instant on the day axis: its UTC day, and the time into that day."""
    utc = to_utc(t)
    return _day_msecs(utc.date(), utc.hour * 3600 + utc.minute * 60 + utc.second)


def day_ticks(first: date, last: date, most: int) -> tuple[date, int, int]:
    """(axis end, tick count, days between ticks): ticks on midnights a whole number of days
    apart from `first`, at most `most` of them, the last at or after the end of `last`."""
    span = max(1, (last - first).days + 1)
    step = max(1, math.ceil(span / max(1, most - 1)))
    count = math.ceil(span / step) + 1
    return first + timedelta(days=(count - 1) * step), count, step


def day_points(points: Sequence[tuple[date, float | None]]) -> list[ChartPoint]:
    """Forecast days placed at their noon (UTC), values kept."""
    return [(datetime.combine(d, time(12), tzinfo=UTC), v) for d, v in points if v is not None]


class TrendChart(QStackedWidget):
    """`set_history(points, target)`; `title` names the chart for screen readers."""

    def __init__(
        self,
        title: str,
        parent: QWidget | None = None,
        *,
        empty_text: str = EMPTY_TEXT,
        y_title: str = "",
        caption: str = "",
        height: int = 170,
    ) -> None:
        super().__init__(parent)
        self.setMinimumHeight(height)
        self.empty_label = QLabel(empty_text)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.empty_label.font()
        font.setItalic(True)  # a hint, not data; full-contrast text stays readable
        self.empty_label.setFont(font)
        self.chart = QChart()
        self.chart.legend().hide()
        self.chart.setMargins(QMargins(2, 2, 6, 2))
        self.chart.setBackgroundRoundness(0)
        self.chart.setBackgroundVisible(False)
        self.view = QChartView(self.chart)
        self.view.setFrameShape(QChartView.Shape.NoFrame)
        self.view.setStyleSheet("background: transparent;")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(f"{title} trend")
        self.addWidget(self.empty_label)
        self.addWidget(self.view)
        self.y_title = y_title
        self.point_count = 0
        self.x_axis: QDateTimeAxis | None = None
        self.y_axis: QValueAxis | None = None
        self._days: tuple[date, date] | None = None  # first and last day drawn
        self.chart.setTitle(caption)
        title_font = self.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 0.9)
        self.chart.setTitleFont(title_font)

    @property
    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty_label

    def set_history(
        self, points: Sequence[tuple[datetime, float | None]], target: float | None
    ) -> None:
        values: list[ChartPoint] = [(t, v) for t, v in points if v is not None]
        self.point_count = len(values)
        if len(values) < 2:
            self.setCurrentWidget(self.empty_label)
            return
        _MIDNIGHTS.follow_zone()
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QLineSeries()
        series.setName("value")
        for t, v in values:
            series.append(_msecs(t), v)
        series.setPen(QPen(self.palette().highlight().color(), 2))
        self.chart.addSeries(series)
        x_axis, y_axis = self._axes(values, target)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        if target is not None:
            line = QLineSeries()
            line.setName("target")
            line.append(_msecs(values[0][0]), target)
            line.append(_msecs(values[-1][0]), target)
            line.setPen(QPen(QColor(TARGET_COLOR), 1.5, Qt.PenStyle.DashLine))
            self.chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
        self._apply_palette()
        self._fit_ticks()
        self.setCurrentWidget(self.view)

    def _axes(
        self, values: list[ChartPoint], target: float | None
    ) -> tuple[QDateTimeAxis, QValueAxis]:
        x_axis = QDateTimeAxis()
        self._days = (to_utc(values[0][0]).date(), to_utc(values[-1][0]).date())
        x_axis.setFormat("MMM d")
        y_axis = QValueAxis()
        top = max([v for _, v in values] + [target or 0.0]) * 1.15 or 1.0
        y_axis.setRange(0.0, top)
        y_axis.setTickCount(5)
        y_axis.applyNiceNumbers()  # ticks at round values, so the target line reads true
        y_axis.setLabelFormat("%.1f %%" if y_axis.max() < 10 else "%.0f %%")
        if self.y_title:
            y_axis.setTitleText(self.y_title)
        small = self.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        axis: QAbstractAxis
        for axis in (x_axis, y_axis):
            axis.setTruncateLabels(False)  # never "..." (issue 16)
            axis.setLabelsFont(small)
            axis.setTitleFont(small)
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        self.x_axis, self.y_axis = x_axis, y_axis
        return x_axis, y_axis

    def tick_count(self) -> int:
        """The date ticks the x axis has now."""
        return self.x_axis.tickCount() if self.x_axis is not None else 0

    def _fit_ticks(self) -> None:
        """Ticks on whole days, as many as the plot's width holds (at least two)."""
        if self.x_axis is None or self._days is None:
            return
        most = max(2, min(9, (self.width() - 70) // TICK_WIDTH))  # 70: the value axis
        first, last = self._days
        end, count, _step = day_ticks(first, last, most)
        self.x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(_day_msecs(first))),
            QDateTime.fromMSecsSinceEpoch(int(_day_msecs(end))),
        )
        self.x_axis.setTickCount(count)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit_ticks()

    def _apply_palette(self) -> None:
        """Follow the application palette so the chart is readable in dark mode too."""
        pal = self.palette()
        self.chart.setTitleBrush(pal.text())
        for axis in self.chart.axes():
            axis.setLabelsBrush(pal.text())
            axis.setTitleBrush(pal.text())


class ForecastChart(TrendChart):
    """The coming days' ODR (a lower bound) against the target, with both axes labelled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "ODR forecast",
            parent,
            empty_text=FORECAST_EMPTY_TEXT,
            y_title="ODR",
            caption="ODR forecast, next 14 days (a lower bound)",
            height=170,
        )
        self.view.setAccessibleName("ODR forecast, next 14 days")

    def set_forecast(
        self, points: Sequence[tuple[date, float | None]], target: float | None
    ) -> None:
        shown = day_points(points)
        self.set_history(shown, target)
        self.setToolTip("\n".join(f"{t:%b} {t.day}: {v:.2f} %" for t, v in shown) or "No forecast")
