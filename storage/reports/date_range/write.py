"""Date Range refunds, keyed by order, SKU, time and settlement (and their occurrence)."""

from __future__ import annotations

from typing import Any

from core.reimbursements import DateRangeRefund
from storage.imports.context import money, ts
from storage.imports.keyed import Shape
from storage.reports.row_key import RowKeyWriter

DATE_RANGE_REFUNDS = Shape(
    table="date_range_refunds",
    keys=("row_key",),
    plain=("order_id", "sku", "posted_at", "settlement_id", "quantity", "channel",
           "marketplace", "description", "total"),
)  # fmt: skip


class DateRangeWriter(RowKeyWriter):
    shape = DATE_RANGE_REFUNDS

    def parts(self, record: Any) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[str, ...]]:
        r: DateRangeRefund = record
        identity = (r.order_id, r.sku, ts(r.posted_at), r.settlement_id)
        plain = (r.quantity, r.channel, r.marketplace, r.description, money(r.total))
        return identity, plain, ()
