"""Settings: the metric thresholds, windows and deadline margins (core.settings.MetricSettings).

Spin boxes carry the valid ranges, so a value outside them cannot be typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.settings import MetricSettings

Spec = tuple[str, float, float, int | None, str]
"""(label, minimum, maximum, decimals or None for integers, suffix)"""

THRESHOLDS: dict[str, Spec] = {
    "odr_target": ("Order Defect Rate must stay under", 0.1, 10.0, 2, " %"),
    "lrr_target": ("Late Response Rate must stay under", 1.0, 50.0, 2, " %"),
    "rdr_target": ("Return Dissatisfaction Rate must stay under", 1.0, 50.0, 2, " %"),
    "nfr_warning": ("Negative Feedback Rate: warning above", 0.5, 50.0, 2, " %"),
    "nfr_breach": ("Negative Feedback Rate: breach above", 0.5, 50.0, 2, " %"),
    "warn_ratio": ("Warn when a rate reaches this much of its target", 10, 100, None, " %"),
}
PERCENT_OF_ONE = frozenset({"warn_ratio"})
"""Stored as a share of 1 (0.75), shown as a percentage (75 %) like every other rate."""
WINDOWS: dict[str, Spec] = {
    "odr_window_days": ("Order Defect Rate counts orders of", 7, 365, None, " days"),
    "odr_lag_days": ("How many days Amazon's ODR lags behind today", 0, 60, None, " days"),
    "lrr_days": ("Late Response Rate counts messages of the last", 7, 90, None, " days"),
    "nfr_days": ("Negative Feedback Rate counts ratings of the last", 30, 365, None, " days"),
    "rdr_days": ("Return Dissatisfaction Rate counts returns of", 7, 365, None, " days"),
    "forecast_days": ("The ODR forecast looks ahead", 1, 60, None, " days"),
}
MARGINS: dict[str, Spec] = {
    "due_soon_short_hours": ("Due soon (messages, returns, claims)", 1, 23, None, " h"),
    "due_soon_long_days": ("Due soon (appeals, feedback removal)", 1, 29, None, " days"),
}


def make_form(box: QGroupBox) -> QFormLayout:
    """A form whose fields keep their natural width (a percentage needs no 900 px box)."""
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
    return form


class ThresholdsPanel(QWidget):
    """Thresholds, windows and deadlines; `spins` maps MetricSettings field names to boxes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        thresholds = self._group("Thresholds", THRESHOLDS)
        self.fm_total = QSpinBox(self)
        self.fm_total.setRange(0, 10_000_000)
        self.fm_total.setSpecialValueText("Not set")
        self.fm_total.setMinimumWidth(120)
        self.fm_total.setToolTip(
            "Seller Central > Feedback Manager: the total number of ratings in the last 90 "
            "days. Used as the NFR denominator when your feedback file has only negative "
            "and neutral ratings."
        )
        self._form(thresholds).addRow("Feedback Manager total (90 days)", self.fm_total)
        layout.addWidget(thresholds)
        layout.addWidget(self._group("Windows", WINDOWS))
        deadlines = self._group("Deadlines", MARGINS)
        self.claim_info = QComboBox(self)
        self.claim_info.addItem("48 hours (Amazon's current rule)", 48)
        self.claim_info.addItem("72 hours (older help pages)", 72)
        self._form(deadlines).insertRow(0, "A-to-z information request window", self.claim_info)
        layout.addWidget(deadlines)

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = box.layout()
        assert isinstance(form, QFormLayout)
        return form

    def _spin(self, name: str, spec: Spec) -> QWidget:
        _label, low, high, decimals, suffix = spec
        spin: QSpinBox | QDoubleSpinBox
        if decimals is None:
            spin = QSpinBox(self)
            spin.setRange(int(low), int(high))
        else:
            spin = QDoubleSpinBox(self)
            spin.setDecimals(decimals)
            spin.setRange(low, high)
            spin.setSingleStep(0.05 if high <= 1 else 0.1)
        spin.setSuffix(suffix)
        spin.setMinimumWidth(120)
        spin.setObjectName(name)
        self.spins[name] = spin
        return spin

    def _group(self, title: str, specs: dict[str, Spec]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = make_form(box)
        for name, spec in specs.items():
            form.addRow(spec[0], self._spin(name, spec))
        return box

    def load(self, s: MetricSettings) -> None:
        for name, spin in self.spins.items():
            value = getattr(s, name)
            spin.setValue(round(value * 100) if name in PERCENT_OF_ONE else value)
        self.claim_info.setCurrentIndex(max(self.claim_info.findData(s.claim_info_hours), 0))
        self.fm_total.setValue(s.feedback_manager_total or 0)

    def apply(self, values: dict[str, float | int | None]) -> None:
        """Write the form into a MetricSettings dict (other fields stay as they are)."""
        for name, spin in self.spins.items():
            values[name] = spin.value() / 100 if name in PERCENT_OF_ONE else spin.value()
        values["claim_info_hours"] = int(self.claim_info.currentData())
        values["feedback_manager_total"] = self.fm_total.value() or None

    @staticmethod
    def validate(s: MetricSettings) -> str:
        if s.nfr_warning >= s.nfr_breach:
            return "The negative feedback warning level must be below the breach level."
        return ""
