"""The inbox's rows prepared for the table: sort keys and time indexes, built once per load.

The table filters by time (overdue, due soon) on every tick and sorts by any column on a
click. With the keys prepared here, in the worker that loaded the rows, those become
bisects and C-level sorts on the GUI thread instead of a Python call per row: a list of
100,000 deadlines stays responsive.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from core.countdown import due_soon_margin, kind_label
from core.inbox import InboxRow
from core.settings import MetricSettings

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

InboxFilter = Literal["all", "overdue", "due_soon", "no_response_needed"]
FILTERS: tuple[InboxFilter, ...] = ("all", "overdue", "due_soon", "no_response_needed")

SortKey = Literal["kind", "clock", "type", "due", "order", "subject", "received", "buyer"]
"""What a column sorts by; "clock" is the one that runs out first (target or Amazon's)."""

Keys = Sequence[float] | Sequence[int]


@dataclass(frozen=True, slots=True)
class MarginGroup:
    """Board rows sharing one due-soon margin, by due time: a bisect finds a state's rows."""

    margin: int  # seconds before due at which a row turns due-soon
    due: list[float]  # ascending
    rows: list[int]  # row indices, parallel to `due`


@dataclass(frozen=True, slots=True)
class InboxTable:
    """Rows with their deadlines as epoch seconds and a sort key per column."""

    rows: Sequence[InboxRow]
    due: Sequence[float]  # Amazon's deadline
    target: Sequence[float | None]  # a stricter internal target, else None
    margin: Sequence[int]  # due-soon margin in seconds
    board: Sequence[int]  # rows on the board (not marked no-response-needed), in row order
    unneeded: Sequence[int]  # rows marked no-response-needed, in row order
    groups: Sequence[MarginGroup]  # board rows by margin, smallest margin first
    keys: Mapping[SortKey, Keys]

    def counts(self, now: float) -> dict[InboxFilter, int]:
        """Rows per filter at `now` (epoch seconds), by bisection."""
        return {
            "all": len(self.board),
            "overdue": sum(bisect_left(g.due, now) for g in self.groups),
            "due_soon": sum(
                bisect_right(g.due, now + g.margin) - bisect_left(g.due, now) for g in self.groups
            ),
            "no_response_needed": len(self.unneeded),
        }

    def signature(self, now: float) -> tuple[int, ...]:
        """Changes exactly when a board row crosses a state boundary (overdue, due soon)."""
        return tuple(
            n
            for g in self.groups
            for n in (bisect_left(g.due, now), bisect_right(g.due, now + g.margin))
        )

    def filtered(self, name: InboxFilter, now: float) -> list[int]:
        """Row indices the filter keeps at `now`, in row order."""
        if name == "no_response_needed":
            return list(self.unneeded)
        if name == "all":
            return list(self.board)
        picked: list[int] = []
        for g in self.groups:
            first_open = bisect_left(g.due, now)
            if name == "overdue":
                picked += g.rows[:first_open]
            else:
                picked += g.rows[first_open : bisect_right(g.due, now + g.margin)]
        picked.sort()
        return picked

    def state_clock(self, i: int) -> float:
        """The clock the colours follow: the internal target when stricter, else Amazon's."""
        target = self.target[i]
        return self.due[i] if target is None else target


def _stricter_target(r: InboxRow) -> float | None:
    """The internal target in epoch seconds when it comes before Amazon's deadline."""
    if r.target_at is None or r.no_response_needed or r.target_at >= r.due_at:
        return None
    return r.target_at.timestamp()


def _ranks(n: int, key: Callable[[int], SupportsRichComparison]) -> array[int]:
    """Dense ranks: equal keys share a rank, so sorting by rank stays stable among them."""
    out = array("q", bytes(8 * n))
    previous: object = object()
    rank = -1
    for i in sorted(range(n), key=key):
        value = key(i)
        if value != previous:
            rank += 1
            previous = value
        out[i] = rank
    return out


def _epoch(dt: datetime | None) -> float:
    return dt.timestamp() if dt is not None else 0.0


def prepare_table(rows: Sequence[InboxRow], settings: MetricSettings) -> InboxTable:
    """Compute every key the table needs once; rows need not be sorted."""
    rows = tuple(rows)
    n = len(rows)
    due = array("d", (r.due_at.timestamp() for r in rows))
    target = [_stricter_target(r) for r in rows]
    margins = {k: due_soon_margin(k, settings) for k in {r.kind for r in rows}}
    margin = array("l", (margins[r.kind] for r in rows))
    board = [i for i, r in enumerate(rows) if not r.no_response_needed]
    unneeded = [i for i, r in enumerate(rows) if r.no_response_needed]
    by_margin: dict[int, list[int]] = {}
    for i in board:
        by_margin.setdefault(margin[i], []).append(i)
    groups = []
    for m in sorted(by_margin):
        ordered = sorted(by_margin[m], key=due.__getitem__)
        groups.append(MarginGroup(m, [due[i] for i in ordered], ordered))
    clock = array("d", (d if t is None else t for d, t in zip(due, target, strict=True)))
    keys: dict[SortKey, Keys] = {
        "due": due,
        "clock": clock,
        "received": array("d", (_epoch(r.received_at) for r in rows)),
        "kind": _ranks(n, lambda i: (kind_label(rows[i].kind), due[i])),
        "type": _ranks(n, lambda i: (rows[i].type_label, due[i])),
        "order": _ranks(n, lambda i: rows[i].order_id),
        "subject": _ranks(n, lambda i: rows[i].subject.lower()),
        "buyer": _ranks(n, lambda i: rows[i].buyer.lower()),
    }
    return InboxTable(rows, due, target, margin, board, unneeded, groups, keys)
