"""The text a seller pastes into Seller Central's case form: neutral, factual, complete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.reimbursements.evidence import evidence_row

if TYPE_CHECKING:
    from core.reimbursements.case import Case, CaseKind

_TITLES: dict[CaseKind, str] = {
    "customer_return": "Refunded FBA order: units not returned",
    "return_damaged": "FBA customer return damaged by the carrier or in the fulfilment centre",
    "warehouse": "Inventory lost or damaged in the fulfilment centre",
    "removal": "Removal order: units not accounted for",
    "reversal": "Reimbursement reversed: no unit received back",
}
_DATES: dict[CaseKind, str] = {
    "customer_return": "Refund date",
    "return_damaged": "Refund date",
    "warehouse": "Adjustment date",
    "removal": "Removal request date",
    "reversal": "Reversal date",
}
_REQUESTS: dict[CaseKind, str] = {
    "customer_return": (
        "The buyer was refunded and the FBA customer returns report shows fewer units "
        "returned than refunded. Please check whether the units were returned and "
        "reimburse the units that were not."
    ),
    "return_damaged": (
        "The returned units were damaged by the carrier or in the fulfilment centre. "
        "Please reimburse the damaged units."
    ),
    "warehouse": (
        "These units were lost or damaged in the fulfilment centre and have not been "
        "found or reimbursed. Please reimburse them."
    ),
    "removal": (
        "The removal order is completed, but these units were neither shipped, disposed "
        "of nor cancelled. Please locate or reimburse them."
    ),
    "reversal": (
        "This reimbursement was reversed, but no found event or customer return of this "
        "FNSKU is recorded between the original reimbursement and the reversal. Please "
        "review the reversal."
    ),
}
_REASONS = {"M": "lost (M)", "E": "damaged in the warehouse (E)"}


def claim_text(case: Case) -> str:
    """Identity, dates, unit counts, a one-line request, then the report rows that prove it."""
    lines = [_TITLES[case.kind], ""]
    for label, value in (
        ("Order ID", case.order_id if case.kind != "removal" else None),
        ("Removal order ID", case.order_id if case.kind == "removal" else None),
        ("SKU", case.sku),
        ("FNSKU", case.fnsku),
        ("Adjustment reason", _REASONS.get(case.reason)),
        (_DATES[case.kind], case.event_date.isoformat()),
    ):
        if value:
            lines.append(f"{label}: {value}")
    lines.extend(f"{label.capitalize()}: {count}" for label, count in case.figures)
    lines.append(f"Units to reimburse: {case.quantity}")
    lines += ["", _REQUESTS[case.kind], "", "Report rows:"]
    for e in case.evidence:
        row = evidence_row(e)
        cells = "; ".join(f"{name}: {value}" for name, value in row.cells)
        lines.append(f"- {row.report}, {row.day.isoformat()}: {cells}")
    return "\n".join(lines)
