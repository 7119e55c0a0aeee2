"""Time the review-request planner as daily volume grows (the tray plans every 15 minutes).

Each database is benchmarks/metrics_scale.py's seller (orders, feedback, claims, messages,
FBM returns spread over 365 days) plus a request log: about a third of the orders whose
window was open, requested on a day inside it. Timed: `review_plan` (the tray's reminder
and the CLI) and `review_requests_page` (the screen: plan, numbers, 12 weekly points, log).

    .venv/bin/python benchmarks/review_requests.py [--volumes 100 1000 2740] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.metrics_scale import AS_OF, build, machine  # noqa: E402
from core.clock import iso  # noqa: E402
from core.review_requests import ReviewRequestSettings, request_window  # noqa: E402
from services.review_requests import review_plan, review_requests_page  # noqa: E402
from storage.db import Store  # noqa: E402
from storage.repository.review_inputs import load_review_inputs  # noqa: E402

DAYS = 365


def add_requests(store: Store, share: float = 0.35, seed: int = 11) -> int:
    """Log a request for `share` of the orders whose window opened in the last 120 days."""
    rnd = random.Random(seed)
    settings = ReviewRequestSettings()
    first = AS_OF.date() - timedelta(days=120)
    inputs = load_review_inputs(store.db, AS_OF, settings, first_day=first)
    rows = []
    for o in inputs.orders:
        w = request_window(o, settings)
        if w.opens <= AS_OF.date() - timedelta(days=1) and rnd.random() < share:
            day = w.opens + timedelta(days=rnd.randint(0, 4))
            at = AS_OF.replace(year=day.year, month=day.month, day=day.day, hour=10)
            if at < AS_OF:
                rows.append((o.order_id, iso(at), o.marketplace))
    with store.db.conn:
        store.db.conn.executemany("INSERT OR IGNORE INTO review_request_log VALUES (?, ?, ?)", rows)
    return len(rows)


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volumes", type=int, nargs="+", default=[100, 1000, 2740])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(machine())
    print("| orders/day | plan (tray, CLI) | screen page | eligible today | log rows |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for per_day in args.volumes:
            path = Path(tmp) / f"rr-{per_day}.sqlite3"
            build(path, per_day * DAYS, DAYS)
            store = Store(path)
            logged = add_requests(store)
            plan_ms = median_ms(lambda s=store: review_plan(s, AS_OF), args.runs)
            page_ms = median_ms(lambda s=store: review_requests_page(s, AS_OF), args.runs)
            eligible = len(review_plan(store, AS_OF).eligible)
            print(
                f"| {per_day:,} | {plan_ms:,.0f} ms | {page_ms:,.0f} ms | {eligible:,} "
                f"| {logged:,} |"
            )
            store.close()


if __name__ == "__main__":
    main()
