"""Time the backfill of the daily metric history from the database (services.history).

A seller with 1,000 orders a day imports a year of reports; the history job then loads
the records the year's windows reach, computes every day's value
(core.metrics.history.daily_history) and stores one point per day (metric_days). The
database is filled directly with a year plus the longest window before it (orders,
feedback, claims, buyer messages with replies, FBM returns), then timed:

- the first backfill of 365 days, split into load, compute and store;
- the next day's catch-up (one new day);
- an import touching the last 30 days (only those days again).

    .venv/bin/python benchmarks/backfill_history.py [--orders-per-day 1000] [--days 365]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.metric_history import machine  # noqa: E402
from core.clock import iso  # noqa: E402
from core.metrics.history import daily_history  # noqa: E402
from services.history import update_history  # noqa: E402
from storage.db import Store, transaction  # noqa: E402
from storage.repository import metric_days  # noqa: E402
from storage.repository.settings import load_settings  # noqa: E402

LAST_DAY = date(2026, 11, 20)
REACH_DAYS = 90
"""The longest window behind a day's point (NFR 90 days; ODR reaches 74)."""


def _at(day: date, seconds: int) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=seconds)


class Filler:
    """Rows of a seller's year, written in batches under one import id."""

    def __init__(self, store: Store, rnd: random.Random, import_id: int) -> None:
        self.db = store.db
        self.rnd = rnd
        self.import_id = import_id
        self.rows: dict[str, list[tuple[object, ...]]] = {
            k: [] for k in ("orders", "feedback", "claims", "messages", "returns_fbm")
        }
        self.counts = dict.fromkeys(self.rows, 0)

    def day(self, day: date, per_day: int) -> None:
        rnd = self.rnd
        for i in range(per_day):
            oid = f"{day:%y%m%d}-{i:05d}"
            bought = _at(day, rnd.randrange(86_400))
            channel = "afn" if rnd.random() < 0.6 else "mfn"
            status = "Cancelled" if rnd.random() < 0.02 else "Shipped"
            self.rows["orders"].append(
                (oid, iso(bought), iso(bought), status, channel, "Amazon.com", self.import_id)
            )
            self._after(oid, bought, channel)
        if len(self.rows["orders"]) >= 50_000:
            self.flush()

    def _after(self, oid: str, bought: datetime, channel: str) -> None:
        rnd = self.rnd
        if rnd.random() < 0.05:
            rating = rnd.randint(1, 2) if rnd.random() < 0.08 else rnd.randint(3, 5)
            when = (bought + timedelta(days=rnd.randrange(3, 40))).date()
            self.rows["feedback"].append((oid, when.isoformat(), rating, self.import_id))
        if rnd.random() < 0.003:
            filed = bought + timedelta(days=rnd.randrange(5, 60), seconds=rnd.randrange(86_400))
            kind = "a-to-z" if rnd.random() < 0.8 else "chargeback"
            status = rnd.choice(["open", "granted", "denied", "withdrawn"])
            self.rows["claims"].append(
                (f"C-{oid}", oid, kind, iso(filed), "not_received", status, self.import_id)
            )
        if rnd.random() < 0.15:
            received = bought + timedelta(hours=rnd.randrange(1, 24 * 20))
            thread = f"T-{oid}"
            self.rows["messages"].append(
                (f"M-{oid}", thread, oid, "in", iso(received), self.import_id)
            )
            if rnd.random() < 0.9:
                reply = received + timedelta(minutes=rnd.choice([30, 240, 1200, 1500, 3000]))
                self.rows["messages"].append(
                    (f"R-{oid}", thread, oid, "out", iso(reply), self.import_id)
                )
        if channel == "mfn" and rnd.random() < 0.03:
            asked = (bought + timedelta(days=rnd.randrange(3, 30))).date()
            decided = _at(asked, 3600 * rnd.choice([5, 30, 47, 50, 90]))
            self.rows["returns_fbm"].append(
                (oid, f"R-{oid}", asked.isoformat(), rnd.choice(["Authorized", "Rejected"]),
                 int(rnd.random() < 0.7), iso(decided), iso(decided), self.import_id)
            )  # fmt: skip

    SQL = {
        "orders": "INSERT INTO orders (order_id, purchase_date, last_updated, status, channel,"
        " marketplace, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        "feedback": "INSERT INTO feedback (order_id, feedback_date, rating, import_id)"
        " VALUES (?, ?, ?, ?)",
        "claims": "INSERT INTO claims (claim_id, order_id, kind, filed_at, reason, status,"
        " import_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        "messages": "INSERT INTO messages (message_id, thread_id, order_id, direction,"
        " timestamp, import_id) VALUES (?, ?, ?, ?, ?, ?)",
        "returns_fbm": "INSERT INTO returns_fbm (order_id, rma_id, request_date, status,"
        " in_policy, decided_at, first_seen_at, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    }

    def flush(self) -> None:
        with transaction(self.db):
            for table, rows in self.rows.items():
                self.db.conn.executemany(self.SQL[table], rows)
                self.counts[table] += len(rows)
                rows.clear()


def _import(store: Store, at: datetime, kind: str = "orders") -> int:
    with transaction(store.db):
        cur = store.db.execute(
            "INSERT INTO imports (file_name, sha256, kind, started_at, finished_at, outcome)"
            " VALUES ('bench.txt', '', ?, ?, ?, 'ok')",
            [kind, iso(at), iso(at)],
        )
    return int(cur.lastrowid or 0)


def build(store: Store, per_day: int, days: int) -> str:
    first = LAST_DAY - timedelta(days=days - 1 + REACH_DAYS)
    filler = Filler(store, random.Random(7), _import(store, _at(LAST_DAY, 0)))
    for k in range((LAST_DAY - first).days + 1):
        filler.day(first + timedelta(days=k), per_day)
    filler.flush()
    c = filler.counts
    return (
        f"{c['orders']:,} orders over {(LAST_DAY - first).days + 1} days, {c['feedback']:,}"
        f" feedback, {c['claims']:,} claims, {c['messages']:,} messages (with replies),"
        f" {c['returns_fbm']:,} FBM returns"
    )


def timed_parts(store: Store, first: date, last: date) -> tuple[float, float, float, int]:
    """(load s, compute s, store s, points) of one backfill of first..last."""
    settings = load_settings(store.db)
    t0 = time.perf_counter()
    inputs = metric_days.load_history_inputs(store.db, first, last, settings)
    t1 = time.perf_counter()
    points = daily_history(inputs, first, last, settings)
    t2 = time.perf_counter()
    metric_days.store_days(store.db, points, _at(LAST_DAY, 0))
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2, len(points)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders-per-day", type=int, default=1_000)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.sqlite3")
        t0 = time.perf_counter()
        summary = build(store, args.orders_per_day, args.days)
        print(f"database: {summary}, written in {time.perf_counter() - t0:.1f} s")
        last = LAST_DAY - timedelta(days=1)
        first = last - timedelta(days=args.days - 1)
        load, compute, write, n = timed_parts(store, first, last)
        total = load + compute + write
        print(
            f"backfill of {n} days: {total:.2f} s (load {load:.2f} s, compute {compute:.2f} s,"
            f" store {write:.2f} s)"
        )
        store.db.execute("DELETE FROM metric_days")
        now = _at(LAST_DAY, 15 * 3600)
        t0 = time.perf_counter()
        run = update_history(store, now)
        print(
            f"the history job after the first import ({run.days} days, as the app runs it):"
            f" {time.perf_counter() - t0:.2f} s"
        )
        t0 = time.perf_counter()
        run = update_history(store, now + timedelta(days=1))
        print(f"the next day's catch-up ({run.days} day): {time.perf_counter() - t0:.3f} s")
        recent = _import(store, now + timedelta(days=1), "feedback")
        with transaction(store.db):
            store.db.execute(
                "UPDATE feedback SET import_id = ? WHERE feedback_date >= ?",
                [recent, (LAST_DAY - timedelta(days=29)).isoformat()],
            )
        t0 = time.perf_counter()
        run = update_history(store, now + timedelta(days=1))
        print(
            f"an import touching the last 30 days ({run.days} days recomputed):"
            f" {time.perf_counter() - t0:.2f} s"
        )
        store.close()


if __name__ == "__main__":
    main()
