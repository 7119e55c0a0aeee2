"""Result objects of one metric computation: plain frozen data the CLI, GUI and alerts read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from core.model import Channel

Status = Literal["ok", "warning", "breach", "no_data"]
STATUS_ORDER: dict[str, int] = {"no_data": 0, "ok": 1, "warning": 2, "breach": 3}
"""How bad a status is, for 'worst of' comparisons."""

METRIC_KEYS = (
    "order_defect_rate",
    "late_response_rate",
    "negative_feedback_rate",
    "return_dissatisfaction_rate",
)
"""The metric names used in JSON, snapshots and alert keys' long form."""


@dataclass(frozen=True, slots=True)
class RateResult:
    """One rate over one window; `value` is a percentage, None when nothing to divide."""

    value: float | None
    numerator: int
    denominator: int
    window_start: datetime
    window_end: datetime
    target: float
    status: Status
    headroom: int | None


@dataclass(frozen=True, slots=True)
class OdrComponents:
    negative_feedback: int = 0
    a_to_z_claims: int = 0
    chargebacks: int = 0


@dataclass(frozen=True, slots=True)
class DefectiveOrder:
    """A non-cancelled order with at least one counted defect known at as_of."""

    order_id: str
    purchase_day: date
    channel: Channel
    kinds: frozenset[str]  # "negative_feedback", "a_to_z_claims", "chargebacks"


@dataclass(frozen=True, slots=True)
class OdrScope:
    """ODR of one channel (or of all orders) with its defect components."""

    rate: RateResult
    components: OdrComponents


@dataclass(frozen=True, slots=True)
class AgesOut:
    """A defective order and the day it leaves the ODR window."""

    order_id: str
    day: date
    channel: Channel


@dataclass(frozen=True, slots=True)
class ForecastDay:
    """ODR as it will read on `day` (same time of day as as_of), from what is known now."""

    day: date
    rate: RateResult
    by_channel: Mapping[Channel, RateResult]


@dataclass(frozen=True, slots=True)
class OdrResult:
    """Top-level `rate` carries the overall value but the worst channel's status/headroom."""

    rate: RateResult
    components: OdrComponents
    by_channel: Mapping[Channel, OdrScope]
    ages_out: tuple[AgesOut, ...]
    forecast: tuple[ForecastDay, ...]
    defective_orders: tuple[DefectiveOrder, ...] = ()  # every known one, in window or not


@dataclass(frozen=True, slots=True)
class LrrWindow:
    """LRR over one window (7, 30 or 90 days); pending messages are in neither count."""

    rate: RateResult
    pending: int


@dataclass(frozen=True, slots=True)
class LrrResult:
    """The 30-day LRR that Amazon holds to target, and the other windows beside it."""

    rate: RateResult
    pending: int
    by_window: Mapping[int, LrrWindow]


@dataclass(frozen=True, slots=True)
class NfrWindow:
    """NFR over one window (30, 90 or 365 days)."""

    rate: RateResult
    complete: bool
    typed_total: bool = False  # the seller's Feedback Manager total is the denominator


@dataclass(frozen=True, slots=True)
class NfrResult:
    """The 90-day NFR; `complete` is False when only negative/neutral feedback was imported."""

    rate: RateResult
    complete: bool
    typed_total: bool
    by_window: Mapping[int, NfrWindow]


@dataclass(frozen=True, slots=True)
class RdrComponents:
    negative_feedback: int = 0
    late: int = 0
    incorrectly_rejected: int = 0


@dataclass(frozen=True, slots=True)
class RdrResult:
    rate: RateResult
    components: RdrComponents


@dataclass(frozen=True, slots=True)
class MetricsResult:
    as_of: datetime
    odr: OdrResult
    lrr: LrrResult
    nfr: NfrResult
    rdr: RdrResult

    def rates(self) -> dict[tuple[str, str], RateResult]:
        """The headline rates keyed by (metric, channel) - what snapshots and charts store."""
        by_channel = {ch: scope.rate for ch, scope in self.odr.by_channel.items()}
        return headline_rates(
            self.odr.rate, by_channel, self.lrr.rate, self.nfr.rate, self.rdr.rate
        )


def headline_rates(
    odr: RateResult,
    odr_by_channel: Mapping[Channel, RateResult],
    lrr: RateResult,
    nfr: RateResult,
    rdr: RateResult,
) -> dict[tuple[str, str], RateResult]:
    """Rates keyed by (metric, channel); the channel is "" but for ODR's AFN and MFN."""
    out: dict[tuple[str, str], RateResult] = {("order_defect_rate", ""): odr}
    for ch, rate in odr_by_channel.items():
        out[("order_defect_rate", ch)] = rate
    out[("late_response_rate", "")] = lrr
    out[("negative_feedback_rate", "")] = nfr
    out[("return_dissatisfaction_rate", "")] = rdr
    return out
