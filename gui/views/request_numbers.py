"""The Review requests screen's numbers in sentences: request rate, feedback with and
without a request (spec/review-requests.md)."""

from __future__ import annotations

from datetime import date

from core.format import count_noun, format_date, format_pct
from core.review_requests import FeedbackShare, RequestNumbers


def _share(s: FeedbackShare) -> str:
    text = f"{s.with_feedback} of {count_noun(s.orders, 'order')} left feedback ({format_pct(s.feedback_share, 1)})"
    if s.with_feedback:
        text += f", {s.negative} negative ({format_pct(s.negative_share, 1)})"
    return text


def numbers_text(n: RequestNumbers, since: date | None = None) -> str:
    """The spec's numbers in sentences: request rate, feedback after a request and without."""
    rate = (
        f"<b>Request rate</b>, last {(n.now.date() - n.period_start).days + 1} days: "
        f"{n.requested} of {count_noun(n.eligible, 'eligible order')} requested "
        f"({format_pct(n.request_rate, 1)})."
    )
    opened = f" (windows opened since {format_date(since)})" if since is not None else ""
    return (
        f"{rate}<br><b>After a request</b>{opened}: {_share(n.after_request)}."
        f"<br><b>Without a request</b>: {_share(n.without_request)}."
    )
