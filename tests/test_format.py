"""The one style for times, rates, counts and money: tables of value -> text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from core.format import (
    NO_VALUE,
    DisplayPrefs,
    count_noun,
    format_ago,
    format_count,
    format_date,
    format_day_range,
    format_duration,
    format_instant,
    format_money,
    format_pct,
    format_pct_beside,
    format_time_left,
    format_window,
    zone_name,
)
from core.format.numbers import Number

T = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
SUMMER = datetime(2026, 7, 1, 15, 0, tzinfo=UTC)
BERLIN = DisplayPrefs(local_time=True, local_zone=ZoneInfo("Europe/Berlin"))
NEW_YORK = DisplayPrefs(local_time=True, local_zone=ZoneInfo("America/New_York"))


@pytest.mark.parametrize(
    ("at", "prefs", "text"),
    [
        (T, DisplayPrefs(), "Nov 20, 2026 15:00 UTC"),
        (T, BERLIN, "Nov 20, 2026 16:00 CET"),
        (SUMMER, BERLIN, "Jul 1, 2026 17:00 CEST"),
        (T, NEW_YORK, "Nov 20, 2026 10:00 EST"),
        (datetime(2026, 11, 20, 2, 0, tzinfo=UTC), NEW_YORK, "Nov 19, 2026 21:00 EST"),
        (T, DisplayPrefs(True, ZoneInfo("Asia/Kolkata")), "Nov 20, 2026 20:30 IST"),
        (T, DisplayPrefs(True, ZoneInfo("Asia/Dubai")), "Nov 20, 2026 19:00 UTC+4"),
        (
            T,
            DisplayPrefs(True, timezone(timedelta(hours=-3, minutes=-30))),
            "Nov 20, 2026 11:30 UTC-3:30",
        ),
        (T, DisplayPrefs(True, UTC), "Nov 20, 2026 15:00 UTC"),
        # local_zone is ignored while local_time is off
        (T, DisplayPrefs(False, ZoneInfo("Europe/Berlin")), "Nov 20, 2026 15:00 UTC"),
        # naive datetimes are UTC, as everywhere in the app
        (datetime(2026, 1, 5, 9, 7), DisplayPrefs(), "Jan 5, 2026 09:07 UTC"),
        (
            datetime(2026, 11, 20, 16, 0, tzinfo=ZoneInfo("Europe/Berlin")),
            DisplayPrefs(),
            "Nov 20, 2026 15:00 UTC",
        ),
        (None, DisplayPrefs(), NO_VALUE),
    ],
)
def test_instants_carry_their_zone(at: datetime | None, prefs: DisplayPrefs, text: str) -> None:
    assert format_instant(at, prefs) == text


def test_local_time_without_a_zone_uses_the_computers_zone() -> None:
    text = format_instant(T, DisplayPrefs(local_time=True))
    wall = T.astimezone()
    assert text.startswith(f"{wall:%b} {wall.day}, {wall.year} {wall:%H:%M} ")


@pytest.mark.parametrize(
    ("day", "prefs", "text"),
    [
        (date(2026, 9, 8), DisplayPrefs(), "Sep 8, 2026"),
        (date(2026, 12, 6), BERLIN, "Dec 6, 2026"),  # a calendar date is never shifted
        (datetime(2026, 11, 20, 23, 30, tzinfo=UTC), DisplayPrefs(), "Nov 20, 2026"),
        (datetime(2026, 11, 20, 23, 30, tzinfo=UTC), BERLIN, "Nov 21, 2026"),
        (None, DisplayPrefs(), NO_VALUE),
    ],
)
def test_dates(day: date | datetime | None, prefs: DisplayPrefs, text: str) -> None:
    assert format_date(day, prefs) == text


def test_one_date_style_for_ranges_and_windows() -> None:
    assert format_day_range(date(2026, 9, 7), date(2026, 11, 5)) == "Sep 7, 2026 to Nov 5, 2026"
    start = datetime(2026, 9, 7, tzinfo=UTC)
    end = datetime(2026, 11, 6, tzinfo=UTC)  # half-open: the last day is Nov 5
    assert format_window(start, end) == "Sep 7, 2026 to Nov 5, 2026"


def test_zone_name_for_headers() -> None:
    assert zone_name(T) == "UTC"
    assert zone_name(T, BERLIN) == "CET"
    assert zone_name(SUMMER, BERLIN) == "CEST"


@pytest.mark.parametrize(
    ("seconds", "duration", "left"),
    [
        (11400, "3 h 10 min", "3 h 10 min left"),
        (12000, "3 h 20 min", "3 h 20 min left"),
        (-7200, "2 h", "overdue 2 h"),
        (-(2 * 86400 + 4 * 3600 + 59), "2 d 4 h", "overdue 2 d 4 h"),
        (45 * 60, "45 min", "45 min left"),
        (30, "less than a minute", "less than a minute left"),
        (0, "less than a minute", "less than a minute left"),
        (2 * 86400 + 5 * 3600, "2 d 5 h", "2 d 5 h left"),
        (86400, "1 d", "1 d left"),
        (-113 * 86400, "113 d", "overdue 113 d"),
    ],
)
def test_durations(seconds: float, duration: str, left: str) -> None:
    assert format_duration(seconds) == duration
    assert format_time_left(seconds) == left


@pytest.mark.parametrize(
    ("then", "text"),
    [
        (T, "just now"),
        (T - timedelta(seconds=59), "just now"),
        (T + timedelta(hours=1), "just now"),
        (T - timedelta(minutes=5), "5 min ago"),
        (T - timedelta(days=16, hours=2), "16 d 2 h ago"),
    ],
)
def test_ago(then: datetime, text: str) -> None:
    assert format_ago(then, T) == text


@pytest.mark.parametrize(
    ("value", "decimals", "fixed", "text"),
    [
        (7.407407, 2, False, "7.41 %"),
        (1.0, 2, False, "1 %"),
        (1.0, 2, True, "1.00 %"),
        (0.8179959, 2, False, "0.82 %"),
        (16.666, 2, False, "16.67 %"),
        (10.5, 2, False, "10.5 %"),
        (10.5, 2, True, "10.50 %"),
        (0.125, 2, False, "0.13 %"),  # half up, not to even
        (0.0, 2, False, "0 %"),
        (0.004, 2, False, "< 0.01 %"),  # never rounds a real rate to zero
        (0.004, 2, True, "< 0.01 %"),
        (99.999, 2, False, "> 99.99 %"),  # nor a rate under 100 to 100
        (100.0, 2, False, "100 %"),
        (Fraction(4 * 100, 489), 2, False, "0.82 %"),
        (Decimal("12.345"), 1, False, "12.3 %"),
        (33.3333, 0, False, "33 %"),
        (None, 2, False, NO_VALUE),
    ],
)
def test_percentages(value: Number | None, decimals: int, fixed: bool, text: str) -> None:
    assert format_pct(value, decimals, fixed=fixed) == text


@pytest.mark.parametrize(
    ("value", "limit", "text"),
    [
        (7.41, 5, "7.41 %"),
        (0.996, 1, "0.996 %"),  # would read "1 %" beside a 1 % limit
        (5.004, 5, "5.004 %"),
        (1.0, 1, "1 %"),
        (Fraction(1001, 1000), 1, "1.001 %"),
        (Fraction(99999, 100000), 1, "0.99999 %"),
    ],
)
def test_a_value_never_reads_like_the_limit_it_is_not(
    value: Number, limit: Number, text: str
) -> None:
    assert format_pct_beside(value, limit) == text


@pytest.mark.parametrize(
    ("n", "text"), [(0, "0"), (7, "7"), (1387, "1,387"), (1234567, "1,234,567"), (None, NO_VALUE)]
)
def test_counts(n: int | None, text: str) -> None:
    assert format_count(n) == text


@pytest.mark.parametrize(
    ("n", "singular", "plural", "text"),
    [
        (1, "order", None, "1 order"),
        (871, "order", None, "871 orders"),
        (1387, "line", None, "1,387 lines"),
        (0, "message", None, "0 messages"),
        (2, "reply", "replies", "2 replies"),
    ],
)
def test_count_nouns(n: int, singular: str, plural: str | None, text: str) -> None:
    assert count_noun(n, singular, plural) == text


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (Decimal("12.34"), "USD", "$12.34"),
        (Decimal("12.345"), "usd", "$12.35"),
        (Decimal("1234.5"), "EUR", "\u20ac1,234.50"),
        (Decimal("12.34"), "GBP", "\u00a312.34"),
        (Decimal("1234.5"), "JPY", "\u00a51,235"),  # yen has no decimals
        (Decimal("12.34"), "CAD", "12.34 CAD"),  # "$" would not say which dollar
        (Decimal("1999"), "SEK", "1,999.00 SEK"),
        (Decimal("-5"), "USD", "-$5.00"),
        (Decimal("-0.001"), "USD", "$0.00"),
        (12.5, "", "12.50"),
        (3, "USD", "$3.00"),
        (None, "USD", NO_VALUE),
    ],
)
def test_money(amount: Number | None, currency: str, text: str) -> None:
    assert format_money(amount, currency) == text
