"""Defects by product from storage: bounded by the period, equal to the unbounded computation."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from core.clock import parse_iso
from core.model import Order
from core.product_defects import defects_by_product
from storage.repository import records
from storage.repository.product_inputs import load_product_inputs, product_defects

AS_OF = datetime(2026, 11, 20, 15, tzinfo=UTC)
FILES = (
    "orders-1.txt",
    "orders-2.txt",
    "feedback.txt",
    "claims.csv",
    "returns-fbm.txt",
    "returns-fba.txt",
)
START = datetime(2026, 8, 22, tzinfo=UTC)
END = datetime(2026, 11, 21, tzinfo=UTC)


@pytest.fixture
def seller_a(store: Any, samples: Path) -> Any:
    from storage.imports.apply import apply_import

    for name in FILES:
        assert apply_import(store, samples / "seller-a" / name, now=AS_OF).ok
    return store


def _everything(store: Any, start: datetime, end: datetime, group_by: str) -> list[Any]:
    """The same grouping from every stored record, without the period bound."""
    db = store.db
    orders = [
        records.get_order(store, oid)
        for (oid,) in db.execute("SELECT order_id FROM orders").fetchall()
    ]
    return defects_by_product(
        start=start,
        end=end,
        orders=[
            Order(o["order_id"], parse_iso(o["purchase_date"]), o["status"], o["channel"])
            for o in orders
            if o is not None
        ],
        items=[{**item} for o in orders if o is not None for item in o["items"]],
        feedback=records.list_feedback(store),
        claims=records.list_claims(db),
        returns_fbm=records.list_returns_fbm(db),
        returns_fba=records.list_returns_fba(store),
        group_by=group_by,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("group_by", ["sku", "asin"])
def test_bounded_queries_give_the_unbounded_answer(seller_a: Any, group_by: str) -> None:
    found = product_defects(seller_a.db, START, END, group_by)  # type: ignore[arg-type]
    assert found == _everything(seller_a, START, END, group_by)
    assert [p.key for p in found][:1] == (["KT-KNIFE"] if group_by == "sku" else ["B0KN1FE001"])


def test_seller_a_products_last_90_days(seller_a: Any) -> None:
    found = {p.key: p for p in product_defects(seller_a.db, START, END)}
    assert set(found) == {"KT-KNIFE", "KT-WHISK", "KT-TORCH", "KT-MOLD", "KT-SCALE"}
    knife = found["KT-KNIFE"]
    assert (knife.orders, knife.defective_orders, knife.negative_feedback) == (359, 4, 3)
    assert knife.fbm_returns + knife.fba_returns == 12
    scale = found["KT-SCALE"]
    assert (scale.chargebacks, scale.a_to_z_claims) == (1, 0)
    worst = product_defects(seller_a.db, START, END)
    rates = [p.defect_rate or 0 for p in worst]
    assert rates == sorted(rates, reverse=True)


def test_the_period_bounds_every_query(seller_a: Any) -> None:
    start, end = datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 10, 8, tzinfo=UTC)
    p = load_product_inputs(seller_a.db, start, end)
    ids = {o.order_id for o in p.orders}
    assert ids and all(start <= o.purchase_date < end for o in p.orders)
    assert all(o.status != "Cancelled" for o in p.orders)
    for rows in (p.items, p.feedback, p.claims, p.returns_fbm, p.returns_fba):
        assert {r[0] if isinstance(r, tuple) else r.order_id for r in rows} <= ids
    assert all(f.rating <= 2 for f in p.feedback)


def test_empty_period_and_other_marketplace(seller_a: Any) -> None:
    before = datetime(2026, 7, 1, tzinfo=UTC)  # seller-a's first order is of Jul 23
    assert product_defects(seller_a.db, datetime(2020, 1, 1, tzinfo=UTC), before) == []
    assert product_defects(seller_a.db, START, END, marketplace="UK") == []
    assert product_defects(seller_a.db, START, END, marketplace="US") == product_defects(
        seller_a.db, START, END
    )
