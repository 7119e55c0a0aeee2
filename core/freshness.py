"""How fresh the data is: the newest record of each kind, not the time of its import.

"Orders: today" after importing a file whose newest order is 16 days old hides that every
metric window misses 16 days. Freshness is the newest record (orders by purchase date,
buyer messages by received time, feedback by its date, FBM returns by request date...),
amber after `FRESH_DAYS`, with a sentence on what the gap does to the numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from core.format import format_date
from core.metrics.lrr import LRR_WINDOWS
from core.metrics.nfr import NFR_WINDOWS
from core.settings import MetricSettings

FRESH_DAYS = 3
"""Data whose newest record is older than this many days is marked (amber)."""


@dataclass(frozen=True, slots=True)
class DataKind:
    key: str
    label: str  # "Orders"
    noun: str  # "orders": in "no orders after Nov 4"
    watched: bool = True  # False: records are rare by nature (claims), never marked old


KINDS: tuple[DataKind, ...] = (
    DataKind("orders", "Orders", "orders"),
    DataKind("messages", "Buyer messages", "buyer messages"),
    DataKind("feedback", "Feedback", "feedback"),
    DataKind("returns_fbm", "FBM returns", "FBM return requests"),
    DataKind("claims", "Claims", "claims", watched=False),
    DataKind("returns_fba", "FBA returns", "FBA returns", watched=False),
    DataKind("performance", "Amazon's figures", "figures from Amazon"),
)


@dataclass(frozen=True, slots=True)
class DataAge:
    """One kind: its newest record's day, how old that is, and what that means."""

    kind: DataKind
    newest: date | None
    days_old: int | None  # whole days from the newest record's day to today
    stale: bool
    meaning: str  # a sentence on what the gap does to the numbers ("" when fresh)

    @property
    def age(self) -> str:
        """'Nov 4 (16 days old)', 'Nov 19', 'none imported'."""
        if self.newest is None:
            return "none imported"
        day = format_date(self.newest).rsplit(",", 1)[0]
        if not self.days_old:
            return f"{day} (today)"
        if self.days_old == 1:
            return f"{day} (yesterday)"
        return f"{day} ({self.days_old} days old)"


def _day(d: date) -> str:
    """'Nov 4': the year is plain from context."""
    return format_date(d).rsplit(",", 1)[0]


def _windows_meaning(
    newest: date, today: date, windows: tuple[int, ...], metric: str, noun: str
) -> str:
    """'7-day LRR cannot be computed: no buyer messages after Nov 13.' or how many days miss."""
    gap = (today - newest).days
    empty = [w for w in sorted(windows) if w <= gap]
    if empty:
        names = " and ".join(f"{w}-day" for w in empty)
        return f"{names} {metric} cannot be computed: no {noun} after {_day(newest)}."
    return f"The last {gap} days of {metric} count no {noun} (none after {_day(newest)})."


def _orders_meaning(newest: date, today: date, cfg: MetricSettings) -> str:
    window_end = today - timedelta(days=cfg.odr_lag_days)  # exclusive
    window_start = window_end - timedelta(days=cfg.odr_window_days)
    after = _day(newest)
    if newest < window_start:
        return f"ODR cannot be computed: no orders after {after}."
    if newest < window_end - timedelta(days=1):
        first, last = newest + timedelta(days=1), window_end - timedelta(days=1)
        days = _day(first) if first == last else f"{_day(first)} to {_day(last)}"
        return (
            f"ODR misses the orders of {days} (none imported after {after}), and its "
            f"forecast counts none after {after}."
        )
    return f"The ODR forecast counts no orders after {after}."


def _meaning(kind: DataKind, newest: date | None, today: date, cfg: MetricSettings) -> str:
    if newest is None:
        return {
            "orders": "No orders imported: ODR cannot be computed.",
            "messages": "No buyer messages imported: LRR cannot be computed.",
            "feedback": "No feedback imported: NFR cannot be computed.",
            "returns_fbm": "No FBM returns imported: RDR counts none.",
            "performance": "Amazon's own figures are not known: import its performance report "
            "or type them from the Account Health page.",
        }.get(kind.key, "")
    if kind.key == "orders":
        return _orders_meaning(newest, today, cfg)
    if kind.key == "messages":
        return _windows_meaning(newest, today, LRR_WINDOWS, "LRR", kind.noun)
    if kind.key == "feedback":
        return _windows_meaning(newest, today, NFR_WINDOWS, "NFR", kind.noun)
    if kind.key == "returns_fbm":
        return _windows_meaning(newest, today, (cfg.rdr_days,), "RDR", kind.noun)
    if kind.key == "performance":
        return (
            f"Amazon's figures are from {_day(newest)}: import a newer performance report or "
            "type today's from the Account Health page."
        )
    return ""


def data_ages(
    newest: Mapping[str, date],
    today: date,
    settings: MetricSettings | None = None,
    fresh_days: int = FRESH_DAYS,
) -> list[DataAge]:
    """One DataAge per kind of KINDS, in that order; `newest` maps kind -> newest day."""
    cfg = settings or MetricSettings()
    out = []
    for kind in KINDS:
        day = newest.get(kind.key)
        days_old = None if day is None else max(0, (today - day).days)
        stale = kind.watched and (days_old is None or days_old > fresh_days)
        meaning = _meaning(kind, day, today, cfg) if stale else ""
        out.append(DataAge(kind, day, days_old, stale, meaning))
    return out


def rests_on(ages: list[DataAge], keys: tuple[str, ...]) -> str:
    """'orders up to Nov 4 and buyer messages up to Nov 19': what a figure is computed from."""
    parts = [
        f"{a.kind.noun} up to {_day(a.newest)}"
        for a in ages
        if a.kind.key in keys and a.newest is not None
    ]
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
