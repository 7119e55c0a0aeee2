"""How the review requests pay off: request rate, and feedback after a request vs without.

Day-level, UTC (spec/review-requests.md): an order is eligible on a day inside its window
before any feedback or open issue arrived, up to and including the day it was requested.
Rates are percentages like every rate in the app; None when there is nothing to divide.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.clock import to_utc
from core.review_requests.inputs import (
    FeedbackReceived,
    OrderIssue,
    RequestOrder,
    ReviewRequestSettings,
    utc_day,
)
from core.review_requests.plan import RequestWindow, request_window


def _percent(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


@dataclass(frozen=True, slots=True)
class FeedbackShare:
    """Of `orders`, how many received feedback, and how many of those were negative."""

    orders: int = 0
    with_feedback: int = 0
    negative: int = 0

    @property
    def feedback_share(self) -> float | None:
        return _percent(self.with_feedback, self.orders)

    @property
    def negative_share(self) -> float | None:
        return _percent(self.negative, self.with_feedback)


@dataclass(frozen=True, slots=True)
class RequestNumbers:
    now: datetime
    period_start: date  # first day of the `rate_days` days ending today
    eligible: int  # orders eligible on some day of the period
    requested: int  # of those, requested during the period
    after_request: FeedbackShare  # requested orders: feedback on/after the request day
    without_request: FeedbackShare  # opened windows never requested: feedback from opening

    @property
    def request_rate(self) -> float | None:
        return _percent(self.requested, self.eligible)


def _first_feedback(
    feedback: Iterable[FeedbackReceived], today: date
) -> dict[str, FeedbackReceived]:
    out: dict[str, FeedbackReceived] = {}
    for f in feedback:
        day = utc_day(f.received)
        if day <= today and (f.order_id not in out or day < utc_day(out[f.order_id].received)):
            out[f.order_id] = f
    return out


def _first_issue_days(issues: Iterable[OrderIssue], now: datetime) -> dict[str, date]:
    out: dict[str, date] = {}
    for issue in issues:
        at = to_utc(issue.at)
        if at <= now and (issue.order_id not in out or at.date() < out[issue.order_id]):
            out[issue.order_id] = at.date()
    return out


class _Tally:
    def __init__(self) -> None:
        self.orders = self.with_feedback = self.negative = 0

    def add(self, got: FeedbackReceived | None, from_day: date) -> None:
        self.orders += 1
        if got is not None and utc_day(got.received) >= from_day:
            self.with_feedback += 1
            self.negative += got.negative

    def share(self) -> FeedbackShare:
        return FeedbackShare(self.orders, self.with_feedback, self.negative)


def request_numbers(
    orders: Iterable[RequestOrder],
    *,
    requested: Mapping[str, datetime],
    issues: Iterable[OrderIssue],
    feedback: Iterable[FeedbackReceived],
    now: datetime,
    settings: ReviewRequestSettings | None = None,
    since: date | None = None,
    windows: Mapping[str, RequestWindow] | None = None,
) -> RequestNumbers:
    """The spec's numbers at `now`; `since` limits the feedback comparison to windows that
    opened on or after that day (for a chart over time). `windows` are the orders' request
    windows when the caller has them already (it asks for many days)."""
    settings = settings or ReviewRequestSettings()
    now = to_utc(now)
    today = now.date()
    start = today - timedelta(days=settings.rate_days - 1)
    first_feedback = _first_feedback(feedback, today)
    first_issue = _first_issue_days(issues, now)
    asked = {oid: to_utc(at).date() for oid, at in requested.items() if to_utc(at) <= now}
    eligible = done = 0
    after, without = _Tally(), _Tally()
    for order in orders:
        if order.cancelled or (order.is_business and settings.skip_business_orders):
            continue
        known = windows.get(order.order_id) if windows is not None else None
        window = known or request_window(order, settings)
        got = first_feedback.get(order.order_id)
        blockers = [window.closes, first_issue.get(order.order_id, window.closes)]
        if got is not None:
            blockers.append(utc_day(got.received))
        end = min(blockers)  # eligible on opens <= day < end, were it never requested
        asked_on = asked.get(order.order_id)
        if asked_on is None or asked_on >= window.opens:
            last = end if asked_on is None else min(end, asked_on + timedelta(days=1))
            if max(window.opens, start) < min(last, today + timedelta(days=1)):
                eligible += 1
                done += asked_on is not None and start <= asked_on and asked_on < end
        if since is not None and window.opens < since:
            continue
        if asked_on is not None:
            after.add(got, asked_on)
        elif window.opens <= min(today, end):  # opened, no feedback or issue before it
            without.add(got, window.opens)
    return RequestNumbers(now, start, eligible, done, after.share(), without.share())
