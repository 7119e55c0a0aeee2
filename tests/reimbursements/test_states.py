"""Windows, states on their boundaries, settings and the seller's marks."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from core.reimbursements import CaseMark, ReimbursementSettings
from core.reimbursements.windows import window_state
from tests.reimbursements.factory import (
    AS_OF,
    ORDER,
    SKU,
    TODAY,
    day,
    event,
    fba_return,
    find,
    refund,
    reimbursement,
    removal,
)


@pytest.mark.parametrize(
    ("ago", "state"),
    [
        (0, "waiting"),
        (59, "waiting"),
        (60, "claimable"),
        (112, "claimable"),
        (113, "closing_soon"),  # 7 days before the close
        (119, "closing_soon"),
        (120, "closing_soon"),  # the last day
        (121, "expired"),
        (400, "expired"),
    ],
)
def test_refund_window_boundaries(ago: int, state: str) -> None:
    (case,) = find(refund(ago))
    assert case.state == state
    assert case.claim_opens == day(ago) + timedelta(days=60)
    assert case.claim_closes == day(ago) + timedelta(days=120)


@pytest.mark.parametrize(
    ("ago", "state"),
    [
        (59, "waiting"),
        (60, "claimable"),
        (113, "closing_soon"),
        (120, "closing_soon"),
        (121, "expired"),
    ],
)
def test_damaged_return_window_boundaries(ago: int, state: str) -> None:
    (case,) = find(fba_return(ago, disposition="CARRIER_DAMAGED"))
    assert (case.kind, case.state) == ("return_damaged", state)


@pytest.mark.parametrize(
    ("reason", "ago", "state"),
    [
        ("M", 29, "waiting"),
        ("M", 30, "claimable"),
        ("M", 52, "claimable"),
        ("M", 53, "closing_soon"),
        ("M", 60, "closing_soon"),
        ("M", 61, "expired"),
        ("E", 0, "claimable"),
        ("E", 52, "claimable"),
        ("E", 53, "closing_soon"),
        ("E", 61, "expired"),
    ],
)
def test_warehouse_window_boundaries(reason: str, ago: int, state: str) -> None:
    (case,) = find(event(ago, reason, -1))
    assert case.state == state


@pytest.mark.parametrize(
    ("ago", "state"),
    [
        (14, "waiting"),
        (15, "claimable"),
        (67, "claimable"),
        (68, "closing_soon"),
        (75, "closing_soon"),
        (76, "expired"),
    ],
)
def test_removal_window_boundaries(ago: int, state: str) -> None:
    (case,) = find(removal(ago, 2))
    assert case.state == state


def test_the_day_is_the_utc_day_of_as_of() -> None:
    late = AS_OF.replace(hour=23, minute=59)
    early = AS_OF.replace(hour=0, minute=0)
    assert find(refund(60), as_of=late)[0].state == "claimable"
    assert find(refund(60), as_of=early)[0].state == "claimable"
    assert find(refund(60), as_of=early - timedelta(seconds=1))[0].state == "waiting"


@pytest.mark.parametrize(
    ("opens", "closes", "state"),
    [
        (None, None, "claimable"),
        (TODAY + timedelta(days=1), TODAY + timedelta(days=30), "waiting"),
        (TODAY, TODAY + timedelta(days=8), "claimable"),
        (TODAY, TODAY + timedelta(days=7), "closing_soon"),
        (TODAY, TODAY, "closing_soon"),
        (TODAY - timedelta(days=9), TODAY - timedelta(days=1), "expired"),
    ],
)
def test_window_state(opens: object, closes: object, state: str) -> None:
    assert window_state(TODAY, opens, closes, ReimbursementSettings()) == state


@pytest.mark.parametrize(
    ("settings", "rows", "window"),
    [
        (
            ReimbursementSettings(refund_claim_opens_days=45, refund_claim_closes_days=90),
            [refund(50)],
            (day(5), day(-40)),
        ),
        (
            ReimbursementSettings(lost_claim_opens_days=10, warehouse_claim_closes_days=30),
            [event(20, "M", -1)],
            (day(10), day(-10)),
        ),
        (
            ReimbursementSettings(damaged_claim_opens_days=3),
            [event(20, "E", -1)],
            (day(17), day(-40)),
        ),
        (
            ReimbursementSettings(removal_claim_opens_days=5, removal_claim_closes_days=20),
            [removal(10, 1)],
            (day(5), day(-10)),
        ),
    ],
)
def test_every_window_is_a_setting(
    settings: ReimbursementSettings, rows: list[object], window: object
) -> None:
    (case,) = find(*rows, settings=settings)
    assert (case.claim_opens, case.claim_closes) == window


def test_found_window_and_closing_soon_are_settings() -> None:
    rows = [event(40, "M", -1), event(5, "F", 1)]
    assert find(*rows, settings=ReimbursementSettings(found_balance_days=35)) == []
    (case,) = find(refund(100), settings=ReimbursementSettings(closing_soon_days=30))
    assert case.state == "closing_soon"


def test_settings_round_trip_and_ignore_bad_values() -> None:
    s = ReimbursementSettings(refund_claim_opens_days=45)
    assert ReimbursementSettings.from_dict(s.to_dict()) == s
    values: dict[str, object] = {
        "refund_claim_opens_days": "x",
        "nope": 3,
        "closing_soon_days": True,
    }
    values["removal_claim_opens_days"] = -1
    assert ReimbursementSettings.from_dict(values) == ReimbursementSettings()
    assert ReimbursementSettings().to_dict()["value_lookback_days"] == 90


KEY = f"customer_return|{ORDER}|{SKU}"


@pytest.mark.parametrize(
    ("marks", "state", "case_id"),
    [
        ((), "claimable", None),
        ((CaseMark(KEY, "filed", "1234567890"),), "filed", "1234567890"),
        ((CaseMark(KEY, "denied"),), "denied", None),
        ((CaseMark(KEY, "reimbursed"),), "reimbursed", None),
        ((CaseMark("customer_return|other|SKU-A", "denied"),), "claimable", None),
        ((CaseMark(KEY, "filed", "1", marked_at=AS_OF + timedelta(seconds=1)),), "claimable", None),
        (
            (
                CaseMark(KEY, "denied", marked_at=AS_OF - timedelta(days=1)),
                CaseMark(KEY, "filed", "1", marked_at=AS_OF - timedelta(days=2)),
            ),
            "denied",
            None,
        ),
        ((CaseMark(KEY, "denied", marked_at=AS_OF), CaseMark(KEY, "filed", "9")), "denied", None),
    ],
    ids=[
        "none",
        "filed",
        "denied",
        "reimbursed",
        "other-key",
        "after-as-of",
        "latest-wins",
        "timeless-oldest",
    ],
)
def test_marks(marks: tuple[CaseMark, ...], state: str, case_id: str | None) -> None:
    (case,) = find(refund(70, 2), marks=marks)
    assert (case.state, case.filed_case_id) == (state, case_id)


def test_a_reimbursement_naming_the_filed_case_closes_it() -> None:
    mark = CaseMark(KEY, "filed", "777", note="sent the invoice")
    paid = reimbursement(5, 1, order="", reason="CustomerReturn", case_id="777")
    (case,) = find(refund(70, 2), paid, marks=(mark,))
    assert (case.state, case.filed_case_id, case.note) == ("reimbursed", "777", "sent the invoice")
    # paying the order's units closes it without any mark
    assert find(refund(70, 2), replace(paid, order_id=ORDER, quantity_total=2), marks=(mark,)) == []


def test_a_filed_case_keeps_its_state_when_expired() -> None:
    (case,) = find(refund(200), marks=(CaseMark(KEY, "filed", "1"),))
    assert case.state == "filed"
