"""Opening the SQLite file: WAL, timeouts, 0600 modes, versioned migrations.

Share the `Store`, never a `Database`: each thread gets its own connection
from `store.db`, and a connection used from another thread raises
(sqlite3's `check_same_thread` stays on).

Safe when several processes start on the same new file at once (the GUI, the
watched folder and a scripted `import`): each migration step runs under the
write lock (BEGIN IMMEDIATE, with a busy timeout) after reading the version
again, and the key is made under that lock too (storage/key_check.py). A file
that is damaged, foreign or too new is refused before anything touches it
(storage/db_file.py); one that cannot be written is opened read-only.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import sqlite_utils

from storage import migrations
from storage.cipher import PiiCipher
from storage.db_file import (
    DatabaseDamaged,
    DatabaseNotWritable,
    DatabaseTooNew,
    DatabaseUnusable,
    MigrationFailed,
    inspect,
    too_new_sentence,
)
from storage.keys import KeyStore

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DatabaseDamaged",
    "DatabaseNotWritable",
    "DatabaseTooNew",
    "DatabaseUnusable",
    "MigrationFailed",
    "Store",
    "backup_copy",
    "migrate",
    "open_db",
    "schema_version",
    "transaction",
]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
WAL_SWITCH_TRIES = 50


def open_db(path: Path, *, read_only: bool = False) -> sqlite_utils.Database:
    """Open (creating and migrating) the database for use in the calling thread.

    `read_only` opens an existing file as it is (never migrated, nothing written).
    """
    path = path.expanduser()
    if read_only:
        return sqlite_utils.Database(_connect_read_only(path))
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    _create_private(path)
    migrate(path)
    conn = _connect(path)
    _set_private_modes(path)
    return sqlite_utils.Database(conn)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=True)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    _set_wal(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    # Freed pages are zeroed: purged buyer data does not linger in the file.
    conn.execute("PRAGMA secure_delete = ON")
    # Bigger page cache: index upkeep of million-row imports; WAL keeps NORMAL safe.
    conn.execute("PRAGMA cache_size = -32000")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """`mode=ro` where SQLite can still share the file; `immutable=1` on a read-only volume
    (a WAL file there cannot get its -shm, and nothing can change it anyway)."""
    uri = path.resolve().as_uri()
    for flags in ("mode=ro", "immutable=1"):
        conn = sqlite3.connect(f"{uri}?{flags}", uri=True, check_same_thread=True)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            conn.close()
            continue
        if version != migrations.SCHEMA_VERSION:
            conn.close()
            raise DatabaseNotWritable(
                f"{path} is at schema {version} and this version needs schema "
                f"{migrations.SCHEMA_VERSION}, but it cannot be updated where it is (a "
                "read-only volume or a folder you cannot write to): copy it to a writable "
                "folder, or open it with the version that wrote it."
            )
        conn.execute("PRAGMA query_only = ON")
        return conn
    raise DatabaseNotWritable(
        f"Cannot open {path} read-only; copy it to a writable folder and open the copy."
    )


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL; a process migrating the same file may hold it briefly, so retry."""
    for attempt in range(WAL_SWITCH_TRIES):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == WAL_SWITCH_TRIES - 1:
                raise
            time.sleep(0.05 + 0.01 * attempt)


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
    step leaves the file at the previous version. The version is read again
    under the write lock before each step: a process that started at the same
    moment and already ran it is not repeated.
    """
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, factory=_StepConnection
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA secure_delete = ON")
        before = int(conn.execute("PRAGMA user_version").fetchone()[0])
        target = migrations.SCHEMA_VERSION
        if before > target:
            raise DatabaseTooNew(too_new_sentence(path, before))
        if before == target:
            return before
        _set_wal(conn)
        backed_up = before == 0  # a new file has nothing to keep
        while True:
            conn.execute("BEGIN IMMEDIATE")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version >= target:
                conn.execute("COMMIT")
                break
            if not backed_up:
                conn.execute("COMMIT")  # the backup API cannot read under our own write lock
                _back_up_before(conn, path, target)
                backed_up = True
                continue
            _run_step(conn, path, version)
        return before
    finally:
        conn.close()


def _back_up_before(conn: sqlite3.Connection, path: Path, target: int) -> None:
    """`<name>.pre-v<target>.bak`: a copy of the file as it was before any step ran.

    Taken outside the write lock, so a process migrating meanwhile may have moved the
    file on; the copy is kept only if the file is still at the version it copied
    (that process made the backup of the older state itself).
    """
    final = path.with_name(f"{path.name}.pre-v{target}.bak")
    copy = backup_copy(conn, final, rename=False)
    try:
        copied = schema_version(copy)
        conn.execute("BEGIN IMMEDIATE")
        try:
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) == copied:
                os.replace(copy, final)
        finally:
            conn.execute("COMMIT")
    finally:
        with suppress(FileNotFoundError):
            copy.unlink()


def _run_step(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Step `version` and its user_version bump in the open transaction; commit or undo."""
    step = migrations.MIGRATIONS[version]
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


def backup_copy(conn: sqlite3.Connection, target: Path, *, rename: bool = True) -> Path:
    """Copy a live database with the online backup API (consistent under WAL).

    The copy is written beside the target under a name of its own and renamed into
    place when whole (`rename=False` returns that copy), so a crash or a process
    copying at the same time never leaves half a copy under the target's name.
    """
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.partial")
    with suppress(FileNotFoundError):
        partial.unlink()
    fd = os.open(partial, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            dst.execute("PRAGMA journal_mode = DELETE")
            conn.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # the copied header says WAL
        finally:
            dst.close()
        os.chmod(partial, 0o600)
        if not rename:
            return partial
        os.replace(partial, target)
    except BaseException:
        with suppress(FileNotFoundError):
            partial.unlink()
        raise
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
    """The one object to share between threads: path, key and per-thread connections.

    `read_only` (None: decided by looking at the file) opens an existing database
    without ever writing it: a read-only volume or a folder without write permission
    still shows its data. A damaged, foreign or too new file raises a
    DatabaseUnusable whose sentence names the file and what to do.
    """

    def __init__(
        self, path: Path, key_store: KeyStore | None = None, *, read_only: bool | None = None
    ) -> None:
        self.path = path.expanduser()
        state = inspect(self.path)
        if read_only is None:
            read_only = state.read_only
        if read_only and not state.has_data:
            raise DatabaseNotWritable(
                f"Cannot create the database {self.path}: its folder is on a read-only "
                "volume or you cannot write to it."
            )
        self.read_only = read_only
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
            db = open_db(self.path, read_only=self.read_only)
            self._local.db = db
        return db

    @property
    def cipher(self) -> PiiCipher:
        """The PII cipher. A missing or different key gives one that shows placeholders
        and refuses to encrypt (`key_problem` says why), rather than raising."""
        from storage.key_check import open_cipher

        with self._cipher_lock:
            if self._cipher is None:
                self._cipher, self.key_problem = open_cipher(
                    self.db, self.key_store, read_only=self.read_only
                )
                if self.key_problem is None and not self.read_only:
                    from storage.migrations.keyed import run_keyed_steps

                    run_keyed_steps(self.db, self.path, self._cipher)  # data steps needing the key
            return self._cipher

    def forget_key(self) -> None:
        """Look for the key again at next use (a key backup was imported, a keyring unlocked)."""
        with self._cipher_lock:
            self._cipher = None
            self.key_problem = None
            self.key_store.forget()

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
