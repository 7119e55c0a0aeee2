"""The review-request loader and plan from real stored rows: every exclusion from an imported
report, the delivery-date sources other reports will fill, the bounded read, the log."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.review_requests import ReviewRequestSettings, plan_review_requests
from services.review_requests import mark_requested, review_plan
from storage.db import transaction
from storage.repository import review_inputs
from storage.repository.review_inputs import (
    FBA_ARRIVALS,
    FBM_DELIVERY,
    REFUND_SOURCES,
    has_columns,
    load_review_inputs,
)
from storage.repository.review_requests import (
    LoggedRequest,
    count_requests,
    log_requests,
    request_log,
)
from storage.repository.settings import (
    REVIEW_REQUESTS_SETTING,
    load_review_request_settings,
    save_review_request_settings,
    set_setting,
)
from tests.review_request_fixtures import (
    BUSINESS,
    CANCELLED,
    CLOSED,
    CLOSES_TODAY,
    ELIGIBLE,
    EXCLUDED,
    FEEDBACK,
    NOT_YET,
    NOW,
    REQUESTED,
    import_set,
)

SELLER_A = (
    "orders-1.txt",
    "orders-2.txt",
    "feedback.txt",
    "returns-fbm.txt",
    "returns-fba.txt",
    "messages.csv",
    "claims.csv",
)


@pytest.fixture
def rr_store(store: Any) -> Any:
    import_set(store)
    return store


def eligible_ids(store: Any, now: datetime = NOW) -> list[str]:
    return [e.order_id for e in review_plan(store, now).eligible]


def test_the_sample_set_gives_each_outcome(rr_store: Any) -> None:
    mark_requested(rr_store, [REQUESTED], NOW - timedelta(days=10))
    plan = review_plan(rr_store, NOW)
    assert [e.order_id for e in plan.eligible] == ELIGIBLE
    assert {x.order_id: x.reason for x in plan.excluded} == EXCLUDED
    listed = {e.order_id for e in plan.eligible} | {x.order_id for x in plan.excluded}
    for quiet in (FEEDBACK, BUSINESS, REQUESTED, CANCELLED, NOT_YET, CLOSED, CLOSES_TODAY):
        assert quiet not in listed
    uk = next(e for e in plan.eligible if e.marketplace == "Amazon.co.uk")
    assert (uk.channel, uk.delivery_date, uk.estimated) == ("mfn", date(2026, 11, 7), True)
    assert plan.eligible[0].days_left == 2


@pytest.mark.parametrize(
    ("order_id", "reason"),
    sorted(EXCLUDED.items()),
)
def test_each_open_issue_comes_from_its_stored_report(
    rr_store: Any, order_id: str, reason: str
) -> None:
    """Without the issue's record the order is eligible; with it, excluded for that reason."""
    inputs = load_review_inputs(rr_store.db, NOW, ReviewRequestSettings())
    got = {i.order_id: i.reason for i in inputs.issues}
    assert got[order_id] == reason
    others = [i for i in inputs.issues if i.order_id != order_id]
    plan = plan_review_requests(
        inputs.orders, requested={}, issues=others, feedback=inputs.feedback, now=NOW
    )
    assert order_id in [e.order_id for e in plan.eligible]


def test_an_answered_message_is_no_issue_and_an_automated_reply_is_no_answer(rr_store: Any) -> None:
    answered = "111-1000005-0000005"
    assert answered in eligible_ids(rr_store)
    with transaction(rr_store.db):
        rr_store.db.execute("UPDATE messages SET automated = 1 WHERE message_id = 'RR-3'")
    assert answered not in eligible_ids(rr_store)
    with transaction(rr_store.db):
        rr_store.db.execute("UPDATE messages SET no_response_needed = 1 WHERE message_id = 'RR-2'")
    assert answered in eligible_ids(rr_store)


def test_an_issue_after_now_does_not_count_yet(rr_store: Any) -> None:
    """The A-to-z claim was filed Nov 17: on Nov 16 the order was still eligible."""
    before = datetime(2026, 11, 16, 12, tzinfo=UTC)
    assert "111-2000003-0000003" in eligible_ids(rr_store, before)


def test_feedback_received_ends_eligibility_from_its_day(rr_store: Any) -> None:
    assert FEEDBACK not in eligible_ids(rr_store)
    assert FEEDBACK in eligible_ids(rr_store, datetime(2026, 11, 11, 12, tzinfo=UTC))


def test_business_orders_follow_the_setting(rr_store: Any) -> None:
    assert BUSINESS not in eligible_ids(rr_store)
    save_review_request_settings(rr_store.db, ReviewRequestSettings(skip_business_orders=False))
    assert BUSINESS in eligible_ids(rr_store)


def test_a_requested_order_is_never_eligible_again(rr_store: Any) -> None:
    assert REQUESTED in eligible_ids(rr_store)
    mark_requested(rr_store, [REQUESTED], NOW - timedelta(days=3))
    assert REQUESTED not in eligible_ids(rr_store)
    # replaying a day before the request: it was eligible then
    assert REQUESTED in eligible_ids(rr_store, NOW - timedelta(days=4))


def test_the_window_settings_are_read(rr_store: Any) -> None:
    save_review_request_settings(
        rr_store.db, ReviewRequestSettings(opens_after_days=3, closes_after_days=31)
    )
    got = eligible_ids(rr_store)
    assert NOT_YET not in got  # delivered Nov 21 (estimated): opens Nov 24
    assert CLOSES_TODAY in got  # delivered Oct 21: with 31 days it closes Nov 21


# --- delivery dates and refunds from the reports other importers add -------------------


def _add_table(db: Any, table: str, columns: list[str]) -> None:
    """Create a source table, or add the columns it lacks (an importer may have made it)."""
    with transaction(db):
        exists = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
        ).fetchone()
        if not exists:
            db.execute(f"CREATE TABLE {table} ({', '.join(c + ' TEXT' for c in columns)})")
            return
        have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        for c in columns:
            if c not in have:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {c} TEXT")


def test_sources_that_do_not_exist_yet_give_nothing(rr_store: Any) -> None:
    db = rr_store.db
    since = date(2026, 1, 1)
    assert not has_columns(db, "no_such_table", ["x"])
    if not has_columns(db, FBA_ARRIVALS[0], FBA_ARRIVALS[1:]):
        assert review_inputs.fba_arrivals(db, since) == {}
    if not has_columns(db, FBM_DELIVERY[0], FBM_DELIVERY[1:]):
        assert review_inputs.fbm_delivery_dates(db, since) == {}
    assert has_columns(db, "orders", ["order_id", "ship_service_level"])


def test_fba_arrival_dates_are_used_the_latest_of_a_split_shipment(rr_store: Any) -> None:
    table, order_col, arrival = FBA_ARRIVALS
    assert table == "fba_shipments"  # the Amazon Fulfilled Shipments importer's table
    fba = "111-1000001-0000001"  # estimated delivery Oct 25: closes Nov 24
    rows = [
        (fba, "S1", "I1", "2026-10-21T20:00:00+00:00"),
        (fba, "S2", "I2", "2026-10-24"),
        (CLOSED, "S3", "I3", "2026-10-30"),
    ]
    with transaction(rr_store.db):
        rr_store.db.conn.executemany(
            f"INSERT INTO {table}({order_col}, shipment_id, shipment_item_id, shipment_date,"
            f" {arrival}) VALUES (?, ?, ?, '2026-10-20', ?)",
            rows,
        )
    plan = review_plan(rr_store, NOW)
    got = next(e for e in plan.eligible if e.order_id == fba)
    assert (got.delivery_date, got.estimated, got.days_left) == (date(2026, 10, 24), False, 3)
    # an order bought long ago but delivered late comes back into its window
    assert CLOSED in [e.order_id for e in plan.eligible]


def test_fbm_delivery_end_then_promise_date(rr_store: Any) -> None:
    table, order_col, end, promise = FBM_DELIVERY
    _add_table(rr_store.db, table, [order_col, end, promise])
    uk, expedited = "202-1000003-0000003", "111-1000002-0000002"
    with transaction(rr_store.db):
        rr_store.db.execute(
            f"UPDATE {table} SET {end} = ?, {promise} = ? WHERE {order_col} = ?",
            ["2026-11-09", "2026-11-12", uk],
        )
        rr_store.db.execute(
            f"UPDATE {table} SET {end} = '', {promise} = ? WHERE {order_col} = ?",
            ["2026-11-16", expedited],
        )
    by_id = {e.order_id: e for e in review_plan(rr_store, NOW).eligible}
    assert (by_id[uk].delivery_date, by_id[uk].estimated) == (date(2026, 11, 9), False)
    assert by_id.get(expedited) is None  # promised Nov 16: opens Nov 21
    later = {e.order_id: e for e in review_plan(rr_store, NOW + timedelta(days=1)).eligible}
    assert (later[expedited].delivery_date, later[expedited].estimated) == (
        date(2026, 11, 16),
        False,
    )


REFUND_ROWS = {
    "settlement_refunds": "INSERT INTO settlement_refunds(row_key, order_id, posted_date)"
    " VALUES (?, ?, ?)",
    "date_range_refunds": "INSERT INTO date_range_refunds(row_key, order_id, posted_at)"
    " VALUES (?, ?, ?)",
}
"""The refund tables of the settlement and Date Range importers (they keep Refund rows only)."""


@pytest.mark.parametrize("source", range(len(REFUND_SOURCES)))
def test_a_refund_excludes_the_order(rr_store: Any, source: int) -> None:
    table = REFUND_SOURCES[source][0]
    refunded = "111-1000001-0000001"
    with transaction(rr_store.db):
        rr_store.db.execute(REFUND_ROWS[table], ["k1", refunded, "2026-11-19T10:00:00+00:00"])
    plan = review_plan(rr_store, NOW)
    assert {x.order_id: x.reason for x in plan.excluded}[refunded] == "refund"
    assert "111-1000002-0000002" in [e.order_id for e in plan.eligible]


# --- the bounded read equals planning over everything ----------------------------------


def _everything(store: Any, now: datetime, settings: ReviewRequestSettings) -> Any:
    """The loader with its bounds removed: every order ever bought."""
    far = replace(settings, closes_after_days=settings.closes_after_days + 400)
    inputs = load_review_inputs(store.db, now, far)
    return plan_review_requests(
        inputs.orders,
        requested=inputs.requested,
        issues=inputs.issues,
        feedback=inputs.feedback,
        now=now,
        settings=settings,
    )


def test_bounded_read_plans_like_a_read_of_everything(store: Any, samples: Path) -> None:
    import_set(store, tuple(samples / "seller-a" / n for n in SELLER_A))
    settings = ReviewRequestSettings()
    for days in (0, 9, 23, 41, 60, 88):
        now = datetime(2026, 11, 20, 15, tzinfo=UTC) - timedelta(days=days)
        bounded = review_plan(store, now)
        assert bounded == _everything(store, now, settings), days
        assert bounded.eligible and bounded.excluded  # the sample seller has both these days


# --- the log and the settings ------------------------------------------------------------


def test_log_keeps_the_first_request_and_lists_newest_first(store: Any) -> None:
    t = datetime(2026, 11, 1, 9, tzinfo=UTC)
    assert log_requests(store.db, [LoggedRequest("A", t, "Amazon.com")]) == 1
    added = log_requests(
        store.db,
        [LoggedRequest("A", t + timedelta(days=1), "Amazon.de"), LoggedRequest("B", t, "")],
    )
    assert added == 1
    assert request_log(store.db) == [
        LoggedRequest("A", t, "Amazon.com"),
        LoggedRequest("B", t, ""),
    ]
    assert count_requests(store.db) == 2
    assert count_requests(store.db, t + timedelta(seconds=1)) == 0
    assert request_log(store.db, limit=1) == [LoggedRequest("A", t, "Amazon.com")]


def test_the_log_table_holds_no_buyer_data(store: Any) -> None:
    columns = {r[1] for r in store.db.execute("PRAGMA table_info(review_request_log)")}
    assert columns == {"order_id", "requested_at", "marketplace"}


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ({}, ReviewRequestSettings()),
        ({"opens_after_days": 4}, ReviewRequestSettings(opens_after_days=4)),
        ({"opens_after_days": "4"}, ReviewRequestSettings()),  # hand-edited text: ignored
        ({"skip_business_orders": 0}, ReviewRequestSettings()),  # not a boolean
        ({"skip_business_orders": False}, ReviewRequestSettings(skip_business_orders=False)),
        (
            {"transit_days": [["standard", 4]]},
            ReviewRequestSettings(transit_days=(("standard", 4),)),
        ),
        ({"transit_days": [["standard"]]}, ReviewRequestSettings()),
        ({"unknown": 1, "rate_days": 14}, ReviewRequestSettings(rate_days=14)),
        ([1, 2], ReviewRequestSettings()),
    ],
)
def test_settings_read_back_only_what_has_the_right_type(
    store: Any, stored: object, expected: ReviewRequestSettings
) -> None:
    set_setting(store.db, REVIEW_REQUESTS_SETTING, stored)
    assert load_review_request_settings(store.db) == expected


def test_settings_round_trip(store: Any) -> None:
    s = ReviewRequestSettings(
        opens_after_days=6, transit_days=(("standard", 4), ("nextday", 2)), rate_days=60
    )
    save_review_request_settings(store.db, s)
    assert load_review_request_settings(store.db) == s
