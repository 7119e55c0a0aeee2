"""Which orders to ask for a review today, and which to leave alone because of an open issue.

The rules are spec/review-requests.md ("Precise rules" decide). Nothing here sends anything:
the seller presses Amazon's own Request a Review button and logs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.clock import to_utc
from core.model import Channel
from core.review_requests.delivery import Delivery, delivery_of
from core.review_requests.inputs import (
    ISSUE_REASONS,
    FeedbackReceived,
    IssueReason,
    OrderIssue,
    RequestOrder,
    ReviewRequestSettings,
    utc_day,
)


@dataclass(frozen=True, slots=True)
class RequestWindow:
    """The days Amazon accepts a request: opens <= day < closes."""

    delivery: Delivery
    opens: date
    closes: date

    def contains(self, day: date) -> bool:
        return self.opens <= day < self.closes


def request_window(order: RequestOrder, settings: ReviewRequestSettings) -> RequestWindow:
    delivery = delivery_of(order, settings)
    return RequestWindow(
        delivery,
        delivery.day + timedelta(days=settings.opens_after_days),
        delivery.day + timedelta(days=settings.closes_after_days),
    )


@dataclass(frozen=True, slots=True)
class EligibleOrder:
    order_id: str
    marketplace: str
    channel: Channel
    delivery_date: date
    estimated: bool
    opens: date
    closes: date
    days_left: int  # closes - today, at least 1


@dataclass(frozen=True, slots=True)
class ExcludedOrder:
    """In its window but with an open issue: asking an unhappy buyer invites a negative."""

    order_id: str
    reason: IssueReason


@dataclass(frozen=True, slots=True)
class ReviewPlan:
    now: datetime
    eligible: tuple[EligibleOrder, ...]  # by closes, then order id
    excluded: tuple[ExcludedOrder, ...]  # by order id


def first_reasons(issues: Iterable[OrderIssue], now: datetime) -> dict[str, IssueReason]:
    """Per order, the open issue (up to now) named first in the spec's list."""
    rank = {reason: i for i, reason in enumerate(ISSUE_REASONS)}
    out: dict[str, IssueReason] = {}
    for issue in issues:
        if to_utc(issue.at) > now:
            continue
        held = out.get(issue.order_id)
        if held is None or rank[issue.reason] < rank[held]:
            out[issue.order_id] = issue.reason
    return out


def plan_review_requests(
    orders: Iterable[RequestOrder],
    *,
    requested: Mapping[str, datetime],
    issues: Iterable[OrderIssue],
    feedback: Iterable[FeedbackReceived],
    now: datetime,
    settings: ReviewRequestSettings | None = None,
) -> ReviewPlan:
    """Today's eligible orders and the in-window orders held back by an open issue.

    `requested` is the request log (order id -> when); log entries, issues and feedback
    after `now` are ignored, so a past `now` replays that day.
    """
    settings = settings or ReviewRequestSettings()
    now = to_utc(now)
    today = now.date()
    reasons = first_reasons(issues, now)
    rated = {f.order_id for f in feedback if utc_day(f.received) <= today}
    asked = {oid for oid, at in requested.items() if to_utc(at) <= now}
    eligible: list[EligibleOrder] = []
    excluded: list[ExcludedOrder] = []
    days: dict[date, date] = {}  # one object per date: a year's plan keeps 60,000 rows
    for order in orders:
        if order.cancelled:
            continue
        window = request_window(order, settings)
        if not window.contains(today):
            continue
        if (reason := reasons.get(order.order_id)) is not None:
            excluded.append(ExcludedOrder(order.order_id, reason))
            continue
        if order.order_id in asked or order.order_id in rated:
            continue
        if order.is_business and settings.skip_business_orders:
            continue
        eligible.append(
            EligibleOrder(
                order.order_id,
                order.marketplace,
                order.channel,
                days.setdefault(window.delivery.day, window.delivery.day),
                window.delivery.estimated,
                days.setdefault(window.opens, window.opens),
                days.setdefault(window.closes, window.closes),
                (window.closes - today).days,
            )
        )
    eligible.sort(key=lambda e: (e.closes, e.order_id))
    excluded.sort(key=lambda e: e.order_id)
    return ReviewPlan(now, tuple(eligible), tuple(excluded))
