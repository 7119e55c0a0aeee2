"""Backups: where they go, how many are kept, Back up now, and Restore.

The settings keys are storage.backup's, the ones the nightly job reads, so Settings
and the job cannot disagree about the folder or the rotation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from services.changes import Changes
from storage import backup
from storage.backup import (
    BACKUP_DIR_SETTING,
    BACKUP_KEEP_DAILY_SETTING,
    BACKUP_KEEP_WEEKLY_SETTING,
    KEEP_DAILY,
    KEEP_WEEKLY,
    default_backup_dir,
    list_backups,
)
from storage.db import Store
from storage.repository.settings import get_setting, set_setting


@dataclass(frozen=True, slots=True)
class BackupPrefs:
    """The folder the seller chose ("" = beside the database) and the rotation."""

    folder: str = ""
    keep_daily: int = KEEP_DAILY
    keep_weekly: int = KEEP_WEEKLY

    def folder_for(self, db_path: Path) -> Path:
        return Path(self.folder).expanduser() if self.folder else default_backup_dir(db_path)


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What a backup folder holds: how many of our backups, and when the newest was taken."""

    folder: Path
    count: int = 0
    latest: datetime | None = None


@dataclass(frozen=True, slots=True)
class BackupMade:
    path: Path
    summary: BackupSummary


def backup_prefs(store: Store) -> BackupPrefs:
    db = store.db
    chosen = get_setting(db, BACKUP_DIR_SETTING)
    return BackupPrefs(
        str(chosen) if chosen else "",
        int(get_setting(db, BACKUP_KEEP_DAILY_SETTING, KEEP_DAILY)),
        int(get_setting(db, BACKUP_KEEP_WEEKLY_SETTING, KEEP_WEEKLY)),
    )


def save_backup_prefs(store: Store, prefs: BackupPrefs) -> Changes:
    db = store.db
    folder = str(Path(prefs.folder).expanduser()) if prefs.folder else None
    set_setting(db, BACKUP_DIR_SETTING, folder)
    set_setting(db, BACKUP_KEEP_DAILY_SETTING, prefs.keep_daily)
    set_setting(db, BACKUP_KEEP_WEEKLY_SETTING, prefs.keep_weekly)
    return Changes(settings=True)


def backup_summary(folder: Path) -> BackupSummary:
    """Reads the folder only (it may be slow, a network drive): call it off the GUI thread."""
    found = list_backups(folder) if folder.is_dir() else []
    return BackupSummary(folder, len(found), found[0].taken_at if found else None)


def back_up(store: Store, prefs: BackupPrefs, now: datetime) -> BackupMade:
    """Copy the live database into the folder of `prefs`, then rotate by its rules."""
    folder = prefs.folder_for(store.path)
    target = backup.back_up_now(
        store.path, folder, now, keep_daily=prefs.keep_daily, keep_weekly=prefs.keep_weekly
    )
    return BackupMade(target, backup_summary(folder))


def restore_backup(
    store: Store,
    backup_file: Path,
    backup_dir: Path,
    now: datetime,
    key_backup: tuple[Path, str] | None = None,
) -> Changes:
    """Replace the database with a backup; the current data is kept as a copy first.

    Every other thread must have closed its connection (the GUI closes its own, the
    shell stops the jobs). Raises `storage.backup.RestoreRefused` with a sentence.
    A backup made with another key needs that key's backup (file, passphrase): it is
    checked against the backup before anything is replaced, and becomes the key after.
    """
    from services.keys import check_key_backup

    key = None if key_backup is None else check_key_backup(backup_file, *key_backup)
    store.close()
    backup.restore(store.path, backup_file, backup_dir, now)
    if key is not None:
        store.key_store.replace(key)
    store.forget_key()
    store.db  # noqa: B018 - reopen here, so an older backup is migrated once, in this thread
    return Changes.everything()
