"""Amazon's seller performance report, GET_V2_SELLER_PERFORMANCE_REPORT (reports.md 4, 7).

One JSON file becomes one `PerformanceReport` snapshot: Amazon ignores the
requested dates and always returns the current state. Real files stray from
the published schema, so known alternative spellings are accepted, blocks we
do not know are skipped, and only values we would store wrongly refuse the file,
naming their JSON path. Variants read:

- `performanceMetrics` entries without `marketplaceId` (single-marketplace
  accounts): the marketplace of `accountStatuses` when it names exactly one,
  else the unknown marketplace ("").
- list forms: `lateShipmentRateList` (the first block is the metric) and
  `warningStates` as a list of `{warningType, status}` (one metric each,
  named `warningStates.<warningType>`).
- `unitOnTimeDeliveryRate` (US, 14 days) and `policyViolationWarnings`
  (`warningsCount`) like any other block.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from core.clock import parse_iso
from core.model import CHANNELS, PerformanceMetric, PerformanceReport, ReportKind
from storage.imports.errors import ImportRefused, not_a
from storage.imports.reading import Head, detect_encoding

KIND: ReportKind = "performance"

CANONICAL_NAMES: dict[str, str] = {
    "prefulfillmentCancelRate": "preFulfillmentCancellationRate",
    "preFulfillmentCancelRate": "preFulfillmentCancellationRate",
    "prefulfillmentCancellationRate": "preFulfillmentCancellationRate",
    "warningState": "warningStates",
    "documentRequest": "documentRequests",
}
"""Spellings seen in real files -> the name we store."""

AHR_BLOCK = "accountHealthRating"
AHR_STATUS_KEYS = ("ahrStatus", "accountHealthRatingStatus")
AHR_SCORE_KEYS = ("ahrScore", "accountHealthRatingScore")
METRIC_MARKERS = frozenset({"rate", "status", "targetValue", "defectsCount", "warningsCount"})
LIST_SUFFIX = "List"
WARNING_STATES = "warningStates"
UNKNOWN_MARKETPLACE = ""
"""Stored for a block whose marketplace the file does not say (and cannot be inferred)."""
NOT_COUNTS = frozenset({"rate", "targetValue"})
_SNIFF_KEYS = ("performanceMetrics", "accountStatuses")
_SNIFF_TEXT = re.compile(r'"(?:performanceMetrics|accountStatuses)"\s*:')


def sniff(head: Head) -> bool:
    """A JSON object with performanceMetrics or accountStatuses.

    When only the head of a large file was read, the names are looked for in its text.
    """
    if not head.complete:
        return head.text[:1] == "{" and _SNIFF_TEXT.search(head.text) is not None
    return isinstance(head.data, dict) and any(k in head.data for k in _SNIFF_KEYS)


def parse(path: Path) -> Iterator[PerformanceReport]:
    """Yield the single snapshot the file holds (a generator, like every importer)."""
    text = path.read_text(encoding=detect_encoding(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            path.name, f"the JSON is not valid ({exc.msg})", exc.lineno, str(exc.colno)
        ) from None
    yield _Reader(path.name).report(data, text)


class _Reader:
    """Walks the JSON, naming the JSON path of anything it refuses."""

    def __init__(self, file: str) -> None:
        self.file = file

    def refuse(self, where: str, reason: str) -> ImportRefused:
        return ImportRefused(self.file, reason, None, where)

    def report(self, data: Any, text: str) -> PerformanceReport:
        if not isinstance(data, dict) or not (
            "performanceMetrics" in data or "accountStatuses" in data
        ):
            raise ImportRefused(
                self.file,
                "the JSON is not a seller performance report "
                "(it has no 'performanceMetrics' or 'accountStatuses')",
            )
        statuses: dict[str, str] = {}
        for where, item in self._items(data, "accountStatuses"):
            statuses[self._marketplace(item, where)] = self._text(item.get("status"))
        only = next(iter(statuses)) if len(statuses) == 1 else UNKNOWN_MARKETPLACE
        metrics: list[PerformanceMetric] = []
        ahr_status: dict[str, str] = {}
        ahr_score: dict[str, int] = {}
        seen: set[tuple[str, str, str]] = set()
        for where, entry in self._items(data, "performanceMetrics"):
            market = self._marketplace(entry, where) if "marketplaceId" in entry else only
            for key, block in entry.items():
                name = CANONICAL_NAMES.get(key, key)
                path = f"{where}.{key}"
                if name == AHR_BLOCK and isinstance(block, dict):
                    self._ahr(market, block, path, ahr_status, ahr_score)
                    continue
                for metric in self._metrics(market, name, block, path):
                    ident = (market, metric.name, metric.channel)
                    if ident not in seen:  # the first spelling wins over a duplicate
                        seen.add(ident)
                        metrics.append(metric)
        return PerformanceReport(
            account_statuses=statuses,
            metrics=tuple(metrics),
            ahr_status=ahr_status,
            ahr_score=ahr_score,
            raw_json=text,
        )

    def _items(self, data: Mapping[str, Any], key: str) -> Iterator[tuple[str, dict[str, Any]]]:
        value = data.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            raise self.refuse(key, "a list was expected")
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.refuse(f"{key}[{index}]", "an object was expected")
            yield f"{key}[{index}]", item

    def _marketplace(self, item: Mapping[str, Any], where: str) -> str:
        value = item.get("marketplaceId")
        if not isinstance(value, str) or not value.strip():
            raise self.refuse(f"{where}.marketplaceId", "the marketplace id is missing")
        return value.strip()

    def _ahr(
        self,
        market: str,
        block: Mapping[str, Any],
        path: str,
        statuses: dict[str, str],
        scores: dict[str, int],
    ) -> None:
        for key in AHR_STATUS_KEYS:
            if block.get(key) is not None:
                statuses[market] = self._text(block[key])
                break
        for key in AHR_SCORE_KEYS:
            if block.get(key) is not None:
                scores[market] = self._count(block[key], f"{path}.{key}")
                break

    def _metrics(
        self, market: str, name: str, block: Any, path: str
    ) -> Iterator[PerformanceMetric]:
        """A metric block, one per channel (ODR), or the list forms; other shapes are skipped."""
        if isinstance(block, list):
            yield from self._list(market, name, block, path)
            return
        if not isinstance(block, dict):
            return
        channels = [c for c in CHANNELS if isinstance(block.get(c), dict)]
        if channels:
            for channel in channels:
                yield self._metric(market, name, channel, block[channel], f"{path}.{channel}")
        elif METRIC_MARKERS & block.keys():
            yield self._metric(market, name, "", block, path)

    def _list(
        self, market: str, name: str, blocks: list[Any], path: str
    ) -> Iterator[PerformanceMetric]:
        """`xxxList`: its first metric block is `xxx`; `warningStates`: one metric a warning."""
        if name.endswith(LIST_SUFFIX):
            name = CANONICAL_NAMES.get(name[: -len(LIST_SUFFIX)], name[: -len(LIST_SUFFIX)])
        for index, block in enumerate(blocks):
            if not isinstance(block, dict) or not METRIC_MARKERS & block.keys():
                continue
            where = f"{path}[{index}]"
            if name == WARNING_STATES:
                kind = self._text(block.get("warningType")) or str(index)
                yield self._metric(market, f"{WARNING_STATES}.{kind}", "", block, where)
                continue
            yield from self._metrics(market, name, block, where)
            return

    def _metric(
        self, market: str, name: str, channel: str, block: Mapping[str, Any], path: str
    ) -> PerformanceMetric:
        date_from, date_to = self._range(block.get("reportingDateRange"), path)
        return PerformanceMetric(
            marketplace_id=market,
            name=name,
            channel=channel,
            rate=self._fraction(block.get("rate"), f"{path}.rate"),
            target=self._number(block.get("targetValue"), f"{path}.targetValue"),
            target_condition=self._text(block.get("targetCondition")),
            status=self._text(block.get("status")),
            date_from=date_from,
            date_to=date_to,
            counts=self._counts(block, path),
        )

    def _counts(self, block: Mapping[str, Any], path: str) -> dict[str, int]:
        """`orderCount: 512` and `claims: {count: 1}` alike become counts by key."""
        counts: dict[str, int] = {}
        for key, value in block.items():
            if key in NOT_COUNTS or isinstance(value, bool):
                continue
            if isinstance(value, int | float):
                counts[key] = self._count(value, f"{path}.{key}")
            elif isinstance(value, dict) and value.get("count") is not None:
                counts[key] = self._count(value["count"], f"{path}.{key}.count")
        return counts

    def _range(self, value: Any, path: str) -> tuple[datetime | None, datetime | None]:
        if value is None:
            return None, None
        where = f"{path}.reportingDateRange"
        if not isinstance(value, dict):
            raise self.refuse(where, "an object with reportingDateFrom/To was expected")
        return (
            self._time(value.get("reportingDateFrom"), f"{where}.reportingDateFrom"),
            self._time(value.get("reportingDateTo"), f"{where}.reportingDateTo"),
        )

    def _time(self, value: Any, where: str) -> datetime | None:
        if value is None or value == "":
            return None
        try:
            if not isinstance(value, str):
                raise ValueError
            return parse_iso(value)
        except ValueError:
            raise self.refuse(where, not_a(str(value), "date", "an ISO 8601 timestamp")) from None

    def _number(self, value: Any, where: str) -> float | None:
        if value is None:
            return None
        result: float | None = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            result = float(value)
        elif isinstance(value, str):
            try:
                result = float(value.strip())
            except ValueError:
                result = None
        if result is None or not math.isfinite(result):
            raise self.refuse(where, not_a(str(value), "number", "a number"))
        return result

    def _fraction(self, value: Any, where: str) -> float | None:
        result = self._number(value, where)
        if result is not None and not 0.0 <= result <= 1.0:
            raise self.refuse(
                where,
                not_a(str(value), "number", "a fraction between 0 and 1 (0.009 means 0.9 %)"),
            )
        return result

    def _count(self, value: Any, where: str) -> int:
        number = self._number(value, where)
        if number is None or number != int(number) or number < 0:
            raise self.refuse(where, not_a(str(value), "number", "a whole number of 0 or more"))
        return int(number)

    @staticmethod
    def _text(value: Any) -> str:
        return "" if value is None else str(value).strip()
