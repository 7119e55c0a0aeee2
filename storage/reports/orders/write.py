"""Orders: one All Orders row (an order line) becomes an order plus an order item.

Each line's change comes from `rule.line_change`. The ship address is
encrypted once per written order, and only when the order is written, so
re-imports cost no encryption.

Large files take the bulk path (bulk.py), which applies the same rule;
tests/test_import_orders_bulk.py checks that both paths agree.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from core.model import OrderLine
from storage.imports.context import ImportContext, money, select_in, ts
from storage.reports.orders.address import pack_address
from storage.reports.orders.rule import line_change

_ORDER_COLUMNS = """(order_id, merchant_order_id, purchase_date, last_updated, status, channel,
    marketplace, ship_service_level, is_business_order, ship_country, ship_address_enc,
    import_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_ORDER_INSERT = "INSERT INTO orders " + _ORDER_COLUMNS
_ORDER_UPSERT = """
INSERT INTO orders (order_id, merchant_order_id, purchase_date, last_updated, status, channel,
    marketplace, ship_service_level, is_business_order, ship_country, ship_address_enc,
    import_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(order_id) DO UPDATE SET
    merchant_order_id = excluded.merchant_order_id,
    purchase_date = excluded.purchase_date,
    last_updated = excluded.last_updated,
    status = excluded.status,
    channel = excluded.channel,
    marketplace = excluded.marketplace,
    ship_service_level = excluded.ship_service_level,
    is_business_order = excluded.is_business_order,
    ship_country = excluded.ship_country,
    ship_address_enc = excluded.ship_address_enc,
    pii_purged_at = NULL,
    import_id = excluded.import_id
"""

_ITEM_COLUMNS = (
    "order_id, sku, line, asin, product_name, quantity, item_status, currency, item_price"
)
_ITEM_INSERT = f"INSERT INTO order_items ({_ITEM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
_ITEM_UPSERT = f"""
INSERT INTO order_items ({_ITEM_COLUMNS})
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(order_id, sku, line) DO UPDATE SET
    asin = excluded.asin,
    product_name = excluded.product_name,
    quantity = excluded.quantity,
    item_status = excluded.item_status,
    currency = excluded.currency,
    item_price = excluded.item_price
"""

_SELECT_ORDERS = "SELECT order_id, last_updated, import_id FROM orders WHERE order_id IN ({})"
_SELECT_ITEMS = f"SELECT {_ITEM_COLUMNS} FROM order_items WHERE order_id IN ({{}})"


class OrderWriter:
    """Counts per order line: added (new line), updated (line or its order changed), unchanged."""

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        # Orders whose order-level fields this import replaced: their later
        # lines count as updated. Usually small (a re-import changes few orders).
        self._replaced: set[str] = set()

    def write(self, records: Sequence[Any]) -> None:
        ctx = self.ctx
        conn = ctx.conn
        me = ctx.import_id
        lines: Sequence[OrderLine] = records
        orders: dict[str, tuple[str, int | None]] = {
            oid: (lu, imp)
            for oid, lu, imp in select_in(conn, _SELECT_ORDERS, (x.order_id for x in lines))
        }
        stored_orders = set(orders)
        items: dict[tuple[str, str, int], tuple[Any, ...]] = {}
        if orders:
            for row in select_in(conn, _SELECT_ITEMS, orders):
                items[(row[0], row[1], row[2])] = tuple(row[3:])
        stored_items = set(items)
        order_rows: dict[str, tuple[Any, ...]] = {}
        item_rows: dict[tuple[str, str, int], tuple[Any, ...]] = {}
        added = updated = unchanged = 0
        for line in lines:
            oid = line.order_id
            lu = ts(line.last_updated)
            assert lu is not None
            key = (oid, line.sku, line.line)
            values = (
                line.asin,
                line.product_name,
                line.quantity,
                line.item_status,
                line.currency,
                money(line.item_price),
            )
            old_item = items.get(key)
            known = orders.get(oid)
            change, takes_order = line_change(
                lu,
                None if known is None else known[0],
                known is not None and known[1] == me,
                oid in self._replaced,
                old_item,
                values,
            )
            if takes_order:
                order_rows[oid] = self._order_row(line, lu)
                orders[oid] = (lu, me)
                if known is not None:
                    self._replaced.add(oid)
            if change == "added":
                added += 1
            elif change == "updated":
                updated += 1
            else:
                unchanged += 1
                continue
            items[key] = values
            item_rows[key] = (*key, *values)
        counts = ctx.counts
        counts.added += added
        counts.updated += updated
        counts.unchanged += unchanged
        # Rows new to the table take a plain INSERT (measurably faster than an upsert).
        _write(conn, order_rows, stored_orders, _ORDER_INSERT, _ORDER_UPSERT)
        _write(conn, item_rows, stored_items, _ITEM_INSERT, _ITEM_UPSERT)

    def _order_row(self, line: OrderLine, last_updated: str) -> tuple[Any, ...]:
        address = (line.ship_city, line.ship_state, line.ship_postal_code)
        enc = None
        if any(address):
            enc = self.ctx.cipher.encrypt_field(
                pack_address(*address), "orders", "ship_address_enc", line.order_id
            )
        return (
            line.order_id,
            line.merchant_order_id,
            ts(line.purchase_date),
            last_updated,
            line.status,
            line.channel,
            line.marketplace,
            line.ship_service_level,
            int(line.is_business_order),
            line.ship_country,
            enc,
            self.ctx.import_id,
        )


def _write(
    conn: sqlite3.Connection,
    rows: dict[Any, tuple[Any, ...]],
    stored: set[Any],
    insert: str,
    upsert: str,
) -> None:
    new = [row for key, row in rows.items() if key not in stored]
    if new:
        conn.executemany(insert, new)
    if len(new) < len(rows):
        conn.executemany(upsert, [row for key, row in rows.items() if key in stored])
