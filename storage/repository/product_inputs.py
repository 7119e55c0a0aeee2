"""Orders of one period with their items, defects and returns, for defects by product.

Everything is bounded by the purchase-date index: the period's orders first, then only
the feedback, claims and returns of those orders. No PII column is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from core.clock import iso
from core.model import Claim, FbaReturn, Feedback, Order, ReturnRequest
from core.product_defects import GroupBy, ProductDefects, defects_by_product
from storage.repository.metric_inputs import marketplace_keys
from storage.rows import (
    claim_columns,
    claim_from_row,
    fba_return_columns,
    fba_return_from_row,
    feedback_columns,
    feedback_from_row,
    order_columns,
    order_from_row,
    return_columns,
    return_from_row,
)


@dataclass(frozen=True, slots=True)
class ProductInputs:
    """The arguments of core.product_defects.defects_by_product for one period."""

    start: datetime
    end: datetime
    orders: tuple[Order, ...]
    items: tuple[tuple[str, str, str, str], ...]  # order_id, sku, asin, product_name
    feedback: tuple[Feedback, ...]
    claims: tuple[Claim, ...]
    returns_fbm: tuple[ReturnRequest, ...]
    returns_fba: tuple[FbaReturn, ...]


class _Period:
    """The period's bounds and the subquery naming its (non-cancelled) orders."""

    def __init__(
        self, db: sqlite_utils.Database, start: datetime, end: datetime, marketplace: str | None
    ) -> None:
        self.db = db
        self.params: dict[str, Any] = {"start": iso(start), "end": iso(end)}
        self.where = (
            "o.purchase_date >= :start AND o.purchase_date < :end AND o.status != 'Cancelled'"
        )
        if marketplace:
            keys = marketplace_keys(marketplace)
            names = [f":mp{i}" for i in range(len(keys))]
            self.params.update({n[1:]: k for n, k in zip(names, keys, strict=True)})
            self.where += f" AND o.marketplace IN ({', '.join(names)})"
        self.ids = f"(SELECT o.order_id FROM orders o WHERE {self.where})"

    def rows(self, sql: str) -> list[Any]:
        return list(self.db.execute(sql, self.params).fetchall())


def load_product_inputs(
    db: sqlite_utils.Database, start: datetime, end: datetime, marketplace: str | None = None
) -> ProductInputs:
    """Orders placed in [start, end) and what happened to them, as far as it is imported."""
    p = _Period(db, start, end, marketplace)
    orders = tuple(
        order_from_row(r)
        for r in p.rows(f"SELECT {order_columns('o')} FROM orders o WHERE {p.where}")
    )
    items = tuple(
        (r[0], r[1], r[2], r[3])
        for r in p.rows(
            "SELECT i.order_id, i.sku, i.asin, i.product_name FROM order_items i"
            f" WHERE i.order_id IN {p.ids}"
        )
    )
    feedback = tuple(
        feedback_from_row(r)
        for r in p.rows(
            f"SELECT {feedback_columns('f')} FROM feedback f"
            f" WHERE f.rating <= 2 AND f.order_id IN {p.ids}"
        )
    )
    claims = tuple(
        claim_from_row(r)
        for r in p.rows(f"SELECT {claim_columns('c')} FROM claims c WHERE c.order_id IN {p.ids}")
    )
    returns_fbm = tuple(
        return_from_row(r)
        for r in p.rows(
            f"SELECT {return_columns('r')} FROM returns_fbm r WHERE r.order_id IN {p.ids}"
        )
    )
    returns_fba = tuple(
        fba_return_from_row(r)
        for r in p.rows(
            f"SELECT {fba_return_columns('r')} FROM returns_fba r WHERE r.order_id IN {p.ids}"
        )
    )
    return ProductInputs(start, end, orders, items, feedback, claims, returns_fbm, returns_fba)


def product_defects(
    db: sqlite_utils.Database,
    start: datetime,
    end: datetime,
    group_by: GroupBy = "sku",
    marketplace: str | None = None,
) -> list[ProductDefects]:
    """Defects and returns by SKU or ASIN for orders placed in [start, end), worst first."""
    p = load_product_inputs(db, start, end, marketplace)
    return defects_by_product(
        start=start,
        end=end,
        orders=p.orders,
        items=p.items,
        feedback=p.feedback,
        claims=p.claims,
        returns_fbm=p.returns_fbm,
        returns_fba=p.returns_fba,
        group_by=group_by,
    )
