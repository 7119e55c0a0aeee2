"""The request numbers at many instants in one pass, for a chart over time.

`numbers_over_time(..., instants=[t1, t2, ...])` gives exactly what `request_numbers` gives
at each instant with `since` the first day of that instant's `rate_days` period, but looks
at each order once: what decides an order at any instant (its window, its first feedback,
its first open issue, its request) is found once, then only the instants whose period can
meet its window are updated. A dozen points over a busy seller's orders cost about one call.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta

from core.clock import to_utc
from core.review_requests.inputs import (
    FeedbackReceived,
    OrderIssue,
    RequestOrder,
    ReviewRequestSettings,
    utc_day,
)
from core.review_requests.numbers import RequestNumbers, _first_feedback, _Tally
from core.review_requests.plan import RequestWindow, request_window

ONE_DAY = timedelta(days=1)


def _first_issues(issues: Iterable[OrderIssue], until: datetime) -> dict[str, datetime]:
    """The earliest open issue per order up to `until`: whether one holds at an instant,
    and the first day it blocks, both follow from it."""
    out: dict[str, datetime] = {}
    for issue in issues:
        at = to_utc(issue.at)
        if at <= until and (issue.order_id not in out or at < out[issue.order_id]):
            out[issue.order_id] = at
    return out


def numbers_over_time(
    orders: Iterable[RequestOrder],
    *,
    requested: Mapping[str, datetime],
    issues: Iterable[OrderIssue],
    feedback: Iterable[FeedbackReceived],
    instants: Sequence[datetime],
    settings: ReviewRequestSettings | None = None,
    windows: Mapping[str, RequestWindow] | None = None,
) -> list[RequestNumbers]:
    """`request_numbers(now=t, since=<first day of t's period>)` for each of `instants`
    (oldest first)."""
    settings = settings or ReviewRequestSettings()
    moments = sorted(to_utc(t) for t in instants)
    if not moments:
        return []
    days = [m.date() for m in moments]
    starts = [d - timedelta(days=settings.rate_days - 1) for d in days]
    first_feedback = _first_feedback(feedback, days[-1])
    first_issue = _first_issues(issues, moments[-1])
    asked = {oid: to_utc(at) for oid, at in requested.items() if to_utc(at) <= moments[-1]}
    eligible = [0] * len(moments)
    done = [0] * len(moments)
    after = [_Tally() for _ in moments]
    without = [_Tally() for _ in moments]
    for order in orders:
        if order.cancelled or (order.is_business and settings.skip_business_orders):
            continue
        oid = order.order_id
        known = windows.get(oid) if windows is not None else None
        window = known or request_window(order, settings)
        got = first_feedback.get(oid)
        got_day = utc_day(got.received) if got is not None else None
        issue_at = first_issue.get(oid)
        asked_at = asked.get(oid)
        asked_day = asked_at.date() if asked_at is not None else None
        earliest = window.opens if asked_day is None else min(window.opens, asked_day)
        for k in range(bisect_left(days, earliest), bisect_right(starts, window.closes - ONE_DAY)):
            today, start = days[k], starts[k]
            now_got = got if got_day is not None and got_day <= today else None
            end = window.closes
            if issue_at is not None and issue_at <= moments[k]:
                end = min(end, issue_at.date())
            if now_got is not None and got_day is not None:
                end = min(end, got_day)
            asked_on = asked_day if asked_at is not None and asked_at <= moments[k] else None
            if asked_on is None or asked_on >= window.opens:
                last = end if asked_on is None else min(end, asked_on + ONE_DAY)
                if max(window.opens, start) < min(last, today + ONE_DAY):
                    eligible[k] += 1
                    done[k] += asked_on is not None and start <= asked_on < end
            if window.opens < start:
                continue
            if asked_on is not None:
                after[k].add(now_got, asked_on)
            elif window.opens <= min(today, end):
                without[k].add(now_got, window.opens)
    return [
        RequestNumbers(moments[k], starts[k], eligible[k], done[k], a.share(), w.share())
        for k, (a, w) in enumerate(zip(after, without, strict=True))
    ]
