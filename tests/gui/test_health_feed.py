"""The health feed: the one emitter of fresh numbers, recomputing after writes that matter."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from core.health import Health
from gui.health_feed import HealthFeed
from services.changes import Changes
from tests.gui.conftest import AS_OF

ROOT = Path(__file__).resolve().parents[2]
APP_CODE = ("core", "storage", "services", "gui", "cli")


def test_exactly_one_code_site_emits_metrics_changed() -> None:
    sites = []
    files = [ROOT / "main.py", *(p for d in APP_CODE for p in (ROOT / d).rglob("*.py"))]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"metrics_changed\s*\.\s*emit\b", line):
                sites.append(f"{path.relative_to(ROOT)}:{number}")
    assert len(sites) == 1 and sites[0].startswith("gui/health_feed.py:"), sites


@pytest.fixture
def feed(seller_a_store: Any, bridge: Any, clock: Any) -> HealthFeed:
    return HealthFeed(seller_a_store, bridge, clock)


@pytest.fixture
def published(bridge: Any) -> list[Health]:
    out: list[Health] = []
    bridge.metrics_changed.connect(out.append)
    return out


def test_a_write_to_metric_inputs_recomputes_off_the_gui_thread(
    feed: HealthFeed,
    bridge: Any,
    seller_a_store: Any,
    qtbot: Any,
    published: list[Health],
    gui_thread_db: list[str],
) -> None:
    with qtbot.waitSignal(bridge.metrics_changed, timeout=10000) as blocker:
        bridge.changed.emit(Changes(settings=True))
    health = blocker.args[0]
    assert isinstance(health, Health) and health.as_of == AS_OF
    assert health.metrics.odr.rate.numerator == 5  # the worked example
    assert gui_thread_db == []
    rows = seller_a_store.db.execute("SELECT count(*) FROM metric_snapshots").fetchone()[0]
    assert rows > 0  # a snapshot for the trend charts


@pytest.mark.parametrize(
    "changes",
    [Changes(warnings=True), Changes(reply_templates=True), Changes(snapshots=True), Changes()],
)
def test_changes_that_no_metric_reads_do_not_recompute(
    feed: HealthFeed, bridge: Any, settle: Any, published: list[Health], changes: Changes
) -> None:
    bridge.changed.emit(changes)
    settle()
    assert published == []


def test_requests_during_a_recompute_coalesce_into_one_more(
    feed: HealthFeed, settle: Any, published: list[Health]
) -> None:
    for _ in range(5):
        feed.request()
    settle()
    assert len(published) == 2  # the one under way, then one with everything asked since


class FakeHistory:
    def __init__(self) -> None:
        self.whole: list[bool] = []

    def ask(self, whole: bool) -> None:
        self.whole.append(whole)


class FakeRunner:
    def __init__(self, running: bool) -> None:
        self.running = running
        self.asked: list[str] = []
        self.history = FakeHistory()

    def run_now(self, name: str) -> None:
        self.asked.append(name)


def test_with_jobs_running_the_recompute_job_does_it(
    feed: HealthFeed, bridge: Any, settle: Any, published: list[Health]
) -> None:
    runner = FakeRunner(running=True)
    feed.runner = runner
    bridge.changed.emit(Changes(orders=True, imports=True))
    settle()
    assert runner.asked == ["recompute", "history"]  # it publishes, adds the reminder, warns
    assert runner.history.whole == [False]  # an import: only the days its records reach
    assert published == []
    runner.running = False  # stopped (a restore): the feed computes itself meanwhile
    bridge.changed.emit(Changes(claims=True))
    settle()
    assert runner.asked == ["recompute", "history"] and len(published) == 1


def test_a_failed_recompute_is_a_sentence(
    feed: HealthFeed, bridge: Any, settle: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_a: object) -> Health:
        raise OSError("disk I/O error")

    monkeypatch.setattr("gui.health_feed.refresh_health", broken)
    failed: list[tuple[str, str]] = []
    bridge.job_failed.connect(lambda job, text: failed.append((job, text)))
    feed.request()
    settle()
    assert failed == [("recompute", "The numbers could not be computed (disk I/O error).")]
    monkeypatch.undo()
    feed.request()  # not stuck: the next request computes again
    settle()
