"""Removal orders, keyed by order id, SKU, FNSKU and disposition."""

from __future__ import annotations

from typing import Any

from core.reimbursements import RemovalOrder
from storage.imports.context import ts
from storage.imports.keyed import KeyedRow, KeyedWriter, Shape

REMOVAL_ORDERS = Shape(
    table="removal_orders",
    keys=("order_id", "sku", "fnsku", "disposition"),
    plain=("request_date", "status", "order_type", "requested_quantity", "cancelled_quantity",
           "disposed_quantity", "shipped_quantity", "in_process_quantity", "currency"),
)  # fmt: skip


class RemovalWriter(KeyedWriter):
    shape = REMOVAL_ORDERS

    def row(self, record: Any) -> KeyedRow:
        r: RemovalOrder = record
        units = (r.requested_quantity, r.cancelled_quantity, r.disposed_quantity,
                 r.shipped_quantity, r.in_process_quantity)  # fmt: skip
        plain = (ts(r.request_date), r.status, r.order_type, *units, r.currency)
        return (r.order_id, r.sku, r.fnsku, r.disposition), plain, (), ()
