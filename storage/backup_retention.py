"""Buyer data in copies of the database: purged like the live file, and copies not kept for ever.

Backups are copies of the database, so the nightly purge runs over each of them too
(`purge_backups`): buyer data erased from the live database is erased from its
backups the same night. The safety copies made before a restore (`pre-restore-*`)
and before a migration (`<db>.pre-vN.bak`) are deleted once the operation they
guarded has succeeded and a newer backup exists (`prune_safety_copies`); a copy
left half-written by a crash is deleted at the next backup.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing, suppress
from pathlib import Path

import sqlite_utils

from storage.backup import PARTIAL_SUFFIX, list_backups
from storage.migrations import SCHEMA_VERSION

log = logging.getLogger(__name__)

STALE_PARTIAL_S = 15 * 60
"""A half-written copy untouched this long belongs to a process that died."""
_BAK = re.compile(r"\.pre-(v|pii)(\d+)\.bak$")
"""Migration copies: `.pre-vN` before schema step N, `.pre-piiN` before the keyed data
step N (storage/migrations/keyed.py), which holds the old plaintext comments and notes."""

Purge = Callable[[sqlite_utils.Database], int]


def purge_backups(backup_dir: Path, purge: Purge) -> int:
    """Run `purge` (the live database's purge) over every backup; returns rows cleared.

    A backup of an older schema is left alone (the purge's columns may not exist
    there); it rotates out like the others.
    """
    cleared = 0
    for backup in list_backups(backup_dir):
        try:
            with closing(sqlite3.connect(str(backup.path), timeout=5)) as conn:
                conn.execute("PRAGMA secure_delete = ON")
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if version != SCHEMA_VERSION:
                    log.info("backup %s is at schema %d: not purged", backup.path, version)
                    continue
                done = purge(sqlite_utils.Database(conn))
                conn.commit()
                cleared += done
        except sqlite3.Error:
            log.warning("purging buyer data from %s failed", backup.path, exc_info=True)
    return cleared


def prune_safety_copies(db_path: Path, backup_dir: Path) -> list[Path]:
    """Delete safety copies whose operation is over and which a newer backup replaces.

    Pre-restore copies older than the newest backup; migration copies once the
    database reached their version and is older than the newest backup; copies a
    crash left half-written. Returns what was deleted.
    """
    found = list_backups(backup_dir)
    backups = [b for b in found if b.kind == "backup"]
    deleted = _stale_partials(backup_dir) + _stale_partials(db_path.parent)
    if not backups:
        return deleted
    newest = backups[0].taken_at
    for copy in found:
        if copy.kind == "pre-restore" and copy.taken_at < newest:
            deleted += _unlink(copy.path, "-wal", "-shm", "-journal")
    reached = {"v": _version(db_path), "pii": _pii_format(db_path)}
    for bak in db_path.parent.glob(f"{db_path.name}.pre-*.bak"):
        match = _BAK.search(bak.name)
        if match is None or reached[match.group(1)] < int(match.group(2)):
            continue  # that migration has not succeeded (yet)
        if bak.stat().st_mtime < newest.timestamp():
            deleted += _unlink(bak)
    return deleted


def _pii_format(db_path: Path) -> int:
    """How many keyed data steps the database has done (0 when unknown)."""
    try:
        with closing(sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)) as c:
            row = c.execute("SELECT value FROM settings WHERE key = 'pii_format'").fetchone()
    except sqlite3.Error:
        return 0
    try:
        return int(str(row[0]).strip('"')) if row else 0
    except ValueError:
        return 0


def _version(db_path: Path) -> int:
    try:
        with closing(sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)) as c:
            return int(c.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return 0


def _stale_partials(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    limit = time.time() - STALE_PARTIAL_S
    stale = []
    for path in folder.glob(f".*{PARTIAL_SUFFIX}"):
        with suppress(FileNotFoundError):
            if path.stat().st_mtime < limit:
                stale += _unlink(path)
    return stale


def _unlink(path: Path, *sides: str) -> list[Path]:
    gone = []
    for p in (path, *(Path(f"{path}{s}") for s in sides)):
        with suppress(FileNotFoundError):
            p.unlink()
            gone.append(p)
    if gone:
        log.info("deleted safety copy %s", path)
    return gone
