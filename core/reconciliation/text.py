"""Small wording helpers shared by the reconciliation sentences."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from core.format import format_day_range
from core.metrics.odr import (
    DayWindow,
)

ODR = "orderDefectRate"
LATE_DEFECT_DAYS = 3
"""A defect dated this close to the report (or after Amazon's window) may not be in it yet."""
GAP_MIN_EXPECTED = 4
"""A run of days without orders is a gap when the usual volume predicts at least this many."""
CHANNEL_NAMES: dict[str, str] = {"afn": "FBA", "mfn": "FBM"}
AMAZON_STATUS = {"GOOD": "ok", "GREAT": "ok", "NORMAL": "ok", "FAIR": "warning"}
AMAZON_STATUS |= {"AT_RISK": "warning", "BAD": "breach", "CRITICAL": "breach"}
AMAZON_STATUS |= {"DEACTIVATED": "breach"}


def pct(value: float | Fraction | None, decimals: int = 2) -> str:
    return "\u2014" if value is None else f"{float(value):.{decimals}f} %"


def short_day(d: date) -> str:
    return f"{d:%b} {d.day}"


def span_text(days: DayWindow) -> str:
    """'Aug 24, 2026 to Nov 5, 2026': a half-open day range shown with its last day."""
    return format_day_range(days[0], days[1] - timedelta(days=1))


def plural(n: int, singular: str, many: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (many or singular + 's')}"


def amazon_status(raw: str | None) -> str:
    """Amazon's GOOD/BAD/NONE (and AHR words) as ok / warning / breach / no_data."""
    return AMAZON_STATUS.get((raw or "").strip().upper(), "no_data")
