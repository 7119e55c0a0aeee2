"""Amazon's seller performance report beside our own numbers, every difference in words.

Our ODR is recomputed by the metric engine over exactly Amazon's window, so a gap between
the two figures is explained instead of hidden: orders not imported, defects Amazon has not
counted yet, a rule Amazon applies differently, or Amazon's rounding. Shipping metrics and
the Account Health Rating are Amazon's alone; they are judged against their targets here.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

from core.ahr import (
    ASSURANCE_MAX_DAYS_BELOW,
    ASSURANCE_MIN_SCORE,
    ASSURANCE_MONTHS,
    AT_RISK_FROM,
    HEALTHY_FROM,
    AhrBand,
    AssuranceStatus,
    ahr_band,
    assurance_status,
)
from core.clock import day_start, iso, parse_iso, to_utc
from core.marketplaces import marketplace_name
from core.metrics.common import exact, headroom
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
from core.model import CHANNELS, Channel, Feedback, Order
from core.settings import MetricSettings

ODR = "orderDefectRate"
LATE_DEFECT_DAYS = 3
"""A defect dated this close to the report (or after Amazon's window) may not be in it yet."""
GAP_MIN_EXPECTED = 4
"""A run of days without orders is a gap when the usual volume predicts at least this many."""
CHANNEL_NAMES: dict[str, str] = {"afn": "FBA", "mfn": "FBM"}
AMAZON_STATUS = {"GOOD": "ok", "GREAT": "ok", "NORMAL": "ok", "FAIR": "warning"}
AMAZON_STATUS |= {"AT_RISK": "warning", "BAD": "breach", "CRITICAL": "breach"}
AMAZON_STATUS |= {"DEACTIVATED": "breach"}


def pct(value: float | Fraction | None, decimals: int = 2) -> str:
    return "\u2014" if value is None else f"{float(value):.{decimals}f} %"


def short_day(d: date) -> str:
    return f"{d:%b} {d.day}"


def span_text(days: DayWindow) -> str:
    """'Aug 24 - Nov 5': a half-open day range shown with its last day."""
    return f"{short_day(days[0])} \u2013 {short_day(days[1] - timedelta(days=1))}"


def plural(n: int, singular: str, many: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (many or singular + 's')}"


def amazon_status(raw: str | None) -> str:
    """Amazon's GOOD/BAD/NONE (and AHR words) as ok / warning / breach / no_data."""
    return AMAZON_STATUS.get((raw or "").strip().upper(), "no_data")


# --- Amazon's side -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AmazonFigure:
    """One metric block of the report; `rate` and `target` are fractions (0.01 = 1 %)."""

    name: str
    channel: str = ""
    rate: float | None = None
    target: float | None = None
    condition: str = ""
    status: str = ""
    date_from: datetime | None = None
    date_to: datetime | None = None
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def days(self) -> DayWindow | None:
        """Amazon's inclusive range (…T23:59:59Z) as half-open purchase days."""
        if self.date_from is None or self.date_to is None:
            return None
        end = self.date_to.date() + timedelta(days=1)
        if self.date_to == day_start(self.date_to.date()) and self.date_to > self.date_from:
            end = self.date_to.date()  # an exclusive end at midnight
        return self.date_from.date(), end


def _when(text: Any) -> datetime | None:
    return parse_iso(str(text)) if text else None


def figures_of(snapshot: Mapping[str, Any]) -> list[AmazonFigure]:
    """The metric dicts of storage.repository.records.latest_performance as figures."""
    return [
        AmazonFigure(
            name=str(m.get("name", "")),
            channel=str(m.get("channel") or ""),
            rate=m.get("rate"),
            target=m.get("target"),
            condition=str(m.get("target_condition") or "").upper(),
            status=str(m.get("status") or ""),
            date_from=_when(m.get("date_from")),
            date_to=_when(m.get("date_to")),
            counts=dict(m.get("counts") or {}),
        )
        for m in snapshot.get("metrics", [])
    ]


def find_figure(
    figures: Iterable[AmazonFigure], name: str, channel: str = ""
) -> AmazonFigure | None:
    return next((f for f in figures if f.name == name and f.channel == channel), None)


def odr_windows(snapshot: Mapping[str, Any]) -> list[DayWindow]:
    """The distinct purchase-date windows of Amazon's ODR blocks (one per channel, usually equal)."""
    found = [f.days for f in figures_of(snapshot) if f.name == ODR and f.days is not None]
    return list(dict.fromkeys(d for d in found if d is not None))


def report_time(snapshot: Mapping[str, Any]) -> datetime:
    """When Amazon made the report: the day after its latest reporting date, never after import."""
    imported = _when(snapshot.get("imported_at"))
    ends = [f.date_to for f in figures_of(snapshot) if f.date_to is not None]
    made = day_start(max(ends).date() + timedelta(days=1)) if ends else None
    candidates = [t for t in (imported, made) if t is not None]
    return min(candidates) if candidates else day_start(date(1970, 1, 1))


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


# --- shipping, policies, the whole report -----------------------------------------------


@dataclass(frozen=True, slots=True)
class ShippingSpec:
    name: str
    title: str
    count_key: str  # bad items for "under" targets, good ones for "over" targets
    total_key: str
    bad: tuple[str, str]  # one bad item, several
    unit: str


SHIPPING: tuple[ShippingSpec, ...] = (
    ShippingSpec("lateShipmentRate", "Late Shipment Rate", "lateShipmentCount", "orderCount",
                 ("late shipment", "late shipments"), "orders"),
    ShippingSpec("preFulfillmentCancellationRate", "Pre-fulfilment Cancel Rate",
                 "cancellationCount", "orderCount", ("cancellation", "cancellations"), "orders"),
    ShippingSpec("validTrackingRate", "Valid Tracking Rate", "validTrackingCount",
                 "shipmentCount", ("shipment without valid tracking",
                                   "shipments without valid tracking"), "shipments"),
    ShippingSpec("onTimeDeliveryRate", "On-Time Delivery Rate", "onTimeDeliveryCount",
                 "shipmentCountWithValidTracking", ("late delivery", "late deliveries"),
                 "shipments"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ShippingRow:
    name: str
    title: str
    rate: float | None  # a percentage
    target: float | None  # a percentage
    condition: str  # "under" / "over" / ""
    amazon_status: str  # ok / warning / breach / no_data, from Amazon's word
    status: str  # judged here against the target, with headroom
    numerator: int | None
    denominator: int | None
    days: DayWindow | None
    verdict: str  # the whole judgement in one sentence
    room: str  # its short form: how many more bad items the target allows


def shipping_row(fig: AmazonFigure | None, spec: ShippingSpec) -> ShippingRow:
    """Amazon's rate against its target, and how many more bad items it can take."""
    if fig is None or fig.rate is None:
        return ShippingRow(spec.name, spec.title, None, None, "", "no_data", "no_data", None,
                           None, None, "Not in this report.", "Not in this report.")  # fmt: skip
    over = fig.condition.startswith("GREATER")
    rate = exact(fig.rate)
    num, den = fig.counts.get(spec.count_key), fig.counts.get(spec.total_key)
    counted = f" ({num} of {den} {spec.unit})" if num is not None and den is not None else ""
    said = f"{pct(rate * 100)}{counted}"
    mine = amazon_status(fig.status)
    if fig.target is None:
        return ShippingRow(spec.name, spec.title, float(rate * 100), None, "", mine, "no_data",
                           num, den, fig.days, f"{said}; the report gives no target.",
                           "No target given.")  # fmt: skip
    target = exact(fig.target)
    word = "over" if over else "under"
    limit = f"{float(target * 100):g} %"
    verdict = f"{said} is {word} the {limit} target"
    if not (rate > target if over else rate < target):
        status, verdict = "breach", f"{said} is not {word} the {limit} target."
        room = f"Not {word} the {limit} target."
    elif num is None or not den:
        status, verdict, room = "ok", verdict + ".", f"{word.capitalize()} the {limit} target."
    else:
        bad = den - num if over else num
        more = headroom(float((1 - target if over else target) * 100), bad, den)
        status = "warning" if more == 0 else "ok"
        if more == 0:
            verdict += f": the next {spec.bad[0]} breaches it."
            room = f"The next {spec.bad[0]} breaches the target."
        else:
            what = f"{more} more {spec.bad[0] if more == 1 else spec.bad[1]}"
            keep = "keeps" if more == 1 else "keep"
            verdict += f": {what} {keep} it there."
            room = f"{what.capitalize()} {keep} it {word} {limit}."
    return ShippingRow(spec.name, spec.title, float(rate * 100), float(target * 100), word, mine,
                       status, num, den, fig.days, verdict, room)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PolicyRow:
    name: str
    title: str
    defects: int
    status: str  # Amazon's, mapped


def policy_rows(figures: Iterable[AmazonFigure]) -> list[PolicyRow]:
    """Policy-compliance blocks (defectsCount), worst first."""
    rows = []
    for f in figures:
        if "defectsCount" not in f.counts or f.rate is not None:
            continue
        words = "".join(f" {c.lower()}" if c.isupper() else c for c in f.name).strip()
        rows.append(PolicyRow(f.name, words[:1].upper() + words[1:], f.counts["defectsCount"],
                              amazon_status(f.status)))  # fmt: skip
    rows.sort(key=lambda r: (-r.defects, r.title))
    return rows


@dataclass(frozen=True, slots=True)
class Reconciliation:
    marketplace_id: str
    marketplace: str
    imported_at: datetime | None
    report_at: datetime
    account_status: str
    ahr_status: str
    ahr_score: int | None
    odr: tuple[ChannelReconciliation, ...]
    shipping: tuple[ShippingRow, ...]
    policies: tuple[PolicyRow, ...]


def reconcile_snapshot(
    snapshot: Mapping[str, Any], data: Mapping[DayWindow, WindowData]
) -> Reconciliation:
    """The whole comparison for one marketplace; `data` holds our inputs per odr_windows()."""
    figures = figures_of(snapshot)
    at = report_time(snapshot)
    odr = []
    for ch in CHANNELS:
        fig = find_figure(figures, ODR, ch)
        days = fig.days if fig is not None else None
        if fig is not None and days is not None and days in data:
            odr.append(reconcile_channel(fig, data[days], at))
    market = str(snapshot.get("marketplace_id", ""))
    score = snapshot.get("ahr_score")
    return Reconciliation(
        marketplace_id=market,
        marketplace=marketplace_name(market),
        imported_at=_when(snapshot.get("imported_at")),
        report_at=at,
        account_status=str(snapshot.get("account_status") or ""),
        ahr_status=str(snapshot.get("ahr_status") or ""),
        ahr_score=None if score is None else int(score),
        odr=tuple(odr),
        shipping=tuple(shipping_row(find_figure(figures, s.name), s) for s in SHIPPING),
        policies=tuple(policy_rows(figures)),
    )


# --- the numeric Account Health Rating ---------------------------------------------------


def parse_ahr_score(text: str) -> int:
    """A typed AHR, or ValueError with the sentence to show."""
    s = text.strip()
    if not s:
        raise ValueError("Type the Account Health Rating: a whole number from 0 to 1000.")
    try:
        score = int(s)
    except ValueError:
        raise ValueError(
            f"'{s}' is not a whole number: type the Account Health Rating as Seller Central "
            "shows it, from 0 to 1000."
        ) from None
    return check_ahr_score(score)


def check_ahr_score(score: int) -> int:
    if not 0 <= score <= 1000:
        raise ValueError(f"{score} is not an Account Health Rating: it is always from 0 to 1000.")
    return score


@dataclass(frozen=True, slots=True)
class AhrSummary:
    score: int | None
    at: datetime | None
    band: AhrBand | None
    band_text: str
    assurance: AssuranceStatus
    assurance_text: str


def band_sentence(score: int | None) -> str:
    if score is None:
        return (
            "No Account Health Rating entered yet: type the number Seller Central's Account "
            "Health page shows."
        )
    band = ahr_band(score)
    if band == "healthy":
        return f"AHR {score}: healthy ({HEALTHY_FROM} or more)."
    if band == "at_risk":
        return (
            f"AHR {score}: at risk ({AT_RISK_FROM}-{HEALTHY_FROM - 1}): resolve the policy issues "
            f"Account Health lists before it falls under {AT_RISK_FROM}."
        )
    return (
        f"AHR {score}: under {AT_RISK_FROM}, the account may be deactivated: act on every item "
        "on the Account Health page now."
    )


def assurance_sentence(a: AssuranceStatus) -> str:
    rule = (
        f"AHR {ASSURANCE_MIN_SCORE} or more for {ASSURANCE_MONTHS} months with at most "
        f"{ASSURANCE_MAX_DAYS_BELOW} days below"
    )
    if a.current_score is None:
        return f"Account Health Assurance needs {rule}; no readings are entered yet."
    if not a.covered:
        return (
            f"Account Health Assurance needs {rule}. The readings here do not reach back to "
            f"{short_day(a.window_start)} {a.window_start.year}, so eligibility cannot be judged "
            "yet: add older readings if you have them."
        )
    days = plural(a.days_below, "day")
    if a.eligible:
        return (
            f"Eligible for Account Health Assurance: AHR stayed at {ASSURANCE_MIN_SCORE} or more "
            f"since {short_day(a.window_start)} {a.window_start.year} except on {days} "
            f"(at most {ASSURANCE_MAX_DAYS_BELOW} allowed)."
        )
    return (
        f"Not eligible for Account Health Assurance: AHR was under {ASSURANCE_MIN_SCORE} on "
        f"{days} since {short_day(a.window_start)} {a.window_start.year} (at most "
        f"{ASSURANCE_MAX_DAYS_BELOW} allowed)."
    )


def ahr_summary(history: Iterable[tuple[datetime, int]], now: datetime) -> AhrSummary:
    """The latest reading's band and the Assurance verdict, both in words."""
    known = sorted((to_utc(t), s) for t, s in history if to_utc(t) <= to_utc(now))
    at, score = known[-1] if known else (None, None)
    assurance = assurance_status(known, now)
    return AhrSummary(
        score=score,
        at=at,
        band=None if score is None else ahr_band(score),
        band_text=band_sentence(score),
        assurance=assurance,
        assurance_text=assurance_sentence(assurance),
    )


# --- JSON -------------------------------------------------------------------------------


def _side(s: OdrSide) -> dict[str, Any]:
    return {
        "orders": s.orders,
        "defective_orders": s.defective,
        "a_to_z_claims": s.claims,
        "chargebacks": s.chargebacks,
        "negative_feedback": s.negative_feedback,
        "value": s.rate,
        "status": s.status,
    }


def _days(days: DayWindow | None) -> dict[str, str] | None:
    if days is None:
        return None
    return {"from": days[0].isoformat(), "to": (days[1] - timedelta(days=1)).isoformat()}


def reconciliation_to_json(r: Reconciliation) -> dict[str, Any]:
    """Percentages unrounded; calendar days YYYY-MM-DD (inclusive), instants ISO UTC."""
    return {
        "marketplace_id": r.marketplace_id,
        "marketplace": r.marketplace,
        "imported_at": None if r.imported_at is None else iso(r.imported_at),
        "report_at": iso(r.report_at),
        "account_status": r.account_status,
        "ahr_status": r.ahr_status,
        "ahr_score": r.ahr_score,
        "order_defect_rate": {
            c.channel: {
                "window": _days(c.days),
                "amazon": {**_side(c.amazon), "amazon_status": c.amazon_status_raw},
                "ours": _side(c.ours),
                "headline": c.headline,
                "explanations": [{"code": e.code, "text": e.text} for e in c.explanations],
            }
            for c in r.odr
        },
        "shipping": [
            {
                "name": s.name,
                "title": s.title,
                "value": s.rate,
                "target": s.target,
                "condition": s.condition,
                "amazon_status": s.amazon_status,
                "status": s.status,
                "numerator": s.numerator,
                "denominator": s.denominator,
                "window": _days(s.days),
                "verdict": s.verdict,
                "room": s.room,
            }
            for s in r.shipping
        ],
        "policies": [
            {"name": p.name, "title": p.title, "defects": p.defects, "status": p.status}
            for p in r.policies
        ],
    }


def ahr_to_json(a: AhrSummary) -> dict[str, Any]:
    return {
        "score": a.score,
        "at": None if a.at is None else iso(a.at),
        "band": a.band,
        "band_text": a.band_text,
        "assurance": {
            "eligible": a.assurance.eligible,
            "covered": a.assurance.covered,
            "days_below": a.assurance.days_below,
            "window_start": a.assurance.window_start.isoformat(),
            "text": a.assurance_text,
        },
    }
