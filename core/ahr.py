"""Account Health Rating bands and Account Health Assurance eligibility.

The AHR (0-1000) is often missing from Amazon's report, so the seller types it in; the
history is a set of dated readings. A reading holds until the next one (a step function),
which is the only honest reading of sparse manual entries.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from core.clock import day_start, to_utc

AhrBand = Literal["healthy", "at_risk", "deactivation_risk"]
AHR_MIN, AHR_MAX = 0, 1000
HEALTHY_FROM = 200
AT_RISK_FROM = 100
BAND_LABELS: dict[AhrBand, str] = {
    "healthy": "Healthy",
    "at_risk": "At risk",
    "deactivation_risk": "Deactivation risk",
}
ASSURANCE_MIN_SCORE = 250
ASSURANCE_MONTHS = 6
ASSURANCE_MAX_DAYS_BELOW = 10


def ahr_band(score: int) -> AhrBand:
    """200+ healthy, 100-199 at risk, under 100 may lead to deactivation (reports.md)."""
    if not AHR_MIN <= score <= AHR_MAX:
        raise ValueError(f"an Account Health Rating is 0-1000, not {score}")
    if score >= HEALTHY_FROM:
        return "healthy"
    if score >= AT_RISK_FROM:
        return "at_risk"
    return "deactivation_risk"


@dataclass(frozen=True, slots=True)
class AssuranceStatus:
    """Account Health Assurance: AHR >= 250 for 6 months with at most 10 days below."""

    eligible: bool
    window_start: date
    window_end: date  # inclusive: today counts once a reading exists
    days_below: int
    covered: bool  # the history reaches back to the window start
    current_score: int | None
    reason: str


def add_months(d: date, months: int) -> date:
    """Calendar months, clamping the day (Aug 31 - 6 months = Feb 28/29)."""
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _as_instant(when: datetime | date) -> datetime:
    return to_utc(when) if isinstance(when, datetime) else day_start(when)


def assurance_status(
    history: Iterable[tuple[datetime | date, int]],
    as_of: datetime,
    *,
    min_score: int = ASSURANCE_MIN_SCORE,
    months: int = ASSURANCE_MONTHS,
    max_days_below: int = ASSURANCE_MAX_DAYS_BELOW,
) -> AssuranceStatus:
    """Count the calendar days (UTC) in the last `months` months when the AHR was below.

    A day is below when any reading in force during it was below `min_score` (the reading
    carried in from before the day, or one taken that day). Readings after `as_of` do not
    exist yet. Without a reading on or before the window start the history is too short.
    """
    as_of = to_utc(as_of)
    readings = sorted((_as_instant(w), s) for w, s in history if _as_instant(w) <= as_of)
    end = as_of.date()
    start = add_months(end, -months)
    current = readings[-1][1] if readings else None
    covered = bool(readings) and readings[0][0] <= day_start(start)
    days_below = 0
    i = 0
    in_force: int | None = None
    day = start
    while day <= end:
        next_day = day_start(day + timedelta(days=1))
        while i < len(readings) and readings[i][0] <= day_start(day):
            in_force = readings[i][1]
            i += 1
        scores = [] if in_force is None else [in_force]
        while i < len(readings) and readings[i][0] < next_day:
            in_force = readings[i][1]
            scores.append(in_force)
            i += 1
        if any(s < min_score for s in scores):
            days_below += 1
        day += timedelta(days=1)
    if not covered:
        first = readings[0][0].date().isoformat() if readings else "none"
        reason = (
            f"Not enough history: readings must go back to {start.isoformat()} (earliest: {first})."
        )
        eligible = False
    elif days_below > max_days_below:
        reason = f"AHR was below {min_score} on {days_below} days (at most {max_days_below})."
        eligible = False
    else:
        reason = f"AHR stayed at {min_score}+ except on {days_below} day(s) in {months} months."
        eligible = True
    return AssuranceStatus(eligible, start, end, days_below, covered, current, reason)


def assurance_to_json(a: AssuranceStatus) -> dict[str, Any]:
    return {
        "eligible": a.eligible,
        "window_start": a.window_start.isoformat(),
        "window_end": a.window_end.isoformat(),
        "days_below": a.days_below,
        "covered": a.covered,
        "current_score": a.current_score,
        "current_band": None if a.current_score is None else ahr_band(a.current_score),
        "reason": a.reason,
    }
