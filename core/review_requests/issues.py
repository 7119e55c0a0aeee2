"""Open issues per order from the stored records, by the spec's precise rules.

A storage loader may build OrderIssue rows itself; this is the reference for what counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from core.clock import day_start, to_utc
from core.metrics.lrr import needs_response, reply_index, response_at
from core.model import Claim, FbaReturn, Message, ReturnRequest
from core.review_requests.inputs import Day, OrderIssue, utc_instant


def unanswered_messages(messages: Iterable[Message], now: datetime) -> list[OrderIssue]:
    """Inbound messages about an order, not marked "no response needed", with no later
    real (non-automated) reply in their thread, nor marked responded, by now."""
    listed = list(messages)
    replies = reply_index(listed, now)
    return [
        OrderIssue(m.order_id, "unanswered message", m.timestamp)
        for m in listed
        if m.order_id
        and needs_response(m)
        and m.timestamp <= now
        and response_at(m, replies, now) is None
    ]


def open_issues(
    now: datetime,
    *,
    messages: Iterable[Message] = (),
    returns: Iterable[ReturnRequest] = (),
    claims: Iterable[Claim] = (),
    fba_returns: Iterable[FbaReturn] = (),
    refunds: Iterable[tuple[str, Day]] = (),
) -> list[OrderIssue]:
    """Every open issue up to now: any FBM return request, claim or chargeback, FBA return
    and refund whatever its status, and each unanswered buyer message."""
    now = to_utc(now)
    found = unanswered_messages(messages, now)
    found += [
        OrderIssue(r.order_id, "return requested", day_start(r.request_date)) for r in returns
    ]
    found += [OrderIssue(c.order_id, "A-to-z claim or chargeback", c.filed_at) for c in claims]
    found += [OrderIssue(r.order_id, "FBA return", r.return_date) for r in fba_returns]
    found += [OrderIssue(oid, "refund", utc_instant(at)) for oid, at in refunds]
    return [i for i in found if i.order_id and to_utc(i.at) <= now]
