"""Order Defect Rate: which orders are defective, and the rate over one purchase-date window."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
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


def defect_events(inputs: MetricInputs) -> Iterator[tuple[Order, str, datetime]]:
    """Every counted defect of a known, non-cancelled order, with the instant it exists from.

    Feedback exists from 00:00 UTC of its date, a claim from its filing.
    """
    for fb in inputs.feedback:
        order = inputs.orders.get(fb.order_id)
        if order is not None and not order.cancelled and feedback_defect(fb):
            yield order, NEGATIVE_FEEDBACK, day_start(fb.feedback_date)
    for claim in inputs.claims:
        order = inputs.orders.get(claim.order_id)
        if order is None or order.cancelled:
            continue
        kind = claim_defect_kind(claim, order)
        if kind is not None:
            yield order, kind, to_utc(claim.filed_at)


def defective_orders(inputs: MetricInputs, as_of: datetime) -> tuple[DefectiveOrder, ...]:
    """Non-cancelled orders with at least one counted defect dated on or before as_of."""
    kinds: dict[str, set[str]] = {}
    for order, kind, known in defect_events(inputs):
        if known <= as_of:
            kinds.setdefault(order.order_id, set()).add(kind)
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
    """The overall and per-channel ODR for one window of purchase dates (see scope_rates)."""
    inside = [d for d in defective if in_days(d.purchase_day, days)]
    mine = {ch: [d for d in inside if d.channel == ch] for ch in CHANNELS}
    overall, rates = scope_rates(
        {ch: len(mine[ch]) for ch in CHANNELS},
        len(inside),
        {ch: order_count(counts, days, ch) for ch in CHANNELS},
        days,
        settings,
    )
    by_channel = {ch: OdrScope(rate=rates[ch], components=components(mine[ch])) for ch in CHANNELS}
    return OdrScope(rate=overall, components=components(inside)), by_channel


def scope_rates(
    defective: Mapping[Channel, int],
    defective_total: int,
    orders: Mapping[Channel, int],
    days: DayWindow,
    settings: MetricSettings,
) -> tuple[RateResult, dict[Channel, RateResult]]:
    """The overall and per-channel rates from counts of defective and of all orders.

    Amazon holds each channel to the target, so the overall status is the worst
    of the channels that have orders and its headroom the smallest.
    """
    window = instant_window(days)
    target, warn = settings.odr_target, settings.warn_ratio
    by_channel = {
        ch: below_target_rate(defective[ch], orders[ch], window, target, warn) for ch in CHANNELS
    }
    total = sum(orders[ch] for ch in CHANNELS)
    overall = below_target_rate(defective_total, total, window, target, warn)
    active = [r for r in by_channel.values() if r.denominator > 0]
    if active:
        overall = _worst_of(overall, active)
    return overall, by_channel


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
