"""Our ODR over exactly Amazon's window, and every difference explained in words."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from fractions import Fraction

from core.clock import day_start, to_utc
from core.metrics.common import exact
from core.metrics.inputs import MetricInputs
from core.metrics.odr import (
    A_TO_Z,
    DayWindow,
    claim_defect_kind,
    claim_exclusion,
    defective_orders,
    feedback_defect,
    feedback_exclusion,
    in_days,
    scopes,
)
from core.metrics.result import DefectiveOrder, OdrScope
from core.model import Channel, Feedback, Order
from core.reconciliation.amazon import AmazonFigure
from core.reconciliation.text import (
    CHANNEL_NAMES,
    GAP_MIN_EXPECTED,
    LATE_DEFECT_DAYS,
    amazon_status,
    pct,
    plural,
    short_day,
    span_text,
)
from core.settings import MetricSettings

# --- our side for Amazon's window ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WindowData:
    """What storage loads for one Amazon window: engine inputs plus import coverage facts."""

    days: DayWindow
    as_of: datetime
    inputs: MetricInputs
    settings: MetricSettings = field(default_factory=MetricSettings)
    daily_orders: Mapping[date, int] = field(default_factory=dict)  # every imported order
    not_shipped: Mapping[str, int] = field(default_factory=dict)  # Pending/Unshipped by channel
    hidden_feedback: tuple[tuple[Feedback, Order], ...] = ()  # removed / struck-through 1-2 stars


def window_settings(
    days: DayWindow, now: datetime, base: MetricSettings | None = None
) -> tuple[MetricSettings, datetime]:
    """Settings and as_of for which the engine's lagging ODR window is exactly `days`."""
    as_of = max(to_utc(now), day_start(days[1]))
    lag = (as_of.date() - days[1]).days
    cfg = replace(base or MetricSettings(), odr_window_days=(days[1] - days[0]).days)
    return replace(cfg, odr_lag_days=lag), as_of


@dataclass(frozen=True, slots=True)
class Explanation:
    code: str  # match, counts_agree, coverage_gap, orders_missing, orders_extra, late_defect,
    # rule_difference, defects_missing, defects_extra, rounding, amazon_inconsistent
    text: str


@dataclass(frozen=True, slots=True)
class OdrSide:
    orders: int | None
    defective: int | None
    claims: int | None
    chargebacks: int | None
    negative_feedback: int | None
    rate: float | None  # a percentage
    status: str


@dataclass(frozen=True, slots=True)
class ChannelReconciliation:
    channel: Channel
    days: DayWindow
    amazon: OdrSide
    amazon_status_raw: str
    ours: OdrSide
    headline: str
    explanations: tuple[Explanation, ...]


@dataclass(frozen=True, slots=True)
class Gap:
    first: date
    last: date  # inclusive
    where: str  # all / start / end / inside
    usual: float  # median orders on days that have orders


def coverage_gaps(daily: Mapping[date, int], days: DayWindow) -> list[Gap]:
    """Runs of days without a single imported order where the usual volume says there should be."""
    span = [days[0] + timedelta(days=i) for i in range((days[1] - days[0]).days)]
    busy = [daily.get(d, 0) for d in span if daily.get(d, 0) > 0]
    if not span:
        return []
    if not busy:
        return [Gap(span[0], span[-1], "all", 0.0)]
    usual = float(statistics.median(busy))
    gaps: list[Gap] = []
    run: list[date] = []
    for d in [*span, None]:
        if d is not None and daily.get(d, 0) == 0:
            run.append(d)
            continue
        if run and usual * len(run) >= GAP_MIN_EXPECTED:
            where = "start" if run[0] == span[0] else "end" if run[-1] == span[-1] else "inside"
            gaps.append(Gap(run[0], run[-1], where, usual))
        run = []
    return gaps


def gap_sentence(gap: Gap, days: DayWindow) -> str:
    todo = f"import the All Orders report for {span_text((gap.first, gap.last + timedelta(1)))}"
    usual = f"you usually have about {gap.usual:g} orders a day"
    n = (gap.last - gap.first).days + 1
    if gap.where == "all":
        return f"No orders at all are imported for {span_text(days)}: {todo}."
    if gap.where == "start":
        first = short_day(gap.last + timedelta(days=1))
        return (
            f"Imported orders begin only on {first}, {plural(n, 'day')} into Amazon's window, "
            f"where {usual}: {todo}."
        )
    if gap.where == "end":
        return (
            f"Imported orders stop on {short_day(gap.first - timedelta(days=1))}, "
            f"{plural(n, 'day')} before Amazon's window ends, where {usual}: {todo}."
        )
    return (
        f"No orders at all on {span_text((gap.first, gap.last + timedelta(1)))} "
        f"({plural(n, 'day')}), where {usual}: {todo}."
    )


def _first_defects(inputs: MetricInputs, as_of: datetime) -> dict[str, tuple[datetime, str]]:
    """Per order, its earliest counted defect (by the engine's own rules) and a description."""
    first: dict[str, tuple[datetime, str]] = {}

    def note(order_id: str, at: datetime, what: str) -> None:
        if at <= as_of and (order_id not in first or at < first[order_id][0]):
            first[order_id] = (at, what)

    for fb in inputs.feedback:
        if feedback_defect(fb):
            at = day_start(fb.feedback_date)
            note(fb.order_id, at, f"negative feedback dated {short_day(at.date())}")
    for claim in inputs.claims:
        order = inputs.orders.get(claim.order_id)
        kind = claim_defect_kind(claim, order) if order is not None else None
        if kind is not None:
            noun = "A-to-z claim" if kind == A_TO_Z else "chargeback"
            at = to_utc(claim.filed_at)
            note(claim.order_id, at, f"{noun} filed {short_day(at.date())}")
    return first


def _excluded(data: WindowData, channel: str) -> Counter[str]:
    """Defects of the window's orders that our rules leave out, by reason (the engine's words)."""
    reasons: Counter[str] = Counter()
    inputs = data.inputs
    for claim in inputs.claims:
        order = inputs.orders.get(claim.order_id)
        if order is None or order.cancelled or order.channel != channel:
            continue
        if to_utc(claim.filed_at) > data.as_of or not in_days(
            to_utc(order.purchase_date).date(), data.days
        ):
            continue
        why = claim_exclusion(claim, order)
        if why is not None:
            reasons[why] += 1
    for fb, order in data.hidden_feedback:
        if order.channel == channel and not order.cancelled:
            why = feedback_exclusion(fb)
            if why is not None and in_days(to_utc(order.purchase_date).date(), data.days):
                reasons[why] += 1
    return reasons


def _rounding(fig: AmazonFigure) -> Explanation | None:
    """Amazon's rate against its own counts: rounded to 2-4 decimals, or not its counts at all."""
    num, den = fig.counts.get("orderWithDefects"), fig.counts.get("orderCount")
    if fig.rate is None or num is None or not den:
        return None
    ratio, shown = Fraction(num, den), exact(fig.rate)
    if ratio == shown:
        return None
    amazon = pct(fig.rate * 100)
    for digits in (4, 3, 2):
        scale = 10**digits
        if Fraction(math.floor(ratio * scale + Fraction(1, 2)), scale) == shown:
            text = (
                f"Amazon's {amazon} is {num} of {den} orders = {pct(ratio * 100, 4)}, "
                f"rounded to {digits} decimals"
            )
            target = None if fig.target is None else exact(fig.target)
            if target is not None and fig.condition != "GREATER_THAN" and ratio < target <= shown:
                text += (
                    f"; on the rounded figure it reaches the {float(target * 100):g} % target, which is "
                    f"why Amazon marks it {fig.status or 'BAD'} although {num} of {den} is under it"
                )
            return Explanation("rounding", text + ".")
    return Explanation(
        "amazon_inconsistent",
        f"Amazon's {amazon} is not {num} of {den} orders ({pct(ratio * 100, 4)}): Amazon "
        "computed its rate from other counts than the ones it shows.",
    )


def _orders_explanations(
    fig: AmazonFigure, ours: int, data: WindowData, ch: str
) -> list[Explanation]:
    amazon = fig.counts.get("orderCount")
    name = CHANNEL_NAMES[ch]
    if amazon is None or amazon == ours:
        return []
    if amazon > ours:
        gaps = coverage_gaps(data.daily_orders, data.days)
        out = [Explanation("coverage_gap", gap_sentence(g, data.days)) for g in gaps]
        out.append(
            Explanation(
                "orders_missing",
                f"Amazon counts {plural(amazon - ours, f'more {name} order')} than are imported "
                f"here for {span_text(data.days)}: import the All Orders report covering those "
                "dates (a report by last-update date also brings orders whose status changed).",
            )
        )
        return out
    extra = ours - amazon
    pending = data.not_shipped.get(ch, 0)
    note = f"; {pending} of the orders here are still Pending or Unshipped" if pending else ""
    return [
        Explanation(
            "orders_extra",
            f"{plural(extra, f'more {name} order')} here than Amazon counts for the same dates{note}"
            ": Amazon's count leaves out orders it has not finished processing or that changed "
            "after its report was made, so the rate here is taken over more orders.",
        )
    ]


def _defect_explanations(
    fig: AmazonFigure,
    ch: Channel,
    scope: OdrScope,
    mine: list[DefectiveOrder],
    data: WindowData,
    at: datetime,
) -> list[Explanation]:
    name = CHANNEL_NAMES[ch]
    amazon = fig.counts.get("orderWithDefects")
    firsts = _first_defects(data.inputs, data.as_of)
    cutoff = min(day_start(data.days[1]), at - timedelta(days=LATE_DEFECT_DAYS))
    late: list[str] = []
    for d in mine:
        when, what = firsts.get(d.order_id, (data.as_of, "a defect"))
        if when < cutoff:
            continue
        if when >= at:
            why = f"after Amazon's report was made on {short_day(at.date())}"
        elif when >= day_start(data.days[1]):
            why = f"after Amazon's window ended on {short_day(data.days[1] - timedelta(1))}"
        else:
            why = f"in the {LATE_DEFECT_DAYS} days before Amazon's report"
        late.append(f"{d.order_id} ({what}, {why})")
    counted = [
        f"{d.order_id} ({firsts[d.order_id][1]})"
        for d in mine
        if d.order_id in firsts and firsts[d.order_id][0] < cutoff
    ]
    out: list[Explanation] = []
    if late:
        out.append(
            Explanation(
                "late_defect",
                f"{plural(len(late), f'defective {name} order')} here that Amazon has not "
                f"counted yet: {'; '.join(late)}.",
            )
        )
    if amazon is None:
        return out
    known = len(mine) - len(late)
    comps = scope.components
    counts = fig.counts
    if amazon > known:
        missing = amazon - known
        excluded = _excluded(data, ch)
        if excluded:
            listed = "; ".join(f'"{why}" ({n})' for why, n in sorted(excluded.items()))
            out.append(
                Explanation(
                    "rule_difference",
                    f"Left out here by rule for these orders: {listed}. If Amazon counted them, "
                    "ask Seller Support to remove them from your ODR.",
                )
            )
        if missing > sum(excluded.values()):
            theirs = (
                f"Amazon: {plural(counts.get('claims', 0), 'A-to-z claim')}, "
                f"{plural(counts.get('chargebacks', 0), 'chargeback')}, "
                f"{counts.get('negativeFeedback', 0)} negative feedback; here: "
                f"{comps.a_to_z_claims}, {comps.chargebacks} and {comps.negative_feedback}"
            )
            out.append(
                Explanation(
                    "defects_missing",
                    f"Amazon counts {plural(missing, f'defective {name} order')} not known here "
                    f"({theirs}): import your latest feedback and enter the claims and "
                    "chargebacks Seller Central shows (Amazon offers no export of them).",
                )
            )
    elif amazon < known:
        out.append(
            Explanation(
                "defects_extra",
                f"{plural(known - amazon, f'defective {name} order')} here that Amazon does not "
                "count: if Amazon removed the feedback or decided a claim for you, record that "
                f"on the Defects screen. Defective here: {'; '.join(counted[:5])}"
                f"{'; and more' if len(counted) > 5 else ''}.",
            )
        )
    return out


def reconcile_channel(
    fig: AmazonFigure, data: WindowData, report_at: datetime
) -> ChannelReconciliation:
    """Amazon's ODR block for one channel against the engine's ODR over the same days."""
    ch: Channel = "afn" if fig.channel == "afn" else "mfn"
    defective = defective_orders(data.inputs, data.as_of)
    _overall, by_channel = scopes(defective, data.inputs.order_counts, data.days, data.settings)
    scope = by_channel[ch]
    mine = [d for d in defective if d.channel == ch and in_days(d.purchase_day, data.days)]
    counts = fig.counts
    amazon = OdrSide(
        orders=counts.get("orderCount"),
        defective=counts.get("orderWithDefects"),
        claims=counts.get("claims"),
        chargebacks=counts.get("chargebacks"),
        negative_feedback=counts.get("negativeFeedback"),
        rate=None if fig.rate is None else float(exact(fig.rate) * 100),
        status=amazon_status(fig.status),
    )
    rate = scope.rate
    ours = OdrSide(
        orders=rate.denominator,
        defective=rate.numerator,
        claims=scope.components.a_to_z_claims,
        chargebacks=scope.components.chargebacks,
        negative_feedback=scope.components.negative_feedback,
        rate=rate.value,
        status=rate.status,
    )
    of = (
        f" ({amazon.defective} of {amazon.orders} orders)"
        if amazon.defective is not None and amazon.orders is not None
        else ""
    )
    headline = (
        f"{CHANNEL_NAMES[ch]}: Amazon {pct(amazon.rate)}{of}, here {pct(rate.value)} "
        f"({rate.numerator} of {rate.denominator} orders)."
    )
    found = _orders_explanations(fig, rate.denominator, data, ch)
    found += _defect_explanations(fig, ch, scope, mine, data, report_at)
    same = amazon.orders == ours.orders and amazon.defective == ours.defective
    rounding = _rounding(fig)
    if same and rounding is None:
        found.append(Explanation("match", "The numbers agree with Amazon's."))
    elif same:
        found.append(
            Explanation("counts_agree", "The order and defect counts agree with Amazon's.")
        )
    if rounding is not None:
        found.append(rounding)
    return ChannelReconciliation(ch, data.days, amazon, fig.status, ours, headline, tuple(found))
