"""Opening the SQLite file: WAL, timeouts, 0600 modes, versioned migrations.

Share the `Store`, never a `Database`: each thread gets its own connection
from `store.db`, and a connection used from another thread raises
(sqlite3's `check_same_thread` stays on).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import sqlite_utils

from storage import migrations
from storage.cipher import PLACEHOLDER, PiiCipher
from storage.keys import KeyStore

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
KEY_CHECK_SETTING = "pii_key_check"
_KEY_CHECK_TEXT = "account-health-monitor pii key check"


class DatabaseTooNew(Exception):
    """The file was written by a newer app; opening it could damage it."""


class MigrationFailed(Exception):
    """A schema step failed; the file was left at its previous version."""


def open_db(path: Path) -> sqlite_utils.Database:
    """Open (creating and migrating) the database for use in the calling thread."""
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    _create_private(path)
    migrate(path)
    conn = _connect(path)
    _set_private_modes(path)
    return sqlite_utils.Database(conn)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=True)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    # Bigger page cache: index upkeep of million-row imports; WAL keeps NORMAL safe.
    conn.execute("PRAGMA cache_size = -32000")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _create_private(path: Path) -> None:
    """Create an empty file with mode 0600 before SQLite creates it 0644."""
    if not path.exists():
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)


def _set_private_modes(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with suppress(FileNotFoundError):
            os.chmod(p, 0o600)


def schema_version(path: Path) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def migrate(path: Path) -> int:
    """Bring the file to SCHEMA_VERSION; returns the version it had before.

    A file with data is first copied to `<name>.pre-v<N>.bak`. Each step runs
    in its own transaction together with its user_version bump, so a failing
    step leaves the file at the previous version.
    """
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, factory=_StepConnection
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        target = migrations.SCHEMA_VERSION
        if current > target:
            raise DatabaseTooNew(
                f"{path} was written by a newer version of Account Health Monitor "
                f"(schema {current}, this version reads up to {target}); "
                "update the app or choose another database file."
            )
        if current == target:
            return current
        conn.execute("PRAGMA journal_mode = WAL")
        if current > 0:
            backup_copy(conn, path.with_name(f"{path.name}.pre-v{target}.bak"))
        for version in range(current, target):
            step = migrations.MIGRATIONS[version]
            conn.execute("BEGIN IMMEDIATE")
            try:
                step(conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                log.exception("schema step %d of %s failed", version + 1, path)
                if isinstance(exc, Exception):
                    raise MigrationFailed(
                        f"Updating {path} to schema {version + 1} failed ({exc}); "
                        f"the file was left at schema {version}."
                    ) from exc
                raise
        return current
    finally:
        conn.close()


def backup_copy(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database with the online backup API (consistent under WAL)."""
    if target.exists():
        target.unlink()
    fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    dst = sqlite3.connect(str(target))
    try:
        conn.backup(dst)
    finally:
        dst.close()
    os.chmod(target, 0o600)
    return target


class _StepConnection(sqlite3.Connection):
    """A connection whose executescript stays inside the open transaction.

    sqlite3's executescript commits first; migration steps use it, and a step
    must be all-or-nothing, so here the script is split into statements.
    """

    def executescript(self, sql_script: str, /) -> sqlite3.Cursor:
        cursor = self.cursor()
        pending = ""
        for piece in sql_script.split(";"):
            pending += piece + ";"
            if sqlite3.complete_statement(pending):
                if pending.strip(" \t\r\n;"):
                    cursor.execute(pending)
                pending = ""
        if pending.strip(" \t\r\n;"):
            cursor.execute(pending)
        return cursor


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any exception; nests as a savepoint.

    IMMEDIATE takes the write lock up front, so two writers wait (busy
    timeout) instead of failing half way with SQLITE_BUSY.
    """
    conn = db.conn
    if conn.in_transaction:
        conn.execute("SAVEPOINT ahm_nested")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK TO SAVEPOINT ahm_nested")
                conn.execute("RELEASE SAVEPOINT ahm_nested")
            raise
        conn.execute("RELEASE SAVEPOINT ahm_nested")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Store:
    """The one object to share between threads: path, key and per-thread connections."""

    def __init__(self, path: Path, key_store: KeyStore | None = None) -> None:
        self.path = path.expanduser()
        self.key_store = key_store if key_store is not None else KeyStore(self.path)
        self._local = threading.local()
        self._cipher: PiiCipher | None = None
        self._cipher_lock = threading.Lock()
        self.key_problem: str | None = None
        # Open once here so a too-new or broken file fails at startup, not in a job.
        self.db  # noqa: B018

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection, opened on first use in the thread."""
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            db = open_db(self.path)
            self._local.db = db
        return db

    @property
    def cipher(self) -> PiiCipher:
        """The PII cipher; a lost key gives placeholders, never an exception."""
        with self._cipher_lock:
            if self._cipher is None:
                self._cipher = self._make_cipher()
            return self._cipher

    def _make_cipher(self) -> PiiCipher:
        db = self.db
        row = db.execute("SELECT value FROM settings WHERE key = ?", [KEY_CHECK_SETTING]).fetchone()
        try:
            cipher = PiiCipher(self.key_store.key(existing_data=row is not None))
        except (ValueError, OSError) as exc:
            # A throwaway key: metrics keep working, PII reads show placeholders.
            self.key_problem = (
                f"The encryption key cannot be used ({exc}); buyer details cannot be shown."
            )
            log.error("%s", self.key_problem)
            return PiiCipher(os.urandom(32))
        self._check_key(cipher, None if row is None else str(row[0]))
        if self.key_problem is None:
            from storage.migrations.keyed import run_keyed_steps

            run_keyed_steps(db, self.path, cipher)  # the data steps that need the key
        return cipher

    def _check_key(self, cipher: PiiCipher, stored: str | None) -> None:
        """Remember a probe encrypted with the key, to notice a different key later."""
        db = self.db
        if stored is None:
            blob = cipher.encrypt(_KEY_CHECK_TEXT)
            assert blob is not None
            with transaction(db):
                db.execute(
                    "INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)",
                    [KEY_CHECK_SETTING, f'"{blob.hex()}"'],
                )
            return
        try:
            probe = bytes.fromhex(stored.strip('"'))
        except ValueError:
            probe = b"?"
        if cipher.decrypt(probe) == PLACEHOLDER:
            self.key_problem = (
                "The encryption key of this database is missing or different; "
                "buyer details imported earlier cannot be shown."
            )
            log.error("%s (%s)", self.key_problem, self.path)

    def close(self) -> None:
        """Close this thread's connection (other threads close their own)."""
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is not None:
            db.conn.close()
            self._local.db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
