"""Buyer data beyond the live database (issue 15, point 4): backups, safety copies, freed pages.

The nightly purge runs over every backup too; the safety copies made before a restore
and before a migration are deleted once that operation succeeded and a newer backup
exists; every connection zeroes freed pages (`secure_delete`), so purged ciphertext
does not linger in the files.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import migrations
from storage.backup import back_up_now, list_backups, restore
from storage.backup_retention import STALE_PARTIAL_S, prune_safety_copies
from storage.db import Store
from storage.imports.apply import apply_import
from storage.migrations.keyed import PII_FORMAT
from tests.safety import SELLER_A

NOW = datetime(2026, 11, 20, 3, tzinfo=UTC)
LATER = datetime(2027, 6, 1, tzinfo=UTC)  # every order's buyer data is due for erasure


def _blobs(db: Path, n: int = 20) -> list[bytes]:
    with closing(sqlite3.connect(str(db))) as conn:
        rows = conn.execute(
            "SELECT ship_address_enc FROM orders WHERE ship_address_enc IS NOT NULL LIMIT ?", [n]
        )
        return [bytes(r[0]) for r in rows]


def _found(path: Path, blobs: list[bytes]) -> int:
    data = b"".join(
        Path(f"{path}{s}").read_bytes() for s in ("", "-wal") if Path(f"{path}{s}").exists()
    )
    return sum(blob[1:] in data for blob in blobs)  # the nonce and ciphertext


@pytest.fixture
def seller(store: Store) -> Store:
    for name in ("orders-1.txt", "feedback.txt"):
        assert apply_import(store, SELLER_A / name, now=NOW).ok
    return store


def test_the_purge_runs_over_every_backup_and_leaves_no_ciphertext(seller: Store) -> None:
    from services.jobs import purge_old_pii

    folder = seller.path.parent / "backups"
    first = back_up_now(seller.path, folder, NOW - timedelta(days=1))
    second = back_up_now(seller.path, folder, NOW)
    blobs = _blobs(seller.path)
    assert len(blobs) == 20 and _found(first, blobs) == 20 and _found(second, blobs) == 20
    purge_old_pii(seller, LATER)
    seller.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for copy in (first, second):
        with closing(sqlite3.connect(str(copy))) as conn:
            held = conn.execute("SELECT COUNT(*) FROM orders WHERE ship_address_enc IS NOT NULL")
            assert held.fetchone()[0] == 0
        assert _found(copy, blobs) == 0, copy.name
    assert _found(seller.path, blobs) == 0


def test_secure_delete_is_on_for_every_connection(
    seller: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, int] = {"store": seller.db.execute("PRAGMA secure_delete").fetchone()[0]}

    def other_thread() -> None:
        seen["thread"] = seller.db.execute("PRAGMA secure_delete").fetchone()[0]
        seller.close()

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join()

    def step(conn: sqlite3.Connection) -> None:
        seen["migration"] = conn.execute("PRAGMA secure_delete").fetchone()[0]

    steps = [*migrations.MIGRATIONS, step]
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(steps))
    seller.close()
    Store(seller.path).close()
    assert seen == {"store": 1, "thread": 1, "migration": 1}
    import storage.db as db_module

    assert "PRAGMA secure_delete = ON" in Path(db_module.__file__).read_text()


def test_safety_copies_go_once_a_newer_backup_exists(seller: Store) -> None:
    folder = seller.path.parent / "backups"
    first = back_up_now(seller.path, folder, NOW - timedelta(days=2))
    seller.close()
    restore(seller.path, first, folder, NOW - timedelta(days=1))  # leaves a pre-restore copy
    bak = seller.path.with_name(f"{seller.path.name}.pre-v{migrations.SCHEMA_VERSION}.bak")
    bak.write_bytes(seller.path.read_bytes())  # what the last migration left
    old = (NOW - timedelta(days=1)).timestamp()
    os.utime(bak, (old, old))
    future_bak = seller.path.with_name(
        f"{seller.path.name}.pre-v{migrations.SCHEMA_VERSION + 1}.bak"
    )
    future_bak.write_bytes(b"a migration that has not run yet")
    os.utime(future_bak, (old, old))
    # the copy made before the buyer data was re-encrypted holds the old plaintext
    pii_bak = seller.path.with_name(f"{seller.path.name}.pre-pii{PII_FORMAT}.bak")
    pii_bak.write_bytes(seller.path.read_bytes())
    os.utime(pii_bak, (old, old))
    future_pii = seller.path.with_name(f"{seller.path.name}.pre-pii{PII_FORMAT + 1}.bak")
    future_pii.write_bytes(b"a keyed step that has not run yet")
    os.utime(future_pii, (old, old))
    stale = folder / ".backup-123-1.partial"
    fresh = folder / ".backup-456-1.partial"
    for partial, age in ((stale, STALE_PARTIAL_S + 60), (fresh, 5)):
        partial.write_bytes(b"half a copy")
        os.utime(partial, (time.time() - age, time.time() - age))
    kinds = [b.kind for b in list_backups(folder)]
    assert kinds == ["pre-restore", "backup"]

    back_up_now(seller.path, folder, NOW)  # prunes what this newer backup replaces
    assert [b.kind for b in list_backups(folder)] == ["backup", "backup"]
    assert not bak.exists()
    assert future_bak.exists()  # guards a migration that has not succeeded
    assert not pii_bak.exists() and future_pii.exists()
    assert not stale.exists() and fresh.exists()


def test_nothing_is_pruned_without_a_newer_backup(seller: Store) -> None:
    folder = seller.path.parent / "backups"
    seller.close()
    restore(seller.path, back_up_now(seller.path, folder, NOW - timedelta(days=1)), folder, NOW)
    assert prune_safety_copies(seller.path, folder) == []
    assert [b.kind for b in list_backups(folder)] == ["pre-restore", "backup"]
