"""A date-and-time field that takes typing (ISO or spreadsheet dates) and a calendar.

The calendar button at the end of the field picks a day; the time typed stays (00:00
when there was none). Typing stays free, so a date pasted from a spreadsheet
("11/20/2026", "20.11.2026") works too; the form reads it with core.typed_dates.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidget, QWidgetAction

from core.typed_dates import parse_typed_time


def calendar_icon(size: int = 16) -> QIcon:
    """A small drawn calendar (themes differ; no icon file to ship)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#5f6368"))
    painter.drawRect(1, 2, size - 3, size - 4)
    painter.fillRect(1, 2, size - 3, 4, QColor("#c62828"))
    for row in range(2):
        for col in range(3):
            painter.fillRect(3 + col * 4, 8 + row * 3, 2, 2, QColor("#5f6368"))
    painter.end()
    return QIcon(pixmap)


class DateLine(QLineEdit):
    """`QLineEdit` with a calendar: `pick(QDate)` writes 'YYYY-MM-DD HH:MM'."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.calendar_action = QAction(calendar_icon(), "Pick a date", self)
        self.calendar_action.setToolTip("Pick the day on a calendar")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self.pick)
        self.menu = QMenu(self)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.calendar)
        self.menu.addAction(holder)

    def open_calendar(self) -> None:
        try:
            shown = parse_typed_time(self.text())
            self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        except ValueError:
            pass
        self.menu.popup(self.mapToGlobal(QPoint(0, self.height())))

    def pick(self, day: QDate) -> None:
        try:
            time = f"{parse_typed_time(self.text()):%H:%M}"
        except ValueError:
            time = "00:00"
        self.setText(f"{day.toString('yyyy-MM-dd')} {time}")
        self.menu.hide()
