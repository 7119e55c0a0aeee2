"""Fault: the process is killed (`kill -9`) mid-import, mid-backup, mid-migration, mid-purge.

Each kill lands at a random moment of a real child process working on a real file:
a 200,000-row All Orders import through the CLI, a backup, the schema migration the
CLI runs on an older file, and the buyer-data purge. Afterwards the database opens,
passes `PRAGMA integrity_check`, and holds all of the interrupted work or none of it;
no half-written backup is ever listed. 15 kills by default; `AHM_SLOW=1` runs 75.
`AHM_KILL_SEED` replays a run (the seed is in every failure message).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

from storage.keys import key_file_for
from tests.safety import ROOT, SELLER_A, child_env, cli, count, integrity, orders_file

SLOW = bool(os.environ.get("AHM_SLOW"))
KILLS = {"import": 30 if SLOW else 6, "other": 15 if SLOW else 3}
SEED = int(os.environ.get("AHM_KILL_SEED") or time.time())
ROWS = 200_000
BIG = "order_id LIKE '900-%'"


@dataclass(frozen=True)
class Big:
    orders_file: Path
    orders: int  # distinct orders in it
    base: Path  # the seller's database before the big import
    full: Path  # ... and after it
    import_s: float  # how long the whole import took in a child


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Big:
    folder = tmp_path_factory.mktemp("big")
    path = folder / "orders-200k.txt"
    orders = orders_file(path, ROWS)
    base = folder / "base" / "account-health.sqlite3"
    assert cli(base, "import", str(SELLER_A / "orders-1.txt")).returncode == 0
    full = _copy(base, folder / "full")
    started = time.monotonic()
    done = cli(full, "import", str(path), timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    took = time.monotonic() - started
    assert count(full, f"SELECT COUNT(*) FROM orders WHERE {BIG}") == orders
    return Big(path, orders, base, full, took)


def _copy(db: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / db.name
    for suffix in ("", "-wal", "-shm", ".key"):
        source = Path(f"{db}{suffix}")
        if source.exists():
            shutil.copyfile(source, Path(f"{target}{suffix}"))
    return target


def _kill_at(args: list[str], after_s: float) -> None:
    """Start `args`, SIGKILL it `after_s` later (its own children after it, as the OS would
    orphan them), and wait for the whole group."""
    child = subprocess.Popen(
        args,
        cwd=ROOT,
        env=child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        child.wait(timeout=after_s)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
    child.wait()
    with suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)


def _moments(kind: str, longest: float) -> Iterator[tuple[int, float]]:
    rnd = random.Random(f"{SEED}-{kind}")
    for n in range(KILLS["import" if kind == "import" else "other"]):
        yield n, rnd.uniform(0.3, longest)


def _opens(db: Path) -> list[str]:
    """The app's own open (look, migrate, key) succeeds, and SQLite finds no damage."""
    from storage.db import Store

    with Store(db) as store:
        return [str(r[0]) for r in store.db.execute("PRAGMA integrity_check")]


def _python(code: str, db: Path) -> list[str]:
    return [sys.executable, "-c", code, str(db)]


def test_killed_mid_import_holds_all_of_it_or_none(big: Big, tmp_path: Path) -> None:
    seen = {"none": 0, "all": 0, "while writing": 0}
    for n, at in _moments("import", big.import_s + 0.5):
        db = _copy(big.base, tmp_path / f"k{n}")
        _kill_at([sys.executable, str(ROOT / "main.py"), "--db", str(db), "import",
                  str(big.orders_file)], at)  # fmt: skip
        where = f"seed {SEED}, kill {n} at {at:.2f} s"
        wal = Path(f"{db}-wal")
        seen["while writing"] += wal.exists() and wal.stat().st_size > 1_000_000
        assert _opens(db) == ["ok"], where
        orders = count(db, f"SELECT COUNT(*) FROM orders WHERE {BIG}")
        items = count(db, f"SELECT COUNT(*) FROM order_items WHERE {BIG}")
        assert (orders, items) in {(0, 0), (big.orders, ROWS)}, where
        logged = count(db, "SELECT COUNT(*) FROM imports WHERE file_name = 'orders-200k.txt'")
        assert logged == (1 if orders else 0), where
        seen["all" if orders else "none"] += 1
    assert seen["none"] >= 1, f"seed {SEED}: no kill landed before the commit ({seen})"
    print(f"import kills: {seen}, whole import {big.import_s:.1f} s")


BACK_UP = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from storage.backup import back_up_now
db = Path(sys.argv[1])
back_up_now(db, db.parent / "backups", datetime(2026, 11, 20, 3, tzinfo=UTC))
"""


def test_killed_mid_backup_leaves_no_half_backup(big: Big, tmp_path: Path) -> None:
    from storage.backup import back_up_now, list_backups, validate

    for n, at in _moments("backup", 2.0):
        db = _copy(big.full, tmp_path / f"b{n}")
        _kill_at(_python(BACK_UP, db), at)
        where = f"seed {SEED}, kill {n} at {at:.2f} s"
        assert _opens(db) == ["ok"], where
        assert count(db, f"SELECT COUNT(*) FROM orders WHERE {BIG}") == big.orders, where
        for listed in list_backups(db.parent / "backups"):
            validate(listed.path)  # a listed backup is always whole
    from datetime import UTC, datetime

    made = back_up_now(db, db.parent / "backups", datetime(2026, 11, 21, 3, tzinfo=UTC))
    assert count(made, f"SELECT COUNT(*) FROM orders WHERE {BIG}") == big.orders


def _older_schema(db: Path) -> None:
    """The file as the previous version left it: without the last step's index."""
    from storage import migrations

    with closing(sqlite3.connect(str(db))) as conn:
        conn.execute("DROP INDEX orders_period")
        conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION - 1}")
        conn.commit()


def test_killed_mid_migration_is_at_the_old_or_the_new_schema(big: Big, tmp_path: Path) -> None:
    from storage.migrations import SCHEMA_VERSION

    for n, at in _moments("migration", 2.5):
        db = _copy(big.full, tmp_path / f"m{n}")
        _older_schema(db)
        _kill_at([sys.executable, str(ROOT / "main.py"), "--db", str(db), "deadlines"], at)
        where = f"seed {SEED}, kill {n} at {at:.2f} s"
        assert integrity(db) == ["ok"], where  # before the app's open migrates it
        version = count(db, "PRAGMA user_version")
        assert version in {SCHEMA_VERSION - 1, SCHEMA_VERSION}, where
        has_index = count(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'orders_period'")
        assert has_index == (version == SCHEMA_VERSION), where
        bak = db.with_name(f"{db.name}.pre-v{SCHEMA_VERSION}.bak")
        if bak.exists():  # a migration copy is whole or absent, never half
            assert integrity(bak) == ["ok"], where
            assert count(bak, "PRAGMA user_version") == SCHEMA_VERSION - 1, where
        assert count(db, f"SELECT COUNT(*) FROM orders WHERE {BIG}") == big.orders, where
        assert _opens(db) == ["ok"], where  # ... which then finishes the migration
        assert count(db, "PRAGMA user_version") == SCHEMA_VERSION, where
    assert cli(db, "deadlines").returncode == 0  # and the CLI answers on it
    assert count(db, "PRAGMA user_version") == SCHEMA_VERSION


PURGE = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from services.jobs import purge_old_pii
from storage.db import Store
purge_old_pii(Store(Path(sys.argv[1])), datetime(2027, 6, 1, tzinfo=UTC))
"""


def test_killed_mid_purge_erased_all_or_nothing(big: Big, tmp_path: Path) -> None:
    held = count(big.full, "SELECT COUNT(*) FROM orders WHERE ship_address_enc IS NOT NULL")
    assert held >= big.orders
    for n, at in _moments("purge", 3.0):
        db = _copy(big.full, tmp_path / f"p{n}")
        assert key_file_for(db).exists()
        _kill_at(_python(PURGE, db), at)
        where = f"seed {SEED}, kill {n} at {at:.2f} s"
        assert _opens(db) == ["ok"], where
        left = count(db, "SELECT COUNT(*) FROM orders WHERE ship_address_enc IS NOT NULL")
        assert left in {0, held}, where
        assert count(db, f"SELECT COUNT(*) FROM orders WHERE {BIG}") == big.orders, where
