"""Instants, calendar dates and durations in the app's one style: "Nov 20, 2026 15:00 UTC".

One format everywhere (month name first, so 11/12 vs 12/11 cannot be misread; a 24-hour
clock; the zone always named), in UTC or the seller's local time as `DisplayPrefs` says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from core.clock import to_utc

NO_VALUE = "\u2014"
"""What every screen shows for a value that does not exist (an em dash)."""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class DisplayPrefs:
    """How instants are shown. UTC by default, the zone Amazon's deadlines are set in.

    `local_time` shows them in `local_zone`, or in the computer's own zone when that is
    None (tests inject a zone so they never depend on the machine).
    """

    local_time: bool = False
    local_zone: tzinfo | None = None

    def convert(self, at: datetime) -> datetime:
        """The instant as a wall-clock time in the chosen zone (naive = UTC)."""
        moment = to_utc(at)
        if not self.local_time:
            return moment
        return moment.astimezone(self.local_zone) if self.local_zone else moment.astimezone()


UTC_PREFS = DisplayPrefs()


def format_zone(wall: datetime) -> str:
    """The zone of a converted instant: "UTC", "CET", "EDT"; "UTC+4" or "UTC+5:30"
    where the zone has no letters of its own."""
    name = wall.tzname() or ""
    if name.isalpha():
        return name
    offset = wall.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    sign = "+" if offset > timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    hours, rest = divmod(minutes, 60)
    return f"UTC{sign}{hours}:{rest:02d}" if rest else f"UTC{sign}{hours}"


def _day(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def format_date(day: date | datetime | None, prefs: DisplayPrefs = UTC_PREFS) -> str:
    """'Nov 20, 2026'. An instant is first put in the display zone; a date stays as it is."""
    if day is None:
        return NO_VALUE
    if isinstance(day, datetime):
        return _day(prefs.convert(day).date())
    return _day(day)


def format_instant(at: datetime | None, prefs: DisplayPrefs = UTC_PREFS) -> str:
    """'Nov 20, 2026 15:00 UTC' / 'Nov 20, 2026 16:00 CET': always with its zone."""
    if at is None:
        return NO_VALUE
    wall = prefs.convert(at)
    return f"{_day(wall.date())} {wall:%H:%M} {format_zone(wall)}"


def zone_name(at: datetime, prefs: DisplayPrefs = UTC_PREFS) -> str:
    """The zone the display uses at `at`, e.g. for a column header ("Due (CET)")."""
    return format_zone(prefs.convert(at))


def format_day_range(first: date, last: date) -> str:
    """'Sep 7, 2026 to Nov 5, 2026': both days included."""
    return f"{_day(first)} to {_day(last)}"


def format_window(start: datetime, end: datetime) -> str:
    """A half-open metric window [start, end) of whole UTC days, by its first and last day.

    Metric windows are UTC calendar days by definition (spec/metrics.md), so they are
    never shifted into the local zone.
    """
    last = to_utc(end) - timedelta(days=1)
    return format_day_range(to_utc(start).date(), last.date())


def format_duration(seconds: float) -> str:
    """A countdown read at a glance: '3 h 10 min', '2 d 5 h', '12 min' (the sign is dropped)."""
    minutes = int(abs(seconds) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min" if mins else "less than a minute"


def format_time_left(seconds_left: float) -> str:
    """'3 h 20 min left' before a deadline, 'overdue 2 d 4 h' after it."""
    if seconds_left < 0:
        return f"overdue {format_duration(seconds_left)}"
    return f"{format_duration(seconds_left)} left"


def format_ago(then: datetime, now: datetime) -> str:
    """'5 min ago', '2 d 5 h ago'; 'just now' under a minute (and for a future instant)."""
    seconds = (to_utc(now) - to_utc(then)).total_seconds()
    if seconds < 60:
        return "just now"
    return f"{format_duration(seconds)} ago"
