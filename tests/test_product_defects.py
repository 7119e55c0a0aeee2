"""Defects and returns by product: cohort of orders, ODR counting rules, sorting."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Literal, cast

import pytest

from core.model import Claim, FbaReturn, Feedback, Order, OrderLine, ReturnRequest
from core.product_defects import ProductDefects, defects_by_product, product_defects_to_json

START = datetime(2026, 9, 1, tzinfo=UTC)
END = datetime(2026, 10, 1, tzinfo=UTC)


def _order(
    oid: str, day: int, *, channel: str = "mfn", status: str = "Shipped", month: int = 9
) -> Order:
    when = datetime(2026, month, day, 12, tzinfo=UTC)
    return Order(oid, when, status, cast(Literal["afn", "mfn"], channel))


def _claim(
    cid: str,
    oid: str,
    *,
    kind: str = "a-to-z",
    reason: str = "defective",
    status: str = "granted",
    protected: bool = False,
) -> Claim:
    return Claim(
        cid,
        oid,
        kind,
        datetime(2026, 9, 20, tzinfo=UTC),
        reason,
        status,
        Decimal("10"),
        "USD",
        buy_shipping_protected=protected,
    )


ORDERS = [
    _order("o1", 2),
    _order("o2", 3),
    _order("o3", 4),
    _order("o4", 5, channel="afn"),
    _order("o5", 6),
    _order("o6", 7, status="Cancelled"),  # not in the cohort
    _order("o7", 30, month=9),
    _order("o8", 1, month=10),  # after the period
]
ITEMS = [
    ("o1", "PAN-1", "B001", "Frying pan"),
    ("o2", "PAN-1", "B001"),
    {"order_id": "o3", "sku": "LID-1", "asin": "B002", "product_name": "Lid"},
    OrderLine("o4", START, START, "Shipped", "afn", "Amazon.com", "LID-1", "B002", "Lid", 1),
    ("o5", "PAN-1", "B001"),
    ("o5", "LID-1", "B002"),  # a two-product order
    ("o6", "PAN-1", "B001"),
    ("o7", "KNIFE", "B003"),
    ("o8", "PAN-1", "B001"),
]


def _run(**kw: Any) -> dict[str, ProductDefects]:
    rows = defects_by_product(start=START, end=END, orders=ORDERS, items=ITEMS, **kw)
    return {r.key: r for r in rows}


def test_denominator_is_non_cancelled_orders_in_the_period() -> None:
    rows = _run()
    assert {k: r.orders for k, r in rows.items()} == {"PAN-1": 3, "LID-1": 3, "KNIFE": 1}
    assert rows["PAN-1"].product_name == "Frying pan"
    assert rows["LID-1"].asins == ("B002",)


def test_defects_follow_odr_rules_and_multi_product_orders_count_for_each() -> None:
    feedback = [
        Feedback("o1", date(2026, 9, 10), 1, "broke"),
        Feedback("o2", date(2026, 9, 10), 2, "bad", struck_through=True),  # counts nowhere
        Feedback("o3", date(2026, 9, 10), 3, "meh"),  # neutral is no defect
        Feedback("o5", date(2026, 9, 10), 1, "both bad"),
    ]
    claims = [
        _claim("c1", "o1"),  # same order as the feedback: one defective order
        _claim("c2", "o4", reason="not_received"),  # FBA fulfilment claim: not counted
        _claim("c3", "o3", reason="not_as_described"),
        _claim("c4", "o2", status="denied"),
        _claim("c5", "o2", kind="chargeback", reason="fraud"),
        _claim("c6", "o7", kind="chargeback", reason="other", status="open"),
        _claim("c7", "o2", protected=True),
    ]
    rows = _run(feedback=feedback, claims=claims)
    pan, lid, knife = rows["PAN-1"], rows["LID-1"], rows["KNIFE"]
    assert (pan.negative_feedback, pan.a_to_z_claims, pan.chargebacks) == (2, 1, 0)
    assert pan.defective_orders == 2  # o1 (feedback + claim) and o5
    assert (lid.negative_feedback, lid.a_to_z_claims, lid.defective_orders) == (1, 1, 2)
    assert lid.claim_reasons == {"not_as_described": 1}
    assert (knife.chargebacks, knife.defective_orders) == (1, 1)
    assert pan.defect_rate == pytest.approx(200 / 3)


def test_returns_count_for_the_named_product_with_reasons() -> None:
    fbm = [
        ReturnRequest("o5", "r1", date(2026, 9, 12), "Approved", sku="LID-1", reason="Defective"),
        ReturnRequest("o2", "r2", date(2026, 9, 12), "Pending", sku="PAN-1", reason=""),
        ReturnRequest("o8", "r3", date(2026, 10, 2), "Pending", sku="PAN-1"),  # not in cohort
    ]
    fba = [
        FbaReturn(datetime(2026, 9, 15, tzinfo=UTC), "o4", "LID-1", "B002", reason="DEFECTIVE"),
        FbaReturn(datetime(2026, 9, 16, tzinfo=UTC), "o5", "OTHER", "B999", reason="NOT_AS_DESCR"),
    ]
    rows = _run(returns_fbm=fbm, returns_fba=fba)
    lid, pan = rows["LID-1"], rows["PAN-1"]
    assert (lid.fbm_returns, lid.fba_returns) == (1, 2)
    assert lid.return_reasons == {"Defective": 1, "DEFECTIVE": 1, "NOT_AS_DESCR": 1}
    # a return naming a product not in the order is shared by the order's products
    assert (pan.fbm_returns, pan.fba_returns) == (1, 1)
    assert pan.return_reasons == {"unspecified": 1, "NOT_AS_DESCR": 1}
    assert lid.return_rate == pytest.approx(100.0)


def test_sorted_by_defect_rate_then_return_rate() -> None:
    feedback = [Feedback("o7", date(2026, 9, 30), 1, "dull")]
    fbm = [ReturnRequest("o3", "r1", date(2026, 9, 12), "Pending", sku="LID-1")]
    rows = defects_by_product(
        start=START, end=END, orders=ORDERS, items=ITEMS, feedback=feedback, returns_fbm=fbm
    )
    assert [r.key for r in rows] == ["KNIFE", "LID-1", "PAN-1"]


def test_group_by_asin_and_json() -> None:
    rows = defects_by_product(start=START, end=END, orders=ORDERS, items=ITEMS, group_by="asin")
    assert {r.key for r in rows} == {"B001", "B002", "B003"}
    data = product_defects_to_json(rows[0])
    assert set(data) >= {"key", "skus", "asins", "orders", "defect_rate", "return_reasons"}
    assert data["defect_rate"] == 0.0


def test_empty_period_gives_no_rows() -> None:
    assert defects_by_product(start=END, end=END, orders=ORDERS, items=ITEMS) == []
