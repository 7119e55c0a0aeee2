"""Amazon's figures as the seller reads them on Seller Central's Account Health page.

Most sellers cannot get the seller performance report (a Selling Partner API report, not a
download button), so they type what the page shows. `typed_snapshot` turns a typed entry
into the very shape a stored report has (storage.repository.records.latest_performance),
so the comparison, Amazon's status and the warnings treat both alike. Amazon's status of a
typed figure is the page's own rule: a rate that misses its target is Bad.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from fractions import Fraction
from typing import Any

from core.ahr import AHR_MAX, AHR_MIN, ahr_band
from core.clock import iso
from core.model import Channel
from core.reconciliation.shipping import POLICY_WARNINGS
from core.reconciliation.text import ODR

TYPED = "typed"
"""The `source` of a snapshot built from typed figures (a report's has none)."""


@dataclass(frozen=True, slots=True)
class Target:
    """Amazon's target of one figure, in percent: `under` it, or over it (`under=False`)."""

    name: str
    title: str
    percent: Fraction
    under: bool = True


TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target(ODR, "Order Defect Rate", Fraction(1)),
        Target("lateResponseRate", "Late Response Rate", Fraction(10)),
        Target("preFulfillmentCancellationRate", "Pre-fulfilment Cancel Rate", Fraction(5, 2)),
        Target("lateShipmentRate", "Late Shipment Rate", Fraction(4)),
        Target("validTrackingRate", "Valid Tracking Rate", Fraction(95), under=False),
    )
}
"""The targets Seller Central's Account Health page holds each typed rate to."""

AHR_STATUS = {"healthy": "GOOD", "at_risk": "AT_RISK", "deactivation_risk": "CRITICAL"}
"""A typed Account Health Rating in the words a report uses for its status."""


@dataclass(frozen=True, slots=True)
class TypedOdr:
    """One channel's ODR as the page shows it: a percent, its order dates, the counts if read."""

    channel: Channel
    percent: Fraction
    date_from: date
    date_to: date  # inclusive, as the page shows it
    orders: int | None = None
    defective: int | None = None


@dataclass(frozen=True, slots=True)
class TypedFigures:
    """What the seller typed from the Account Health page on `reading_date`.

    Rates are percents (0.52 means 0.52 %); None where the seller typed nothing.
    """

    reading_date: date
    marketplace_id: str = ""
    odr: tuple[TypedOdr, ...] = ()
    rates: Mapping[str, Fraction] = field(default_factory=dict)  # TARGETS name -> percent
    policy_warnings: int | None = None
    ahr: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.odr or self.rates) and self.policy_warnings is None and self.ahr is None


def check_typed(figures: TypedFigures, today: date) -> None:
    """ValueError with a sentence the form shows when a figure cannot be right."""
    if figures.empty:
        raise ValueError("Type at least one figure from the Account Health page.")
    if figures.reading_date > today:
        raise ValueError("The date you read the figures cannot be in the future.")
    for odr in figures.odr:
        name = "FBA" if odr.channel == "afn" else "FBM"
        _check_percent(odr.percent, f"{name} ODR")
        if odr.date_from > odr.date_to:
            raise ValueError(f"The {name} ODR dates end before they start.")
        if odr.date_to > figures.reading_date:
            raise ValueError(f"The {name} ODR dates end after the day you read them.")
        if odr.orders is not None and odr.defective is not None and odr.defective > odr.orders:
            raise ValueError(f"{name} ODR: more orders with a defect than orders.")
    for name, percent in figures.rates.items():
        _check_percent(percent, TARGETS[name].title if name in TARGETS else name)
    if figures.policy_warnings is not None and figures.policy_warnings < 0:
        raise ValueError("The number of policy warnings cannot be negative.")
    if figures.ahr is not None and not AHR_MIN <= figures.ahr <= AHR_MAX:
        raise ValueError(
            f"The Account Health Rating is a number from {AHR_MIN} to {AHR_MAX}, not {figures.ahr}."
        )


def _check_percent(percent: Fraction, what: str) -> None:
    if not 0 <= percent <= 100:
        raise ValueError(f"{what} is a percent from 0 to 100.")


def amazon_word(name: str, percent: Fraction) -> str:
    """GOOD when the rate meets Amazon's target, BAD when it misses it (the page's rule)."""
    target = TARGETS[name]
    met = percent < target.percent if target.under else percent > target.percent
    return "GOOD" if met else "BAD"


def reading_instant(figures: TypedFigures, entered_at: datetime) -> datetime:
    """When the figures held: the moment they were typed when read today, else that day's noon."""
    if entered_at.date() <= figures.reading_date:
        return entered_at
    return datetime.combine(figures.reading_date, time(12), tzinfo=UTC)


def typed_snapshot(figures: TypedFigures, entered_at: datetime, typed_id: int) -> dict[str, Any]:
    """The typed figures as a stored report's snapshot (latest_performance's shape)."""
    metrics: list[dict[str, Any]] = [_odr_metric(o) for o in figures.odr]
    for name, percent in figures.rates.items():
        target = TARGETS[name]
        metrics.append(
            {
                "name": name,
                "channel": "",
                "rate": float(percent / 100),
                "target": float(target.percent / 100),
                "target_condition": "LESS_THAN" if target.under else "GREATER_THAN",
                "status": amazon_word(name, percent),
                "date_from": None,
                "date_to": None,
                "counts": {},
            }
        )
    if figures.policy_warnings is not None:
        metrics.append(
            {
                "name": POLICY_WARNINGS,
                "channel": "",
                "rate": None,
                "target": None,
                "target_condition": "",
                "status": "",
                "date_from": None,
                "date_to": None,
                "counts": {"warningsCount": figures.policy_warnings},
            }
        )
    metrics.sort(key=lambda m: (m["name"], m["channel"]))
    ahr = figures.ahr
    return {
        "id": None,
        "typed_id": typed_id,
        "source": TYPED,
        "imported_at": iso(reading_instant(figures, entered_at)),
        "entered_at": iso(entered_at),
        "marketplace_id": figures.marketplace_id,
        "account_status": "",
        "ahr_status": AHR_STATUS[ahr_band(ahr)] if ahr is not None else "",
        "ahr_score": ahr,
        "metrics": metrics,
    }


def _odr_metric(odr: TypedOdr) -> dict[str, Any]:
    counts: dict[str, int] = {}
    if odr.orders is not None:
        counts["orderCount"] = odr.orders
    if odr.defective is not None:
        counts["orderWithDefects"] = odr.defective
    return {
        "name": ODR,
        "channel": odr.channel,
        "rate": float(odr.percent / 100),
        "target": float(TARGETS[ODR].percent / 100),
        "target_condition": "LESS_THAN",
        "status": amazon_word(ODR, odr.percent),
        "date_from": iso(datetime.combine(odr.date_from, time(0), tzinfo=UTC)),
        "date_to": iso(datetime.combine(odr.date_to, time(23, 59, 59), tzinfo=UTC)),
        "counts": counts,
    }


def figures_to_json(figures: TypedFigures) -> dict[str, Any]:
    """What storage keeps of a typed entry (percents as exact decimal text)."""
    return {
        "odr": [
            {
                "channel": o.channel,
                "percent": _text(o.percent),
                "date_from": o.date_from.isoformat(),
                "date_to": o.date_to.isoformat(),
                "orders": o.orders,
                "defective": o.defective,
            }
            for o in figures.odr
        ],
        "rates": {name: _text(p) for name, p in figures.rates.items()},
        "policy_warnings": figures.policy_warnings,
        "ahr": figures.ahr,
    }


def figures_from_json(
    data: Mapping[str, Any], reading_date: date, marketplace_id: str
) -> TypedFigures:
    """The inverse of figures_to_json; unknown rate names are dropped."""
    return TypedFigures(
        reading_date=reading_date,
        marketplace_id=marketplace_id,
        odr=tuple(
            TypedOdr(
                channel="afn" if o.get("channel") == "afn" else "mfn",
                percent=Fraction(str(o["percent"])),
                date_from=date.fromisoformat(str(o["date_from"])),
                date_to=date.fromisoformat(str(o["date_to"])),
                orders=_maybe_int(o.get("orders")),
                defective=_maybe_int(o.get("defective")),
            )
            for o in data.get("odr") or ()
        ),
        rates={
            str(name): Fraction(str(p))
            for name, p in (data.get("rates") or {}).items()
            if name in TARGETS
        },
        policy_warnings=_maybe_int(data.get("policy_warnings")),
        ahr=_maybe_int(data.get("ahr")),
    )


def _text(value: Fraction) -> str:
    """An exact percent as text: '0.52', '1', '2.5' (typed values have few decimals)."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.10f}".rstrip("0").rstrip(".")


def _maybe_int(value: Any) -> int | None:
    return None if value is None else int(value)


def parse_percent(text: str, what: str) -> Fraction | None:
    """'0.52', '0,52 %' -> Fraction(13, 25); '' -> None; ValueError (a sentence) otherwise."""
    cleaned = text.strip().removesuffix("%").strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{what}: '{text.strip()}' is not a percent such as 0.52.") from None
    if not 0 <= value <= 100:
        raise ValueError(f"{what} is a percent from 0 to 100.")
    return value


def parse_count(text: str, what: str) -> int | None:
    """'301', '1,204' -> an int; '' -> None; ValueError (a sentence) otherwise."""
    cleaned = text.strip().replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    if not cleaned.isdigit():
        raise ValueError(f"{what}: '{text.strip()}' is not a whole number.")
    return int(cleaned)
