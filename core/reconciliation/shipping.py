"""Shipping metrics and policy blocks judged against Amazon's targets; the whole report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.marketplaces import marketplace_name
from core.metrics.common import exact, headroom
from core.metrics.odr import (
    DayWindow,
)
from core.model import CHANNELS
from core.reconciliation.amazon import (
    AmazonFigure,
    _when,
    figures_of,
    find_figure,
    report_time,
)
from core.reconciliation.odr import ChannelReconciliation, WindowData, reconcile_channel
from core.reconciliation.text import ODR, amazon_status, pct

# --- shipping, policies, the whole report -----------------------------------------------


@dataclass(frozen=True, slots=True)
class ShippingSpec:
    name: str
    title: str
    count_key: str  # bad items for "under" targets, good ones for "over" targets
    total_key: str
    bad: tuple[str, str]  # one bad item, several
    unit: str
    optional: bool = False  # only some marketplaces have it: no row when the report has none


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
    ShippingSpec("unitOnTimeDeliveryRate", "Unit On-Time Delivery Rate (US, 14 days)",
                 "unitOnTimeDeliveryCount", "totalUnitCount", ("late unit", "late units"),
                 "units", optional=True),
    ShippingSpec("lateResponseRate", "Late Response Rate", "lateResponseCount", "contactCount",
                 ("late response", "late responses"), "buyer messages", optional=True),
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
class WarningRow:
    """A warning Amazon's report carries: a warning state, or the count of policy warnings."""

    name: str
    title: str
    status: str  # Amazon's, mapped (ok / warning / breach / no_data)
    count: int | None = None
    said: str = ""  # Amazon's own word for it (GOOD, BAD, NONE)

    @property
    def text(self) -> str:
        """'Policy violation warnings: 2', 'Warning: listing (none)'."""
        if self.count is not None:
            return f"{self.title}: {self.count}"
        return f"{self.title} ({(self.said or 'no status').lower()})"


WARNING_STATES = "warningStates"
POLICY_WARNINGS = "policyViolationWarnings"


def warning_rows(figures: Iterable[AmazonFigure]) -> list[WarningRow]:
    """`warningStates` (one row a warning type) and `policyViolationWarnings` (a count)."""
    rows = []
    for f in figures:
        if f.name == POLICY_WARNINGS:
            count = f.counts.get("warningsCount")
            status = amazon_status(f.status) if f.status else ("breach" if count else "ok")
            rows.append(WarningRow(f.name, "Policy violation warnings", status, count, f.status))
        elif f.name == WARNING_STATES or f.name.startswith(WARNING_STATES + "."):
            kind = f.name.partition(".")[2]
            words = kind.replace("_", " ").lower() if kind and not kind.isdigit() else ""
            title = f"Warning: {words}" if words else "Account warning"
            rows.append(WarningRow(f.name, title, amazon_status(f.status), None, f.status))
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
    warnings: tuple[WarningRow, ...] = ()
    typed: bool = False  # typed in from the Account Health page (core.reconciliation.typed)


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
    shipping = [
        shipping_row(fig, s)
        for s in SHIPPING
        if (fig := find_figure(figures, s.name)) is not None or not s.optional
    ]
    return Reconciliation(
        marketplace_id=market,
        marketplace=marketplace_name(market) if market else UNKNOWN_MARKETPLACE,
        imported_at=_when(snapshot.get("imported_at")),
        report_at=at,
        account_status=str(snapshot.get("account_status") or ""),
        ahr_status=str(snapshot.get("ahr_status") or ""),
        ahr_score=None if score is None else int(score),
        odr=tuple(odr),
        shipping=tuple(shipping),
        policies=tuple(policy_rows(figures)),
        warnings=tuple(warning_rows(figures)),
        typed=snapshot.get("source") == "typed",
    )


UNKNOWN_MARKETPLACE = "unknown marketplace"
"""A report that does not say its marketplace (a single-marketplace account's, or V1 XML)."""
