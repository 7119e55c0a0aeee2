"""Thresholds, windows and deadline periods: settings with the spec's defaults."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class MetricSettings:
    """Every tunable of spec/metrics.md. Stored as key/value in the settings table."""

    odr_target: float = 1.0
    lrr_target: float = 10.0
    rdr_target: float = 10.0
    nfr_warning: float = 5.0
    nfr_breach: float = 10.0
    warn_ratio: float = 0.75
    odr_window_days: int = 60
    odr_lag_days: int = 14
    forecast_days: int = 14
    lrr_days: int = 30
    nfr_days: int = 90
    rdr_days: int = 60
    response_hours: int = 24
    return_decision_hours: int = 48
    claim_info_hours: int = 48
    appeal_days: int = 30
    feedback_removal_days: int = 90
    due_soon_short_hours: int = 4  # message / return / claim_info
    due_soon_long_days: int = 3  # appeal / feedback_removal
    stale_days: int = 7
    weekly_review_weekday: int = 0  # Monday
    weekly_review_hour: int = 9  # local time
    feedback_manager_total: int | None = None  # typed-in NFR denominator

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> MetricSettings:
        """Unknown keys are ignored so older/newer settings never break loading."""
        known = {f.name for f in fields(cls)}
        return replace(cls(), **{k: v for k, v in values.items() if k in known})
