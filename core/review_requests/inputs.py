"""What the review-request planner needs, kept plain so a storage loader can fill it.

Dates Amazon gives as timestamps may be passed as datetimes: the planner takes their UTC
calendar date (spec/review-requests.md, "Every date is the UTC calendar date").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any, Literal

from core.clock import day_start, to_utc
from core.model import Channel

Day = date | datetime
"""A calendar date, or an instant whose UTC date is meant."""


def utc_day(day: Day) -> date:
    """The UTC calendar date of an instant (naive = UTC); a date stays as it is."""
    if isinstance(day, datetime):
        return to_utc(day).date()
    return day


def utc_instant(day: Day) -> datetime:
    """An instant in UTC; a bare date is its 00:00 UTC."""
    return to_utc(day) if isinstance(day, datetime) else day_start(day)


IssueReason = Literal[
    "unanswered message",
    "return requested",
    "A-to-z claim or chargeback",
    "FBA return",
    "refund",
]
ISSUE_REASONS: tuple[IssueReason, ...] = (
    "unanswered message",
    "return requested",
    "A-to-z claim or chargeback",
    "FBA return",
    "refund",
)
"""Open issues in the order the spec names them: the first that applies is the reason given."""


@dataclass(frozen=True, slots=True)
class RequestOrder:
    """One order as the planner sees it: its latest status and every known delivery date."""

    order_id: str
    marketplace: str
    channel: Channel
    purchase_date: datetime
    status: str = ""
    ship_service_level: str = ""
    is_business: bool = False
    estimated_arrivals: tuple[Day, ...] = ()  # FBA, Amazon Fulfilled Shipments (split: many)
    delivery_end: Day | None = None  # FBM Order report `delivery-end-date`
    promise_date: Day | None = None  # Unshipped Orders `promise-date`

    @property
    def cancelled(self) -> bool:
        return self.status.strip().lower() in ("cancelled", "canceled")


@dataclass(frozen=True, slots=True)
class OrderIssue:
    """Something that makes asking this buyer for a review unwise, and since when."""

    order_id: str
    reason: IssueReason
    at: datetime


@dataclass(frozen=True, slots=True)
class FeedbackReceived:
    """Seller feedback received for an order (any rating); no buyer data."""

    order_id: str
    received: Day
    rating: int

    @property
    def negative(self) -> bool:
        return self.rating <= 2


def _default_transit() -> tuple[tuple[str, int], ...]:
    return (
        ("nextday", 1),
        ("oneday", 1),
        ("second", 2),
        ("twoday", 2),
        ("expedited", 3),
        ("standard", 5),
    )


@dataclass(frozen=True, slots=True)
class ReviewRequestSettings:
    """Every number of spec/review-requests.md, with the spec's default."""

    opens_after_days: int = 5
    closes_after_days: int = 30
    transit_days: tuple[tuple[str, int], ...] = field(default_factory=_default_transit)
    """(service-level substring, days), first match wins; compared without case, spaces, hyphens."""
    unknown_transit_days: int = 7
    skip_business_orders: bool = True
    rate_days: int = 30
    """`request_rate` looks at the orders eligible on some day of this many last days."""
    daily_reminder: bool = True
    """The tray reminds once a day while orders are eligible and none was marked."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> ReviewRequestSettings:
        """Unknown keys are ignored; transit pairs may come back from JSON as lists."""
        known = {f.name for f in fields(cls)}
        kept = {k: v for k, v in values.items() if k in known}
        if "transit_days" in kept:
            kept["transit_days"] = tuple((str(k), int(d)) for k, d in kept["transit_days"])
        return replace(cls(), **kept)
