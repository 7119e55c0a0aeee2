"""core.notifier: once-only, snooze, pause, quiet hours, resolution, review slots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from core.notifier import (
    NotifyPrefs,
    WarningMemory,
    decide,
    in_quiet_hours,
    last_review_slot,
    parse_hhmm,
    review_due,
    snooze_for,
    tomorrow_morning,
)

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@dataclass(frozen=True)
class A:
    key: str
    severity: str = "warning"
    state: str = "warning"
    title: str = "t"
    detail: str = ""


def shown(
    key: str, state: str = "warning", severity: str = "warning", **kw: object
) -> WarningMemory:
    values: dict[str, object] = {
        "key": key,
        "state": state,
        "severity": severity,
        "first_shown_at": NOW - timedelta(hours=2),
        "last_shown_at": NOW - timedelta(hours=1),
    }
    values.update(kw)
    return WarningMemory(**values)  # type: ignore[arg-type]


def keys(alerts: tuple[A, ...]) -> list[str]:
    return [a.key for a in alerts]


def test_new_alert_is_shown() -> None:
    d = decide([A("odr")], {}, NOW)
    assert keys(d.show) == ["odr"] and not d.held and not d.resolved


@pytest.mark.parametrize(
    ("memory", "alert", "expect_shown"),
    [
        (shown("k", "warning"), A("k", state="warning"), False),  # same state: once only
        (shown("k", "warning"), A("k", state="breach", severity="critical"), True),  # changed
        (shown("k", "due_soon"), A("k", state="overdue", severity="critical"), True),
        (shown("k", "warning", resolved_at=NOW - timedelta(minutes=5)), A("k"), True),  # back
        (shown("k", snoozed_until=NOW + timedelta(hours=1)), A("k"), False),  # snoozed
        (shown("k", snoozed_until=NOW - timedelta(seconds=1)), A("k"), True),  # snooze over
        (shown("k", snoozed_until=NOW), A("k"), True),  # snooze ends at its instant
        # a snoozed warning that gets more severe breaks through the snooze
        (
            shown("k", "due_soon", snoozed_until=NOW + timedelta(hours=1)),
            A("k", state="overdue", severity="critical"),
            True,
        ),
        # a snoozed warning whose state changes at the same severity stays snoozed
        (
            shown("k", "a", snoozed_until=NOW + timedelta(hours=1)),
            A("k", state="b"),
            False,
        ),
    ],
)
def test_once_only_and_snooze(memory: WarningMemory, alert: A, expect_shown: bool) -> None:
    d = decide([alert], {memory.key: memory}, NOW)
    assert (keys(d.show) == ["k"]) is expect_shown
    assert not d.resolved


def test_snoozed_alert_is_reported_as_snoozed() -> None:
    d = decide([A("k")], {"k": shown("k", snoozed_until=NOW + timedelta(hours=1))}, NOW)
    assert keys(d.snoozed) == ["k"] and not d.show


def test_missing_alert_resolves_only_active_memory() -> None:
    memory = {
        "gone": shown("gone"),
        "still": shown("still"),
        "old": shown("old", resolved_at=NOW - timedelta(days=1)),
        "snoozed": shown("snoozed", snoozed_until=NOW + timedelta(hours=1)),
    }
    d = decide([A("still")], memory, NOW)
    assert d.resolved == ("gone", "snoozed")
    assert not d.show


def test_duplicate_keys_in_one_batch_show_once() -> None:
    d = decide([A("k"), A("k")], {}, NOW)
    assert keys(d.show) == ["k"]


def test_most_severe_first() -> None:
    alerts = [A("i", severity="info"), A("c", severity="critical"), A("w")]
    assert keys(decide(alerts, {}, NOW).show) == ["c", "w", "i"]


def test_pause_holds_everything_until_it_ends() -> None:
    alerts = [A("w"), A("c", severity="critical")]
    prefs = NotifyPrefs(paused_until=NOW + timedelta(hours=1))
    d = decide(alerts, {}, NOW, prefs)
    assert not d.show and keys(d.held) == ["w", "c"]
    later = decide(alerts, {}, NOW + timedelta(hours=1), prefs)
    assert keys(later.show) == ["c", "w"]


@pytest.mark.parametrize(
    ("local_clock", "severity", "expect_shown"),
    [
        (time(23, 30), "warning", False),
        (time(23, 30), "info", False),
        (time(23, 30), "critical", True),  # a message about to be late still wakes you
        (time(6, 59), "warning", False),
        (time(7, 0), "warning", True),  # the end is exclusive
        (time(21, 59), "warning", True),
        (time(22, 0), "warning", False),
    ],
)
def test_quiet_hours(local_clock: time, severity: str, expect_shown: bool) -> None:
    local_now = datetime.combine(datetime(2026, 11, 20).date(), local_clock, tzinfo=BERLIN)
    prefs = NotifyPrefs(quiet_start=time(22), quiet_end=time(7), tz=BERLIN)
    d = decide([A("k", severity=severity)], {}, local_now.astimezone(UTC), prefs)
    assert bool(d.show) is expect_shown
    assert bool(d.held) is not expect_shown


@pytest.mark.parametrize(
    ("alert", "through"),
    [
        (A("deadline.message.M1", "warning", "due_soon"), True),  # about to be late
        (A("deadline.return.R1", "warning", "due_soon"), False),
        (A("deadline.appeal.C1", "warning", "due_soon"), False),
        (A("odr.afn.status", "critical", "breach"), True),
    ],
)
def test_a_message_about_to_be_late_breaks_the_quiet_hours(alert: A, through: bool) -> None:
    prefs = NotifyPrefs(quiet_start=time(22), quiet_end=time(7), tz=UTC)
    d = decide([alert], {}, datetime(2026, 11, 20, 23, 0, tzinfo=UTC), prefs)
    assert bool(d.show) is through


def test_quiet_hours_can_hold_critical_warnings_too() -> None:
    prefs = NotifyPrefs(quiet_start=time(22), quiet_end=time(7), tz=UTC, critical_in_quiet=False)
    night = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)
    d = decide([A("c", severity="critical")], {}, night, prefs)
    assert not d.show and keys(d.held) == ["c"]


@pytest.mark.parametrize(
    ("start", "end", "local_clock", "quiet"),
    [
        (time(22), time(7), time(3), True),
        (time(22), time(7), time(12), False),
        (time(12), time(14), time(13), True),  # same-day window
        (time(12), time(14), time(14), False),
        (time(12), time(12), time(12), False),  # empty window = off
        (None, time(7), time(3), False),
    ],
)
def test_in_quiet_hours(
    start: time | None, end: time | None, local_clock: time, quiet: bool
) -> None:
    now = datetime.combine(datetime(2026, 6, 1).date(), local_clock, tzinfo=NEW_YORK)
    assert in_quiet_hours(now.astimezone(UTC), start, end, NEW_YORK) is quiet


def test_snooze_helpers() -> None:
    assert snooze_for(NOW) == NOW + timedelta(hours=1)
    # 15:00 UTC = 16:00 in Berlin; tomorrow 08:00 Berlin = 07:00 UTC
    assert tomorrow_morning(NOW, BERLIN) == datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
    # 23:30 UTC on the 20th is already the 21st in Berlin: "tomorrow" is the 22nd
    late = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    assert tomorrow_morning(late, BERLIN) == datetime(2026, 11, 22, 7, 0, tzinfo=UTC)
    # across the spring DST change New York goes from UTC-5 to UTC-4
    assert tomorrow_morning(datetime(2026, 3, 7, 18, 0, tzinfo=UTC), NEW_YORK) == datetime(
        2026, 3, 8, 12, 0, tzinfo=UTC
    )
    fixed = timezone(timedelta(hours=2))
    assert tomorrow_morning(NOW, fixed) == datetime(2026, 11, 21, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "slot"),
    [
        # Friday 2026-11-20 16:00 Berlin -> Monday 2026-11-16 09:00 Berlin (08:00 UTC)
        (datetime(2026, 11, 20, 15, 0, tzinfo=UTC), datetime(2026, 11, 16, 8, 0, tzinfo=UTC)),
        # Monday 08:59 Berlin: still last week's slot
        (datetime(2026, 11, 16, 7, 59, tzinfo=UTC), datetime(2026, 11, 9, 8, 0, tzinfo=UTC)),
        # Monday 09:00 Berlin exactly
        (datetime(2026, 11, 16, 8, 0, tzinfo=UTC), datetime(2026, 11, 16, 8, 0, tzinfo=UTC)),
        # Sunday 23:30 UTC is Monday 00:30 in Berlin: before 09:00, last week's slot
        (datetime(2026, 11, 15, 23, 30, tzinfo=UTC), datetime(2026, 11, 9, 8, 0, tzinfo=UTC)),
    ],
)
def test_last_review_slot(now: datetime, slot: datetime) -> None:
    assert last_review_slot(now, 0, 9, BERLIN) == slot


@pytest.mark.parametrize(
    ("last", "due"),
    [
        (None, True),
        (datetime(2026, 11, 16, 7, 59, tzinfo=UTC), True),  # before this week's slot
        (datetime(2026, 11, 16, 8, 0, tzinfo=UTC), False),
        (datetime(2026, 11, 18, 10, 0, tzinfo=UTC), False),
    ],
)
def test_review_due(last: datetime | None, due: bool) -> None:
    assert review_due(NOW, last, 0, 9, BERLIN) is due


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("22:00", time(22)),
        ("7:05", time(7, 5)),
        ("", None),
        (None, None),
        ("25:00", None),
        ("x", None),
    ],
)
def test_parse_hhmm(text: str | None, value: time | None) -> None:
    assert parse_hhmm(text) == value
