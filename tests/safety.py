"""Shared by the fault tests: the CLI in a child process, real volumes, file fingerprints.

Every fault test drives `main.py` in child processes on real files with the real
migration code. A keyring is chosen per child with PYTHON_KEYRING_BACKEND: by default
none (so the key lives in the key file beside the database), or a file-backed one
several processes share (tests/fixtures/file_keyring.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "samples"
SELLER_A = SAMPLES / "seller-a"
NO_KEYRING = "keyring.backends.fail.Keyring"
FILE_KEYRING = "tests.fixtures.file_keyring.FileKeyring"
LOCKED_KEYRING = "tests.fixtures.file_keyring.LockedKeyring"
AS_OF = "2026-11-20T15:00:00Z"


def child_env(keyring_backend: str = NO_KEYRING, keyring_dir: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "AHM_DB"}
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND=keyring_backend,
        QT_QPA_PLATFORM="offscreen",
    )
    if keyring_dir is not None:
        env["AHM_TEST_KEYRING"] = str(keyring_dir)
    return env


def cli(
    db: Path,
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """`main.py --db DB ARGS...` in a child process."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        cwd=ROOT,
        env=env or child_env(),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(db: Path) -> list[str]:
    """What SQLite or a migration would leave beside the file."""
    names = [f"{db.name}-wal", f"{db.name}-shm", f"{db.name}-journal"]
    found = [n for n in names if (db.parent / n).exists()]
    return found + sorted(p.name for p in db.parent.glob(f"{db.name}.pre-v*.bak"))


def table_digest(db: Path, tables: Sequence[str] = ("orders", "order_items", "feedback")) -> str:
    """A fingerprint of the data tables' rows (unchanged means nothing was written)."""
    digest = hashlib.sha256()
    with closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def integrity(db: Path) -> list[str]:
    with closing(sqlite3.connect(str(db))) as conn:
        return [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]


def count(db: Path, sql: str) -> int:
    with closing(sqlite3.connect(str(db))) as conn:
        return int(conn.execute(sql).fetchone()[0])


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextmanager
def tmpfs(where: Path, size: str = "8m") -> Iterator[Path]:
    """A small tmpfs volume at `where` (skips the test where mounting is not allowed)."""
    where.mkdir(parents=True, exist_ok=True)
    if not _mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)):
        pytest.skip("mounting a tmpfs needs root (mount -t tmpfs); not allowed here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount_read_only(where: Path) -> None:
    assert _mount("-o", "remount,ro", str(where)), f"cannot remount {where} read-only"


@contextmanager
def read_only_bind(folder: Path, where: Path) -> Iterator[Path]:
    """`folder` seen read-only at `where` (a bind mount): what a folder without write
    permission is for a normal user (root ignores permission bits, not a read-only mount)."""
    where.mkdir(parents=True, exist_ok=True)
    if not _mount("--bind", str(folder), str(where)):
        pytest.skip("bind mounts need root; not allowed here")
    try:
        remount = _mount("-o", "remount,bind,ro", str(where))
        assert remount, "cannot make the bind mount read-only"
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def orders_file(path: Path, rows: int, prefix: str = "900") -> int:
    """An All Orders file of `rows` lines (1-2 items per order) with ship-to PII in each;
    returns the number of distinct orders. Order ids start with `prefix`."""
    from storage.reports.orders.parse import CURRENT_HEADER

    header = list(CURRENT_HEADER)
    cities = (("Boise", "ID", "83702"), ("Tucson", "AZ", "85701"), ("Austin", "TX", "78701"))
    orders = 0
    written = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\n")
        while written < rows:
            orders += 1
            oid = f"{prefix}-{orders // 10_000_000:07d}-{orders % 10_000_000:07d}"
            day = 1 + orders % 28
            city, state, postal = cities[orders % 3]
            for item in range(min(1 + orders % 2, rows - written)):
                cells = dict.fromkeys(header, "")
                cells.update(
                    {
                        "amazon-order-id": oid,
                        "purchase-date": f"2026-10-{day:02d}T10:00:00+00:00",
                        "last-updated-date": f"2026-10-{day:02d}T12:00:00+00:00",
                        "order-status": "Shipped",
                        "fulfillment-channel": "Merchant" if orders % 4 else "Amazon",
                        "sales-channel": "Amazon.com",
                        "product-name": "Whisk",
                        "sku": f"KT-{item}",
                        "asin": f"B0WH1SK00{item}",
                        "item-status": "Shipped",
                        "quantity": "1",
                        "currency": "USD",
                        "item-price": "9.49",
                        "ship-city": city,
                        "ship-state": state,
                        "ship-postal-code": postal,
                        "ship-country": "US",
                    }
                )
                fh.write("\t".join(cells[h] for h in header) + "\n")
                written += 1
    return orders
