"""A seller's fortnight, day by day: the tray warns before the breach, in order, once.

Tiny report files are written to tmp_path and imported the way the app does;
the JobRunner's deadline/recompute jobs run synchronously at a FixedClock and
feed the real Notifier (with a fake tray). Assertions are on what was shown.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal

from core.clock import FixedClock
from core.review_requests import ReviewRequestSettings
from gui.bridge import Bridge
from gui.notifications import Notifier
from gui.operations import wait_idle
from gui.scheduler import JobRunner
from storage.imports.apply import apply_import
from storage.repository.settings import save_review_request_settings

START = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)  # a Monday, noon UTC
ORDERS_HEADER = (
    "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\t"
    "fulfillment-channel\tsales-channel\torder-channel\tship-service-level\tproduct-name\tsku\t"
    "asin\titem-status\tquantity\tcurrency\titem-price\tship-city\tship-state\tship-postal-code\t"
    "ship-country\tis-business-order\n"
)
FEEDBACK_HEADER = "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n"
MESSAGES_HEADER = (
    "message_id,order_id,thread_id,direction,timestamp,subject,body,sender,"
    "no_response_needed,automated\n"
)


class FakeTray(QObject):
    messageClicked = Signal()  # noqa: N815 - Qt's name

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []

    def showMessage(self, title: str, text: str, icon: Any, msecs: int) -> None:  # noqa: N802
        self.messages.append((title, text))


def order_id(n: int) -> str:
    return f"113-{n:07d}-{n * 7 % 10_000_000:07d}"


def write_orders(path: Path) -> dict[str, str]:
    """Three FBM orders a day for 135 days before START and 14 after; returns named ones."""
    lines, named = [ORDERS_HEADER], {}
    n = 0
    for day in range(-135, 15):
        for hour in (2, 10, 18):
            n += 1
            when = (START.replace(hour=hour) + timedelta(days=day)).isoformat()
            oid = order_id(n)
            if (day, hour) == (-40, 10):
                named["A"] = oid
            if (day, hour) == (-5, 10):
                named["B"] = oid
            lines.append(
                f"{oid}\t\t{when}\t{when}\tShipped\tMerchant\tAmazon.com\t\tStandard\t"
                f"Kitchen scale\tKT-SCALE\tB0SCALE001\tShipped\t1\tUSD\t19.99\tAustin\tTX\t"
                f"78701\tUS\tfalse\n"
            )
    path.write_text("".join(lines), encoding="utf-8")
    return named


def write_feedback(path: Path, oid: str, day: datetime) -> Path:
    us_date = f"{day.month}/{day.day}/{day:%y}"
    path.write_text(
        FEEDBACK_HEADER + f"{us_date}\t1\tBroke after a day.\t\t{oid}\tx1@marketplace.amazon.com\n",
        encoding="utf-8",
    )
    return path


class Shown:
    """Every alert the notifier decided to show, with the instant."""

    def __init__(self, notifier: Notifier, clock: FixedClock) -> None:
        self.log: list[tuple[datetime, str, str, str, str]] = []
        notifier.shown.connect(
            lambda alerts: self.log.extend(
                (clock(), a.key, a.state, a.severity, a.title) for a in alerts
            )
        )

    def keys_since(self, mark: int) -> list[str]:
        return [entry[1] for entry in self.log[mark:]]

    def first(self, key: str) -> tuple[datetime, str, str, str, str]:
        return next(e for e in self.log if e[1] == key)


@pytest.fixture
def world(store: Any, qapp: Any, tmp_path: Path) -> Any:
    clock = FixedClock(START)
    bridge = Bridge()
    tray = FakeTray()
    notifier = Notifier(store, bridge, tray, clock, local_tz=UTC)
    runner = JobRunner(store, bridge, clock, local_tz=UTC)
    named = write_orders(tmp_path / "orders.txt")
    for f in (
        tmp_path / "orders.txt",
        write_feedback(tmp_path / "feedback-a.txt", named["A"], START - timedelta(days=20)),
    ):
        assert apply_import(store, f, now=START).ok
    messages = tmp_path / "messages.csv"
    received = (START + timedelta(days=3)).replace(hour=1).isoformat()
    messages.write_text(
        MESSAGES_HEADER
        + f"M1,{named['B']},,in,{received},Where is my order?,Hello,b@marketplace.amazon.com,"
        "false,false\n",
        encoding="utf-8",
    )
    assert apply_import(store, messages, now=START).ok
    # The daily review-request reminder has its own fortnight (test_review_request_days.py).
    save_review_request_settings(store.db, ReviewRequestSettings(daily_reminder=False))
    yield clock, runner, notifier, Shown(notifier, clock), named, tray
    runner.shutdown()


def test_a_fortnight_of_warnings(world: Any, store: Any, tmp_path: Path) -> None:
    clock, runner, notifier, shown, named, tray = world

    def check(at: datetime) -> list[str]:
        clock.set(at)
        mark = len(shown.log)
        runner.run_now("recompute")
        assert wait_idle()  # the notifier decides and remembers in the writer thread
        return shown.keys_since(mark)

    def day(n: int, hour: int = 12, minute: int = 0) -> datetime:
        return (START + timedelta(days=n)).replace(hour=hour, minute=minute)

    # Day 0: one defect in 180 orders (0.56 %) and no room left: one warning says so.
    first = check(day(0))
    assert "odr.mfn.status" in first
    assert "odr.mfn.headroom" not in first
    assert "odr.mfn.forecast" not in first
    assert check(day(1)) == []  # nothing repeated

    # Day 2: negative feedback on an order bought 5 days ago: it enters the window later.
    assert apply_import(
        store, write_feedback(tmp_path / "feedback-b.txt", named["B"], day(2)), now=day(2)
    ).ok
    assert check(day(2)) == ["odr.mfn.forecast"]
    _, _, breach_day, _, title = shown.first("odr.mfn.forecast")
    assert title.startswith("FBM ODR will reach 1.11 % on ")
    notifier.snooze("odr.mfn.forecast", day(3, 8))  # "until tomorrow 08:00"

    # Day 3: the snooze ended at 08:00: reminded once, at the noon check.
    assert check(day(3)) == ["odr.mfn.forecast"]
    # The buyer message (received 01:00) is due in 3 hours at 22:00: a warning.
    assert check(day(3, 22)) == ["deadline.message.M1"]
    notifier.snooze("deadline.message.M1", day(3, 23))
    assert check(day(3, 22, 30)) == []  # snoozed
    assert check(day(3, 23, 30)) == ["deadline.message.M1"]  # snooze over: reminded once
    # 01:00 passed: overdue, critical; the Late Response Rate breaches with it.
    late = check(day(4, 2))
    assert set(late) == {"deadline.message.M1", "lrr.status"}
    assert [e[3] for e in shown.log if e[1] == "deadline.message.M1"] == [
        "warning",
        "warning",
        "critical",
    ]

    breached_on = None
    for n in range(4, 15):
        for key in check(day(n)):
            if key == "odr.mfn.status":
                breached_on = clock().date()
    assert breached_on is not None and breached_on.isoformat() == breach_day

    odr = [(e[1], e[3]) for e in shown.log if e[1].startswith("odr.mfn.")]
    assert odr[:1] == [("odr.mfn.status", "warning")]  # one warning, not status + headroom
    assert odr[1:] == [
        ("odr.mfn.forecast", "warning"),
        ("odr.mfn.forecast", "warning"),  # the reminder after the snooze
        ("odr.mfn.status", "critical"),
    ]
    # Nothing was shown twice in the same state except the two snooze reminders.
    seen = [(e[1], e[2]) for e in shown.log]
    repeats = {k for k in seen if seen.count(k) > 1}
    assert repeats == {("odr.mfn.forecast", breach_day), ("deadline.message.M1", "due_soon")}
    # The breach resolved the forecast that led to it; the status warning became the breach.
    from storage.repository.warnings import get_warning

    mem = get_warning(store.db, "odr.mfn.forecast")
    assert mem is not None and mem.resolved_at is not None
    status = get_warning(store.db, "odr.mfn.status")
    assert status is not None and status.state == "breach" and status.resolved_at is None
    assert get_warning(store.db, "odr.mfn.headroom") is None
    assert tray.messages  # every shown batch became a balloon
