"""The background jobs' use cases: nightly backup, erasing old buyer data, the watched folder.

The job runner (gui.scheduler) decides when; these decide what, and the writes say
what they changed so the screens, the tray and the numbers follow.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from core.settings import MetricSettings
from services.changes import Changes
from services.imports import KIND_CHANGES
from storage.backup import (
    BACKUP_KEEP_DAILY_SETTING,
    BACKUP_KEEP_WEEKLY_SETTING,
    back_up_now,
    chosen_backup_dir,
    list_backups,
)
from storage.backup_retention import purge_backups
from storage.db import Store
from storage.imports.apply import ImportOutcome, apply_import
from storage.repository.settings import get_setting, load_settings
from storage.repository.warnings import log_review
from storage.retention import purge_pii
from storage.watch_folder import ENABLED_SETTING, PATH_SETTING, WatchedFolder

PII_KINDS = Changes(orders=True, feedback=True, returns=True, messages=True)
"""Where buyer data is kept: addresses, rater e-mails, message texts, return comments."""


def schedule_settings(store: Store) -> MetricSettings:
    """The settings the schedules follow (the weekly review's day and hour)."""
    return load_settings(store.db)


def import_changes(outcomes: Iterable[ImportOutcome]) -> Changes:
    """What a batch of imports changed: the history, and the kinds of the imported files."""
    changes = Changes()
    for outcome in outcomes:
        changes |= Changes(imports=True)
        if outcome.ok and outcome.kind is not None:
            changes |= KIND_CHANGES.get(outcome.kind, Changes())
    return changes


def backup_folder(store: Store) -> Path:
    return chosen_backup_dir(store.db, store.path)


def back_up(store: Store, now: datetime) -> Path:
    """Copy the database into the backup folder and rotate the old copies."""
    db = store.db
    return back_up_now(
        store.path,
        backup_folder(store),
        now,
        keep_daily=int(get_setting(db, BACKUP_KEEP_DAILY_SETTING, 7)),
        keep_weekly=int(get_setting(db, BACKUP_KEEP_WEEKLY_SETTING, 4)),
    )


def backup_due(store: Store, now: datetime) -> bool:
    """No backup yet, or the newest is a day old (the computer was off at 03:00)."""
    backups = [b for b in list_backups(backup_folder(store)) if b.kind == "backup"]
    return not backups or now - backups[0].taken_at >= timedelta(days=1)


def purge_old_pii(store: Store, now: datetime) -> Changes:
    """Erase buyer data the seller no longer needs (storage.retention says which),
    from the database and from its backups."""
    cipher = store.cipher
    purge_backups(backup_folder(store), lambda db: purge_pii(db, now, cipher=cipher))
    return PII_KINDS if purge_pii(store.db, now, cipher=cipher) else Changes()


def log_weekly_review(store: Store, at: datetime) -> Changes:
    """The seller did the weekly ODR review: the reminder clears."""
    log_review(store.db, at)
    return Changes(warnings=True)


def watched_folder(store: Store, current: WatchedFolder | None) -> WatchedFolder | None:
    """The folder the settings say to watch (None when off); `current` while it is the same,
    so files seen at the last poll count as settled at this one."""
    path = get_setting(store.db, PATH_SETTING)
    if not get_setting(store.db, ENABLED_SETTING, False) or not path:
        return None
    if current is not None and current.path == Path(path).expanduser():
        return current
    return WatchedFolder(Path(path), store)


def import_settled(store: Store, folder: WatchedFolder, now: datetime) -> list[ImportOutcome]:
    """Import the files that stopped changing since the last poll, each once."""
    outcomes: list[ImportOutcome] = []
    for file in folder.poll(now):
        outcome = apply_import(store, file, now=now)
        folder.record(
            file, now, outcome="ok" if outcome.ok else "refused", import_id=outcome.import_id
        )
        outcomes.append(outcome)
    return outcomes
