"""A tiny line of the 14-day ODR forecast with the target as a dashed line."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget


class Sparkline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[tuple[date, float]] = []
        self._target: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(28)

    def sizeHint(self) -> QSize:
        return QSize(160, 28)

    def set_points(self, points: list[tuple[date, float | None]], target: float | None) -> None:
        self._points = [(d, v) for d, v in points if v is not None]
        self._target = target
        self.setToolTip(
            "\n".join(f"{d:%b} {d.day}: {v:.2f} %" for d, v in self._points) or "No forecast"
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        if len(self._points) < 2:
            return
        values = [v for _, v in self._points]
        top = max([*values, self._target or 0.0]) * 1.1 or 1.0
        w, h = self.width() - 4, self.height() - 4

        def y(v: float) -> float:
            return 2 + h - (v / top) * h

        step = w / (len(values) - 1)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._target is not None:
            pen = QPen(QColor("#c62828"), 1, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(2, y(self._target)), QPointF(2 + w, y(self._target)))
        line = QPolygonF([QPointF(2 + i * step, y(v)) for i, v in enumerate(values)])
        p.setPen(QPen(self.palette().text().color(), 1.6))
        p.drawPolyline(line)
        p.end()
