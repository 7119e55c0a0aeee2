"""storage.backup: online copies of a live WAL database, rotation, validated restore."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.backup import (
    RestoreRefused,
    back_up_now,
    default_backup_dir,
    list_backups,
    restore,
    rotate,
)
from storage.db import open_db
from storage.migrations import SCHEMA_VERSION

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


def add_order(db: object, order_id: str) -> None:
    db.execute(  # type: ignore[attr-defined]
        "INSERT INTO orders(order_id, purchase_date, last_updated, status, channel, marketplace) "
        "VALUES (?, '2026-11-01T00:00:00+00:00', '2026-11-01T00:00:00+00:00', 'Shipped', "
        "'afn', 'Amazon.com')",
        [order_id],
    )
    db.conn.commit()  # type: ignore[attr-defined]


def order_ids(path: Path) -> list[str]:
    conn = sqlite3.connect(str(path))
    try:
        return [r[0] for r in conn.execute("SELECT order_id FROM orders ORDER BY order_id")]
    finally:
        conn.close()


@pytest.fixture
def live(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "data" / "account-health.sqlite3"
    db = open_db(path)
    add_order(db, "111-0000001-0000001")
    yield path, db
    db.conn.close()


def test_backup_of_a_live_wal_database_is_consistent_and_private(live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, db = live
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    add_order(db, "111-0000002-0000002")  # still in the -wal file, connection open
    backup_dir = default_backup_dir(path)
    assert backup_dir == path.parent / "backups"

    made = back_up_now(path, backup_dir, NOW)

    assert made.name == "backup-20261120T030000Z.sqlite3"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert order_ids(made) == ["111-0000001-0000001", "111-0000002-0000002"]
    assert sorted(p.name for p in backup_dir.iterdir()) == [made.name]  # no -wal / -shm / tmp
    conn = sqlite3.connect(str(made))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_a_second_backup_in_the_same_second_gets_its_own_name(live) -> None:  # type: ignore[no-untyped-def]
    path, _ = live
    first = back_up_now(path, path.parent / "b", NOW)
    second = back_up_now(path, path.parent / "b", NOW)
    assert second.name == "backup-20261120T030000Z-2.sqlite3"
    # one per day is kept: the newest
    assert [b.path for b in list_backups(path.parent / "b")] == [second]
    assert not first.exists()


def _touch_backup(folder: Path, at: datetime) -> Path:
    p = folder / f"backup-{at:%Y%m%dT%H%M%SZ}.sqlite3"
    p.write_bytes(b"")
    return p


def test_rotation_keeps_7_daily_and_4_weekly_and_nothing_else_is_touched(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2026, 9, 1, 3, 0, tzinfo=UTC)  # a Tuesday
    made = []
    for day in range(60):  # two a day: nightly and a manual one at noon
        made.append(_touch_backup(folder, start + timedelta(days=day)))
        made.append(_touch_backup(folder, start + timedelta(days=day, hours=9)))
    foreign = [folder / "notes.txt", folder / "backup-old.sqlite3", folder / "mine.sqlite3"]
    for f in foreign:
        f.write_text("keep me")
    pre = folder / "pre-restore-20260901T000000Z.sqlite3"
    pre.write_bytes(b"")

    deleted = rotate(folder, keep_daily=7, keep_weekly=4)

    kept = {b.taken_at for b in list_backups(folder) if b.kind == "backup"}
    last = start + timedelta(days=59, hours=9)  # Friday 2026-10-30 12:00
    daily = {last - timedelta(days=d) for d in range(7)}
    # newest of each ISO week: this week's (daily anyway), then the Sundays before
    weekly = {datetime(2026, 10, 25, 12, tzinfo=UTC), datetime(2026, 10, 18, 12, tzinfo=UTC)}
    weekly |= {datetime(2026, 10, 11, 12, tzinfo=UTC)}
    assert kept == daily | weekly
    assert len(deleted) == 120 - len(kept)
    assert all(f.read_text() == "keep me" for f in foreign)
    assert pre.exists()


def test_restore_round_trip_keeps_the_current_data_as_a_backup(live) -> None:  # type: ignore[no-untyped-def]
    path, db = live
    backups = path.parent / "backups"
    saved = back_up_now(path, backups, NOW)
    add_order(db, "111-0000002-0000002")
    db.conn.close()  # the caller closes the Store before restoring

    kept = restore(path, saved, backups, NOW + timedelta(hours=1))

    assert kept.name == "pre-restore-20261120T040000Z.sqlite3"
    assert order_ids(kept) == ["111-0000001-0000001", "111-0000002-0000002"]
    assert order_ids(path) == ["111-0000001-0000001"]
    reopened = open_db(path)  # reopening works and puts WAL back on
    assert reopened.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert reopened.execute("SELECT count(*) FROM orders").fetchone()[0] == 1
    reopened.conn.close()
    assert {b.kind for b in list_backups(backups)} == {"backup", "pre-restore"}


def _corrupt_random(tmp: Path) -> Path:
    p = tmp / "random.sqlite3"
    p.write_bytes(b"this is not a database at all" * 200)
    return p


def _corrupt_truncated(tmp: Path) -> Path:
    src = tmp / "whole.sqlite3"
    db = open_db(src)
    for i in range(300):
        add_order(db, f"111-0000000-{i:07d}")
    db.conn.close()
    data = src.read_bytes()
    p = tmp / "truncated.sqlite3"
    p.write_bytes(data[: len(data) // 2] + b"\0" * 100)
    return p


def _damaged_page(tmp: Path) -> Path:
    src = tmp / "whole2.sqlite3"
    db = open_db(src)
    for i in range(300):
        add_order(db, f"111-0000000-{i:07d}")
    db.conn.close()
    data = bytearray(src.read_bytes())
    page = 4096
    for offset in range(3 * page, len(data) - page, page):  # scribble over index/table pages
        data[offset + 8 : offset + 40] = b"\xff" * 32
    p = tmp / "damaged.sqlite3"
    p.write_bytes(bytes(data))
    return p


def _too_new(tmp: Path) -> Path:
    p = tmp / "newer.sqlite3"
    conn = sqlite3.connect(str(p))
    conn.execute("CREATE TABLE orders (order_id TEXT)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    return p


def _foreign(tmp: Path) -> Path:
    p = tmp / "other-app.sqlite3"
    conn = sqlite3.connect(str(p))
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    return p


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_corrupt_random, "not a readable database"),
        (_corrupt_truncated, "cannot be restored"),
        (_damaged_page, "cannot be restored"),
        (_too_new, "newer version"),
        (_foreign, "not an Account Health backup"),
        (lambda tmp: tmp / "missing.sqlite3", "does not exist"),
    ],
)
def test_restore_refuses_a_bad_file_and_keeps_the_current_data(
    live, tmp_path: Path, make, words
) -> None:  # type: ignore[no-untyped-def]
    path, db = live
    db.conn.close()
    before = path.read_bytes()
    bad = make(tmp_path)

    with pytest.raises(RestoreRefused) as info:
        restore(path, bad, path.parent / "backups", NOW)

    assert words in str(info.value)
    assert str(info.value).endswith(".")
    assert path.read_bytes() == before
    assert order_ids(path) == ["111-0000001-0000001"]
    assert list_backups(path.parent / "backups") == []  # nothing changed, nothing kept


def test_list_backups_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert list_backups(tmp_path / "nope") == []
