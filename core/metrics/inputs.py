"""What one metric computation needs, already narrowed to the windows by storage.

Orders are passed as daily counts per channel so a year of orders costs a few
hundred numbers, not a million objects; only orders that carry a defect come
as full records. Buyer messages likewise come as (received, answered) pairs,
with full records only for those whose reply clock is still running.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from core.clock import to_utc
from core.model import Channel, Claim, Feedback, Message, Order, ReturnRequest

DayChannel = tuple[date, Channel]
FeedbackKey = tuple[date, int, bool]
"""(feedback date, rating, came from a file holding 4-5 star rows)."""
Contact = tuple[datetime, datetime | None]
"""An inbound message that needs a response: (received, first response by as_of or None)."""


def feedback_day_counts(feedback: Iterable[Feedback]) -> dict[FeedbackKey, int]:
    """Counting feedback (not removed, not struck through) per date, rating and source."""
    counts: dict[FeedbackKey, int] = {}
    for f in feedback:
        if f.counts:
            key = (f.feedback_date, f.rating, f.from_full_report)
            counts[key] = counts.get(key, 0) + 1
    return counts


@dataclass(frozen=True, slots=True)
class MetricInputs:
    """Inputs for one as_of (and one marketplace, or all).

    order_counts: non-cancelled orders per (UTC purchase date, channel).
    orders: the Order record of every order that has feedback or a claim
      (cancelled ones included, the rules drop them).
    feedback_counts: what NFR divides (see feedback_day_counts); when None it is
      derived from `feedback`, which then must hold every rating. Storage passes
      counts and only the negative feedback records (ODR, removal deadlines).
    contacts: what LRR counts, for the as_of the inputs were loaded for (see
      core.metrics.lrr.contacts_from_messages); when None it is derived from
      `messages`, which then must hold the windows' inbound and outbound messages.
    messages: at least every inbound message whose reply clock may still run at
      as_of (the deadline board). Storage passes only those, already unanswered;
      from_records passes everything it was given.
    returns: FBM requests only.
    """

    order_counts: Mapping[DayChannel, int] = field(default_factory=dict)
    orders: Mapping[str, Order] = field(default_factory=dict)
    feedback: tuple[Feedback, ...] = ()
    feedback_counts: Mapping[FeedbackKey, int] | None = None
    claims: tuple[Claim, ...] = ()
    messages: tuple[Message, ...] = ()
    returns: tuple[ReturnRequest, ...] = ()
    feedback_manager_total: int | None = None
    contacts: tuple[Contact, ...] | None = None

    @classmethod
    def from_records(
        cls,
        *,
        orders: Iterable[Order] = (),
        feedback: Iterable[Feedback] = (),
        claims: Iterable[Claim] = (),
        messages: Iterable[Message] = (),
        returns: Iterable[ReturnRequest] = (),
        feedback_manager_total: int | None = None,
    ) -> MetricInputs:
        """Bucket a plain list of orders (tests, hypothesis, small imports)."""
        feedback_t = tuple(feedback)
        claims_t = tuple(claims)
        referenced = {f.order_id for f in feedback_t} | {c.order_id for c in claims_t}
        counts: dict[DayChannel, int] = {}
        by_id: dict[str, Order] = {}
        for order in orders:
            if order.order_id in referenced:
                by_id[order.order_id] = order
            if order.cancelled:
                continue
            key = (to_utc(order.purchase_date).date(), order.channel)
            counts[key] = counts.get(key, 0) + 1
        return cls(
            order_counts=counts,
            orders=by_id,
            feedback=feedback_t,
            claims=claims_t,
            messages=tuple(messages),
            returns=tuple(returns),
            feedback_manager_total=feedback_manager_total,
        )
