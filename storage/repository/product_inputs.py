"""Orders of one period with their items, defects and returns, for defects by product.

Everything is bounded by the covering index `orders_period` (storage/migrations/indexes.py): the
period's orders and their items come from one range scan of it, and the feedback,
claims and returns are joined to that same range, so no query reads an order row
from the table. No PII column is read.
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
    ORDER_WIDTH,
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
    """The period's bounds and the join that restricts a table to the period's orders."""

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

    def rows(self, columns: str, table: str, condition: str = "") -> list[Any]:
        """`columns` of `table` (alias x) whose order is in the period."""
        sql = (
            f"SELECT {columns} FROM orders o JOIN {table} x ON x.order_id = o.order_id"
            f" WHERE {self.where}{condition}"
        )
        return list(self.db.execute(sql, self.params).fetchall())


def load_product_inputs(
    db: sqlite_utils.Database, start: datetime, end: datetime, marketplace: str | None = None
) -> ProductInputs:
    """Orders placed in [start, end) and what happened to them, as far as it is imported."""
    p = _Period(db, start, end, marketplace)
    orders: dict[str, Order] = {}
    items: list[tuple[str, str, str, str]] = []
    sql = (
        f"SELECT {order_columns('o')}, i.sku, i.asin, i.product_name FROM orders o"
        f" LEFT JOIN order_items i ON i.order_id = o.order_id WHERE {p.where}"
    )
    for r in db.execute(sql, p.params):
        if r[0] not in orders:
            orders[r[0]] = order_from_row(r)
        sku = r[ORDER_WIDTH]
        if sku is not None:
            items.append((r[0], sku, r[ORDER_WIDTH + 1], r[ORDER_WIDTH + 2]))
    feedback = tuple(
        feedback_from_row(r)
        for r in p.rows(feedback_columns("x"), "feedback", " AND x.rating <= 2")
    )
    claims = tuple(claim_from_row(r) for r in p.rows(claim_columns("x"), "claims"))
    returns_fbm = tuple(return_from_row(r) for r in p.rows(return_columns("x"), "returns_fbm"))
    returns_fba = tuple(
        fba_return_from_row(r) for r in p.rows(fba_return_columns("x"), "returns_fba")
    )
    return ProductInputs(
        start, end, tuple(orders.values()), tuple(items), feedback, claims, returns_fbm, returns_fba
    )


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
