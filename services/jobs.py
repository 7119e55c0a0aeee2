"""The background jobs' use cases: nightly backup, erasing old buyer data, the watched folder.

The job runner (gui.scheduler) decides when; these decide what, and the writes say
what they changed so the screens, the tray and the numbers follow.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from core.alerts import Alert
from core.settings import MetricSettings
from services.changes import Changes
from services.imports import import_file
from storage.backup import (
    BACKUP_KEEP_DAILY_SETTING,
    BACKUP_KEEP_WEEKLY_SETTING,
    back_up_now,
    chosen_backup_dir,
    list_backups,
)
from storage.backup_retention import purge_backups
from storage.db import Store
from storage.imports.apply import ImportOutcome
from storage.imports.waiting import DatabaseBusy
from storage.repository.settings import get_setting, load_settings
from storage.repository.warnings import log_review, refused_file_key, resolved_since
from storage.retention import purge_pii
from storage.watch_folder import ENABLED_SETTING, PATH_SETTING, WatchedFolder

log = logging.getLogger(__name__)

PII_KINDS = Changes(orders=True, feedback=True, returns=True, messages=True)
"""Where buyer data is kept: addresses, rater e-mails, message texts, return comments."""


@dataclass(frozen=True, slots=True)
class WatchPass:
    """One look at the watched folder: what was imported or refused, and what follows."""

    outcomes: list[ImportOutcome] = field(default_factory=list)
    raised: list[Alert] = field(default_factory=list)  # refused files (no recompute says so)
    cleared: list[str] = field(default_factory=list)  # their keys, once the file imported
    waiting: int = 0  # files that met another import's lock: offered again next pass
    changes: Changes = Changes()


def schedule_settings(store: Store) -> MetricSettings:
    """The settings the schedules follow (the weekly review's day and hour)."""
    return load_settings(store.db)


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


def import_settled(store: Store, folder: WatchedFolder, now: datetime) -> WatchPass:
    """Import the files that stopped changing since the last poll, each once in this state.

    A file that meets another import's lock is not its fault: the pass stops and
    the next one offers it (and those after it) again.
    """
    outcomes: list[ImportOutcome] = []
    raised: list[Alert] = []
    changes = Changes()
    ready = folder.poll(now)
    # a file refused while cut short, whose whole content came in another file: fine now
    cleared = [refused_file_key(path) for path in folder.duplicates]
    for index, file in enumerate(ready):
        try:
            imported = import_file(store, file, now, wait=False)
        except DatabaseBusy:
            log.info("%d watched file(s) wait for another import", len(ready) - index)
            return WatchPass(outcomes, raised, cleared, len(ready) - index, changes)
        outcome = imported.outcome
        if outcome.import_id is None:
            continue  # gone before it could be read: nothing to remember or say
        folder.record(
            file, now, outcome="ok" if outcome.ok else "refused", import_id=outcome.import_id
        )
        outcomes.append(outcome)
        changes |= imported.changes
        if outcome.ok:
            cleared.append(refused_file_key(file))
        else:
            raised.append(refused_file_alert(file, outcome))
    return WatchPass(outcomes, raised, cleared, 0, changes)


def refused_file_alert(path: Path, outcome: ImportOutcome) -> Alert:
    """A file from the watched folder was refused: a warning that links to Imports.

    One per file path, shown once; importing the same file later resolves it.
    """
    return Alert(
        refused_file_key(path),
        "warning",
        f"{outcome.file} from the watched folder was not imported",
        outcome.error or "",
        "refused",
        screen="imports",
        ref=str(outcome.import_id or ""),
    )


def resolved_alerts(store: Store, raised: Mapping[str, datetime]) -> set[str]:
    """The refused-file warnings (key -> when raised) resolved since: the file was imported
    on the Imports screen or by the CLI, which cannot reach the job runner's memory."""
    return resolved_since(store.db, raised)
