"""The window's one way to write instants and dates: core.format with the seller's zone choice.

Settings > "Show times in" (local time or UTC) is read in the background when the store
opens and whenever settings change; every model and view formats through `when`/`day`
here, so one switch changes every screen, the tray and the dialogs at once.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from core.format import DisplayPrefs, format_date, format_instant, zone_name

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from gui.bridge import Bridge
    from gui.operations import Ops

_current = DisplayPrefs(local_time=True)


def prefs() -> DisplayPrefs:
    """The display zone in force (local time until the stored choice is read)."""
    return _current


def set_local_time(local: bool, zone: tzinfo | None = None) -> bool:
    """Switch every later format to local time or UTC; True when that changed anything."""
    global _current
    wanted = DisplayPrefs(local_time=local, local_zone=zone)
    changed = wanted != _current
    _current = wanted
    return changed


def when(at: datetime | None) -> str:
    """'Nov 20, 2026 16:00 CET' in the chosen zone (an em dash for no instant)."""
    return format_instant(at, _current)


def day(d: date | datetime | None) -> str:
    """'Nov 20, 2026' (an instant first put in the chosen zone)."""
    return format_date(d, _current)


def clock_time(at: datetime) -> str:
    """'16:05 CET': a time of today, with its zone."""
    wall = _current.convert(at)
    return f"{wall:%H:%M} {zone_name(at, _current)}"


def zone(at: datetime) -> str:
    """The zone's name at `at` ("UTC", "CET"), e.g. for a column header."""
    return zone_name(at, _current)


def follow_settings(ops: Ops, bridge: Bridge, parent: QObject) -> None:
    """Read the stored zone choice now and after every settings change; when it changed,
    every screen reloads so no time stays in the old zone."""
    from services.changes import Changes
    from services.settings import local_time

    def apply(local: bool) -> None:
        if set_local_time(local):
            bridge.changed.emit(Changes.everything())

    def read(changes: Changes | None = None) -> None:
        if changes is None or changes.settings:
            ops.query(local_time, apply, parent=parent)

    bridge.changed.connect(read)
    read()
