"""Review requests: open issues from the records, request rate, feedback after a request."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from core.model import Claim, FbaReturn, Message, ReturnRequest
from core.review_requests import (
    FeedbackReceived,
    OrderIssue,
    RequestOrder,
    ReviewRequestSettings,
    open_issues,
    request_numbers,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
OID = "111-0000001-0000001"


def msg(mid: str, direction: str, hours_ago: float, **kw: object) -> Message:
    return Message(
        message_id=mid,
        thread_id="T1",
        direction=direction,  # type: ignore[arg-type]
        timestamp=NOW - timedelta(hours=hours_ago),
        **{"order_id": OID, **kw},  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("messages", "open_"),
    [
        ([msg("a", "in", 5)], True),
        ([msg("a", "in", 5), msg("b", "out", 3)], False),
        ([msg("a", "in", 5), msg("b", "out", 3, automated=True)], True),  # an ack is no answer
        ([msg("a", "in", 5, no_response_needed=True)], False),
        ([msg("a", "in", 5, responded_at=NOW - timedelta(hours=1))], False),  # marked responded
        ([msg("b", "out", 6), msg("a", "in", 5)], True),  # the reply came before the question
        ([msg("a", "in", 5), msg("b", "out", -1)], True),  # the reply is after now
        ([msg("a", "in", -1)], False),  # received after now
        ([msg("a", "in", 5, order_id="")], False),  # not about an order
    ],
)
def test_unanswered_message_is_an_open_issue(messages: list[Message], open_: bool) -> None:
    got = open_issues(NOW, messages=messages)
    assert [(i.order_id, i.reason) for i in got] == ([(OID, "unanswered message")] if open_ else [])


def test_returns_claims_fba_returns_and_refunds_whatever_their_status() -> None:
    ret = ReturnRequest(OID, "R1", TODAY - timedelta(days=40), "Closed")
    claim = Claim("C1", "A", "chargeback", NOW - timedelta(days=3), "other", "won")
    fba = FbaReturn(NOW - timedelta(days=1), "B", "SKU", "ASIN")
    refunds = [("C", date(2026, 11, 19)), ("D", NOW + timedelta(days=1))]
    got = open_issues(NOW, returns=[ret], claims=[claim], fba_returns=[fba], refunds=refunds)
    assert [(i.order_id, i.reason) for i in got] == [
        (OID, "return requested"),
        ("A", "A-to-z claim or chargeback"),
        ("B", "FBA return"),
        ("C", "refund"),
    ]
    assert got[0].at == datetime(2026, 10, 11, tzinfo=UTC)


# --- request rate -------------------------------------------------------------------------


def order(oid: str, delivered_days_ago: int, **kw: object) -> RequestOrder:
    return RequestOrder(
        oid,
        "Amazon.com",
        "mfn",
        datetime(2026, 9, 1, tzinfo=UTC),
        delivery_end=TODAY - timedelta(days=delivered_days_ago),
        **{"status": "Shipped", **kw},  # type: ignore[arg-type]
    )


def at(days_ago: int) -> datetime:
    return NOW - timedelta(days=days_ago)


def test_request_rate_counts_orders_eligible_on_some_day_of_the_last_30() -> None:
    orders = [
        order("open-now", 10),  # eligible today, not requested
        order("asked", 12),  # requested 2 days ago
        order("closed-in-period", 40),  # window closed 10 days ago: eligible early in the period
        order("closed-before", 70),  # window closed 40 days ago: outside the period
        order("asked-before", 60),  # requested 50 days ago, while its window was open
        order("not-open", 2),  # window not open yet
        order("rated-first", 20),  # window opened 15 days ago, feedback 17 days ago
        order("cancelled", 10, status="Cancelled"),
        order("business", 10, is_business=True),
    ]
    requested = {"asked": at(2), "asked-before": at(50)}
    feedback = [FeedbackReceived("rated-first", TODAY - timedelta(days=17), 4)]
    n = request_numbers(orders, requested=requested, issues=(), feedback=feedback, now=NOW)
    assert n.period_start == TODAY - timedelta(days=29)
    assert (n.eligible, n.requested) == (3, 1)
    assert n.request_rate == pytest.approx(100 / 3)


def test_request_rate_boundaries_of_the_period() -> None:
    # closes exactly on the first day of the period: eligible the day before only -> out
    edge_out = order("out", 30 + 29)
    # closes the day after the period starts: eligible on its first day -> in
    edge_in = order("in", 30 + 28)
    n = request_numbers([edge_out, edge_in], requested={}, issues=(), feedback=(), now=NOW)
    assert (n.eligible, n.requested) == (1, 0)


def test_an_issue_ends_eligibility_and_a_request_while_blocked_does_not_count() -> None:
    issue = [OrderIssue("x", "refund", at(3))]
    orders = [order("x", 10)]
    n = request_numbers(orders, requested={"x": at(1)}, issues=issue, feedback=(), now=NOW)
    assert (n.eligible, n.requested) == (1, 0)  # eligible days 5..7 ago, asked after the refund
    n = request_numbers(orders, requested={"x": at(4)}, issues=issue, feedback=(), now=NOW)
    assert (n.eligible, n.requested) == (1, 1)


def test_no_eligible_orders_means_no_rate() -> None:
    n = request_numbers([], requested={}, issues=(), feedback=(), now=NOW)
    assert (n.eligible, n.requested, n.request_rate) == (0, 0, None)


def test_rate_days_is_a_setting() -> None:
    orders = [order("old", 40)]
    short = ReviewRequestSettings(rate_days=7)
    assert request_numbers(orders, requested={}, issues=(), feedback=(), now=NOW).eligible == 1
    n = request_numbers(orders, requested={}, issues=(), feedback=(), now=NOW, settings=short)
    assert n.eligible == 0


# --- feedback after a request vs without --------------------------------------------------


def test_feedback_after_request_against_without() -> None:
    orders = [order(f"r{i}", 20) for i in range(4)] + [order(f"n{i}", 20) for i in range(5)]
    orders += [order("early", 20), order("not-open", 3), order("troubled", 20)]
    requested = {f"r{i}": at(14) for i in range(4)}
    feedback = [
        FeedbackReceived("r0", TODAY - timedelta(days=10), 5),
        FeedbackReceived("r1", TODAY - timedelta(days=9), 1),
        FeedbackReceived("r2", TODAY - timedelta(days=14), 4),  # same day as the request
        FeedbackReceived("n0", TODAY - timedelta(days=8), 2),
        FeedbackReceived("early", TODAY - timedelta(days=17), 5),  # before its window: neither
        FeedbackReceived("not-open", TODAY - timedelta(days=1), 5),
    ]
    issues = [OrderIssue("troubled", "FBA return", at(16))]  # before its window: not a candidate
    n = request_numbers(orders, requested=requested, issues=issues, feedback=feedback, now=NOW)
    assert (n.after_request.orders, n.after_request.with_feedback, n.after_request.negative) == (
        4,
        3,
        1,
    )
    assert n.after_request.feedback_share == 75.0
    assert n.after_request.negative_share == pytest.approx(100 / 3)
    assert (n.without_request.orders, n.without_request.with_feedback) == (5, 1)
    assert n.without_request.negative_share == 100.0


def test_feedback_comparison_since_a_day() -> None:
    orders = [order("old", 60), order("new", 10)]
    n = request_numbers(
        orders, requested={}, issues=(), feedback=(), now=NOW, since=TODAY - timedelta(days=20)
    )
    assert n.without_request.orders == 1
    assert n.without_request.feedback_share == 0.0 and n.without_request.negative_share is None
