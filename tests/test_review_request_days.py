"""Three days of the review-request reminder through the real JobRunner and Notifier: once a
UTC day, held during quiet hours, snoozed as usual, silent once an order was marked today."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from core.clock import FixedClock
from core.review_requests import ReviewRequestSettings
from gui.bridge import Bridge
from gui.notifications import Notifier
from gui.operations import wait_idle
from gui.scheduler import JobRunner
from services.changes import Changes
from services.review_requests import mark_requested
from storage.repository.settings import save_review_request_settings, set_setting
from storage.repository.warnings import QUIET_END_SETTING, QUIET_START_SETTING
from tests.review_request_fixtures import ELIGIBLE, import_set
from tests.test_scenario_days import FakeTray, Shown

KEY = "review_requests.daily"
DAY0 = datetime(2026, 11, 18, 0, 0, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return DAY0 + timedelta(days=day, hours=hour, minutes=minute)


@pytest.fixture
def world(store: Any, qapp: Any) -> Iterator[Any]:
    import_set(store)
    set_setting(store.db, QUIET_START_SETTING, "22:00")
    set_setting(store.db, QUIET_END_SETTING, "07:00")
    clock = FixedClock(at(0, 6))
    bridge = Bridge()
    tray = FakeTray()
    notifier = Notifier(store, bridge, tray, clock, local_tz=UTC)
    runner = JobRunner(store, bridge, clock, local_tz=UTC)
    yield clock, bridge, runner, notifier, Shown(notifier, clock), tray
    runner.shutdown()


def test_three_days_of_reminders(world: Any, store: Any) -> None:
    clock, bridge, runner, notifier, shown, tray = world

    def check(when: datetime, job: str = "recompute") -> list[tuple[str, str]]:
        clock.set(when)
        mark = len(shown.log)
        runner.run_now(job)
        assert wait_idle()
        return [(e[1], e[2]) for e in shown.log[mark:] if e[1] == KEY]

    assert check(at(0, 6)) == []  # quiet hours: held back
    assert check(at(0, 8)) == [(KEY, "2026-11-18")]  # shown once the quiet hours end
    assert shown.first(KEY)[4] == "9 orders to ask for a review today"
    assert tray.messages  # in a balloon (beside the weekly review: none was logged yet)
    assert check(at(0, 12)) == []  # once a day
    assert check(at(0, 12, 1), "deadlines") == []  # the minute's check reuses the plan
    notifier.snooze(KEY, at(1, 10))
    assert wait_idle()
    assert check(at(1, 8)) == []  # a new day, but snoozed until 10:00
    assert check(at(1, 10, 30)) == [(KEY, "2026-11-19")]
    mark_requested(store, [ELIGIBLE[0]], at(1, 11))
    bridge.changed.emit(Changes(review_requests=True))
    assert check(at(1, 11, 1), "deadlines") == []  # marked today: the reminder resolves
    from storage.repository.warnings import get_warning

    memory = get_warning(store.db, KEY)
    assert memory is not None and memory.resolved_at == at(1, 11, 1)
    assert check(at(2, 9)) == [(KEY, "2026-11-20")]  # none marked yet today
    save_review_request_settings(store.db, ReviewRequestSettings(daily_reminder=False))
    bridge.changed.emit(Changes(settings=True))
    assert check(at(3, 9)) == []  # switched off in Settings
