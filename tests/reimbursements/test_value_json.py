"""Estimated value, the CLI's JSON, the case order and the claim text."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from core.reimbursements import case_to_json, claim_text, evidence_row, reimbursements_to_json
from tests.reimbursements.factory import (
    AS_OF,
    ORDER,
    at,
    event,
    fba_return,
    find,
    item,
    range_refund,
    refund,
    reimbursement,
    removal,
)

OTHER = "111-0000009-0000009"


def sale(ago: int, price: str | None, qty: int = 1, **kw: object) -> object:
    return item(ago, price, qty, order=f"{OTHER}-{ago}-{price}", **kw)


@pytest.mark.parametrize(
    ("rows", "value", "currency"),
    [
        ([sale(10, "20.00"), sale(20, "31.00", 2)], "34.00", "USD"),  # 51 / 3 = 17.00 x 2
        ([sale(10, "10.00", 3)], "6.66", "USD"),  # 3.333 -> 3.33, then x 2
        ([sale(10, "10.01", 2)], "10.02", "USD"),  # 5.005 -> 5.01 (half up)
        ([sale(10, "20.00"), sale(20, "99.00", status="Cancelled")], "40.00", "USD"),
        ([sale(10, "20.00"), sale(91, "99.00")], "40.00", "USD"),  # older than 90 days
        ([sale(10, "20.00"), sale(-1, "99.00")], "40.00", "USD"),  # after as_of
        ([sale(10, "20.00"), sale(5, "99.00", currency="CAD")], "40.00", "USD"),
        ([sale(10, "20.00"), sale(5, None)], "40.00", "USD"),  # no price yet
        ([sale(10, "20.00", sku="OTHER")], "30.00", "USD"),  # falls back to the reimbursement
        ([], "30.00", "USD"),  # the latest reimbursement: 15.00 x 2
        (
            [sale(10, "20.00"), reimbursement(3, 1, per_unit="99.00")],
            "40.00",
            "USD",
        ),  # orders first
    ],
)
def test_estimated_value_of_a_refund_case(rows: list[object], value: str, currency: str) -> None:
    base = [refund(70, 2), reimbursement(300, 1, per_unit="12.00"), reimbursement(200, 1, rid="R2")]
    (case,) = [c for c in find(*base, *rows) if c.kind == "customer_return"]
    assert (case.estimated_value, case.currency) == (Decimal(value), currency)


def test_the_90_days_include_their_first_instant() -> None:
    first = replace(item(90, "50.00", order="A"), purchased_at=AS_OF - timedelta(days=90))
    before = replace(
        first, purchased_at=first.purchased_at - timedelta(seconds=1), item_price=Decimal(1)
    )
    (case,) = find(refund(70, 1), first, before)
    assert case.estimated_value == Decimal("50.00")


@pytest.mark.parametrize(
    ("rows", "value", "currency"),
    [
        ([event(40, "M", -2)], None, None),  # nothing known
        (
            [event(40, "M", -2), reimbursement(300, 1, reason="Lost_Warehouse", per_unit="7.5")],
            "15.00",
            "USD",
        ),
        ([event(40, "M", -2), sale(5, "9.99", currency="EUR")], "19.98", "EUR"),
        # the SKU's main currency is the one with most units
        (
            [
                event(40, "M", -1),
                sale(5, "9.00", 1, currency="EUR"),
                sale(6, "12.00", 2, currency="GBP"),
            ],
            "6.00",
            "GBP",
        ),
        ([event(40, "M", -1), reimbursement(300, 1, per_unit=None)], None, None),
        ([event(40, "M", -1), reimbursement(300, -1, per_unit="5.00", original="R0")], None, None),
    ],
)
def test_estimated_value_without_a_currency_of_its_own(
    rows: list[object], value: str | None, currency: str | None
) -> None:
    (case,) = [c for c in find(*rows) if c.kind == "warehouse"]
    assert (case.estimated_value, case.currency) == (Decimal(value) if value else None, currency)


def test_a_reimbursement_in_another_currency_is_no_price() -> None:
    (case,) = find(
        removal(30, 2), reimbursement(300, 1, reason="Other", per_unit="8.00", currency="CAD")
    )
    assert (case.currency, case.estimated_value) == ("USD", None)


def test_json_shape() -> None:
    rows = [
        refund(200, 1),
        item(20, "25.00", 1, order=OTHER),
        event(45, "M", -1, ref="T9"),
        removal(30, 2, shipped=1),
        reimbursement(10, -1, rid="R5", original="R4", order=ORDER, per_unit="11.00"),
    ]
    payload = reimbursements_to_json(AS_OF, find(*rows))
    assert payload == {
        "as_of": "2026-06-01T12:00:00+00:00",
        "cases": [
            {
                "kind": "customer_return",
                "order_id": ORDER,
                "fnsku": None,
                "sku": "SKU-A",
                "quantity": 1,
                "event_date": "2025-11-13",
                "claim_opens": "2026-01-12",
                "claim_closes": "2026-03-13",
                "state": "expired",
                "estimated_value": 25.0,
                "currency": "USD",
            },
            {
                "kind": "warehouse",
                "order_id": None,
                "fnsku": "X00FNSKU01",
                "sku": "SKU-A",
                "quantity": 1,
                "event_date": "2026-04-17",
                "claim_opens": "2026-05-17",
                "claim_closes": "2026-06-16",
                "state": "claimable",
                "estimated_value": 25.0,
                "currency": "USD",
            },
            {
                "kind": "removal",
                "order_id": "RMV-1",
                "fnsku": "X00FNSKU01",
                "sku": "SKU-A",
                "quantity": 1,
                "event_date": "2026-05-02",
                "claim_opens": "2026-05-17",
                "claim_closes": "2026-07-16",
                "state": "claimable",
                "estimated_value": 25.0,
                "currency": "USD",
            },
            {
                "kind": "reversal",
                "order_id": ORDER,
                "fnsku": "X00FNSKU01",
                "sku": "SKU-A",
                "quantity": 1,
                "event_date": "2026-05-22",
                "claim_opens": None,
                "claim_closes": None,
                "state": "claimable",
                "estimated_value": 25.0,
                "currency": "USD",
            },
        ],
    }
    assert list(payload["cases"][0]) == [
        "kind",
        "order_id",
        "fnsku",
        "sku",
        "quantity",
        "event_date",
        "claim_opens",
        "claim_closes",
        "state",
        "estimated_value",
        "currency",
    ]
    json.dumps(payload)


def test_estimated_value_is_a_number_of_cents() -> None:
    (case,) = find(refund(70, 3), item(80, "10.00", 3))
    assert case_to_json(case)["estimated_value"] == 9.99
    assert json.dumps(case_to_json(case)["estimated_value"]) == "9.99"


def test_cases_are_ordered_by_close_then_kind_then_event_then_key() -> None:
    rows = [
        refund(100, order="B"),
        refund(100, 2, order="A"),
        fba_return(100, order="A", disposition="DAMAGED"),
        event(40, "M", -1),
        reimbursement(3, -1, rid="R7", original="R6", fnsku="X9"),
        refund(10, order="C"),
    ]
    got = [(c.kind, c.order_id, c.claim_closes) for c in find(*rows)]
    assert [g[:2] for g in got] == [
        ("customer_return", "A"),
        ("customer_return", "B"),
        ("return_damaged", "A"),
        ("warehouse", None),
        ("customer_return", "C"),
        ("reversal", None),
    ]


def test_claim_text_is_factual_and_complete() -> None:
    rows = [item(80, "20.00", 3), refund(70, 3), fba_return(65), range_refund(at(70), 3)]
    (case,) = find(*rows)
    text = case.claim_text
    assert text == claim_text(case)
    for needle in (
        "Refunded FBA order: units not returned",
        f"Order ID: {ORDER}",
        "SKU: SKU-A",
        "FNSKU: X00FNSKU01",
        "Refund date: 2026-03-23",
        "Units refunded: 3",
        "Units returned: 1",
        "Units reimbursed: 0",
        "Units to reimburse: 2",
        "- All Orders, 2026-03-13: amazon-order-id: 111-0000001-0000001",
        "- Settlement refund, 2026-03-23: order-id: 111-0000001-0000001; sku: SKU-A;",
        "amount-description: Commission; amount: -10.00; currency: USD; settlement-id: S1",
        "- Date Range transactions, 2026-03-23:",
        "- FBA customer returns, 2026-03-28:",
    ):
        assert needle in text, needle
    assert len(case.evidence) == 6
    assert text.count("\n- ") == 6
    for word in ("owe", "must", "fraud", "!"):
        assert word not in text.lower()


@pytest.mark.parametrize(
    ("rows", "needles"),
    [
        (
            [event(40, "M", -1, ref="T1")],
            ["lost (M)", "Adjustment date: 2026-04-22", "Inventory ledger", "Reference ID: T1"],
        ),
        (
            [event(40, "E", -1, source="adjustments")],
            ["damaged in the warehouse (E)", "Inventory adjustments"],
        ),
        (
            [removal(30, 2)],
            ["Removal order ID: RMV-1", "Units requested: 2", "Removal order detail"],
        ),
        (
            [reimbursement(3, -1, rid="R7", original="R6")],
            ["Reversal date", "original-reimbursement-id: R6"],
        ),
        (
            [fba_return(70, disposition="CARRIER_DAMAGED")],
            ["Units returned damaged: 1", "detailed-disposition: CARRIER_DAMAGED"],
        ),
    ],
)
def test_claim_text_per_kind(rows: list[object], needles: list[str]) -> None:
    (case,) = find(*rows)
    for needle in needles:
        assert needle in case.claim_text, needle


def test_evidence_rows_use_the_report_column_names() -> None:
    pii = replace(fba_return(3), customer_comments="my address is ...")
    adjusted = replace(event(3, "M", -1, ref="T1", source="adjustments"), at=at(3, 7))
    rows = [
        removal(3, 5, shipped=4),
        pii,
        event(40, "M", -1, ref="T1"),
        adjusted,
        reimbursement(3, 1, order=ORDER, case_id="C9"),
        range_refund(at(3)),
    ]
    removal_cells = dict(evidence_row(rows[0]).cells)
    assert removal_cells["requested-quantity"] == "5"
    assert removal_cells["shipped-quantity"] == "4"
    assert removal_cells["order-status"] == "Completed"
    assert "customer-comments" not in dict(evidence_row(pii).cells)
    ledger = evidence_row(rows[2])
    assert (ledger.report, ledger.cells[0]) == ("Inventory ledger", ("Date", "04/22/2026"))
    assert dict(ledger.cells)["Event Type"] == "Adjustments"
    row = evidence_row(adjusted)
    report, found = row.report, row.cells
    assert (report, found[0]) == (
        "Inventory adjustments",
        ("adjusted-date", "2026-05-29T07:00:00+00:00"),
    )
    assert dict(found)["transaction-item-id"] == "T1"
    paid = dict(evidence_row(rows[4]).cells)
    assert (paid["amazon-order-id"], paid["case-id"], paid["quantity-reimbursed-total"]) == (
        ORDER,
        "C9",
        "1",
    )
    assert "original-reimbursement-id" not in paid
    ranged = dict(evidence_row(rows[5]).cells)
    assert (ranged["order id"], ranged["fulfillment"], ranged["total"]) == (
        ORDER,
        "Amazon",
        "-8.50",
    )
