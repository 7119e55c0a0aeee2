"""Time the daily history of every metric (core.metrics.history) against the per-day loop.

A seller with 1,000 orders a day imports a year of reports; the dashboard then wants
one point per day for a year. The inputs are built in memory in the shape storage
passes them (orders as daily counts per channel, feedback as daily counts plus the
negative records, claims, buyer messages as (received, first response) pairs, FBM
returns), covering the 365 days plus the longest window before them.

daily_history is timed for the 365 days; compute_metrics once per day (the naive
loop, over the same inputs) for a shorter range, and projected to 365 days. Both
give the same points (checked on the shorter range). Goal: a year in a few seconds.

    .venv/bin/python benchmarks/metric_history.py [--orders-per-day 1000] [--days 365]
        [--naive-days 30] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.clock import day_start  # noqa: E402
from core.metrics import MetricInputs, compute_metrics  # noqa: E402
from core.metrics.history import daily_history, day_instants  # noqa: E402
from core.metrics.inputs import Contact, DayChannel, FeedbackKey  # noqa: E402
from core.model import Channel, Claim, Feedback, Order, ReturnRequest  # noqa: E402
from core.settings import MetricSettings  # noqa: E402

LAST_DAY = date(2026, 11, 20)
REACH_DAYS = 90
"""The longest window behind a day's point (NFR 90 days; ODR reaches 74)."""

SETTINGS = MetricSettings()


class _Year:
    """Records of `days` days of a seller, built day by day with fixed rates."""

    def __init__(self, rnd: random.Random, per_day: int) -> None:
        self.rnd = rnd
        self.per_day = per_day
        self.order_counts: dict[DayChannel, int] = {}
        self.orders: dict[str, Order] = {}
        self.feedback_counts: dict[FeedbackKey, int] = {}
        self.negative: list[Feedback] = []
        self.claims: list[Claim] = []
        self.contacts: list[Contact] = []
        self.returns: list[ReturnRequest] = []

    def day(self, day: date) -> None:
        rnd, start = self.rnd, day_start(day)
        for i in range(self.per_day):
            bought = start + timedelta(seconds=rnd.randrange(86_400))
            channel: Channel = "afn" if rnd.random() < 0.6 else "mfn"
            cancelled = rnd.random() < 0.02
            if not cancelled:
                key = (day, channel)
                self.order_counts[key] = self.order_counts.get(key, 0) + 1
            oid = f"{day:%y%m%d}-{i:05d}"
            status = "Cancelled" if cancelled else "Shipped"
            self._after_order(Order(oid, bought, status, channel), rnd)

    def _after_order(self, order: Order, rnd: random.Random) -> None:
        bought = order.purchase_date
        if rnd.random() < 0.05:  # feedback, 8 % of it negative
            rating = rnd.randint(1, 2) if rnd.random() < 0.08 else rnd.randint(3, 5)
            when = (bought + timedelta(days=rnd.randrange(3, 40))).date()
            key = (when, rating, True)
            self.feedback_counts[key] = self.feedback_counts.get(key, 0) + 1
            if rating <= 2:
                self.negative.append(Feedback(order.order_id, when, rating))
                self.orders[order.order_id] = order
        if rnd.random() < 0.003:  # an A-to-z claim or a chargeback
            kind = "a-to-z" if rnd.random() < 0.8 else "chargeback"
            filed = bought + timedelta(days=rnd.randrange(5, 60), seconds=rnd.randrange(86_400))
            reason = rnd.choice(["not_received", "defective", "not_as_described", "other"])
            status = rnd.choice(["open", "granted", "denied", "withdrawn"])
            claim = Claim(f"C-{order.order_id}", order.order_id, kind, filed, reason, status)
            self.claims.append(claim)
            self.orders[order.order_id] = order
        if rnd.random() < 0.15:  # a buyer message; 90 % answered, most within a day
            received = bought + timedelta(hours=rnd.randrange(1, 24 * 20))
            answered = None
            if rnd.random() < 0.9:
                answered = received + timedelta(minutes=rnd.choice([30, 240, 1200, 1500, 3000]))
            self.contacts.append((received, answered))
        if order.channel == "mfn" and rnd.random() < 0.03:  # an FBM return request
            requested = (bought + timedelta(days=rnd.randrange(3, 30))).date()
            decided = day_start(requested) + timedelta(hours=rnd.choice([5, 30, 47, 50, 90]))
            undecided = rnd.random() < 0.1
            self.returns.append(
                ReturnRequest(
                    order.order_id,
                    f"R-{order.order_id}",
                    requested,
                    "Pending" if undecided else rnd.choice(["Authorized", "Rejected"]),
                    in_policy=rnd.random() < 0.7,
                    decided_at=None if undecided else decided,
                    negative_feedback=rnd.random() < 0.02,
                )
            )

    def inputs(self, as_of: datetime) -> MetricInputs:
        """What a loader at as_of passes: records dated after it do not exist yet."""
        return MetricInputs(
            order_counts=self.order_counts,
            orders=self.orders,
            feedback=tuple(f for f in self.negative if day_start(f.feedback_date) <= as_of),
            feedback_counts={
                k: n for k, n in self.feedback_counts.items() if day_start(k[0]) <= as_of
            },
            claims=tuple(c for c in self.claims if c.filed_at <= as_of),
            contacts=tuple(
                (r, a if a is not None and a <= as_of else None)
                for r, a in self.contacts
                if r < as_of
            ),
            returns=tuple(r for r in self.returns if day_start(r.request_date) <= as_of),
        )


def build(per_day: int, days: int, seed: int = 7) -> tuple[MetricInputs, str]:
    """A year (or `days`) of data plus the reach of the first day's windows."""
    year = _Year(random.Random(seed), per_day)
    first = LAST_DAY - timedelta(days=days - 1 + REACH_DAYS)
    for k in range((LAST_DAY - first).days + 1):
        year.day(first + timedelta(days=k))
    as_of = day_instants(LAST_DAY, LAST_DAY)[0]
    inputs = year.inputs(as_of)
    summary = (
        f"{sum(inputs.order_counts.values()):,} orders over {(LAST_DAY - first).days + 1} days,"
        f" {len(inputs.orders):,} with a defect record, {len(inputs.feedback):,} negative"
        f" feedback, {len(inputs.claims):,} claims, {len(inputs.contacts or ()):,} buyer"
        f" messages, {len(inputs.returns):,} FBM returns"
    )
    return inputs, summary


def machine() -> str:
    """CPUs, their model (on Linux) and Python: what the figures depend on."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    model = models[0] if models else "unknown CPU"
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}"


T = TypeVar("T")


def timed(runs: int, job: Callable[[], T]) -> tuple[float, T]:
    """Median seconds of `runs` calls of job() and its last result."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders-per-day", type=int, default=1_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--naive-days", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(machine())
    t0 = time.perf_counter()
    inputs, summary = build(args.orders_per_day, args.days)
    print(f"built {summary} in {time.perf_counter() - t0:.1f} s")

    first = LAST_DAY - timedelta(days=args.days - 1)
    fast, points = timed(args.runs, lambda: daily_history(inputs, first, LAST_DAY, SETTINGS))
    print(f"daily_history, {args.days} days: {fast:.2f} s ({fast / args.days * 1000:.2f} ms/day)")

    short_first = LAST_DAY - timedelta(days=args.naive_days - 1)
    ends = day_instants(short_first, LAST_DAY)

    def loop() -> list[dict[tuple[str, str], object]]:
        return [dict(compute_metrics(inputs, end, SETTINGS).rates()) for end in ends]

    slow, naive = timed(1, loop)
    per_day = slow / args.naive_days
    print(
        f"compute_metrics per day, {args.naive_days} days: {slow:.2f} s"
        f" ({per_day * 1000:.0f} ms/day, {per_day * args.days:.0f} s projected for {args.days})"
    )
    same = [dict(p.rates()) for p in points[-args.naive_days :]] == naive
    print(f"same points on the last {args.naive_days} days: {same}")
    print(f"speed-up: {per_day * args.days / fast:.0f}x")
    if not same:
        raise SystemExit("daily_history differs from the per-day loop")


if __name__ == "__main__":
    main()
