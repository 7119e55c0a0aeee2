"""Settings: the review-request planner's numbers (core.review_requests.ReviewRequestSettings).

The transit days per ship-service level estimate a delivery date when no report gives one;
each box covers the spellings the planner matches for that level.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QGroupBox, QSpinBox, QWidget

from core.review_requests import ReviewRequestSettings
from gui.views.settings_thresholds import make_form

TRANSIT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Next day / one day", ("nextday", "oneday")),
    ("Second day / two day", ("second", "twoday")),
    ("Expedited", ("expedited",)),
    ("Standard", ("standard",)),
)


def _spin(box: QWidget, low: int, high: int, after: str = "") -> QSpinBox:
    """Days, with "1 day" in the singular."""
    spin = QSpinBox(box)
    spin.setRange(low, high)

    def suffix(value: int) -> None:
        spin.setSuffix((" day" if value == 1 else " days") + after)

    spin.valueChanged.connect(suffix)
    suffix(spin.value())
    return spin


class ReviewRequestsBox(QGroupBox):
    """Business orders, the daily reminder, the window, transit days, the rate's period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Review requests", parent)
        self._stored = ReviewRequestSettings()
        form = make_form(self)
        self.skip_business = QCheckBox("Do not ask business buyers for a review", self)
        form.addRow(self.skip_business)
        self.daily_reminder = QCheckBox("Remind me in the tray once a day", self)
        self.daily_reminder.setToolTip(
            "While orders wait for a request and none was marked today (never in quiet hours)."
        )
        form.addRow(self.daily_reminder)
        self.opens = _spin(self, 1, 29, " after delivery")
        self.closes = _spin(self, 2, 60, " after delivery")
        form.addRow("Window opens", self.opens)
        form.addRow("Window closes", self.closes)
        self.transit = [(_spin(self, 0, 30), needles) for _, needles in TRANSIT_GROUPS]
        for (label, _), (spin, _) in zip(TRANSIT_GROUPS, self.transit, strict=True):
            spin.setToolTip("Used when no report gives a delivery date.")
            form.addRow(f"Transit: {label.lower()}", spin)
        self.other = _spin(self, 0, 30)
        form.addRow("Transit: other service levels", self.other)
        self.rate_days = _spin(self, 7, 120)
        form.addRow("Request rate over the last", self.rate_days)

    def load(self, s: ReviewRequestSettings) -> None:
        self._stored = s
        days = dict(reversed(s.transit_days))  # the first pair of a needle wins
        defaults = dict(ReviewRequestSettings().transit_days)
        self.skip_business.setChecked(s.skip_business_orders)
        self.daily_reminder.setChecked(s.daily_reminder)
        self.opens.setValue(s.opens_after_days)
        self.closes.setValue(s.closes_after_days)
        for spin, needles in self.transit:
            spin.setValue(days.get(needles[0], defaults[needles[0]]))
        self.other.setValue(s.unknown_transit_days)
        self.rate_days.setValue(s.rate_days)

    def settings(self) -> ReviewRequestSettings:
        """The stored settings with the form's values; hand-added service levels are kept."""
        grouped = {n for _, needles in TRANSIT_GROUPS for n in needles}
        pairs = [(n, spin.value()) for spin, needles in self.transit for n in needles]
        pairs += [p for p in self._stored.transit_days if p[0] not in grouped]
        return replace(
            self._stored,
            skip_business_orders=self.skip_business.isChecked(),
            daily_reminder=self.daily_reminder.isChecked(),
            opens_after_days=self.opens.value(),
            closes_after_days=self.closes.value(),
            transit_days=tuple(pairs),
            unknown_transit_days=self.other.value(),
            rate_days=self.rate_days.value(),
        )

    def validate(self) -> str:
        if self.opens.value() >= self.closes.value():
            return "The review-request window must open before it closes."
        return ""
