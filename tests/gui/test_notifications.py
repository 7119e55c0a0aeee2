"""gui.notifications.Notifier with a fake tray: once-only, snooze, pause, quiet hours, clicks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from core.alerts import Alert
from gui.notifications import Notifier
from gui.scheduler import JobRunner
from services.changes import Changes
from storage.repository.settings import set_setting
from storage.repository.warnings import get_warning, load_memory


class FakeTray(QObject):
    """Records showMessage calls instead of showing a real notification."""

    messageClicked = Signal()  # noqa: N815 - Qt's name

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str, Any, int]] = []

    def showMessage(self, title: str, text: str, icon: Any, msecs: int) -> None:  # noqa: N802
        self.messages.append((title, text, icon, msecs))


def alert(key: str, severity: str = "warning", state: str = "s1", **kw: str) -> Alert:
    return Alert(key, severity, f"Title {key}", f"Detail {key}", state, **kw)  # type: ignore[arg-type]


@pytest.fixture
def tray(qapp: Any) -> FakeTray:
    return FakeTray()


@pytest.fixture
def notifier(store: Any, bridge: Any, tray: FakeTray, clock: Any) -> Notifier:
    return Notifier(store, bridge, tray, clock, local_tz=UTC)


def test_a_warning_is_shown_once_until_its_state_changes(
    notifier: Notifier, bridge: Any, tray: FakeTray, store: Any, clock: Any, settle: Any
) -> None:
    a = alert("odr.afn.status", "warning", "warning", screen="dashboard")
    bridge.alerts_raised.emit([a])
    settle()
    assert [m[0] for m in tray.messages] == ["Title odr.afn.status"]
    assert tray.messages[0][2] == QSystemTrayIcon.MessageIcon.Warning
    clock.advance(timedelta(minutes=1))
    bridge.alerts_raised.emit([a])
    settle()
    assert len(tray.messages) == 1
    breach = alert("odr.afn.status", "critical", "breach")
    bridge.alerts_raised.emit([breach])
    settle()
    assert len(tray.messages) == 2
    assert tray.messages[1][2] == QSystemTrayIcon.MessageIcon.Critical
    mem = get_warning(store.db, "odr.afn.status")
    assert mem is not None and mem.state == "breach" and mem.first_shown_at < mem.last_shown_at


def test_several_new_warnings_make_one_balloon_and_a_click_opens_the_right_screen(
    notifier: Notifier, bridge: Any, tray: FakeTray, qtbot: Any, settle: Any
) -> None:
    bridge.alerts_raised.emit([alert("deadline.message.M1", "critical", screen="inbox", ref="M1")])
    settle()
    with qtbot.waitSignal(bridge.navigate) as nav:
        tray.messageClicked.emit()
    assert nav.args == ["inbox", "M1"]

    bridge.alerts_raised.emit(
        [
            alert("deadline.message.M1", "critical", screen="inbox", ref="M1"),
            alert("lrr.status", "warning"),
            alert("data.stale", "info"),
            alert("review.weekly", "info"),
        ]
    )
    settle()
    title, text, icon, _ = tray.messages[-1]
    assert len(tray.messages) == 2
    assert title == "Title lrr.status" and text.endswith("(+2 more warnings)")
    with qtbot.waitSignal(bridge.navigate) as nav:
        tray.messageClicked.emit()
    assert nav.args == ["warnings", ""]


def test_missing_warnings_are_resolved_and_come_back_as_new(
    notifier: Notifier, bridge: Any, tray: FakeTray, store: Any, clock: Any, settle: Any
) -> None:
    a = alert("rdr.status")
    bridge.alerts_raised.emit([a])
    settle()
    clock.advance(timedelta(minutes=15))
    bridge.alerts_raised.emit([])
    settle()
    mem = get_warning(store.db, "rdr.status")
    assert mem is not None and mem.resolved_at == clock()
    bridge.alerts_raised.emit([a])
    settle()
    assert len(tray.messages) == 2


def test_snooze_holds_a_warning_until_its_time(
    notifier: Notifier, bridge: Any, tray: FakeTray, clock: Any, settle: Any
) -> None:
    a = alert("deadline.return.X", "warning", "due_soon")
    bridge.alerts_raised.emit([a])
    settle()
    snoozed: list[bool] = []
    notifier.snooze("deadline.return.X", clock() + timedelta(hours=1), snoozed.append)
    clock.advance(timedelta(minutes=59))
    bridge.alerts_raised.emit([a])
    settle()
    assert len(tray.messages) == 1
    clock.advance(timedelta(minutes=1))
    bridge.alerts_raised.emit([a])
    settle()
    assert len(tray.messages) == 2  # reminded
    clock.advance(timedelta(minutes=1))
    bridge.alerts_raised.emit([a])
    settle()
    assert len(tray.messages) == 2  # and only once
    notifier.snooze("unknown", clock(), snoozed.append)
    settle()
    assert snoozed == [True, False]


def test_pause_holds_everything_then_shows_it(
    notifier: Notifier, bridge: Any, tray: FakeTray, clock: Any, settle: Any
) -> None:
    until = notifier.pause(1)
    settle()
    assert until == clock() + timedelta(hours=1)
    alerts = [alert("lrr.status", "critical"), alert("data.stale", "info")]
    bridge.alerts_raised.emit(alerts)
    settle()
    assert tray.messages == []
    clock.advance(timedelta(hours=1))
    bridge.alerts_raised.emit(alerts)
    settle()
    assert [m[0] for m in tray.messages] == ["Title lrr.status"]
    notifier.pause(1)
    settle()
    notifier.resume()
    settle()
    bridge.alerts_raised.emit([*alerts, alert("rdr.status")])
    settle()
    assert tray.messages[-1][0] == "Title rdr.status"


@pytest.mark.parametrize(
    ("critical_setting", "shown"),
    [(True, ["Title deadline.message.M1"]), (False, [])],
)
def test_quiet_hours_let_only_critical_warnings_through(
    notifier: Notifier,
    bridge: Any,
    tray: FakeTray,
    store: Any,
    clock: Any,
    critical_setting: bool,
    shown: list[str],
    settle: Any,
) -> None:
    set_setting(store.db, "quiet_hours_start", "22:00")
    set_setting(store.db, "quiet_hours_end", "07:00")
    set_setting(store.db, "critical_during_quiet_hours", critical_setting)
    clock.set(datetime(2026, 11, 20, 23, 0, tzinfo=UTC))
    bridge.alerts_raised.emit(
        [alert("deadline.message.M1", "critical", "overdue"), alert("odr.afn.status")]
    )
    settle()
    assert [m[0] for m in tray.messages] == shown
    clock.set(datetime(2026, 11, 21, 7, 0, tzinfo=UTC))
    bridge.alerts_raised.emit(
        [alert("deadline.message.M1", "critical", "overdue"), alert("odr.afn.status")]
    )
    settle()
    # the held ones come in the morning, in one balloon
    assert len(tray.messages) == len(shown) + 1
    assert tray.messages[-1][0] == (
        "Title odr.afn.status" if shown else "Title deadline.message.M1"
    )


def test_no_tray_or_messages_off_still_fills_the_warnings_list(
    store: Any, bridge: Any, clock: Any, tray: FakeTray, settle: Any
) -> None:
    no_tray = Notifier(store, bridge, None, clock)
    bridge.alerts_raised.emit([alert("a")])
    settle()
    no_tray.deleteLater()
    bridge.alerts_raised.disconnect(no_tray.on_alerts)
    set_setting(store.db, "notify_enabled", False)
    quiet = Notifier(store, bridge, tray, clock)
    bridge.alerts_raised.emit([alert("a"), alert("b")])
    settle()
    assert tray.messages == []
    assert set(load_memory(store.db)) == {"a", "b"}
    assert quiet.last_message == ("dashboard", "")


def test_a_job_feeds_the_tray_with_the_seller_a_warnings(
    seller_a_store: Any, bridge: Any, tray: FakeTray, clock: Any, settle: Any
) -> None:
    notifier = Notifier(seller_a_store, bridge, tray, clock, local_tz=UTC)
    runner = JobRunner(seller_a_store, bridge, clock, local_tz=UTC)
    runner.run_now("deadlines")  # not started: runs here and emits alerts_raised
    settle()
    assert len(tray.messages) == 1
    title, text, icon, _ = tray.messages[0]
    # The most severe warning leads the balloon: the LRR breach (metrics before deadlines).
    assert icon == QSystemTrayIcon.MessageIcon.Critical
    assert title.startswith("Late Response Rate is 16.67 %")
    assert "more warnings" in text
    runner.run_now("deadlines")
    settle()
    assert len(tray.messages) == 1  # nothing repeated
    assert notifier.last_message == ("warnings", "")
    runner.shutdown()


def test_deciding_and_remembering_happen_off_the_gui_thread(
    notifier: Notifier,
    bridge: Any,
    tray: FakeTray,
    store: Any,
    settle: Any,
    gui_thread_db: list[str],
) -> None:
    bridge.alerts_raised.emit([alert("lrr.status", "critical")])
    notifier.pause(1)
    notifier.resume()
    settle()
    assert [m[0] for m in tray.messages] == ["Title lrr.status"]
    assert gui_thread_db == []
    assert "lrr.status" in load_memory(store.db)


def test_what_was_shown_is_broadcast_as_a_change_of_the_warnings(
    notifier: Notifier, bridge: Any, settle: Any
) -> None:
    seen: list[Changes] = []
    bridge.changed.connect(seen.append)
    bridge.alerts_raised.emit([alert("lrr.status", "critical")])
    settle()
    bridge.alerts_raised.emit([alert("lrr.status", "critical")])  # nothing new: no broadcast
    settle()
    assert seen == [Changes(warnings=True)]
