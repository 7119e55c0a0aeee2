"""Looking at the database file before opening it: damaged, foreign, too new or read-only.

The look changes nothing: the header is read as bytes and the schema through an
`immutable=1` connection, which takes no lock and creates no -wal or -shm file. A
file that fails it is refused with a sentence naming its full path and what to do,
and is left byte for byte as it was (no migration, no copy of it).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
import time
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from storage.migrations import SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
OUR_TABLES = frozenset({"settings", "orders", "imports"})
LOOKS = 7  # about 1.3 s of looking again at a file that is being written
BUSY_S = 5.0


class DatabaseUnusable(Exception):
    """The database cannot be opened for use; `str()` is one sentence for the seller."""


class DatabaseTooNew(DatabaseUnusable):
    """The file was written by a newer app; opening it could damage it."""


class MigrationFailed(DatabaseUnusable):
    """A schema step failed; the file was left at its previous version."""


class DatabaseDamaged(DatabaseUnusable):
    """Not a database of ours, or a damaged one: left untouched."""

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        super().__init__(damaged_sentence(path, what))


class DatabaseNotWritable(DatabaseUnusable):
    """The file or its folder cannot be written (a read-only volume, no permission)."""


@dataclass(frozen=True, slots=True)
class FileState:
    """What the look found: whether data exists, its schema, and whether it can be written."""

    has_data: bool
    version: int
    read_only: bool


def newest_backup(path: Path) -> Path | None:
    """The newest backup in the default folder beside the database (a damaged file
    cannot tell us about a folder chosen in its settings)."""
    from storage.backup import default_backup_dir, list_backups

    found = [b for b in list_backups(default_backup_dir(path)) if b.kind == "backup"]
    return found[0].path if found else None


def damaged_sentence(path: Path, what: str) -> str:
    newest = newest_backup(path)
    restore = (
        f"restore the newest backup, {newest} (the app offers it when it starts, or copy it "
        "over the file)"
        if newest is not None
        else "restore a backup of it if you have one"
    )
    return (
        f"{path} {what}, so it was not opened and was left exactly as it is: {restore}, "
        "or choose another database file with --db."
    )


def writable(path: Path) -> bool:
    """Whether SQLite can write here: the file (if any) and its folder, on a writable volume."""
    folder = path.parent
    if not folder.exists():
        return writable(folder) if folder.parent != folder else False
    if sys.platform != "win32" and os.statvfs(folder).f_flag & os.ST_RDONLY:
        return False
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK)


def inspect(path: Path) -> FileState:
    """Look at the file without changing it; raises DatabaseDamaged / DatabaseTooNew.

    A file another process is creating or writing this very moment can look damaged
    for a few milliseconds (the look takes no lock): one changed in the last seconds
    is looked at again, a little later, before it is called damaged.
    """
    for attempt in range(LOOKS):
        try:
            return _inspect(path)
        except DatabaseDamaged:
            if attempt == LOOKS - 1 or not _just_changed(path):
                raise
            time.sleep(0.02 * 2**attempt)
    raise AssertionError("unreachable")


def _just_changed(path: Path) -> bool:
    now = time.time()
    for suffix in ("", "-wal", "-journal"):
        with suppress(OSError):
            if now - Path(f"{path}{suffix}").stat().st_mtime < BUSY_S:
                return True
    return False


def _inspect(path: Path) -> FileState:
    read_only = not writable(path)
    if not path.exists():
        return FileState(False, 0, read_only)
    if path.is_dir():
        raise DatabaseDamaged(path, "is a folder, not a database file")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise DatabaseNotWritable(f"Cannot read the database {path}: {exc.strerror}.") from exc
    if not header.strip(b"\0"):  # empty, or being created right now
        return FileState(False, 0, read_only)
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        raise DatabaseDamaged(path, "is not an SQLite database (another kind of file)")
    if not _has_wal(path):  # pages a checkpoint could not write (disk full) are in the WAL
        _check_size(path, header, size)
    version, tables = _schema(path)
    if (version > SCHEMA_VERSION or not _ours(version, tables)) and _has_wal(path):
        version, tables = _schema(path, "mode=ro")  # a live file: believe the WAL's view
    if version > SCHEMA_VERSION:
        raise DatabaseTooNew(too_new_sentence(path, version))
    if not _ours(version, tables):
        raise DatabaseDamaged(path, "is an SQLite database of another program")
    return FileState(version > 0, version, read_only)


def too_new_sentence(path: Path, version: int) -> str:
    return (
        f"{path} was written by a newer version of Account Health Monitor "
        f"(schema {version}, this version reads up to {SCHEMA_VERSION}); "
        "update the app or choose another database file."
    )


def _has_wal(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def _check_size(path: Path, header: bytes, size: int) -> None:
    """A file shorter than the page count its header promises was cut off."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseDamaged(path, "is damaged (its header is not valid)")
    pages = int.from_bytes(header[28:32], "big")
    counter_ok = header[24:28] == header[92:96]  # the page count is valid only then
    if size < page_size or (counter_ok and pages and size < pages * page_size):
        raise DatabaseDamaged(
            path, f"is truncated ({size:,} of {max(pages, 1) * page_size:,} bytes are there)"
        )


def _ours(version: int, tables: set[str]) -> bool:
    """A new file (no schema yet) or one with this app's tables."""
    return (version == 0 and not tables) or tables >= OUR_TABLES


def _schema(path: Path, flags: str = "immutable=1") -> tuple[int, set[str]]:
    """user_version and table names, read without locks or side files (and again through
    the WAL when a live -wal file may hold pages the main file does not have yet)."""
    try:
        return _read_schema(path, flags)
    except sqlite3.DatabaseError as first:
        if flags == "mode=ro" or not _has_wal(path):
            raise DatabaseDamaged(path, f"is damaged ({first})") from first
        return _schema(path, "mode=ro")


def _read_schema(path: Path, flags: str) -> tuple[int, set[str]]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)) as conn:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {
            str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    return version, tables


def needs_update(path: Path) -> bool:
    """Whether opening `path` will run a schema step or a keyed data step (the window then
    says it is updating, not just opening): a quick read-only look, False when unsure."""
    from storage.migrations.keyed import PII_FORMAT, PII_FORMAT_SETTING

    if not path.is_file():
        return False
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if 0 < version < SCHEMA_VERSION:
                return True
            if version == 0:
                return False
            row = conn.execute(
                "SELECT value FROM settings WHERE key = ?", [PII_FORMAT_SETTING]
            ).fetchone()
            has_data = conn.execute("SELECT 1 FROM imports LIMIT 1").fetchone() is not None
    except (sqlite3.Error, OSError, ValueError):
        return False
    try:
        done = int(str(row[0]).strip('"')) if row else 0
    except ValueError:
        done = 0
    return has_data and done < PII_FORMAT


def explain(exc: BaseException, path: Path) -> str | None:
    """The sentence for a storage failure the seller can act on, else None."""
    text = str(exc).lower()
    if isinstance(exc, DatabaseUnusable):
        return str(exc)
    if "disk is full" in text or (isinstance(exc, OSError) and exc.errno == errno.ENOSPC):
        return (
            f"The disk holding {path.parent} is full, so nothing was changed; free some "
            "space and try again."
        )
    if (
        "readonly" in text
        or "read-only" in text
        or (isinstance(exc, OSError) and exc.errno == errno.EROFS)
    ):
        return read_only_sentence(path)
    if isinstance(exc, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text):
        return damaged_sentence(path, f"is damaged ({exc})")
    return None


def read_only_sentence(path: Path) -> str:
    return (
        f"{path} is on a read-only volume or in a folder you cannot write to: its data can "
        "be read, but nothing can be imported or changed until it is writable again."
    )
