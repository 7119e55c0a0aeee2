"""Order Defect Rate: which orders are defective, and the rate over one purchase-date window."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from core.clock import day_start, to_utc
from core.metrics.common import below_target_rate
from core.metrics.inputs import DayChannel, MetricInputs
from core.metrics.result import (
    STATUS_ORDER,
    DefectiveOrder,
    OdrComponents,
    OdrScope,
    RateResult,
)
from core.model import CHANNELS, FULFILMENT_REASONS, Channel, Claim, Feedback, Order
from core.settings import MetricSettings

NEGATIVE_FEEDBACK = "negative_feedback"
A_TO_Z = "a_to_z_claims"
CHARGEBACK = "chargebacks"

DayWindow = tuple[date, date]
"""Half-open range of purchase dates [first, end)."""


NOT_NEGATIVE_NEUTRAL = "neutral - not an ODR defect"
NOT_NEGATIVE_POSITIVE = "positive - not an ODR defect"
REMOVED = "removed"
STRUCK_THROUGH = "struck through"
FBA_FULFILMENT = "FBA fulfilment claim: Amazon's responsibility"
BUY_SHIPPING = "buy shipping protected"
FRAUD_CHARGEBACK = "fraud chargeback"
UNKNOWN_CLAIM_KIND = "neither an A-to-z claim nor a chargeback"


def feedback_exclusion(feedback: Feedback) -> str | None:
    """Why feedback does not count toward ODR (a short phrase the UI shows), or None if it does.

    The one place the rule lives: the metric engine and the Defects screen both ask here.
    """
    if not feedback.negative:
        return NOT_NEGATIVE_NEUTRAL if feedback.rating == 3 else NOT_NEGATIVE_POSITIVE
    if feedback.removed:
        return REMOVED
    if feedback.struck_through:
        return STRUCK_THROUGH
    return None


def claim_exclusion(claim: Claim, order: Order) -> str | None:
    """Why a claim or chargeback does not count toward ODR, or None when it counts.

    Order-level conditions (cancelled, outside the window) are the caller's; this is the
    claim's own rule from metrics.md.
    """
    if claim.kind == "chargeback":
        if claim.reason == "fraud":
            return FRAUD_CHARGEBACK
        if claim.status in ("won", "withdrawn"):
            return claim.status
        return None
    if claim.kind != "a-to-z":
        return UNKNOWN_CLAIM_KIND
    if claim.status in ("denied", "withdrawn"):
        return claim.status
    if claim.buy_shipping_protected:
        return BUY_SHIPPING
    if order.channel == "afn" and claim.reason in FULFILMENT_REASONS:
        return FBA_FULFILMENT  # Amazon answers for FBA fulfilment
    return None


def feedback_defect(feedback: Feedback) -> bool:
    """Negative feedback counts unless removed or struck through."""
    return feedback_exclusion(feedback) is None


def claim_defect_kind(claim: Claim, order: Order) -> str | None:
    """The ODR component a claim counts in, or None when it does not count."""
    if claim_exclusion(claim, order) is not None:
        return None
    return CHARGEBACK if claim.kind == "chargeback" else A_TO_Z


def defective_orders(inputs: MetricInputs, as_of: datetime) -> tuple[DefectiveOrder, ...]:
    """Non-cancelled orders with at least one counted defect dated on or before as_of."""
    kinds: dict[str, set[str]] = {}

    def add(order_id: str, kind: str) -> None:
        order = inputs.orders.get(order_id)
        if order is None or order.cancelled:
            return
        kinds.setdefault(order_id, set()).add(kind)

    for fb in inputs.feedback:
        if feedback_defect(fb) and day_start(fb.feedback_date) <= as_of:
            add(fb.order_id, NEGATIVE_FEEDBACK)
    for claim in inputs.claims:
        order = inputs.orders.get(claim.order_id)
        if order is None or to_utc(claim.filed_at) > as_of:
            continue
        kind = claim_defect_kind(claim, order)
        if kind is not None:
            add(claim.order_id, kind)
    found = [
        DefectiveOrder(
            order_id=oid,
            purchase_day=to_utc(inputs.orders[oid].purchase_date).date(),
            channel=inputs.orders[oid].channel,
            kinds=frozenset(ks),
        )
        for oid, ks in kinds.items()
    ]
    found.sort(key=lambda d: (d.purchase_day, d.order_id))
    return tuple(found)


def day_window(as_of_day: date, settings: MetricSettings) -> DayWindow:
    """[D - (window + lag), D - lag): Amazon reports ODR lagging behind as_of."""
    end = as_of_day - timedelta(days=settings.odr_lag_days)
    return end - timedelta(days=settings.odr_window_days), end


def instant_window(days: DayWindow) -> tuple[datetime, datetime]:
    return day_start(days[0]), day_start(days[1])


def order_count(counts: Mapping[DayChannel, int], days: DayWindow, channel: Channel) -> int:
    """Non-cancelled orders of one channel purchased in the window."""
    total = 0
    day = days[0]
    while day < days[1]:
        total += counts.get((day, channel), 0)
        day += timedelta(days=1)
    return total


def components(orders: Iterable[DefectiveOrder]) -> OdrComponents:
    listed = list(orders)
    return OdrComponents(
        negative_feedback=sum(NEGATIVE_FEEDBACK in d.kinds for d in listed),
        a_to_z_claims=sum(A_TO_Z in d.kinds for d in listed),
        chargebacks=sum(CHARGEBACK in d.kinds for d in listed),
    )


def in_days(day: date, days: DayWindow) -> bool:
    return days[0] <= day < days[1]


def scopes(
    defective: tuple[DefectiveOrder, ...],
    counts: Mapping[DayChannel, int],
    days: DayWindow,
    settings: MetricSettings,
) -> tuple[OdrScope, dict[Channel, OdrScope]]:
    """The overall and per-channel ODR for one window of purchase dates.

    Amazon holds each channel to the target, so the overall status is the worst
    of the channels that have orders and its headroom the smallest.
    """
    window = instant_window(days)
    inside = [d for d in defective if in_days(d.purchase_day, days)]
    by_channel: dict[Channel, OdrScope] = {}
    for ch in CHANNELS:
        mine = [d for d in inside if d.channel == ch]
        rate = below_target_rate(
            len(mine),
            order_count(counts, days, ch),
            window,
            settings.odr_target,
            settings.warn_ratio,
        )
        by_channel[ch] = OdrScope(rate=rate, components=components(mine))
    total = sum(s.rate.denominator for s in by_channel.values())
    overall = below_target_rate(
        len(inside), total, window, settings.odr_target, settings.warn_ratio
    )
    active = [s.rate for s in by_channel.values() if s.rate.denominator > 0]
    if active:
        overall = _worst_of(overall, active)
    return OdrScope(rate=overall, components=components(inside)), by_channel


def _worst_of(overall: RateResult, channels: list[RateResult]) -> RateResult:
    worst = max(channels, key=lambda r: STATUS_ORDER[r.status]).status
    room = min(r.headroom for r in channels if r.headroom is not None)
    return RateResult(
        value=overall.value,
        numerator=overall.numerator,
        denominator=overall.denominator,
        window_start=overall.window_start,
        window_end=overall.window_end,
        target=overall.target,
        status=worst,
        headroom=room,
    )
