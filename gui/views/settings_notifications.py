"""Settings: tray warnings, quiet hours and the weekly review.

The box shows and returns `services.settings.NotificationPrefs`; the weekly review slot
is part of MetricSettings (the scheduler reads it there).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from core.settings import MetricSettings
from gui.views.settings_thresholds import make_form
from services.settings import NotificationPrefs

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class NotificationsBox(QGroupBox):
    """Warnings on/off, quiet hours (local time), critical-in-quiet and the review slot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Warnings", parent)
        form = make_form(self)
        self.notify_enabled = QCheckBox("Show tray warnings before a threshold is breached", self)
        form.addRow(self.notify_enabled)
        self.quiet_enabled = QCheckBox("Quiet hours (local time)", self)
        self.quiet_start = QTimeEdit(self)
        self.quiet_end = QTimeEdit(self)
        for edit in (self.quiet_start, self.quiet_end):
            edit.setDisplayFormat("HH:mm")
        self.quiet_enabled.toggled.connect(self._sync_quiet)
        quiet = QHBoxLayout()
        quiet.addWidget(self.quiet_start)
        quiet.addWidget(QLabel("to", self))
        quiet.addWidget(self.quiet_end)
        quiet.addStretch(1)
        form.addRow(self.quiet_enabled, quiet)
        self.critical_quiet = QCheckBox("Still show critical warnings during quiet hours", self)
        form.addRow(self.critical_quiet)
        self.review_day = QComboBox(self)
        self.review_day.addItems(WEEKDAYS)
        self.review_hour = QSpinBox(self)
        self.review_hour.setRange(0, 23)
        self.review_hour.setSuffix(":00")
        review = QHBoxLayout()
        review.addWidget(self.review_day)
        review.addWidget(self.review_hour)
        review.addStretch(1)
        form.addRow("Weekly ODR review", review)
        self.time_zone = QComboBox(self)
        self.time_zone.addItem(f"Local time ({datetime.now().astimezone().tzname()})", True)
        self.time_zone.addItem("UTC (the zone of Amazon's deadlines)", False)
        self.time_zone.setToolTip("Every time on every screen, in the tray and in warnings.")
        form.addRow("Show times in", self.time_zone)

    def load(self, prefs: NotificationPrefs, s: MetricSettings) -> None:
        self.review_day.setCurrentIndex(s.weekly_review_weekday % 7)
        self.review_hour.setValue(s.weekly_review_hour)
        self.notify_enabled.setChecked(prefs.enabled)
        self.quiet_enabled.setChecked(bool(prefs.quiet_start and prefs.quiet_end))
        self.quiet_start.setTime(QTime.fromString(prefs.quiet_start or "22:00", "HH:mm"))
        self.quiet_end.setTime(QTime.fromString(prefs.quiet_end or "07:00", "HH:mm"))
        self.critical_quiet.setChecked(prefs.critical_in_quiet)
        self._sync_quiet()

    def apply(self, values: dict[str, float | int | None]) -> None:
        values["weekly_review_weekday"] = self.review_day.currentIndex()
        values["weekly_review_hour"] = self.review_hour.value()

    def validate(self) -> str:
        if self.quiet_enabled.isChecked() and self.quiet_start.time() == self.quiet_end.time():
            return "Quiet hours must start and end at different times."
        return ""

    def load_zone(self, local_time: bool) -> None:
        self.time_zone.setCurrentIndex(0 if local_time else 1)

    def local_time(self) -> bool:
        return bool(self.time_zone.currentData())

    def prefs(self) -> NotificationPrefs:
        quiet = self.quiet_enabled.isChecked()
        return NotificationPrefs(
            self.notify_enabled.isChecked(),
            self.quiet_start.time().toString("HH:mm") if quiet else "",
            self.quiet_end.time().toString("HH:mm") if quiet else "",
            self.critical_quiet.isChecked(),
        )

    def _sync_quiet(self, *_args: object) -> None:
        on = self.quiet_enabled.isChecked()
        for w in (self.quiet_start, self.quiet_end, self.critical_quiet):
            w.setEnabled(on)
