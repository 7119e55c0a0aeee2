"""Amazon's side: the figures of one seller performance report snapshot."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from core.clock import day_start, parse_iso
from core.metrics.odr import (
    DayWindow,
)
from core.reconciliation.text import ODR

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
    """When Amazon made the report: the day after its latest reporting date, never after import.

    Typed-in figures (core.reconciliation.typed) held when the seller read them.
    """
    imported = _when(snapshot.get("imported_at"))
    if snapshot.get("source") == "typed" and imported is not None:
        return imported
    ends = [f.date_to for f in figures_of(snapshot) if f.date_to is not None]
    made = day_start(max(ends).date() + timedelta(days=1)) if ends else None
    candidates = [t for t in (imported, made) if t is not None]
    return min(candidates) if candidates else day_start(date(1970, 1, 1))
