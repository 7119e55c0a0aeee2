"""open_db: migrations, versions, backups before migrating, file modes, thread binding."""

from __future__ import annotations

import sqlite3
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from storage import migrations
from storage.db import DatabaseTooNew, MigrationFailed, Store, open_db, transaction


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_new_database_is_migrated_to_the_latest_schema(tmp_db_path: Path) -> None:
    db = open_db(tmp_db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    assert {"orders", "feedback", "messages", "imports", "settings"} <= set(db.table_names())
    assert db.execute("SELECT COUNT(*) FROM marketplaces").fetchone()[0] > 0
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    db.conn.close()


def test_reopening_is_idempotent_and_makes_no_backup(tmp_db_path: Path) -> None:
    open_db(tmp_db_path).conn.close()
    db = open_db(tmp_db_path)
    db.execute("INSERT INTO review_log (reviewed_at) VALUES ('2026-11-20T00:00:00+00:00')")
    db.conn.commit()
    db.conn.close()
    db = open_db(tmp_db_path)
    assert db.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 1
    db.conn.close()
    assert not list(tmp_db_path.parent.glob("*.bak"))


def test_a_newer_database_is_refused_with_a_sentence(tmp_db_path: Path) -> None:
    open_db(tmp_db_path).conn.close()
    conn = sqlite3.connect(tmp_db_path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 3}")
    conn.close()
    with pytest.raises(DatabaseTooNew) as err:
        open_db(tmp_db_path)
    message = str(err.value)
    assert str(tmp_db_path) in message
    assert f"schema {migrations.SCHEMA_VERSION + 3}" in message
    assert f"reads up to {migrations.SCHEMA_VERSION}" in message
    assert message.endswith("update the app or choose another database file.")


def _add_step(monkeypatch: pytest.MonkeyPatch, step: Any) -> int:
    steps = [*migrations.MIGRATIONS, step]
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(steps))
    return len(steps)


def test_existing_data_is_backed_up_before_a_new_step(
    tmp_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_db(tmp_db_path)
    db.execute("INSERT INTO review_log (reviewed_at) VALUES ('2026-11-20T00:00:00+00:00')")
    db.conn.commit()
    db.conn.close()
    old = migrations.SCHEMA_VERSION

    def step(conn: sqlite3.Connection) -> None:
        conn.executescript("CREATE TABLE extra (x INTEGER); CREATE INDEX extra_x ON extra(x);")

    target = _add_step(monkeypatch, step)
    db = open_db(tmp_db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == target
    assert "extra" in db.table_names()
    db.conn.close()
    backup = tmp_db_path.with_name(f"{tmp_db_path.name}.pre-v{target}.bak")
    assert backup.exists()
    assert _mode(backup) == 0o600
    assert _user_version(backup) == old
    assert "extra" not in _tables(backup)
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 1
    conn.close()


def test_a_failing_step_leaves_the_file_at_its_previous_version(
    tmp_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_db(tmp_db_path).conn.close()
    old = migrations.SCHEMA_VERSION

    def broken(conn: sqlite3.Connection) -> None:
        # executescript would normally commit the first statement on its own.
        conn.executescript("CREATE TABLE half_done (x INTEGER); CREATE TABLE orders (y);")

    _add_step(monkeypatch, broken)
    with pytest.raises(MigrationFailed, match=f"left at schema {old}"):
        open_db(tmp_db_path)
    assert _user_version(tmp_db_path) == old
    assert "half_done" not in _tables(tmp_db_path)


def test_the_first_step_is_atomic_too(tmp_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fails_after_step_one(conn: sqlite3.Connection) -> None:
        raise RuntimeError("disk full")

    real_first = migrations.MIGRATIONS[0]

    def first_then_fail(conn: sqlite3.Connection) -> None:
        real_first(conn)
        fails_after_step_one(conn)

    monkeypatch.setattr(migrations, "MIGRATIONS", [first_then_fail])
    with pytest.raises(MigrationFailed):
        open_db(tmp_db_path)
    assert _user_version(tmp_db_path) == 0
    assert "orders" not in _tables(tmp_db_path)


def test_files_are_private(tmp_db_path: Path) -> None:
    db = open_db(tmp_db_path)
    db.execute("INSERT INTO review_log (reviewed_at) VALUES ('x')")
    db.conn.commit()
    for path in (tmp_db_path, Path(f"{tmp_db_path}-wal"), Path(f"{tmp_db_path}-shm")):
        assert path.exists(), path
        assert _mode(path) == 0o600, path
    db.conn.close()


def test_store_gives_each_thread_its_own_connection(store: Store) -> None:
    main_db = store.db
    assert store.db is main_db
    seen: dict[str, Any] = {}

    def work() -> None:
        db = store.db
        seen["same"] = db is main_db
        seen["version"] = db.execute("PRAGMA user_version").fetchone()[0]
        store.close()

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen == {"same": False, "version": migrations.SCHEMA_VERSION}
    assert store.db is main_db  # the worker closed only its own connection


def test_a_database_used_from_another_thread_raises(store: Store) -> None:
    db = store.db
    errors: list[BaseException] = []

    def misuse() -> None:
        try:
            db.execute("SELECT 1")
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=misuse)
    t.start()
    t.join()
    assert len(errors) == 1
    assert isinstance(errors[0], sqlite3.ProgrammingError)


def test_close_then_reopen_in_the_same_thread(store: Store) -> None:
    first = store.db
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        first.execute("SELECT 1")
    assert store.db.execute("SELECT 1").fetchone()[0] == 1


def test_transaction_rolls_back_on_error_and_nests(store: Store) -> None:
    db = store.db
    with pytest.raises(RuntimeError), transaction(db):
        db.execute("INSERT INTO review_log (reviewed_at) VALUES ('a')")
        raise RuntimeError("boom")
    with transaction(db):
        db.execute("INSERT INTO review_log (reviewed_at) VALUES ('b')")
        with pytest.raises(RuntimeError), transaction(db):
            db.execute("INSERT INTO review_log (reviewed_at) VALUES ('c')")
            raise RuntimeError("inner")
    assert [r[0] for r in db.execute("SELECT reviewed_at FROM review_log")] == ["b"]
    assert not db.conn.in_transaction


def test_writes_are_visible_to_other_threads_after_commit(store: Store) -> None:
    with transaction(store.db) as db:
        db.execute("INSERT INTO review_log (reviewed_at) VALUES ('x')")
    result: list[int] = []

    def read() -> None:
        result.append(store.db.execute("SELECT COUNT(*) FROM review_log").fetchone()[0])
        store.close()

    t = threading.Thread(target=read)
    t.start()
    t.join()
    assert result == [1]


def test_key_check_notices_a_different_key(tmp_db_path: Path) -> None:
    from storage.keys import KeyStore

    class FixedKeys(KeyStore):
        def __init__(self, key: bytes) -> None:
            super().__init__(tmp_db_path)
            self._fixed = key

        def key(self, *, existing_data: bool = False) -> bytes:
            return self._fixed

    first = Store(tmp_db_path, FixedKeys(b"a" * 32))
    assert first.cipher is not None and first.key_problem is None
    first.close()
    again = Store(tmp_db_path, FixedKeys(b"a" * 32))
    again.cipher  # noqa: B018
    assert again.key_problem is None
    again.close()
    other = Store(tmp_db_path, FixedKeys(b"b" * 32))
    other.cipher  # noqa: B018
    assert other.key_problem is not None and "cannot be shown" in other.key_problem
    other.close()
