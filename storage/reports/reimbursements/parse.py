"""FBA reimbursements (GET_FBA_REIMBURSEMENTS_DATA, tab-delimited).

What Amazon paid, by reason, FNSKU and order; a reversal names the reimbursement it
takes back in `original-reimbursement-id` and carries negative quantities.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from core.model import ReportKind
from core.reimbursements import Reimbursement
from storage.imports.reading import Column, Head, Row, columns, read_table
from storage.reports.cells import instant

KIND: ReportKind = "reimbursements"

COLUMNS: tuple[Column, ...] = (
    *columns("approval-date", "reimbursement-id", "reason", "fnsku",
             "quantity-reimbursed-total"),
    *columns("case-id", "amazon-order-id", "sku", "currency-unit", "amount-per-unit",
             "amount-total", "quantity-reimbursed-cash", "quantity-reimbursed-inventory",
             "original-reimbursement-id", "original-reimbursement-type", required=False),
)  # fmt: skip


def sniff(head: Head) -> bool:
    return {"approval date", "reimbursement id", "quantity reimbursed total"} <= head.keys


def parse(path: Path) -> Iterator[Reimbursement]:
    """Stream one Reimbursement per row; the approval date becomes UTC."""
    for row in read_table(path, COLUMNS, delimiter="\t"):
        cash = row.integer("quantity-reimbursed-cash", default=0)
        inventory = row.integer("quantity-reimbursed-inventory", default=0)
        yield Reimbursement(
            approved_at=instant(row, "approval-date"),
            reimbursement_id=row.required("reimbursement-id"),
            case_id=row.get("case-id"),
            order_id=row.get("amazon-order-id"),
            reason=row.get("reason"),
            sku=row.get("sku"),
            fnsku=row.get("fnsku"),
            currency=row.get("currency-unit"),
            amount_per_unit=row.decimal("amount-per-unit"),
            amount_total=row.decimal("amount-total"),
            quantity_cash=cash,
            quantity_inventory=inventory,
            quantity_total=row.integer("quantity-reimbursed-total", default=cash + inventory),
            original_reimbursement_id=_original(row),
            original_reimbursement_type=row.get("original-reimbursement-type"),
        )


def _original(row: Row) -> str:
    """Some exports write 0 in the column of a row that reverses nothing."""
    value = row.get("original-reimbursement-id")
    return "" if value in ("0", "-") else value
