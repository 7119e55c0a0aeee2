"""The older seller performance report, GET_V1_SELLER_PERFORMANCE_REPORT (XML).

Read into the same `PerformanceReport` records as the V2 JSON report, so the
Amazon vs ours screen treats both alike. Its layout:

    <sellerPerformanceReports><sellerPerformanceReport>
      <orderDefects><orderDefectMetrics>             (one per time frame)
        <timeFrame><start/><end/></timeFrame> [<fulfillmentType/>] <orderCount/>
        <orderDefects|orderWithDefects><count/><rate/></...>
        <negativeFeedbacks><count/></...> <a_z_claims><count/></...> <chargebacks><count/></...>
      <customerExperience><customerExperienceMetrics>  (one per time frame)
        <timeFrame/> <orderCount/> <lateShipment><count/></...>
        <preFulfillmentCancellation><count/></...> <refunds><count/></...>

Each metric has several time frames; the one whose length is nearest the V2
report's window for that metric is kept (ODR 60 days, late shipment 30,
cancellation and refunds 7), the latest on a tie. Rates are worked out from
the counts when the file has them (V1 files disagree on rates as fractions or
percentages); otherwise a rate above 1 is read as a percentage. The
marketplace is the file's `marketplaceId` or `marketplace` element when it has
one, else the unknown marketplace. An ODR block without a fulfilment type is
stored without a channel.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from core.clock import parse_iso
from core.marketplaces import find_marketplace
from core.model import PerformanceMetric, PerformanceReport, ReportKind
from storage.imports.errors import ImportRefused, not_a
from storage.imports.reading import Head
from storage.imports.xml_reading import Record, records
from storage.reports.performance.parse import UNKNOWN_MARKETPLACE

KIND: ReportKind = "performance"

_ROOTS = frozenset({"sellerperformancereports", "sellerperformancereport"})
_WINDOW_DAYS = {
    "orderDefectRate": 60,
    "lateShipmentRate": 30,
    "preFulfillmentCancellationRate": 7,
    "refundRate": 7,
}
# (block name in the file, metric stored, count key in the V2 style)
_ODR_PARTS = (
    ("orderdefects", "orderWithDefects"),
    ("orderwithdefects", "orderWithDefects"),
    ("negativefeedbacks", "negativeFeedback"),
    ("a_z_claims", "claims"),
    ("azclaims", "claims"),
    ("chargebacks", "chargebacks"),
)
_EXPERIENCE = (
    ("lateshipment", "lateShipmentRate", "lateShipmentCount"),
    ("prefulfillmentcancellation", "preFulfillmentCancellationRate", "cancellationCount"),
    ("refunds", "refundRate", "refundCount"),
)
_CHANNELS = {"seller": "mfn", "mfn": "mfn", "merchant": "mfn", "afn": "afn", "amazon": "afn"}


def sniff(head: Head) -> bool:
    return bool(_ROOTS & head.keys)


def parse(path: Path) -> Iterator[PerformanceReport]:
    """The one snapshot the file holds."""
    found = list(records(path, "sellerPerformanceReport"))
    if not found:
        raise ImportRefused(path.name, "the XML holds no sellerPerformanceReport element")
    text = path.read_bytes().decode("utf-8", errors="replace")
    yield _Reader(path.name).report(found[0], text)


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def report(self, root: Record, text: str) -> PerformanceReport:
        market = self._marketplace(root)
        metrics: list[PerformanceMetric] = []
        frames = [*_blocks(root, "orderdefects", "orderdefectmetrics")]
        chosen: dict[tuple[str, str], PerformanceMetric] = {}
        for block in frames:
            metric = self._odr(market, block)
            _keep(chosen, metric)
        for block in _blocks(root, "customerexperience", "customerexperiencemetrics"):
            for part, name, key in _EXPERIENCE:
                found = block.first(part)
                if found is not None:
                    _keep(chosen, self._rate(market, name, key, block, found))
        metrics.extend(chosen.values())
        return PerformanceReport(account_statuses={}, metrics=tuple(metrics), raw_json=text)

    def _marketplace(self, root: Record) -> str:
        value = root.get("marketplaceId", "marketplace")
        if not value:
            return UNKNOWN_MARKETPLACE
        found = find_marketplace(value)
        return found.marketplace_id if found else value

    def _odr(self, market: str, block: Record) -> PerformanceMetric:
        counts: dict[str, int] = {}
        orders = self._count(block.get("orderCount"), block, "orderCount")
        if orders is not None:
            counts["orderCount"] = orders
        rate: float | None = None
        for part, key in _ODR_PARTS:
            found = block.first(part)
            if found is None or key in counts:
                continue
            count = self._count(found.get("count"), found, "count")
            if count is not None:
                counts[key] = count
            if key == "orderWithDefects":
                rate = self._fraction(found.get("rate"), found)
        defects = counts.get("orderWithDefects")
        if orders and defects is not None:
            rate = defects / orders
        channel = _CHANNELS.get(block.get("fulfillmentType", "fulfillmentChannel").lower(), "")
        return self._metric(market, "orderDefectRate", channel, block, rate, counts)

    def _rate(
        self, market: str, name: str, key: str, block: Record, part: Record
    ) -> PerformanceMetric:
        counts: dict[str, int] = {}
        orders = self._count(block.get("orderCount"), block, "orderCount")
        count = self._count(part.get("count"), part, "count")
        if orders is not None:
            counts["orderCount"] = orders
        if count is not None:
            counts[key] = count
        rate = self._fraction(part.get("rate"), part)
        if orders and count is not None:
            rate = count / orders
        return self._metric(market, name, "", block, rate, counts)

    def _metric(
        self,
        market: str,
        name: str,
        channel: str,
        block: Record,
        rate: float | None,
        counts: dict[str, int],
    ) -> PerformanceMetric:
        frame = block.first("timeFrame")
        start = self._time(frame.get("start") if frame else "", frame or block)
        end = self._time(frame.get("end") if frame else "", frame or block)
        return PerformanceMetric(
            marketplace_id=market,
            name=name,
            channel=channel,
            rate=rate,
            date_from=start,
            date_to=end,
            counts=counts,
        )

    def _refuse(self, where: Record, reason: str) -> ImportRefused:
        return ImportRefused(self.file, reason, where.line, where.tag)

    def _time(self, value: str, where: Record) -> datetime | None:
        if not value:
            return None
        try:
            return parse_iso(value)
        except ValueError:
            raise self._refuse(where, not_a(value, "date", "an ISO 8601 timestamp")) from None

    def _number(self, value: str, where: Record) -> float | None:
        if not value:
            return None
        try:
            number = float(value.strip().rstrip("%"))
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or number < 0:
            raise self._refuse(where, not_a(value, "number", "a number of 0 or more"))
        return number

    def _count(self, value: str, where: Record, name: str) -> int | None:
        number = self._number(value, where)
        if number is not None and number != int(number):
            raise self._refuse(where, not_a(value, "number", f"a whole number ({name})"))
        return None if number is None else int(number)

    def _fraction(self, value: str, where: Record) -> float | None:
        number = self._number(value, where)
        if number is None:
            return None
        return number / 100 if number > 1 or value.strip().endswith("%") else number


def _blocks(root: Record, group: str, item: str) -> Iterator[Record]:
    for holder in (c for c in root.children if c.tag == group):
        yield from holder.all(item)


def _keep(chosen: dict[tuple[str, str], PerformanceMetric], metric: PerformanceMetric) -> None:
    """Keep the time frame nearest the V2 window (the later one on a tie)."""
    key = (metric.name, metric.channel)
    before = chosen.get(key)
    if before is None or _rank(metric) < _rank(before):
        chosen[key] = metric


def _rank(metric: PerformanceMetric) -> tuple[float, float]:
    if metric.date_from is None or metric.date_to is None:
        return (math.inf, 0.0)
    days = (metric.date_to - metric.date_from).total_seconds() / 86400
    return (abs(days - _WINDOW_DAYS.get(metric.name, 30)), -metric.date_to.timestamp())
