"""Per-day counts for the daily history: each record adds to a range of days at once.

A record counts toward the days whose window holds it, a contiguous range since
the as_of instants only grow; a difference array turns the ranges into per-day
totals in one pass.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from itertools import accumulate

from core.clock import to_utc
from core.metrics.inputs import MetricInputs
from core.metrics.odr import DayWindow, defect_events
from core.model import CHANNELS, Channel


class Flips:
    """Per-day totals built from ranges of days [lo, hi): a difference array."""

    def __init__(self, days: int) -> None:
        self._diff = [0] * (days + 1)

    def add(self, lo: int, hi: int, n: int = 1) -> None:
        if lo < hi:
            self._diff[lo] += n
            self._diff[hi] -= n

    def totals(self) -> list[int]:
        return list(accumulate(self._diff[:-1]))


class DayRanges:
    """The days (indices into sorted as_of instants) whose [as_of - span, as_of) holds an instant."""

    def __init__(self, ends: Sequence[datetime], span: timedelta) -> None:
        self.ends = list(ends)
        self.starts = [end - span for end in ends]

    def holding(self, instant: datetime) -> tuple[int, int]:
        """[lo, hi): from the first day whose as_of is after it to the first whose start is."""
        return bisect_right(self.ends, instant), bisect_right(self.starts, instant)

    @staticmethod
    def first(lo: int, hi: int, holds: Callable[[int], bool]) -> int:
        """The first day in [lo, hi) from which a state that never reverts holds, else hi.

        Most records hold from their first day or never: two probes, then bisection.
        """
        if lo >= hi or holds(lo):
            return lo
        if not holds(hi - 1):
            return hi
        return lo + 1 + bisect_left(range(lo + 1, hi - 1), True, key=holds)


def _first_known(inputs: MetricInputs) -> dict[str, datetime]:
    """Per defective order, the instant its first counted defect exists."""
    known: dict[str, datetime] = {}
    for order, _kind, at in defect_events(inputs):
        seen = known.get(order.order_id)
        if seen is None or at < seen:
            known[order.order_id] = at
    return known


def _order_sums(
    counts: Mapping[tuple[date, Channel], int], windows: Sequence[DayWindow]
) -> dict[Channel, list[int]]:
    """Non-cancelled orders per channel in each purchase-date window, by prefix sums."""
    out: dict[Channel, list[int]] = {}
    for ch in CHANNELS:
        days = sorted(day for day, channel in counts if channel == ch)
        sums = list(accumulate((counts[(day, ch)] for day in days), initial=0))
        out[ch] = [
            sums[bisect_left(days, end)] - sums[bisect_left(days, start)] for start, end in windows
        ]
    return out


def odr_counts(
    inputs: MetricInputs, ends: Sequence[datetime], windows: Sequence[DayWindow]
) -> tuple[dict[Channel, list[int]], list[int], dict[Channel, list[int]]]:
    """Per day: defective orders per channel, defective orders in all, orders per channel.

    An order is defective on the days whose purchase-date window holds its purchase
    date and whose as_of is at or after its first counted defect.
    """
    starts = [w[0] for w in windows]
    stops = [w[1] for w in windows]
    by_channel = {ch: Flips(len(ends)) for ch in CHANNELS}
    total = Flips(len(ends))
    for order_id, known in _first_known(inputs).items():
        order = inputs.orders[order_id]
        bought = to_utc(order.purchase_date).date()
        lo = max(bisect_right(stops, bought), bisect_left(ends, known))
        hi = bisect_right(starts, bought)
        total.add(lo, hi)
        if order.channel in by_channel:
            by_channel[order.channel].add(lo, hi)
    defective = {ch: flips.totals() for ch, flips in by_channel.items()}
    return defective, total.totals(), _order_sums(inputs.order_counts, windows)
