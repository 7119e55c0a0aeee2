"""The trend charts place days at the computer's local midnights, remembered per zone."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime

from gui.widgets import trend_chart
from gui.widgets.trend_chart import _day_msecs


def test_midnights_are_remembered_and_equal_to_qt_local_time(qapp: Any) -> None:
    trend_chart._MIDNIGHTS.follow_zone()
    for day in (date(2026, 3, 8) + timedelta(days=i) for i in range(400)):
        local = QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))
        assert _day_msecs(day, 90.0) == local.toMSecsSinceEpoch() + 90_000
    assert date(2026, 3, 8) in trend_chart._MIDNIGHTS.msecs


def test_another_zone_forgets_them(qapp: Any) -> None:
    _day_msecs(date(2026, 1, 1))
    trend_chart._MIDNIGHTS.zone = b"Somewhere/Else"  # as if the computer's zone changed
    trend_chart._MIDNIGHTS.follow_zone()
    assert trend_chart._MIDNIGHTS.msecs == {}
    assert trend_chart._MIDNIGHTS.zone != b"Somewhere/Else"
