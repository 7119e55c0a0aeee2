"""Online backups of the database, their rotation, and a validated restore.

Backups use SQLite's online backup API, so the copy is consistent while the
app writes through WAL. A copy is written under a hidden name and gets its
listed name only when whole, so a crash mid-copy never leaves half a backup.
Rotation only ever deletes files this module named (`backup-<UTC timestamp>.sqlite3`);
storage/backup_retention.py deletes the safety copies and purges buyer data from
backups; anything else in the folder is left alone.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import threading
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import sqlite_utils

from storage.migrations import SCHEMA_VERSION

log = logging.getLogger(__name__)

BACKUP_PREFIX = "backup-"
PRE_RESTORE_PREFIX = "pre-restore-"
SUFFIX = ".sqlite3"
PARTIAL_SUFFIX = ".partial"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(backup|pre-restore)-(\d{8}T\d{6}Z)(?:-(\d+))?\.sqlite3$")


class RestoreRefused(Exception):
    """The chosen file is not a usable backup; `str()` is a sentence for the seller."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    kind: str  # "backup" (nightly / manual) or "pre-restore" (kept before a restore)
    size: int


BACKUP_DIR_SETTING = "backup_dir"
"""Settings key of a folder the seller chose for backups (empty: the default)."""
BACKUP_KEEP_DAILY_SETTING = "backup_keep_daily"
BACKUP_KEEP_WEEKLY_SETTING = "backup_keep_weekly"
"""Settings keys of the rotation (KEEP_DAILY / KEEP_WEEKLY when unset)."""


def default_backup_dir(db_path: Path) -> Path:
    """`<data folder>/backups`, beside the database file."""
    return db_path.expanduser().parent / "backups"


def chosen_backup_dir(db: sqlite_utils.Database, db_path: Path) -> Path:
    """The folder the nightly job and Settings use: the chosen one, else the default."""
    from storage.repository.settings import get_setting

    chosen = get_setting(db, BACKUP_DIR_SETTING)
    return Path(chosen).expanduser() if chosen else default_backup_dir(db_path)


def back_up_now(
    db_path: Path,
    backup_dir: Path,
    now: datetime,
    *,
    keep_daily: int = KEEP_DAILY,
    keep_weekly: int = KEEP_WEEKLY,
) -> Path:
    """Copy the live database into `backup_dir` (mode 0600), then rotate old backups
    and delete the safety copies this newer backup replaces."""
    from storage.backup_retention import prune_safety_copies

    target = _copy_to_new_file(db_path, backup_dir, BACKUP_PREFIX, now)
    rotate(backup_dir, keep_daily=keep_daily, keep_weekly=keep_weekly, keep=target)
    prune_safety_copies(db_path, backup_dir)
    return target


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Backups this module made, newest first; other files are ignored."""
    if not backup_dir.is_dir():
        return []
    found: list[tuple[datetime, int, BackupInfo]] = []
    for path in backup_dir.iterdir():
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        taken = datetime.strptime(match.group(2), _STAMP).replace(tzinfo=UTC)
        info = BackupInfo(path, taken, match.group(1), path.stat().st_size)
        found.append((taken, int(match.group(3) or 1), info))
    found.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [info for _, _, info in found]


def rotate(
    backup_dir: Path,
    *,
    keep_daily: int = KEEP_DAILY,
    keep_weekly: int = KEEP_WEEKLY,
    keep: Path | None = None,
) -> list[Path]:
    """Keep the newest backup of each of the last `keep_daily` days and `keep_weekly` weeks.

    Only `backup-*` files are candidates: pre-restore copies and foreign files stay.
    Returns the deleted paths.
    """
    backups = [b for b in list_backups(backup_dir) if b.kind == "backup"]
    kept: set[Path] = set() if keep is None else {keep}
    days: set[date] = set()
    weeks: set[tuple[int, int]] = set()
    for b in backups:  # newest first, so the first of each day/week is its newest
        day = b.taken_at.date()
        week = (b.taken_at.isocalendar()[0], b.taken_at.isocalendar()[1])
        if day not in days and len(days) < keep_daily:
            kept.add(b.path)
        days.add(day)
        if week not in weeks and len(weeks) < keep_weekly:
            kept.add(b.path)
        weeks.add(week)
    deleted = []
    for b in backups:
        if b.path not in kept:
            with suppress(FileNotFoundError):
                b.path.unlink()
                deleted.append(b.path)
    return deleted


def validate(backup_file: Path) -> None:
    """Raise RestoreRefused unless the file is an intact database this app can open."""
    name = backup_file.name
    if not backup_file.is_file():
        raise RestoreRefused(f"{name} cannot be restored: the file does not exist.")
    try:
        with closing(sqlite3.connect(f"{backup_file.resolve().as_uri()}?mode=ro", uri=True)) as c:
            check = [str(r[0]) for r in c.execute("PRAGMA integrity_check").fetchall()]
            version = int(c.execute("PRAGMA user_version").fetchone()[0])
            has_orders = c.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'orders'"
            ).fetchone()
    except sqlite3.Error as exc:
        raise RestoreRefused(
            f"{name} cannot be restored: it is not a readable database ({exc})."
        ) from exc
    if check != ["ok"]:
        raise RestoreRefused(f"{name} cannot be restored: the file is damaged ({check[0]}).")
    if version > SCHEMA_VERSION:
        raise RestoreRefused(
            f"{name} cannot be restored: it was written by a newer version of the app "
            f"(schema {version}, this version reads up to {SCHEMA_VERSION})."
        )
    if not has_orders:
        raise RestoreRefused(f"{name} cannot be restored: it is not an Account Health backup.")


def restore(db_path: Path, backup_file: Path, backup_dir: Path, now: datetime) -> Path:
    """Replace the database with a validated backup; returns the copy kept of the old data.

    The caller must close every connection to `db_path` first (`Store.close()`
    in each thread) and reopen afterwards, which migrates an older backup.
    When there was no database yet, nothing is kept and `db_path` is returned.
    A damaged or foreign file is moved aside whole (with its -wal and -shm) as the
    kept copy, since SQLite cannot copy it or write into it.
    """
    validate(backup_file)
    kept = db_path
    moved = db_path.exists() and not _usable(db_path)
    if moved:
        kept = _move_aside(db_path, backup_dir, now)
    elif db_path.exists():
        kept = _keep_current(db_path, backup_dir, now)
    try:
        _copy_into(backup_file, db_path)
        validate(db_path)
    except (sqlite3.Error, RestoreRefused) as exc:
        log.exception("restore of %s failed", backup_file)
        if moved:
            os.replace(kept, db_path)
        elif kept != db_path:
            _copy_into(kept, db_path)
        raise RestoreRefused(
            f"{backup_file.name} could not be restored ({exc}); your current data was kept."
        ) from exc
    return kept


def _usable(db_path: Path) -> bool:
    from storage.db_file import DatabaseUnusable, inspect

    try:
        inspect(db_path)
    except DatabaseUnusable:
        return False
    return True


def _move_aside(db_path: Path, backup_dir: Path, now: datetime) -> Path:
    """The unreadable file itself becomes the pre-restore copy (renamed, never rewritten)."""
    target = _new_file(backup_dir, PRE_RESTORE_PREFIX, now)
    try:
        os.replace(db_path, target)
    except OSError:  # another volume: copy byte for byte instead
        shutil.copyfile(db_path, target)
        db_path.unlink()
    for suffix in ("-wal", "-shm", "-journal"):
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            shutil.move(side, Path(f"{target}{suffix}"))
    return target


def _keep_current(db_path: Path, backup_dir: Path, now: datetime) -> Path:
    """Safety copy before a restore; a live file SQLite cannot copy is copied byte for byte."""
    try:
        return _copy_to_new_file(db_path, backup_dir, PRE_RESTORE_PREFIX, now)
    except sqlite3.Error:
        log.warning("online copy of %s failed; copying the raw file", db_path, exc_info=True)
        target = _new_file(backup_dir, PRE_RESTORE_PREFIX, now)
        shutil.copyfile(db_path, target)
        return target


def _new_file(backup_dir: Path, prefix: str, now: datetime, source: Path | None = None) -> Path:
    """A timestamped, never-overwriting 0600 name in `backup_dir`.

    Without `source` an empty file is created under it; with one, `source` (a whole
    copy written aside) is linked in under the name, so a listed backup is never half
    written.
    """
    backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = now.astimezone(UTC).strftime(_STAMP)
    for n in range(1, 1000):
        target = backup_dir / f"{prefix}{stamp}{'' if n == 1 else f'-{n}'}{SUFFIX}"
        try:
            if source is None:
                os.close(os.open(target, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
            else:
                os.link(source, target)
        except FileExistsError:
            continue
        return target
    raise FileExistsError(f"too many backups named {prefix}{stamp} in {backup_dir}")


def partial_name(backup_dir: Path, prefix: str) -> Path:
    """Where a copy is written before it gets its name (hidden; never listed or rotated)."""
    return backup_dir / f".{prefix}{os.getpid()}-{threading.get_ident()}{PARTIAL_SUFFIX}"


def _copy_to_new_file(db_path: Path, backup_dir: Path, prefix: str, now: datetime) -> Path:
    backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = partial_name(backup_dir, prefix)
    try:
        os.close(os.open(partial, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600))
        with closing(sqlite3.connect(str(db_path), timeout=5)) as src:
            _backup(src, partial)
        os.chmod(partial, 0o600)
        return _new_file(backup_dir, prefix, now, source=partial)
    finally:
        with suppress(FileNotFoundError):
            partial.unlink()


def _copy_into(source: Path, target: Path) -> None:
    """Overwrite `target` page by page from `source` (a rollback-journal copy)."""
    with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as src:
        if not target.exists():
            fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o600)
            os.close(fd)
        _backup(src, target)


def _backup(src: sqlite3.Connection, target: Path) -> None:
    """Backup API into `target`, leaving a single self-contained file (no -wal)."""
    with closing(sqlite3.connect(str(target), timeout=5)) as dst:
        dst.execute("PRAGMA secure_delete = ON")
        dst.execute("PRAGMA journal_mode = DELETE")
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
