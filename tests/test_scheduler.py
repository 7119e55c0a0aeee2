"""gui.scheduler.JobRunner: jobs emit the right payloads, failures become sentences,
a clock jump catches up once, and shutdown leaves no thread behind."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from core.clock import FixedClock
from gui.bridge import Bridge
from gui.health_feed import HealthFeed
from gui.job_texts import failure_sentence
from gui.scheduler import JobRunner
from services.changes import Changes
from services.jobs import PII_KINDS
from storage.backup import list_backups
from storage.repository.settings import set_setting

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # a Friday
BERLIN = ZoneInfo("Europe/Berlin")

CLAIMS_HEADER = (
    "claim_id,order_id,kind,filed_at,amount,currency,reason,status,"
    "info_requested_at,decided_at,buy_shipping_protected,notes\n"
)


@pytest.fixture
def bridge(qapp: Any) -> Bridge:
    return Bridge()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def runner(store: Any, bridge: Bridge, clock: FixedClock) -> Iterator[JobRunner]:
    r = JobRunner(store, bridge, clock, local_tz=BERLIN)
    yield r
    r.shutdown(wait=True)


class Recorder:
    """Collects every bridge signal payload (signals may come from worker threads)."""

    def __init__(self, bridge: Bridge) -> None:
        self.metrics: list[Any] = []
        self.boards: list[Any] = []
        self.alerts: list[list[Any]] = []
        self.failed: list[tuple[str, str]] = []
        self.imports: list[Any] = []
        self.changes: list[Changes] = []
        bridge.changed.connect(lambda c: self.changes.append(c))
        bridge.metrics_changed.connect(lambda h: self.metrics.append(h))
        bridge.deadlines_changed.connect(lambda b: self.boards.append(b))
        bridge.alerts_raised.connect(lambda a: self.alerts.append(a))
        bridge.job_failed.connect(lambda name, text: self.failed.append((name, text)))
        bridge.import_finished.connect(lambda o: self.imports.append(o))


def test_recompute_emits_health_board_and_the_full_alert_list(
    runner: JobRunner, bridge: Bridge, store: Any, qtbot: Any
) -> None:
    rec = Recorder(bridge)
    with qtbot.waitSignal(bridge.metrics_changed, timeout=5000) as blocker:
        runner.run_now("recompute")  # not started: runs here, synchronously
    health = blocker.args[0]
    assert health.as_of == NOW
    assert rec.boards == [health.board]
    keys = [a.key for a in rec.alerts[-1]]
    assert "data.stale" in keys  # no orders imported yet
    review = next(a for a in rec.alerts[-1] if a.key == "review.weekly")
    assert (review.screen, review.ref) == ("defects", "new_since_review")
    rows = store.db.execute("SELECT count(*) FROM metric_snapshots").fetchone()[0]
    assert rows > 0
    assert rec.failed == []


def test_deadline_check_emits_board_and_alerts_but_no_metrics(
    runner: JobRunner, bridge: Bridge
) -> None:
    rec = Recorder(bridge)
    runner.run_now("deadlines")
    assert rec.metrics == [] and len(rec.boards) == 1 and len(rec.alerts) == 1


def test_mark_review_done_clears_the_review_warning(
    runner: JobRunner, bridge: Bridge, clock: FixedClock
) -> None:
    rec = Recorder(bridge)
    runner.run_now("recompute")
    assert "review.weekly" in [a.key for a in rec.alerts[-1]]
    runner.mark_review_done(clock())
    assert "review.weekly" not in [a.key for a in rec.alerts[-1]]
    # the next Monday 09:00 Berlin it is due again
    clock.set(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    runner.run_now("deadlines")
    assert "review.weekly" in [a.key for a in rec.alerts[-1]]


def test_a_failing_job_reports_a_sentence_and_does_not_raise(
    runner: JobRunner, bridge: Bridge, store: Any, tmp_path: Path
) -> None:
    rec = Recorder(bridge)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    set_setting(store.db, "backup_dir", str(blocker / "backups"))
    runner.run_now("backup")
    assert len(rec.failed) == 1
    name, text = rec.failed[0]
    assert name == "backup"
    assert text.startswith("The nightly backup failed (") and text.endswith("in the log.")


def test_failure_sentence() -> None:
    assert failure_sentence("purge", ValueError("disk full.")) == (
        "Erasing old buyer data failed (disk full); the details are in the log."
    )
    assert "RuntimeError" in failure_sentence("x", RuntimeError())


def test_run_now_while_running_runs_once_more_afterwards(runner: JobRunner) -> None:
    calls: list[int] = []
    runner.jobs["purge"] = lambda: calls.append(1)
    with runner._lock:
        runner._running.add("purge")
    runner.run_now("purge")
    runner.run_now("purge")  # coalesced with the pending re-run
    assert calls == []
    with runner._lock:
        runner._running.discard("purge")
    runner._run("purge", close=False)
    assert calls == [1, 1]
    with pytest.raises(KeyError):
        runner.run_now("nope")


@pytest.mark.parametrize(
    ("jump", "expected"),
    [
        (timedelta(seconds=60), []),  # a normal tick
        (timedelta(minutes=5), []),  # late, but within the 5-minute tolerance
        (timedelta(minutes=30), ["recompute"]),  # woke up at 16:30 Berlin: nothing nightly
        # slept from Friday 16:00 to Saturday 09:00 Berlin: 03:00 and 03:30 were missed
        (timedelta(hours=17), ["recompute", "backup", "purge"]),
    ],
)
def test_tick_catches_up_after_a_clock_jump_once(
    runner: JobRunner, clock: FixedClock, jump: timedelta, expected: list[str]
) -> None:
    runner.add_jobs()
    assert runner.tick() == []  # the first tick only sets the reference
    clock.advance(jump)
    assert runner.tick() == expected
    clock.advance(timedelta(seconds=60))
    assert runner.tick() == []  # once


def test_tick_skips_a_nightly_job_that_already_ran_after_waking(
    runner: JobRunner, clock: FixedClock
) -> None:
    runner.add_jobs()
    runner.tick()
    clock.advance(timedelta(hours=17))
    runner._last_run["backup"] = clock()  # APScheduler ran it itself (within the grace time)
    assert runner.tick() == ["recompute", "purge"]


def test_weekly_review_and_nightly_jobs_follow_local_time(runner: JobRunner, store: Any) -> None:
    set_setting(store.db, "weekly_review_weekday", 2)  # Wednesday
    set_setting(store.db, "weekly_review_hour", 10)
    runner.add_jobs()
    sched = runner.scheduler
    review = sched.get_job("weekly_review").trigger.get_next_fire_time(None, NOW)
    assert review == datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN)
    backup = sched.get_job("backup").trigger.get_next_fire_time(None, NOW)
    assert backup == datetime(2026, 11, 21, 3, 0, tzinfo=BERLIN)
    for job in sched.get_jobs():
        assert job.coalesce is True and job.max_instances == 1
        assert job.misfire_grace_time in (3600, None)


def test_watch_job_imports_a_settled_file_and_warns_about_a_refused_one(
    runner: JobRunner, bridge: Bridge, store: Any, tmp_path: Path, clock: FixedClock
) -> None:
    rec = Recorder(bridge)
    folder = tmp_path / "downloads"
    folder.mkdir()
    assert runner.poll_watched_folder() == []  # off by default
    set_setting(store.db, "watch_folder_enabled", True)
    set_setting(store.db, "watch_folder_path", str(folder))
    (folder / "claims.csv").write_text(
        CLAIMS_HEADER
        + "AZ-1,111-0000001-0000001,a-to-z,2026-11-01,10,USD,defective,open,,,false,\n"
    )
    (folder / "junk.csv").write_text("what,is,this\n1,2,3\n")
    assert runner.poll_watched_folder() == []  # first sight: not settled yet
    clock.advance(timedelta(seconds=30))
    outcomes = runner.poll_watched_folder()
    assert sorted((o.file, o.ok) for o in outcomes) == [("claims.csv", True), ("junk.csv", False)]
    assert [o.file for o in rec.imports] == [o.file for o in outcomes]
    # what the imports changed goes out as Changes; the health feed recomputes on it
    assert rec.changes == [Changes(claims=True, imports=True)]
    assert rec.metrics == []
    assert runner.poll_watched_folder() == []  # never twice
    runner.run_now("deadlines")
    refused = [a for a in rec.alerts[-1] if a.key.startswith("import.refused.")]
    assert len(refused) == 1 and refused[0].severity == "warning"
    assert "junk.csv" in refused[0].title and refused[0].screen == "imports"
    # the event warning is dropped a day later
    clock.advance(timedelta(hours=25))
    runner.run_now("deadlines")
    assert not [a for a in rec.alerts[-1] if a.key.startswith("import.refused.")]


def test_started_runner_catches_up_at_start_and_leaves_no_thread(
    store: Any, bridge: Bridge, clock: FixedClock, qtbot: Any
) -> None:
    before = set(threading.enumerate())
    rec = Recorder(bridge)
    runner = JobRunner(store, bridge, clock, local_tz=BERLIN)
    with qtbot.waitSignal(bridge.metrics_changed, timeout=10000):
        runner.start()
    backups = store.path.parent / "backups"
    qtbot.waitUntil(lambda: len(list_backups(backups)) == 1, timeout=10000)
    # a write elsewhere that touched metric inputs (an import) triggers a recompute in a
    # job, through the health feed; the runner itself no longer listens to imports
    feed = HealthFeed(store, bridge, clock)
    feed.runner = runner
    count = len(rec.metrics)
    with qtbot.waitSignal(bridge.metrics_changed, timeout=10000):
        bridge.changed.emit(Changes(orders=True, imports=True))
    assert len(rec.metrics) == count + 1
    bridge.import_finished.emit(object())
    qtbot.wait(300)
    assert len(rec.metrics) == count + 1
    runner.shutdown(wait=True)
    assert set(threading.enumerate()) <= before
    assert rec.failed == []


def test_purge_broadcasts_the_kinds_that_hold_buyer_data(
    runner: JobRunner, bridge: Bridge, store: Any, clock: FixedClock, samples: Path
) -> None:
    from storage.imports.apply import apply_import

    rec = Recorder(bridge)
    for name in ("orders-1.txt", "messages.csv"):
        assert apply_import(store, samples / "seller-a" / name, now=NOW).ok
    clock.set(NOW + timedelta(days=400))  # every order delivered long ago
    runner.run_now("purge")
    assert rec.changes == [PII_KINDS]
    assert PII_KINDS.messages and PII_KINDS.orders and PII_KINDS.metric_inputs
    runner.run_now("purge")  # nothing left to erase: nothing to tell
    assert rec.changes == [PII_KINDS]
    assert rec.metrics == [] and rec.failed == []


def test_starting_the_runner_reads_nothing_on_the_calling_thread(
    store: Any, bridge: Bridge, clock: FixedClock, qtbot: Any, gui_thread_db: list[str]
) -> None:
    runner = JobRunner(store, bridge, clock, local_tz=BERLIN)
    try:
        with qtbot.waitSignal(bridge.metrics_changed, timeout=10000):
            runner.start()
        assert runner.running
        assert gui_thread_db == []
        qtbot.waitUntil(lambda: runner.scheduler.get_job("weekly_review") is not None)
    finally:
        runner.shutdown(wait=True)
    assert not runner.running


def _refused_then_shown(
    runner: JobRunner, rec: Recorder, store: Any, folder: Path, clock: FixedClock
) -> str:
    """A cut-off claims.csv refused by the watch job, its warning shown by the tray."""
    from services.notifier import notify

    set_setting(store.db, "watch_folder_enabled", True)
    set_setting(store.db, "watch_folder_path", str(folder))
    (folder / "claims.csv").write_text(CLAIMS_HEADER + "AZ-1,111-00000")
    runner.poll_watched_folder()
    clock.advance(timedelta(seconds=30))
    (refused,) = runner.poll_watched_folder()
    assert not refused.ok
    runner.run_now("deadlines")
    (alert,) = [a for a in rec.alerts[-1] if a.key.startswith("import.refused.")]
    assert alert.key.endswith(str((folder / "claims.csv").resolve()))
    assert alert.key in [a.key for a in notify(store, rec.alerts[-1], clock(), BERLIN).show]
    return alert.key


def test_a_refused_file_warning_resolves_when_the_same_file_imports(
    runner: JobRunner, bridge: Bridge, store: Any, tmp_path: Path, clock: FixedClock
) -> None:
    from services.notifier import notify
    from storage.repository.warnings import get_warning

    rec = Recorder(bridge)
    folder = tmp_path / "downloads"
    folder.mkdir()
    key = _refused_then_shown(runner, rec, store, folder, clock)
    (folder / "claims.csv").write_text(
        CLAIMS_HEADER + "AZ-1,111-0000001-0000001,a-to-z,2026-11-01,10,USD,defective,open,,,"
        "false,\n"
    )  # the download went on: the same file, whole
    clock.advance(timedelta(minutes=1))
    runner.poll_watched_folder()
    clock.advance(timedelta(seconds=30))
    (ok,) = runner.poll_watched_folder()
    assert ok.ok
    assert Changes(warnings=True, claims=True, imports=True) in rec.changes
    memory = get_warning(store.db, key)
    assert memory is not None and memory.resolved_at == clock()
    runner.run_now("deadlines")
    assert not [a for a in rec.alerts[-1] if a.key.startswith("import.refused.")]
    notice = notify(store, rec.alerts[-1], clock(), BERLIN)
    assert notice.show == [] and not notice.changes  # nothing left to show or resolve


def test_a_refused_file_warning_resolves_when_the_file_is_imported_by_hand(
    runner: JobRunner, bridge: Bridge, store: Any, tmp_path: Path, clock: FixedClock
) -> None:
    """The Imports screen or the CLI cannot reach the runner: the stored warning tells it."""
    from services.imports import import_file
    from storage.repository.warnings import get_warning

    rec = Recorder(bridge)
    folder = tmp_path / "downloads"
    folder.mkdir()
    key = _refused_then_shown(runner, rec, store, folder, clock)
    path = folder / "claims.csv"
    path.write_text(
        CLAIMS_HEADER + "AZ-1,111-0000001-0000001,a-to-z,2026-11-01,10,USD,defective,open,,,"
        "false,\n"
    )
    clock.advance(timedelta(minutes=1))
    done = import_file(store, path, clock())
    assert done.outcome.ok and done.changes.warnings
    memory = get_warning(store.db, key)
    assert memory is not None and memory.resolved_at == clock()
    runner.run_now("deadlines")
    assert not [a for a in rec.alerts[-1] if a.key.startswith("import.refused.")]
    # another file imported fine changes no warning
    other = tmp_path / "other.csv"
    other.write_text(path.read_text().replace("AZ-1,", "AZ-2,"))
    assert not import_file(store, other, clock()).changes.warnings


def test_a_refused_file_that_becomes_a_copy_of_an_imported_one_clears_its_warning(
    runner: JobRunner, bridge: Bridge, store: Any, tmp_path: Path, clock: FixedClock
) -> None:
    """Whole at last, its content was already imported (under another name): fine too."""
    from services.imports import import_file

    rec = Recorder(bridge)
    folder = tmp_path / "downloads"
    folder.mkdir()
    whole = (
        CLAIMS_HEADER + "AZ-1,111-0000001-0000001,a-to-z,2026-11-01,10,USD,defective,open,,,"
        "false,\n"
    )
    elsewhere = tmp_path / "claims-by-hand.csv"
    elsewhere.write_text(whole)
    assert import_file(store, elsewhere, clock()).outcome.ok
    _refused_then_shown(runner, rec, store, folder, clock)
    (folder / "claims.csv").write_text(whole)
    clock.advance(timedelta(minutes=1))
    runner.poll_watched_folder()
    clock.advance(timedelta(seconds=30))
    assert runner.poll_watched_folder() == []  # a copy: recorded, not imported again
    runner.run_now("deadlines")
    assert not [a for a in rec.alerts[-1] if a.key.startswith("import.refused.")]


def test_the_log_says_each_job_once_and_the_frequent_ones_only_at_debug(
    runner: JobRunner, caplog: pytest.LogCaptureFixture
) -> None:
    """An idle app must not fill its rotating log with chatter (issue 17)."""
    import logging

    with caplog.at_level(logging.DEBUG, logger="gui.scheduler"):
        runner.run_now("recompute")
        runner.run_now("deadlines")
    ran = [(r.levelno, r.getMessage().split(" ran ")[0]) for r in caplog.records]
    assert ran == [(logging.INFO, "job recompute"), (logging.DEBUG, "job deadlines")]


def test_apscheduler_logs_only_its_problems(tmp_path: Any) -> None:
    import logging

    import main

    root = logging.getLogger()
    before = list(root.handlers)
    try:
        main.configure_logging(tmp_path, debug=False)
        assert logging.getLogger("apscheduler").getEffectiveLevel() == logging.WARNING
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
