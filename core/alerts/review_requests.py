"""The daily review-request reminder: orders are waiting and none was marked today."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from core.alerts.alert import Alert
from core.clock import to_utc
from core.format import count_noun
from core.review_requests import EligibleOrder

REVIEW_REQUESTS_KEY = "review_requests.daily"


def review_requests_alert(now: datetime, eligible: Sequence[EligibleOrder]) -> Alert | None:
    """Info, once a UTC day (its state is the date); None when nothing is eligible.

    `eligible` is the plan's list, soonest closing first.
    """
    if not eligible:
        return None
    first = eligible[0]
    if first.days_left <= 1:
        soonest = f"Today is the last day for order {first.order_id}."
    else:
        soonest = f"The window of order {first.order_id} closes in {first.days_left} days."
    return Alert(
        REVIEW_REQUESTS_KEY,
        "info",
        f"{count_noun(len(eligible), 'order')} to ask for a review today",
        f"{soonest} Press Request a Review on each order page in Seller Central, then mark "
        "them on the Review requests screen.",
        to_utc(now).date().isoformat(),
        screen="review_requests",
    )
