"""The tray's memory of warnings (shown, snoozed, resolved) and the weekly review log.

One row per warning key in `warnings`: it remembers the state last shown (so a
warning is shown once until its state changes), a snooze, and when it resolved;
the rows stay afterwards as the history the warnings screen lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import sqlite_utils

from core.clock import iso, parse_iso
from core.notifier import WarningMemory, WarningRow
from storage.db import transaction
from storage.repository.settings import get_setting, set_setting

PAUSED_UNTIL_SETTING = "warnings_paused_until"
QUIET_START_SETTING = "quiet_hours_start"
QUIET_END_SETTING = "quiet_hours_end"
CRITICAL_IN_QUIET_SETTING = "critical_during_quiet_hours"
NOTIFY_ENABLED_SETTING = "notify_enabled"
REFUSED_FILE_PREFIX = "import.refused."


class ShownAlert(Protocol):
    """What is stored of an alert when it is shown."""

    @property
    def key(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def detail(self) -> str: ...


_COLUMNS = (
    "key, state, severity, title, detail, first_shown_at, last_shown_at, snoozed_until, resolved_at"
)


def _opt(value: Any) -> datetime | None:
    return parse_iso(str(value)) if value else None


def _memory(row: tuple[Any, ...]) -> WarningMemory:
    return WarningMemory(
        key=row[0],
        state=row[1],
        severity=row[2],
        title=row[3],
        detail=row[4] or "",
        first_shown_at=_opt(row[5]),
        last_shown_at=_opt(row[6]),
        snoozed_until=_opt(row[7]),
        resolved_at=_opt(row[8]),
    )


def load_memory(db: sqlite_utils.Database) -> dict[str, WarningMemory]:
    """Every remembered warning by key (the input of `core.notifier.decide`)."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM warnings").fetchall()
    return {row[0]: _memory(row) for row in rows}


def get_warning(db: sqlite_utils.Database, key: str) -> WarningMemory | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM warnings WHERE key = ?", [key]).fetchone()
    return _memory(row) if row else None


def record_shown(db: sqlite_utils.Database, alerts: Iterable[ShownAlert], now: datetime) -> None:
    """Remember that these alerts were shown now in their current state."""
    with transaction(db):
        for alert in alerts:
            db.execute(
                "INSERT INTO warnings(key, state, severity, title, detail, first_shown_at, "
                "last_shown_at, snoozed_until, resolved_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL) "
                "ON CONFLICT(key) DO UPDATE SET state = excluded.state, "
                "severity = excluded.severity, title = excluded.title, "
                "detail = excluded.detail, last_shown_at = excluded.last_shown_at, "
                "first_shown_at = COALESCE(warnings.first_shown_at, excluded.first_shown_at), "
                "snoozed_until = NULL, resolved_at = NULL",
                [
                    alert.key,
                    alert.state,
                    alert.severity,
                    alert.title,
                    alert.detail,
                    iso(now),
                    iso(now),
                ],
            )


def mark_resolved(db: sqlite_utils.Database, keys: Iterable[str], now: datetime) -> int:
    """The warnings are no longer raised; their rows stay as history."""
    count = 0
    with transaction(db):
        for key in keys:
            cur = db.execute(
                "UPDATE warnings SET resolved_at = ?, snoozed_until = NULL "
                "WHERE key = ? AND resolved_at IS NULL",
                [iso(now), key],
            )
            count += cur.rowcount
    return count


def refused_file_key(path: Path) -> str:
    """The one warning key of a refused file, by its full path: importing the same file
    later resolves it, whichever way (watched folder, Imports screen, CLI)."""
    return REFUSED_FILE_PREFIX + str(path.expanduser().resolve())


def resolve_refused_file(db: sqlite_utils.Database, path: Path, now: datetime) -> bool:
    """The file imported fine: its "was not imported" warning, if one is up, is resolved."""
    key = refused_file_key(path)
    row = db.execute(
        "SELECT 1 FROM warnings WHERE key = ? AND resolved_at IS NULL", [key]
    ).fetchone()
    return row is not None and mark_resolved(db, [key], now) > 0


def resolved_since(db: sqlite_utils.Database, raised: Mapping[str, datetime]) -> set[str]:
    """The keys of `raised` (key -> when raised) whose warning was resolved since."""
    done: set[str] = set()
    for key, at in raised.items():
        row = db.execute("SELECT resolved_at FROM warnings WHERE key = ?", [key]).fetchone()
        resolved = _opt(row[0]) if row else None
        if resolved is not None and resolved >= at:
            done.add(key)
    return done


def snooze(db: sqlite_utils.Database, key: str, until: datetime) -> bool:
    """Hold a shown warning back until `until`; False when there is no such active warning."""
    with transaction(db):
        cur = db.execute(
            "UPDATE warnings SET snoozed_until = ? WHERE key = ? AND resolved_at IS NULL",
            [iso(until), key],
        )
    return bool(cur.rowcount)


def history(db: sqlite_utils.Database, now: datetime, limit: int = 500) -> list[WarningRow]:
    """The warnings screen: active first (newest first), then resolved ones."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM warnings "
        "ORDER BY resolved_at IS NOT NULL, COALESCE(resolved_at, last_shown_at) DESC, key "
        "LIMIT ?",
        [limit],
    ).fetchall()
    out = []
    for row in rows:
        mem = _memory(row)
        if mem.resolved_at is not None:
            status = "resolved"
        elif mem.snoozed_until is not None and now < mem.snoozed_until:
            status = "snoozed"
        else:
            status = "shown"
        out.append(WarningRow(mem, status))
    return out


def paused_until(db: sqlite_utils.Database) -> datetime | None:
    value = get_setting(db, PAUSED_UNTIL_SETTING)
    try:
        return parse_iso(value) if value else None
    except ValueError:
        return None


def set_paused_until(db: sqlite_utils.Database, until: datetime | None) -> None:
    """ "Pause warnings for 1 h" from the tray; None resumes."""
    set_setting(db, PAUSED_UNTIL_SETTING, iso(until) if until else None)


def quiet_hours(db: sqlite_utils.Database) -> tuple[str, str]:
    """("22:00", "07:00") in local time, or empty strings when quiet hours are off."""
    return (
        str(get_setting(db, QUIET_START_SETTING) or ""),
        str(get_setting(db, QUIET_END_SETTING) or ""),
    )


def critical_in_quiet_hours(db: sqlite_utils.Database) -> bool:
    return bool(get_setting(db, CRITICAL_IN_QUIET_SETTING, True))


def notifications_enabled(db: sqlite_utils.Database) -> bool:
    """False when the seller turned tray messages off (the warnings list still fills)."""
    return bool(get_setting(db, NOTIFY_ENABLED_SETTING, True))


def log_review(db: sqlite_utils.Database, at: datetime) -> None:
    """The seller did the weekly review (it clears the weekly-review warning)."""
    with transaction(db):
        db.execute("INSERT INTO review_log(reviewed_at) VALUES (?)", [iso(at)])


def last_review(db: sqlite_utils.Database) -> datetime | None:
    row = db.execute("SELECT MAX(reviewed_at) FROM review_log").fetchone()
    return _opt(row[0]) if row else None
