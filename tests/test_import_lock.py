"""A file waits for another import's lock instead of failing (issue 20, fault 1).

Another process really holds the write lock (BEGIN IMMEDIATE, then sleep) for
longer than the busy timeout, then lets go. The lock is never the file's
fault: no refused attempt in the history, no refused-file warning.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.clock import FixedClock
from gui.bridge import Bridge
from gui.scheduler import JobRunner
from storage.db import BUSY_TIMEOUT_MS, Store
from storage.imports.apply import apply_import
from storage.imports.errors import ImportCancelled
from storage.imports.waiting import DatabaseBusy, is_busy
from storage.repository.settings import set_setting

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
CLAIMS = (
    "claim_id,order_id,kind,filed_at,amount,currency,reason,status,"
    "info_requested_at,decided_at,buy_shipping_protected,notes\n"
    "AZ-1,111-0000001-0000001,a-to-z,2026-11-01,10,USD,defective,open,,,false,\n"
)
SHORT_BUSY_MS = 300
"""This process's busy timeout in the in-process tests, so they wait seconds, not minutes."""

HOLDER = """
import pathlib, sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('lock_holder', '1')")
pathlib.Path(sys.argv[2]).write_text("held")
time.sleep(float(sys.argv[3]))
conn.execute("COMMIT")
"""


@contextmanager
def lock_held(db_path: Path, seconds: float) -> Iterator[subprocess.Popen[bytes]]:
    """Another process holds the write lock for `seconds` from when this returns."""
    flag = db_path.with_name("held.flag")
    flag.unlink(missing_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), str(flag), str(seconds)])
    try:
        deadline = time.monotonic() + 20
        while not flag.exists():
            assert holder.poll() is None, "the lock holder died"
            assert time.monotonic() < deadline, "the lock holder never took the lock"
            time.sleep(0.02)
        yield holder
    finally:
        assert holder.wait(timeout=60) == 0


def history(store: Store) -> list[tuple[str, str, str | None]]:
    rows = store.db.execute("SELECT file_name, outcome, error FROM imports ORDER BY id")
    return [tuple(r) for r in rows.fetchall()]


@pytest.fixture
def short_store(tmp_db_path: Path) -> Iterator[Store]:
    """A store whose connection in this thread gives up on the lock after 0.3 s."""
    s = Store(tmp_db_path)
    s.db.conn.execute(f"PRAGMA busy_timeout = {SHORT_BUSY_MS}")
    yield s
    s.close()


def test_the_cli_waits_for_another_import_and_says_so_once(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    first = tmp_path / "first.csv"
    first.write_text(CLAIMS)
    cli = [sys.executable, "main.py", "--db", str(db), "import"]
    done = subprocess.run([*cli, str(first)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    second = tmp_path / "claims.csv"
    second.write_text(CLAIMS.replace("AZ-1,", "AZ-2,"))
    third = tmp_path / "more.csv"
    third.write_text(CLAIMS.replace("AZ-1,", "AZ-3,"))
    hold = BUSY_TIMEOUT_MS / 1000 + 2.0
    with lock_held(db, hold):
        started = time.monotonic()
        done = subprocess.run(
            [*cli, str(second), str(third)], cwd=ROOT, env=env, capture_output=True, text=True
        )
        waited = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("waiting for another import to finish ...") == 1
    assert "locked" not in done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        "claims.csv: claims.csv: 1 added, 0 updated, 0 unchanged",
        "more.csv: claims.csv: 1 added, 0 updated, 0 unchanged",
    ]
    assert waited >= hold - 0.5  # it waited past the busy timeout for the holder
    conn = sqlite3.connect(db)
    try:
        outcomes = conn.execute("SELECT file_name, outcome FROM imports ORDER BY id").fetchall()
        claims = conn.execute("SELECT claim_id FROM claims ORDER BY claim_id").fetchall()
    finally:
        conn.close()
    assert outcomes == [("first.csv", "ok"), ("claims.csv", "ok"), ("more.csv", "ok")]
    assert claims == [("AZ-1",), ("AZ-2",), ("AZ-3",)]


def test_an_import_waits_as_long_as_the_other_holds_the_lock(
    short_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "claims.csv"
    path.write_text(CLAIMS)
    told: list[float] = []
    with lock_held(short_store.path, 1.5):
        started = time.monotonic()
        outcome = apply_import(short_store, path, now=NOW, on_wait=lambda: told.append(1.0))
        waited = time.monotonic() - started
    assert outcome.ok and outcome.added == 1
    assert told == [1.0]  # told once, though it tried several times
    assert waited > 1.0
    assert history(short_store) == [("claims.csv", "ok", None)]


def test_without_waiting_a_lock_raises_and_writes_nothing(
    short_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "claims.csv"
    path.write_text(CLAIMS)
    with lock_held(short_store.path, 1.0), pytest.raises(DatabaseBusy):
        apply_import(short_store, path, now=NOW, wait=False)
    assert history(short_store) == []


def test_a_cancel_stops_the_wait_and_logs_nothing(short_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text(CLAIMS)
    calls: list[int] = []

    def progress(rows: int) -> None:
        calls.append(rows)
        raise ImportCancelled("cancelled by the user")

    with lock_held(short_store.path, 1.5):
        outcome = apply_import(short_store, path, now=NOW, progress=progress)
    assert not outcome.ok and outcome.import_id is None
    assert "cancelled" in (outcome.error or "")
    assert calls == [0]
    assert history(short_store) == []


def test_a_watched_file_that_meets_the_lock_is_imported_at_the_next_pass(
    short_store: Store, tmp_path: Path, qapp: Any
) -> None:
    clock = FixedClock(NOW)
    runner = JobRunner(short_store, Bridge(), clock, local_tz=UTC)
    folder = tmp_path / "downloads"
    folder.mkdir()
    set_setting(short_store.db, "watch_folder_enabled", True)
    set_setting(short_store.db, "watch_folder_path", str(folder))
    (folder / "claims.csv").write_text(CLAIMS)
    (folder / "more.csv").write_text(CLAIMS.replace("AZ-1,", "AZ-2,"))
    assert runner.poll_watched_folder() == []  # first sight
    clock.advance(timedelta(seconds=30))
    with lock_held(short_store.path, 1.0):
        assert runner.poll_watched_folder() == []  # both wait: not their fault
    assert history(short_store) == []
    assert short_store.db.execute("SELECT count(*) FROM watched_files").fetchone()[0] == 0
    assert runner.current_alerts([], clock()) == []  # no refused-file warning
    clock.advance(timedelta(seconds=30))
    outcomes = runner.poll_watched_folder()
    assert sorted((o.file, o.ok) for o in outcomes) == [("claims.csv", True), ("more.csv", True)]
    assert runner.poll_watched_folder() == []
    runner.shutdown()


def test_a_new_watch_folder_object_also_offers_a_file_that_met_the_lock(
    short_store: Store, tmp_path: Path
) -> None:
    """After a restart (a new WatchedFolder), the file is not remembered as refused."""
    from services.jobs import import_settled
    from storage.watch_folder import WatchedFolder

    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "claims.csv").write_text(CLAIMS)
    watched = WatchedFolder(folder, short_store)
    watched.poll(NOW)
    with lock_held(short_store.path, 1.0):
        met = import_settled(short_store, watched, NOW)
    assert met.waiting == 1 and met.outcomes == [] and met.raised == []
    restarted = WatchedFolder(folder, short_store)
    restarted.poll(NOW)
    done = import_settled(short_store, restarted, NOW)
    assert [(o.file, o.ok) for o in done.outcomes] == [("claims.csv", True)]


def test_lock_errors_are_told_from_other_errors(tmp_path: Path) -> None:
    assert is_busy(sqlite3.OperationalError("database is locked"))
    assert not is_busy(sqlite3.OperationalError("no such table: x"))
    assert not is_busy(ValueError("database is locked"))
    path = tmp_path / "x.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError) as caught:
        other.execute("BEGIN IMMEDIATE")
    assert is_busy(caught.value)
    holder.execute("ROLLBACK")
    holder.close()
    other.close()


def test_old_lock_refusals_are_forgotten_by_the_migration(tmp_db_path: Path) -> None:
    """Earlier versions recorded the lock as the file's refusal: the step removes those."""
    from storage import migrations
    from storage.migrations.lock_refusals import forget_lock_refusals

    assert forget_lock_refusals in migrations.MIGRATIONS

    store = Store(tmp_db_path)
    db = store.db
    db.execute(
        "INSERT INTO imports (id, file_name, sha256, started_at, outcome, error) VALUES "
        "(1, 'a.csv', 'aa', '2026-11-20T15:00:00+00:00', 'refused', "
        "'could not import a.csv: database is locked'), "
        "(2, 'b.csv', 'bb', '2026-11-20T15:00:00+00:00', 'refused', 'b.csv: bad header.')"
    )
    db.execute(
        "INSERT INTO watched_files (path, size, mtime, sha256, seen_at, import_id, outcome) "
        "VALUES ('/w/a.csv', 1, 1.0, 'aa', 'x', 1, 'refused'), "
        "('/w/b.csv', 1, 1.0, 'bb', 'x', 2, 'refused')"
    )
    db.conn.commit()
    store.close()
    conn = sqlite3.connect(tmp_db_path)
    try:
        forget_lock_refusals(conn)
        assert conn.execute("SELECT file_name FROM imports").fetchall() == [("b.csv",)]
        assert conn.execute("SELECT path FROM watched_files").fetchall() == [("/w/b.csv",)]
    finally:
        conn.close()
