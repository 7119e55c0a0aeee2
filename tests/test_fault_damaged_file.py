"""Faults: a damaged or foreign database file, and one from a newer version (issue 14).

Through the CLI: one sentence naming the file's full path and what to do (restore a
backup, naming the newest), exit 1, and the file byte for byte as it was, with no
-wal, -shm or migration copy made beside it. The desktop app offers the newest backup
and, when asked, restores it with the damaged file kept whole in the backups folder.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.migrations import SCHEMA_VERSION
from tests.safety import AS_OF, SELLER_A, cli, integrity, sha, side_files


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real database with data, closed cleanly (no -wal), to damage in copies."""
    db = tmp_path_factory.mktemp("good") / "account-health.sqlite3"
    done = cli(db, "import", str(SELLER_A / "orders-1.txt"), str(SELLER_A / "feedback.txt"))
    assert done.returncode == 0, done.stderr
    return db


def _earlier(path: Path) -> None:
    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))


def _not_sqlite(good: Path, bad: Path) -> None:
    bad.write_bytes(b"PK\x03\x04 a zip file, say\n" + os.urandom(5000))


def _header_then_garbage(good: Path, bad: Path) -> None:
    data = good.read_bytes()
    bad.write_bytes(data[:100] + os.urandom(len(data) - 100))


def _truncated(good: Path, bad: Path) -> None:
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 3])


def _foreign(good: Path, bad: Path) -> None:
    with closing(sqlite3.connect(bad)) as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("PRAGMA user_version = 3")
        conn.commit()


def _too_new(good: Path, bad: Path) -> None:
    shutil.copyfile(good, bad)
    with closing(sqlite3.connect(bad)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
    Path(f"{bad}-wal").unlink(missing_ok=True)
    Path(f"{bad}-shm").unlink(missing_ok=True)


CASES: list[tuple[str, Callable[[Path, Path], None], tuple[str, ...]]] = [
    ("not SQLite at all", _not_sqlite, ("is not an SQLite database", "restore")),
    ("SQLite header and garbage", _header_then_garbage, ("is damaged", "restore")),
    ("truncated", _truncated, ("is truncated", "restore")),
    ("another program's database", _foreign, ("of another program", "restore")),
    ("schema from the future", _too_new, ("newer version", "update the app")),
]


@pytest.mark.parametrize(("name", "damage", "said"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", [["metrics", "--as-of", AS_OF], ["import", "ORDERS"]])
def test_a_bad_file_is_refused_and_left_untouched(
    name: str,
    damage: Callable[[Path, Path], None],
    said: tuple[str, ...],
    command: list[str],
    good_db: Path,
    tmp_path: Path,
) -> None:
    bad = tmp_path / "data" / "account-health.sqlite3"
    bad.parent.mkdir()
    damage(good_db, bad)
    _earlier(bad)  # damage found later (a file written this second is looked at twice)
    before = sha(bad)
    args = [str(SELLER_A / "orders-2.txt") if a == "ORDERS" else a for a in command]
    done = cli(bad, *args)
    assert done.returncode == 1
    assert done.stdout == ""
    [sentence] = done.stderr.splitlines()
    assert str(bad) in sentence and sentence.endswith(".")
    for part in said:
        assert part in sentence, (part, sentence)
    assert sha(bad) == before
    assert side_files(bad) == []


def test_the_sentence_names_the_newest_backup(good_db: Path, tmp_path: Path) -> None:
    from storage.backup import back_up_now

    db = tmp_path / "data" / "account-health.sqlite3"
    db.parent.mkdir()
    shutil.copyfile(good_db, db)
    backups = db.parent / "backups"
    back_up_now(db, backups, datetime(2026, 11, 18, 3, tzinfo=UTC))
    newest = back_up_now(db, backups, datetime(2026, 11, 19, 3, tzinfo=UTC))
    _truncated(good_db, db)
    _earlier(db)
    done = cli(db, "metrics")
    assert done.returncode == 1
    assert f"restore the newest backup, {newest}" in done.stderr


def test_restoring_over_a_damaged_file_keeps_it_whole(good_db: Path, tmp_path: Path) -> None:
    """What the app's "Restore the newest backup" does: the damaged file moves aside."""
    from storage.backup import back_up_now, list_backups, restore

    db = tmp_path / "data" / "account-health.sqlite3"
    db.parent.mkdir()
    shutil.copyfile(good_db, db)
    backups = db.parent / "backups"
    made = back_up_now(db, backups, datetime(2026, 11, 19, 3, tzinfo=UTC))
    _header_then_garbage(good_db, db)
    damaged = sha(db)
    kept = restore(db, made, backups, datetime(2026, 11, 20, 9, tzinfo=UTC))
    assert sha(kept) == damaged  # the damaged file, byte for byte, in the backups folder
    assert [b.kind for b in list_backups(backups)] == ["pre-restore", "backup"]
    assert integrity(db) == ["ok"]
    assert cli(db, "metrics", "--as-of", AS_OF).returncode == 0


def test_the_app_offers_the_newest_backup_for_a_damaged_file(
    good_db: Path, tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from gui.app import StoreRefused, restore_offered
    from storage.backup import back_up_now
    from storage.db import DatabaseDamaged, Store
    from storage.db_file import newest_backup

    db = tmp_path / "data" / "account-health.sqlite3"
    db.parent.mkdir()
    shutil.copyfile(good_db, db)
    made = back_up_now(db, db.parent / "backups", datetime(2026, 11, 19, 3, tzinfo=UTC))
    _not_sqlite(good_db, db)
    _earlier(db)
    with pytest.raises(DatabaseDamaged) as refused:
        Store(db)
    assert newest_backup(db) == made
    shown: list[str] = []

    def click_restore(box: QMessageBox) -> int:
        shown.append(box.text())
        box.buttons()[0].click()  # "Restore the newest backup" (added first)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    parent = QWidget()
    assert restore_offered(parent, StoreRefused(str(refused.value), made), db)
    assert shown and str(db) in shown[0]
    with Store(db) as store:
        assert store.db.execute("SELECT COUNT(*) FROM orders").fetchone()[0] > 0


def test_a_live_file_whose_data_is_still_in_the_wal_is_not_mistaken_for_damage(
    tmp_path: Path,
) -> None:
    """Another process has the file open: its schema and rows are only in the -wal yet."""
    from storage.db import Store
    from storage.db_file import inspect

    db = tmp_path / "account-health.sqlite3"
    with Store(db) as live:
        live.db.execute("PRAGMA wal_autocheckpoint = 0")
        live.db.execute("INSERT INTO review_log (reviewed_at) VALUES ('2026-11-20T00:00:00+00:00')")
        live.db.conn.commit()
        assert Path(f"{db}-wal").stat().st_size > 0
        state = inspect(db)
        assert state.has_data and state.version == SCHEMA_VERSION
        assert cli(db, "metrics", "--as-of", AS_OF).returncode == 0


def test_a_file_being_written_this_moment_is_looked_at_again(tmp_path: Path) -> None:
    """Another process is writing the first page: the look waits for it, then sees it."""
    import threading

    from storage.db_file import inspect

    db = tmp_path / "account-health.sqlite3"
    db.write_bytes(b"\0" * 50)  # half a header on disk so far
    assert not inspect(db).has_data  # empty or zeros: a file being created
    db.write_bytes(b"SQLite format 3\0" + b"\xff" * 84)  # torn: the header, not yet its page
    writer = threading.Timer(0.1, lambda: db.unlink())  # ... then the creator starts over
    writer.start()
    try:
        state = inspect(db)
    finally:
        writer.join()
    assert not state.has_data
