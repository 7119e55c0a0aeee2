"""Kinds 1 and 2: refunds, returns and reimbursements of one order + SKU."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.reimbursements.factory import (
    AS_OF,
    ORDER,
    SKU,
    at,
    day,
    fba_return,
    find,
    item,
    range_refund,
    refund,
    reimbursement,
    summary,
)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([refund(70)], [("customer_return", 1, day(70))]),
        ([refund(70, 3), fba_return(65)], [("customer_return", 2, day(70))]),  # partial return
        ([refund(70, 3), fba_return(65, 3)], []),
        ([refund(70, 2), fba_return(65, 3)], []),  # more returned than refunded
        ([refund(70, 3), fba_return(65), fba_return(60)], [("customer_return", 1, day(70))]),
        ([refund(70, 3), reimbursement(5, 1, order=ORDER)], [("customer_return", 2, day(70))]),
        ([refund(70, 3), reimbursement(5, 3, order=ORDER)], []),
        (
            [refund(70, 3), reimbursement(5, 3, order=ORDER, sku="OTHER")],
            [("customer_return", 3, day(70))],
        ),
        ([refund(70, 3), reimbursement(5, 3)], [("customer_return", 3, day(70))]),  # no order id
        ([refund(70), reimbursement(5, 1, order=ORDER, reason="Lost_Warehouse")], []),  # any reason
        (
            [refund(70, 3), fba_return(65), reimbursement(5, 1, order=ORDER)],
            [("customer_return", 1, day(70))],
        ),
        (
            [refund(70, 2), reimbursement(5, -1, order=ORDER, rid="R9", original="R1")],
            [("customer_return", 2, day(70)), ("reversal", 1, day(5))],
        ),  # a reversal pays nothing
    ],
    ids=[
        "refunded-not-returned",
        "partial-return",
        "all-returned",
        "over-returned",
        "two-returns",
        "partial-reimbursement",
        "fully-reimbursed",
        "reimbursement-other-sku",
        "reimbursement-without-order",
        "reimbursement-any-reason",
        "return-and-reimbursement",
        "reversal-is-no-payment",
    ],
)
def test_refunded_not_returned(rows: list[object], expected: list[object]) -> None:
    assert summary(find(*rows)) == expected


@pytest.mark.parametrize(
    "disposition",
    ["SELLABLE", "CUSTOMER_DAMAGED", "DEFECTIVE", "CARRIER_DAMAGED", "DAMAGED", "EXPIRED", ""],
)
def test_every_return_counts_as_returned_whatever_its_disposition(disposition: str) -> None:
    cases = find(refund(70), fba_return(65, disposition=disposition))
    assert [c.kind for c in cases if c.kind == "customer_return"] == []


@pytest.mark.parametrize(
    ("rows", "units"),
    [
        ([refund(70, 2)], 2),  # 3 amount rows repeating quantity-purchased 2: never 6
        ([refund(70, None)], 1),  # blank quantity-purchased = 1
        ([refund(70, 1, amounts=("Principal",))], 1),
        ([refund(70, 2, adjustment="a1"), refund(70, 1, adjustment="a2")], 3),  # two items
        ([refund(70, 1), refund(70, 1)], 1),  # the same item's rows seen twice: one item
        ([refund(70, 1), refund(40, 2, adjustment="a2")], 3),  # several refunds: one case
    ],
    ids=["multi-row-item", "blank-quantity", "one-row", "two-items", "same-item", "two-refunds"],
)
def test_settlement_refund_items(rows: list[list[object]], units: int) -> None:
    cases = find(*rows)
    assert [(c.kind, c.quantity, c.event_date) for c in cases] == [
        ("customer_return", units, day(70))
    ]


def test_several_refunds_make_one_case_dated_by_the_earliest() -> None:
    cases = find(refund(40, 1, adjustment="late"), refund(90, 1, adjustment="early"))
    assert summary(cases) == [("customer_return", 2, day(90))]
    assert len([e for e in cases[0].evidence if e in refund(90, adjustment="early")]) == 3


PDT = timezone(timedelta(hours=-7))


@pytest.mark.parametrize(
    ("rows", "units"),
    [
        ([refund(70), range_refund(at(70))], 1),  # same refund in both reports
        ([refund(70, 2), range_refund(at(70), 2)], 2),
        ([refund(70, 1), range_refund(at(70), 2)], 2),  # the larger count of one day wins
        ([refund(70), range_refund(at(69))], 2),  # another day: another refund
        ([range_refund(at(70))], 1),
        ([range_refund(at(70)), range_refund(at(60))], 2),
        # 22:30 PDT on day 71 is 05:30 UTC on day 70: the UTC day decides
        (
            [
                refund(70),
                range_refund(
                    datetime.combine(day(71), datetime.min.time(), PDT)
                    + timedelta(hours=22, minutes=30)
                ),
            ],
            1,
        ),
    ],
    ids=["dup", "dup-2", "max", "other-day", "range-only", "two-range", "utc-day"],
)
def test_settlement_and_date_range_count_once(rows: list[object], units: int) -> None:
    cases = find(*rows)
    assert [(c.kind, c.quantity) for c in cases] == [("customer_return", units)]


@pytest.mark.parametrize(
    ("rows", "fba"),
    [
        ([item(80), refund(70, channel="mfn")], True),  # All Orders decides
        ([item(80, channel="mfn"), refund(70, channel="afn")], False),
        ([refund(70, channel="afn")], True),  # not in All Orders: the settlement decides
        ([refund(70, channel="mfn")], False),
        ([refund(70, channel=None)], False),
        ([range_refund(at(70), channel="afn")], True),  # neither: the Date Range row decides
        ([range_refund(at(70), channel="mfn")], False),
        ([item(80, sku="OTHER"), refund(70, channel="mfn")], True),  # the order, any SKU
        ([item(80, sku="OTHER", channel="mfn"), item(80, channel="afn"), refund(70)], True),
    ],
)
def test_only_fba_orders_make_a_customer_return_case(rows: list[object], fba: bool) -> None:
    assert [c.kind for c in find(*rows)] == (["customer_return"] if fba else [])


@pytest.mark.parametrize(
    ("disposition", "reason", "damaged"),
    [
        ("CARRIER_DAMAGED", "UNWANTED_ITEM", True),
        ("DAMAGED", "UNWANTED_ITEM", True),
        ("carrier_damaged ", "", True),
        ("SELLABLE", "DAMAGED_BY_CARRIER", True),
        ("SELLABLE", "DAMAGED_BY_FC", True),
        ("CUSTOMER_DAMAGED", "UNWANTED_ITEM", False),
        ("DEFECTIVE", "DEFECTIVE", False),
        ("DISTRIBUTOR_DAMAGED", "", False),
        ("SELLABLE", "UNWANTED_ITEM", False),
    ],
)
def test_return_damaged_by_amazon_or_the_carrier(
    disposition: str, reason: str, damaged: bool
) -> None:
    cases = find(refund(70), fba_return(65, disposition=disposition, reason=reason))
    expected = [("return_damaged", 1, day(70))] if damaged else []
    assert summary(cases) == expected


@pytest.mark.parametrize(
    ("rows", "event"),
    [
        ([refund(70), fba_return(65, disposition="CARRIER_DAMAGED")], day(70)),
        ([fba_return(65, disposition="CARRIER_DAMAGED")], day(65)),  # no refund known
        (
            [fba_return(65, disposition="DAMAGED"), fba_return(50, disposition="DAMAGED")],
            day(65),
        ),
        # only a settlement refund dates it; a Date Range refund does not
        ([range_refund(at(70)), fba_return(65, disposition="DAMAGED")], day(65)),
        ([refund(70), refund(80, adjustment="a0"), fba_return(65, disposition="DAMAGED")], day(80)),
    ],
)
def test_return_damaged_event_date(rows: list[object], event: object) -> None:
    damaged = [c for c in find(*rows) if c.kind == "return_damaged"]
    assert [c.event_date for c in damaged] == [event]
    assert damaged[0].claim_opens == damaged[0].event_date + timedelta(days=60)
    assert damaged[0].claim_closes == damaged[0].event_date + timedelta(days=120)


@pytest.mark.parametrize(
    ("reimbursed", "expected"),
    [
        (0, [("customer_return", 1), ("return_damaged", 1)]),
        (1, [("return_damaged", 1)]),  # pays kind 1 first
        (2, []),
        (3, []),
    ],
)
def test_reimbursements_pay_kind_1_then_kind_2(
    reimbursed: int, expected: list[tuple[str, int]]
) -> None:
    rows: list[object] = [refund(70, 2), fba_return(65, disposition="CARRIER_DAMAGED")]
    if reimbursed:
        rows.append(reimbursement(5, reimbursed, order=ORDER))
    assert [(c.kind, c.quantity) for c in find(*rows)] == expected


def test_a_non_fba_order_still_has_its_damaged_return() -> None:
    rows = [item(80, channel="mfn"), refund(70), fba_return(65, disposition="DAMAGED")]
    assert [(c.kind, c.quantity) for c in find(*rows)] == [("return_damaged", 1)]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([refund(-1)], []),  # refund posted tomorrow
        ([refund(0)], [("customer_return", 1)]),  # posted today
        ([range_refund(AS_OF + timedelta(seconds=1))], []),
        ([range_refund(AS_OF)], [("customer_return", 1)]),
        ([refund(70), fba_return(0, hour=13)], [("customer_return", 1)]),  # returned later today
        ([refund(70), fba_return(0, hour=12)], []),  # returned at as_of
        ([refund(70), reimbursement(-1, 1, order=ORDER)], [("customer_return", 1)]),
    ],
    ids=[
        "refund-tomorrow",
        "refund-today",
        "range-after",
        "range-at",
        "return-after",
        "return-at",
        "paid-after",
    ],
)
def test_rows_after_as_of_are_ignored(rows: list[object], expected: list[object]) -> None:
    assert [(c.kind, c.quantity) for c in find(*rows)] == expected


def test_evidence_holds_the_order_refund_return_and_reimbursement_rows() -> None:
    rows = [item(80, qty=3), refund(70, 3), fba_return(65), reimbursement(5, 1, order=ORDER)]
    (case,) = find(*rows)
    kinds = [type(e).__name__ for e in case.evidence]
    assert kinds == ["OrderItem", *["SettlementRefundRow"] * 3, "FbaReturn", "Reimbursement"]
    assert case.figures == (("units refunded", 3), ("units returned", 1), ("units reimbursed", 1))
    assert case.fnsku == "X00FNSKU01"
    assert case.key == f"customer_return|{ORDER}|{SKU}"


def test_orders_are_matched_by_order_and_sku() -> None:
    other = "111-0000002-0000002"
    rows = [refund(70, 1), refund(70, 1, order=other), fba_return(60, order=other)]
    cases = find(*rows)
    assert [(c.order_id, c.sku) for c in cases] == [(ORDER, SKU)]
    assert at(0).tzinfo is UTC
