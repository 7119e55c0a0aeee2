"""Settlement refund amount rows, keyed by their refund item, amount and posting.

A settlement has no row id; the same amount row twice in one file stays twice
(storage/reports/row_key.py), and a settlement downloaded again changes nothing.
"""

from __future__ import annotations

from typing import Any

from core.reimbursements import SettlementRefundRow
from storage.imports.context import money
from storage.imports.keyed import Shape
from storage.reports.row_key import RowKeyWriter

SETTLEMENT_REFUNDS = Shape(
    table="settlement_refunds",
    keys=("row_key",),
    plain=("order_id", "sku", "adjustment_id", "order_item_code",
           "merchant_adjustment_item_id", "settlement_id", "posted_date", "amount_type",
           "amount_description", "quantity", "channel", "amount", "currency"),
)  # fmt: skip


class SettlementWriter(RowKeyWriter):
    shape = SETTLEMENT_REFUNDS

    def parts(self, record: Any) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[str, ...]]:
        r: SettlementRefundRow = record
        identity = (
            *r.item_key,
            r.settlement_id,
            r.posted_date.isoformat(),
            r.amount_type,
            r.amount_description,
        )
        return identity, (r.quantity, r.channel, money(r.amount), r.currency), ()
