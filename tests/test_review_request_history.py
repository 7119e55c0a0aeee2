"""numbers_over_time gives, at every instant, exactly what request_numbers gives there."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from core.review_requests import (
    ISSUE_REASONS,
    FeedbackReceived,
    OrderIssue,
    RequestOrder,
    ReviewRequestSettings,
    numbers_over_time,
    request_numbers,
)

BASE = datetime(2026, 9, 1, tzinfo=UTC)
LEVELS = ("Standard", "Expedited", "NextDay", "", "SecondDay")


class World(NamedTuple):
    orders: list[RequestOrder]
    requested: dict[str, datetime]
    issues: list[OrderIssue]
    feedback: list[FeedbackReceived]
    instants: list[datetime]
    rate_days: int


@st.composite
def worlds(draw: st.DrawFn) -> World:
    n = draw(st.integers(1, 25))
    orders: list[RequestOrder] = []
    requested: dict[str, datetime] = {}
    issues: list[OrderIssue] = []
    feedback: list[FeedbackReceived] = []
    for i in range(n):
        oid = f"O{i}"
        bought = BASE + timedelta(hours=draw(st.integers(0, 24 * 70)))
        known = draw(st.sampled_from(("none", "arrival", "end", "promise")))
        delivered = (bought + timedelta(days=draw(st.integers(0, 12)))).date()
        orders.append(
            RequestOrder(
                oid,
                "Amazon.com",
                draw(st.sampled_from(("afn", "mfn"))),
                bought,
                draw(st.sampled_from(("Shipped", "Shipped", "Cancelled"))),
                draw(st.sampled_from(LEVELS)),
                draw(st.booleans()),
                (delivered,) if known == "arrival" else (),
                delivered if known == "end" else None,
                delivered if known == "promise" else None,
            )
        )
        hours = st.integers(-24 * 5, 24 * 50)
        if draw(st.booleans()):
            requested[oid] = bought + timedelta(hours=draw(hours))
        for _ in range(draw(st.integers(0, 2))):
            at = bought + timedelta(hours=draw(hours))
            issues.append(OrderIssue(oid, draw(st.sampled_from(ISSUE_REASONS)), at))
        for _ in range(draw(st.integers(0, 2))):
            day = (bought + timedelta(hours=draw(hours))).date()
            feedback.append(FeedbackReceived(oid, day, draw(st.integers(1, 5))))
    instants = sorted(
        {BASE + timedelta(hours=h) for h in draw(st.lists(st.integers(0, 24 * 110), max_size=8))}
    )
    rate_days = draw(st.sampled_from((1, 7, 30)))
    return World(orders, requested, issues, feedback, instants, rate_days)


@settings(max_examples=300, deadline=None)
@given(worlds())
def test_every_instant_matches_request_numbers(world: World) -> None:
    w = world
    cfg = replace(ReviewRequestSettings(), rate_days=w.rate_days)
    got = numbers_over_time(
        w.orders,
        requested=w.requested,
        issues=w.issues,
        feedback=w.feedback,
        instants=w.instants,
        settings=cfg,
    )
    want = [
        request_numbers(
            w.orders,
            requested=w.requested,
            issues=w.issues,
            feedback=w.feedback,
            now=t,
            settings=cfg,
            since=t.date() - timedelta(days=w.rate_days - 1),
        )
        for t in w.instants
    ]
    assert got == want


def test_no_instants_no_numbers() -> None:
    assert numbers_over_time([], requested={}, issues=[], feedback=[], instants=[]) == []


def test_a_requested_order_counts_in_the_week_it_was_asked() -> None:
    o = RequestOrder("A", "Amazon.com", "mfn", BASE, "Shipped", delivery_end=date(2026, 9, 3))
    weekly = ReviewRequestSettings(rate_days=7)
    asked = {"A": datetime(2026, 9, 10, 9, tzinfo=UTC)}
    ends = [datetime(2026, 9, d, 23, 59, tzinfo=UTC) for d in (8, 15, 22)]
    got = numbers_over_time(
        [o], requested=asked, issues=[], feedback=[], instants=ends, settings=weekly
    )
    assert [(n.eligible, n.requested) for n in got] == [(1, 0), (1, 1), (0, 0)]
