"""The one place that reads the time, so tests and the CLI can inject it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, in UTC, to the second (instants are stored to the second)."""
    return datetime.now(UTC).replace(microsecond=0)


class FixedClock:
    """A clock for tests and `--as-of`: returns a set instant, moved by hand."""

    def __init__(self, now: datetime) -> None:
        self._now = to_utc(now)

    def __call__(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = to_utc(now)

    def advance(self, delta: timedelta) -> None:
        self._now = self._now + delta


def to_utc(dt: datetime) -> datetime:
    """Aware datetimes are converted; naive ones are taken to be UTC already."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def day_start(d: date) -> datetime:
    """00:00:00 UTC of a calendar date (how date-only records are placed)."""
    return datetime.combine(d, time(0, 0), tzinfo=UTC)


def iso(dt: datetime) -> str:
    """ISO 8601 in UTC with +00:00, to the second: the stored and JSON form."""
    return to_utc(dt).replace(microsecond=0).isoformat()


def parse_iso(text: str) -> datetime:
    """Parse ISO 8601 (with offset, Z, or a bare date = 00:00 UTC) to UTC.

    Raises ValueError with the offending text when it is not a timestamp.
    """
    s = text.strip()
    if not s:
        raise ValueError("empty timestamp")
    if len(s) == 10:
        return day_start(date.fromisoformat(s))
    if s.endswith(("Z", "z")):
        s = s[:-1] + "+00:00"
    return to_utc(datetime.fromisoformat(s))
