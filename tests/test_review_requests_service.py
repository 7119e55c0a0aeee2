"""services.review_requests: marking (all or nothing), the daily reminder, the screen's page
with its numbers over time, the CSV export, and the reminder in the scheduler."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.alerts import REVIEW_REQUESTS_KEY, sort_alerts
from core.review_requests import order_page_url
from services.changes import Changes
from services.review_requests import (
    HISTORY_WEEKS,
    MarkRefused,
    RequestsReminder,
    export_request_log,
    mark_requested,
    review_request_reminder,
    review_requests_page,
    save_request_text,
)
from storage.repository.review_requests import request_log
from tests.review_request_fixtures import ELIGIBLE, FEEDBACK, NOW, REQUESTED, import_set


@pytest.fixture
def rr_store(store: Any) -> Any:
    import_set(store)
    return store


def test_mark_logs_every_order_with_its_marketplace(rr_store: Any) -> None:
    uk, us = "202-1000003-0000003", ELIGIBLE[0]
    changes = mark_requested(rr_store, [uk, f" {us} ", uk], NOW)
    assert changes == Changes(review_requests=True) and not changes.metric_inputs
    log = request_log(rr_store.db)
    assert {(r.order_id, r.marketplace, r.requested_at) for r in log} == {
        (uk, "Amazon.co.uk", NOW),
        (us, "Amazon.com", NOW),
    }


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ([], "Name at least one order to mark as requested."),
        (
            ["111-9999999-9999999"],
            "Order 111-9999999-9999999 is not in the database; import the orders report that "
            "has it first. Nothing was marked.",
        ),
        (
            [ELIGIBLE[0], "X-1", "X-2"],
            "Orders X-1, X-2 are not in the database; import the orders report that has them "
            "first. Nothing was marked.",
        ),
        (
            [ELIGIBLE[1], REQUESTED],
            f"Order {REQUESTED} was already requested (order {REQUESTED} on 2026-11-10 12:00 "
            "UTC); Amazon allows one request per order. Nothing was marked.",
        ),
    ],
)
def test_mark_refuses_unknown_or_requested_orders_and_logs_nothing(
    rr_store: Any, ids: list[str], message: str
) -> None:
    mark_requested(rr_store, [REQUESTED], datetime(2026, 11, 10, 12, tzinfo=UTC))
    with pytest.raises(MarkRefused) as err:
        mark_requested(rr_store, ids, NOW)
    assert str(err.value) == message
    assert [r.order_id for r in request_log(rr_store.db)] == [REQUESTED]


def test_reminder_when_orders_are_eligible_and_none_was_marked_today(rr_store: Any) -> None:
    mark_requested(rr_store, [REQUESTED], NOW - timedelta(days=5))
    alert = review_request_reminder(rr_store, NOW)
    assert alert is not None
    assert (alert.key, alert.severity, alert.state, alert.screen) == (
        REVIEW_REQUESTS_KEY,
        "info",
        "2026-11-20",
        "review_requests",
    )
    assert alert.title == "5 orders to ask for a review today"
    assert alert.detail.startswith(f"The window of order {ELIGIBLE[0]} closes in 2 days.")
    # the next day is a new state: shown again once
    tomorrow = review_request_reminder(rr_store, NOW + timedelta(days=1))
    assert tomorrow is not None and tomorrow.state == "2026-11-21"
    assert tomorrow.detail.startswith(f"Today is the last day for order {ELIGIBLE[0]}.")
    # a request marked yesterday does not count for today; one marked today does
    mark_requested(rr_store, [ELIGIBLE[1]], NOW - timedelta(days=1))
    assert review_request_reminder(rr_store, NOW) is not None
    mark_requested(rr_store, [ELIGIBLE[2]], NOW.replace(hour=0, minute=1))
    assert review_request_reminder(rr_store, NOW) is None


def test_no_reminder_without_eligible_orders(store: Any) -> None:
    assert review_request_reminder(store, NOW) is None


def test_reminder_sorts_with_the_other_reminders() -> None:
    from core.alerts import Alert

    info = [
        Alert("review_requests.daily", "info", "", "", ""),
        Alert("nfr.status", "info", "", "", ""),
        Alert("odr.afn.status", "warning", "", "", ""),
    ]
    assert [a.key for a in sort_alerts(info)] == [
        "odr.afn.status",
        "nfr.status",
        "review_requests.daily",
    ]


def test_the_scheduler_reuses_the_plan_until_a_write_or_a_new_day(
    rr_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import services.review_requests as module

    calls: list[datetime] = []
    real = module.review_request_reminder

    def counted(store: Any, now: datetime) -> Any:
        calls.append(now)
        return real(store, now)

    monkeypatch.setattr(module, "review_request_reminder", counted)
    cache = RequestsReminder()
    first = cache.get(rr_store, NOW)
    assert first is not None
    assert cache.get(rr_store, NOW + timedelta(minutes=1)) is first
    assert len(calls) == 1
    cache.get(rr_store, NOW, fresh=True)  # a recompute plans again
    cache.forget(Changes(review_requests=True))
    cache.get(rr_store, NOW)
    cache.get(rr_store, NOW + timedelta(days=1))
    assert len(calls) == 4


def test_page_holds_plan_log_numbers_and_history(rr_store: Any) -> None:
    mark_requested(rr_store, [REQUESTED], datetime(2026, 11, 12, 12, tzinfo=UTC))
    mark_requested(rr_store, [FEEDBACK], datetime(2026, 11, 11, 12, tzinfo=UTC))  # rated Nov 12
    page = review_requests_page(rr_store, NOW)
    assert [e.order_id for e in page.plan.eligible] == ELIGIBLE
    assert [r.order_id for r in page.log] == [REQUESTED, FEEDBACK] and page.log_total == 2
    assert len(page.history) == HISTORY_WEEKS
    assert page.history[-1].now == NOW and page.history[0].now.date() == date(2026, 9, 4)
    assert page.history_start == date(2026, 8, 29)  # each point is its own week
    assert [h.period_start for h in page.history[-2:]] == [date(2026, 11, 7), date(2026, 11, 14)]
    n = page.numbers
    assert (n.requested, n.after_request.orders, n.after_request.with_feedback) == (2, 2, 1)
    assert n.after_request.feedback_share == 50.0 and n.after_request.negative_share == 0.0
    assert n.eligible >= len(ELIGIBLE) + 2
    assert page.request_text == ""


def test_request_text_is_kept(rr_store: Any) -> None:
    assert save_request_text(rr_store, "Please review.") == Changes(review_requests=True)
    assert review_requests_page(rr_store, NOW).request_text == "Please review."


def test_export_writes_the_whole_log_as_csv(rr_store: Any, tmp_path: Path) -> None:
    mark_requested(rr_store, ELIGIBLE[:2], datetime(2026, 11, 19, 8, 30, tzinfo=UTC))
    out = tmp_path / "log.csv"
    assert export_request_log(rr_store, out) == 2
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["order_id", "requested_at", "marketplace"]
    assert sorted(rows[1:]) == sorted(
        [[o, "2026-11-19T08:30:00+00:00", "Amazon.com"] for o in ELIGIBLE[:2]]
    )


@pytest.mark.parametrize(
    ("marketplace", "url"),
    [
        ("Amazon.com", "https://sellercentral.amazon.com/orders-v3/order/111-1"),
        ("Amazon.co.uk", "https://sellercentral.amazon.co.uk/orders-v3/order/111-1"),
        ("DE", "https://sellercentral.amazon.de/orders-v3/order/111-1"),
        ("A1VC38T7YXB528", "https://sellercentral.amazon.co.jp/orders-v3/order/111-1"),
        ("Non-Amazon", "https://sellercentral.amazon.com/orders-v3/order/111-1"),
        ("", "https://sellercentral.amazon.com/orders-v3/order/111-1"),
    ],
)
def test_order_page_per_marketplace(marketplace: str, url: str) -> None:
    assert order_page_url("111-1", marketplace) == url


def test_the_settings_form_keeps_planner_settings_it_does_not_show(store: Any) -> None:
    from core.review_requests import ReviewRequestSettings
    from services.backups import BackupPrefs
    from services.settings import (
        NotificationPrefs,
        SettingsForm,
        WatchPrefs,
        save_settings_form,
        settings_page,
    )

    mine = ReviewRequestSettings(skip_business_orders=False, daily_reminder=False)
    base = SettingsForm({}, NotificationPrefs(), WatchPrefs(), BackupPrefs(), review_requests=mine)
    save_settings_form(store, base)
    page = settings_page(store)
    assert page.review_requests == mine and page.holds(base)
    without = SettingsForm({}, NotificationPrefs(), WatchPrefs(), BackupPrefs())
    save_settings_form(store, without)  # a form without the group keeps what is stored
    assert settings_page(store).review_requests == mine
    assert page.with_form(without).review_requests == mine


def test_the_weekly_points_equal_a_plain_computation(store: Any, samples: Path) -> None:
    """The page picks each week's orders by window and shares the windows; computing every
    week over every loaded order with the core alone gives the same numbers."""
    from dataclasses import replace

    from core.review_requests import request_numbers
    from services.review_requests import WEEK, review_plan
    from storage.repository.review_inputs import load_review_inputs
    from storage.repository.settings import load_review_request_settings
    from tests.test_review_request_inputs import SELLER_A

    import_set(store, tuple(samples / "seller-a" / n for n in SELLER_A))
    for days in range(40, 0, -2):  # a request for the soonest-closing orders every other day
        at = NOW - timedelta(days=days)
        mark_requested(store, [e.order_id for e in review_plan(store, at).eligible[:3]], at)
    page = review_requests_page(store, NOW)
    settings = load_review_request_settings(store.db)
    inputs = load_review_inputs(store.db, NOW, settings, first_day=page.history_start)
    weekly = replace(settings, rate_days=WEEK)
    for point in page.history:
        plain = request_numbers(
            inputs.orders,
            requested=inputs.requested,
            issues=inputs.issues,
            feedback=inputs.feedback,
            now=point.now,
            settings=weekly,
            since=point.period_start,
        )
        assert point == plain
    assert sum(p.requested for p in page.history) > 0
