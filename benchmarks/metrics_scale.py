"""Time a full recompute (load_inputs + all metrics + forecast + board + alerts) at scale.

Builds databases of 10k and 1M orders (~3 years, with proportional feedback,
claims, messages and FBM returns) in a temp dir with plain executemany, then
times storage.health.compute_health. Goal: 1M < 3x the 10k time and < 0.5 s.

    .venv/bin/python benchmarks/metrics_scale.py [--sizes 10000 1000000] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.clock import iso  # noqa: E402
from core.settings import MetricSettings  # noqa: E402
from storage.db import open_db  # noqa: E402
from storage.health import compute_health  # noqa: E402

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
SPAN_DAYS = 3 * 365


def build(path: Path, n_orders: int, seed: int = 7) -> None:
    """Fill a fresh database; rates roughly like a real seller's."""
    rnd = random.Random(seed)
    db = open_db(path)
    conn = db.conn
    start = AS_OF - timedelta(days=SPAN_DAYS)
    span = SPAN_DAYS * 86400
    orders, feedback, claims, messages, returns = [], [], [], [], []
    for i in range(n_orders):
        # evenly spread (growing a little toward today), sorted by time like real reports
        bought = start + timedelta(seconds=int(span * (i + rnd.random()) / n_orders))
        oid = f"{100 + i % 900:03d}-{i:07d}-{rnd.randrange(10**7):07d}"
        channel = "afn" if rnd.random() < 0.6 else "mfn"
        status = "Cancelled" if rnd.random() < 0.02 else "Shipped"
        t = iso(bought)
        orders.append((oid, t, t, status, channel, "Amazon.com"))
        r = rnd.random()
        if r < 0.06:
            day = (bought + timedelta(days=rnd.randint(3, 30))).date().isoformat()
            rating = rnd.choices([1, 2, 3, 4, 5], [3, 2, 5, 20, 70])[0]
            feedback.append((oid, day, rating, int(rnd.random() < 0.3)))
        if r > 0.997:
            filed = bought + timedelta(days=rnd.randint(5, 40))
            status_c = rnd.choice(["open", "granted", "denied", "info_requested", "withdrawn"])
            info = iso(filed + timedelta(hours=6)) if status_c == "info_requested" else None
            decided = iso(filed + timedelta(days=4)) if status_c in ("granted", "denied") else None
            claims.append(
                (
                    f"AZ-{i}",
                    oid,
                    "a-to-z",
                    iso(filed),
                    rnd.choice(["not_received", "defective"]),
                    status_c,
                    info,
                    decided,
                )
            )
        if rnd.random() < 0.15:  # a buyer writes about 15 % of orders
            thread = f"th-{i}"
            asked = bought + timedelta(hours=rnd.randint(2, 200))
            nrn = int(rnd.random() < 0.05)
            messages.append((f"m{i}", thread, oid, "in", iso(asked), nrn, 0))
            if not nrn and rnd.random() < 0.995:  # a few are never answered
                delay = rnd.choices(
                    [rnd.uniform(0.2, 12), rnd.uniform(12, 24), rnd.uniform(24, 72)], [90, 8, 2]
                )[0]
                sent = asked + timedelta(hours=delay)
                messages.append((f"r{i}", thread, oid, "out", iso(sent), 0, 0))
        if channel == "mfn" and rnd.random() < 0.03:
            req = (bought + timedelta(days=rnd.randint(3, 20))).date().isoformat()
            st = rnd.choice(["Approved", "Closed", "Rejected", "Authorized"])
            returns.append((oid, f"RMA{i}", req, st, int(rnd.random() < 0.8), iso(AS_OF), 1))
    with conn:
        conn.executemany(
            "INSERT INTO orders (order_id, purchase_date, last_updated, status, channel, marketplace)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            orders,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO feedback (order_id, feedback_date, rating, from_full_report)"
            " VALUES (?, ?, ?, 1)",
            [(o, d, r) for o, d, r, _ in feedback],
        )
        conn.executemany(
            "INSERT INTO claims (claim_id, order_id, kind, filed_at, reason, status,"
            " info_requested_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            claims,
        )
        conn.executemany(
            "INSERT INTO messages (message_id, thread_id, order_id, direction, timestamp,"
            " no_response_needed, automated) VALUES (?, ?, ?, ?, ?, ?, ?)",
            messages,
        )
        conn.executemany(
            "INSERT INTO returns_fbm (order_id, rma_id, request_date, status, in_policy,"
            " first_seen_at, first_seen_decided) VALUES (?, ?, ?, ?, ?, ?, ?)",
            returns,
        )
        conn.execute(
            "INSERT INTO imports (file_name, sha256, kind, started_at, finished_at, outcome)"
            " VALUES ('orders.txt', 'x', 'orders', ?, ?, 'ok')",
            [iso(AS_OF - timedelta(days=1)), iso(AS_OF - timedelta(days=1))],
        )
    conn.execute("ANALYZE")
    conn.close()
    print(
        f"  built {n_orders:,} orders, {len(feedback):,} feedback, {len(claims):,} claims,"
        f" {len(messages):,} messages, {len(returns):,} returns"
    )


def time_recompute(path: Path, runs: int) -> tuple[float, float, int]:
    """Best and median seconds of compute_health in one process (a warm-up run first)."""
    db = open_db(path)
    settings = MetricSettings()
    health = compute_health(db, AS_OF, settings)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        health = compute_health(db, AS_OF, settings)
        times.append(time.perf_counter() - t0)
    db.conn.close()
    return min(times), statistics.median(times), len(health.board)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"bench-{n}.sqlite3"
            t0 = time.perf_counter()
            build(path, n)
            print(f"  build took {time.perf_counter() - t0:.1f} s")
            best, median, board = time_recompute(path, args.runs)
            results[n] = median
            print(
                f"{n:>9,} orders: recompute best {best * 1000:.1f} ms, median {median * 1000:.1f} ms"
                f" (board {board} items)"
            )
    if len(results) >= 2:
        small, large = min(results), max(results)
        ratio = results[large] / results[small]
        print(
            f"ratio {large:,} / {small:,}: {ratio:.2f}x (goal < 3x); "
            f"{large:,}: {results[large] * 1000:.0f} ms (goal < 500 ms)"
        )


if __name__ == "__main__":
    main()
