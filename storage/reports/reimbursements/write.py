"""FBA reimbursements, keyed by reimbursement id, order, SKU, FNSKU and the original id.

One reimbursement id may cover several line items; the same line twice in one file
stays twice (storage/reports/row_key.py). Dates and amounts may be corrected by a
later download of the same rows: they update in place.
"""

from __future__ import annotations

from typing import Any

from core.reimbursements import Reimbursement
from storage.imports.context import money, ts
from storage.imports.keyed import Shape
from storage.reports.row_key import RowKeyWriter

FBA_REIMBURSEMENTS = Shape(
    table="fba_reimbursements",
    keys=("row_key",),
    plain=("reimbursement_id", "order_id", "sku", "fnsku", "original_reimbursement_id",
           "approval_date", "case_id", "reason", "currency", "amount_per_unit",
           "amount_total", "quantity_cash", "quantity_inventory", "quantity_total",
           "original_reimbursement_type"),
)  # fmt: skip


class ReimbursementWriter(RowKeyWriter):
    shape = FBA_REIMBURSEMENTS

    def parts(self, record: Any) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[str, ...]]:
        r: Reimbursement = record
        identity = (r.reimbursement_id, r.order_id, r.sku, r.fnsku, r.original_reimbursement_id)
        plain = (
            ts(r.approved_at),
            r.case_id,
            r.reason,
            r.currency,
            money(r.amount_per_unit),
            money(r.amount_total),
            r.quantity_cash,
            r.quantity_inventory,
            r.quantity_total,
            r.original_reimbursement_type,
        )
        return identity, plain, ()
