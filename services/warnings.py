"""The Warnings screen: what the tray showed, snoozed or saw resolve, and snoozing one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.notifier import WarningRow
from services.changes import Changes
from storage.db import Store
from storage.repository import warnings as memory


@dataclass(frozen=True, slots=True)
class WarningsPage:
    """The list (active first, newest first) and the global pause, if any."""

    rows: list[WarningRow]
    paused_until: datetime | None


def warnings_page(store: Store, now: datetime) -> WarningsPage:
    db = store.db
    return WarningsPage(memory.history(db, now), memory.paused_until(db))


def snooze_warning(store: Store, key: str, until: datetime) -> Changes:
    """Hold a shown warning back until `until` (the tray honours it too)."""
    return Changes(warnings=True) if memory.snooze(store.db, key, until) else Changes()
