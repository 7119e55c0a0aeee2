"""Which warnings to show now: once-only, snooze, pause, quiet hours (pure logic).

The tray must warn before a breach without nagging: a warning is shown once
until its `state` changes, a snoozed one waits (unless it gets more severe), a
global pause and the quiet hours hold warnings back (quiet hours let critical
ones through), and a warning that is no longer raised becomes resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Generic, Protocol, TypeVar

SEVERITY_RANK = {"info": 0, "warning": 1, "critical": 2}
SNOOZE_MORNING_HOUR = 8
URGENT_DUE_SOON_PREFIX = "deadline.message."  # core.alerts' key of a buyer-message clock


class AlertLike(Protocol):
    """What the notifier needs of a `core.alerts.Alert`."""

    @property
    def key(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def state(self) -> str: ...


A = TypeVar("A", bound=AlertLike)


@dataclass(frozen=True, slots=True)
class WarningMemory:
    """What was shown for one warning key (a row of the `warnings` table)."""

    key: str
    state: str  # the alert's state when last shown
    severity: str
    title: str = ""
    detail: str = ""
    first_shown_at: datetime | None = None
    last_shown_at: datetime | None = None
    snoozed_until: datetime | None = None
    resolved_at: datetime | None = None

    @property
    def active(self) -> bool:
        """Shown (or snoozed) and not resolved since."""
        return self.resolved_at is None and self.last_shown_at is not None


@dataclass(frozen=True, slots=True)
class WarningRow:
    """One line of the warnings screen: a remembered warning and where it stands."""

    memory: WarningMemory
    status: str  # shown / snoozed / resolved

    @property
    def key(self) -> str:
        return self.memory.key

    @property
    def time(self) -> datetime | None:
        """When it last changed: resolved, else last shown."""
        return self.memory.resolved_at or self.memory.last_shown_at


@dataclass(frozen=True, slots=True)
class NotifyPrefs:
    """The seller's settings for warnings; `tz` None means the system's local zone."""

    paused_until: datetime | None = None
    quiet_start: time | None = None
    quiet_end: time | None = None
    tz: tzinfo | None = None
    critical_in_quiet: bool = True  # a message about to be late still gets through


@dataclass(frozen=True, slots=True)
class Decision(Generic[A]):
    """`show` now; `held` back by pause/quiet hours (retried next time); keys `resolved`."""

    show: tuple[A, ...]
    held: tuple[A, ...]
    snoozed: tuple[A, ...]
    resolved: tuple[str, ...]


def decide(
    alerts: Iterable[A],
    memory: Mapping[str, WarningMemory],
    now: datetime,
    prefs: NotifyPrefs | None = None,
) -> Decision[A]:
    """Decide what to show from the full list of alerts that hold at `now`.

    `alerts` must be complete: a remembered key that is missing is resolved.
    """
    prefs = prefs or NotifyPrefs()
    paused = prefs.paused_until is not None and now < prefs.paused_until
    quiet = in_quiet_hours(now, prefs.quiet_start, prefs.quiet_end, prefs.tz)
    show: list[A] = []
    held: list[A] = []
    snoozed: list[A] = []
    seen: set[str] = set()
    for alert in alerts:
        if alert.key in seen:
            continue
        seen.add(alert.key)
        mem = memory.get(alert.key)
        if mem is not None and _is_snoozed(mem, alert, now):
            snoozed.append(alert)
            continue
        if mem is not None and _already_shown(mem, alert, now):
            continue
        if paused or (quiet and not (prefs.critical_in_quiet and is_urgent(alert))):
            held.append(alert)
        else:
            show.append(alert)
    resolved = tuple(sorted(k for k, mem in memory.items() if k not in seen and mem.active))
    show.sort(key=lambda a: -SEVERITY_RANK.get(a.severity, 0))
    return Decision(tuple(show), tuple(held), tuple(snoozed), resolved)


def is_urgent(alert: AlertLike) -> bool:
    """Critical, or a buyer message about to be late: these may break the quiet hours."""
    if alert.severity == "critical":
        return True
    return alert.state == "due_soon" and alert.key.startswith(URGENT_DUE_SOON_PREFIX)


def _is_snoozed(mem: WarningMemory, alert: AlertLike, now: datetime) -> bool:
    """Snoozed and not yet due; a warning that got more severe breaks through."""
    if mem.snoozed_until is None or now >= mem.snoozed_until or mem.resolved_at is not None:
        return False
    return SEVERITY_RANK.get(alert.severity, 0) <= SEVERITY_RANK.get(mem.severity, 0)


def _already_shown(mem: WarningMemory, alert: AlertLike, now: datetime) -> bool:
    """Shown in this same state and not resolved; an expired snooze asks to show it again."""
    if not mem.active or mem.state != alert.state:
        return False
    return not (mem.snoozed_until is not None and now >= mem.snoozed_until)


def local_zone(now: datetime, tz: tzinfo | None) -> tzinfo:
    """`tz`, or the system's local offset at `now` when none is given."""
    if tz is not None:
        return tz
    zone = now.astimezone().tzinfo
    assert zone is not None
    return zone


def _at_local(day: date, at: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz)


def in_quiet_hours(
    now: datetime, start: time | None, end: time | None, tz: tzinfo | None = None
) -> bool:
    """Is the local time of `now` in [start, end)? The window may cross midnight."""
    if start is None or end is None or start == end:
        return False
    local = now.astimezone(local_zone(now, tz)).time().replace(tzinfo=None)
    if start < end:
        return start <= local < end
    return local >= start or local < end


def snooze_for(now: datetime, hours: float = 1.0) -> datetime:
    """ "Snooze 1 h": the instant the warning may show again."""
    return now + timedelta(hours=hours)


def tomorrow_morning(
    now: datetime, tz: tzinfo | None = None, hour: int = SNOOZE_MORNING_HOUR
) -> datetime:
    """ "Snooze until tomorrow": 08:00 local time on the next local calendar day."""
    zone = local_zone(now, tz)
    local_day = now.astimezone(zone).date()
    return _at_local(local_day + timedelta(days=1), time(hour), zone).astimezone(now.tzinfo)


def last_review_slot(now: datetime, weekday: int, hour: int, tz: tzinfo | None = None) -> datetime:
    """The most recent weekly-review time (e.g. Monday 09:00 local) at or before `now`."""
    zone = local_zone(now, tz)
    local = now.astimezone(zone)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    slot = _at_local(day, time(hour), zone)
    if slot > now:
        slot = _at_local(day - timedelta(days=7), time(hour), zone)
    return slot.astimezone(now.tzinfo)


def review_due(
    now: datetime,
    last_review: datetime | None,
    weekday: int,
    hour: int,
    tz: tzinfo | None = None,
) -> bool:
    """Due when no review was logged since the last weekly slot (a new install: due)."""
    if last_review is None:
        return True
    return last_review < last_review_slot(now, weekday, hour, tz)


def parse_hhmm(text: str | None) -> time | None:
    """ "22:00" -> time(22, 0); empty or malformed -> None (quiet hours off)."""
    if not text:
        return None
    try:
        hours, minutes = str(text).strip().split(":", 1)
        return time(int(hours), int(minutes))
    except ValueError:
        return None
