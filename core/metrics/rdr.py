"""Return Dissatisfaction Rate over FBM return requests (FBA returns are Amazon's)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from core.clock import day_start, to_utc
from core.metrics.common import below_target_rate
from core.metrics.result import RateResult, RdrComponents, RdrResult
from core.model import ReturnRequest
from core.settings import MetricSettings


def requested_at(request: ReturnRequest) -> datetime:
    """Requests carry only a date: placed at 00:00 UTC."""
    return day_start(request.request_date)


def decision_time(request: ReturnRequest, at: datetime) -> datetime | None:
    """The known instant the request was decided, if that is on or before `at`."""
    if request.decided_at is None:
        return None
    decided = to_utc(request.decided_at)
    return decided if decided <= at else None


def is_decided(request: ReturnRequest, at: datetime) -> bool:
    """Decided as seen at `at`: first seen decided, a decision time by then, or a decided status."""
    if request.first_seen_decided or decision_time(request, at) is not None:
        return True
    return request.decided_at is None and request.decided_status


def is_late(request: ReturnRequest, as_of: datetime, hours: int) -> bool:
    """Not decided within `hours` of the request; still undecided past that counts too.

    A request first seen already decided (or decided at an unknown time) is on time.
    """
    due = requested_at(request) + timedelta(hours=hours)
    if request.first_seen_decided:
        return False
    decided = decision_time(request, as_of)
    if decided is not None:
        return decided > due
    if is_decided(request, as_of):
        return False
    return as_of > due


def incorrectly_rejected(request: ReturnRequest) -> bool:
    return request.in_policy is True and request.status == "Rejected"


def negative_flags(request: ReturnRequest, as_of: datetime, hours: int) -> tuple[bool, bool, bool]:
    """(negative return feedback, late decision, incorrectly rejected) at as_of."""
    return (
        request.negative_feedback,
        is_late(request, as_of, hours),
        incorrectly_rejected(request),
    )


def rdr_rate(
    negative: int, requests: int, window: tuple[datetime, datetime], settings: MetricSettings
) -> RateResult:
    """Requests with any negative flag over all requests of the window."""
    return below_target_rate(negative, requests, window, settings.rdr_target, settings.warn_ratio)


def compute_rdr(
    returns: Iterable[ReturnRequest], as_of: datetime, settings: MetricSettings
) -> RdrResult:
    """Share of requests in the window with negative feedback, a late decision or a wrong rejection."""
    start = as_of - timedelta(days=settings.rdr_days)
    negative = late = rejected = bad = total = 0
    for r in returns:
        if not start <= requested_at(r) < as_of:
            continue
        total += 1
        flags = negative_flags(r, as_of, settings.return_decision_hours)
        negative += flags[0]
        late += flags[1]
        rejected += flags[2]
        bad += any(flags)
    rate = rdr_rate(bad, total, (start, as_of), settings)
    return RdrResult(
        rate=rate,
        components=RdrComponents(
            negative_feedback=negative, late=late, incorrectly_rejected=rejected
        ),
    )
