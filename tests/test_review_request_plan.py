"""Review-request planner: delivery dates, the 5-30 day window, one request ever, exclusions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from core.review_requests import (
    ISSUE_REASONS,
    FeedbackReceived,
    IssueReason,
    OrderIssue,
    RequestOrder,
    ReviewRequestSettings,
    delivery_of,
    plan_review_requests,
    plan_to_json,
    transit_days,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
SETTINGS = ReviewRequestSettings()
EST = timezone(timedelta(hours=-5))


def order(
    order_id: str = "111-0000001-0000001",
    delivered: date | None = TODAY - timedelta(days=10),
    **kw: object,
) -> RequestOrder:
    """An FBM order with a known delivery date (unless `delivered` is None)."""
    base = RequestOrder(
        order_id=order_id,
        marketplace="Amazon.com",
        channel="mfn",
        purchase_date=datetime(2026, 10, 1, 9, 0, tzinfo=UTC),
        status="Shipped",
        delivery_end=delivered,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def plan(
    *orders: RequestOrder,
    now: datetime = NOW,
    requested: dict[str, datetime] | None = None,
    issues: tuple[OrderIssue, ...] = (),
    feedback: tuple[FeedbackReceived, ...] = (),
    settings: ReviewRequestSettings = SETTINGS,
) -> tuple[list[str], list[tuple[str, str]]]:
    result = plan_review_requests(
        orders,
        requested=requested or {},
        issues=issues,
        feedback=feedback,
        now=now,
        settings=settings,
    )
    return [e.order_id for e in result.eligible], [(x.order_id, x.reason) for x in result.excluded]


# --- delivery date ------------------------------------------------------------------------

PURCHASE = datetime(2026, 11, 1, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fields", "expected", "estimated"),
    [
        ({"estimated_arrivals": (date(2026, 11, 6),)}, date(2026, 11, 6), False),
        (  # split shipment: the latest arrival
            {"estimated_arrivals": (date(2026, 11, 6), date(2026, 11, 9), date(2026, 11, 7))},
            date(2026, 11, 9),
            False,
        ),
        (  # an arrival timestamp counts on its UTC date
            {"estimated_arrivals": (datetime(2026, 11, 6, 21, 0, tzinfo=EST),)},
            date(2026, 11, 7),
            False,
        ),
        (  # FBA arrival beats the FBM dates
            {"estimated_arrivals": (date(2026, 11, 6),), "delivery_end": date(2026, 11, 8)},
            date(2026, 11, 6),
            False,
        ),
        (
            {"delivery_end": date(2026, 11, 8), "promise_date": date(2026, 11, 10)},
            date(2026, 11, 8),
            False,
        ),
        ({"promise_date": date(2026, 11, 10)}, date(2026, 11, 10), False),  # empty end: promise
        ({"promise_date": datetime(2026, 11, 10, 23, 59, tzinfo=EST)}, date(2026, 11, 11), False),
        ({"ship_service_level": "Standard"}, date(2026, 11, 6), True),
        ({}, date(2026, 11, 8), True),  # blank service level: 7 days
    ],
)
def test_delivery_date_by_preference(
    fields: dict[str, object], expected: date, estimated: bool
) -> None:
    o = replace(order(delivered=None, purchase_date=PURCHASE), **fields)  # type: ignore[arg-type]
    got = delivery_of(o, SETTINGS)
    assert (got.day, got.estimated) == (expected, estimated)


@pytest.mark.parametrize(
    ("level", "days"),
    [
        ("NextDay", 1),
        ("Next Day", 1),
        ("next-day", 1),
        ("OneDay", 1),
        ("One-Day Shipping", 1),
        ("SecondDay", 2),
        ("Second Day Air", 2),
        ("Two-Day", 2),
        ("TWO DAY", 2),
        ("Expedited", 3),
        ("expedited international", 3),
        ("Standard", 5),
        ("Std US Standard", 5),
        ("FreeEconomy", 7),
        ("Priority", 7),
        ("", 7),
        ("Std US D2D Dom", 7),
    ],
)
def test_transit_days_by_service_level(level: str, days: int) -> None:
    assert transit_days(level, SETTINGS) == days


def test_estimate_uses_the_utc_purchase_date() -> None:
    late_evening = datetime(2026, 11, 1, 22, 0, tzinfo=EST)  # 2 Nov 03:00 UTC
    o = order(delivered=None, purchase_date=late_evening, ship_service_level="Expedited")
    assert delivery_of(o, SETTINGS).day == date(2026, 11, 5)


# --- the window ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_since_delivery", "now_time", "eligible", "days_left"),
    [
        (4, "23:59:59", False, None),
        (5, "00:00:00", True, 25),  # delivered exactly 5 days ago: eligible
        (5, "23:59:59", True, 25),
        (6, "12:00:00", True, 24),
        (29, "23:59:59", True, 1),
        (30, "00:00:00", False, None),  # exactly 30: not
        (31, "12:00:00", False, None),
        (-2, "12:00:00", False, None),  # not delivered yet
    ],
)
def test_window_boundaries(
    days_since_delivery: int, now_time: str, eligible: bool, days_left: int | None
) -> None:
    now = datetime.fromisoformat(f"{TODAY.isoformat()}T{now_time}+00:00")
    o = order(delivered=TODAY - timedelta(days=days_since_delivery))
    result = plan_review_requests([o], requested={}, issues=(), feedback=(), now=now)
    assert [e.days_left for e in result.eligible] == ([days_left] if eligible else [])


def test_today_is_the_utc_date_of_now() -> None:
    o = order(delivered=TODAY - timedelta(days=30))
    local_evening = datetime(2026, 11, 19, 23, 0, tzinfo=EST)  # 20 Nov 04:00 UTC
    assert plan(o, now=local_evening) == ([], [])
    assert plan(o, now=datetime(2026, 11, 19, 18, 0, tzinfo=EST)) == ([o.order_id], [])


def test_eligible_item_carries_the_window() -> None:
    o = order(delivered=None, purchase_date=PURCHASE, ship_service_level="Standard")
    [item] = plan_review_requests([o], requested={}, issues=(), feedback=(), now=NOW).eligible
    assert item.delivery_date == date(2026, 11, 6) and item.estimated
    assert (item.opens, item.closes, item.days_left) == (date(2026, 11, 11), date(2026, 12, 6), 16)
    assert (item.marketplace, item.channel) == ("Amazon.com", "mfn")


def test_known_and_estimated_delivery_move_the_window_differently() -> None:
    purchase = TODAY - timedelta(days=9)
    estimated = order(
        "E", delivered=None, purchase_date=datetime.combine(purchase, datetime.min.time(), UTC)
    )
    known = replace(estimated, order_id="K", promise_date=TODAY - timedelta(days=3))
    # estimate: purchase + 7 days (blank level) = 2 days ago -> not yet open; promise: 3 days ago
    assert plan(estimated, known) == ([], [])
    estimated = replace(estimated, ship_service_level="NextDay")  # delivered 8 days ago
    assert plan(estimated, known) == (["E"], [])


def test_custom_window_settings() -> None:
    o = order(delivered=TODAY - timedelta(days=3))
    assert plan(o) == ([], [])
    assert plan(o, settings=replace(SETTINGS, opens_after_days=3)) == ([o.order_id], [])
    late = order(delivered=TODAY - timedelta(days=40))
    assert plan(late, settings=replace(SETTINGS, closes_after_days=41)) == ([late.order_id], [])


def test_sorted_by_closes_then_order_id() -> None:
    orders = [
        order("C", delivered=TODAY - timedelta(days=6)),
        order("B", delivered=TODAY - timedelta(days=20)),
        order("A", delivered=TODAY - timedelta(days=6)),
        order("D", delivered=TODAY - timedelta(days=29)),
    ]
    assert plan(*orders)[0] == ["D", "B", "A", "C"]


# --- one request ever, feedback, cancelled, business -------------------------------------


def test_one_request_per_order_ever() -> None:
    o = order()
    assert plan(o, requested={o.order_id: NOW - timedelta(days=2)}) == ([], [])
    assert plan(o, requested={o.order_id: NOW}) == ([], [])
    # a log entry after `now` (replaying a past day) does not count yet
    assert plan(o, requested={o.order_id: NOW + timedelta(hours=1)}) == ([o.order_id], [])
    assert plan(o, requested={"other": NOW - timedelta(days=1)}) == ([o.order_id], [])


@pytest.mark.parametrize("rating", [1, 2, 3, 4, 5])
def test_feedback_of_any_rating_means_no_request(rating: int) -> None:
    o = order()
    got = (FeedbackReceived(o.order_id, TODAY - timedelta(days=1), rating),)
    assert plan(o, feedback=got) == ([], [])


def test_feedback_received_after_today_does_not_count_yet() -> None:
    o = order()
    got = (FeedbackReceived(o.order_id, TODAY + timedelta(days=1), 5),)
    assert plan(o, feedback=got) == ([o.order_id], [])
    same_day = (FeedbackReceived(o.order_id, NOW + timedelta(hours=3), 5),)
    assert plan(o, feedback=same_day) == ([], [])


@pytest.mark.parametrize("status", ["Cancelled", "Canceled", "cancelled "])
def test_cancelled_orders_are_neither_eligible_nor_excluded(status: str) -> None:
    o = order(status=status)
    issue = (OrderIssue(o.order_id, "refund", NOW - timedelta(days=1)),)
    assert plan(o, issues=issue) == ([], [])


@pytest.mark.parametrize(("skip", "eligible"), [(True, False), (False, True)])
def test_business_orders_follow_the_setting(skip: bool, eligible: bool) -> None:
    o = order(is_business=True)
    settings = replace(SETTINGS, skip_business_orders=skip)
    assert plan(o, settings=settings)[0] == ([o.order_id] if eligible else [])
    assert plan(order(), settings=settings)[0] == [order().order_id]


# --- open issues --------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ISSUE_REASONS)
def test_each_open_issue_excludes_with_its_reason(reason: IssueReason) -> None:
    o = order()
    issue = (OrderIssue(o.order_id, reason, NOW - timedelta(days=3)),)
    assert plan(o, issues=issue) == ([], [(o.order_id, reason)])


def test_the_reason_is_the_first_issue_in_the_spec_list() -> None:
    o = order()
    issues = tuple(
        OrderIssue(o.order_id, reason, NOW - timedelta(days=i))
        for i, reason in enumerate(reversed(ISSUE_REASONS), start=1)
    )
    assert plan(o, issues=issues)[1] == [(o.order_id, "unanswered message")]
    assert plan(o, issues=issues[:2])[1] == [(o.order_id, "FBA return")]


def test_issue_after_now_is_not_open_yet() -> None:
    o = order()
    later = (OrderIssue(o.order_id, "refund", NOW + timedelta(minutes=1)),)
    assert plan(o, issues=later) == ([o.order_id], [])
    at_now = (OrderIssue(o.order_id, "refund", NOW),)
    assert plan(o, issues=at_now) == ([], [(o.order_id, "refund")])


def test_old_issues_still_count() -> None:
    o = order()
    old = (OrderIssue(o.order_id, "return requested", NOW - timedelta(days=300)),)
    assert plan(o, issues=old)[1] == [(o.order_id, "return requested")]


def test_excluded_lists_only_orders_inside_the_window() -> None:
    inside = order("IN")
    early = order("EARLY", delivered=TODAY - timedelta(days=2))
    late = order("LATE", delivered=TODAY - timedelta(days=30))
    issues = tuple(
        OrderIssue(o.order_id, "refund", NOW - timedelta(days=1)) for o in (inside, early, late)
    )
    assert plan(inside, early, late, issues=issues) == ([], [("IN", "refund")])


def test_excluded_is_sorted_by_order_id() -> None:
    orders = [order(oid, delivered=TODAY - timedelta(days=d)) for oid, d in (("B", 6), ("A", 20))]
    issues = tuple(OrderIssue(o.order_id, "FBA return", NOW) for o in orders)
    assert plan(*orders, issues=issues)[1] == [("A", "FBA return"), ("B", "FBA return")]


# --- JSON contract ------------------------------------------------------------------------


def test_json_is_the_cli_contract() -> None:
    afn = order(
        "111-2222222-3333333",
        delivered=None,
        channel="afn",
        marketplace="Amazon.de",
        estimated_arrivals=(datetime(2026, 11, 10, 18, 0, tzinfo=UTC),),
    )
    est = order("111-4444444-5555555", delivered=None, purchase_date=PURCHASE)
    held = order("111-6666666-7777777")
    issue = (OrderIssue(held.order_id, "unanswered message", NOW - timedelta(hours=5)),)
    result = plan_review_requests(
        [afn, est, held], requested={}, issues=issue, feedback=(), now=NOW
    )
    assert plan_to_json(result) == {
        "now": "2026-11-20T12:00:00+00:00",
        "eligible": [
            {
                "order_id": "111-4444444-5555555",
                "marketplace": "Amazon.com",
                "channel": "mfn",
                "delivery_date": "2026-11-08",
                "estimated": True,
                "opens": "2026-11-13",
                "closes": "2026-12-08",
                "days_left": 18,
            },
            {
                "order_id": "111-2222222-3333333",
                "marketplace": "Amazon.de",
                "channel": "afn",
                "delivery_date": "2026-11-10",
                "estimated": False,
                "opens": "2026-11-15",
                "closes": "2026-12-10",
                "days_left": 20,
            },
        ],
        "excluded": [{"order_id": "111-6666666-7777777", "reason": "unanswered message"}],
    }


def test_now_in_json_is_utc() -> None:
    local = datetime(2026, 11, 20, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    result = plan_review_requests([], requested={}, issues=(), feedback=(), now=local)
    assert plan_to_json(result) == {
        "now": "2026-11-20T12:00:00+00:00",
        "eligible": [],
        "excluded": [],
    }


def test_settings_round_trip_through_a_dict() -> None:
    custom = replace(SETTINGS, opens_after_days=4, transit_days=(("standard", 6),))
    as_json = {
        k: (list(map(list, v)) if k == "transit_days" else v) for k, v in custom.to_dict().items()
    }
    assert ReviewRequestSettings.from_dict({**as_json, "unknown": 1}) == custom
    assert ReviewRequestSettings.from_dict({}) == SETTINGS
