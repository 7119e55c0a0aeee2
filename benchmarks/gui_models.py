"""Time the inbox model with 100,000 deadlines: load, one countdown tick, a repaint.

Goals (issue "The desktop app"): load < 0.5 s, a tick < 5 ms. Runs offscreen:
    .venv/bin/python benchmarks/gui_models.py [rows]
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from core.clock import FixedClock  # noqa: E402
from core.inbox import InboxRow  # noqa: E402
from core.inbox_table import prepare_table  # noqa: E402
from core.settings import MetricSettings  # noqa: E402
from gui.models.deadline_model import DeadlineModel  # noqa: E402

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
KINDS = ("message", "message", "message", "return", "claim_info", "appeal", "feedback_removal")


def make_rows(n: int, seed: int = 1) -> list[InboxRow]:
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        received = NOW - timedelta(seconds=rnd.randint(0, 40 * 86400))
        rows.append(
            InboxRow(
                kind=kind,
                ref=f"M{i:07d}",
                order_id=f"11{i % 10}-{i:07d}-{rnd.randint(0, 9_999_999):07d}",
                due_at=received + timedelta(hours=24 if kind == "message" else 48),
                subject=f"Order delivery inquiry from Amazon customer {i}",
                buyer=f"{i:013x}@marketplace.amazon.com",
                received_at=received,
                no_response_needed=i % 50 == 0,
            )
        )
    return rows


def best_of(repeat: int, fn: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication.instance() or QApplication([])
    clock = FixedClock(NOW)
    rows = make_rows(n)
    model = DeadlineModel(clock)
    load = best_of(3, lambda: model.set_rows(rows))
    prepare = best_of(3, lambda: prepare_table(rows, MetricSettings()))  # the worker's part
    table = prepare_table(rows, MetricSettings())
    show = best_of(3, lambda: model.set_table(table))  # the GUI thread's part

    def tick() -> None:
        clock.advance(timedelta(seconds=1))
        model.tick()

    bare = best_of(20, tick)
    view = QTableView()
    view.resize(1280, 800)
    view.setModel(model)
    view.show()
    app.processEvents()

    def tick_and_paint() -> None:
        tick()
        view.viewport().repaint()

    painted = best_of(20, tick_and_paint)
    model.set_filter("overdue")
    filtered = best_of(20, tick)

    def crossing() -> None:  # items turn overdue: the filtered view is rebuilt once
        clock.advance(timedelta(hours=1))
        model.tick()

    crossed = best_of(5, crossing)
    print(f"rows: {n:,} ({model.counts()['overdue']:,} overdue)")
    print(f"load (set_rows):            {load * 1000:8.1f} ms  (goal < 500 ms)")
    print(f"  prepare, worker thread:   {prepare * 1000:8.1f} ms")
    print(f"  set_table, GUI thread:    {show * 1000:8.1f} ms  (goal < 50 ms)")
    print(f"tick, no view:              {bare * 1000:8.3f} ms  (goal < 5 ms)")
    print(f"tick + repaint of the view: {painted * 1000:8.3f} ms")
    print(f"tick with 'overdue' filter: {filtered * 1000:8.3f} ms")
    print(f"tick when items cross into overdue (filter rebuilt): {crossed * 1000:.1f} ms")
    view.close()


if __name__ == "__main__":
    main()
