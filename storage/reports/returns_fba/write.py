"""FBA customer returns, keyed by order, SKU, return date and license plate."""

from __future__ import annotations

from typing import Any

from core.model import FbaReturn
from storage.imports.context import ts
from storage.imports.keyed import KeyedRow, KeyedWriter, Shape

FBA_RETURNS = Shape(
    table="returns_fba",
    keys=("order_id", "sku", "return_date", "license_plate_number"),
    plain=("asin", "fnsku", "product_name", "quantity", "fulfillment_center_id",
           "detailed_disposition", "reason", "status"),
    encrypted=("customer_comments_enc",),
)  # fmt: skip


class FbaReturnWriter(KeyedWriter):
    shape = FBA_RETURNS

    def row(self, record: Any) -> KeyedRow:
        r: FbaReturn = record
        key = (r.order_id, r.sku, ts(r.return_date), r.license_plate_number)
        plain = (
            r.asin,
            r.fnsku,
            r.product_name,
            r.quantity,
            r.fulfillment_center_id,
            r.detailed_disposition,
            r.reason,
            r.status,
        )
        return key, plain, (r.customer_comments,), ()
