"""Paying units to open events earliest first, in one pass (found units, reimbursements)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from core.reimbursements.records import Evidence


@dataclass(slots=True)
class Open:
    """An event with units still owed; `applied` counts the units paid per label."""

    day: date
    remaining: int
    rows: tuple[Evidence, ...]
    applied: dict[str, int] = field(default_factory=dict)
    paid_by: list[Evidence] = field(default_factory=list)


Payment = tuple[date, int, tuple[Evidence, ...]]
"""(day, units, the rows that pay them)."""


def allocate(
    targets: Sequence[Open],
    payments: Iterable[Payment],
    label: str,
    reach_days: int | None = None,
) -> None:
    """Each payment pays the earliest open target dated on or before it (and at most
    `reach_days` before it); what no target can take is ignored.

    `targets` must be sorted by day; payments are taken in date order. Targets only
    close from the front, so the whole pass is linear after the sort.
    """
    first = 0
    for day, units, rows in sorted(payments, key=lambda p: p[0]):
        oldest = day - timedelta(days=reach_days) if reach_days is not None else date.min
        while first < len(targets) and (
            targets[first].remaining <= 0 or targets[first].day < oldest
        ):
            first += 1
        k = first
        while units > 0 and k < len(targets) and targets[k].day <= day:
            t = targets[k]
            take = min(units, t.remaining)
            if take > 0:
                t.remaining -= take
                t.applied[label] = t.applied.get(label, 0) + take
                t.paid_by.extend(rows)
                units -= take
            k += 1
