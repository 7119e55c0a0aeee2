"""The daily history is computed after an import, in the job thread (or the writer thread
when background jobs do not run), never on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from gui.health_feed import HealthFeed
from gui.scheduler import JobRunner
from services import history
from services.changes import Changes
from services.history import HistoryRun

Settle = Callable[[], None]


@pytest.fixture
def threads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """(thread name, whole) of every history run."""
    runs: list[tuple[str, bool]] = []
    real = history.update_history

    def spy(store: Any, now: Any, *, whole: bool = False) -> HistoryRun:
        runs.append((threading.current_thread().name, whole))
        return real(store, now, whole=whole)

    monkeypatch.setattr("gui.health_feed.update_history", spy)
    return runs


def stored_days(store: Any) -> int:
    return int(store.db.execute("SELECT count(DISTINCT day) FROM metric_days").fetchone()[0])


def test_an_import_fills_the_history_in_the_writer_thread(
    qtbot: Any,
    seller_a_store: Any,
    bridge: Any,
    clock: Any,
    settle: Settle,
    threads: list[tuple[str, bool]],
    gui_thread_db: list[str],
) -> None:
    feed = HealthFeed(seller_a_store, bridge, clock)
    snapshots: list[Changes] = []
    bridge.changed.connect(lambda c: snapshots.append(c) if c.snapshots else None)
    gui_thread_db.clear()
    bridge.changed.emit(Changes(orders=True, imports=True))  # as the Imports screen does
    settle()
    assert gui_thread_db == []
    assert len(threads) == 1 and threads[0][0] != threading.main_thread().name
    assert threads[0][1] is False  # an import: only the days its records reach
    assert snapshots == [Changes(snapshots=True)]  # the dashboard reloads its trends
    bridge.changed.emit(Changes(defect_status=True))  # a change made in the app
    settle()
    assert threads[-1][1] is True  # every day again
    assert stored_days(seller_a_store) >= 110
    del feed


def test_the_job_runner_runs_it_in_a_job_thread_at_start_and_after_imports(
    qtbot: Any,
    seller_a_store: Any,
    bridge: Any,
    clock: Any,
    threads: list[tuple[str, bool]],
) -> None:
    runner = JobRunner(seller_a_store, bridge, clock)
    assert "history" in runner.startup_catch_up()
    feed = HealthFeed(seller_a_store, bridge, clock)
    feed.runner = runner
    try:
        runner.start()
        qtbot.waitUntil(lambda: stored_days(seller_a_store) > 0, timeout=10_000)
        bridge.changed.emit(Changes(claims=True, imports=True))
        qtbot.waitUntil(lambda: len(threads) >= 2, timeout=10_000)
    finally:
        runner.shutdown(wait=True)
    assert all(name != threading.main_thread().name for name, _ in threads)
    last = seller_a_store.db.execute("SELECT max(day) FROM metric_days").fetchone()[0]
    assert last == (clock().date() - timedelta(days=1)).isoformat()  # today stays live
