"""Dates as the FBA and payments reports write them (spec/reports.md section 9).

The ledger writes `MM/DD/YYYY`; settlement files `YYYY-MM-DD` (US) or `DD.MM.YYYY`
(EU); the Date Range report a local time with a zone name, `Jun 8, 2025 10:23:05 PM
PDT` in the US, `01.09.2026 10:22:11 UTC` in Germany, `1 Sep 2026 10:22:11 UTC` in the
UK. Each parser raises ValueError with the text when it is not such a date; the
callers turn that into a refusal naming the line and column.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from core.clock import parse_iso

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january", "janv", "gen", "ene"),
            ("feb", "february", "fév", "fev", "febr"),
            ("mar", "march", "mär", "mrz", "mars"),
            ("apr", "april", "avr", "abr"),
            ("may", "mai", "mag", "mayo"),
            ("jun", "june", "juin", "giu"),
            ("jul", "july", "juil", "lug"),
            ("aug", "august", "août", "ago"),
            ("sep", "sept", "september", "set"),
            ("oct", "october", "okt", "ott"),
            ("nov", "november"),
            ("dec", "december", "dez", "déc", "dic"),
        ),
        1,
    )
    for name in names
}

ZONES: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 60, "WEST": 60, "CET": 60, "MEZ": 60,
    "CEST": 120, "MESZ": 120, "EET": 120, "EEST": 180, "IST": 330, "JST": 540, "AEST": 600,
    "AEDT": 660, "NZST": 720, "NZDT": 780, "PST": -480, "PDT": -420, "MST": -420,
    "MDT": -360, "CST": -360, "CDT": -300, "EST": -300, "EDT": -240, "AKST": -540,
    "AKDT": -480, "HST": -600, "BRT": -180,
}  # fmt: skip
"""Minutes east of UTC for the zone names Amazon's payment reports write."""

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DOT_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SLASH_DAY = re.compile(r"(\d{1,4})/(\d{1,2})/(\d{1,4})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?\s?m\.?)?", re.IGNORECASE)
_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def us_day(text: str) -> date:
    """`MM/DD/YYYY` (the Inventory ledger), or an ISO date."""
    value = text.strip()
    m = _SLASH_DAY.fullmatch(value)
    if m and len(m.group(3)) == 4:
        return _day(int(m.group(3)), int(m.group(1)), int(m.group(2)), text)
    return iso_day(value)


def iso_day(text: str) -> date:
    """`YYYY-MM-DD`, or the date as written of an ISO timestamp."""
    value = text.strip()
    if _ISO_DAY.match(value):
        try:
            if len(value) > 10:
                parse_iso(value)  # validates the rest; the calendar date is the one written
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise ValueError(f"'{text.strip()}' is not a date")


def settlement_day(text: str) -> date:
    """A settlement `posted-date` as written: `2026-08-25`, `25.08.2026`, `08/25/2026`, or
    one with its time (`posted-date-time`: `2026-08-25 01:08:20 UTC`)."""
    value = text.strip().split(" ", 1)[0]
    m = _DOT_DAY.fullmatch(value)
    if m:
        return _day(int(m.group(3)), int(m.group(2)), int(m.group(1)), text)
    return us_day(value)


def report_instant(text: str) -> datetime:
    """A Date Range `date/time` in UTC: US, UK, EU and Japanese styles, or ISO 8601.

    Numbers-only dates are day first (`01.09.2026`, `01/09/2026`) unless the year
    leads (`2026/09/01`); month names are English (and their usual EU abbreviations).
    """
    value = " ".join(text.strip().split())
    if not value:
        raise ValueError("empty date")
    if _ISO_DAY.match(value) and "T" in value:
        try:
            return parse_iso(value)
        except ValueError:
            pass
    day, rest = _leading_day(value, text)
    m = _TIME.match(rest)
    if m is None:
        if rest:
            raise ValueError(f"'{text.strip()}' is not a date and time")
        return datetime.combine(day, datetime.min.time(), UTC)
    hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    meridiem = (m.group(4) or "").replace(".", "").replace(" ", "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{text.strip()}' has an hour that is not on a 12-hour clock")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"'{text.strip()}' is not a time of day")
    zone = _zone(rest[m.end() :].strip(), text)
    local = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)
    return local.astimezone(UTC)


def _leading_day(value: str, text: str) -> tuple[date, str]:
    """The calendar date at the start of `value`, and what follows it."""
    head, _, rest = value.partition(" ")
    m = _DOT_DAY.fullmatch(head)
    if m:
        return _day(int(m.group(3)), int(m.group(2)), int(m.group(1)), text), rest
    m = _SLASH_DAY.fullmatch(head)
    if m:
        a, b, c = m.groups()
        if len(a) == 4:
            return _day(int(a), int(b), int(c), text), rest
        if len(c) == 4:
            return _day(int(c), int(b), int(a), text), rest
    if _ISO_DAY.fullmatch(head):
        return iso_day(head), rest
    words = value.replace(",", " ").split()
    if len(words) >= 3:
        month_first = _MONTHS.get(words[0].lower().rstrip("."))
        month_second = _MONTHS.get(words[1].lower().rstrip("."))
        if month_first and words[1].isdigit() and words[2].isdigit():  # Jun 8, 2025
            return _day(int(words[2]), month_first, int(words[1]), text), " ".join(words[3:])
        if month_second and words[0].isdigit() and words[2].isdigit():  # 8 Jun 2025
            return _day(int(words[2]), month_second, int(words[0]), text), " ".join(words[3:])
    raise ValueError(f"'{text.strip()}' is not a date and time")


def _zone(name: str, text: str) -> timezone:
    if not name:
        return UTC
    minutes = ZONES.get(name.upper())
    if minutes is not None:
        return timezone(timedelta(minutes=minutes))
    m = _OFFSET.match(name)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        hours, mins = int(m.group(2)), int(m.group(3) or 0)
        if hours <= 14 and mins < 60:
            return timezone(sign * timedelta(hours=hours, minutes=mins))
    raise ValueError(f"'{text.strip()}' has a time zone we do not know ({name})")


def _day(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text.strip()}' is not a calendar date") from None
