"""The inbox's rows prepared for the table: sort keys and time indexes, built once per load.

The table counts rows per state on every tick, filters by time (overdue, due soon) and
sorts by any column on a click. With the keys prepared here, in the worker that loaded
the rows, counting is a bisection and sorting a C-level sort of precomputed keys instead
of a Python call per row: a list of 100,000 deadlines stays responsive. The same goes
for the search box (one lowercase key per row) and for history, the clocks that ran out
before the first import: kept apart by kind, listed only when the seller expands them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from core.countdown import due_soon_margin, kind_label
from core.inbox import InboxRow
from core.search import SEPARATOR, matching
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
    """Due times of the board rows sharing one due-soon margin: a bisect counts a state."""

    margin: int  # seconds before due at which a row turns due-soon
    due: list[float]  # ascending


@dataclass(frozen=True, slots=True)
class InboxTable:
    """Rows with their deadlines as epoch seconds and a sort key per column."""

    rows: Sequence[InboxRow]
    due: Sequence[float]  # Amazon's deadline
    target: Sequence[float | None]  # a stricter internal target, else None
    margin: Sequence[int]  # due-soon margin in seconds
    board: Sequence[int]  # rows on the board (not no-response-needed, not history), in order
    board_by_due: Sequence[int]  # the same, soonest due first: the screen's first view
    unneeded: Sequence[int]  # rows marked no-response-needed, in row order
    groups: Sequence[MarginGroup]  # board rows by margin, smallest margin first
    keys: Mapping[SortKey, Keys]
    history: Mapping[str, Sequence[int]] = field(default_factory=dict)
    """Board rows due before their report's first import, by kind, in row order."""
    search: Sequence[str] = ()  # one lowercase key per row (core.search)

    def counts(self, now: float, expanded: Collection[str] = ()) -> dict[InboxFilter, int]:
        """Rows per filter at `now` (epoch seconds), by bisection; the history of the
        `expanded` kinds is listed, so it is counted too."""
        groups = [*self.groups, *self._history_groups(expanded)]
        return {
            "all": len(self.board) + sum(len(g.due) for g in groups[len(self.groups) :]),
            "overdue": sum(bisect_left(g.due, now) for g in groups),
            "due_soon": sum(
                bisect_right(g.due, now + g.margin) - bisect_left(g.due, now) for g in groups
            ),
            "no_response_needed": len(self.unneeded),
        }

    def _history_groups(self, expanded: Collection[str]) -> list[MarginGroup]:
        return [
            MarginGroup(self.margin[rows[0]], sorted(self.due[i] for i in rows))
            for kind, rows in self.history.items()
            if kind in expanded and rows
        ]

    def signature(self, now: float) -> tuple[int, ...]:
        """Changes exactly when a board row crosses a state boundary (overdue, due soon)."""
        return tuple(
            n
            for g in self.groups
            for n in (bisect_left(g.due, now), bisect_right(g.due, now + g.margin))
        )

    def filtered(
        self,
        name: InboxFilter,
        now: float,
        expanded: Collection[str] = (),
        terms: Sequence[str] = (),
    ) -> list[int]:
        """Row indices the filter keeps at `now`, with the history of the `expanded`
        kinds (of every kind while searching: a search finds history too), that hold
        every search term: board rows in row order, then history."""
        if name == "no_response_needed":
            rows: Sequence[int] = self.unneeded
        else:
            kinds = self.history.keys() if terms else expanded
            rows = [*self.board, *(i for k in kinds for i in self.history.get(k, ()))]
        due, margin = self.due, self.margin
        if name == "overdue":
            rows = [i for i in rows if due[i] < now]
        elif name == "due_soon":
            rows = [i for i in rows if now <= due[i] <= now + margin[i]]
        return matching(self.search, terms, rows)

    def state_clock(self, i: int) -> float:
        """The clock the colours follow: the internal target when stricter, else Amazon's."""
        target = self.target[i]
        return self.due[i] if target is None else target


def _stricter_target(r: InboxRow) -> float | None:
    """The internal target in epoch seconds when it comes before Amazon's deadline."""
    if r.target_at is None or r.no_response_needed or r.target_at >= r.due_at:
        return None
    return r.target_at.timestamp()


def _ranks(values: Sequence[SupportsRichComparison]) -> array[int]:
    """Dense ranks: equal values share a rank, so sorting by rank stays stable among them."""
    out = array("q", bytes(8 * len(values)))
    previous: object = object()
    rank = -1
    for i in sorted(range(len(values)), key=values.__getitem__):
        value = values[i]
        if value != previous:
            rank += 1
            previous = value
        out[i] = rank
    return out


def _epoch(dt: datetime | None) -> float:
    return dt.timestamp() if dt is not None else 0.0


def _grouped(labels: Sequence[str], within: Sequence[int]) -> list[int]:
    """Keys that sort by label, then by `within`: the few labels ranked, no string sort."""
    label_rank = {label: rank for rank, label in enumerate(sorted(set(labels)))}
    span = len(within) + 1
    return [label_rank[label] * span + w for label, w in zip(labels, within, strict=True)]


def _search_keys(
    rows: Sequence[InboxRow], kinds: Mapping[str, tuple[str, int]], skus: Mapping[str, str]
) -> list[str]:
    """What the search box finds: order, SKUs, subject (the buyer's words), buyer, type."""
    sep = SEPARATOR
    return [
        f"{r.order_id}{sep}{skus.get(r.order_id, '')}{sep}{r.subject}{sep}{r.buyer}{sep}"
        f"{r.type_label}{sep}{kinds[r.kind][0]}".casefold()
        for r in rows
    ]


def prepare_table(
    rows: Sequence[InboxRow], settings: MetricSettings, skus: Mapping[str, str] | None = None
) -> InboxTable:
    """Compute every key the table needs once; rows need not be sorted.

    `skus` (order id -> its SKUs) lets the search find a row by the products ordered.
    """
    rows = tuple(rows)
    due = array("d", (r.due_at.timestamp() for r in rows))
    target = [_stricter_target(r) for r in rows]
    kinds = {k: (kind_label(k), due_soon_margin(k, settings)) for k in {r.kind for r in rows}}
    margin = array("l", (kinds[r.kind][1] for r in rows))
    board = [i for i, r in enumerate(rows) if not r.no_response_needed and not r.history]
    unneeded = [i for i, r in enumerate(rows) if r.no_response_needed]
    history: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if r.history and not r.no_response_needed:
            history.setdefault(r.kind, []).append(i)
    by_margin: dict[int, list[float]] = {}
    for i in board:
        by_margin.setdefault(margin[i], []).append(due[i])
    groups = [MarginGroup(m, sorted(by_margin[m])) for m in sorted(by_margin)]
    clock = array("d", (d if t is None else t for d, t in zip(due, target, strict=True)))
    due_rank = _ranks(due)
    keys: dict[SortKey, Keys] = {
        "due": due,
        "clock": clock,
        "received": array("d", (_epoch(r.received_at) for r in rows)),
        "kind": _grouped([kinds[r.kind][0] for r in rows], due_rank),
        "type": _grouped([r.type_label for r in rows], due_rank),
        "order": _ranks([r.order_id for r in rows]),
        "subject": _ranks([r.subject.lower() for r in rows]),
        "buyer": _ranks([r.buyer.lower() for r in rows]),
    }
    by_due = sorted(board, key=due.__getitem__)
    search = _search_keys(rows, kinds, skus or {})
    return InboxTable(
        rows, due, target, margin, board, by_due, unneeded, groups, keys, history, search
    )
