"""Time a full recompute (services.health.compute_health) as the database grows.

Each database is one seller with `orders` orders spread evenly over the `days`
before as_of, with proportional feedback, claims, buyer messages and FBM returns.
What grows is stated per scenario, because "10k vs 1M orders" can mean two things:

  history  same seller (1,000 orders/day), 400 vs 1,000 days of history: both
           longer than every window and horizon (365 days), so only history grows.
           This is the goal "cost must not grow with history".
  short    1,000 orders/day, 10 vs 1,000 days: the literal 10k vs 1M, but 10 days
           do not fill the 60/90/365-day windows, so the window contents grow too.
  volume   10k vs 1M orders over the same 365 days: daily volume grows 100x and
           with it everything inside the windows.
  legacy   10k vs 1M over 1,095 days (the benchmark's former only scenario).

Goals: large < 3x small, and large < 500 ms. Medians of --runs runs in one process
after a warm-up; the phases (load_inputs, compute_metrics, build_board) are timed
separately too, since compute_health also triages the board's open messages.

    .venv/bin/python benchmarks/metrics_scale.py [--scenarios history volume] [--runs 7]
        [--keep DIR]   # reuse databases built by an earlier run
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.clock import iso  # noqa: E402
from core.deadlines import build_board  # noqa: E402
from core.metrics import compute_metrics  # noqa: E402
from core.settings import MetricSettings  # noqa: E402
from services.health import health_at as compute_health  # noqa: E402
from storage.db import open_db  # noqa: E402
from storage.repository.metric_inputs import load_inputs  # noqa: E402

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
Db = tuple[int, int]  # (orders, days of history)
Rows = list[tuple[object, ...]]

SCENARIOS: dict[str, tuple[str, Db, Db]] = {
    "history": ("history grows, 1,000 orders/day", (400_000, 400), (1_000_000, 1_000)),
    "short": ("history grows from 10 days, 1,000 orders/day", (10_000, 10), (1_000_000, 1_000)),
    "volume": ("volume grows, same 365 days", (10_000, 365), (1_000_000, 365)),
    "legacy": ("volume grows, same 1,095 days", (10_000, 1_095), (1_000_000, 1_095)),
}


def build(path: Path, n_orders: int, days: int, seed: int = 7) -> str:
    """Fill a fresh database with rates roughly like a real seller's; returns a summary."""
    rnd = random.Random(seed)
    db = open_db(path)
    conn = db.conn
    start = AS_OF - timedelta(days=days)
    span = days * 86400
    orders: Rows = []
    feedback: Rows = []
    claims: Rows = []
    messages: Rows = []
    returns: Rows = []
    for i in range(n_orders):
        # evenly spread, sorted by time like real reports
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
            feedback.append((oid, day, rating))
        if r > 0.997:
            filed = bought + timedelta(days=rnd.randint(5, 40))
            status_c = rnd.choice(["open", "granted", "denied", "info_requested", "withdrawn"])
            info = iso(filed + timedelta(hours=6)) if status_c == "info_requested" else None
            decided = iso(filed + timedelta(days=4)) if status_c in ("granted", "denied") else None
            reason = rnd.choice(["not_received", "defective"])
            claims.append((f"AZ-{i}", oid, "a-to-z", iso(filed), reason, status_c, info, decided))
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
    _insert(conn, orders, feedback, claims, messages, returns)
    conn.execute("ANALYZE")
    conn.close()
    return (
        f"{n_orders:,} orders over {days:,} days ({n_orders // days:,}/day): "
        f"{len(feedback):,} feedback, {len(claims):,} claims, {len(messages):,} messages, "
        f"{len(returns):,} returns"
    )


def _insert(
    conn: sqlite3.Connection,
    orders: Rows,
    feedback: Rows,
    claims: Rows,
    messages: Rows,
    returns: Rows,
) -> None:
    with conn:
        conn.executemany(
            "INSERT INTO orders (order_id, purchase_date, last_updated, status, channel, marketplace)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            orders,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO feedback (order_id, feedback_date, rating, from_full_report)"
            " VALUES (?, ?, ?, 1)",
            feedback,
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


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: page cache, statement cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def time_recompute(path: Path, runs: int) -> dict[str, float]:
    """Median milliseconds of compute_health and of its metric phases."""
    db = open_db(path)
    cfg = MetricSettings()
    inputs = load_inputs(db, AS_OF, cfg)
    out = {
        "compute_health": _median_ms(lambda: compute_health(db, AS_OF, cfg), runs),
        "load_inputs": _median_ms(lambda: load_inputs(db, AS_OF, cfg), runs),
        "compute_metrics": _median_ms(lambda: compute_metrics(inputs, AS_OF, cfg), runs),
        "build_board": _median_ms(lambda: build_board(inputs, AS_OF, cfg), runs),
        "board_items": float(len(build_board(inputs, AS_OF, cfg))),
    }
    db.conn.close()
    return out


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}, as_of {iso(AS_OF)}"
    )


def _row(key: Db, t: dict[str, float]) -> str:
    return (
        f"  {key[0]:>9,} orders / {key[1]:>5,} days: compute_health {t['compute_health']:7.1f} ms"
        f"  (load {t['load_inputs']:.1f}, metrics {t['compute_metrics']:.1f},"
        f" board {t['build_board']:.1f} ms, {int(t['board_items'])} items)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenarios", nargs="+", choices=list(SCENARIOS), default=list(SCENARIOS))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="directory to keep (and reuse) databases in")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        timings: dict[Db, dict[str, float]] = {}
        for name in args.scenarios:
            title, small, large = SCENARIOS[name]
            print(f"\n{name}: {title}")
            for key in (small, large):
                if key not in timings:
                    path = folder / f"bench-{key[0]}-{key[1]}d.sqlite3"
                    if not path.exists():
                        t0 = time.perf_counter()
                        summary = build(path, *key)
                        print(f"  built {summary} in {time.perf_counter() - t0:.0f} s")
                    timings[key] = time_recompute(path, args.runs)
                print(_row(key, timings[key]))
            a, b = timings[small]["compute_health"], timings[large]["compute_health"]
            verdict = "met" if b < 3 * a and b < 500 else "NOT met"
            print(f"  ratio {b / a:.2f}x (goal < 3x), large {b:.0f} ms (goal < 500 ms): {verdict}")


if __name__ == "__main__":
    main()
